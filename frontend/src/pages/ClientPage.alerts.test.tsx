import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Alert, AlertRule, Role } from '../api/types.ts';
import { apiError, fakeApi, json, noContent, sessionFor, type Call } from '../test/fakeApi.ts';
import { fakeLive } from '../test/fakeSocket.ts';
import { renderApp } from '../test/renderApp.tsx';
import { clientPageServer, renderClientPage, todayIsNov26 } from '../test/clientPageFixtures.ts';

function rule(id: string, overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id,
    clientId: 'c-acme',
    kind: 'threshold',
    metric: 'score',
    direction: 'below',
    threshold: 40,
    enabled: true,
    channels: ['in_app', 'email', 'webhook'],
    activeFrom: '2026-11-25',
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    ...overrides,
  };
}

function alert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    clientId: 'c-acme',
    ruleId: 'r-2',
    kind: 'adaptive',
    metric: 'web.pageviews',
    day: '2026-11-25',
    value: 800,
    threshold: null,
    bandLow: 420,
    bandHigh: 580,
    baseline: 500,
    message: 'web.pageviews was 800 on 2026-11-25, above its normal band of 420 to 580',
    firedAt: '2026-11-25T10:00:00Z',
    state: 'open',
    acknowledgement: null,
    ...overrides,
  };
}

const SCORE_RULE = rule('r-1');
const BAND_RULE = rule('r-2', { kind: 'adaptive', metric: 'web.pageviews', direction: 'either', threshold: null, createdAt: '2026-11-21T09:00:00Z' });
const FIRED = alert('a-1');

type Routes = Parameters<typeof fakeApi>[0];

function server(extra: Routes = {}, alerts: Alert[] = [FIRED], rules: AlertRule[] = [SCORE_RULE, BAND_RULE]) {
  return clientPageServer({
    'GET /api/clients/c-acme/alert-rules': () => json(200, rules),
    'GET /api/clients/c-acme/alerts': () => json(200, alerts),
    ...extra,
  });
}

function panel(): HTMLElement {
  return screen.getByRole('region', { name: 'Alerts' });
}

async function openPage(role: Role = 'analyst', live?: ReturnType<typeof fakeLive>) {
  const view = renderClientPage(role, live);
  await screen.findByTestId('alert-rule-r-1');
  return view;
}

todayIsNov26();

describe('ClientPage: alerts', () => {
  it('lists fired alerts with their state and the rules in words', async () => {
    server({}, [
      FIRED,
      alert('a-0', {
        day: '2026-11-20',
        firedAt: '2026-11-20T10:00:00Z',
        message: 'the Zoom Factor was 38 on 2026-11-20, below the threshold of 40',
        state: 'acknowledged',
        acknowledgement: { by: 'u-9', name: 'Grace Hopper', at: '2026-11-21T08:30:00Z', note: 'Site was down' },
      }),
    ]);
    await openPage('viewer');
    expect(screen.getByTestId('alert-a-1').textContent).toContain('above its normal band of 420 to 580');
    expect(screen.getByTestId('alert-a-1').textContent).toContain('For 25 Nov 2026');
    expect(screen.getByTestId('alert-state-a-1').textContent).toBe('Open');
    expect(screen.getByTestId('alert-state-a-0').textContent).toMatch(/^Acknowledged by Grace Hopper on .*: Site was down$/);
    expect(screen.getByTestId('alert-rule-r-1').textContent).toContain('Zoom Factor below 40.0');
    expect(screen.getByTestId('alert-rule-r-2').textContent).toContain('Page views leaving its normal band');
    // viewers read only
    expect(within(panel()).queryByText('Add an alert rule')).toBeNull();
    expect(within(panel()).queryByRole('button', { name: /^Acknowledge/ })).toBeNull();
    expect(within(panel()).queryByRole('button', { name: /^Delete alert rule/ })).toBeNull();
  });

  it("brings a notification's alert into view (the link names it: #alert-<id>)", async () => {
    server({}, [FIRED, alert('a-0', { day: '2026-11-20', firedAt: '2026-11-20T10:00:00Z' })]);
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    renderApp('/clients/c-acme#alert-a-0', { session: sessionFor('viewer') });
    await screen.findByTestId('alert-a-0');
    await waitFor(() => {
      expect(scrolled).toHaveBeenCalled();
    });
    expect(scrolled.mock.contexts.at(-1)).toBe(screen.getByTestId('alert-a-0'));
    scrolled.mockRestore();
  });

  it('says when nothing has fired and there are no rules', async () => {
    server({}, [], []);
    renderApp('/clients/c-acme', { session: sessionFor('analyst') });
    expect(await within(await screen.findByRole('region', { name: 'Alerts' })).findByText('No alerts have fired.')).toBeDefined();
    expect(await within(panel()).findByText('No alert rules yet.')).toBeDefined();
  });

  it('acknowledges an alert with a note, and shows a refusal', async () => {
    let refuse = true;
    const api = server({
      'POST /api/clients/c-acme/alerts/a-1/acknowledge': ({ body }: Call) =>
        refuse
          ? apiError(409, 'This alert was already acknowledged by Grace Hopper')
          : json(200, {
              ...FIRED,
              state: 'acknowledged',
              acknowledgement: { by: 'u-1', name: 'Ada', at: '2026-11-26T12:00:00Z', note: (body as { note?: string }).note ?? null },
            }),
    });
    const { user } = await openPage('analyst');
    await user.click(within(panel()).getByRole('button', { name: `Acknowledge: ${FIRED.message}` }));
    await user.type(within(panel()).getByLabelText('Note (optional)'), 'Newsletter went out');
    await user.click(within(panel()).getByRole('button', { name: 'Acknowledge alert' }));
    expect((await within(panel()).findByRole('alert')).textContent).toBe('This alert was already acknowledged by Grace Hopper');
    refuse = false;
    await user.click(within(panel()).getByRole('button', { name: 'Acknowledge alert' }));
    await waitFor(() => {
      expect(screen.getByTestId('alert-state-a-1').textContent).toMatch(/^Acknowledged by Ada on .*: Newsletter went out$/);
    });
    expect(api.to('POST /api/clients/c-acme/alerts/a-1/acknowledge')[1]?.body).toEqual({ note: 'Newsletter went out' });
    expect(within(panel()).queryByRole('button', { name: /^Acknowledge/ })).toBeNull();
  });

  it('discusses an alert in a comment thread pinned to it', async () => {
    const api = server({
      'POST /api/clients/c-acme/comments': ({ body }: Call) =>
        json(201, {
          id: 'k-1',
          clientId: 'c-acme',
          parentId: null,
          metric: null,
          date: null,
          alertId: (body as { alertId: string }).alertId,
          text: (body as { text: string }).text,
          author: { id: 'u-1', name: 'Ada' },
          mentions: [],
          createdAt: '2026-11-26T12:00:00Z',
          updatedAt: '2026-11-26T12:00:00Z',
          replies: [],
        }),
    });
    const { user } = await openPage('analyst');
    await user.click(within(panel()).getByRole('button', { name: `Discuss: ${FIRED.message}` }));
    await user.click(within(panel()).getByRole('button', { name: 'Post comment' }));
    expect(within(panel()).getByRole('alert').textContent).toBe('Write the comment first.');
    await user.type(within(panel()).getByLabelText('Comment on this alert'), 'Was it the newsletter?');
    await user.click(within(panel()).getByRole('button', { name: 'Post comment' }));
    expect((await screen.findByTestId('alert-comments-a-1')).textContent).toBe('1 comment under Comments');
    expect(api.to('POST /api/clients/c-acme/comments')[0]?.body).toEqual({ text: 'Was it the newsletter?', alertId: 'a-1' });
    // the thread is in the Collaboration tab, with the other comments
    await user.click(screen.getByRole('tab', { name: 'Collaboration' }));
    expect((await screen.findByTestId('comment-k-1')).textContent).toContain(`on the alert “${FIRED.message}”`);
  });

  it('adds a threshold rule and an adaptive rule, checking the fields first', async () => {
    let next = 3;
    const api = server({
      'POST /api/clients/c-acme/alert-rules': ({ body }: Call) =>
        json(201, rule(`r-${String(next++)}`, { ...(body as Partial<AlertRule>), createdAt: '2026-11-26T12:00:00Z' })),
    });
    const { user } = await openPage('owner');
    await user.click(within(panel()).getByText('Add an alert rule'));
    expect(within(panel()).getByLabelText<HTMLSelectElement>('Subject').value).toBe('score');
    await user.click(within(panel()).getByRole('button', { name: 'Add rule' }));
    expect(within(panel()).getByRole('alert').textContent).toBe('Enter the threshold as a number.');
    await user.type(within(panel()).getByLabelText('Threshold'), '45');
    await user.click(within(panel()).getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByTestId('alert-rule-r-3')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/alert-rules')[0]?.body).toEqual({ kind: 'threshold', metric: 'score', direction: 'below', threshold: 45 });

    await user.selectOptions(within(panel()).getByLabelText('Kind'), 'adaptive');
    expect(within(panel()).queryByLabelText('Threshold')).toBeNull();
    expect(within(panel()).getByLabelText<HTMLSelectElement>('Subject').value).toBe('web.pageviews');
    await user.selectOptions(within(panel()).getByLabelText('Direction'), 'either');
    await user.click(within(panel()).getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByTestId('alert-rule-r-4')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/alert-rules')[1]?.body).toEqual({ kind: 'adaptive', metric: 'web.pageviews', direction: 'either' });
    expect(screen.getByTestId('alert-rule-r-4').textContent).toContain('Page views leaving its normal band');
  });

  it('edits, pauses and deletes a rule', async () => {
    const api = server({
      'PATCH /api/clients/c-acme/alert-rules/r-1': ({ body }: Call) => json(200, { ...SCORE_RULE, ...(body as object) }),
      'DELETE /api/clients/c-acme/alert-rules/r-2': () => noContent(),
    });
    const { user } = await openPage('analyst');
    await user.click(screen.getByRole('button', { name: 'Edit alert rule: Zoom Factor below 40.0' }));
    const threshold = within(screen.getByTestId('alert-rule-r-1')).getByLabelText('Threshold');
    await user.clear(threshold);
    await user.type(threshold, '35');
    await user.click(within(screen.getByTestId('alert-rule-r-1')).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => {
      expect(screen.getByTestId('alert-rule-r-1').textContent).toContain('Zoom Factor below 35.0');
    });
    expect(api.to('PATCH /api/clients/c-acme/alert-rules/r-1')[0]?.body).toEqual({ threshold: 35 });

    await user.click(screen.getByRole('button', { name: 'Pause alert rule: Zoom Factor below 35.0' }));
    await waitFor(() => {
      expect(screen.getByTestId('alert-rule-r-1').textContent).toContain('(paused)');
    });
    expect(api.to('PATCH /api/clients/c-acme/alert-rules/r-1')[1]?.body).toEqual({ enabled: false });

    await user.click(screen.getByRole('button', { name: 'Delete alert rule: Page views leaving its normal band' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => {
      expect(screen.queryByTestId('alert-rule-r-2')).toBeNull();
    });
  });

  it('shows alerts fired and acknowledged live, once each, and reloads on reset', async () => {
    const api = server({}, []);
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
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'alert', data: { action: 'fired', alert: FIRED } });
      socket.receive({
        type: 'event',
        clientId: 'c-acme',
        seq: 7,
        kind: 'alert',
        data: { action: 'acknowledged', alert: { ...FIRED, state: 'acknowledged', acknowledgement: { by: 'u-2', name: 'Alan', at: '2026-11-26T11:00:00Z', note: null } } },
      });
    });
    // the cache tells its screens a moment later (TanStack Query batches its notifications)
    await waitFor(() => {
      expect(screen.getByTestId('alert-state-a-1').textContent).toMatch(/^Acknowledged by Alan on /);
    });
    expect(screen.getAllByTestId('alert-a-1')).toHaveLength(1);
    act(() => {
      // a late "fired" never undoes the acknowledgement
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 8, kind: 'alert', data: { action: 'fired', alert: FIRED } });
    });
    expect(screen.getByTestId('alert-state-a-1').textContent).toMatch(/^Acknowledged by Alan on /);
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 9, kind: 'alert_rule', data: { action: 'deleted', id: 'r-2' } });
    });
    // the rule that fired it is gone (its alerts with it, its threads reloaded)
    await waitFor(() => {
      expect(screen.queryByTestId('alert-a-1')).toBeNull();
    });
    expect(screen.queryByTestId('alert-rule-r-2')).toBeNull();
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/comments')).toHaveLength(2);
    });
    expect(api.to('GET /api/clients/c-acme/alerts')).toHaveLength(1);
    act(() => {
      socket.receive({ type: 'reset', clientId: 'c-acme', seq: 90 });
    });
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/alerts')).toHaveLength(2);
    });
  });
});
