import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Client, ReportReview } from '../api/types.ts';
import { apiError, fakeApi, json, sessionFor } from '../test/fakeApi.ts';
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

function review(id: string, from: string, to: string): ReportReview {
  return {
    id,
    clientId: 'c-acme',
    scheduleId: 's-1',
    from,
    to,
    summary: 'The Zoom Factor was 71.2.\n\nGoals: on track.',
    state: 'pending',
    createdAt: '2026-11-23T09:00:00Z',
    decidedAt: null,
  };
}

function page(): HTMLElement {
  return screen.getByRole('region', { name: 'Reports to review' });
}

describe('ReviewQueuePage', () => {
  it('approves a report with its summary as edited, skips another, and the badge counts down', async () => {
    let pending = [review('r-1', '2026-11-16', '2026-11-22'), review('r-2', '2026-11-09', '2026-11-15')];
    const api = fakeApi({
      'GET /api/report-reviews': ({ query }) => {
        expect(query.get('state')).toBe('pending');
        return json(200, pending);
      },
      'GET /api/clients': () => json(200, [ACME]),
      'POST /api/clients/c-acme/report-reviews/r-1/approve': () => {
        pending = pending.filter((r) => r.id !== 'r-1');
        return json(200, { review: { ...review('r-1', '2026-11-16', '2026-11-22'), state: 'approved' }, deliveries: ['d-1'] });
      },
      'POST /api/clients/c-acme/report-reviews/r-2/skip': () => {
        pending = pending.filter((r) => r.id !== 'r-2');
        return json(200, { ...review('r-2', '2026-11-09', '2026-11-15'), state: 'skipped' });
      },
    });
    const { user } = renderApp('/reports/review', { session: sessionFor('analyst') });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect((await within(nav).findByLabelText('2 waiting')).textContent).toBe('2');

    const summary = await within(page()).findByLabelText('Summary of Acme, 16–22 Nov 2026');
    expect((summary as HTMLTextAreaElement).value).toContain('The Zoom Factor was 71.2.');
    await user.clear(summary);
    await user.type(summary, 'A calm week.');
    await user.click(within(page()).getByRole('button', { name: 'Approve and send Acme, 16–22 Nov 2026' }));
    await waitFor(() => {
      expect(within(page()).queryByLabelText('Summary of Acme, 16–22 Nov 2026')).toBeNull();
    });
    expect(api.to('POST /api/clients/c-acme/report-reviews/r-1/approve')[0]?.body).toEqual({ summary: 'A calm week.' });
    expect((await within(nav).findByLabelText('1 waiting')).textContent).toBe('1');

    await user.click(within(page()).getByRole('button', { name: 'Skip Acme, 9–15 Nov 2026' }));
    await within(page()).findByText('No report is waiting for review.');
    await waitFor(() => {
      expect(within(nav).queryByLabelText(/waiting/)).toBeNull();
    });
  });

  it('shows a refusal (already decided elsewhere, no mail) and keeps the report', async () => {
    fakeApi({
      'GET /api/report-reviews': () => json(200, [review('r-1', '2026-11-16', '2026-11-22')]),
      'GET /api/clients': () => json(200, [ACME]),
      'POST /api/clients/c-acme/report-reviews/r-1/approve': () =>
        apiError(409, 'E-mail is not configured on this server (ZF_SMTP_URL): no report can be sent'),
    });
    const { user } = renderApp('/reports/review', { session: sessionFor('owner') });
    await within(page()).findByLabelText('Summary of Acme, 16–22 Nov 2026');
    await user.click(within(page()).getByRole('button', { name: 'Approve and send Acme, 16–22 Nov 2026' }));
    expect((await within(page()).findByRole('alert')).textContent).toContain('E-mail is not configured');
    expect(within(page()).getByLabelText('Summary of Acme, 16–22 Nov 2026')).toBeTruthy();
  });

  it('is linked for analysts and up, not for viewers', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, []), 'GET /api/clients/portfolio': () => json(200, []) });
    renderApp('/clients', { session: sessionFor('viewer') });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: /Reviews/ })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Webhooks' })).toBeNull();
  });
});
