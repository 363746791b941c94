/**
 * The annotations a chart marks: which fall within its days, and which a hover is about (those in the hovered
 * bucket, or whose marker is within a few pixels of the pointer).
 */

/** An annotation as a chart needs it; a bare day (yyyy-mm-dd) is an annotation without text. */
export type ChartAnnotation = { date: string; text: string };

/** The annotations within `from`–`to` (both included), once each, by day. */
export function annotationsWithin(
  annotations: readonly (string | { date: string; text?: string })[],
  from: string | undefined,
  to: string | undefined,
): ChartAnnotation[] {
  if (from === undefined || to === undefined) {
    return [];
  }
  const seen = new Map<string, ChartAnnotation>();
  for (const entry of annotations) {
    const annotation = typeof entry === 'string' ? { date: entry, text: '' } : { date: entry.date, text: entry.text ?? '' };
    if (annotation.date >= from && annotation.date <= to) {
      seen.set(`${annotation.date}\n${annotation.text}`, annotation);
    }
  }
  return [...seen.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The annotations dated within `bucket` (both days included). */
export function annotationsIn(annotations: readonly ChartAnnotation[], bucket: { from: string; to: string }): ChartAnnotation[] {
  return annotations.filter((a) => a.date >= bucket.from && a.date <= bucket.to);
}

/** How close, in CSS pixels, the pointer must be to a marker for its text to show. */
export const MARKER_REACH_PX = 8;

/**
 * The annotations a hover shows: those dated within the hovered bucket (`bucket`, both days included), and
 * those whose marker (`toSeconds` of its day) lies within `MARKER_REACH_PX` of the pointer at `pointerSeconds`.
 */
export function annotationsNear(
  annotations: readonly ChartAnnotation[],
  bucket: { from: string; to: string } | null,
  pointer: { seconds: number; secondsPerPixel: number },
  toSeconds: (day: string) => number,
): ChartAnnotation[] {
  const reach = Math.abs(pointer.secondsPerPixel) * MARKER_REACH_PX;
  return annotations.filter(
    (a) => (bucket !== null && a.date >= bucket.from && a.date <= bucket.to) || Math.abs(toSeconds(a.date) - pointer.seconds) <= reach,
  );
}
