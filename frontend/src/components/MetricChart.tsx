import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
// uPlot's stylesheet, bundled into the app's CSS file by Vite (the CSP allows only 'self' stylesheets).
import 'uplot/dist/uPlot.min.css';
import type { MetricUnit, SeriesPoint, TrendVerdict } from '../api/types.ts';
import { formatDay, formatValue } from '../pages/format.ts';

export const CHART_HEIGHT = 180;
/** The width a chart starts with when its container has none yet (hidden, or not laid out). */
const FALLBACK_WIDTH = 320;

type Props = {
  /** The metric's label, for the accessible summary and the legend. */
  label: string;
  unit: MetricUnit;
  points: readonly SeriesPoint[];
  verdict: TrendVerdict;
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

/** "Page views, 90 points, trend up". */
export function chartSummary(label: string, count: number, verdict: TrendVerdict): string {
  return `${label}, ${count} ${count === 1 ? 'point' : 'points'}, trend ${verdict}`;
}

function widthOf(element: HTMLElement): number {
  const width = Math.floor(element.clientWidth);
  return width > 0 ? width : FALLBACK_WIDTH;
}

/** The plot's options; colours come from the CSS custom properties `--chart-*` (canvas cannot use CSS). */
function chartOptions(element: HTMLElement, label: string, unit: MetricUnit): uPlot.Options {
  const css = getComputedStyle(element);
  const colour = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const line = colour('--chart-line', '#1d4ed8');
  const axis = colour('--chart-axis', '#5d6270');
  const grid = { stroke: colour('--chart-grid', '#dcdfe6'), width: 1 };
  return {
    width: widthOf(element),
    height: CHART_HEIGHT,
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
 * destroyed on unmount. For assistive technology it is one image with a summary as its name.
 */
export function MetricChart({ label, unit, points, verdict }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const data = useMemo(() => chartData(points), [points]);
  /** The data the plot should show; read when the plot is (re)created. */
  const latestData = useRef(data);
  const plotRef = useRef<{ plot: uPlot; data: uPlot.AlignedData } | null>(null);

  useEffect(() => {
    const element = containerRef.current;
    if (element === null) {
      return;
    }
    const shown = latestData.current;
    const plot = new uPlot(chartOptions(element, label, unit), shown, element);
    plotRef.current = { plot, data: shown };

    let observer: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver((entries) => {
        const width = Math.floor(entries[0]?.contentRect.width ?? 0);
        if (width > 0 && width !== plot.width) {
          plot.setSize({ width, height: CHART_HEIGHT });
        }
      });
      observer.observe(element);
    }
    return () => {
      observer?.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // A new label or unit changes the axes and legend: that one case makes a new plot.
  }, [label, unit]);

  useEffect(() => {
    latestData.current = data;
    const current = plotRef.current;
    if (current !== null && current.data !== data) {
      current.plot.setData(data);
      current.data = data;
    }
  }, [data]);

  return (
    <div className="metric-chart" role="img" aria-label={chartSummary(label, points.length, verdict)}>
      <div ref={containerRef} className="metric-chart-plot" />
    </div>
  );
}
