import { describe, expect, it } from 'vitest';
import { metricData, metricRows } from './metricData.ts';

/** Days as small numbers on the x axis, to read the tables below: 1 November is 1. */
const x = (day: string) => Number(day.slice(8)) + (day.startsWith('2026-12') ? 30 : 0);

describe('metricRows', () => {
  it('marks partial weeks and lays the previous period on the same weeks', () => {
    const rows = metricRows(
      [
        { date: '2026-11-02', value: 40 },
        { date: '2026-11-09', value: 100 },
        { date: '2026-11-16', value: 110 },
        { date: '2026-11-23', value: 30 },
      ],
      {
        granularity: 'week',
        period: { from: '2026-11-05', to: '2026-11-25' },
        previous: { from: '2026-10-15', points: [{ date: '2026-10-12', value: 50 }, { date: '2026-10-19', value: 90 }] },
      },
    );
    expect(rows.map((r) => [r.day, r.value, r.partial, r.previous?.value ?? null])).toEqual([
      ['2026-11-02', 40, true, 50],
      ['2026-11-09', 100, false, 90],
      ['2026-11-16', 110, false, null],
      ['2026-11-23', 30, true, null],
    ]);
    expect(rows[0]?.previous?.originalDay).toBe('2026-10-12');
  });

  it('adds a row where only the previous period has a value', () => {
    const rows = metricRows([{ date: '2026-11-02', value: 4 }], {
      granularity: 'day',
      period: { from: '2026-11-01', to: '2026-11-02' },
      previous: { from: '2026-10-30', points: [{ date: '2026-10-30', value: 3 }] },
    });
    expect(rows.map((r) => [r.day, r.value, r.previous?.value ?? null])).toEqual([
      ['2026-11-01', null, 3],
      ['2026-11-02', 4, null],
    ]);
  });
});

describe('metricData', () => {
  it.each([
    {
      name: 'no partial bucket: one solid line',
      rows: [['2026-11-01', 1, false], ['2026-11-02', 2, false]] as const,
      whole: [1, 2],
      dashed: [null, null],
    },
    {
      name: 'partial at both ends: dashed from each end to its whole neighbour',
      rows: [['2026-11-01', 1, true], ['2026-11-02', 10, false], ['2026-11-03', 12, false], ['2026-11-04', 2, true]] as const,
      whole: [null, 10, 12, null],
      dashed: [1, 10, 12, 2],
    },
    {
      name: 'a row without value in a partial segment: filled in along the segment',
      rows: [['2026-11-01', 10, false], ['2026-11-02', null, false], ['2026-11-03', 2, true]] as const,
      whole: [10, null, null],
      dashed: [10, 6, 2],
    },
    { name: 'a lone partial point', rows: [['2026-12-01', 5, true]] as const, whole: [null], dashed: [5] },
  ])('$name', ({ rows, whole, dashed }) => {
    const data = metricData(
      rows.map(([day, value, partial]) => ({ day, value, partial, previous: null })),
      x,
    );
    expect(data[0]).toEqual(rows.map(([day]) => x(day)));
    expect(data[1]).toEqual(whole);
    expect(data[2]).toEqual(dashed);
    expect(data[3]).toEqual(rows.map(() => null));
  });
});
