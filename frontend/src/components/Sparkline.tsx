import { useMemo } from 'react';
import { formatScore } from '../pages/format.ts';

export const SPARKLINE_HEIGHT = 32;
export const SPARKLINE_WIDTH = 120;
/** Half the line's width: the line's extremes stay inside the box instead of being cut in half. */
const INSET = 1;

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

/**
 * The polyline's points in a `width` × `height` box: evenly spaced left to right, the lowest value at the bottom and the
 * highest at the top (a flat series sits in the middle; a single value is a short flat line across the box).
 */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) {
    return '';
  }
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low;
  const bottom = height - INSET;
  const usable = height - 2 * INSET;
  const y = (value: number) => (span === 0 ? height / 2 : bottom - ((value - low) / span) * usable);
  if (values.length === 1) {
    const level = round(y(values[0] ?? 0));
    return `${String(INSET)},${level} ${String(width - INSET)},${level}`;
  }
  const step = (width - 2 * INSET) / (values.length - 1);
  return values.map((value, i) => `${round(INSET + i * step)},${round(y(value))}`).join(' ');
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * A sparkline: the shape of a series at a glance, without axes or legend, described for screen readers by its
 * summary. An inline SVG polyline rather than a chart instance: the portfolio draws a screenful of them at once, and
 * a chart library's setup per row (canvas, measuring, colours read from the styles) cost more than the rest of the row.
 */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const points = useMemo(() => sparklinePoints(values, SPARKLINE_WIDTH, SPARKLINE_HEIGHT), [values]);
  return (
    <div className="sparkline" role="img" aria-label={sparklineSummary(label, values)}>
      <svg width={SPARKLINE_WIDTH} height={SPARKLINE_HEIGHT} viewBox={`0 0 ${String(SPARKLINE_WIDTH)} ${String(SPARKLINE_HEIGHT)}`} aria-hidden="true" focusable="false">
        <polyline points={points} />
      </svg>
    </div>
  );
}
