import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Client, ClientScoreSummary, Goal, Role } from '../api/types.ts';
import { apiError, fakeApi, json, noContent, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';
import { fakeLive } from '../test/fakeSocket.ts';

const acme: Client = {
  id: 'c-acme',
  name: 'Acme',
  website: 'https://acme.test',
  timeZone: 'Europe/Paris',
  demo: false,
  channels: ['website', 'newsletter'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  score: null,
};

const globex: Client = { ...acme, id: 'c-globex', name: 'Globex', website: null, timeZone: 'UTC', channels: [] };

/** A fake /api/clients keeping its clients in memory. */
function clientsServer(initial: Client[]) {
  let clients = [...initial];
  let next = 1;
  return fakeApi({
    'GET /api/clients': () => json(200, clients),
    'POST /api/clients': ({ body }) => {
      const b = body as Partial<Client>;
      const created: Client = {
        ...acme,
        id: `c-new-${next++}`,
        name: b.name ?? '',
        website: b.website ?? null,
        timeZone: b.timeZone ?? 'UTC',
        channels: b.channels ?? [],
      };
      clients = [...clients, created];
      return json(201, created);
    },
    'PATCH /api/clients/c-acme': ({ body }) => {
      const updated = { ...acme, ...(body as Partial<Client>) };
      clients = clients.map((c) => (c.id === acme.id ? updated : c));
      return json(200, updated);
    },
    'DELETE /api/clients/c-acme': () => {
      clients = clients.filter((c) => c.id !== acme.id);
      return noContent();
    },
  });
}

function card(name: string): HTMLElement {
  const heading = screen.getByRole('heading', { level: 3, name });
  const item = heading.closest('li');
  if (item === null) {
    throw new Error(`no card for ${name}`);
  }
  return item;
}

describe('ClientsPage', () => {
  it('lists clients with website, time zone and channel labels', async () => {
    clientsServer([globex, acme]);

    renderApp('/clients', { session: sessionFor('viewer') });

    expect(await screen.findByRole('heading', { level: 3, name: 'Acme' })).toBeDefined();
    const acmeCard = card('Acme');
    expect(within(acmeCard).getByRole('link', { name: 'https://acme.test' }).getAttribute('href')).toBe('https://acme.test/');
    expect(acmeCard.textContent).toContain('Europe/Paris');
    expect(acmeCard.textContent).toContain('Website / blog, Newsletter');
    expect(card('Globex').textContent).toContain('none');
    // Sorted by name.
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Acme', 'Globex']);
  });

  it('shows the empty state', async () => {
    clientsServer([]);

    renderApp('/clients', { session: sessionFor('analyst') });

    expect(await screen.findByText(/No clients yet/)).toBeDefined();
  });

  it('shows a load error with a way to try again', async () => {
    let fail = true;
    fakeApi({ 'GET /api/clients': () => (fail ? apiError(500, 'Database unavailable') : json(200, [acme])) });
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });

    expect((await screen.findByRole('alert')).textContent).toBe('Database unavailable');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('heading', { level: 3, name: 'Acme' })).toBeDefined();
  });

  const writeControls: { role: Role; add: boolean; edit: boolean; remove: boolean }[] = [
    { role: 'viewer', add: false, edit: false, remove: false },
    { role: 'analyst', add: true, edit: true, remove: false },
    { role: 'admin', add: true, edit: true, remove: true },
    { role: 'owner', add: true, edit: true, remove: true },
  ];

  it.each(writeControls)('shows a $role: add $add, edit $edit, delete $remove', async ({ role, add, edit, remove }) => {
    clientsServer([acme]);

    renderApp('/clients', { session: sessionFor(role) });

    await screen.findByRole('heading', { level: 3, name: 'Acme' });
    expect(screen.queryByRole('button', { name: 'Add client' }) !== null).toBe(add);
    expect(screen.queryByLabelText('Client name') !== null).toBe(add);
    expect(screen.queryByRole('button', { name: 'Edit Acme' }) !== null).toBe(edit);
    expect(screen.queryByRole('button', { name: 'Delete Acme' }) !== null).toBe(remove);
  });

  it('adds a client with its channels', async () => {
    const api = clientsServer([acme]);
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });
    await screen.findByRole('heading', { level: 3, name: 'Acme' });

    expect(screen.getByLabelText<HTMLSelectElement>('Time zone').value).toBe('UTC');
    await user.type(screen.getByLabelText('Client name'), 'Initech');
    await user.type(screen.getByLabelText('Website', { exact: true }), 'https://initech.test');
    await user.type(screen.getByLabelText('Find a time zone'), 'new york');
    await user.selectOptions(screen.getByLabelText('Time zone'), 'America/New_York');
    await user.click(screen.getByLabelText('Polls'));
    await user.click(screen.getByLabelText('LinkedIn'));
    await user.click(screen.getByRole('button', { name: 'Add client' }));

    expect(await screen.findByRole('heading', { level: 3, name: 'Initech' })).toBeDefined();
    expect(api.to('POST /api/clients')[0]?.body).toEqual({
      name: 'Initech',
      website: 'https://initech.test',
      timeZone: 'America/New_York',
      channels: ['linkedin', 'polls'],
    });
    expect(card('Initech').textContent).toContain('LinkedIn, Polls');
    // The form is ready for the next client.
    expect(screen.getByLabelText<HTMLInputElement>('Client name').value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Polls').checked).toBe(false);
  });

  it('adds a client without website (field left out) and with the default time zone', async () => {
    const api = clientsServer([]);
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await screen.findByText(/No clients yet/);

    await user.type(screen.getByLabelText('Client name'), 'Hooli');
    await user.click(screen.getByRole('button', { name: 'Add client' }));

    expect(await screen.findByRole('heading', { level: 3, name: 'Hooli' })).toBeDefined();
    expect(api.to('POST /api/clients')[0]?.body).toEqual({ name: 'Hooli', timeZone: 'UTC', channels: [] });
  });

  it('shows a create error from the server in an alert', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, []), 'POST /api/clients': () => apiError(409, 'A client named Acme exists') });
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await screen.findByText(/No clients yet/);

    await user.type(screen.getByLabelText('Client name'), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Add client' }));

    expect((await screen.findByRole('alert')).textContent).toBe('A client named Acme exists');
  });

  it('edits a client in place, changing its channels', async () => {
    const api = clientsServer([acme]);
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });
    await screen.findByRole('heading', { level: 3, name: 'Acme' });

    await user.click(screen.getByRole('button', { name: 'Edit Acme' }));

    // The edit form is prefilled, and the add form is out of the way (labels stay unique).
    expect(screen.queryByRole('button', { name: 'Add client' })).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Client name').value).toBe('Acme');
    expect(screen.getByLabelText<HTMLInputElement>('Website', { exact: true }).value).toBe('https://acme.test');
    expect(screen.getByLabelText<HTMLInputElement>('Time zone').value).toBe('Europe/Paris');
    expect(screen.getByLabelText<HTMLInputElement>('Website / blog').checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Newsletter').checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Search').checked).toBe(false);

    await user.clear(screen.getByLabelText('Client name'));
    await user.type(screen.getByLabelText('Client name'), 'Acme Corp');
    await user.clear(screen.getByLabelText('Website', { exact: true }));
    await user.click(screen.getByLabelText('Newsletter'));
    await user.click(screen.getByLabelText('Search'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 3, name: 'Acme Corp' })).toBeDefined();
    expect(api.to('PATCH /api/clients/c-acme')[0]?.body).toEqual({
      name: 'Acme Corp',
      website: null,
      timeZone: 'Europe/Paris',
      channels: ['website', 'search'],
    });
    expect(card('Acme Corp').textContent).toContain('Website / blog, Search');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add client' })).toBeDefined();
  });

  it('cancels an edit without saving', async () => {
    const api = clientsServer([acme]);
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });
    await screen.findByRole('heading', { level: 3, name: 'Acme' });

    await user.click(screen.getByRole('button', { name: 'Edit Acme' }));
    await user.type(screen.getByLabelText('Client name'), ' changed');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.getByRole('heading', { level: 3, name: 'Acme' })).toBeDefined();
    expect(api.to('PATCH /api/clients/c-acme')).toHaveLength(0);
  });

  it('deletes a client only after the confirm step', async () => {
    const api = clientsServer([acme, globex]);
    const { user } = renderApp('/clients', { session: sessionFor('admin') });
    await screen.findByRole('heading', { level: 3, name: 'Acme' });

    await user.click(screen.getByRole('button', { name: 'Delete Acme' }));
    expect(api.to('DELETE /api/clients/c-acme')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Confirm delete' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Delete Acme' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));

    await waitFor(() => {
      expect(screen.queryByRole('heading', { level: 3, name: 'Acme' })).toBeNull();
    });
    expect(api.to('DELETE /api/clients/c-acme')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 3, name: 'Globex' })).toBeDefined();
  });

  describe('portfolio', () => {
    const SCORE: ClientScoreSummary = {
      value: 61.23,
      quality: 64.1,
      coverage: 0.45,
      authenticityFactor: 0.95,
      asOf: '2026-12-01',
      computedAt: '2026-12-01T10:00:00Z',
      methodologyVersion: '2026-11.1',
      change: 3.2,
      changeSince: '2026-11-01',
      recent: [],
    };
    const scoredAcme: Client = { ...acme, score: { ...SCORE, recent: [58.0, 61.2] } };
    const scoredGlobex: Client = {
      ...globex,
      score: { ...SCORE, value: 72.5, authenticityFactor: 0.85, change: -1.25, coverage: 0.8 },
    };
    const initech: Client = { ...globex, id: 'c-initech', name: 'Initech', score: null };
    const hooli: Client = { ...globex, id: 'c-hooli', name: 'Hooli', score: { ...SCORE, value: 40, change: null, changeSince: null } };

    const names = () => screen.queryAllByRole('heading', { level: 3 }).map((h) => h.textContent);

    it("shows each client's Zoom Factor, change with its direction in words, coverage and authenticity warning", async () => {
      clientsServer([scoredAcme, scoredGlobex, initech, hooli]);

      renderApp('/clients', { session: sessionFor('viewer') });
      await screen.findByRole('heading', { level: 3, name: 'Acme' });

      const acmeCard = card('Acme');
      expect(within(acmeCard).getByTestId('portfolio-score').textContent).toBe('61');
      expect(within(acmeCard).getByTestId('portfolio-change').textContent).toBe('up +3.2 points since 1 Nov 2026');
      expect(within(acmeCard).getByTestId('portfolio-change').querySelector('.trend-up')).not.toBeNull();
      expect(within(acmeCard).getByTestId('portfolio-coverage').textContent).toBe('45%');
      expect(within(acmeCard).getByRole('img', { name: 'Zoom Factor over the last 90 days: 2 days, from 58.0 to 61.2' }))
        .toBeDefined();
      // 0.95 is not a discount worth a warning.
      expect(within(acmeCard).queryByTestId('portfolio-authenticity')).toBeNull();
      expect(acmeCard.textContent).toContain('as of 1 Dec 2026');

      const globexCard = card('Globex');
      expect(within(globexCard).getByTestId('portfolio-score').textContent).toBe('73');
      expect(within(globexCard).getByTestId('portfolio-change').textContent).toBe('down \u22121.3 points since 1 Nov 2026');
      expect(within(globexCard).getByTestId('portfolio-coverage').textContent).toBe('80%');
      expect(within(globexCard).getByTestId('portfolio-authenticity').textContent).toBe('⚠ Engagement discounted 15%');

      expect(within(card('Hooli')).getByTestId('portfolio-change').textContent).toBe('no earlier score');

      const initechCard = card('Initech');
      expect(initechCard.textContent).toContain('not scored yet');
      expect(within(initechCard).queryByTestId('portfolio-score')).toBeNull();
    });

    it('says "not scored yet" when the list carries no score at all', async () => {
      clientsServer([acme]);

      renderApp('/clients', { session: sessionFor('viewer') });

      await screen.findByRole('heading', { level: 3, name: 'Acme' });
      expect(card('Acme').textContent).toContain('Zoom Factor: not scored yet');
    });

    it('sorts by name, Zoom Factor or change, with the unscored last', async () => {
      clientsServer([scoredGlobex, initech, scoredAcme, hooli]);
      const { user } = renderApp('/clients', { session: sessionFor('viewer') });
      await screen.findByRole('heading', { level: 3, name: 'Acme' });

      expect(screen.getByLabelText<HTMLSelectElement>('Sort by').value).toBe('name');
      expect(names()).toEqual(['Acme', 'Globex', 'Hooli', 'Initech']);

      await user.selectOptions(screen.getByLabelText('Sort by'), 'Zoom Factor (highest first)');
      expect(names()).toEqual(['Globex', 'Acme', 'Hooli', 'Initech']);

      await user.selectOptions(screen.getByLabelText('Sort by'), 'Change (biggest rise first)');
      expect(names()).toEqual(['Acme', 'Globex', 'Hooli', 'Initech']);
    });

    it('filters by name, saying how many are shown, and says when none matches', async () => {
      clientsServer([scoredGlobex, initech, scoredAcme, hooli]);
      const { user } = renderApp('/clients', { session: sessionFor('viewer') });
      await screen.findByRole('heading', { level: 3, name: 'Acme' });

      await user.type(screen.getByRole('searchbox', { name: 'Filter by name' }), 'o');
      expect(names()).toEqual(['Globex', 'Hooli']);
      expect(screen.getByText('Showing 2 of 4 clients').getAttribute('role')).toBe('status');

      await user.type(screen.getByLabelText('Filter by name'), 'ob');
      expect(names()).toEqual([]);
      expect(screen.getByText('No client name contains “oob”.')).toBeDefined();

      await user.clear(screen.getByLabelText('Filter by name'));
      expect(names()).toEqual(['Acme', 'Globex', 'Hooli', 'Initech']);
      expect(screen.queryByText(/Showing/)).toBeNull();
    });

    // the edit's answer always carries the client's current score (openapi.json, checked by the API tests)
    it('shows the score the answer of an edit in place carries', async () => {
      fakeApi({
        'GET /api/clients': () => json(200, [scoredAcme]),
        'PATCH /api/clients/c-acme': () => json(200, { ...scoredAcme, name: 'Acme Corp', score: { ...SCORE, value: 70.4 } }),
      });
      const { user } = renderApp('/clients', { session: sessionFor('analyst') });
      await screen.findByRole('heading', { level: 3, name: 'Acme' });

      await user.click(screen.getByRole('button', { name: 'Edit Acme' }));
      await user.clear(screen.getByLabelText('Client name'));
      await user.type(screen.getByLabelText('Client name'), 'Acme Corp');
      await user.click(screen.getByRole('button', { name: 'Save' }));

      await screen.findByRole('heading', { level: 3, name: 'Acme Corp' });
      expect(within(card('Acme Corp')).getByTestId('portfolio-score').textContent).toBe('70');
    });
  });
});

describe('ClientsPage: live', () => {
  const SCORE: ClientScoreSummary = {
    value: 61.23,
    quality: 64.1,
    coverage: 0.45,
    authenticityFactor: 0.95,
    asOf: '2026-12-01',
    computedAt: '2026-12-01T10:00:00Z',
    methodologyVersion: '2026-11.1',
    change: 3.2,
    changeSince: '2026-11-01',
    recent: [],
  };

  it('follows every listed client and refetches the list once, debounced, after a burst of score events', async () => {
    let clients: Client[] = [
      { ...acme, score: { ...SCORE, value: 61.2 } },
      { ...globex, score: null },
    ];
    const api = fakeApi({ 'GET /api/clients': () => json(200, clients) });
    const fake = fakeLive();
    renderApp('/clients', { session: sessionFor('viewer'), live: () => fake.live });
    await screen.findByRole('heading', { level: 3, name: 'Acme' });
    await waitFor(() => {
      expect(fake.last()).toBeDefined();
    });
    const socket = fake.last();
    act(() => {
      socket?.open();
    });
    expect(socket?.ofType('subscribe').map((m) => m.clientId).sort()).toEqual(['c-acme', 'c-globex']);
    const lists = api.to('GET /api/clients').length;
    clients = [
      { ...acme, score: { ...SCORE, value: 66.8, change: 5.6 } },
      { ...globex, score: { ...SCORE, value: 40, change: null, changeSince: null } },
    ];

    act(() => {
      socket?.receive({ type: 'event', clientId: 'c-acme', seq: 3, kind: 'score', data: { score: 66.8 } });
      socket?.receive({ type: 'event', clientId: 'c-globex', seq: 9, kind: 'score', data: { score: 40 } });
      socket?.receive({ type: 'event', clientId: 'c-globex', seq: 10, kind: 'observations', data: { metrics: [] } });
    });

    await waitFor(() => {
      expect(screen.getAllByTestId('portfolio-score').map((e) => e.textContent)).toEqual(['67', '40']);
    });
    expect(api.to('GET /api/clients').length).toBe(lists + 1);
    expect(screen.queryByText('Loading clients…')).toBeNull();
  });
});

describe('ClientsPage: score events', () => {
  it('updates a row in place from the score an event carries, without listing again', async () => {
    const summary = {
      value: 61.2,
      quality: 64.4,
      coverage: 0.6,
      authenticityFactor: 0.95,
      asOf: '2026-12-01',
      computedAt: '2026-12-01T10:00:00Z',
      methodologyVersion: '2026-11.1',
      change: 3.2,
      changeSince: '2026-11-01',
      recent: [58, 61.2],
    };
    const api = fakeApi({ 'GET /api/clients': () => json(200, [{ ...acme, score: summary }]) });
    const fake = fakeLive();
    renderApp('/clients', { session: sessionFor('viewer'), live: () => fake.live });
    await screen.findByRole('heading', { level: 3, name: 'Acme' });
    await waitFor(() => {
      expect(fake.last()).toBeDefined();
    });
    const socket = fake.last();
    act(() => {
      socket?.open();
    });
    const lists = api.to('GET /api/clients').length;
    const point = {
      computedAt: '2026-12-02T10:00:00Z',
      asOf: '2026-12-02',
      score: 66.8,
      quality: 66.8,
      coverage: 0.7,
      authenticityFactor: 1,
      cause: 'data',
      previousScore: null,
      methodologyVersion: '2026-11.1',
      weights: { attention: 0.15 },
    };
    const explanation = {
      clientId: 'c-acme',
      asOf: '2026-12-02',
      score: 66.8,
      quality: 66.8,
      coverage: 0.7,
      methodologyVersion: '2026-11.1',
      weights: { byComponent: {} },
      authenticity: { factor: 1, signals: [] },
      components: [],
      drivers: [],
    };

    act(() => {
      socket?.receive({ type: 'event', clientId: 'c-acme', seq: 3, kind: 'score', data: { ...point, explanation } });
    });
    expect(screen.getByTestId('portfolio-score').textContent).toBe('67');
    expect(screen.getByTestId('portfolio-coverage').textContent).toBe('70%');
    expect(api.to('GET /api/clients').length).toBe(lists);
  });
});

describe('ClientsPage: goals', () => {
  const goal = (overrides: Partial<Goal>): Goal => ({
    id: 'g-1',
    clientId: 'c-acme',
    metric: 'score',
    target: 70,
    deadline: '2026-12-31',
    windowDays: 30,
    startValue: 50,
    current: 60,
    progress: 0.5,
    projected: 72,
    slopePerDay: 0.4,
    status: 'on_track',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  });

  it("shows each client's goals with status and progress, and refetches them after a goal event", async () => {
    let goals: Goal[] = [
      goal({}),
      goal({ id: 'g-2', metric: 'web.unique_visitors', target: 1000, status: 'off_track', progress: 0.1, projected: 400 }),
    ];
    const api = fakeApi({
      'GET /api/clients': () => json(200, [acme, globex]),
      'GET /api/goals': () => json(200, goals),
      'GET /api/metrics': () =>
        json(200, [{ key: 'web.unique_visitors', label: 'Unique visitors', unit: 'count', aggregation: 'sum', polarity: 'higher_is_better', channel: 'website', description: '' }]),
    });
    const fake = fakeLive();
    renderApp('/clients', { session: sessionFor('viewer'), live: () => fake.live });
    const first = await screen.findByTestId('portfolio-goal-g-1');
    expect(first.textContent).toContain('Zoom Factor 70.0 by 31 Dec 2026');
    expect(first.textContent).toContain('On track');
    expect(first.textContent).toContain('(50% of the way)');
    expect(screen.getByTestId('portfolio-goal-g-2').textContent).toContain('Unique visitors 1,000');
    expect(screen.getByTestId('portfolio-goal-g-2').textContent).toContain('Off track');
    expect(within(card('Globex')).getByText('No goals set.')).toBeDefined();

    await waitFor(() => {
      expect(fake.last()).toBeDefined();
    });
    act(() => {
      fake.last()?.open();
    });
    goals = [goal({ status: 'reached', progress: 1, current: 71 })];
    act(() => {
      fake.last()?.receive({ type: 'event', clientId: 'c-acme', seq: 4, kind: 'goal', data: { action: 'updated' } });
    });
    await waitFor(() => {
      expect(screen.getByTestId('portfolio-goal-g-1').textContent).toContain('Reached');
    });
    expect(screen.queryByTestId('portfolio-goal-g-2')).toBeNull();
    expect(api.to('GET /api/goals')).toHaveLength(2);

    // a score event reads the list again, but the goals at most once a minute
    const lists = api.to('GET /api/clients').length;
    act(() => {
      fake.last()?.receive({ type: 'event', clientId: 'c-acme', seq: 5, kind: 'score', data: { score: 60 } });
    });
    await waitFor(() => {
      expect(api.to('GET /api/clients').length).toBe(lists + 1);
    });
    expect(api.to('GET /api/goals')).toHaveLength(2);
  });

  it('leaves goals out when they cannot be loaded, and the portfolio still works', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, [acme]), 'GET /api/goals': () => apiError(500, 'down') });
    renderApp('/clients', { session: sessionFor('viewer') });
    await screen.findByRole('heading', { level: 3, name: 'Acme' });
    expect(screen.queryByText('No goals set.')).toBeNull();
    expect(screen.queryByText('Goals')).toBeNull();
  });
});
