import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { TIME_SCALE } from './usePlot.ts';

type Range = (plot: { data: number[][] }, min: number, max: number, scaleKey: string) => uPlot.Range.MinMax;

describe('TIME_SCALE', () => {
  const range = TIME_SCALE.range as Range;

  it('keeps the span of the data', () => {
    expect(range({ data: [[1_000, 5_000, 90_000]] }, 1_000, 90_000, 'x')).toEqual([1_000, 90_000]);
    expect(range({ data: [[]] }, 0, 0, 'x')).toEqual([0, 0]);
  });

  it('shows a lone moment with a day either side, not years of empty axis', () => {
    // uPlot hands over its own widened range (86,400,000 s): the data say it is one moment
    expect(range({ data: [[1_764_547_200]] }, 1_764_547_200, 1_764_547_200 + 86_400_000, 'x')).toEqual([1_764_460_800, 1_764_633_600]);
  });
});
