import { aggregate, type Aggregation } from './catalogue.ts';
import { monthStart, weekStart } from './days.ts';
import type { Verdict } from './model.ts';

/**
 * Rule T's trend verdict: a Mann–Kendall test on the window's values in date order, called up or down at p < 0.03,
 * on weekly (then monthly) values when there are more than 120 of them.
 */

const SIGNIFICANCE = 0.03;
const MIN_VALUES = 4;
export const MAX_POINTS = 120;

/** erfc with relative error below 1.2e-7 (Numerical Recipes' Chebyshev fit), the one the published p-values use. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const tail = Math.min(1, t * Math.exp(-z * z + polynomial));
  return x >= 0 ? tail : 2 - tail;
}

/** The verdict of values taken at equal steps, oldest first. */
export function verdictOf(values: readonly number[]): Verdict {
  const n = values.length;
  if (n < MIN_VALUES) {
    return 'flat';
  }
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = values[i] as number;
    for (let j = i + 1; j < n; j++) {
      const xj = values[j] as number;
      s += xj > xi ? 1 : xj < xi ? -1 : 0;
    }
  }
  if (s === 0) {
    return 'flat';
  }
  // Variance of S without a trend, less what groups of tied values take away.
  let variance = n * (n - 1) * (2 * n + 5);
  const sorted = [...values].sort((a, b) => a - b);
  let groupStart = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || sorted[i] !== sorted[groupStart]) {
      const t = i - groupStart;
      variance -= t * (t - 1) * (2 * t + 5);
      groupStart = i;
    }
  }
  variance /= 18;
  if (variance <= 0) {
    return 'flat';
  }
  const sd = Math.sqrt(variance);
  const z = s > 0 ? (s - 1) / sd : (s + 1) / sd;
  const p = erfc(Math.abs(z) / Math.SQRT2);
  return p >= SIGNIFICANCE ? 'flat' : s > 0 ? 'up' : 'down';
}

/**
 * The verdict of a daily series (days ascending, one value each): on the days themselves up to 120 of them, else
 * on ISO weeks, else on calendar months, each bucket aggregated like the metric.
 */
export function seriesVerdict(days: readonly number[], values: readonly number[], aggregation: Aggregation): Verdict {
  if (values.length <= MAX_POINTS) {
    return verdictOf(values);
  }
  let tested = buckets(days, values, aggregation, weekStart);
  if (tested.length > MAX_POINTS) {
    tested = buckets(days, values, aggregation, monthStart);
  }
  return verdictOf(tested);
}

function buckets(
  days: readonly number[],
  values: readonly number[],
  aggregation: Aggregation,
  start: (day: number) => number,
): number[] {
  const out: number[] = [];
  let current: number[] = [];
  let currentStart: number | null = null;
  days.forEach((day, i) => {
    const bucket = start(day);
    if (bucket !== currentStart && current.length > 0) {
      out.push(aggregate(aggregation, current));
      current = [];
    }
    currentStart = bucket;
    current.push(values[i] as number);
  });
  if (current.length > 0) {
    out.push(aggregate(aggregation, current));
  }
  return out;
}
