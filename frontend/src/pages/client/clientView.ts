import { CHANNELS } from '../../api/constants.ts';
import type { ChannelKey, MeasuredMetric, Metric, ScoreWindow, Series, ZoomFactorScore } from '../../api/types.ts';
import { formatDay } from '../format.ts';
import { PERIODS, type DayRange, type PeriodKey } from './period.ts';

// What the client page shows of the catalogue: the metrics a client is measured on, the channel tabs they make,
// and the window each number is computed over.

/** A channel's name on its tab: short, as people call the channel. */
const TAB_LABELS: Record<ChannelKey, string> = {
  website: 'Web',
  twitter: 'X',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  newsletter: 'Newsletter',
  search: 'Search',
  leads: 'Leads',
  polls: 'Polls',
};

/** The tabs of the client page besides its channels'. */
export type SectionKey = 'overview' | 'collaboration' | 'data';
export type ClientTab = SectionKey | ChannelKey;

/** The catalogue keys of the metrics the score's explanation uses (its lines of measured components). */
export function scoreMetricKeys(score: ZoomFactorScore | null): Set<string> {
  return new Set((score?.components ?? []).flatMap((component) => component.metrics.map((line) => line.metric)));
}

/**
 * The metrics a client is measured on over a period, in catalogue order: those whose observations (`measured`, from
 * `GET /api/clients/{id}/metrics/measured`) span days of the period, and those the score uses (its window may reach
 * further back than the period), whatever channels the client declared.
 */
export function measuredMetrics(
  catalogue: readonly Metric[],
  measured: readonly MeasuredMetric[],
  score: ZoomFactorScore | null,
  period: DayRange,
): Metric[] {
  const scored = scoreMetricKeys(score);
  // ISO dates compare as text
  const within = new Set(measured.filter((m) => m.first <= period.to && m.last >= period.from).map((m) => m.metric));
  return catalogue.filter((metric) => scored.has(metric.key) || within.has(metric.key));
}

/** The channels of `metrics` (and `also`: channels with a source but no data yet) as tabs, in the product's order. */
export function channelTabs(metrics: readonly Metric[], also: readonly ChannelKey[] = []): { key: ChannelKey; label: string }[] {
  const present = new Set<ChannelKey>([...metrics.map((metric) => metric.channel), ...also]);
  return CHANNELS.filter((channel) => present.has(channel.key)).map((channel) => ({ key: channel.key, label: TAB_LABELS[channel.key] }));
}

/** The tab a URL's `tab` search parameter names among `available`, else the overview. */
export function tabFrom(value: string | null, available: readonly { key: string }[]): ClientTab {
  return (available.find((tab) => tab.key === value)?.key as ClientTab | undefined) ?? 'overview';
}

/**
 * A metric's value over a series' window, rolled up from its daily points with the metric's aggregation, as the
 * score does (docs/methodology.md § 2): the sum, the mean of the days present, or the last day's value. Null when
 * the window has no daily value (values reported for several days at once are listed apart, not rolled up).
 */
export function windowValue(metric: Pick<Metric, 'aggregation'>, daily: Pick<Series, 'points'>): number | null {
  const values = daily.points.map((point) => point.value);
  if (values.length === 0) {
    return null;
  }
  switch (metric.aggregation) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'last':
      return values.at(-1) ?? null;
  }
}

/** How a metric's value over the window rolls up, for its label: "total", "daily average", "latest". */
export function aggregationText(metric: Pick<Metric, 'aggregation'>): string {
  return metric.aggregation === 'sum' ? 'total' : metric.aggregation === 'mean' ? 'daily average' : 'latest';
}

/** A page period's name inside a sentence: "last 30 days". */
export function periodText(period: PeriodKey): string {
  return (PERIODS.find((p) => p.value === period)?.label ?? period).toLowerCase();
}

/** The score's window in words, as its answer says it: "90 days to 5 Dec 2026". */
export function scoreWindowText(window: ScoreWindow): string {
  return `${String(window.days)} days to ${formatDay(window.to)}`;
}
