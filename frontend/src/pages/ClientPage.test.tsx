import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client, DimensionBreakdown, MeasuredMetrics, Metric, Post, Role, ScoreHistory, ScoreHistoryPoint, Series, ZoomFactorScore } from '../api/types.ts';
import { apiError, fakeApi, json, sessionFor, type Call } from '../test/fakeApi.ts';
import { plots } from '../test/fakeUplot.ts';
import { renderApp } from '../test/renderApp.tsx';
import { fakeLive } from '../test/fakeSocket.ts';

/** Charts are drawn once their data arrives: the number of charts once it stops changing. */
async function settledPlotCount(): Promise<number> {
  let last = -1;
  await waitFor(
    () => {
      const now = plots.length;
      const settled = now > 0 && now === last;
      last = now;
      expect(settled).toBe(true);
    },
    { interval: 100 },
  );
  return last;
}


const acme: Client = {
  id: 'c-acme',
  name: 'Acme',
  website: 'https://acme.test',
  timeZone: 'UTC',
  demo: false,
  channels: ['website', 'search'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  score: null,
};

function metric(key: string, label: string, overrides: Partial<Metric> = {}): Metric {
  return {
    key,
    label,
    unit: 'count',
    polarity: 'higher',
    aggregation: 'sum',
    channel: 'website',
    dimension: null,
    question: `What about ${label.toLowerCase()}?`,
    ...overrides,
  };
}

const CATALOGUE: Metric[] = [
  metric('web.pageviews', 'Page views', { dimension: 'page', question: 'What content are they reading?' }),
  metric('web.bounce_rate', 'Bounce rate', { unit: 'ratio', polarity: 'lower', aggregation: 'mean' }),
  metric('web.time_on_page', 'Average time on page', { unit: 'seconds', aggregation: 'mean' }),
  metric('twitter.retweets', 'Retweets', { channel: 'twitter', dimension: 'account' }),
  metric('search.avg_position', 'Average search position', {
    unit: 'position',
    polarity: 'lower',
    aggregation: 'mean',
    channel: 'search',
    dimension: 'query',
  }),
];

function series(metricKey: string, overrides: Partial<Series> = {}): Series {
  return {
    metric: metricKey,
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

const SERIES: Record<string, Series> = {
  'web.pageviews': series('web.pageviews', {
    points: [
      { date: '2026-11-24', value: 900 },
      { date: '2026-11-25', value: 1100 },
      { date: '2026-11-26', value: 12300 },
    ],
    periods: [{ from: '2026-10-01', to: '2026-10-31', value: 12300 }],
    trend: { verdict: 'up', slope: 3.2, confidence: 0.97, n: 3, basis: 'day' },
  }),
  'web.bounce_rate': series('web.bounce_rate', {
    points: [
      { date: '2026-11-25', value: 0.5 },
      { date: '2026-11-26', value: 0.423 },
    ],
    trend: { verdict: 'down', slope: -0.01, confidence: 0.81, n: 2, basis: 'day' },
  }),
  'web.time_on_page': series('web.time_on_page'),
  'search.avg_position': series('search.avg_position', {
    points: [{ date: '2026-11-26', value: 4.26 }],
    trend: { verdict: 'up', slope: 0.2, confidence: 0.64, n: 1, basis: 'day' },
  }),
};

const TOP_PAGES: DimensionBreakdown = {
  metric: 'web.pageviews',
  dimension: 'page',
  from: '2026-08-29',
  to: '2026-11-26',
  values: ['/', '/pricing', '/blog', '/about', '/jobs', '/contact', '/legal'].map((page, i) => ({
    dimension: page,
    value: 5000 - i * 500,
    observations: 30,
  })),
};

const TOP_QUERIES: DimensionBreakdown = {
  metric: 'search.avg_position',
  dimension: 'query',
  from: '2026-08-29',
  to: '2026-11-26',
  values: [{ dimension: 'zoom factor', value: 1.5, observations: 12 }],
};

const POSTS: Post[] = [
  {
    id: 'p-1',
    channel: 'twitter',
    externalId: '111',
    publishedAt: '2026-11-20T10:00:00Z',
    text: 'Our new pricing page is live',
    url: 'https://x.test/acme/111',
    metrics: { retweets: 4, likes: 30 },
    engagement: 1234,
    engagementRate: 0.052,
  },
  {
    id: 'p-2',
    channel: 'facebook',
    externalId: '222',
    publishedAt: '2026-11-22T10:00:00Z',
    text: 'Meet the team',
    url: null,
    metrics: {},
    engagement: 7,
    engagementRate: null,
  },
];

const SCORE: ZoomFactorScore = {
  clientId: 'c-acme',
  asOf: '2026-11-26',
  // not the default 90 days: the page names the window the server says
  window: { days: 28, from: '2026-10-30', to: '2026-11-26' },
  score: 61.234,
  quality: 72.04,
  coverage: 0.452,
  methodologyVersion: 'zf-1.2',
  weights: { byComponent: { attention: 0.3, loyalty: 0.2 } },
  authenticity: {
    factor: 0.85,
    signals: [{ key: 'retweet_ring', message: 'A few accounts make most of the retweets', discount: 0.15 }],
  },
  components: [
    {
      key: 'attention',
      label: 'Attention',
      measured: true,
      score: 80.04,
      weight: 0.3,
      contribution: 12.345,
      metrics: [
        { metric: 'web.pageviews', value: 12300, baseline: 9000, normalized: 75.5, weight: 0.6, contribution: 7.25, trend: 'up' },
        { metric: 'web.unknown', value: 4, baseline: null, normalized: 50, weight: 0.4, contribution: 3, trend: null },
      ],
    },
    { key: 'loyalty', label: 'Loyalty', measured: false, score: null, weight: 0.2, contribution: 0, metrics: [] },
  ],
  drivers: [
    { message: 'Page views rose against their baseline', delta: 2.46 },
    { message: 'Bounce rate got worse', delta: -1.04 },
  ],
};

/** What the server says is measured when each metric has the observations of `byKey` (SERIES by default). */
function measuredOf(byKey: Record<string, Series>): MeasuredMetrics {
  const metrics = Object.values(byKey).flatMap((s) => {
    const days = [...s.points.map((p) => [p.date, p.date]), ...s.periods.map((p) => [p.from, p.to])];
    return days.length === 0
      ? []
      : [{ metric: s.metric, observations: days.length, first: days.map((d) => d[0] ?? '').sort()[0] ?? '', last: days.map((d) => d[1] ?? '').sort().at(-1) ?? '' }];
  });
  return { metrics: metrics.sort((a, b) => a.metric.localeCompare(b.metric)) };
}

type ServerOptions = {
  client?: Client;
  series?: (call: Call) => Response | Promise<Response>;
  /** Which metrics have observations (those of SERIES by default). */
  measured?: MeasuredMetrics;
  posts?: Post[];
  extra?: Parameters<typeof fakeApi>[0];
};

function clientServer({ client = acme, series: seriesRoute, measured = measuredOf(SERIES), posts = POSTS, extra = {} }: ServerOptions = {}) {
  return fakeApi({
    'GET /api/clients': () => json(200, [client]),
    [`GET /api/clients/${client.id}`]: () => json(200, client),
    'GET /api/metrics': () => json(200, CATALOGUE),
    [`GET /api/clients/${client.id}/observations`]:
      seriesRoute ??
      (({ query }) => {
        const key = query.get('metric') ?? '';
        const found = SERIES[key] ?? series(key);
        return json(200, { ...found, granularity: query.get('granularity'), from: query.get('from'), to: query.get('to') });
      }),
    [`GET /api/clients/${client.id}/metrics/measured`]: () => json(200, measured),
    [`GET /api/clients/${client.id}/dimensions`]: ({ query }) =>
      json(200, query.get('metric') === 'web.pageviews' ? TOP_PAGES : TOP_QUERIES),
    [`GET /api/clients/${client.id}/posts`]: () => json(200, posts),
    [`GET /api/clients/${client.id}/score`]: () => json(200, { ...SCORE, clientId: client.id }),
    [`GET /api/clients/${client.id}/score/history`]: ({ query }) =>
      json(200, { clientId: client.id, from: query.get('from'), to: query.get('to'), points: [] }),
    [`GET /api/clients/${client.id}/annotations`]: () => json(200, []),
    [`GET /api/clients/${client.id}/activity`]: () => json(200, { entries: [], next: null }),
    [`GET /api/clients/${client.id}/goals`]: () => json(200, []),
    [`GET /api/clients/${client.id}/comments`]: () => json(200, []),
    [`GET /api/clients/${client.id}/share-links`]: () => json(200, []),
    [`GET /api/clients/${client.id}/sites`]: () => json(200, []),
    [`GET /api/clients/${client.id}/alert-rules`]: () => json(200, []),
    [`GET /api/clients/${client.id}/alerts`]: () => json(200, []),
    [`GET /api/clients/${client.id}/report-schedules`]: () => json(200, []),
    ...extra,
  });
}

function card(name: string): HTMLElement {
  return screen.getByRole('article', { name });
}

/** The series calls made so far, as "metric granularity from..to". */
/**
 * The series the page read for its period (every window the page offers ends today, 26 Nov 2026), or, with
 * `previous`, those of the period before that its charts overlay.
 */
function seriesCalls(api: ReturnType<typeof fakeApi>, clientId = acme.id, which: 'page' | 'previous' = 'page'): string[] {
  return api
    .to(`GET /api/clients/${clientId}/observations`)
    .filter(({ query }) => (query.get('to') === '2026-11-26') === (which === 'page'))
    .map(({ query }) => `${query.get('metric') ?? ''} ${query.get('granularity') ?? ''} ${query.get('from') ?? ''}..${query.get('to') ?? ''}`);
}

beforeEach(() => {
  // Only Date is faked: "today" is 26 Nov 2026 (UTC), timers stay real for Testing Library.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ClientPage', () => {
  it('opens from the clients list', async () => {
    clientServer();
    const { user } = renderApp('/clients', { session: sessionFor('viewer') });

    await user.click(await screen.findByRole('link', { name: 'Acme' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Acme' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'All clients' }).getAttribute('href')).toBe('/clients');
  });

  it('shows a tab per channel with data: its measured metrics with value over the window, trend, chart, periods and top dimensions', async () => {
    const api = clientServer();
    const { user } = renderApp('/clients/c-acme?tab=website', { session: sessionFor('analyst') });

    expect(await screen.findByRole('heading', { level: 2, name: 'Acme' })).toBeDefined();
    await screen.findByTestId('trend-web.pageviews');

    // Web and Search have data; X has none and time on page none: no tab, no card.
    const tabs = screen.getByRole('tablist', { name: 'Acme: sections' });
    expect(within(tabs).getAllByRole('tab').map((t) => t.textContent)).toEqual(['Overview', 'Web', 'Search', 'Collaboration', 'Data']);
    expect(within(tabs).getByRole('tab', { name: 'Web' }).getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByRole('tabpanel', { name: 'Web' });
    expect(within(panel).getAllByRole('article').map((a) => a.querySelector('.metric-title')?.textContent)).toEqual([
      'Page views',
      'Bounce rate',
    ]);

    const pageViews = card('Page views');
    expect(pageViews.textContent).toContain('What content are they reading?');
    // its value over the page's window, with the window said, and its latest day
    expect(within(pageViews).getByTestId('window-web.pageviews').textContent).toBe('14,300 · total · last 90 days');
    expect(pageViews.textContent).toContain('12,300 on 26 Nov 2026');
    const upBadge = within(pageViews).getByTestId('trend-web.pageviews');
    expect(upBadge.textContent).toBe('up · 97%');
    expect(upBadge.classList.contains('trend-good')).toBe(true);
    expect(within(pageViews).getByRole('img', { name: 'Page views, 3 points, trend up' })).toBeDefined();
    expect(within(pageViews).getByRole('list', { name: 'Page views by period' }).textContent).toBe('1–31 Oct 2026: 12,300');
    const topPages = await within(pageViews).findByRole('region', { name: 'Top pages' });
    await waitFor(() => {
      expect(within(topPages).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
        '/ 5,000',
        '/pricing 4,500',
        '/blog 4,000',
        '/about 3,500',
        '/jobs 3,000',
      ]);
    });

    // Going down is good news for a "lower is better" metric; a rate's window value is its daily average.
    const bounce = card('Bounce rate');
    expect(within(bounce).getByTestId('window-web.bounce_rate').textContent).toBe('46.2% · daily average · last 90 days');
    expect(bounce.textContent).toContain('42.3% on 26 Nov 2026');
    const downBadge = within(bounce).getByTestId('trend-web.bounce_rate');
    expect(downBadge.textContent).toBe('down · 81%');
    expect(downBadge.classList.contains('trend-good')).toBe(true);

    // And going up is bad news for it.
    await user.click(within(tabs).getByRole('tab', { name: 'Search' }));
    const position = await screen.findByRole('article', { name: 'Average search position' });
    expect(position.textContent).toContain('4.3');
    expect(within(position).getByTestId('trend-search.avg_position').classList.contains('trend-bad')).toBe(true);
    expect((await within(position).findByRole('region', { name: 'Top queries' })).textContent).toContain('zoom factor 1.5');
    expect(screen.queryByRole('article', { name: 'Page views' })).toBeNull();

    // Which metrics are measured is one read; only the open tab's metrics are read over the last 90 days by day, in
    // the client's time zone (once: the window values share the daily series); top dimensions for the breakdown
    // metrics shown.
    expect(api.to('GET /api/clients/c-acme/metrics/measured')).toHaveLength(1);
    expect(seriesCalls(api).sort()).toEqual([
      'search.avg_position day 2026-08-29..2026-11-26',
      'web.bounce_rate day 2026-08-29..2026-11-26',
      'web.pageviews day 2026-08-29..2026-11-26',
    ]);
    // each chart shown overlays the 90 days before, read at the chart's granularity
    await waitFor(() => {
      expect(seriesCalls(api, acme.id, 'previous')).toContain('search.avg_position day 2026-05-31..2026-08-28');
    });
    expect(api.to('GET /api/clients/c-acme/dimensions').map((c) => c.query.toString()).sort()).toEqual([
      'metric=search.avg_position&from=2026-08-29&to=2026-11-26&limit=10',
      'metric=web.pageviews&from=2026-08-29&to=2026-11-26&limit=10',
    ]);
  });

  it('moves between tabs with the arrow keys, Home and End', async () => {
    clientServer();
    const { user } = renderApp('/clients/c-acme', { session: sessionFor('viewer') });
    await screen.findByRole('tab', { name: 'Search' });
    const tab = (name: string) => screen.getByRole('tab', { name });
    expect(tab('Overview').getAttribute('aria-selected')).toBe('true');
    expect(tab('Web').tabIndex).toBe(-1);

    tab('Overview').focus();
    await user.keyboard('{ArrowRight}');
    expect(tab('Web').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Web'));
    expect(await screen.findByRole('tabpanel', { name: 'Web' })).toBeDefined();
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(tab('Data'));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tab('Overview'));
    await user.keyboard('{ArrowLeft}');
    expect(tab('Data').getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Home}');
    expect(tab('Overview').getAttribute('aria-selected')).toBe('true');
  });

  it('shows every metric and channel when asked to, unmeasured ones saying so', async () => {
    clientServer({ client: { ...acme, channels: [] } });
    const { user } = renderApp('/clients/c-acme?tab=website', { session: sessionFor('viewer') });
    await screen.findByTestId('trend-web.pageviews');
    expect(screen.queryByRole('tab', { name: 'X' })).toBeNull();
    expect(screen.queryByRole('article', { name: 'Average time on page' })).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: 'Show all metrics' }));

    const time = await screen.findByRole('article', { name: 'Average time on page' });
    expect(within(time).getByText('No data yet')).toBeDefined();
    expect(within(time).queryByRole('img')).toBeNull();
    expect(within(time).queryByTestId('trend-web.time_on_page')).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'X' }));
    expect(await screen.findByRole('article', { name: 'Retweets' })).toBeDefined();
  });

  it('says "not scored yet" everywhere for a client with nothing measured, with no channel tab', async () => {
    clientServer({
      client: { ...acme, channels: ['polls'] },
      series: ({ query }) => json(200, series(query.get('metric') ?? '')),
      measured: { metrics: [] },
      extra: {
        'GET /api/clients/c-acme/score': () =>
          json(200, { ...SCORE, score: null, quality: null, reason: 'Nothing measured in the window.', coverage: 0, drivers: [], components: [] }),
      },
    });
    renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    expect(await screen.findByTestId('nothing-measured')).toBeDefined();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Overview', 'Collaboration', 'Data']);
    expect(screen.getByTestId('header-score').textContent).toBe('Zoom Factor: not scored yet');
    expect(screen.getByTestId('zoom-factor-score').textContent).toBe('not scored yet');
    const history = screen.getByRole('region', { name: 'Score history' });
    expect((await within(history).findByText(/Not scored yet/)).textContent).toBe(
      'Not scored yet: no score recorded over 29 Aug – 26 Nov 2026.',
    );
    expect(screen.getByRole('main').textContent).not.toMatch(/\b0\.0\b/);
    expect(screen.queryByRole('article')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Why you, why now?' })).toBeNull();
  });

  it('reloads the series for another period and granularity, updating the charts in place', async () => {
    const api = clientServer();
    const { user } = renderApp('/clients/c-acme', { session: sessionFor('viewer') });
    await screen.findByTestId('trend-web.pageviews');
    expect(screen.getByLabelText<HTMLSelectElement>('Period').value).toBe('90d');
    expect(screen.getByLabelText<HTMLSelectElement>('Granularity').value).toBe('day');
    const created = await settledPlotCount();

    await user.selectOptions(screen.getByLabelText('Period'), 'Last 12 months');

    // A year starts by the week.
    expect(screen.getByLabelText<HTMLSelectElement>('Granularity').value).toBe('week');
    await waitFor(() => {
      expect(seriesCalls(api)).toContain('web.pageviews week 2025-11-27..2026-11-26');
    });
    await waitFor(() => {
      expect(plots[0]?.setData).toHaveBeenCalled();
    });
    expect(plots).toHaveLength(created);

    await user.selectOptions(screen.getByLabelText('Granularity'), 'Month');
    await waitFor(() => {
      expect(seriesCalls(api)).toContain('web.pageviews month 2025-11-27..2026-11-26');
    });

    await user.selectOptions(screen.getByLabelText('Period'), 'Last 30 days');
    expect(screen.getByLabelText<HTMLSelectElement>('Granularity').value).toBe('day');
    await waitFor(() => {
      expect(seriesCalls(api)).toContain('web.pageviews day 2026-10-28..2026-11-26');
    });
  });

  it('charts every metric the score uses, subscribers included, whatever channels the client declared', async () => {
    const subscribers = metric('newsletter.subscribers', 'Subscribers', { channel: 'newsletter', aggregation: 'last' });
    clientServer({
      series: ({ query }) => {
        const key = query.get('metric') ?? '';
        return key === 'newsletter.subscribers'
          ? json(200, series(key, { points: [{ date: '2026-11-20', value: 1200 }, { date: '2026-11-26', value: 1250 }] }))
          : json(200, SERIES[key] ?? series(key));
      },
      extra: {
        'GET /api/metrics': () => json(200, [...CATALOGUE, subscribers]),
        'GET /api/clients/c-acme/score': () =>
          json(200, {
            ...SCORE,
            components: [
              {
                key: 'loyalty',
                label: 'Loyalty',
                measured: true,
                score: 70,
                weight: 0.2,
                contribution: 14,
                metrics: [{ metric: 'newsletter.subscribers', value: 1250, baseline: 1000, normalized: 70, weight: 1, contribution: 14, trend: 'up' }],
              },
            ],
          }),
      },
    });
    const { user } = renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    // the biggest contribution: charted in the overview, and in its channel's tab
    const leading = await screen.findByRole('region', { name: 'What weighs most in the score' });
    expect(await within(leading).findByRole('img', { name: /^Subscribers, 2 points/ })).toBeDefined();
    await user.click(screen.getByRole('tab', { name: 'Newsletter' }));
    const card = await screen.findByRole('article', { name: 'Subscribers' });
    expect(within(card).getByRole('img', { name: /^Subscribers, 2 points/ })).toBeDefined();
    // a stock's value over the window is its latest day's
    expect(within(card).getByTestId('window-newsletter.subscribers').textContent).toBe('1,250 · latest · last 90 days');
  });

  it('reads the period, granularity and tab from the URL', async () => {
    const api = clientServer();
    renderApp('/clients/c-acme?period=30d&granularity=week&tab=search', { session: sessionFor('viewer') });

    expect(await screen.findByRole('tabpanel', { name: 'Search' })).toBeDefined();
    expect(screen.getByLabelText<HTMLSelectElement>('Period').value).toBe('30d');
    expect(screen.getByLabelText<HTMLSelectElement>('Granularity').value).toBe('week');
    await waitFor(() => {
      expect(seriesCalls(api)).toContain('search.avg_position week 2026-10-28..2026-11-26');
    });
    // the window values read the days of the same period
    await waitFor(() => {
      expect(seriesCalls(api)).toContain('search.avg_position day 2026-10-28..2026-11-26');
    });
    expect(await screen.findByTestId('window-search.avg_position')).toBeDefined();
    expect(screen.getByTestId('window-search.avg_position').textContent).toContain('last 30 days');
  });

  it('falls back to the defaults for values of the URL it does not know', async () => {
    clientServer();
    renderApp('/clients/c-acme?period=7y&granularity=hour&tab=nowhere', { session: sessionFor('viewer') });

    expect(await screen.findByRole('tabpanel', { name: 'Overview' })).toBeDefined();
    expect(screen.getByLabelText<HTMLSelectElement>('Period').value).toBe('90d');
    expect(screen.getByLabelText<HTMLSelectElement>('Granularity').value).toBe('day');
  });

  it('loads at most 6 series at a time', async () => {
    let inFlight = 0;
    let peak = 0;
    const api = clientServer({
      client: { ...acme, channels: [] },
      series: async ({ query }) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return json(200, series(query.get('metric') ?? ''));
      },
      extra: {
        'GET /api/metrics': () =>
          json(200, Array.from({ length: 14 }, (_, i) => metric(`m${String(i)}`, `Metric ${String(i)}`))),
      },
    });
    renderApp('/clients/c-acme?metrics=all&tab=website', { session: sessionFor('viewer') });

    await waitFor(() => {
      expect(screen.getAllByText('No data yet')).toHaveLength(14);
    });
    expect(seriesCalls(api)).toHaveLength(14);
    expect(peak).toBeLessThanOrEqual(6);
    expect(peak).toBeGreaterThan(1);
  });

  it('shows a series error in its card, with a way to try again', async () => {
    let fail = true;
    clientServer({
      series: ({ query }) => {
        const key = query.get('metric') ?? '';
        return key === 'web.bounce_rate' && fail ? apiError(500, 'Series unavailable') : json(200, SERIES[key] ?? series(key));
      },
    });
    const { user } = renderApp('/clients/c-acme?tab=website', { session: sessionFor('viewer') });

    // a server error is tried twice more before it shows; the card is there (it may hide data), with the error
    const bounce = await screen.findByRole('article', { name: 'Bounce rate' }, { timeout: 6000 });
    expect((await within(bounce).findByRole('alert')).textContent).toBe('Series unavailable');
    expect(card('Page views').textContent).toContain('12,300');

    fail = false;
    await user.click(within(bounce).getByRole('button', { name: 'Try again: Bounce rate' }));

    expect((await within(bounce).findByTestId('trend-web.bounce_rate')).textContent).toBe('down · 81%');
  }, 10_000);

  it('shows a load error for the client, with a way to try again', async () => {
    let fail = true;
    clientServer({
      extra: { 'GET /api/clients/c-acme': () => (fail ? apiError(404, 'No such client') : json(200, acme)) },
    });
    const { user } = renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    expect((await screen.findByRole('alert')).textContent).toBe('No such client');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Acme' })).toBeDefined();
  });

  it('shows the Zoom Factor first in the overview: score, formula, coverage, components, signals and drivers', async () => {
    const api = clientServer();
    renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    expect((await screen.findByTestId('zoom-factor-score')).textContent).toBe('61.2');
    const panel = screen.getByRole('region', { name: 'Zoom Factor' });
    expect(screen.getByTestId('header-score').textContent).toBe('Zoom Factor 61.2 as of 26 Nov 2026');
    expect(panel.compareDocumentPosition(await screen.findByRole('heading', { level: 3, name: 'What weighs most in the score' }))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(api.to('GET /api/clients/c-acme/score')[0]?.query.has('asOf')).toBe(false);
    expect(screen.getByTestId('zoom-factor-formula').textContent).toBe('quality 72.0 × authenticity 85%');
    expect(screen.getByTestId('zoom-factor-coverage').textContent).toBe('Coverage 45%');
    expect(panel.textContent).toContain('Methodology zf-1.2');

    const attention = screen.getByTestId('component-attention');
    expect(attention.textContent).toContain('Attention');
    expect(attention.textContent).toContain('80.0');
    expect(attention.textContent).toContain('+12.3 points');
    expect(within(attention).getByRole('meter', { name: 'Attention score' }).getAttribute('value')).toBe('80.04');
    expect(attention.textContent).not.toContain('not measured');

    const loyalty = screen.getByTestId('component-loyalty');
    expect(loyalty.textContent).toContain('not measured');
    expect(within(loyalty).queryByRole('meter')).toBeNull();

    // The metrics of a component, labelled from the catalogue (or by key when unknown).
    const rows = within(attention).getAllByRole('row').map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Metric', 'Value over the 28 days to 26 Nov 2026', 'Baseline (the 28 days before)', 'Normalized', 'Contribution', 'Trend'],
      ['Page views', '12,300', '9,000', '75.5', '+7.3 points', 'up'],
      ['web.unknown', '4', '—', '50.0', '+3.0 points', '—'],
    ]);

    const authenticity = within(panel).getByRole('region', { name: 'Authenticity' });
    expect(within(authenticity).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'A few accounts make most of the retweets \u221215%',
    ]);
    expect(within(panel).queryByRole('alert')).toBeNull();

    const moved = within(panel).getByRole('region', { name: 'What moved' });
    expect(within(moved).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Page views rose against their baseline +2.5 points',
      'Bounce rate got worse \u22121.0 points',
    ]);
  });

  it('leaves out the authenticity and drivers lists when there are none', async () => {
    clientServer({
      extra: {
        'GET /api/clients/c-acme/score': () => json(200, { ...SCORE, authenticity: { factor: 1, signals: [] }, drivers: [] }),
      },
    });
    renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    await screen.findByTestId('zoom-factor-score');
    const panel = screen.getByRole('region', { name: 'Zoom Factor' });
    expect(within(panel).queryByRole('heading', { name: 'Authenticity' })).toBeNull();
    expect(within(panel).queryByRole('heading', { name: 'What moved' })).toBeNull();
    expect(screen.getByTestId('zoom-factor-formula').textContent).toBe('quality 72.0 × authenticity 100%');
  });

  it('says "not scored yet" with the reason when the client has nothing measured, never a 0', async () => {
    const reason = 'Not scored yet: none of the metrics the score uses has data in the 90 days up to 2026-11-30.';
    clientServer({
      extra: {
        'GET /api/clients/c-acme/score': () =>
          json(200, { ...SCORE, score: null, quality: null, reason, coverage: 0, drivers: [] }),
      },
    });
    renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    expect((await screen.findByTestId('zoom-factor-score')).textContent).toBe('not scored yet');
    expect(screen.getByTestId('zoom-factor-reason').textContent).toBe(reason);
    expect(screen.queryByTestId('zoom-factor-formula')).toBeNull();
  });

  it('shows a Zoom Factor error, with a way to try again', async () => {
    let fail = true;
    clientServer({
      extra: {
        'GET /api/clients/c-acme/score': () => (fail ? apiError(503, 'Score unavailable') : json(200, SCORE)),
      },
    });
    const { user } = renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    const panel = await screen.findByRole('region', { name: 'Zoom Factor' });
    expect((await within(panel).findByRole('alert')).textContent).toBe('Score unavailable');
    expect(within(panel).queryByTestId('zoom-factor-score')).toBeNull();

    fail = false;
    await user.click(within(panel).getByRole('button', { name: 'Try again: Zoom Factor' }));

    expect((await within(panel).findByTestId('zoom-factor-score')).textContent).toBe('61.2');
  });

  it("answers the product's why-questions by channel from the series and the score, marking the rest not measured", async () => {
    clientServer({
      extra: {
        'GET /api/clients/c-acme/score': () =>
          json(200, {
            ...SCORE,
            components: [
              ...SCORE.components,
              {
                key: 'amplification',
                label: 'Amplification',
                measured: true,
                score: 60,
                weight: 0.2,
                contribution: 5,
                metrics: [{ metric: 'twitter.retweets', value: 340, baseline: 300, normalized: 60, weight: 1, contribution: 5, trend: 'flat' }],
              },
            ],
          }),
      },
    });
    renderApp('/clients/c-acme', { session: sessionFor('viewer') });
    await screen.findByTestId('trend-web.pageviews');
    await screen.findByTestId('zoom-factor-score');

    const checklist = screen.getByRole('region', { name: 'Why you, why now?' });
    await waitFor(() => {
      expect(within(checklist).getByTestId('why-answered').textContent).toBe('5 of 5 answered.');
    });
    const group = (name: string) => within(checklist).getByRole('region', { name });
    const items = (name: string) => within(group(name)).getAllByRole('listitem').filter((li) => li.classList.contains('why-item'));
    const texts = (name: string) => items(name).map((li) => li.textContent);

    expect(within(checklist).getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      'Website / blog',
      'X / Twitter',
      'Search',
      'All channels',
    ]);
    expect(texts('Website / blog')).toEqual([
      '✓What content are they reading?AnsweredPage views: 12,300 on 26 Nov 2026, trend up · 97%',
      '✓What about bounce rate?AnsweredBounce rate: 42.3% on 26 Nov 2026, trend down · 81%',
    ]);
    // Not one of the client's declared channels and no series data: answered by the score's explanation.
    expect(texts('X / Twitter')).toEqual(['✓What about retweets?AnsweredRetweets: 340 in the score as of 26 Nov 2026, trend flat']);
    expect(texts('Search')).toEqual(['✓What about average search position?AnsweredAverage search position: 4.3 on 26 Nov 2026, trend up · 64%']);
    // Page views up and bounce rate down improve; search position up worsens; retweets flat.
    expect(texts('All channels')).toEqual(['✓Are your metrics trending up or staying flat?Answered2 improving, 1 flat, 1 worsening']);
  });

  it('marks every question not measured for a client without data or score, once all metrics are asked for', async () => {
    clientServer({
      series: ({ query }) => json(200, series(query.get('metric') ?? '')),
      measured: { metrics: [] },
      extra: { 'GET /api/clients/c-acme/score': () => apiError(404, 'Score unavailable') },
    });
    renderApp('/clients/c-acme?metrics=all', { session: sessionFor('viewer') });

    const checklist = await screen.findByRole('region', { name: 'Why you, why now?' });
    await waitFor(() => {
      expect(within(checklist).getAllByText('Not measured')).toHaveLength(6);
    });
    expect(within(checklist).getByTestId('why-answered').textContent).toBe('0 of 6 answered.');
    // The score's error shows in its own panel, not in the checklist.
    expect(within(checklist).queryByRole('alert')).toBeNull();
  });

  describe('score history', () => {
    function historyPoint(computedAt: string, score: number, overrides: Partial<ScoreHistoryPoint> = {}): ScoreHistoryPoint {
      return {
        computedAt,
        asOf: computedAt.slice(0, 10),
        score,
        quality: score,
        coverage: 0.45,
        authenticityFactor: 0.95,
        cause: 'data',
        previousScore: null,
        methodologyVersion: '2026-11.1',
        weights: { attention: 0.15, loyalty: 0, reach: 0, amplification: 0, conversation: 0, discoverability: 0, momentum: 0 },
        ...overrides,
      };
    }

    const HISTORY_POINTS: ScoreHistoryPoint[] = [
      historyPoint('2026-11-01T10:00:00Z', 55),
      historyPoint('2026-11-10T10:00:00Z', 58, { previousScore: 55 }),
      historyPoint('2026-11-12T09:30:00Z', 61.2, { cause: 'weights', previousScore: 58 }),
      historyPoint('2026-11-20T10:00:00Z', 60.1, { cause: 'methodology', previousScore: 61.2, methodologyVersion: '2026-11.2' }),
    ];

    const history = (from: string | null, to: string | null, points: ScoreHistoryPoint[]): ScoreHistory => ({
      clientId: 'c-acme',
      from: from ?? '',
      to: to ?? '',
      points,
      truncated: false,
    });

    it("charts the period's scores, marking and listing the changes of formula, and follows the period in place", async () => {
      const api = clientServer({
        extra: {
          'GET /api/clients/c-acme/score/history': ({ query }) =>
            json(200, history(query.get('from'), query.get('to'), query.get('from') === '2026-08-29' ? HISTORY_POINTS : HISTORY_POINTS.slice(2))),
        },
      });
      const { user } = renderApp('/clients/c-acme', { session: sessionFor('viewer') });

      const panel = await screen.findByRole('region', { name: 'Score history' });
      const chart = await within(panel).findByRole('img', { name: 'Zoom Factor history, 4 scores, 2 formula changes' });
      expect(api.to('GET /api/clients/c-acme/score/history')[0]?.query.toString()).toBe('from=2026-08-29&to=2026-11-26');
      expect(panel.textContent).toContain('29 Aug – 26 Nov 2026: latest 60.1 as of 20 Nov 2026.');

      // the chart's plot is drawn just after its summary is rendered
      const plot = await waitFor(() => {
        const drawn = plots.find((p) => chart.contains(p.target));
        expect(drawn).toBeDefined();
        return drawn;
      });
      expect(plot?.options.series.map((s) => s.label)).toEqual(['Computed', 'Zoom Factor', 'Formula change']);
      expect((plot?.data as unknown[])[2]).toEqual([null, null, 61.2, 60.1]);

      const changes = within(panel).getByRole('region', { name: 'Formula changes' });
      expect(within(changes).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
        '◆ Weights changed on 12 Nov 2026: 58.0 \u2192 61.2',
        '◆ Methodology changed to 2026-11.2 on 20 Nov 2026: 61.2 \u2192 60.1',
      ]);

      const created = await settledPlotCount();
      await user.selectOptions(screen.getByLabelText('Period'), 'Last 30 days');

      await within(panel).findByRole('img', { name: 'Zoom Factor history, 2 scores, 2 formula changes' });
      expect(api.to('GET /api/clients/c-acme/score/history').at(-1)?.query.toString()).toBe('from=2026-10-28&to=2026-11-26');
      expect(plots).toHaveLength(created);
      expect(plot?.setData).toHaveBeenCalled();
    });

    it('says when there is no history yet, without a chart', async () => {
      clientServer();
      renderApp('/clients/c-acme', { session: sessionFor('viewer') });

      const panel = await screen.findByRole('region', { name: 'Score history' });
      expect(await within(panel).findByText('Not scored yet: no score recorded over 29 Aug – 26 Nov 2026.')).toBeDefined();
      expect(within(panel).queryByRole('img')).toBeNull();
    });

    it('shows a history error (e.g. a 404) in its panel, with a way to try again', async () => {
      let fail = true;
      clientServer({
        extra: {
          'GET /api/clients/c-acme/score/history': ({ query }) =>
            fail ? apiError(404, 'No such client') : json(200, history(query.get('from'), query.get('to'), HISTORY_POINTS)),
        },
      });
      const { user } = renderApp('/clients/c-acme', { session: sessionFor('viewer') });

      const panel = await screen.findByRole('region', { name: 'Score history' });
      expect((await within(panel).findByRole('alert')).textContent).toBe('No such client');
      // The rest of the page is there.
      expect(await screen.findByTestId('zoom-factor-score')).toBeDefined();
      expect(await screen.findByRole('article', { name: 'Page views' })).toBeDefined();

      fail = false;
      await user.click(within(panel).getByRole('button', { name: 'Try again: Score history' }));

      expect(await within(panel).findByRole('img', { name: 'Zoom Factor history, 4 scores, 2 formula changes' })).toBeDefined();
      expect(within(panel).queryByRole('alert')).toBeNull();
    });
  });

  it('lists recent posts, newest first', async () => {
    clientServer();
    renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    const section = await screen.findByRole('region', { name: 'Recent posts' });
    const items = await within(section).findAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.post-text')?.textContent)).toEqual(['Meet the team', 'Our new pricing page is live']);
    expect(items[0]?.textContent).toContain('Facebook page');
    expect(items[0]?.textContent).toContain('Engagement rate—');
    expect(items[1]?.textContent).toContain('X / Twitter');
    expect(items[1]?.textContent).toContain('1,234');
    expect(items[1]?.textContent).toContain('5.2%');
    expect(items[1]?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-20T10:00:00Z');
    expect(within(items[1] as HTMLElement).getByRole('link', { name: 'Open the post' }).getAttribute('href')).toBe('https://x.test/acme/111');
  });

  it('says when there are no posts', async () => {
    clientServer({ posts: [] });
    renderApp('/clients/c-acme', { session: sessionFor('viewer') });

    expect(await screen.findByText('No posts yet')).toBeDefined();
  });

  const writers: { name: string; role: Role; clientId: string | null; forms: boolean }[] = [
    { name: 'a viewer', role: 'viewer', clientId: null, forms: false },
    { name: 'a client viewer', role: 'analyst', clientId: 'c-acme', forms: false },
    { name: 'an analyst', role: 'analyst', clientId: null, forms: true },
    { name: 'an owner', role: 'owner', clientId: null, forms: true },
  ];

  it.each(writers)('shows $name the add-point form and the import link: $forms', async ({ role, clientId, forms }) => {
    clientServer();
    renderApp('/clients/c-acme?tab=data', { session: sessionFor(role, { clientId }) });
    await screen.findByRole('tabpanel', { name: 'Data' });

    expect(screen.queryByRole('heading', { name: 'Add a data point' }) !== null).toBe(forms);
    expect(screen.queryByRole('button', { name: 'Add point' }) !== null).toBe(forms);
    expect(screen.queryByLabelText('Value') !== null).toBe(forms);
    const link = screen.queryByRole('link', { name: 'Import files' });
    expect(link !== null).toBe(forms);
    if (link !== null) {
      expect(link.getAttribute('href')).toBe('/clients/c-acme/import');
    }
  });
});

describe('ClientPage: a client viewer', () => {
  it('goes straight from the portfolio to their dashboard: read-only, no way back to a portfolio of one', async () => {
    const api = clientServer();
    renderApp('/clients', { session: sessionFor('viewer', { clientId: 'c-acme' }) });
    expect(await screen.findByRole('heading', { level: 2, name: 'Acme' })).toBeDefined();
    await screen.findByTestId('trend-web.pageviews');
    expect(api.to('GET /api/clients')).toHaveLength(0);
    expect(screen.getByText(/Analytical Agency shares this dashboard with you/)).toBeDefined();
    expect(screen.queryByRole('link', { name: 'All clients' })).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe('/clients/c-acme');
    expect(within(nav).queryByRole('link', { name: 'Clients' })).toBeNull();
    // nothing to change: no forms, no edit or delete buttons anywhere
    expect(screen.queryByRole('button', { name: /^(Add|Edit|Delete|Post|Save)/ })).toBeNull();
    expect(screen.queryByText('Start a thread')).toBeNull();
    expect(api.to('GET /api/members')).toHaveLength(0);
  });

  it('leaves the team the back link and no shared-with-you note', async () => {
    clientServer();
    renderApp('/clients/c-acme', { session: sessionFor('viewer') });
    await screen.findByTestId('trend-web.pageviews');
    expect(screen.getByRole('link', { name: 'All clients' })).toBeDefined();
    expect(screen.queryByText(/shares this dashboard with you/)).toBeNull();
  });
});

describe('ClientPage: add a data point', () => {
  it('posts the point with its dimension, says "Saved" and reads again which metrics are measured', async () => {
    const api = clientServer({
      extra: { 'POST /api/clients/c-acme/observations': () => json(200, { accepted: 1, inserted: 1, updated: 0, unchanged: 0 }) },
    });
    const { user } = renderApp('/clients/c-acme?tab=data', { session: sessionFor('analyst') });
    await screen.findByRole('button', { name: 'Add point' });
    const measured = () => api.to('GET /api/clients/c-acme/metrics/measured').length;
    await waitFor(() => {
      expect(measured()).toBe(1);
    });

    expect(screen.getByLabelText<HTMLSelectElement>('Metric').value).toBe('web.pageviews');
    expect(screen.getByLabelText<HTMLInputElement>('Date').value).toBe('2026-11-26');
    await user.clear(screen.getByLabelText('Date'));
    await user.type(screen.getByLabelText('Date'), '2026-11-20');
    await user.type(screen.getByLabelText('Value'), '1500');
    await user.type(screen.getByLabelText('Dimension'), ' /pricing ');
    await user.click(screen.getByRole('button', { name: 'Add point' }));

    expect(await screen.findByText('Saved')).toBeDefined();
    expect(screen.getByText('Saved').getAttribute('role')).toBe('status');
    expect(api.to('POST /api/clients/c-acme/observations')[0]?.body).toEqual({
      points: [{ metric: 'web.pageviews', date: '2026-11-20', value: 1500, dimension: '/pricing' }],
    });
    // a first point of a metric brings its card and tab; the Data tab itself charts nothing
    await waitFor(() => {
      expect(measured()).toBe(2);
    });
    expect(seriesCalls(api)).toEqual([]);
    expect(screen.getByLabelText<HTMLInputElement>('Value').value).toBe('');
  });

  it('asks for a dimension only for breakdown metrics, and leaves it out when empty', async () => {
    const api = clientServer({
      extra: { 'POST /api/clients/c-acme/observations': () => json(200, { accepted: 1, inserted: 0, updated: 1, unchanged: 0 }) },
    });
    const { user } = renderApp('/clients/c-acme?tab=data', { session: sessionFor('owner') });
    await screen.findByRole('button', { name: 'Add point' });

    expect(screen.getByLabelText('Dimension')).toBeDefined();
    await user.selectOptions(screen.getByLabelText('Metric'), 'Bounce rate');
    expect(screen.queryByLabelText('Dimension')).toBeNull();
    await user.type(screen.getByLabelText('Value'), '0.42');
    await user.click(screen.getByRole('button', { name: 'Add point' }));

    expect(await screen.findByText('Saved')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/observations')[0]?.body).toEqual({
      points: [{ metric: 'web.bounce_rate', date: '2026-11-26', value: 0.42 }],
    });
  });

  it('shows every problem of a 422 in the alert', async () => {
    clientServer({
      extra: {
        'POST /api/clients/c-acme/observations': () =>
          apiError(422, '2 problem(s) in 1 item(s); nothing was written', {
            errors: [
              { index: 0, field: 'value', message: 'must be between 0 and 1' },
              { index: 0, field: 'date', message: 'must not be in the future' },
            ],
          }),
      },
    });
    const { user } = renderApp('/clients/c-acme?tab=data', { session: sessionFor('analyst') });
    await screen.findByRole('button', { name: 'Add point' });

    await user.selectOptions(screen.getByLabelText('Metric'), 'Bounce rate');
    await user.type(screen.getByLabelText('Value'), '42');
    await user.click(screen.getByRole('button', { name: 'Add point' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'value: must be between 0 and 1',
      'date: must not be in the future',
    ]);
    expect(screen.queryByText('Saved')).toBeNull();
  });

  it('checks the value before sending', async () => {
    const api = clientServer();
    const { user } = renderApp('/clients/c-acme?tab=data', { session: sessionFor('analyst') });
    await screen.findByRole('button', { name: 'Add point' });

    // "required" would stop a real browser; submit the form directly as a script could.
    const form = screen.getByRole('button', { name: 'Add point' }).closest('form');
    form?.setAttribute('novalidate', '');
    await user.click(screen.getByRole('button', { name: 'Add point' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Enter a number as the value.');
    expect(api.to('POST /api/clients/c-acme/observations')).toHaveLength(0);
  });
});

describe('ClientPage: live', () => {
  /** The page over a fake live connection, its socket open and the subscription confirmed at seq 5. */
  async function liveClientPage(options: ServerOptions = {}) {
    const api = clientServer(options);
    const fake = fakeLive();
    const view = renderApp('/clients/c-acme', { session: sessionFor('viewer'), live: () => fake.live });
    await screen.findByTestId('trend-web.pageviews');
    await waitFor(() => {
      expect(fake.last()).toBeDefined();
    });
    const socket = fake.last();
    if (socket === undefined) {
      throw new Error('no socket');
    }
    act(() => {
      socket.open();
    });
    expect(socket.ofType('subscribe')).toEqual([{ type: 'subscribe', clientId: 'c-acme' }]);
    act(() => {
      socket.receive({ type: 'subscribed', clientId: 'c-acme', seq: 5 });
    });
    expect(screen.getByTestId('live-status').textContent).toBe('Live');
    return { api, socket, view, fake };
  }

  it('reloads the series of the metrics an observations event names, updating the chart in place', async () => {
    let pageviews = SERIES['web.pageviews'] as Series;
    const { api, socket } = await liveClientPage({
      series: ({ query }) => {
        const key = query.get('metric') ?? '';
        return json(200, key === 'web.pageviews' ? pageviews : (SERIES[key] ?? series(key)));
      },
    });
    expect(screen.getByRole('img', { name: 'Page views, 3 points, trend up' })).toBeDefined();
    const created = await settledPlotCount();
    const before = seriesCalls(api).length;
    pageviews = { ...pageviews, points: [...pageviews.points, { date: '2026-11-27', value: 13000 }] };

    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'observations', data: { metrics: ['web.pageviews'], inserted: 1, updated: 0 } });
    });

    expect(await screen.findByRole('img', { name: 'Page views, 4 points, trend up' })).toBeDefined();
    expect(seriesCalls(api).slice(before).map((c) => c.split(' ')[0])).toEqual(['web.pageviews']);
    expect(plots).toHaveLength(created);

    // the same event again (a replay) changes nothing
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'observations', data: { metrics: ['web.pageviews'], inserted: 1, updated: 0 } });
    });
    expect(seriesCalls(api).length).toBe(before + 1);
  });

  it('reloads the score, its history and the posts on their events, keeping them on screen', async () => {
    let score = SCORE;
    const { api, socket } = await liveClientPage({
      extra: { 'GET /api/clients/c-acme/score': () => json(200, score) },
    });
    const panel = await screen.findByRole('region', { name: 'Zoom Factor' });
    await within(panel).findByText('61.2');
    const histories = api.to('GET /api/clients/c-acme/score/history').length;
    score = { ...SCORE, score: 64.5 };

    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 7, kind: 'score', data: { score: 64.5, cause: 'data' } });
    });
    expect(screen.queryByText('Loading the Zoom Factor…')).toBeNull();
    await within(panel).findByText('64.5');
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/score/history').length).toBe(histories + 1);
    });

    const posts = api.to('GET /api/clients/c-acme/posts').length;
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 8, kind: 'posts', data: { inserted: 1, updated: 0 } });
    });
    expect(screen.queryByText('Loading posts…')).toBeNull();
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/posts').length).toBe(posts + 1);
    });
  });

  it('shows a score event\'s snapshot in the Zoom Factor panel and the score history without another request', async () => {
    const { api, socket } = await liveClientPage();
    const panel = await screen.findByRole('region', { name: 'Zoom Factor' });
    await within(panel).findByText('61.2');
    const history = await screen.findByRole('region', { name: 'Score history' });
    await within(history).findByText(/Not scored yet/);
    const scores = api.to('GET /api/clients/c-acme/score').length;
    const histories = api.to('GET /api/clients/c-acme/score/history').length;
    const point = {
      computedAt: '2026-11-26T10:00:00Z',
      asOf: '2026-11-26',
      score: 70.4,
      quality: 70.4,
      coverage: 0.5,
      authenticityFactor: 1,
      cause: 'data',
      previousScore: null,
      methodologyVersion: '2026-11.1',
      weights: { attention: 0.15 },
    };

    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 7, kind: 'score', data: { ...point, explanation: { ...SCORE, score: 70.4 } } });
    });
    expect(await within(panel).findByText('70.4')).toBeDefined();
    await within(history).findByText(/latest 70.4/);
    expect(api.to('GET /api/clients/c-acme/score').length).toBe(scores);
    expect(api.to('GET /api/clients/c-acme/score/history').length).toBe(histories);
  });

  it('lists who else is viewing, without me', async () => {
    const { socket } = await liveClientPage();
    act(() => {
      socket.receive({
        type: 'event',
        clientId: 'c-acme',
        seq: 6,
        kind: 'presence',
        data: { viewers: [{ userId: 'u-1', name: 'Ada Lovelace', since: '2026-11-26T10:00:00Z' }, { userId: 'u-2', name: 'Grace Hopper', since: '2026-11-26T10:02:00Z' }] },
      });
    });
    const presence = screen.getByTestId('presence');
    expect(presence.textContent).toContain('Also viewing: Grace Hopper (since');
    expect(presence.textContent).not.toContain('Ada');
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 7, kind: 'presence', data: { viewers: [{ userId: 'u-1', name: 'Ada Lovelace', since: '2026-11-26T10:00:00Z' }] } });
    });
    expect(screen.getByTestId('presence').textContent).toBe('Nobody else is viewing this client.');
  });

  it('refetches everything on reset', async () => {
    const { api, socket } = await liveClientPage();
    const seriesBefore = seriesCalls(api).length;
    const measuredBefore = api.to('GET /api/clients/c-acme/metrics/measured').length;
    const scoresBefore = api.to('GET /api/clients/c-acme/score').length;
    const postsBefore = api.to('GET /api/clients/c-acme/posts').length;
    act(() => {
      socket.receive({ type: 'reset', clientId: 'c-acme', seq: 90 });
    });
    await waitFor(() => {
      // the overview's series: the three metrics with data (time on page has none, retweets are not measured)
      expect(seriesCalls(api).length).toBe(seriesBefore + 3);
    });
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/metrics/measured').length).toBe(measuredBefore + 1);
    });
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/score').length).toBe(scoresBefore + 1);
    });
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/posts').length).toBe(postsBefore + 1);
    });
  });

  it('shows the connection state in words and recovers by itself', async () => {
    const { socket, fake } = await liveClientPage();
    act(() => {
      socket.drop(1001);
    });
    expect(screen.getByTestId('live-status').textContent).toBe('Reconnecting…');
    expect(screen.getByTestId('live-status').getAttribute('aria-live')).toBe('polite');
    // a new ticket after the backoff (375 ms here), then a resumed subscription
    await waitFor(
      () => {
        expect(fake.sockets).toHaveLength(2);
      },
      { timeout: 2000 },
    );
    act(() => {
      fake.sockets[1]?.open();
    });
    expect(screen.getByTestId('live-status').textContent).toBe('Live');
    expect(fake.sockets[1]?.ofType('subscribe')).toEqual([{ type: 'subscribe', clientId: 'c-acme', since: 5 }]);
  });
});
