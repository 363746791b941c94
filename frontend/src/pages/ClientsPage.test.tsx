import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
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

const SCORE: ClientScoreSummary = {
  value: 80.64,
  quality: 82,
  coverage: 0.8,
  authenticityFactor: 0.95,
  asOf: '2026-12-01',
  computedAt: '2026-12-01T10:00:00Z',
  methodologyVersion: '2026-11.1',
  change: 3.2,
  changeSince: '2026-11-01',
  changes: [
    { days: 7, change: -0.5, since: '2026-11-24' },
    { days: 30, change: 3.2, since: '2026-11-01' },
    { days: 90, change: 12, since: '2026-09-02' },
  ],
  recent: [58, 61.2],
  recentDays: ['2026-11-30', '2026-12-01'],
  dataChangedAt: '2026-11-30T09:00:00Z',
};

/** A fake /api/clients keeping its clients in memory. */
function clientsServer(initial: Client[], goals: Goal[] = []) {
  let clients = [...initial];
  let next = 1;
  return fakeApi({
    'GET /api/clients': () => json(200, clients),
    'GET /api/goals': () => json(200, goals),
    'POST /api/clients': ({ body }) => {
      const b = body as Partial<Client>;
      const created: Client = { ...acme, id: `c-new-${String(next++)}`, name: b.name ?? '', website: b.website ?? null, timeZone: b.timeZone ?? 'UTC', channels: b.channels ?? [] };
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
    'DELETE /api/clients/c-globex': () => {
      clients = clients.filter((c) => c.id !== globex.id);
      return noContent();
    },
  });
}

/** The client names in the table's order (the rows drawn). */
function names(): string[] {
  return screen.queryAllByRole('rowheader').map((h) => within(h).getByRole('link').textContent);
}

/** The table row of a client. */
function row(name: string): HTMLElement {
  const link = screen.getByRole('link', { name });
  const tr = link.closest('tr');
  if (tr === null) {
    throw new Error(`no row for ${name}`);
  }
  return tr;
}

function cell(name: string, column: string): HTMLElement {
  const found = row(name).querySelector<HTMLElement>(`.col-${column}`);
  if (found === null) {
    throw new Error(`no ${column} cell for ${name}`);
  }
  return found;
}

const header = (name: RegExp) => screen.getByRole('columnheader', { name });

describe('ClientsPage: the table', () => {
  it('shows one row per client with its score (one decimal), change, coverage, authenticity, goals and last data', async () => {
    const goals = [
      { id: 'g1', clientId: 'c-globex', status: 'off_track' },
      { id: 'g2', clientId: 'c-globex', status: 'on_track' },
      { id: 'g3', clientId: 'c-acme', status: 'reached' },
    ] as Goal[];
    clientsServer(
      [
        { ...acme, score: SCORE },
        { ...globex, score: { ...SCORE, value: 72.46, authenticityFactor: 0.85, coverage: 0.25, changes: [], change: null, changeSince: null } },
        { ...globex, id: 'c-initech', name: 'Initech', demo: true },
      ],
      goals,
    );

    renderApp('/clients', { session: sessionFor('viewer') });

    await screen.findByRole('link', { name: 'Acme' });
    const table = screen.getByRole('table', { name: 'Clients' });
    expect(table.getAttribute('aria-rowcount')).toBe('4');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      '',
      'Client▲',
      'Zoom Factor',
      'Change (30 days)',
      'Trend (30 days)',
      'Coverage',
      'Authenticity',
      'Goals',
      'Last data',
      'Actions',
    ]);
    expect(names()).toEqual(['Acme', 'Globex', 'Initech']);
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe('/clients/c-acme');

    expect(cell('Acme', 'score').textContent).toBe('80.6');
    expect(cell('Acme', 'change').textContent).toBe('Up +3.2 points since 1 Nov 2026');
    expect(within(row('Acme')).getByRole('img', { name: 'Acme’s Zoom Factor: 2 days, from 58.0 to 61.2' })).toBeDefined();
    expect(cell('Acme', 'coverage').textContent).toBe('80%');
    expect(cell('Acme', 'authenticity').textContent).toBe('OK');
    expect(cell('Acme', 'goals').textContent).toBe('all 1 reached');
    expect(cell('Acme', 'lastData').textContent).toBe('30 Nov 2026');

    expect(cell('Globex', 'score').textContent).toBe('72.5 ◐: scored on 25% of the catalogue: not comparable with fully covered clients');
    expect(cell('Globex', 'change').textContent).toBe('no earlier score');
    expect(cell('Globex', 'authenticity').textContent).toBe('Engagement discounted 15%');
    expect(cell('Globex', 'goals').textContent).toBe('1 of 2 behind');

    expect(cell('Initech', 'score').textContent).toBe('not scored yet');
    expect(within(row('Initech')).getByText('Demo')).toBeDefined();
    expect(within(row('Acme')).queryByText('Demo')).toBeNull();
  });

  it('shows the empty state', async () => {
    clientsServer([]);
    renderApp('/clients', { session: sessionFor('analyst') });
    expect(await screen.findByText(/No clients yet/)).toBeDefined();
  });

  it('shows a load error with a way to try again', async () => {
    let fail = true;
    fakeApi({ 'GET /api/clients': () => (fail ? apiError(400, 'Bad agency') : json(200, [acme])), 'GET /api/goals': () => json(200, []) });
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });

    expect((await screen.findByRole('alert')).textContent).toBe('Bad agency');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('link', { name: 'Acme' })).toBeDefined();
  });

  it('draws only the rows in view of a thousand clients', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...globex, id: `c-${String(i)}`, name: `Client ${String(i).padStart(4, '0')}` }));
    clientsServer(many);
    renderApp('/clients', { session: sessionFor('viewer') });

    await screen.findByRole('link', { name: 'Client 0000' });
    expect(screen.getByRole('table', { name: 'Clients' }).getAttribute('aria-rowcount')).toBe('1001');
    expect(names().length).toBeGreaterThan(15);
    expect(names().length).toBeLessThan(60);
    expect(screen.getByText('1000 clients')).toBeDefined();
  });
});

describe('ClientsPage: sorting, filtering and the URL', () => {
  const scored = (client: Client, value: number, coverage: number, change: number | null): Client => ({
    ...client,
    score: { ...SCORE, value, coverage, change, changes: [{ days: 30, change, since: change === null ? null : '2026-11-01' }] },
  });
  const all = [
    scored(acme, 61, 0.9, 5),
    scored({ ...globex, channels: ['twitter'] }, 72, 0.3, -1),
    { ...globex, id: 'c-initech', name: 'Initech' },
    scored({ ...globex, id: 'c-hooli', name: 'Hooli', channels: ['twitter', 'website'] }, 40, 0.6, null),
  ];

  it('sorts by a click on a header, says so with aria-sort, and reverses on a second click', async () => {
    clientsServer(all);
    const { user } = renderApp('/clients', { session: sessionFor('viewer') });
    await screen.findByRole('link', { name: 'Acme' });
    expect(names()).toEqual(['Acme', 'Globex', 'Hooli', 'Initech']);
    expect(header(/^Client/).getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(header(/^Zoom Factor/)).getByRole('button'));
    expect(names()).toEqual(['Globex', 'Acme', 'Hooli', 'Initech']);
    expect(header(/^Zoom Factor/).getAttribute('aria-sort')).toBe('descending');
    expect(header(/^Client/).getAttribute('aria-sort')).toBe('none');
    // a score on 30 % of the catalogue ranks first: the table says the comparison is uneven
    expect(screen.getByText(/One client is scored on less than 50% of the catalogue: not comparable with fully covered clients/)).toBeDefined();

    await user.click(within(header(/^Zoom Factor/)).getByRole('button'));
    expect(names()).toEqual(['Hooli', 'Acme', 'Globex', 'Initech']);
    expect(header(/^Zoom Factor/).getAttribute('aria-sort')).toBe('ascending');

    await user.click(within(header(/^Change/)).getByRole('button'));
    expect(names()).toEqual(['Acme', 'Globex', 'Hooli', 'Initech']);

    // sorted by name, the rows keep their marks but the table no longer ranks unlike scores
    await user.click(within(header(/^Client/)).getByRole('button'));
    expect(screen.queryByText(/scored on less than/)).toBeNull();
  });

  it.each<{ label: string; act: 'type' | 'select'; value: string; expected: string[] }>([
    { label: 'Search by name', act: 'type', value: 'o', expected: ['Globex', 'Hooli'] },
    { label: 'Channel', act: 'select', value: 'X / Twitter', expected: ['Globex', 'Hooli'] },
    { label: 'Status', act: 'select', value: 'Not scored yet', expected: ['Initech'] },
    { label: 'Coverage from (%)', act: 'type', value: '50', expected: ['Acme', 'Hooli'] },
  ])('filters by $label', async ({ label, act: how, value, expected }) => {
    clientsServer(all);
    const { user } = renderApp('/clients', { session: sessionFor('viewer') });
    await screen.findByRole('link', { name: 'Acme' });

    const field = screen.getByLabelText(label);
    if (how === 'type') {
      await user.clear(field);
      await user.type(field, value);
    } else {
      await user.selectOptions(field, value);
    }
    expect(names()).toEqual(expected);
    expect(screen.getByText(`Showing ${String(expected.length)} of 4 clients`).getAttribute('role')).toBe('status');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(names()).toHaveLength(4);
  });

  it('says when no client matches', async () => {
    clientsServer(all);
    const { user } = renderApp('/clients', { session: sessionFor('viewer') });
    await screen.findByRole('link', { name: 'Acme' });
    await user.type(screen.getByLabelText('Search by name'), 'zzz');
    expect(screen.getByText('No client matches these filters.')).toBeDefined();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('opens the view a link holds: sort, filters and period', async () => {
    clientsServer(all);
    renderApp('/clients?sort=score&dir=asc&channel=twitter&period=7', { session: sessionFor('viewer') });
    await screen.findByRole('link', { name: 'Hooli' });

    expect(names()).toEqual(['Hooli', 'Globex']);
    expect(header(/^Zoom Factor/).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByLabelText<HTMLSelectElement>('Channel').value).toBe('twitter');
    expect(screen.getByLabelText<HTMLSelectElement>('Change over').value).toBe('7');
    expect(header(/^Change/).textContent).toBe('Change (7 days)');
  });

  it('shows the change over the chosen period', async () => {
    clientsServer([{ ...acme, score: SCORE }]);
    const { user } = renderApp('/clients', { session: sessionFor('viewer') });
    await screen.findByRole('link', { name: 'Acme' });

    await user.selectOptions(screen.getByLabelText('Change over'), '7 days');
    expect(cell('Acme', 'change').textContent).toBe('Down \u22120.5 points since 24 Nov 2026');
    await user.selectOptions(screen.getByLabelText('Change over'), '90 days');
    expect(cell('Acme', 'change').textContent).toBe('Up +12.0 points since 2 Sep 2026');
  });
});

describe('ClientsPage: actions', () => {
  const controls: { role: Role; add: boolean; edit: boolean; remove: boolean }[] = [
    { role: 'viewer', add: false, edit: false, remove: false },
    { role: 'analyst', add: true, edit: true, remove: false },
    { role: 'admin', add: true, edit: true, remove: true },
    { role: 'owner', add: true, edit: true, remove: true },
  ];

  it.each(controls)('offers a $role: add $add, edit $edit, delete $remove', async ({ role, add, edit, remove }) => {
    clientsServer([acme]);
    const { user } = renderApp('/clients', { session: sessionFor(role) });
    await screen.findByRole('link', { name: 'Acme' });

    expect(screen.queryByRole('button', { name: 'Add a client' }) !== null).toBe(add);
    await user.click(screen.getByRole('button', { name: 'Actions for Acme' }));
    const menu = screen.getByRole('menu', { name: 'Actions for Acme' });
    expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(
      ['Open', ...(edit ? ['Edit'] : []), ...(remove ? ['Delete'] : [])],
    );
    await user.click(screen.getByRole('checkbox', { name: 'Select Acme' }));
    expect(screen.queryByRole('button', { name: 'Delete selected' }) !== null).toBe(remove);
    expect(screen.getByRole('button', { name: 'Export as CSV' })).toBeDefined();
  });

  it('moves through the row menu with the keyboard and gives the focus back on Escape', async () => {
    clientsServer([acme]);
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await screen.findByRole('link', { name: 'Acme' });
    const button = screen.getByRole('button', { name: 'Actions for Acme' });

    button.focus();
    await user.keyboard('{ArrowDown}');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Open');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Edit');
    await user.keyboard('{End}');
    expect(document.activeElement?.textContent).toBe('Delete');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Open');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('adds a client with its channels', async () => {
    const api = clientsServer([acme]);
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });
    await screen.findByRole('link', { name: 'Acme' });

    await user.click(screen.getByRole('button', { name: 'Add a client' }));
    expect(screen.getByLabelText<HTMLSelectElement>('Time zone').value).toBe('UTC');
    await user.type(screen.getByLabelText('Client name'), 'Initech');
    await user.type(screen.getByLabelText('Website', { exact: true }), 'https://initech.test');
    await user.type(screen.getByLabelText('Find a time zone'), 'new york');
    await user.selectOptions(screen.getByLabelText('Time zone'), 'America/New_York');
    await user.click(screen.getByLabelText('Polls'));
    await user.click(screen.getByLabelText('LinkedIn'));
    await user.click(screen.getByRole('button', { name: 'Add client' }));

    expect(await screen.findByRole('link', { name: 'Initech' })).toBeDefined();
    expect(api.to('POST /api/clients')[0]?.body).toEqual({
      name: 'Initech',
      website: 'https://initech.test',
      timeZone: 'America/New_York',
      channels: ['linkedin', 'polls'],
    });
    expect(screen.getByText('Added Initech.')).toBeDefined();
  });

  it('shows a create error from the server in an alert', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, []), 'GET /api/goals': () => json(200, []), 'POST /api/clients': () => apiError(409, 'A client named Acme exists') });
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await screen.findByText(/No clients yet/);

    // no client yet: the form is already open
    await user.type(screen.getByLabelText('Client name'), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Add client' }));

    expect((await screen.findByRole('alert')).textContent).toBe('A client named Acme exists');
  });

  it('edits a client from its menu, and the row shows the answer', async () => {
    const api = clientsServer([acme]);
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });
    await screen.findByRole('link', { name: 'Acme' });

    await user.click(screen.getByRole('button', { name: 'Actions for Acme' }));
    await user.click(screen.getByRole('menuitem', { name: 'Edit' }));
    expect(screen.getByRole('heading', { name: 'Edit Acme' })).toBeDefined();
    expect(screen.getByLabelText<HTMLInputElement>('Client name').value).toBe('Acme');
    await user.clear(screen.getByLabelText('Client name'));
    await user.type(screen.getByLabelText('Client name'), 'Acme Corp');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('link', { name: 'Acme Corp' })).toBeDefined();
    expect(api.to('PATCH /api/clients/c-acme')[0]?.body).toMatchObject({ name: 'Acme Corp', channels: ['website', 'newsletter'] });
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('deletes a client from its menu only after the confirm step', async () => {
    const api = clientsServer([acme, globex]);
    const { user } = renderApp('/clients', { session: sessionFor('admin') });
    await screen.findByRole('link', { name: 'Acme' });

    await user.click(screen.getByRole('button', { name: 'Actions for Acme' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    expect(api.to('DELETE /api/clients/c-acme')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Confirm delete' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Actions for Acme' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));

    await waitFor(() => {
      expect(names()).toEqual(['Globex']);
    });
    expect(api.to('DELETE /api/clients/c-acme')).toHaveLength(1);
    expect(screen.getByText('Deleted Acme.')).toBeDefined();
  });

  it('keeps a refused delete on screen with the reason, and names the clients a bulk delete left', async () => {
    const api = fakeApi({
      'GET /api/clients': () => json(200, [acme, globex]),
      'GET /api/goals': () => json(200, []),
      'DELETE /api/clients/c-acme': () => apiError(409, 'Acme has a report being written'),
      'DELETE /api/clients/c-globex': () => noContent(),
    });
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await screen.findByRole('link', { name: 'Acme' });

    await user.click(screen.getByRole('button', { name: 'Actions for Acme' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Acme has a report being written');
    expect(names()).toEqual(['Acme', 'Globex']);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('checkbox', { name: 'Select all 2 shown clients' }));
    await user.click(screen.getByRole('button', { name: 'Delete selected' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => {
      expect(names()).toEqual(['Acme']);
    });
    expect(screen.getByText('Deleted Globex. Not deleted: Acme: Acme has a report being written')).toBeDefined();
    expect(api.to('DELETE /api/clients/c-globex')).toHaveLength(1);
  });

  it('deletes a selection after confirming', async () => {
    const api = clientsServer([acme, globex, { ...globex, id: 'c-hooli', name: 'Hooli' }]);
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await screen.findByRole('link', { name: 'Acme' });

    await user.click(screen.getByRole('checkbox', { name: 'Select Acme' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Globex' }));
    expect(screen.getByText('2 selected')).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Delete selected' }));
    expect(screen.getByText(/Delete 2 clients and everything measured for them\?/)).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));

    await waitFor(() => {
      expect(names()).toEqual(['Hooli']);
    });
    expect(api.to('DELETE /api/clients/c-acme')).toHaveLength(1);
    expect(api.to('DELETE /api/clients/c-globex')).toHaveLength(1);
    expect(screen.getByText('Deleted 2 clients.')).toBeDefined();
    expect(screen.queryByText(/selected/)).toBeNull();
  });

  it('selects all shown clients and exports them as CSV after confirming', async () => {
    const created: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return 'blob:test';
      },
      revokeObjectURL: () => undefined,
    }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    clientsServer([{ ...acme, score: SCORE }, globex, { ...globex, id: 'c-hooli', name: 'Hooli' }]);
    const { user } = renderApp('/clients', { session: sessionFor('viewer') });
    await screen.findByRole('link', { name: 'Acme' });

    await user.type(screen.getByLabelText('Search by name'), 'c');
    await user.click(screen.getByRole('checkbox', { name: 'Select all 1 shown clients' }));
    await user.clear(screen.getByLabelText('Search by name'));
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select Acme' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select Hooli' }).checked).toBe(false);
    await user.click(screen.getByRole('checkbox', { name: 'Select Hooli' }));

    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    expect(created).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Confirm export' }));

    expect(click).toHaveBeenCalledTimes(1);
    const text = await created[0]?.text();
    const lines = text?.trimEnd().split('\r\n') ?? [];
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^c-acme,Acme,80\.6,3\.2,2026-11-01,/);
    expect(lines[2]).toMatch(/^c-hooli,Hooli,,,/);
    expect(screen.getByText('Exported 2 clients as CSV.')).toBeDefined();
  });
});

describe('ClientsPage: live', () => {
  const point = {
    computedAt: '2026-12-02T10:00:00Z',
    asOf: '2026-12-02',
    score: 66.84,
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
    window: { days: 90, from: '2026-09-04', to: '2026-12-02' },
    score: 66.84,
    quality: 66.8,
    coverage: 0.7,
    methodologyVersion: '2026-11.1',
    weights: { byComponent: {} },
    authenticity: { factor: 1, signals: [] },
    components: [],
    drivers: [],
  };

  async function opened(clients: () => Client[], goals: () => Goal[] = () => []) {
    const api = fakeApi({ 'GET /api/clients': () => json(200, clients()), 'GET /api/goals': () => json(200, goals()) });
    const fake = fakeLive();
    renderApp('/clients', { session: sessionFor('viewer'), live: () => fake.live });
    await screen.findByRole('link', { name: 'Acme' });
    await waitFor(() => {
      expect(fake.last()).toBeDefined();
    });
    const socket = fake.last();
    act(() => {
      socket?.open();
    });
    // the streams are followed once the rows are painted
    await waitFor(() => {
      expect(socket?.ofType('subscribe').length).toBeGreaterThan(0);
    });
    return { api, socket };
  }

  it('follows every listed client and updates a row in place from the score an event carries', async () => {
    const { api, socket } = await opened(() => [{ ...acme, score: SCORE }, globex]);
    expect(socket?.ofType('subscribe').map((m) => m.clientId).sort()).toEqual(['c-acme', 'c-globex']);
    const lists = api.to('GET /api/clients').length;

    act(() => {
      socket?.receive({ type: 'event', clientId: 'c-acme', seq: 3, kind: 'score', data: { ...point, explanation } });
    });
    await waitFor(() => {
      expect(cell('Acme', 'score').textContent).toBe('66.8');
    });
    expect(cell('Acme', 'coverage').textContent).toBe('70%');
    // against the same earlier score: 80.64 − 3.2 = 77.44
    expect(cell('Acme', 'change').textContent).toBe('Down \u221210.6 points since 1 Nov 2026');
    expect(api.to('GET /api/clients').length).toBe(lists);
  });

  it('reads the list again once after a burst of score events it cannot read', async () => {
    let clients = [{ ...acme, score: SCORE }, globex];
    const { api, socket } = await opened(() => clients);
    const lists = api.to('GET /api/clients').length;
    clients = [{ ...acme, score: { ...SCORE, value: 70 } }, globex];

    act(() => {
      socket?.receive({ type: 'event', clientId: 'c-acme', seq: 3, kind: 'score', data: { score: 70 } });
      socket?.receive({ type: 'event', clientId: 'c-globex', seq: 9, kind: 'score', data: { score: 40 } });
    });

    await waitFor(() => {
      expect(cell('Acme', 'score').textContent).toBe('70.0');
    });
    expect(api.to('GET /api/clients').length).toBe(lists + 1);
  });

  it('reads the goals again after a goal event', async () => {
    let goals = [{ id: 'g1', clientId: 'c-acme', status: 'on_track' }] as Goal[];
    const { api, socket } = await opened(() => [acme], () => goals);
    await waitFor(() => {
      expect(cell('Acme', 'goals').textContent).toBe('1, none behind');
    });
    goals = [{ id: 'g1', clientId: 'c-acme', status: 'off_track' }] as Goal[];

    act(() => {
      socket?.receive({ type: 'event', clientId: 'c-acme', seq: 4, kind: 'goal', data: { action: 'updated' } });
    });

    await waitFor(() => {
      expect(cell('Acme', 'goals').textContent).toBe('1 of 1 behind');
    });
    expect(api.to('GET /api/goals')).toHaveLength(2);
  });

  it('leaves goals out when they cannot be loaded, and the table still works', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, [acme]), 'GET /api/goals': () => apiError(500, 'down') });
    renderApp('/clients', { session: sessionFor('viewer') });
    await screen.findByRole('link', { name: 'Acme' });
    expect(cell('Acme', 'goals').textContent).toBe('—');
  });
});
