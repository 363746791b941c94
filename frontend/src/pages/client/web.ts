import type { WebStats } from '../../api/types.ts';
import { formatCount, formatDuration, formatRatio, formatSignedPercent } from '../format.ts';

/** One of the Web section's headline figures, against the period before. */
export type WebFigure = {
  key: 'visitors' | 'visits' | 'pageviews' | 'bounceRate' | 'visitDuration' | 'pagesPerVisit';
  label: string;
  value: string;
  /** "+22.2% vs previous period", or null when the period before had nothing to compare with. */
  change: string | null;
  /** Whether the change is good news (a lower bounce rate is), bad news, or neither. */
  tone: 'good' | 'bad' | 'neutral';
};

type Figures = Pick<WebStats, WebFigure['key']>;

const FIGURES: readonly { key: WebFigure['key']; label: string; format: (n: number) => string; lowerIsBetter?: boolean }[] = [
  { key: 'visitors', label: 'Visitors', format: formatCount },
  { key: 'visits', label: 'Visits', format: formatCount },
  { key: 'pageviews', label: 'Pageviews', format: formatCount },
  { key: 'bounceRate', label: 'Bounce rate', format: formatRatio, lowerIsBetter: true },
  { key: 'visitDuration', label: 'Visit duration', format: formatDuration },
  { key: 'pagesPerVisit', label: 'Pages per visit', format: formatCount },
];

/** The relative change from `before` to `now`, or null when there is nothing before (no visits then). */
export function relativeChange(now: number, before: number, hadVisits: boolean): number | null {
  if (!hadVisits || before === 0) {
    return null;
  }
  return (now - before) / before;
}

/** The six headline figures of a period, each against the period before. */
export function webFigures(stats: Figures & { previous: Figures }): WebFigure[] {
  const hadVisits = stats.previous.visits > 0;
  return FIGURES.map(({ key, label, format, lowerIsBetter = false }) => {
    const change = relativeChange(stats[key], stats.previous[key], hadVisits);
    const rounded = change === null ? 0 : Math.round(change * 1000);
    const tone = change === null || rounded === 0 ? 'neutral' : rounded > 0 !== lowerIsBetter ? 'good' : 'bad';
    return {
      key,
      label,
      value: format(stats[key]),
      change: change === null ? null : `${formatSignedPercent(change)} vs previous period`,
      tone,
    };
  });
}

/** "1 visitor now", "12 visitors now". */
export function visitorsNowText(visitors: number): string {
  return `${formatCount(visitors)} ${visitors === 1 ? 'visitor' : 'visitors'} now`;
}
