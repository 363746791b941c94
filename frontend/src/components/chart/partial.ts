import type { Granularity } from '../../api/types.ts';
import { addDays, bucketEnd, bucketStart } from './calendar.ts';

/**
 * Which buckets of a series are partial: a week or month that the window cuts (it starts after the bucket's
 * first day or ends before its last), or one that is still under way (it holds today or a later day). Such a
 * bucket adds up fewer days than a whole one, so its value is not comparable and must not look like a drop.
 *
 * @param days  each point's day (the first day of its bucket), in order
 * @param window the days the series was asked for, both included; without it, only buckets under way count
 * @param today the current day (yyyy-mm-dd); without it, no bucket counts as under way
 * @returns one flag per day
 */
export function partialBuckets(
  days: readonly string[],
  granularity: Granularity,
  window?: { from: string; to: string },
  today?: string,
): boolean[] {
  // The last day whose data is complete: the window's end, and never today or later.
  const yesterday = today === undefined ? undefined : addDays(today, -1);
  const lastComplete = [window?.to, yesterday].filter((d): d is string => d !== undefined).sort().at(0);
  return days.map((day) => {
    const startsBefore = window !== undefined && bucketStart(day, granularity) < window.from;
    const endsAfter = lastComplete !== undefined && bucketEnd(day, granularity) > lastComplete;
    return startsBefore || endsAfter;
  });
}

/** What a partial bucket is called in the hover legend and the table: "partial week" ("day so far" for today). */
export function partialText(granularity: Granularity): string {
  return granularity === 'day' ? 'day so far' : `partial ${granularity}`;
}

/**
 * The days a bucket's value covers: its whole week or month, cut to the window and to the days before
 * `today` (a bucket under way holds only the days so far; today itself when nothing else).
 */
export function bucketDays(day: string, granularity: Granularity, window?: { from: string; to: string }, today?: string): { from: string; to: string } {
  const start = bucketStart(day, granularity);
  const end = bucketEnd(day, granularity);
  const from = window !== undefined && window.from > start ? window.from : start;
  let to = window !== undefined && window.to < end ? window.to : end;
  if (today !== undefined && to >= today) {
    to = [addDays(today, -1), from].sort().at(-1) ?? from;
  }
  return { from, to };
}
