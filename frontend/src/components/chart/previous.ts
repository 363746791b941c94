import type { Granularity } from '../../api/types.ts';
import { addBuckets, bucketsBetween, bucketStart } from './calendar.ts';

/** A point of the previous period moved onto the current one: shown at `day`, measured on `originalDay`. */
export type ShiftedPoint = { day: string; originalDay: string; value: number };

/**
 * The previous period's points placed on the current period's buckets, for an overlay that compares like
 * with like: the k-th bucket of the previous period (day, week or month, counted from the bucket holding its
 * first day) is drawn at the k-th bucket of the current one. Points that would fall after the current
 * period's last bucket are left out.
 */
export function alignPrevious(
  current: { from: string; to: string },
  previous: { from: string; points: readonly { date: string; value: number }[] },
  granularity: Granularity,
): ShiftedPoint[] {
  const currentStart = bucketStart(current.from, granularity);
  const lastBucket = bucketsBetween(current.from, current.to, granularity);
  const shifted: ShiftedPoint[] = [];
  for (const point of previous.points) {
    const k = bucketsBetween(previous.from, point.date, granularity);
    if (k >= 0 && k <= lastBucket) {
      shifted.push({ day: addBuckets(currentStart, k, granularity), originalDay: point.date, value: point.value });
    }
  }
  return shifted;
}
