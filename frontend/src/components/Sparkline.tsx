import { useCallback, useMemo } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatScore } from '../pages/format.ts';
import { chartColours, usePlot } from './usePlot.ts';

export const SPARKLINE_HEIGHT = 32;
const SPARKLINE_WIDTH = 120;

/** "Zoom Factor over the last 90 days: 12 days, from 55.1 to 61.2". */
export function sparklineSummary(label: string, values: readonly number[]): string {
  if (values.length === 0) {
    return `${label}: no history yet`;
  }
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? 0;
  const days = `${String(values.length)} ${values.length === 1 ? 'day' : 'days'}`;
  return values.length === 1
    ? `${label}: ${days}, ${formatScore(last)}`
    : `${label}: ${days}, from ${formatScore(first)} to ${formatScore(last)}`;
}

/** A tiny line without axes or legend: the shape of a series at a glance. */
function sparklineOptions(element: HTMLElement): uPlot.Options {
  const { line } = chartColours(element);
  return {
    width: SPARKLINE_WIDTH,
    height: SPARKLINE_HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    axes: [{ show: false }, { show: false }],
    scales: { x: { time: false } },
    series: [{}, { stroke: line, width: 1.5, points: { show: false } }],
  };
}

/**
 * A sparkline (uPlot, like every chart of the app): created once, its data updated in place when the values change;
 * described for screen readers by its summary.
 */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const data = useMemo<uPlot.AlignedData>(() => [values.map((_, i) => i), [...values]], [values]);
  const makeOptions = useCallback((element: HTMLElement) => sparklineOptions(element), []);
  const ref = usePlot(makeOptions, data, SPARKLINE_HEIGHT);
  return (
    <div className="sparkline" role="img" aria-label={sparklineSummary(label, values)}>
      <div ref={ref} />
    </div>
  );
}
