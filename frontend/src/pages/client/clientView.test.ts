import { describe, expect, it } from 'vitest';
import type { MeasuredMetric, Metric, ZoomFactorScore } from '../../api/types.ts';
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

/** What the server says of a metric with observations from `first` to `last`. */
function observed(metric: string, first: string, last: string): MeasuredMetric {
  return { metric, observations: 3, first, last };
}

/** The page's period in these tests. */
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

function scoreUsing(...keys: string[]): ZoomFactorScore {
  return {
    clientId: 'c',
    asOf: '2026-11-30',
    window: { days: 90, from: '2026-09-02', to: '2026-11-30' },
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
  it.each<{ name: string; measured: MeasuredMetric[]; score: ZoomFactorScore | null; expected: string[] }>([
    { name: 'nothing measured, no score', measured: [], score: null, expected: [] },
    {
      name: 'observations spanning days of the period, in catalogue order',
      measured: [
        observed('twitter.retweets', '2026-10-01', '2026-11-01'),
        observed('web.pageviews', '2026-11-10', '2026-11-12'),
        observed('search.avg_position', '2026-01-01', '2026-12-31'),
      ],
      score: null,
      expected: ['web.pageviews', 'twitter.retweets', 'search.avg_position'],
    },
    {
      name: 'not observations wholly before or after it',
      measured: [observed('web.pageviews', '2026-09-01', '2026-10-31'), observed('twitter.retweets', '2026-12-01', '2026-12-02')],
      score: null,
      expected: [],
    },
    {
      name: 'a metric the score uses, even without data in the period (subscribers), if the catalogue has it',
      measured: [],
      score: scoreUsing('newsletter.subscribers', 'twitter.retweets_per_post'),
      expected: ['newsletter.subscribers'],
    },
    {
      name: 'not a metric the catalogue lacks',
      measured: [observed('web.gone', '2026-11-01', '2026-11-30')],
      score: null,
      expected: [],
    },
  ])('$name', ({ measured, score, expected }) => {
    expect(measuredMetrics(CATALOGUE, measured, score, NOVEMBER).map((m) => m.key)).toEqual(expected);
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
    const value = windowValue({ aggregation }, { points: points.map((v, i) => ({ date: `2026-11-${String(i + 10)}`, value: v })) });
    if (expected === null) {
      expect(value).toBeNull();
    } else {
      expect(value).toBeCloseTo(expected, 10);
    }
  });
});
