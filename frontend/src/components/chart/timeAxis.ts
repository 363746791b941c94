import type uPlot from 'uplot';
import type { Granularity } from '../../api/types.ts';

/**
 * The time axis's ticks: whole days, weeks (Mondays), months or years, as many as fit, and never finer than
 * the data (no hourly ticks on daily values, no days on monthly ones). Ticks are local midnights, as uPlot
 * shows times in the browser's zone.
 */

export type TickUnit = 'day' | 'week' | 'month' | 'year';

export type TickStep = { unit: TickUnit; step: number };

/** Every step the axis may take, finest first. */
const STEPS: readonly TickStep[] = [
  { unit: 'day', step: 1 },
  { unit: 'day', step: 2 },
  { unit: 'week', step: 1 },
  { unit: 'week', step: 2 },
  { unit: 'month', step: 1 },
  { unit: 'month', step: 2 },
  { unit: 'month', step: 3 },
  { unit: 'month', step: 6 },
  { unit: 'year', step: 1 },
  { unit: 'year', step: 2 },
  { unit: 'year', step: 5 },
];

/** The finest unit of ticks for data of each granularity. */
const FINEST: Record<Granularity, TickUnit> = { day: 'day', week: 'week', month: 'month' };

const UNIT_ORDER: readonly TickUnit[] = ['day', 'week', 'month', 'year'];

/** Roughly how long a step is, in days, to see how wide it is on screen. */
const UNIT_DAYS: Record<TickUnit, number> = { day: 1, week: 7, month: 30.44, year: 365.25 };

/** The room a label needs, in CSS pixels: "25 Dec" is narrower than "Dec 2026". */
const LABEL_ROOM: Record<TickUnit, number> = { day: 56, week: 56, month: 72, year: 48 };

const DAY_SECONDS = 86_400;

/**
 * The finest step, no finer than `granularity`, whose ticks are at least a label's room apart across
 * `widthPx` pixels showing `minSeconds`–`maxSeconds`.
 */
export function chooseStep(minSeconds: number, maxSeconds: number, widthPx: number, granularity: Granularity): TickStep {
  const spanDays = Math.max(maxSeconds - minSeconds, DAY_SECONDS) / DAY_SECONDS;
  const pxPerDay = Math.max(widthPx, 1) / spanDays;
  const finest = UNIT_ORDER.indexOf(FINEST[granularity]);
  const allowed = STEPS.filter((s) => UNIT_ORDER.indexOf(s.unit) >= finest);
  return allowed.find((s) => s.step * UNIT_DAYS[s.unit] * pxPerDay >= LABEL_ROOM[s.unit]) ?? allowed.at(-1) ?? { unit: 'year', step: 1 };
}

/** Local midnight of a date's parts, in seconds. */
function localSeconds(year: number, month: number, day: number): number {
  return new Date(year, month, day).getTime() / 1000;
}

/** The ticks of `step` within `minSeconds`–`maxSeconds` (both included), as local midnights in seconds. */
export function tickSplits(minSeconds: number, maxSeconds: number, { unit, step }: TickStep): number[] {
  const first = new Date(minSeconds * 1000);
  const splits: number[] = [];
  const push = (seconds: number) => {
    if (seconds >= minSeconds && seconds <= maxSeconds) {
      splits.push(seconds);
    }
  };
  if (unit === 'day' || unit === 'week') {
    // Start at the first midnight on or after the minimum; weeks on its Monday, days on even day counts.
    let date = new Date(first.getFullYear(), first.getMonth(), first.getDate());
    if (date.getTime() / 1000 < minSeconds) {
      date = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1);
    }
    if (unit === 'week') {
      date = new Date(date.getFullYear(), date.getMonth(), date.getDate() + ((8 - date.getDay()) % 7));
    }
    const days = unit === 'week' ? 7 * step : step;
    for (let i = 0; ; i += days) {
      const seconds = localSeconds(date.getFullYear(), date.getMonth(), date.getDate() + i);
      if (seconds > maxSeconds) {
        break;
      }
      push(seconds);
    }
    return splits;
  }
  const months = unit === 'year' ? 12 * step : step;
  // Months on multiples of the step (quarters start in January, April…), years on multiples of theirs.
  const startIndex = first.getFullYear() * 12 + first.getMonth();
  for (let index = Math.floor(startIndex / months) * months; ; index += months) {
    const seconds = localSeconds(Math.floor(index / 12), index % 12, 1);
    if (seconds > maxSeconds) {
      break;
    }
    push(seconds);
  }
  return splits;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A tick's label: "5 Dec" for days and weeks, "Dec 2026" for months, "2026" for years. */
export function tickLabel(seconds: number, unit: TickUnit): string {
  const date = new Date(seconds * 1000);
  const month = MONTHS[date.getMonth()] ?? '';
  if (unit === 'year') {
    return String(date.getFullYear());
  }
  return unit === 'month' ? `${month} ${String(date.getFullYear())}` : `${String(date.getDate())} ${month}`;
}

/**
 * uPlot's `splits` and `values` for a time axis of data at `granularity`: the step is chosen from the
 * scale's range and the plot's width each time uPlot lays the axis out (splits first, then values).
 */
export function timeAxisTicks(granularity: Granularity | { readonly current: Granularity }): Pick<uPlot.Axis, 'splits' | 'values'> {
  // a ref lets one plot follow its data to another granularity (ticks are chosen at each draw)
  const current = (): Granularity => (typeof granularity === 'string' ? granularity : granularity.current);
  let unit: TickUnit = FINEST[current()];
  return {
    splits: (plot, _axis, min, max) => {
      const step = chooseStep(min, max, plot.bbox.width / devicePixelRatioOf(), current());
      unit = step.unit;
      return tickSplits(min, max, step);
    },
    values: (_plot, splits) => splits.map((seconds) => tickLabel(seconds, unit)),
  };
}

/** uPlot's bbox is in canvas pixels: this many per CSS pixel. */
function devicePixelRatioOf(): number {
  return typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
}
