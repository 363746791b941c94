import type uPlot from 'uplot';
import type { Granularity } from '../../api/types.ts';
import { partialBuckets } from './partial.ts';
import { alignPrevious, type ShiftedPoint } from './previous.ts';

/** One x position of a metric chart: the bucket's day, its value (null: none), whether it is partial, the previous period's value there. */
export type ChartRow = { day: string; value: number | null; partial: boolean; previous: ShiftedPoint | null };

/** What a metric chart shows besides its points. */
export type RowOptions = {
  granularity: Granularity;
  /** The days the points were asked for (both included). */
  period?: { from: string; to: string } | undefined;
  /** The period before, whose points are overlaid on the same buckets. */
  previous?: { from: string; points: readonly { date: string; value: number }[] } | undefined;
  /** The current day, so that a bucket still under way counts as partial. */
  today?: string | undefined;
};

/**
 * The rows of a metric chart: one per bucket that has a value this period or the previous one, by day.
 */
export function metricRows(points: readonly { date: string; value: number }[], options: RowOptions): ChartRow[] {
  const { granularity, period, previous, today } = options;
  const partial = partialBuckets(points.map((p) => p.date), granularity, period, today);
  const rows = new Map<string, ChartRow>();
  points.forEach((point, i) => {
    rows.set(point.date, { day: point.date, value: point.value, partial: partial[i] ?? false, previous: null });
  });
  const current = period ?? { from: points.at(0)?.date ?? '', to: points.at(-1)?.date ?? '' };
  if (previous !== undefined && current.from !== '') {
    for (const shifted of alignPrevious(current, previous, granularity)) {
      const row = rows.get(shifted.day) ?? { day: shifted.day, value: null, partial: false, previous: null };
      rows.set(shifted.day, { ...row, previous: shifted });
    }
  }
  return [...rows.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/**
 * uPlot's data for the rows: x (`toSeconds` of each day), the whole buckets (a solid line; partial ones
 * left out), the partial ones joined to their whole neighbours (a dashed line), and the previous period.
 * A partial bucket's segment is filled in along the straight line between its two points, so that no x
 * of the other series in between breaks the dashes.
 */
export function metricData(rows: readonly ChartRow[], toSeconds: (day: string) => number): uPlot.AlignedData {
  const xs = rows.map((row) => toSeconds(row.day));
  const whole = rows.map((row) => (row.partial ? null : row.value));
  const dashed: (number | null)[] = rows.map(() => null);
  const valued = rows.flatMap((row, i) => (row.value === null ? [] : [i]));
  valued.forEach((i, n) => {
    const next = valued[n + 1];
    if (next === undefined) {
      if (rows[i]?.partial === true) {
        dashed[i] = rows[i].value; // a lone partial point still shows (as a point)
      }
      return;
    }
    if (rows[i]?.partial !== true && rows[next]?.partial !== true) {
      return;
    }
    const a = { x: xs[i] ?? 0, y: rows[i]?.value ?? 0 };
    const b = { x: xs[next] ?? 0, y: rows[next]?.value ?? 0 };
    for (let j = i; j <= next; j++) {
      const x = xs[j] ?? 0;
      dashed[j] = b.x === a.x ? a.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
    }
  });
  const previous = rows.map((row) => row.previous?.value ?? null);
  return [xs, whole, dashed, previous];
}
