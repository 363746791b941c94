import { describe, expect, it } from 'vitest';
import type { Granularity } from '../../api/types.ts';
import { addBuckets, bucketEnd, bucketsBetween, bucketStart, inferGranularity, previousPeriod } from './calendar.ts';

describe('buckets', () => {
  it.each<{ day: string; granularity: Granularity; start: string; end: string }>([
    { day: '2026-12-05', granularity: 'day', start: '2026-12-05', end: '2026-12-05' },
    // Saturday 5 Dec 2026 is in the week of Monday 30 Nov.
    { day: '2026-12-05', granularity: 'week', start: '2026-11-30', end: '2026-12-06' },
    { day: '2026-11-30', granularity: 'week', start: '2026-11-30', end: '2026-12-06' },
    { day: '2026-12-06', granularity: 'week', start: '2026-11-30', end: '2026-12-06' },
    { day: '2027-01-01', granularity: 'week', start: '2026-12-28', end: '2027-01-03' },
    { day: '2026-12-05', granularity: 'month', start: '2026-12-01', end: '2026-12-31' },
    { day: '2028-02-10', granularity: 'month', start: '2028-02-01', end: '2028-02-29' },
  ])('$day by $granularity: $start to $end', ({ day, granularity, start, end }) => {
    expect(bucketStart(day, granularity)).toBe(start);
    expect(bucketEnd(day, granularity)).toBe(end);
  });

  it.each<{ from: string; to: string; granularity: Granularity; count: number }>([
    { from: '2026-12-01', to: '2026-12-05', granularity: 'day', count: 4 },
    { from: '2026-12-03', to: '2026-12-07', granularity: 'week', count: 1 },
    { from: '2026-11-30', to: '2026-12-06', granularity: 'week', count: 0 },
    { from: '2026-11-15', to: '2027-02-01', granularity: 'month', count: 3 },
  ])('$from to $to is $count $granularity buckets', ({ from, to, granularity, count }) => {
    expect(bucketsBetween(from, to, granularity)).toBe(count);
    expect(addBuckets(bucketStart(from, granularity), count, granularity)).toBe(bucketStart(to, granularity));
  });

  it.each([
    { from: '2026-11-07', to: '2026-12-06', previous: { from: '2026-10-08', to: '2026-11-06' } },
    { from: '2026-03-01', to: '2026-03-01', previous: { from: '2026-02-28', to: '2026-02-28' } },
  ])('the period before $from–$to is as long', ({ from, to, previous }) => {
    expect(previousPeriod(from, to)).toEqual(previous);
  });

  it.each<{ days: string[]; granularity: Granularity }>([
    { days: [], granularity: 'day' },
    { days: ['2026-12-01'], granularity: 'day' },
    { days: ['2026-12-01', '2026-12-02'], granularity: 'day' },
    { days: ['2026-11-23', '2026-11-30', '2026-12-14'], granularity: 'week' },
    { days: ['2026-10-01', '2026-11-01', '2026-12-01'], granularity: 'month' },
    // Mondays that are days apart are daily data with gaps, not weeks.
    { days: ['2026-11-30', '2026-12-01'], granularity: 'day' },
  ])('$days look like $granularity data', ({ days, granularity }) => {
    expect(inferGranularity(days)).toBe(granularity);
  });
});
