import type { Client, Metric, Series } from '../api/types.ts';

// The client, catalogue and series that the client page's section tests (annotations, goals, comments) share.

export const acme: Client = {
  id: 'c-acme',
  name: 'Acme',
  website: null,
  timeZone: 'UTC',
  channels: ['website'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

export const CATALOGUE: Metric[] = [
  {
    key: 'web.pageviews',
    label: 'Page views',
    unit: 'count',
    polarity: 'higher',
    aggregation: 'sum',
    channel: 'website',
    dimension: null,
    question: 'How many pages do they read?',
  },
  {
    key: 'web.bounce_rate',
    label: 'Bounce rate',
    unit: 'ratio',
    polarity: 'lower',
    aggregation: 'mean',
    channel: 'website',
    dimension: null,
    question: 'Do they stay?',
  },
];

export function series(metric: string): Series {
  return {
    metric,
    granularity: 'day',
    from: '2026-08-29',
    to: '2026-11-26',
    dimension: null,
    competitorId: null,
    points: [
      { date: '2026-11-01', value: 10 },
      { date: '2026-11-20', value: 12 },
    ],
    periods: [],
    trend: { verdict: 'up', slope: 1, confidence: 0.9, n: 2 },
  };
}
