import { describe, expect, it } from 'vitest';
import type { Granularity } from '../../api/types.ts';
import { bucketDays, partialBuckets, partialText } from './partial.ts';

describe('partialBuckets', () => {
  it.each<{ name: string; days: string[]; granularity: Granularity; window?: { from: string; to: string }; today?: string; partial: boolean[] }>([
    {
      name: 'weeks cut at both ends by a window from a Thursday to a Wednesday',
      days: ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'],
      granularity: 'week',
      window: { from: '2026-11-05', to: '2026-11-25' },
      partial: [true, false, false, true],
    },
    {
      name: 'weeks within a window from a Monday to a Sunday',
      days: ['2026-11-02', '2026-11-09'],
      granularity: 'week',
      window: { from: '2026-11-02', to: '2026-11-15' },
      partial: [false, false],
    },
    {
      name: 'the month under way, in a window that ends today',
      days: ['2026-10-01', '2026-11-01', '2026-12-01'],
      granularity: 'month',
      window: { from: '2026-10-01', to: '2026-12-06' },
      today: '2026-12-06',
      partial: [false, false, true],
    },
    {
      name: 'a month ending on the window\'s last day, with today later',
      days: ['2026-11-01'],
      granularity: 'month',
      window: { from: '2026-11-01', to: '2026-11-30' },
      today: '2026-12-06',
      partial: [false],
    },
    {
      name: 'a month that ends yesterday is whole',
      days: ['2026-11-01'],
      granularity: 'month',
      window: { from: '2026-11-01', to: '2026-12-01' },
      today: '2026-12-01',
      partial: [false],
    },
    {
      name: 'daily data: only today, which is under way',
      days: ['2026-12-04', '2026-12-05', '2026-12-06'],
      granularity: 'day',
      window: { from: '2026-12-01', to: '2026-12-06' },
      today: '2026-12-06',
      partial: [false, false, true],
    },
    {
      name: 'no window: only the bucket under way',
      days: ['2026-11-23', '2026-11-30'],
      granularity: 'week',
      today: '2026-12-03',
      partial: [false, true],
    },
    { name: 'neither window nor today: nothing', days: ['2026-11-23', '2026-11-30'], granularity: 'week', partial: [false, false] },
    { name: 'no points', days: [], granularity: 'month', window: { from: '2026-11-05', to: '2026-11-25' }, partial: [] },
  ])('$name', ({ days, granularity, window, today, partial }) => {
    expect(partialBuckets(days, granularity, window, today)).toEqual(partial);
  });

  it('names a partial bucket after its granularity', () => {
    expect(partialText('week')).toBe('partial week');
    expect(partialText('month')).toBe('partial month');
    expect(partialText('day')).toBe('day so far');
  });

  it.each<{ day: string; granularity: Granularity; window?: { from: string; to: string }; today?: string; days: { from: string; to: string } }>([
    { day: '2026-11-02', granularity: 'week', days: { from: '2026-11-02', to: '2026-11-08' } },
    { day: '2026-11-02', granularity: 'week', window: { from: '2026-11-05', to: '2026-11-25' }, days: { from: '2026-11-05', to: '2026-11-08' } },
    { day: '2026-12-01', granularity: 'month', window: { from: '2026-10-01', to: '2026-12-06' }, today: '2026-12-06', days: { from: '2026-12-01', to: '2026-12-05' } },
    { day: '2026-12-01', granularity: 'month', today: '2026-12-01', days: { from: '2026-12-01', to: '2026-12-01' } },
    { day: '2026-12-06', granularity: 'day', today: '2026-12-06', days: { from: '2026-12-06', to: '2026-12-06' } },
  ])('the $granularity of $day covers $days.from to $days.to', ({ day, granularity, window, today, days }) => {
    expect(bucketDays(day, granularity, window, today)).toEqual(days);
  });
});
