import { useCallback, useMemo } from 'react';
import type uPlot from 'uplot';
// uPlot's stylesheet, bundled into the app's CSS file by Vite (the CSP allows only 'self' stylesheets).
import 'uplot/dist/uPlot.min.css';
import type { MetricUnit, SeriesPoint, TrendVerdict } from '../api/types.ts';
import { formatDay, formatValue } from '../pages/format.ts';
import { chartColours, TIME_SCALE, usePlot, widthOf } from './usePlot.ts';

export const CHART_HEIGHT = 180;

type Props = {
  /** The metric's label, for the accessible summary and the legend. */
  label: string;
  unit: MetricUnit;
  points: readonly SeriesPoint[];
  verdict: TrendVerdict;
  /** The days (yyyy-mm-dd) of the client's annotations; those within the points' days are marked. */
  annotations?: readonly string[];
};

/**
 * A day (yyyy-mm-dd) as uPlot's x value: seconds at local midnight, so that uPlot (which shows
 * times in the browser's zone) labels it with that very day.
 */
export function dayToSeconds(day: string): number {
  const [year = NaN, month = NaN, date = NaN] = day.split('-').map(Number);
  return new Date(year, month - 1, date).getTime() / 1000;
}

/** The day (yyyy-mm-dd) of an x value made by `dayToSeconds`. */
export function secondsToDay(seconds: number): string {
  const date = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** uPlot's data for a series: x values (seconds), then y values. */
export function chartData(points: readonly SeriesPoint[]): uPlot.AlignedData {
  return [points.map((p) => dayToSeconds(p.date)), points.map((p) => p.value)];
}

/** "Page views, 90 points, trend up" (", 2 annotations" when some are marked). */
export function chartSummary(label: string, count: number, verdict: TrendVerdict, annotations = 0): string {
  return `${label}, ${count} ${count === 1 ? 'point' : 'points'}, trend ${verdict}${annotationsText(annotations)}`;
}

/** ", 2 annotations" (", 1 annotation"), or nothing for none: the end of a chart's accessible name. */
export function annotationsText(count: number): string {
  return count === 0 ? '' : `, ${String(count)} ${count === 1 ? 'annotation' : 'annotations'}`;
}

/** The days of `days` from `from` to `to` (yyyy-mm-dd, both included), sorted, once each. */
export function daysWithin(days: readonly string[], from: string | undefined, to: string | undefined): string[] {
  if (from === undefined || to === undefined) {
    return [];
  }
  return [...new Set(days.filter((day) => day >= from && day <= to))].sort();
}

/** A stable array for a list of values: the same array as long as its contents are equal. */
export function useStableList<T>(list: readonly T[]): readonly T[] {
  const key = JSON.stringify(list);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => list, [key]);
}

/** The plot's options; colours come from the CSS custom properties `--chart-*` (canvas cannot use CSS). */
function chartOptions(element: HTMLElement, label: string, unit: MetricUnit): uPlot.Options {
  const { line, axis, grid } = chartColours(element);
  return {
    width: widthOf(element),
    height: CHART_HEIGHT,
    scales: { x: TIME_SCALE },
    series: [
      // The legend shows the hovered point's day and value (uPlot passes null when nothing is hovered).
      { label: 'Date', value: (_plot, seconds) => (Number.isFinite(seconds) ? formatDay(secondsToDay(seconds)) : '—') },
      {
        label,
        stroke: line,
        width: 2,
        // A gap (null, whatever uPlot's types say) is shown as a dash by formatValue.
        value: (_plot, value) => formatValue(value, unit),
      },
    ],
    axes: [
      { stroke: axis, grid, ticks: grid },
      {
        stroke: axis,
        grid,
        ticks: grid,
        size: 64,
        values: (_plot, splits) => splits.map((value) => formatValue(value, unit)),
      },
    ],
  };
}

/**
 * A line chart of a metric's points (uPlot, drawn on a canvas). The plot is created once; new points
 * are handed to it with `setData` (no new plot), it follows its container's width, and it is
 * destroyed on unmount. Annotations within its days are dashed vertical lines (redrawn in place). For
 * assistive technology it is one image with a summary as its name.
 */
export function MetricChart({ label, unit, points, verdict, annotations = [] }: Props) {
  const data = useMemo(() => chartData(points), [points]);
  const marked = useStableList(daysWithin(annotations, points.at(0)?.date, points.at(-1)?.date));
  const markers = useMemo(() => marked.map(dayToSeconds), [marked]);
  // A new label or unit changes the axes and legend: that one case makes a new plot.
  const makeOptions = useCallback((element: HTMLElement) => chartOptions(element, label, unit), [label, unit]);
  const containerRef = usePlot(makeOptions, data, CHART_HEIGHT, markers);

  return (
    <div className="metric-chart" role="img" aria-label={chartSummary(label, points.length, verdict, marked.length)}>
      <div ref={containerRef} className="metric-chart-plot" />
    </div>
  );
}
