import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ScoreHistoryPoint } from '../api/types.ts';
// uPlot is the fake of src/test/fakeUplot.ts in every test (see src/test/setup.ts).
import { plots } from '../test/fakeUplot.ts';
import { TIME_SCALE } from './usePlot.ts';
import { annotationSeconds, historyChartData, historySummary, markerLabel, ScoreHistoryChart } from './ScoreHistoryChart.tsx';

function point(computedAt: string, score: number, overrides: Partial<ScoreHistoryPoint> = {}): ScoreHistoryPoint {
  return {
    computedAt,
    asOf: computedAt.slice(0, 10),
    score,
    quality: score,
    coverage: 0.45,
    authenticityFactor: 1,
    cause: 'data',
    previousScore: null,
    methodologyVersion: '2026-11.1',
    weights: { attention: 0.15, loyalty: 0, reach: 0, amplification: 0, conversation: 0, discoverability: 0, momentum: 0 },
    ...overrides,
  };
}

const POINTS: ScoreHistoryPoint[] = [
  point('2026-11-01T10:00:00Z', 55),
  point('2026-11-15T10:00:00Z', 58, { previousScore: 55 }),
  point('2026-11-15T11:00:00Z', 61.2, { cause: 'weights', previousScore: 58 }),
];

describe('historyChartData', () => {
  it('puts the scores at their moments and a marker on each change of formula', () => {
    expect(historyChartData(POINTS)).toEqual([
      [Date.parse('2026-11-01T10:00:00Z') / 1000, Date.parse('2026-11-15T10:00:00Z') / 1000, Date.parse('2026-11-15T11:00:00Z') / 1000],
      [55, 58, 61.2],
      [null, null, 61.2],
    ]);
  });

  it('falls back to the asOf day when computedAt is unreadable', () => {
    expect(historyChartData([point('?', 50, { asOf: '2026-11-02' })])[0]).toEqual([Date.parse('2026-11-02T00:00:00Z') / 1000]);
  });
});

describe('historySummary and markerLabel', () => {
  it.each<{ causes: ScoreHistoryPoint['cause'][]; expected: string }>([
    { causes: ['data'], expected: 'Zoom Factor history, 1 score, no formula change' },
    { causes: ['data', 'weights'], expected: 'Zoom Factor history, 2 scores, 1 formula change' },
    { causes: ['data', 'weights', 'methodology'], expected: 'Zoom Factor history, 3 scores, 2 formula changes' },
  ])('$causes → $expected', ({ causes, expected }) => {
    expect(historySummary(causes.map((cause) => ({ cause })))).toBe(expected);
  });

  it.each<{ point: Pick<ScoreHistoryPoint, 'cause' | 'score' | 'previousScore'> | undefined; expected: string }>([
    { point: { cause: 'weights', score: 61.23, previousScore: 58 }, expected: 'weights changed: 58.0 \u2192 61.2' },
    { point: { cause: 'methodology', score: 50, previousScore: null }, expected: 'methodology changed: 50.0' },
    { point: { cause: 'data', score: 50, previousScore: 49 }, expected: '—' },
    { point: undefined, expected: '—' },
  ])('marker $expected', ({ point: p, expected }) => {
    expect(markerLabel(p)).toBe(expected);
  });
});

describe('ScoreHistoryChart', () => {
  it('draws one plot with a points-only marker series, then updates it in place', () => {
    const { rerender } = render(<ScoreHistoryChart points={POINTS} />);

    expect(screen.getByRole('img', { name: 'Zoom Factor history, 3 scores, 1 formula change' })).toBeDefined();
    expect(plots).toHaveLength(1);
    const [plot] = plots;
    expect(plot?.options.series.map((s) => s.label)).toEqual(['Computed', 'Zoom Factor', 'Formula change']);
    expect(plot?.data).toEqual(historyChartData(POINTS));
    expect((plot?.options as { scales?: { x?: unknown } } | undefined)?.scales?.x).toBe(TIME_SCALE);

    const more = [...POINTS, point('2026-11-20T10:00:00Z', 62, { previousScore: 61.2 })];
    rerender(<ScoreHistoryChart points={more} />);

    expect(plots).toHaveLength(1);
    expect(plot?.setData).toHaveBeenLastCalledWith(historyChartData(more));
    expect(screen.getByRole('img', { name: 'Zoom Factor history, 4 scores, 1 formula change' })).toBeDefined();
  });

  it('marks the annotations within its days (UTC midnight) and says how many', () => {
    const { rerender } = render(<ScoreHistoryChart points={POINTS} annotations={[POINTS[1]?.asOf ?? '', '1999-01-01']} />);
    const [plot] = plots;
    expect(screen.getByRole('img', { name: 'Zoom Factor history, 3 scores, 1 formula change, 1 annotation' })).toBeDefined();
    expect(plot?.draw()).toEqual([annotationSeconds(POINTS[1]?.asOf ?? '')]);

    rerender(<ScoreHistoryChart points={POINTS} annotations={[]} />);
    expect(plots).toHaveLength(1);
    expect(plot?.redraw).toHaveBeenCalledTimes(1);
    expect(plot?.draw()).toEqual([]);
  });
});

describe('ScoreHistoryChart hover and axis', () => {
  it('has no legend row; hovering shows the moment to the minute, the score, the change of formula and the annotation there', () => {
    render(<ScoreHistoryChart points={POINTS} annotations={[{ date: '2026-11-15', text: 'New weights agreed' }]} />);
    const [plot] = plots;
    expect((plot?.options as { legend?: { show?: boolean } }).legend?.show).toBe(false);
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();

    act(() => {
      plot?.hover(2, Date.parse('2026-11-15T11:00:00Z') / 1000);
    });
    const lines = [...screen.getByTestId('chart-tooltip').querySelectorAll('p')].map((p) => p.textContent);
    expect(lines).toEqual([
      new Date('2026-11-15T11:00:00Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
      'Zoom Factor: 61.2',
      'Formula change: weights changed: 58.0 \u2192 61.2',
      '15 Nov 2026: New weights agreed',
    ]);
    expect(lines[0]).not.toMatch(/:\d\d:\d\d/);

    act(() => {
      plot?.hover(null);
    });
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();
  });

  it('ticks days, never hours, however close the scores are', () => {
    render(<ScoreHistoryChart points={POINTS.slice(1)} />);
    const axis = (plots[0]?.options as unknown as { axes: { splits: (...args: unknown[]) => number[]; values: (...args: unknown[]) => string[] }[] }).axes[0];
    const min = Date.parse('2026-11-14T11:00:00Z') / 1000;
    const max = Date.parse('2026-11-16T11:00:00Z') / 1000;
    const ticks = axis?.splits({ bbox: { width: 2000 } }, 0, min, max) ?? [];
    expect(ticks.length).toBeGreaterThan(0);
    for (const tick of ticks) {
      expect(new Date(tick * 1000).getHours()).toBe(0);
    }
    expect(axis?.values({}, ticks).every((label) => /^\d{1,2} [A-Z][a-z]{2}$/.test(label))).toBe(true);
  });
});
