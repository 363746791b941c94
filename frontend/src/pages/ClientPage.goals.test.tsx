import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Goal, Role } from '../api/types.ts';
import { apiError, fakeApi, json, noContent, sessionFor, type Call } from '../test/fakeApi.ts';
import { fakeLive } from '../test/fakeSocket.ts';
import { renderApp } from '../test/renderApp.tsx';
import { clientPageServer, renderClientPage, todayIsNov26 } from '../test/clientPageFixtures.ts';

function goal(id: string, overrides: Partial<Goal> = {}): Goal {
  return {
    id,
    clientId: 'c-acme',
    metric: 'web.pageviews',
    target: 1500,
    deadline: '2026-12-31',
    windowDays: 30,
    startValue: 1000,
    current: 1200,
    progress: 0.4,
    projected: 1310,
    slopePerDay: 3.1,
    status: 'at_risk',
    createdAt: '2026-11-01T09:00:00Z',
    updatedAt: '2026-11-01T09:00:00Z',
    ...overrides,
  };
}

const VIEWS = goal('g-1');
const SCORE_GOAL = goal('g-2', { metric: 'score', target: 70, deadline: '2027-03-31', windowDays: 30, startValue: 55, current: 61.2, progress: 0.41, projected: 72, status: 'on_track' });

type Routes = Parameters<typeof fakeApi>[0];

function server(extra: Routes = {}, goals: Goal[] = [SCORE_GOAL, VIEWS]) {
  return clientPageServer({
    'GET /api/clients/c-acme/goals': () => json(200, goals),
    ...extra,
  });
}

function goalsPanel(): HTMLElement {
  return screen.getByRole('region', { name: 'Goals' });
}

function item(id: string): HTMLElement {
  return screen.getByTestId(`goal-${id}`);
}

async function openPage(role: Role = 'analyst', live?: ReturnType<typeof fakeLive>) {
  const view = renderClientPage(role, live);
  await screen.findByTestId('goal-g-1');
  return view;
}

todayIsNov26();

describe('ClientPage: goals', () => {
  it('lists the goals by deadline: subject, target, deadline, current, progress and status in words', async () => {
    server();
    await openPage('viewer');
    const items = within(goalsPanel()).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-testid'))).toEqual(['goal-g-1', 'goal-g-2']);
    expect(item('g-1').textContent).toContain('Page views');
    expect(item('g-1').textContent).toContain('Target 1,500 by 31 Dec 2026 · now 1,200');
    expect(screen.getByTestId('goal-status-g-1').textContent).toBe('At risk \u2014 projected 1,310 by 31 Dec');
    expect(item('g-2').textContent).toContain('Zoom Factor');
    expect(item('g-2').textContent).toContain('Target 70.0 by 31 Mar 2027 · now 61.2');
    expect(screen.getByTestId('goal-status-g-2').textContent).toBe('On track \u2014 projected 72.0 by 31 Mar');
    const bar = within(item('g-1')).getByRole('progressbar', { name: 'Progress: Page views by 31 Dec 2026' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
  });

  it('shows an unknown progress and status without numbers', async () => {
    server({}, [goal('g-1', { current: null, progress: null, projected: null, status: 'unknown' })]);
    await openPage('viewer');
    expect(within(item('g-1')).getByRole('progressbar').hasAttribute('aria-valuenow')).toBe(false);
    expect(screen.getByTestId('goal-status-g-1').textContent).toBe('Not enough recent data to tell');
    expect(item('g-1').textContent).toContain('now \u2014');
  });

  it('offers no add, edit or delete to viewers', async () => {
    server();
    await openPage('viewer');
    expect(within(goalsPanel()).queryByText('Add a goal')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit goal/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete goal/ })).toBeNull();
  });

  it('says when there are none, and shows a load error with a way to try again', async () => {
    let fail = true;
    const api = server({ 'GET /api/clients/c-acme/goals': () => (fail ? apiError(500, 'Goals are down') : json(200, [])) });
    const { user } = renderApp('/clients/c-acme', { session: sessionFor('analyst') });
    expect(await within(await screen.findByRole('region', { name: 'Goals' })).findByText('Goals are down')).toBeDefined();
    fail = false;
    // a server error is retried twice by the cache before it shows; "Try again" asks once more
    const failed = api.to('GET /api/clients/c-acme/goals').length;
    await user.click(within(goalsPanel()).getByRole('button', { name: 'Try again: Goals' }));
    expect(await within(goalsPanel()).findByText('No goals yet.')).toBeDefined();
    expect(api.to('GET /api/clients/c-acme/goals')).toHaveLength(failed + 1);
  });

  it('adds a metric goal with its window, checking the fields first', async () => {
    const api = server({
      'POST /api/clients/c-acme/goals': ({ body }: Call) => json(201, goal('g-3', { ...(body as Partial<Goal>), current: 0.42, status: 'unknown', progress: 0 })),
    });
    const { user } = await openPage('analyst');
    const panel = goalsPanel();
    await user.click(within(panel).getByText('Add a goal'));
    expect(within(panel).getByLabelText<HTMLSelectElement>('Subject').value).toBe('score');
    expect(within(panel).queryByLabelText('Window (days)')).toBeNull();
    await user.click(within(panel).getByRole('button', { name: 'Add goal' }));
    expect(within(panel).getByRole('alert').textContent).toBe('Enter the target as a number.');

    await user.selectOptions(within(panel).getByLabelText('Subject'), 'web.bounce_rate');
    await user.type(within(panel).getByLabelText('Target'), '0.35');
    await user.click(within(panel).getByRole('button', { name: 'Add goal' }));
    expect(within(panel).getByRole('alert').textContent).toBe('Choose the deadline.');
    await user.type(within(panel).getByLabelText('Deadline'), '2027-01-31');
    const window = within(panel).getByLabelText('Window (days)');
    await user.clear(window);
    await user.type(window, '14');
    await user.click(within(panel).getByRole('button', { name: 'Add goal' }));

    expect(await screen.findByTestId('goal-g-3')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/goals')[0]?.body).toEqual({ metric: 'web.bounce_rate', target: 0.35, deadline: '2027-01-31', windowDays: 14 });
    expect(item('g-3').textContent).toContain('Bounce rate');
    expect(item('g-3').textContent).toContain('Target 35% by 31 Jan 2027 · now 42%');
    expect(within(panel).getAllByRole('status').some((s) => s.textContent === 'Goal for Bounce rate added.')).toBe(true);
    expect(api.to('GET /api/clients/c-acme/goals')).toHaveLength(1);
  });

  it('adds a Zoom Factor goal without a window, and shows the server refusing', async () => {
    let refuse = true;
    const api = server({
      'POST /api/clients/c-acme/goals': ({ body }: Call) =>
        refuse ? apiError(422, 'The score runs from 0 to 100') : json(201, goal('g-4', { ...(body as Partial<Goal>), status: 'on_track' })),
    });
    const { user } = await openPage('owner');
    const panel = goalsPanel();
    await user.click(within(panel).getByText('Add a goal'));
    await user.type(within(panel).getByLabelText('Target'), '170');
    await user.type(within(panel).getByLabelText('Deadline'), '2027-06-30');
    await user.click(within(panel).getByRole('button', { name: 'Add goal' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe('The score runs from 0 to 100');
    expect(api.to('POST /api/clients/c-acme/goals')[0]?.body).toEqual({ metric: 'score', target: 170, deadline: '2027-06-30' });
    refuse = false;
    const target = within(panel).getByLabelText('Target');
    await user.clear(target);
    await user.type(target, '75');
    await user.click(within(panel).getByRole('button', { name: 'Add goal' }));
    expect(await screen.findByTestId('goal-g-4')).toBeDefined();
  });

  it('edits the target and deadline, sending only what changed', async () => {
    const api = server({
      'PATCH /api/clients/c-acme/goals/g-1': ({ body }: Call) => json(200, { ...VIEWS, ...(body as object), status: 'on_track', updatedAt: '2026-11-26T12:00:00Z' }),
    });
    const { user } = await openPage('analyst');
    await user.click(screen.getByRole('button', { name: 'Edit goal: Page views by 31 Dec 2026' }));
    const form = item('g-1');
    const target = within(form).getByLabelText('Target');
    await user.clear(target);
    await user.type(target, '1300');
    await user.click(within(form).getByRole('button', { name: 'Save goal' }));
    await waitFor(() => {
      expect(item('g-1').textContent).toContain('Target 1,300');
    });
    expect(api.to('PATCH /api/clients/c-acme/goals/g-1')[0]?.body).toEqual({ target: 1300 });
    expect(screen.getByTestId('goal-status-g-1').textContent).toBe('On track \u2014 projected 1,310 by 31 Dec');
  });

  it('deletes one after a confirmation, and can be cancelled', async () => {
    const api = server({ 'DELETE /api/clients/c-acme/goals/g-2': () => noContent() });
    const { user } = await openPage('admin');
    await user.click(screen.getByRole('button', { name: 'Delete goal: Zoom Factor by 31 Mar 2027' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deleting the goal: Zoom Factor by 31 Mar 2027' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.to('DELETE /api/clients/c-acme/goals/g-2')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Delete goal: Zoom Factor by 31 Mar 2027' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => {
      expect(screen.queryByTestId('goal-g-2')).toBeNull();
    });
    expect(api.to('DELETE /api/clients/c-acme/goals/g-2')).toHaveLength(1);
  });

  it('applies live goal events in place, once each, and reloads on reset', async () => {
    const api = server();
    const fake = fakeLive();
    await openPage('viewer', fake);
    await waitFor(() => {
      expect(fake.last()).toBeDefined();
    });
    const socket = fake.last();
    if (socket === undefined) {
      throw new Error('no socket');
    }
    act(() => {
      socket.open();
      socket.receive({ type: 'subscribed', clientId: 'c-acme', seq: 5 });
    });
    const fresh = goal('g-9', { metric: 'web.bounce_rate', target: 0.3, deadline: '2026-12-15', status: 'off_track', projected: 0.45 });
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'goal', data: { action: 'created', goal: fresh } });
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 7, kind: 'goal', data: { action: 'updated', goal: { ...fresh, status: 'reached' } } });
    });
    // the cache tells its screens a moment later (TanStack Query batches its notifications)
    await waitFor(() => {
      expect(screen.getByTestId('goal-status-g-9').textContent).toBe('Reached');
    });
    expect(screen.getAllByTestId('goal-g-9')).toHaveLength(1);
    expect(within(goalsPanel()).getAllByRole('listitem')[0]?.getAttribute('data-testid')).toBe('goal-g-9');
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 8, kind: 'goal', data: { action: 'deleted', id: 'g-1' } });
    });
    await waitFor(() => {
      expect(screen.queryByTestId('goal-g-1')).toBeNull();
    });
    expect(api.to('GET /api/clients/c-acme/goals')).toHaveLength(1);
    act(() => {
      socket.receive({ type: 'reset', clientId: 'c-acme', seq: 90 });
    });
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/goals')).toHaveLength(2);
    });
  });
});
