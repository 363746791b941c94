import type { Granularity } from '../../api/types.ts';
import type { SelectOption } from '../../components/FormFields.tsx';

// The time range a client page shows, as days (yyyy-mm-dd) in the client's time zone.

export type PeriodKey = '30d' | '90d' | '12m';

export const PERIODS: readonly SelectOption<PeriodKey>[] = [
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: '12m', label: 'Last 12 months' },
];

export const DEFAULT_PERIOD: PeriodKey = '90d';

export const GRANULARITIES: readonly SelectOption<Granularity>[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];

/** The granularity a period starts with: days, but weeks over a year (365 daily points are a blur). */
export function defaultGranularity(period: PeriodKey): Granularity {
  return period === '12m' ? 'week' : 'day';
}

export type DayRange = { from: string; to: string };

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` (yyyy-mm-dd) moved by `days` (negative for earlier). */
export function addDays(day: string, days: number): string {
  const [year = NaN, month = NaN, date = NaN] = day.split('-').map(Number);
  return isoDay(new Date(Date.UTC(year, month - 1, date + days)));
}

/** Today (yyyy-mm-dd) in `timeZone`; in UTC when the browser does not know that zone. */
export function todayIn(timeZone: string, now: Date): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch {
    return isoDay(now);
  }
}

/** The days a period covers, `today` included: 30 or 90 days, or the 12 months up to today. */
export function periodRange(period: PeriodKey, today: string): DayRange {
  switch (period) {
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case '12m': {
      const [year = NaN, month = NaN, date = NaN] = today.split('-').map(Number);
      // The day after the same date a year ago (29 Feb falls on 1 Mar, so the range starts 2 Mar).
      return { from: addDays(isoDay(new Date(Date.UTC(year - 1, month - 1, date))), 1), to: today };
    }
  }
}

/** The period a URL's `period` search parameter names, or null when it names none we know. */
export function parsePeriod(value: string | null): PeriodKey | null {
  return PERIODS.find((p) => p.value === value)?.value ?? null;
}

/** The granularity a URL's `granularity` search parameter names, or null when it names none we know. */
export function parseGranularity(value: string | null): Granularity | null {
  return GRANULARITIES.find((g) => g.value === value)?.value ?? null;
}
