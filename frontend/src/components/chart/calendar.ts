import type { Granularity } from '../../api/types.ts';

/**
 * Calendar arithmetic on days written yyyy-mm-dd (the API's dates), done in UTC so that no time zone or
 * daylight-saving change can move a day. Buckets follow the server's: a week runs Monday to Sunday, a
 * month from the 1st to its last day.
 */

const DAY_MS = 86_400_000;

function toUtc(day: string): Date {
  const [year = NaN, month = NaN, date = NaN] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date));
}

function fromUtc(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getUTCFullYear())}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The day `count` days after `day` (before it when negative). */
export function addDays(day: string, count: number): string {
  return fromUtc(new Date(toUtc(day).getTime() + count * DAY_MS));
}

/** How many days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/** The first day of the bucket holding `day`: the day itself, its week's Monday, or the 1st of its month. */
export function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === 'week') {
    const weekday = (toUtc(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    return addDays(day, -weekday);
  }
  return granularity === 'month' ? `${day.slice(0, 8)}01` : day;
}

/** The last day of the bucket holding `day`: the day itself, its Sunday, or the last of its month. */
export function bucketEnd(day: string, granularity: Granularity): string {
  if (granularity === 'month') {
    const date = toUtc(day);
    return fromUtc(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)));
  }
  return granularity === 'week' ? addDays(bucketStart(day, 'week'), 6) : day;
}

/** The bucket `count` buckets after the one starting on `start`, as its first day. */
export function addBuckets(start: string, count: number, granularity: Granularity): string {
  if (granularity === 'month') {
    const date = toUtc(start);
    return fromUtc(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, 1)));
  }
  return addDays(start, granularity === 'week' ? 7 * count : count);
}

/** How many buckets lie between the buckets holding `from` and `to` (0 for the same bucket). */
export function bucketsBetween(from: string, to: string, granularity: Granularity): number {
  const a = bucketStart(from, granularity);
  const b = bucketStart(to, granularity);
  if (granularity === 'month') {
    const x = toUtc(a);
    const y = toUtc(b);
    return (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + y.getUTCMonth() - x.getUTCMonth();
  }
  const days = daysBetween(a, b);
  return granularity === 'week' ? Math.round(days / 7) : days;
}

/** The period of the same length just before `from`–`to` (both included): what "the previous period" means. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

/** Today in the browser's zone, as yyyy-mm-dd. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The granularity that a series' days look like when nobody said: months when every day is a 1st and
 * they lie a month or more apart, weeks when every day is a Monday and they lie a week or more apart,
 * days otherwise.
 */
export function inferGranularity(days: readonly string[]): Granularity {
  if (days.length < 2) {
    return 'day';
  }
  const gaps = days.slice(1).map((day, i) => daysBetween(days[i] ?? day, day));
  const smallest = Math.min(...gaps);
  if (days.every((day) => day.endsWith('-01')) && smallest >= 28) {
    return 'month';
  }
  if (days.every((day) => bucketStart(day, 'week') === day) && smallest >= 7) {
    return 'week';
  }
  return 'day';
}
