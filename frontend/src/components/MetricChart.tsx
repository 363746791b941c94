import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type uPlot from 'uplot';
// uPlot's stylesheet, bundled into the app's CSS file by Vite (the CSP allows only 'self' stylesheets).
import 'uplot/dist/uPlot.min.css';
import type { Granularity, MetricUnit, SeriesPoint, TrendVerdict } from '../api/types.ts';
import { formatDay, formatPeriod, formatValue, NO_VALUE } from '../pages/format.ts';
import { annotationsIn, annotationsNear, annotationsWithin, type ChartAnnotation } from './chart/annotations.ts';
import { bucketEnd, inferGranularity, localToday } from './chart/calendar.ts';
import { metricData, metricRows, type ChartRow } from './chart/metricData.ts';
import { bucketDays, partialText } from './chart/partial.ts';
import { timeAxisTicks } from './chart/timeAxis.ts';
import { chartColours, TIME_SCALE, usePlot, widthOf, type Hover } from './usePlot.ts';

export const CHART_HEIGHT = 180;

/** An annotation to mark: a bare day (yyyy-mm-dd), or anything with a day and a text (the API's `Annotation` fits). */
export type AnnotationInput = string | { date: string; text?: string };

type Props = {
  /** The metric's label, for the accessible summary and the hover legend. */
  label: string;
  unit: MetricUnit;
  /** One value per bucket, by day (a week's or month's first day), as a `Series` answers them. */
  points: readonly SeriesPoint[];
  verdict: TrendVerdict;
  /** The client's annotations; those within the chart's days are marked, their text shown on hover. */
  annotations?: readonly AnnotationInput[];
  /** How the points are bucketed (the `Series`' granularity); read from their days when absent. */
  granularity?: Granularity;
  /**
   * The days the points were asked for (the `Series`' from and to): a week or month it cuts is drawn as
   * partial (dashed, hollow point), not as a drop.
   */
  period?: { from: string; to: string };
  /**
   * The period just before (e.g. the `Series` asked for `previousPeriod(from, to)` of calendar.ts): overlaid as
   * a lighter line, its k-th day, week or month on this period's k-th, shown until the viewer turns it off.
   */
  previous?: { from: string; to?: string; points: readonly SeriesPoint[] };
  /** The current day (yyyy-mm-dd): its bucket is still under way, so partial. The browser's today when absent. */
  today?: string;
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

/** uPlot's data for points alone (no period, nothing before, nothing under way): x (seconds), whole, partial, previous. */
export function chartData(points: readonly SeriesPoint[], granularity: Granularity = inferGranularity(points.map((p) => p.date))): uPlot.AlignedData {
  return metricData(metricRows(points, { granularity }), dayToSeconds);
}

/** "Page views, 90 points, trend up" (", 2 annotations" when some are marked). */
export function chartSummary(label: string, count: number, verdict: TrendVerdict, annotations = 0): string {
  return `${label}, ${count} ${count === 1 ? 'point' : 'points'}, trend ${verdict}${annotationsText(annotations)}`;
}

/** ", 2 annotations" (", 1 annotation"), or nothing for none: the end of a chart's accessible name. */
export function annotationsText(count: number): string {
  return count === 0 ? '' : `, ${String(count)} ${count === 1 ? 'annotation' : 'annotations'}`;
}

/** A stable array for a list of values: the same array as long as its contents are equal. */
export function useStableList<T>(list: readonly T[]): readonly T[] {
  const key = JSON.stringify(list);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => list, [key]);
}

/** The indices of the partial rows: where the dashed series draws a hollow point. */
function partialIndices(rows: readonly ChartRow[]): number[] {
  return rows.flatMap((row, i) => (row.partial ? [i] : []));
}

/** The plot's options; colours come from the CSS custom properties `--chart-*` (canvas cannot use CSS). */
function chartOptions(
  element: HTMLElement,
  label: string,
  granularity: { readonly current: Granularity },
  rows: { readonly current: readonly ChartRow[] },
  unit: MetricUnit,
): uPlot.Options {
  const { line, axis, grid, previous, surface } = chartColours(element);
  return {
    width: widthOf(element),
    height: CHART_HEIGHT,
    scales: { x: TIME_SCALE },
    // The values show in a tooltip while hovering (ChartTooltip), not in a legend row that is empty otherwise.
    legend: { show: false },
    series: [
      {},
      { label, stroke: line, width: 2, spanGaps: true, points: { show: false } },
      {
        label: 'Partial',
        stroke: line,
        width: 2,
        dash: [5, 5],
        points: { show: true, size: 8, width: 2, stroke: line, fill: surface, filter: () => partialIndices(rows.current) },
      },
      { label: 'Previous period', stroke: previous, width: 1.5, spanGaps: true, points: { show: false } },
    ],
    axes: [
      { stroke: axis, grid, ticks: grid, ...timeAxisTicks(granularity) },
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

/** One line of a hover legend: a series' name and its value there. */
export type TooltipLine = { name: string; value: string; kind: 'current' | 'previous' | 'marker' };

/**
 * The legend of a hovered point, next to the pointer; nothing when the pointer is not on the chart. It
 * repeats what the chart's table holds, so it is hidden from assistive technology.
 */
export function ChartTooltip({ hover, title, lines, notes }: { hover: Hover | null; title: string; lines: readonly TooltipLine[]; notes: readonly string[] }) {
  if (hover === null) {
    return null;
  }
  // Kept on the side of the pointer with more room.
  const side = hover.left > hover.width / 2 ? 'left' : 'right';
  return (
    <div className={`chart-tooltip chart-tooltip-${side}`} style={{ left: hover.left, top: hover.top }} aria-hidden="true" data-testid="chart-tooltip">
      <p className="chart-tooltip-title">{title}</p>
      {lines.map((line) => (
        <p key={line.name} className={`chart-tooltip-line chart-tooltip-${line.kind}`}>
          {line.name}: <strong>{line.value}</strong>
        </p>
      ))}
      {notes.map((note, i) => (
        <p key={`${String(i)}-${note}`} className="chart-tooltip-note">
          {note}
        </p>
      ))}
    </div>
  );
}

/**
 * The chart's values as a table, behind a disclosure (rendered only when opened): what the hover legend
 * shows, for keyboards and screen readers.
 */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: () => readonly (readonly string[])[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-table" onToggle={(event) => {
        setOpen(event.currentTarget.open);
      }}>
      <summary>Values as a table</summary>
      {open && (
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows().map((cells, i) => (
              <tr key={`${String(i)}-${cells[0] ?? ''}`}>
                {cells.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** What an annotation says on hover: its text, or that there is one. */
export function annotationNote(annotation: ChartAnnotation): string {
  return `${formatDay(annotation.date)}: ${annotation.text === '' ? 'annotation' : annotation.text}`;
}

/**
 * A line chart of a metric's buckets (uPlot, drawn on a canvas). Weeks and months that the period cuts, and
 * the one under way, are dashed with a hollow point; the previous period is a lighter line on the same
 * buckets; annotations are dashed vertical lines whose text shows on hover; the values show next to the
 * pointer while hovering. The plot is created once; new points are handed to it with `setData`, it follows
 * its container's width, and it is destroyed on unmount. For assistive technology it is one image with a
 * summary as its name, and its values are in a table behind a disclosure.
 */
export function MetricChart({ label, unit, points, verdict, annotations = [], granularity, period, previous, today }: Props) {
  const bucketing = granularity ?? inferGranularity(points.map((p) => p.date));
  const day = today ?? localToday();
  const [compare, setCompare] = useState(true);
  const shownPrevious = compare ? previous : undefined;
  const from = period?.from;
  const to = period?.to;
  const rows = useMemo(
    () => metricRows(points, { granularity: bucketing, period: from !== undefined && to !== undefined ? { from, to } : undefined, previous: shownPrevious, today: day }),
    [points, bucketing, from, to, shownPrevious, day],
  );
  const data = useMemo(() => metricData(rows, dayToSeconds), [rows]);
  /** The rows on show, for the hollow points (the plot outlives any one set of rows); set before usePlot hands the plot new data. */
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);

  const first = points.at(0)?.date;
  const last = points.at(-1)?.date;
  const marked = useStableList(
    annotationsWithin(annotations, from ?? first, to ?? (last === undefined ? undefined : bucketEnd(last, bucketing))),
  );
  const markers = useMemo(() => [...new Set(marked.map((a) => a.date))].map(dayToSeconds), [marked]);
  const [hover, setHover] = useState<Hover | null>(null);
  /** The bucketing the axis ticks follow, read at each draw: another granularity is new data for the same plot. */
  const bucketingRef = useRef(bucketing);
  useEffect(() => {
    bucketingRef.current = bucketing;
  }, [bucketing]);
  // A new label or unit changes the axes: that one case makes a new plot.
  const makeOptions = useCallback((element: HTMLElement) => chartOptions(element, label, bucketingRef, rowsRef, unit), [label, unit]);
  const containerRef = usePlot(makeOptions, data, CHART_HEIGHT, markers, setHover);

  const asked = from !== undefined && to !== undefined ? { from, to } : undefined;
  /** The days a bucket's value covers (within `cut`, before today), as a title. */
  const daysOf = (bucketDay: string, cut: { from: string; to: string } | undefined): string => {
    const days = bucketDays(bucketDay, bucketing, cut, day);
    return formatPeriod(days.from, days.to);
  };
  const previousWindow = previous?.to === undefined ? undefined : { from: previous.from, to: previous.to };
  const describe = (row: ChartRow): { title: string; partial: string | null } => ({
    title: daysOf(row.day, asked),
    partial: row.partial ? partialText(bucketing) : null,
  });
  const hovered = hover === null ? undefined : rows[hover.idx];
  let tooltip: ReactNode = null;
  if (hover !== null && hovered !== undefined) {
    const { title, partial } = describe(hovered);
    const lines: TooltipLine[] = [{ name: label, value: hovered.value === null ? NO_VALUE : formatValue(hovered.value, unit), kind: 'current' }];
    if (hovered.previous !== null) {
      const original = daysOf(hovered.previous.originalDay, previousWindow);
      lines.push({ name: `Previous period (${original})`, value: formatValue(hovered.previous.value, unit), kind: 'previous' });
    }
    const bucket = { from: hovered.day, to: bucketEnd(hovered.day, bucketing) };
    const notes = annotationsNear(marked, bucket, hover, dayToSeconds).map(annotationNote);
    tooltip = <ChartTooltip hover={hover} title={partial === null ? title : `${title} (${partial})`} lines={lines} notes={notes} />;
  }

  const hasPartial = rows.some((row) => row.partial);
  const comparing = previous !== undefined && compare;
  return (
    <div className="metric-chart">
      <div className="metric-chart-frame" role="img" aria-label={chartSummary(label, points.length, verdict, marked.length)}>
        <div ref={containerRef} className="metric-chart-plot" />
        {tooltip}
      </div>
      <div className="chart-footer">
        {(hasPartial || comparing) && (
          <p className="chart-key">
            {hasPartial && <span className="chart-key-partial">Dashed, hollow point: {partialText(bucketing)}, not comparable</span>}
            {comparing && (
              <span className="chart-key-previous">
                Lighter line: the previous period{previousWindow === undefined ? '' : ` (${formatPeriod(previousWindow.from, previousWindow.to)})`}
              </span>
            )}
          </p>
        )}
        {previous !== undefined && (
          <label className="chart-compare">
            <input
              type="checkbox"
              checked={compare}
              onChange={(event) => {
                setCompare(event.currentTarget.checked);
              }}
            />{' '}
            Compare with the previous period
          </label>
        )}
        <ChartTable
          caption={`${label} by ${bucketing}`}
          columns={comparing ? [periodColumn(bucketing), label, 'Previous period', 'Note'] : [periodColumn(bucketing), label, 'Note']}
          rows={() =>
            rows.map((row) => {
              const { title, partial } = describe(row);
              const value = row.value === null ? NO_VALUE : formatValue(row.value, unit);
              const notes = [partial, ...annotationsIn(marked, { from: row.day, to: bucketEnd(row.day, bucketing) }).map((a) => a.text || 'annotation')]
                .filter((n): n is string => n !== null)
                .join('; ');
              const before = row.previous === null ? NO_VALUE : formatValue(row.previous.value, unit);
              return comparing ? [title, value, before, notes] : [title, value, notes];
            })
          }
        />
      </div>
    </div>
  );
}

/** The table's first column: "Day", "Week", "Month". */
function periodColumn(granularity: Granularity): string {
  return granularity.charAt(0).toUpperCase() + granularity.slice(1);
}
