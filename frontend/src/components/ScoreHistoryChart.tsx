import { useCallback, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { ScoreHistoryPoint } from '../api/types.ts';
import { formatDateTime, formatScore, NO_VALUE } from '../pages/format.ts';
import { annotationsIn, annotationsNear, annotationsWithin } from './chart/annotations.ts';
import { timeAxisTicks } from './chart/timeAxis.ts';
import { annotationNote, annotationsText, ChartTable, ChartTooltip, useStableList, type AnnotationInput, type TooltipLine } from './MetricChart.tsx';
import { chartColours, TIME_SCALE, usePlot, widthOf, type Hover } from './usePlot.ts';

export const HISTORY_CHART_HEIGHT = 160;

/** A point's moment as uPlot's x value (seconds); its `asOf` day at UTC midnight when `computedAt` is unreadable. */
function secondsOf(point: Pick<ScoreHistoryPoint, 'computedAt' | 'asOf'>): number {
  const at = Date.parse(point.computedAt);
  return (Number.isNaN(at) ? Date.parse(`${point.asOf}T00:00:00Z`) : at) / 1000;
}

export function isFormulaChange(point: Pick<ScoreHistoryPoint, 'cause'>): boolean {
  return point.cause !== 'data';
}

/** uPlot's data: x (seconds of `computedAt`), the scores, and the formula changes' markers (null elsewhere). */
export function historyChartData(points: readonly ScoreHistoryPoint[]): uPlot.AlignedData {
  return [
    points.map(secondsOf),
    points.map((p) => p.score),
    points.map((p) => (isFormulaChange(p) ? p.score : null)),
  ];
}

/** An annotation's day as this chart's x value: UTC midnight, like a point's `asOf`. */
export function annotationSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** "Zoom Factor history, 5 scores, 1 formula change" (the chart's accessible name; ", 2 annotations" when some are marked). */
export function historySummary(points: readonly Pick<ScoreHistoryPoint, 'cause'>[], annotations = 0, scoreName = 'Zoom Factor'): string {
  const changes = points.filter(isFormulaChange).length;
  const scores = `${String(points.length)} ${points.length === 1 ? 'score' : 'scores'}`;
  const formula = changes === 0 ? 'no formula change' : `${String(changes)} formula ${changes === 1 ? 'change' : 'changes'}`;
  return `${scoreName} history, ${scores}, ${formula}${annotationsText(annotations)}`;
}

/** What the hover legend and the table say of a formula change: "weights changed: 58.0 → 61.2"; empty for a change of data. */
export function markerLabel(point: Pick<ScoreHistoryPoint, 'cause' | 'score' | 'previousScore'> | undefined): string {
  if (point === undefined || !isFormulaChange(point)) {
    return NO_VALUE;
  }
  const before = point.previousScore === null ? '' : `${formatScore(point.previousScore)} \u2192 `;
  return `${point.cause} changed: ${before}${formatScore(point.score)}`;
}

/**
 * The Zoom Factor over time (uPlot): a line of the scores, and a marker on each change of formula
 * (weights or methodology); annotations within its days are dashed vertical lines. The time axis ticks
 * whole days or coarser; while hovering, the score, its moment (to the minute), what changed and the
 * annotations there show next to the pointer. One plot, updated in place with `setData`; its values are
 * also in a table behind a disclosure.
 */
export function ScoreHistoryChart({
  points,
  annotations = [],
  scoreName = 'Zoom Factor',
}: {
  points: readonly ScoreHistoryPoint[];
  /** What the score is called: the product's name for the agency, "Score" on a white-labelled shared dashboard. */
  scoreName?: string;
  /** The client's annotations (bare days, or with their text); those within the scores' days are marked, their text shown on hover. */
  annotations?: readonly AnnotationInput[];
}) {
  const data = useMemo(() => historyChartData(points), [points]);
  const marked = useStableList(annotationsWithin(annotations, points.at(0)?.asOf, points.at(-1)?.asOf));
  const markers = useMemo(() => [...new Set(marked.map((a) => a.date))].map(annotationSeconds), [marked]);
  const [hover, setHover] = useState<Hover | null>(null);
  const makeOptions = useCallback((element: HTMLElement): uPlot.Options => {
    const { line, axis, grid, marker } = chartColours(element);
    return {
      width: widthOf(element),
      height: HISTORY_CHART_HEIGHT,
      scales: { x: TIME_SCALE },
      // The values show in a tooltip while hovering, not in a legend row that is empty otherwise.
      legend: { show: false },
      series: [
        { label: 'Computed' },
        { label: scoreName, stroke: line, width: 2 },
        {
          label: 'Formula change',
          stroke: marker,
          fill: marker,
          paths: () => null,
          points: { show: true, size: 10, stroke: marker, fill: marker },
        },
      ],
      axes: [
        // Scores are recorded at moments, but read by the day: no ticks finer than days, so no seconds.
        { stroke: axis, grid, ticks: grid, ...timeAxisTicks('day') },
        { stroke: axis, grid, ticks: grid, size: 48, values: (_plot, splits) => splits.map((v) => formatScore(v)) },
      ],
    };
  }, [scoreName]);
  const containerRef = usePlot(makeOptions, data, HISTORY_CHART_HEIGHT, markers, setHover);
  const hovered = hover === null ? undefined : points[hover.idx];
  const linesOf = (point: ScoreHistoryPoint): TooltipLine[] => [
    { name: scoreName, value: formatScore(point.score), kind: 'current' },
    ...(isFormulaChange(point) ? [{ name: 'Formula change', value: markerLabel(point), kind: 'marker' as const }] : []),
  ];
  return (
    <div className="metric-chart score-history-chart">
      <div className="metric-chart-frame" role="img" aria-label={historySummary(points, marked.length, scoreName)}>
        <div ref={containerRef} className="metric-chart-plot score-history-plot" />
        {hover !== null && hovered !== undefined && (
          <ChartTooltip
            hover={hover}
            title={formatDateTime(hovered.computedAt)}
            lines={linesOf(hovered)}
            notes={annotationsNear(marked, { from: hovered.asOf, to: hovered.asOf }, hover, annotationSeconds).map(annotationNote)}
          />
        )}
      </div>
      <div className="chart-footer">
        <ChartTable
          caption={`${scoreName} history`}
          columns={['Computed', scoreName, 'Note']}
          rows={() =>
            points.map((point) => [
              formatDateTime(point.computedAt),
              formatScore(point.score),
              [isFormulaChange(point) ? markerLabel(point) : null, ...annotationsIn(marked, { from: point.asOf, to: point.asOf }).map((a) => a.text || 'annotation')]
                .filter((note): note is string => note !== null)
                .join('; '),
            ])
          }
        />
      </div>
    </div>
  );
}
