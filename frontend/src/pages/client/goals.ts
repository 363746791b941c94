import type { Goal, GoalStatus, Metric } from '../../api/types.ts';
import { formatDay, formatScore, formatValue, NO_VALUE } from '../format.ts';
import type { GoalChange } from '../../live/types.ts';

/** The `metric` of a goal for the Zoom Factor. */
export const SCORE = 'score';

/** The Zoom Factor's name as a goal's subject. */
export const SCORE_LABEL = 'Zoom Factor';

/** The trailing window of a metric goal: the server's default and bounds, in days. */
export const WINDOW_DEFAULT = 30;
export const WINDOW_MIN = 1;
export const WINDOW_MAX = 90;

const STATUS_WORDS = new Map<string, string>(Object.entries({
  reached: 'Reached',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  missed: 'Missed',
  unknown: 'Not enough recent data to tell',
} satisfies Record<GoalStatus, string>));

/** "Zoom Factor", a metric's label, or the key of a metric the catalogue does not know. */
export function subjectLabel(metric: string, catalogue: readonly Metric[]): string {
  return metric === SCORE ? SCORE_LABEL : (catalogue.find((m) => m.key === metric)?.label ?? metric);
}

/** A value of the goal's subject: the score with one decimal, a metric by its unit ("1,310", "42.0%"). */
export function goalValue(value: number | null, metric: string, catalogue: readonly Metric[]): string {
  if (value === null) {
    return NO_VALUE;
  }
  const known = catalogue.find((m) => m.key === metric);
  return metric === SCORE || known === undefined ? formatScore(value) : formatValue(value, known.unit);
}

/** A day without its year: "31 Dec". */
export function shortDay(iso: string): string {
  return formatDay(iso).replace(/ \d{4}$/, '');
}

/** The status in words: "On track — projected 1,310 by 31 Dec", "Reached", "Missed". */
export function statusText(goal: Goal, catalogue: readonly Metric[]): string {
  // a newer server's status shows as it is
  const base = STATUS_WORDS.get(goal.status) ?? goal.status;
  const projecting = goal.status === 'on_track' || goal.status === 'at_risk' || goal.status === 'off_track';
  return projecting && goal.projected !== null
    ? `${base} \u2014 projected ${goalValue(goal.projected, goal.metric, catalogue)} by ${shortDay(goal.deadline)}`
    : base;
}

/** Progress as a whole percentage (0..100), or null when unknown. */
export function progressPercent(progress: number | null): number | null {
  return progress === null || !Number.isFinite(progress) ? null : Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

/**
 * How near the goal's current value is to its target, 0–100 (what a reader means by "at 86 %"): current ÷ target,
 * or target ÷ current when lower is better; 100 once met; null without a value or for a zero or negative side. Unlike
 * `progress` it does not depend on where the goal started (the server's `GoalForecast.attainment`, used by the PDF).
 */
export function reachedPercent(goal: Pick<Goal, 'metric' | 'current' | 'target'>, catalogue: readonly Metric[]): number | null {
  const { current, target } = goal;
  if (current === null || !Number.isFinite(current) || current < 0 || target <= 0) {
    return null;
  }
  const lowerIsBetter = catalogue.find((m) => m.key === goal.metric)?.polarity === 'lower';
  const share = lowerIsBetter ? (current <= target ? 1 : target / current) : current >= target ? 1 : current / target;
  const percent = Math.round(share * 100);
  return share < 1 && percent === 100 ? 99 : percent;
}

/** By deadline, then the oldest first. */
export function byDeadline(a: Goal, b: Goal): number {
  return a.deadline.localeCompare(b.deadline) || a.createdAt.localeCompare(b.createdAt);
}

/** The list after a change (our own answer or a live event), by id: never shown twice. */
export function applyGoalChange(list: readonly Goal[], change: GoalChange): Goal[] {
  if (change.action === 'deleted') {
    return list.filter((g) => g.id !== change.id);
  }
  const { goal } = change;
  return [...list.filter((g) => g.id !== goal.id), goal].sort(byDeadline);
}
