import type { Polarity } from './catalogue.ts';
import type { Verdict } from './model.ts';

/** The normalisation rules (docs/methodology.md §3): each maps a raw figure to 0–100. */

/** Rule B's scale for flows and rates: ±50 % moves a line from 50 to 100 (or 0). */
export const FLOW_SCALE = 0.5;
/** Rule B's scale for stocks (metrics aggregated with "last"): ±20 %. */
export const STOCK_SCALE = 0.2;
/** Rule D: the effective number of accounts that scores 50. */
const BREADTH_HALF = 25;

export function clamp(x: number): number {
  return Math.max(0, Math.min(100, x));
}

/** The relative improvement over the baseline in the good direction; ±∞ against a zero baseline. */
export function improvement(value: number, baseline: number, polarity: Polarity): number {
  const better = polarity === 'higher' ? value - baseline : baseline - value;
  if (baseline === 0) {
    return better === 0 ? 0 : better > 0 ? Infinity : -Infinity;
  }
  return better / Math.abs(baseline);
}

/** Rule B from a relative improvement: 50 + 50·d/s, clamped. */
export function fromImprovement(d: number, scale: number): number {
  if (!Number.isFinite(d) && !Number.isNaN(d)) {
    return d > 0 ? 100 : 0;
  }
  return clamp(50 + (50 * d) / scale);
}

/** Rule B: the window value against the baseline value. */
export function againstBaseline(value: number, baseline: number, polarity: Polarity, scale: number): number {
  return fromImprovement(improvement(value, baseline, polarity), scale);
}

/** The change two measures agree on (rule P): the smaller in size when both move the same way, else 0. */
export function agreed(a: number, b: number): number {
  if (a > 0 && b > 0) {
    return Math.min(a, b);
  }
  if (a < 0 && b < 0) {
    return Math.max(a, b);
  }
  return 0;
}

/** Rule C: 100 × (competitors beaten + ½ ties) / competitors. */
export function againstCompetitors(value: number, competitors: readonly number[], polarity: Polarity): number {
  let beaten = 0;
  for (const c of competitors) {
    if (c === value) {
      beaten += 0.5;
    } else if (polarity === 'higher' ? value > c : value < c) {
      beaten += 1;
    }
  }
  return (100 * beaten) / competitors.length;
}

/** Σ share² of a breakdown (negative entries count as 0); NaN when its total is not positive. */
export function herfindahl(byItem: Readonly<Record<string, number>>): number {
  const values = Object.values(byItem).map((v) => Math.max(0, v));
  let total = 0;
  for (const v of values) {
    total += v;
  }
  if (!(total > 0)) {
    return NaN;
  }
  let hhi = 0;
  for (const v of values) {
    const share = v / total;
    hhi += share * share;
  }
  return hhi;
}

/** Rule D: 100 · N/(N + 25). */
export function breadth(effective: number): number {
  return effective <= 0 ? 0 : (100 * effective) / (effective + BREADTH_HALF);
}

/** Rule T: 100 the good way, 0 the bad way, 50 flat. */
export function trendScore(verdict: Verdict, polarity: Polarity): number {
  if (verdict === 'flat') {
    return 50;
  }
  return (verdict === 'up') === (polarity === 'higher') ? 100 : 0;
}

/** Both → their mean; one → that one; neither → 50 (par). */
export function combine(own: number | null, competitors: number | null): number {
  if (own !== null && competitors !== null) {
    return (own + competitors) / 2;
  }
  return own ?? competitors ?? 50;
}
