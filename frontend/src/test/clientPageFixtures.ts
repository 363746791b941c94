import { afterEach, beforeEach, vi } from 'vitest';
import type { Client, Metric, Role, Series } from '../api/types.ts';
import { apiError, fakeApi, json, sessionFor } from './fakeApi.ts';
import type { fakeLive } from './fakeSocket.ts';
import { renderApp } from './renderApp.tsx';

// The client, catalogue, series and fake server that the client page's section tests share.

export const acme: Client = {
  id: 'c-acme',
  name: 'Acme',
  website: null,
  timeZone: 'UTC',
  demo: false,
  channels: ['website'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  score: null,
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
    trend: { verdict: 'up', slope: 1, confidence: 0.9, n: 2, basis: 'day' },
  };
}

type Routes = Parameters<typeof fakeApi>[0];

/** What the page of `acme` asks for, answered as for a client with no score, notes or plans yet. */
const CLIENT_PAGE_ROUTES: Routes = {
  'GET /api/clients': () => json(200, [acme]),
  'GET /api/clients/c-acme': () => json(200, acme),
  'GET /api/metrics': () => json(200, CATALOGUE),
  'GET /api/clients/c-acme/observations': ({ query }) => json(200, series(query.get('metric') ?? '')),
  // every metric of the catalogue has the days of `series`
  'GET /api/clients/c-acme/metrics/measured': () =>
    json(200, { metrics: CATALOGUE.map((m) => ({ metric: m.key, observations: 2, first: '2026-11-01', last: '2026-11-20' })) }),
  'GET /api/clients/c-acme/posts': () => json(200, []),
  'GET /api/clients/c-acme/score': () => apiError(404, 'No score yet'),
  'GET /api/clients/c-acme/score/history': () => json(200, { clientId: 'c-acme', from: '2026-08-29', to: '2026-11-26', points: [] }),
  'GET /api/clients/c-acme/annotations': () => json(200, []),
  'GET /api/clients/c-acme/activity': () => json(200, { entries: [], next: null }),
  'GET /api/clients/c-acme/goals': () => json(200, []),
  'GET /api/clients/c-acme/comments': () => json(200, []),
  'GET /api/clients/c-acme/comments/mentionable': () => json(200, []),
  'GET /api/clients/c-acme/alert-rules': () => json(200, []),
  'GET /api/clients/c-acme/alerts': () => json(200, []),
  'GET /api/clients/c-acme/share-links': () => json(200, []),
  'GET /api/clients/c-acme/sites': () => json(200, []),
  'GET /api/clients/c-acme/report-schedules': () => json(200, []),
  'GET /api/clients/c-acme/report-unsubscribes': () => json(200, []),
  'GET /api/report-reviews': () => json(200, []),
};

/** A fake server for the client page of `acme`: every section's request answered, `routes` taking precedence. */
export function clientPageServer(routes: Routes = {}): ReturnType<typeof fakeApi> {
  return fakeApi({ ...CLIENT_PAGE_ROUTES, ...routes });
}

/** The section tests' "today": 26 Nov 2026, 12:00 UTC. Only Date is faked; timers stay real for Testing Library. */
export function todayIsNov26(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/**
 * Renders the page of `acme` for someone with this role, with a fake live channel when given one, on one of its
 * tabs (`collaboration`, `data`, a channel's key; the overview when none).
 */
export function renderClientPage(role: Role, live?: ReturnType<typeof fakeLive>, tab?: string): ReturnType<typeof renderApp> {
  const path = tab === undefined ? '/clients/c-acme' : `/clients/c-acme?tab=${encodeURIComponent(tab)}`;
  return renderApp(path, { session: sessionFor(role), ...(live ? { live: () => live.live } : {}) });
}
