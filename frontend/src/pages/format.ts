import type { ImportError, MetricUnit, Polarity, ScoreHistoryPoint, Trend, TrendVerdict } from '../api/types.ts';

/** A date for people ("12 Mar 2026"), or the raw text when it is not a date. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A moment for people (date and time). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

// ---- Metric values, days and trends (fixed English formats, so they read the same everywhere) ----

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** The placeholder for a value that is missing or not a number. */
export const NO_VALUE = '—';

/** A count with thousands separators and at most one decimal (means of counts have some): "12,300", "2.4". */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? NUMBER.format(value) : NO_VALUE;
}

/** A ratio (0..1) as a percentage with at most one decimal: 0.1234 → "12.3%". */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${NUMBER.format(value * 100)}%` : NO_VALUE;
}

/** A duration to the second: 65 → "1m 05s", 5 → "5s", 3725 → "1h 02m 05s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return NO_VALUE;
  }
  const total = Math.round(Math.abs(seconds));
  const sign = seconds < 0 && total > 0 ? '-' : '';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) {
    return `${sign}${h}h ${pad(m)}m ${pad(s)}s`;
  }
  return m > 0 ? `${sign}${m}m ${pad(s)}s` : `${sign}${s}s`;
}

/** A position (e.g. in search results) with one decimal: 3 → "3.0", 4.26 → "4.3". */
export function formatPosition(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : NO_VALUE;
}

/** A metric value as its unit reads. */
export function formatValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'count':
      return formatCount(value);
    case 'ratio':
      return formatRatio(value);
    case 'seconds':
      return formatDuration(value);
    case 'position':
      return formatPosition(value);
  }
}

type Day = { year: number; month: number; day: number };

function parseDay(iso: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) {
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { year, month, day } : null;
}

function monthName(day: Day): string {
  return MONTHS[day.month - 1] ?? String(day.month);
}

/** A day (yyyy-mm-dd) for people: "5 Oct 2026"; anything else is returned as it is. */
export function formatDay(iso: string): string {
  const day = parseDay(iso);
  return day === null ? iso : `${day.day} ${monthName(day)} ${day.year}`;
}

/**
 * A range of days, both included, as short as it stays clear: "5 Oct 2026", "1–31 Oct 2026",
 * "27 Oct – 2 Nov 2026", "29 Dec 2025 – 4 Jan 2026".
 */
export function formatPeriod(from: string, to: string): string {
  const a = parseDay(from);
  const b = parseDay(to);
  if (a === null || b === null) {
    return `${formatDay(from)} – ${formatDay(to)}`;
  }
  if (from === to) {
    return formatDay(from);
  }
  if (a.year !== b.year) {
    return `${formatDay(from)} – ${formatDay(to)}`;
  }
  if (a.month !== b.month) {
    return `${a.day} ${monthName(a)} – ${b.day} ${monthName(b)} ${b.year}`;
  }
  return `${a.day}–${b.day} ${monthName(b)} ${b.year}`;
}

/** A trend as its badge reads: "up · 97%" (the verdict and how confident it is). */
export function trendText(trend: Pick<Trend, 'verdict' | 'confidence'>): string {
  const confidence = Number.isFinite(trend.confidence) ? Math.min(1, Math.max(0, trend.confidence)) : 0;
  return `${trend.verdict} · ${Math.round(confidence * 100)}%`;
}

export type Tone = 'good' | 'bad' | 'neutral';

/** Whether a trend is good news: going up is good for a "higher is better" metric, bad for a "lower" one. */
export function trendTone(verdict: TrendVerdict, polarity: Polarity): Tone {
  if (verdict === 'flat') {
    return 'neutral';
  }
  return (verdict === 'up') === (polarity === 'higher') ? 'good' : 'bad';
}

/** The sheet of a plain (one-table) file: its problems name their line only. */
const WHOLE_FILE = 'the file';

/**
 * One problem of an imported file: "Line 3, column 2 (value): not a number", "Queries.csv, line 4 (Clicks): not a
 * number" (the sheet of a zip or workbook), "Pages.csv: breaks search down by query only" (line 0: the whole sheet).
 */
export function importErrorText(error: ImportError): string {
  const sheet = error.sheet === undefined || error.sheet === '' || error.sheet === WHOLE_FILE ? null : error.sheet;
  const line = error.line === undefined || error.line === 0 ? null : error.line;
  const column = line === null || error.column === undefined ? '' : `, column ${error.column}`;
  const field = error.field === undefined || error.field === '' ? '' : ` (${error.field})`;
  const where =
    sheet !== null && line !== null ? `${sheet}, line ${line}` : sheet !== null ? sheet : line !== null ? `Line ${line}` : 'The file';
  return `${where}${column}${field}: ${error.message}`;
}

const BYTE_UNITS = ['KB', 'MB', 'GB'] as const;

/** A size for people, in powers of 1024: 512 → "512 bytes", 1536 → "1.5 KB", 104857600 → "100 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return NO_VALUE;
  }
  if (bytes < 1024) {
    return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  }
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${NUMBER.format(value)} ${BYTE_UNITS[unit] ?? 'GB'}`;
}

// ---- Zoom Factor score ----------------------------------------------------------------------------

const MINUS = '\u2212';

/** A score or a 0–100 figure with one decimal: 72.345 → "72.3". The one rounding of the score, everywhere it shows. */
export function formatScore(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : NO_VALUE;
}

/** Points of the score, signed, with one decimal: 12.34 → "+12.3 points", -1.2 → "−1.2 points". */
export function formatPoints(value: number): string {
  if (!Number.isFinite(value)) {
    return NO_VALUE;
  }
  const text = Math.abs(value).toFixed(1);
  const sign = text === '0.0' ? '' : value < 0 ? MINUS : '+';
  return `${sign}${text} points`;
}

/** A 0..1 share as a whole percentage: 0.452 → "45%". */
export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value * 100)}%` : NO_VALUE;
}

/** An authenticity discount (0..1) as it lowers the score: 0.3 → "−30%". */
export function formatDiscount(discount: number): string {
  return Number.isFinite(discount) ? `${MINUS}${Math.round(discount * 100)}%` : NO_VALUE;
}

/** A change of score: its direction (from the figure shown, so "0.0 points" is flat) and its signed points. */
export type ScoreChange = { direction: TrendVerdict; text: string };

/** 3.24 → up "+3.2 points"; -1.25 → down "−1.3 points"; 0.04 → flat "0.0 points". */
export function scoreChange(change: number): ScoreChange {
  const text = formatPoints(change);
  const direction: TrendVerdict = !Number.isFinite(change) || Math.abs(change) < 0.05 ? 'flat' : change > 0 ? 'up' : 'down';
  return { direction, text };
}

/** Below this authenticity factor the portfolio warns that engagement was discounted. */
export const AUTHENTICITY_WARNING_BELOW = 0.95;

/** "Engagement discounted 15%" when the factor is below 0.95; null otherwise. */
export function authenticityWarning(factor: number): string | null {
  if (!Number.isFinite(factor) || factor >= AUTHENTICITY_WARNING_BELOW) {
    return null;
  }
  return `Engagement discounted ${Math.round((1 - factor) * 100)}%`;
}

/** The day (yyyy-mm-dd) of an ISO-8601 instant as written (its UTC day for "…Z"), or `fallback`. */
function dayOf(instant: string, fallback: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(instant);
  return match?.[1] ?? fallback;
}

/**
 * A change of formula in a score's history, for people: "Weights changed on 1 Dec 2026: 58.0 → 61.2",
 * "Methodology changed to 2026-12.1 on 1 Dec 2026: 58.0 → 61.2"; null for a change of data.
 */
export function formulaChangeText(point: Pick<ScoreHistoryPoint, 'cause' | 'computedAt' | 'asOf' | 'score' | 'previousScore' | 'methodologyVersion'>): string | null {
  if (point.cause === 'data') {
    return null;
  }
  const what = point.cause === 'weights' ? 'Weights changed' : `Methodology changed to ${point.methodologyVersion}`;
  const on = formatDay(dayOf(point.computedAt, point.asOf));
  const scores =
    point.previousScore === null ? `now ${formatScore(point.score)}` : `${formatScore(point.previousScore)} \u2192 ${formatScore(point.score)}`;
  return `${what} on ${on}: ${scores}`;
}

/** A relative change as a signed percentage with one decimal: 0.2222 → "+22.2%", -0.05 → "−5.0%". */
export function formatSignedPercent(value: number): string {
  if (!Number.isFinite(value)) {
    return NO_VALUE;
  }
  const text = Math.abs(value * 100).toFixed(1);
  const sign = text === '0.0' ? '' : value < 0 ? MINUS : '+';
  return `${sign}${text}%`;
}
