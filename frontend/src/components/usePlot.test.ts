import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { hoverPlugin, TIME_SCALE, type Hover } from './usePlot.ts';

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

describe('hoverPlugin', () => {
  /** A plot with the pointer at `left` (CSS pixels in the plotting area); 1 px is 3,600 s, the area 40 px from the container's left. */
  function plotAt(idx: number | null, left: number) {
    return {
      cursor: { idx, left, top: 20 },
      over: { offsetLeft: 40, offsetTop: 8 },
      width: 600,
      posToVal: (position: number) => 1_000_000 + position * 3_600,
    };
  }

  function heard(plot: ReturnType<typeof plotAt>): (Hover | null)[] {
    const calls: (Hover | null)[] = [];
    const hook = hoverPlugin({ current: (hover) => calls.push(hover) }).hooks.setCursor;
    const run = (Array.isArray(hook) ? hook[0] : hook) as unknown as (plot: unknown) => void;
    run(plot);
    return calls;
  }

  it('tells where the pointer is, within the container, and the x under it', () => {
    expect(heard(plotAt(3, 100))).toEqual([{ idx: 3, left: 140, top: 28, width: 600, seconds: 1_360_000, secondsPerPixel: 3_600 }]);
  });

  it.each([
    { name: 'the pointer left the plot', idx: 3, left: -10 },
    { name: 'no point is near', idx: null, left: 100 },
  ])('hears null when $name', ({ idx, left }) => {
    expect(heard(plotAt(idx, left))).toEqual([null]);
  });
});
