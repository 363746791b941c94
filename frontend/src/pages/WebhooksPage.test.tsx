import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Client, CreatedWebhook, Delivery, Webhook } from '../api/types.ts';
import { apiError, fakeApi, json, noContent, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';

const ACME: Client = {
  id: 'c-acme',
  name: 'Acme',
  website: null,
  timeZone: 'UTC',
  channels: ['website'],
  demo: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  score: null,
};

const HOOK: Webhook = {
  id: 'w-1',
  clientId: 'c-acme',
  url: 'https://hooks.example/in/…',
  events: ['alert.fired', 'goal.reached'],
  format: 'json',
  createdAt: '2026-11-20T10:00:00Z',
};

const PING: Delivery = {
  id: 'd-1',
  channel: 'webhook',
  kind: 'ping',
  clientId: null,
  webhookId: 'w-1',
  recipient: 'https://hooks.example/in/…',
  subject: null,
  state: 'failed',
  attempts: 1,
  maxAttempts: 10,
  lastStatus: 410,
  lastError: 'HTTP 410',
  createdAt: '2026-11-20T10:05:00Z',
  deliveredAt: null,
  nextAttemptAt: null,
  log: [{ attempt: 1, at: '2026-11-20T10:05:01Z', status: 410, error: 'HTTP 410', durationMs: 42 }],
};

function page(): HTMLElement {
  return screen.getByRole('region', { name: 'Webhooks' });
}

describe('WebhooksPage', () => {
  it('adds a webhook for one client and shows its secret once, with a copy button', async () => {
    let hooks: Webhook[] = [];
    const api = fakeApi({
      'GET /api/webhooks': () => json(200, hooks),
      'GET /api/clients': () => json(200, [ACME]),
      'POST /api/webhooks': () => {
        const created: CreatedWebhook = { ...HOOK, events: ['goal.reached'], secret: 'whsec_shown_once' };
        hooks = [HOOK];
        return json(201, created);
      },
    });
    const { user } = renderApp('/settings/webhooks', { session: sessionFor('admin') });
    await within(page()).findByText('No webhook yet.');
    await user.type(within(page()).getByLabelText('URL'), 'https://hooks.example/in/secret-path');
    await user.click(within(page()).getByLabelText('An alert fires'));
    await user.click(within(page()).getByRole('button', { name: 'Add webhook' }));
    expect(within(page()).getByRole('alert').textContent).toBe('Choose at least one event.');
    await user.click(within(page()).getByLabelText('A goal is reached'));
    await within(page()).findByRole('option', { name: 'Acme' });
    await user.selectOptions(within(page()).getByLabelText('Client'), 'c-acme');
    await user.click(within(page()).getByRole('button', { name: 'Add webhook' }));

    expect((await within(page()).findByTestId('webhook-secret')).textContent).toBe('whsec_shown_once');
    expect(within(page()).getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(api.to('POST /api/webhooks')[0]?.body).toEqual({
      url: 'https://hooks.example/in/secret-path',
      events: ['goal.reached'],
      clientId: 'c-acme',
    });
    const list = await within(page()).findByRole('list', { name: 'Webhooks' });
    expect(within(list).getByText(/alert\.fired, goal\.reached · Acme · signed JSON/)).toBeTruthy();
  });

  it('sends a test, shows the log with status codes, and deletes after confirming', async () => {
    let hooks: Webhook[] = [HOOK];
    let log: Delivery[] = [];
    const api = fakeApi({
      'GET /api/webhooks': () => json(200, hooks),
      'GET /api/clients': () => json(200, [ACME]),
      'POST /api/webhooks/w-1/test': () => {
        log = [PING];
        return json(202, { deliveryId: 'd-1' });
      },
      'GET /api/webhooks/w-1/deliveries': () => json(200, log),
      'DELETE /api/webhooks/w-1': () => {
        hooks = [];
        return noContent();
      },
    });
    const { user } = renderApp('/settings/webhooks', { session: sessionFor('owner') });
    const what = 'webhook to https://hooks.example/in/…';
    await user.click(await within(page()).findByRole('button', { name: `Send a test to the ${what}` }));
    const table = await within(page()).findByRole('table', { name: 'Calls to https://hooks.example/in/…' });
    const row = within(table).getAllByRole('row')[1];
    expect(row?.textContent).toContain('ping');
    expect(row?.textContent).toContain('Failed');
    expect(row?.textContent).toContain('1 of 10');
    expect(row?.textContent).toContain('410 · HTTP 410');
    expect(api.to('POST /api/webhooks/w-1/test')).toHaveLength(1);

    await user.click(within(page()).getByRole('button', { name: `Delete the ${what}` }));
    await user.click(within(page()).getByRole('button', { name: 'Confirm delete' }));
    await within(page()).findByText('No webhook yet.');
  });

  it('says why a URL was refused', async () => {
    fakeApi({
      'GET /api/webhooks': () => json(200, []),
      'GET /api/clients': () => json(200, []),
      'POST /api/webhooks': () => apiError(400, 'url resolves to a private address (127.0.0.1)'),
    });
    const { user } = renderApp('/settings/webhooks', { session: sessionFor('owner') });
    await user.type(await within(page()).findByLabelText('URL'), 'http://127.0.0.1/hook');
    await user.click(within(page()).getByRole('button', { name: 'Add webhook' }));
    await waitFor(() => {
      expect(within(page()).getByRole('alert').textContent).toContain('private address');
    });
    expect(within(page()).queryByTestId('webhook-secret')).toBeNull();
  });
});
