import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SharedDashboard, ZoomFactorScore } from '../api/types.ts';
import { apiError, fakeApi, json, type Call } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';
import { CATALOGUE, series } from '../test/clientPageFixtures.ts';

const TOKEN = 'zfs_abc123';
const PATH = `/api/shared/${TOKEN}`;

const SCORE: ZoomFactorScore = {
  clientId: 'c-acme',
  asOf: '2026-11-26',
  window: { days: 90, from: '2026-08-29', to: '2026-11-26' },
  score: 61.234,
  quality: 72.04,
  coverage: 0.452,
  methodologyVersion: 'zf-1.2',
  weights: { byComponent: { attention: 1 } },
  authenticity: { factor: 1, signals: [] },
  components: [
    {
      key: 'attention',
      label: 'Attention',
      measured: true,
      score: 80.04,
      weight: 1,
      contribution: 61.234,
      metrics: [{ metric: 'web.pageviews', value: 12300, baseline: 9000, normalized: 75.5, weight: 1, contribution: 61.234, trend: 'up' }],
    },
  ],
  drivers: [{ message: 'Page views rose against their baseline', delta: 2.46 }],
};

const DASHBOARD: SharedDashboard = {
  client: { name: 'Acme', timeZone: 'UTC', channels: ['website'] },
  from: '2026-08-29',
  to: '2026-11-26',
  expiresAt: '2026-12-31T23:59:59Z',
  shows: { score: true, metrics: null, annotations: 'public', goals: true, defaultDays: 90 },
  branding: { name: 'Northwind Studio', colour: '#aa3300', footer: 'Northwind Studio · Confidential', poweredBy: true, logo: false },
  score: SCORE,
  scoreHistory: {
    from: '2026-08-29',
    to: '2026-11-26',
    truncated: false,
    points: [
      {
        computedAt: '2026-11-20T10:00:00Z',
        asOf: '2026-11-20',
        score: 58.1,
        quality: 70,
        coverage: 0.45,
        authenticityFactor: 1,
        cause: 'data',
        previousScore: null,
        methodologyVersion: 'zf-1.2',
        weights: { attention: 1, loyalty: 0, reach: 0, amplification: 0, conversation: 0, discoverability: 0, momentum: 0 },
      },
    ],
  },
  metrics: CATALOGUE.filter((m) => m.key === 'web.pageviews'),
  series: [series('web.pageviews')],
  annotations: [{ id: 'a-1', date: '2026-11-10', text: 'Campaign launched', metric: null }],
  goals: [
    {
      id: 'g-1',
      clientId: 'c-acme',
      metric: 'score',
      target: 70,
      deadline: '2027-03-31',
      windowDays: 30,
      startValue: 55,
      current: 61.2,
      progress: 0.41,
      projected: 72,
      slopePerDay: 0.1,
      status: 'on_track',
      createdAt: '2026-11-01T09:00:00Z',
      updatedAt: '2026-11-01T09:00:00Z',
    },
  ],
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SharedPage', () => {
  it('shows the shared dashboard to someone who is not signed in, without any credentials', async () => {
    const api = fakeApi({ [`GET ${PATH}`]: () => json(200, DASHBOARD) });
    renderApp(`/shared/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'Acme', level: 2 })).toBeDefined();
    expect(screen.getByText(/this link works until/)).toBeDefined();
    const score = screen.getByRole('region', { name: 'Score' });
    expect(score.textContent).toContain('61.2');
    expect(score.textContent).toContain('Attention');
    expect(score.textContent).toContain('Page views rose against their baseline');
    expect(within(screen.getByRole('region', { name: 'Goals' })).getByText(/On track/)).toBeDefined();
    // a client reads how near the target is (61.2 of 70), not how far from where the goal was set (41 %)
    expect(screen.getByRole('region', { name: 'Goals' }).textContent).toContain('87 % of the target');
    expect(screen.getByRole('progressbar', { name: /^Reached: / }).getAttribute('value')).toBe('87');
    expect(within(screen.getByRole('region', { name: 'Annotations' })).getByText(/Campaign launched/)).toBeDefined();
    expect(screen.getByRole('region', { name: 'Score history' }).textContent).toContain('58.1');
    expect(screen.getByRole('img', { name: /^Score history, 1 score/ })).toBeDefined();
    expect(within(screen.getByRole('region', { name: 'Metrics' })).getByRole('article', { name: 'Page views' })).toBeDefined();
    // the agency's page: its name, colour and footer; the product only as "powered by"; no server status
    expect(screen.getByText('Northwind Studio').className).toBe('shared-agency');
    expect(screen.getByText('Northwind Studio · Confidential')).toBeDefined();
    expect(screen.getByText('Powered by Zoom Factor')).toBeDefined();
    expect(screen.queryByRole('heading', { name: 'Zoom Factor' })).toBeNull();
    expect(document.querySelector('.app-footer')).toBeNull();
    expect(screen.queryByRole('img', { name: 'Northwind Studio logo' })).toBeNull();
    // no session: no navigation, and the call carried neither a bearer token nor a grant
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    const call = api.to(`GET ${PATH}`)[0];
    expect(call?.headers.get('Authorization')).toBeNull();
    expect(call?.headers.get('X-Share-Grant')).toBeNull();
  });

  it('shows only what the link chose, the logo, and no "powered by" when the agency switched it off', async () => {
    fakeApi({
      [`GET ${PATH}`]: () =>
        json(200, {
          ...DASHBOARD,
          score: undefined,
          scoreHistory: null,
          annotations: [],
          goals: [],
          shows: { score: false, metrics: ['web.pageviews'], annotations: 'none', goals: false, defaultDays: 30 },
          branding: { name: 'Northwind Studio', colour: '#aa3300', footer: null, poweredBy: false, logo: true },
        }),
    });
    renderApp(`/shared/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'Acme', level: 2 })).toBeDefined();
    expect(screen.queryByRole('region', { name: 'Score' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Score history' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Goals' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Annotations' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Metrics' })).toBeDefined();
    expect(screen.getByRole('img', { name: 'Northwind Studio logo' }).getAttribute('src')).toBe(`/api/shared/${TOKEN}/logo`);
    expect(screen.queryByText(/Zoom Factor/)).toBeNull();
    expect(document.querySelector<HTMLElement>('.shared-page')?.style.getPropertyValue('--brand')).toBe('#aa3300');
  });

  it('says the link no longer works when it is unknown, expired or revoked', async () => {
    fakeApi({ [`GET ${PATH}`]: () => apiError(404, 'This share link does not exist or no longer works') });
    renderApp(`/shared/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'This link no longer works' })).toBeDefined();
  });

  it('says when the dashboard could not be read (retried first, without the link in the words), and tries again', async () => {
    let down = true;
    const api = fakeApi({
      [`GET ${PATH}`]: () => (down ? apiError(503, `Could not reach ${PATH}`) : json(200, DASHBOARD)),
    });
    const { user } = renderApp(`/shared/${TOKEN}`);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not reach /api/shared/zfs_…');
    expect(api.to(`GET ${PATH}`)).toHaveLength(3); // a server error is retried twice before it shows
    down = false;
    await user.click(screen.getByRole('button', { name: 'Try again: The shared dashboard' }));
    expect(await screen.findByRole('heading', { name: 'Acme' })).toBeDefined();
  });

  it('asks for the password, says when it is wrong or when to try again, then opens with the grant', async () => {
    let attempts = 0;
    const api = fakeApi({
      [`GET ${PATH}`]: ({ headers }: Call) =>
        headers.get('X-Share-Grant') === 'grant-1'
          ? json(200, DASHBOARD)
          : apiError(401, 'This link is protected by a password', { passwordRequired: true }),
      [`POST ${PATH}/unlock`]: ({ body }: Call) => {
        attempts += 1;
        if (attempts === 2) {
          return apiError(429, 'Too many wrong passwords', {}, { 'Retry-After': '42' });
        }
        return (body as { password: string }).password === 'open sesame'
          ? json(200, { grant: 'grant-1', header: 'X-Share-Grant', expiresInSeconds: 3600 })
          : apiError(401, 'The password is wrong', { passwordRequired: true });
      },
    });
    const { user } = renderApp(`/shared/${TOKEN}`);
    expect(await screen.findByRole('heading', { name: 'This dashboard is protected' })).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Open dashboard' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the password.');

    await user.type(screen.getByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Open dashboard' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That password is not right.');

    await user.type(screen.getByLabelText('Password'), 'another guess');
    await user.click(screen.getByRole('button', { name: 'Open dashboard' }));
    expect((await screen.findByText(/try again in 42 s/)).textContent).toBe('Too many wrong passwords: try again in 42 s.');

    await user.type(screen.getByLabelText('Password'), 'open sesame');
    await user.click(screen.getByRole('button', { name: 'Open dashboard' }));
    const opened = await screen.findByRole('heading', { name: 'Acme', level: 2 });
    // the form is gone: focus is on what it opened
    expect(document.activeElement).toBe(opened);
    expect(api.to(`GET ${PATH}`).at(-1)?.headers.get('X-Share-Grant')).toBe('grant-1');
    expect(api.to(`POST ${PATH}/unlock`).map((c) => c.body)).toEqual([
      { password: 'guess' },
      { password: 'another guess' },
      { password: 'open sesame' },
    ]);
  });

  it('sends one guess however often the button is pressed, and never shows the link in an error', async () => {
    let release: (() => void) | null = null;
    const api = fakeApi({
      [`GET ${PATH}`]: () => apiError(401, 'This link is protected by a password', { passwordRequired: true }),
      [`POST ${PATH}/unlock`]: () =>
        new Promise<Response>((_resolve, reject) => {
          release = () => {
            reject(new TypeError('Failed to fetch'));
          };
        }),
    });
    const { user } = renderApp(`/shared/${TOKEN}`);
    await user.type(await screen.findByLabelText('Password'), 'open sesame');
    const open = screen.getByRole('button', { name: /Open dashboard/ });
    await user.click(open);
    await user.click(open);
    expect(api.to(`POST ${PATH}/unlock`)).toHaveLength(1);
    act(() => {
      release?.();
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('/api/shared/zfs_…/unlock');
    expect(alert.textContent).not.toContain(TOKEN);
  });
});
