import { describe, expect, it } from 'vitest';
import type { Granularity } from '../../api/types.ts';
import { chooseStep, tickLabel, tickSplits, timeAxisTicks, type TickStep } from './timeAxis.ts';

/** Local midnight of a day (yyyy-mm-dd), in seconds: how the charts put days on the x axis. */
function at(day: string): number {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime() / 1000;
}

describe('chooseStep', () => {
  it.each<{ name: string; from: string; to: string; width: number; granularity: Granularity; step: TickStep }>([
    { name: 'two days of daily data: days, never hours', from: '2026-12-04', to: '2026-12-05', width: 600, granularity: 'day', step: { unit: 'day', step: 1 } },
    { name: 'one week wide: every day', from: '2026-11-30', to: '2026-12-06', width: 600, granularity: 'day', step: { unit: 'day', step: 1 } },
    { name: 'a month on a narrow chart: every other day is too tight, weeks', from: '2026-11-07', to: '2026-12-06', width: 400, granularity: 'day', step: { unit: 'week', step: 1 } },
    { name: 'a month on a wide chart: every other day', from: '2026-11-07', to: '2026-12-06', width: 900, granularity: 'day', step: { unit: 'day', step: 2 } },
    { name: '90 days: fortnights', from: '2026-09-08', to: '2026-12-06', width: 600, granularity: 'day', step: { unit: 'week', step: 2 } },
    { name: 'a year of daily data: months', from: '2025-12-07', to: '2026-12-06', width: 900, granularity: 'day', step: { unit: 'month', step: 1 } },
    { name: 'a year on a phone: quarters', from: '2025-12-07', to: '2026-12-06', width: 320, granularity: 'day', step: { unit: 'month', step: 3 } },
    { name: 'weekly data over two weeks: weeks, not days', from: '2026-11-23', to: '2026-11-30', width: 900, granularity: 'week', step: { unit: 'week', step: 1 } },
    { name: 'monthly data over three months: months', from: '2026-10-01', to: '2026-12-01', width: 900, granularity: 'month', step: { unit: 'month', step: 1 } },
    { name: 'five years of monthly data: years', from: '2021-12-01', to: '2026-12-01', width: 320, granularity: 'month', step: { unit: 'year', step: 1 } },
  ])('$name', ({ from, to, width, granularity, step }) => {
    expect(chooseStep(at(from), at(to), width, granularity)).toEqual(step);
  });
});

describe('tickSplits', () => {
  it.each<{ name: string; min: number; max: number; step: TickStep; ticks: string[] }>([
    {
      name: 'days from the first midnight on or after the minimum',
      min: at('2026-12-03') + 3600,
      max: at('2026-12-06'),
      step: { unit: 'day', step: 1 },
      ticks: ['2026-12-04', '2026-12-05', '2026-12-06'],
    },
    {
      name: 'weeks on Mondays',
      min: at('2026-11-05'),
      max: at('2026-11-25'),
      step: { unit: 'week', step: 1 },
      ticks: ['2026-11-09', '2026-11-16', '2026-11-23'],
    },
    {
      name: 'months on the 1st',
      min: at('2026-09-15'),
      max: at('2026-12-06'),
      step: { unit: 'month', step: 1 },
      ticks: ['2026-10-01', '2026-11-01', '2026-12-01'],
    },
    {
      name: 'quarters on January, April, July and October',
      min: at('2026-02-10'),
      max: at('2027-01-15'),
      step: { unit: 'month', step: 3 },
      ticks: ['2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01'],
    },
    {
      name: 'years on 1 January',
      min: at('2024-06-01'),
      max: at('2026-12-01'),
      step: { unit: 'year', step: 1 },
      ticks: ['2025-01-01', '2026-01-01'],
    },
  ])('$name', ({ min, max, step, ticks }) => {
    expect(tickSplits(min, max, step)).toEqual(ticks.map(at));
  });
});

describe('tickLabel', () => {
  it.each<{ day: string; unit: TickStep['unit']; label: string }>([
    { day: '2026-12-05', unit: 'day', label: '5 Dec' },
    { day: '2026-11-30', unit: 'week', label: '30 Nov' },
    { day: '2026-12-01', unit: 'month', label: 'Dec 2026' },
    { day: '2027-01-01', unit: 'year', label: '2027' },
  ])('$day as a $unit tick: $label', ({ day, unit, label }) => {
    expect(tickLabel(at(day), unit)).toBe(label);
  });
});

describe('timeAxisTicks', () => {
  it('labels the ticks it chose with their unit', () => {
    const { splits, values } = timeAxisTicks('day');
    // Only the plotting area's width is read.
    const plot: unknown = { bbox: { width: 900 } };
    const ticks = (splits as (...args: unknown[]) => number[])(plot, 0, at('2025-12-07'), at('2026-12-06'), 0, 0);
    expect(ticks[0]).toBe(at('2026-01-01'));
    expect((values as (...args: unknown[]) => string[])(plot, ticks, 0, 0, 0).slice(0, 2)).toEqual(['Jan 2026', 'Feb 2026']);
  });
});
