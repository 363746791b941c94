/** Calendar days as whole numbers (days since 1970-01-01, UTC), so that periods are integer ranges. */

const DAY_MS = 86_400_000;

/** The day number of a yyyy-mm-dd date; throws on anything else. */
export function dayOf(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) {
    throw new Error(`not a date: ${iso}`);
  }
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** The yyyy-mm-dd date of a day number. */
export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC day an instant (ISO 8601 with a zone, e.g. 2026-11-30T10:00:00Z) falls on. */
export function utcDayOfInstant(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) {
    throw new Error(`not an instant: ${instant}`);
  }
  return Math.floor(ms / DAY_MS);
}

/** The Monday starting the ISO week of a day (1970-01-01 was a Thursday). */
export function weekStart(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
  return day - weekday;
}

/** The first day of the calendar month of a day. */
export function monthStart(day: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
}
