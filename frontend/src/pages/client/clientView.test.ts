import { describe, expect, it } from 'vitest';
import type { Metric, Series, ZoomFactorScore } from '../../api/types.ts';
import type { LoadState } from '../../hooks/useApiGet.ts';
import { channelTabs, measuredMetrics, scoreMetricKeys, tabFrom, windowValue } from './clientView.ts';

function metric(key: string, channel: Metric['channel'], aggregation: Metric['aggregation'] = 'sum'): Metric {
  return { key, label: key, unit: 'count', polarity: 'higher', aggregation, channel, dimension: null, question: `${key}?` };
}

const CATALOGUE = [
  metric('web.pageviews', 'website'),
  metric('twitter.retweets', 'twitter'),
  metric('newsletter.subscribers', 'newsletter', 'last'),
  metric('search.avg_position', 'search', 'mean'),
];

function loaded(points: number[], periods = 0): LoadState<Series> {
  return {
    kind: 'loaded',
    data: {
      metric: 'm',
      granularity: 'day',
      from: '2026-11-01',
      to: '2026-11-30',
      dimension: null,
      competitorId: null,
      points: points.map((value, i) => ({ date: `2026-11-${String(i + 10)}`, value })),
      periods: Array.from({ length: periods }, () => ({ from: '2026-10-01', to: '2026-10-31', value: 1 })),
      trend: { verdict: 'flat', slope: 0, confidence: 0, n: points.length, basis: 'day' },
    },
  };
}

function scoreUsing(...keys: string[]): ZoomFactorScore {
  return {
    clientId: 'c',
    asOf: '2026-11-30',
    score: 50,
    quality: 50,
    coverage: 0.5,
    methodologyVersion: 'v',
    weights: { byComponent: {} },
    authenticity: { factor: 1, signals: [] },
    components: [
      {
        key: 'loyalty',
        label: 'Loyalty',
        measured: true,
        score: 50,
        weight: 1,
        contribution: 50,
        metrics: keys.map((key) => ({ metric: key, value: 1, baseline: null, normalized: 50, weight: 1, contribution: 50, trend: null })),
      },
    ],
    drivers: [],
  };
}

describe('measuredMetrics', () => {
  it.each<{ name: string; series: [string, LoadState<Series>][]; score: ZoomFactorScore | null; expected: string[] }>([
    { name: 'nothing loaded, no score', series: [], score: null, expected: [] },
    {
      name: 'daily data or period values in the window',
      series: [
        ['web.pageviews', loaded([1, 2])],
        ['twitter.retweets', loaded([], 1)],
        ['search.avg_position', loaded([])],
      ],
      score: null,
      expected: ['web.pageviews', 'twitter.retweets'],
    },
    {
      name: 'a metric the score uses, even without data in the period (subscribers)',
      series: [['newsletter.subscribers', loaded([])]],
      score: scoreUsing('newsletter.subscribers', 'twitter.retweets_per_post'),
      expected: ['newsletter.subscribers'],
    },
    {
      name: 'a failed load (it may hide data) but not one still loading',
      series: [
        ['web.pageviews', { kind: 'error', message: 'down' }],
        ['twitter.retweets', { kind: 'loading' }],
      ],
      score: null,
      expected: ['web.pageviews'],
    },
  ])('$name', ({ series, score, expected }) => {
    expect(measuredMetrics(CATALOGUE, new Map(series), score).map((m) => m.key)).toEqual(expected);
  });

  it('reads the metric keys of the score lines', () => {
    expect([...scoreMetricKeys(scoreUsing('a.b', 'c.d'))]).toEqual(['a.b', 'c.d']);
    expect(scoreMetricKeys(null).size).toBe(0);
  });
});

describe('channelTabs', () => {
  it("names the channels of the metrics, once each, in the product's order", () => {
    expect(channelTabs([CATALOGUE[3], CATALOGUE[0], CATALOGUE[2], CATALOGUE[0]].filter((m) => m !== undefined))).toEqual([
      { key: 'website', label: 'Web' },
      { key: 'newsletter', label: 'Newsletter' },
      { key: 'search', label: 'Search' },
    ]);
  });

  it('adds the channels given with a source but no data yet', () => {
    expect(channelTabs([], ['website'])).toEqual([{ key: 'website', label: 'Web' }]);
  });
});

describe('tabFrom', () => {
  const tabs = [{ key: 'overview' }, { key: 'twitter' }, { key: 'data' }];
  it.each([
    { value: 'twitter', expected: 'twitter' },
    { value: 'data', expected: 'data' },
    { value: 'facebook', expected: 'overview' },
    { value: null, expected: 'overview' },
  ])('$value → $expected', ({ value, expected }) => {
    expect(tabFrom(value, tabs)).toBe(expected);
  });
});

describe('windowValue', () => {
  it.each<{ aggregation: Metric['aggregation']; points: number[]; expected: number | null }>([
    { aggregation: 'sum', points: [900, 1100, 12300], expected: 14300 },
    { aggregation: 'mean', points: [0.5, 0.423], expected: 0.4615 },
    { aggregation: 'last', points: [1000, 1200, 1150], expected: 1150 },
    { aggregation: 'sum', points: [], expected: null },
  ])('$aggregation of $points = $expected', ({ aggregation, points, expected }) => {
    const series = loaded(points);
    const value = series.kind === 'loaded' ? windowValue({ aggregation }, series.data) : undefined;
    if (expected === null) {
      expect(value).toBeNull();
    } else {
      expect(value).toBeCloseTo(expected, 10);
    }
  });
});
