import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Delivery } from '../api/types.ts';
import { fakeApi, json, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';

const EMAIL: Delivery = {
  id: 'd-2',
  channel: 'email',
  kind: 'report',
  clientId: 'c-acme',
  webhookId: null,
  recipient: 'ceo@client.example',
  subject: 'Weekly report for Acme: 2026-11-16 to 2026-11-22',
  state: 'pending',
  attempts: 2,
  maxAttempts: 10,
  lastStatus: 451,
  lastError: 'Mailbox busy',
  createdAt: '2026-11-23T09:00:00Z',
  deliveredAt: null,
  nextAttemptAt: '2026-11-23T09:02:00Z',
  log: [
    { attempt: 1, at: '2026-11-23T09:00:01Z', status: null, error: 'Connection refused', durationMs: 3 },
    { attempt: 2, at: '2026-11-23T09:00:31Z', status: 451, error: 'Mailbox busy', durationMs: 120 },
  ],
};

describe('DeliveriesPage', () => {
  it('lists each recipient’s delivery with its attempts and last error, filtered by state', async () => {
    const api = fakeApi({
      'GET /api/deliveries': ({ query }) => json(200, query.get('state') === 'failed' ? [] : [EMAIL]),
    });
    const { user } = renderApp('/settings/deliveries', { session: sessionFor('owner') });
    const page = screen.getByRole('region', { name: 'Deliveries' });
    const table = await within(page).findByRole('table', { name: 'Deliveries, newest first' });
    const row = within(table).getAllByRole('row')[1];
    expect(row?.textContent).toContain('ceo@client.example');
    expect(row?.textContent).toContain('Weekly report for Acme');
    expect(row?.textContent).toContain('Pending');
    expect(row?.textContent).toContain('2 of 10');
    expect(row?.textContent).toContain('451 · Mailbox busy');
    expect(row?.textContent).toContain('no answer · Connection refused');

    await user.selectOptions(within(page).getByLabelText('State'), 'failed');
    await within(page).findByText('Nothing is failed yet.');
    expect(api.to('GET /api/deliveries').map((c) => c.query.get('state'))).toEqual([null, 'failed']);
  });

  it('is linked for owners and admins', async () => {
    fakeApi({ 'GET /api/deliveries': () => json(200, []), 'GET /api/report-reviews': () => json(200, []) });
    renderApp('/settings/deliveries', { session: sessionFor('admin') });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Deliveries' }).getAttribute('href')).toBe('/settings/deliveries');
    expect(within(nav).getByRole('link', { name: 'Webhooks' }).getAttribute('href')).toBe('/settings/webhooks');
    await screen.findByText('Nothing was sent yet.');
  });
});
