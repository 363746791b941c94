import { describe, expect, it } from 'vitest';
import type { ComponentScore, Metric, Series, ZoomFactorScore } from '../../api/types.ts';
import type { LoadState } from '../../query/loadState.ts';
import { ALL_CHANNELS, answerText, buildChecklist, TRENDING_QUESTION, trendCountsText, type MetricAnswer } from './checklist.ts';

function metric(key: string, channel: Metric['channel'], question: string, overrides: Partial<Metric> = {}): Metric {
  return { key, label: key, unit: 'count', polarity: 'higher', aggregation: 'sum', channel, dimension: null, question, ...overrides };
}

const BOUNCING = 'How quickly are they bouncing out of your blog or website?';
const RETWEETED = 'How often are you retweeted, and by whom? Is it your content?';
const SUBSCRIBE = 'Do they subscribe and opt in?';

const CATALOGUE: Metric[] = [
  metric('web.bounce_rate', 'website', BOUNCING, { unit: 'ratio', polarity: 'lower' }),
  metric('twitter.posts', 'twitter', RETWEETED),
  metric('twitter.retweets', 'twitter', RETWEETED),
  metric('newsletter.subscribers', 'newsletter', SUBSCRIBE),
  metric('leads.optins', 'leads', SUBSCRIBE),
];

function series(key: string, overrides: Partial<Series> = {}): Series {
  return {
    metric: key,
    granularity: 'day',
    from: '2026-08-29',
    to: '2026-11-26',
    dimension: null,
    competitorId: null,
    points: [],
    periods: [],
    trend: { verdict: 'flat', slope: 0, confidence: 0, n: 0, basis: 'day' },
    ...overrides,
  };
}

const loaded = (data: Series): LoadState<Series> => ({ kind: 'loaded', data });

const component = (key: ComponentScore['key'], metrics: ComponentScore['metrics']): ComponentScore => ({
  key,
  label: key,
  measured: metrics.length > 0,
  score: metrics.length > 0 ? 60 : null,
  weight: 0.2,
  contribution: 10,
  metrics,
});

const SCORE: ZoomFactorScore = {
  clientId: 'c-1',
  asOf: '2026-11-26',
  window: { days: 90, from: '2026-08-29', to: '2026-11-26' },
  score: 60,
  quality: 60,
  coverage: 0.2,
  methodologyVersion: '2026-11.1',
  weights: { byComponent: {} },
  authenticity: { factor: 1, signals: [] },
  components: [
    component('loyalty', [
      { metric: 'newsletter.subscribers', value: 1200, baseline: 1000, normalized: 70, weight: 1, contribution: 10, trend: null },
    ]),
    component('momentum', [
      { metric: 'newsletter.subscribers', value: 1200, baseline: null, normalized: 100, weight: 1, contribution: 10, trend: 'up' },
      { metric: 'not.in.catalogue', value: 1, baseline: null, normalized: 50, weight: 1, contribution: 1, trend: 'down' },
    ]),
    component('reach', []),
  ],
  drivers: [],
};

const BOUNCE_SERIES = series('web.bounce_rate', {
  points: [
    { date: '2026-11-25', value: 0.5 },
    { date: '2026-11-26', value: 0.423 },
  ],
  trend: { verdict: 'down', slope: -0.01, confidence: 0.81, n: 2, basis: 'day' },
});

type Summary = Record<string, Record<string, { status: string; answers: Record<string, MetricAnswer['kind']> }>>;

/** The checklist as channel → question → status and each metric's answer kind. */
function summary(groups: ReturnType<typeof buildChecklist>): Summary {
  return Object.fromEntries(
    groups.map((g) => [
      g.channel,
      Object.fromEntries(
        g.questions.map((q) => [q.question, { status: q.status, answers: Object.fromEntries(q.metrics.map((m) => [m.metric.key, m.answer.kind])) }]),
      ),
    ]),
  );
}

describe('buildChecklist', () => {
  it.each<{ name: string; score: ZoomFactorScore | null; series: [string, LoadState<Series>][]; expected: Summary }>([
    {
      name: 'nothing loaded yet, no score: every question is being checked or not measured',
      score: null,
      series: [
        ['web.bounce_rate', { kind: 'loading' }],
        ['twitter.posts', { kind: 'error', message: 'boom' }],
      ],
      expected: {
        website: { [BOUNCING]: { status: 'checking', answers: { 'web.bounce_rate': 'loading' } } },
        twitter: { [RETWEETED]: { status: 'unknown', answers: { 'twitter.posts': 'error', 'twitter.retweets': 'not-measured' } } },
        newsletter: { [SUBSCRIBE]: { status: 'not-measured', answers: { 'newsletter.subscribers': 'not-measured' } } },
        leads: { [SUBSCRIBE]: { status: 'not-measured', answers: { 'leads.optins': 'not-measured' } } },
        [ALL_CHANNELS]: { [TRENDING_QUESTION]: { status: 'checking', answers: {} } },
      },
    },
    {
      name: 'series answer first, the score fills in the metrics without series data, one metric answers its question',
      score: SCORE,
      series: [
        ['web.bounce_rate', loaded(BOUNCE_SERIES)],
        ['twitter.posts', loaded(series('twitter.posts'))],
        ['twitter.retweets', loaded(series('twitter.retweets', { periods: [{ from: '2026-10-01', to: '2026-10-31', value: 40 }] }))],
        ['newsletter.subscribers', loaded(series('newsletter.subscribers'))],
      ],
      expected: {
        website: { [BOUNCING]: { status: 'answered', answers: { 'web.bounce_rate': 'series' } } },
        twitter: { [RETWEETED]: { status: 'answered', answers: { 'twitter.posts': 'not-measured', 'twitter.retweets': 'series' } } },
        newsletter: { [SUBSCRIBE]: { status: 'answered', answers: { 'newsletter.subscribers': 'score' } } },
        leads: { [SUBSCRIBE]: { status: 'not-measured', answers: { 'leads.optins': 'not-measured' } } },
        [ALL_CHANNELS]: { [TRENDING_QUESTION]: { status: 'answered', answers: {} } },
      },
    },
  ])('$name', ({ score, series: loadedSeries, expected }) => {
    expect(summary(buildChecklist(CATALOGUE, score, new Map(loadedSeries)))).toEqual(expected);
  });

  it('keeps the values: the latest point or period, the trend, the score value as of its day', () => {
    const groups = buildChecklist(
      CATALOGUE,
      SCORE,
      new Map([
        ['web.bounce_rate', loaded(BOUNCE_SERIES)],
        ['twitter.retweets', loaded(series('twitter.retweets', { periods: [{ from: '2026-10-01', to: '2026-10-31', value: 40 }] }))],
      ]),
    );
    const answers = new Map(groups.flatMap((g) => g.questions.flatMap((q) => q.metrics.map((m) => [m.metric.key, m.answer] as const))));
    expect(answers.get('web.bounce_rate')).toEqual({ kind: 'series', value: 0.423, when: 'on 26 Nov 2026', trend: BOUNCE_SERIES.trend });
    // Periods only: no trend (as on the metric's card).
    expect(answers.get('twitter.retweets')).toEqual({ kind: 'series', value: 40, when: 'over 1–31 Oct 2026', trend: null });
    // The first line's value, the first trend any line gives.
    expect(answers.get('newsletter.subscribers')).toEqual({ kind: 'score', value: 1200, asOf: '2026-11-26', trend: 'up' });
    // Bounce rate going down is improving; subscribers up too; the unknown metric is not counted.
    expect(groups.at(-1)?.questions[0]?.trends).toEqual({ improving: 2, flat: 0, worsening: 0 });
  });

  it('is empty for an empty catalogue', () => {
    expect(buildChecklist([], SCORE, new Map())).toEqual([]);
  });
});

describe('answerText', () => {
  it.each<{ unit: Metric['unit']; answer: MetricAnswer; expected: string }>([
    {
      unit: 'ratio',
      answer: { kind: 'series', value: 0.423, when: 'on 26 Nov 2026', trend: { verdict: 'down', slope: -1, confidence: 0.81, n: 2, basis: 'day' } },
      expected: '42.3% on 26 Nov 2026, trend down · 81%',
    },
    { unit: 'count', answer: { kind: 'series', value: 40, when: 'over 1–31 Oct 2026', trend: null }, expected: '40 over 1–31 Oct 2026' },
    { unit: 'count', answer: { kind: 'score', value: 1200, asOf: '2026-11-26', trend: 'up' }, expected: '1,200 in the score as of 26 Nov 2026, trend up' },
    { unit: 'seconds', answer: { kind: 'score', value: 65, asOf: '2026-11-26', trend: null }, expected: '1m 05s in the score as of 26 Nov 2026' },
    { unit: 'count', answer: { kind: 'loading' }, expected: 'checking…' },
    { unit: 'count', answer: { kind: 'error' }, expected: 'could not be loaded' },
    { unit: 'count', answer: { kind: 'not-measured' }, expected: 'not measured' },
  ])('$expected', ({ unit, answer, expected }) => {
    expect(answerText({ unit }, answer)).toBe(expected);
  });

  it('counts trends', () => {
    expect(trendCountsText({ improving: 3, flat: 1, worsening: 0 })).toBe('3 improving, 1 flat, 0 worsening');
  });
});
