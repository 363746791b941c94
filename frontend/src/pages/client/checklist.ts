import type { Metric, Series, Trend, TrendVerdict, ZoomFactorScore } from '../../api/types.ts';
import type { LoadState } from '../../query/loadState.ts';
import { formatDay, formatPeriod, formatValue, trendText, trendTone } from '../format.ts';

// The "why you, why now?" checklist: the product's questions (each catalogue metric carries one), grouped
// by channel, each answered by its metrics' current values and trends, or marked "not measured".

/** The question of the catalogue's last line, answered by the trend verdicts of every measured metric. */
export const TRENDING_QUESTION = 'Are your metrics trending up or staying flat?';
/** The group key of that question (it concerns every channel). */
export const ALL_CHANNELS = 'all';

/** What one metric says: its latest value from the page's series, else its value in the score, else why not. */
export type MetricAnswer =
  | { kind: 'series'; value: number; /** "on 5 Oct 2026", "over 1–31 Oct 2026" */ when: string; trend: Trend | null }
  | { kind: 'score'; value: number; asOf: string; trend: TrendVerdict | null }
  | { kind: 'loading' }
  | { kind: 'error' }
  | { kind: 'not-measured' };

export type ChecklistMetric = { metric: Metric; answer: MetricAnswer };

/** `answered` when at least one metric has data; otherwise `checking` while its series load, else `not-measured`. */
export type QuestionStatus = 'answered' | 'checking' | 'unknown' | 'not-measured';

/** Trend verdicts counted in each metric's good direction (a falling bounce rate improves). */
export type TrendCounts = { improving: number; flat: number; worsening: number };

export type ChecklistQuestion = {
  question: string;
  status: QuestionStatus;
  metrics: ChecklistMetric[];
  /** For TRENDING_QUESTION only. */
  trends?: TrendCounts;
};

export type ChecklistGroup = { channel: string; questions: ChecklistQuestion[] };

/** The series' latest value (a point, else a period) and when ("on 5 Oct 2026"), or null when it has neither. */
function latestOf(series: Series): { value: number; when: string } | null {
  const point = series.points.at(-1);
  if (point !== undefined) {
    return { value: point.value, when: `on ${formatDay(point.date)}` };
  }
  const period = series.periods.at(-1);
  return period === undefined ? null : { value: period.value, when: `over ${formatPeriod(period.from, period.to)}` };
}

type ScoreLine = { value: number; trend: TrendVerdict | null };

/** Each measured metric of the score's explanation: the first line's value, the first trend given. */
function scoreLines(score: ZoomFactorScore | null): Map<string, ScoreLine> {
  const lines = new Map<string, ScoreLine>();
  for (const component of score?.components ?? []) {
    for (const line of component.metrics) {
      const known = lines.get(line.metric);
      lines.set(line.metric, known === undefined ? { value: line.value, trend: line.trend } : { ...known, trend: known.trend ?? line.trend });
    }
  }
  return lines;
}

function answerFor(series: LoadState<Series> | undefined, line: ScoreLine | undefined, asOf: string): MetricAnswer {
  if (series?.kind === 'loaded') {
    const latest = latestOf(series.data);
    if (latest !== null) {
      return { kind: 'series', ...latest, trend: series.data.points.length > 0 ? series.data.trend : null };
    }
  }
  if (line !== undefined) {
    return { kind: 'score', value: line.value, asOf, trend: line.trend };
  }
  if (series?.kind === 'loading') {
    return { kind: 'loading' };
  }
  return series?.kind === 'error' ? { kind: 'error' } : { kind: 'not-measured' };
}

function statusOf(answers: readonly MetricAnswer[]): QuestionStatus {
  const kinds = new Set(answers.map((a) => a.kind));
  if (kinds.has('series') || kinds.has('score')) {
    return 'answered';
  }
  return kinds.has('loading') ? 'checking' : kinds.has('error') ? 'unknown' : 'not-measured';
}

function verdictOf(answer: MetricAnswer): TrendVerdict | null {
  if (answer.kind === 'series') {
    return answer.trend?.verdict ?? null;
  }
  return answer.kind === 'score' ? answer.trend : null;
}

/**
 * The checklist of `catalogue`'s questions, by channel (in catalogue order), then TRENDING_QUESTION. A
 * metric is answered from `series` (the page's loaded series, by metric key) when it has data there, else
 * from the score's explanation (its measured metrics), else it is loading, failed, or not measured.
 */
export function buildChecklist(
  catalogue: readonly Metric[],
  score: ZoomFactorScore | null,
  series: ReadonlyMap<string, LoadState<Series>>,
): ChecklistGroup[] {
  const lines = scoreLines(score);
  const asOf = score?.asOf ?? '';
  const groups = new Map<string, Map<string, ChecklistMetric[]>>();
  const trends: TrendCounts = { improving: 0, flat: 0, worsening: 0 };
  let trendPending = false;
  for (const metric of catalogue) {
    const answer = answerFor(series.get(metric.key), lines.get(metric.key), asOf);
    const questions = groups.get(metric.channel) ?? new Map<string, ChecklistMetric[]>();
    groups.set(metric.channel, questions);
    questions.set(metric.question, [...(questions.get(metric.question) ?? []), { metric, answer }]);
    const verdict = verdictOf(answer);
    if (verdict !== null) {
      const tone = trendTone(verdict, metric.polarity);
      trends[tone === 'good' ? 'improving' : tone === 'bad' ? 'worsening' : 'flat'] += 1;
    }
    trendPending ||= answer.kind === 'loading';
  }
  const result: ChecklistGroup[] = [...groups].map(([channel, questions]) => ({
    channel,
    questions: [...questions].map(([question, metrics]) => ({
      question,
      status: statusOf(metrics.map((m) => m.answer)),
      metrics,
    })),
  }));
  if (catalogue.length > 0) {
    const counted = trends.improving + trends.flat + trends.worsening;
    result.push({
      channel: ALL_CHANNELS,
      questions: [
        {
          question: TRENDING_QUESTION,
          status: counted > 0 ? 'answered' : trendPending ? 'checking' : 'not-measured',
          metrics: [],
          trends,
        },
      ],
    });
  }
  return result;
}

/** A metric's answer for people: "42.3% on 26 Nov 2026, trend down · 81%", "not measured", … */
export function answerText(metric: Pick<Metric, 'unit'>, answer: MetricAnswer): string {
  switch (answer.kind) {
    case 'series': {
      const trend = answer.trend === null ? '' : `, trend ${trendText(answer.trend)}`;
      return `${formatValue(answer.value, metric.unit)} ${answer.when}${trend}`;
    }
    case 'score': {
      const trend = answer.trend === null ? '' : `, trend ${answer.trend}`;
      return `${formatValue(answer.value, metric.unit)} in the score as of ${formatDay(answer.asOf)}${trend}`;
    }
    case 'loading':
      return 'checking…';
    case 'error':
      return 'could not be loaded';
    case 'not-measured':
      return 'not measured';
  }
}

/** "3 improving, 1 flat, 0 worsening". */
export function trendCountsText(counts: TrendCounts): string {
  return `${String(counts.improving)} improving, ${String(counts.flat)} flat, ${String(counts.worsening)} worsening`;
}
