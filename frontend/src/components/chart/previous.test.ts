import { describe, expect, it } from 'vitest';
import type { Granularity } from '../../api/types.ts';
import { alignPrevious, type ShiftedPoint } from './previous.ts';

describe('alignPrevious', () => {
  it.each<{ name: string; current: { from: string; to: string }; previous: { from: string; points: { date: string; value: number }[] }; granularity: Granularity; aligned: ShiftedPoint[] }>([
    {
      name: 'day i of the previous 30 days on day i of these 30',
      current: { from: '2026-11-07', to: '2026-12-06' },
      previous: { from: '2026-10-08', points: [{ date: '2026-10-08', value: 1 }, { date: '2026-10-10', value: 3 }, { date: '2026-11-06', value: 30 }] },
      granularity: 'day',
      aligned: [
        { day: '2026-11-07', originalDay: '2026-10-08', value: 1 },
        { day: '2026-11-09', originalDay: '2026-10-10', value: 3 },
        { day: '2026-12-06', originalDay: '2026-11-06', value: 30 },
      ],
    },
    {
      name: 'week k on week k, even when the periods start mid-week',
      // 30 days from Saturday 7 Nov; the previous 30 from Thursday 8 Oct (week of Monday 5 Oct).
      current: { from: '2026-11-07', to: '2026-12-06' },
      previous: { from: '2026-10-08', points: [{ date: '2026-10-05', value: 5 }, { date: '2026-10-12', value: 7 }, { date: '2026-11-02', value: 9 }] },
      granularity: 'week',
      aligned: [
        { day: '2026-11-02', originalDay: '2026-10-05', value: 5 },
        { day: '2026-11-09', originalDay: '2026-10-12', value: 7 },
        { day: '2026-11-30', originalDay: '2026-11-02', value: 9 },
      ],
    },
    {
      name: 'month k on month k; a point past the current period is left out',
      current: { from: '2026-10-01', to: '2026-12-31' },
      previous: { from: '2026-07-01', points: [{ date: '2026-07-01', value: 1 }, { date: '2026-09-01', value: 3 }, { date: '2026-10-01', value: 4 }] },
      granularity: 'month',
      aligned: [
        { day: '2026-10-01', originalDay: '2026-07-01', value: 1 },
        { day: '2026-12-01', originalDay: '2026-09-01', value: 3 },
      ],
    },
    {
      name: 'a point before the previous period is left out',
      current: { from: '2026-12-01', to: '2026-12-02' },
      previous: { from: '2026-11-29', points: [{ date: '2026-11-28', value: 1 }, { date: '2026-11-29', value: 2 }] },
      granularity: 'day',
      aligned: [{ day: '2026-12-01', originalDay: '2026-11-29', value: 2 }],
    },
  ])('$name', ({ current, previous, granularity, aligned }) => {
    expect(alignPrevious(current, previous, granularity)).toEqual(aligned);
  });
});
