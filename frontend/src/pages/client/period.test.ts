import { describe, expect, it } from 'vitest';
import { addDays, defaultGranularity, parseGranularity, parsePeriod, periodRange, todayIn, type PeriodKey } from './period.ts';

describe('period helpers', () => {
  it.each([
    { day: '2026-11-26', days: -29, expected: '2026-10-28' },
    { day: '2026-03-01', days: -1, expected: '2026-02-28' },
    { day: '2024-03-01', days: -1, expected: '2024-02-29' },
    { day: '2026-12-31', days: 1, expected: '2027-01-01' },
  ])('addDays($day, $days) = $expected', ({ day, days, expected }) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it.each<{ period: PeriodKey; today: string; from: string }>([
    { period: '30d', today: '2026-11-26', from: '2026-10-28' },
    { period: '90d', today: '2026-11-26', from: '2026-08-29' },
    { period: '12m', today: '2026-11-26', from: '2025-11-27' },
    { period: '12m', today: '2028-02-29', from: '2027-03-02' },
  ])('$period up to $today starts on $from', ({ period, today, from }) => {
    expect(periodRange(period, today)).toEqual({ from, to: today });
  });

  it.each([
    { zone: 'UTC', now: '2026-11-26T23:30:00Z', expected: '2026-11-26' },
    { zone: 'Asia/Tokyo', now: '2026-11-26T23:30:00Z', expected: '2026-11-27' },
    { zone: 'America/New_York', now: '2026-11-27T02:00:00Z', expected: '2026-11-26' },
    { zone: 'Not/AZone', now: '2026-11-26T23:30:00Z', expected: '2026-11-26' },
  ])('today in $zone at $now is $expected', ({ zone, now, expected }) => {
    expect(todayIn(zone, new Date(now))).toBe(expected);
  });

  it('starts a year with weeks and shorter periods with days', () => {
    expect([defaultGranularity('30d'), defaultGranularity('90d'), defaultGranularity('12m')]).toEqual(['day', 'day', 'week']);
  });
});

describe('period and granularity from the URL', () => {
  it.each([
    { value: '30d', expected: '30d' },
    { value: '12m', expected: '12m' },
    { value: '7y', expected: null },
    { value: null, expected: null },
  ])('period $value → $expected', ({ value, expected }) => {
    expect(parsePeriod(value)).toBe(expected);
  });

  it.each([
    { value: 'week', expected: 'week' },
    { value: 'hour', expected: null },
    { value: null, expected: null },
  ])('granularity $value → $expected', ({ value, expected }) => {
    expect(parseGranularity(value)).toBe(expected);
  });
});
