import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReportSchedule, ReportScheduleWrite } from '../api/types.ts';
import { apiError, json, noContent } from '../test/fakeApi.ts';
import { clientPageServer, renderClientPage, todayIsNov26 } from '../test/clientPageFixtures.ts';
import { cadenceText, draftProblem, parseRecipients, writeOf } from './client/schedules.ts';

const WEEKLY: ReportSchedule = {
  id: 's-1',
  clientId: 'c-acme',
  frequency: 'weekly',
  dayOfWeek: 1,
  dayOfMonth: null,
  hour: 9,
  recipients: ['ceo@client.example'],
  review: false,
  nextRunAt: '2026-11-30T09:00:00Z',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

function panel(): HTMLElement {
  return screen.getByRole('region', { name: 'Scheduled reports' });
}

describe('schedule drafts', () => {
  it('reads recipients however they are separated, each once, and checks them', () => {
    expect(parseRecipients('a@x.example, b@x.example\nA@X.example;c@x.example ')).toEqual([
      'a@x.example',
      'b@x.example',
      'c@x.example',
    ]);
    expect(draftProblem({ frequency: 'weekly', dayOfWeek: 1, dayOfMonth: 1, hour: 9, recipients: ' ', review: false }))
      .toBe('Add at least one recipient.');
    expect(draftProblem({ frequency: 'weekly', dayOfWeek: 1, dayOfMonth: 1, hour: 9, recipients: 'ceo', review: false }))
      .toBe('“ceo” is not an e-mail address.');
  });

  it('sends only the day its frequency uses, and says the cadence in words', () => {
    expect(writeOf({ frequency: 'monthly', dayOfWeek: 3, dayOfMonth: 2, hour: 8, recipients: 'a@x.example', review: true }))
      .toEqual({ frequency: 'monthly', dayOfWeek: null, dayOfMonth: 2, hour: 8, recipients: ['a@x.example'], review: true });
    expect(cadenceText(WEEKLY)).toBe('Every Monday at 09:00');
    expect(cadenceText({ frequency: 'monthly', dayOfWeek: null, dayOfMonth: 2, hour: 8 })).toBe('On day 2 of every month at 08:00');
  });
});

describe('ClientPage scheduled reports', () => {
  todayIsNov26();

  it('creates a monthly schedule at an hour of the client’s zone, then lists it', async () => {
    let stored: ReportSchedule[] = [];
    const api = clientPageServer({
      'GET /api/clients/c-acme/report-schedules': () => json(200, stored),
      'POST /api/clients/c-acme/report-schedules': ({ body }) => {
        const write = body as ReportScheduleWrite;
        const created: ReportSchedule = { ...WEEKLY, id: 's-2', frequency: 'monthly', dayOfWeek: null,
          dayOfMonth: write.dayOfMonth ?? null, hour: write.hour ?? 0, recipients: write.recipients ?? [], review: write.review };
        stored = [created];
        return json(201, created);
      },
    });
    const { user } = renderClientPage('analyst', undefined, 'data');
    await within(await screen.findByRole('region', { name: 'Scheduled reports' })).findByText('No report is scheduled.');
    expect(within(panel()).getByText(/at the hour in UTC/)).toBeTruthy();
    await user.click(within(panel()).getByRole('button', { name: 'Schedule a report' }));
    const form = within(panel()).getByRole('form', { name: 'New report schedule' });
    await user.selectOptions(within(form).getByLabelText('Frequency'), 'monthly');
    await user.selectOptions(within(form).getByLabelText('Day of the month'), '2');
    await user.selectOptions(within(form).getByLabelText('Hour'), '8');
    await user.click(within(form).getByRole('button', { name: 'Create schedule' }));
    expect(within(form).getByRole('alert').textContent).toContain('at least one recipient');
    await user.type(within(form).getByLabelText('Recipients'), 'ceo@client.example, cfo@client.example');
    await user.click(within(form).getByLabelText('Review each report before it is sent'));
    await user.click(within(form).getByRole('button', { name: 'Create schedule' }));

    await within(panel()).findByText('On day 2 of every month at 08:00');
    expect(api.to('POST /api/clients/c-acme/report-schedules')[0]?.body).toEqual({
      frequency: 'monthly',
      dayOfWeek: null,
      dayOfMonth: 2,
      hour: 8,
      recipients: ['ceo@client.example', 'cfo@client.example'],
      review: true,
    });
    expect(within(panel()).getByText(/waits for review/)).toBeTruthy();
  });

  it('edits, sends now and deletes (after confirming) a schedule', async () => {
    let stored: ReportSchedule[] = [WEEKLY];
    const api = clientPageServer({
      'GET /api/clients/c-acme/report-schedules': () => json(200, stored),
      'PATCH /api/clients/c-acme/report-schedules/s-1': ({ body }) => {
        stored = [{ ...WEEKLY, ...(body as Partial<ReportSchedule>) }];
        return json(200, stored[0]);
      },
      'POST /api/clients/c-acme/report-schedules/s-1/send': () =>
        json(202, { deliveries: ['d-1'], from: '2026-11-16', to: '2026-11-22' }),
      'DELETE /api/clients/c-acme/report-schedules/s-1': () => {
        stored = [];
        return noContent();
      },
    });
    const { user } = renderClientPage('owner', undefined, 'data');
    await within(await screen.findByRole('region', { name: 'Scheduled reports' })).findByText('Every Monday at 09:00');

    await user.click(within(panel()).getByRole('button', { name: 'Send now: Every Monday at 09:00' }));
    expect((await within(panel()).findByRole('status')).textContent).toBe(
      'Sent the report of 2026-11-16 to 2026-11-22 to 1 recipient.',
    );

    await user.click(within(panel()).getByRole('button', { name: 'Edit schedule: Every Monday at 09:00' }));
    const form = within(panel()).getByRole('form', { name: 'Edit report schedule' });
    expect(within(form).getByLabelText<HTMLTextAreaElement>('Recipients').value).toBe('ceo@client.example');
    await user.selectOptions(within(form).getByLabelText('Day of the week'), '5');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    await within(panel()).findByText('Every Friday at 09:00');
    expect(api.to('PATCH /api/clients/c-acme/report-schedules/s-1')[0]?.body).toMatchObject({ dayOfWeek: 5 });

    await user.click(within(panel()).getByRole('button', { name: 'Delete schedule: Every Friday at 09:00' }));
    const confirm = within(panel()).getByRole('group', { name: 'Confirm deleting the schedule: Every Friday at 09:00' });
    await user.click(within(confirm).getByRole('button', { name: 'Confirm delete' }));
    await within(panel()).findByText('No report is scheduled.');
    expect(api.to('DELETE /api/clients/c-acme/report-schedules/s-1')).toHaveLength(1);
  });

  it('shows why a send was refused (no mail configured)', async () => {
    clientPageServer({
      'GET /api/clients/c-acme/report-schedules': () => json(200, [WEEKLY]),
      'POST /api/clients/c-acme/report-schedules/s-1/send': () =>
        apiError(409, 'E-mail is not configured on this server (ZF_SMTP_URL): no report can be sent'),
    });
    const { user } = renderClientPage('analyst', undefined, 'data');
    await within(await screen.findByRole('region', { name: 'Scheduled reports' })).findByText('Every Monday at 09:00');
    await user.click(within(panel()).getByRole('button', { name: 'Send now: Every Monday at 09:00' }));
    await waitFor(() => {
      expect(within(panel()).getByRole('alert').textContent).toContain('E-mail is not configured');
    });
  });

  it('lists the addresses that unsubscribed; an owner allows one again, an analyst only reads', async () => {
    let left = [{ address: 'cfo@client.example', unsubscribedAt: '2026-11-20T10:00:00Z' }];
    const api = clientPageServer({
      'GET /api/clients/c-acme/report-schedules': () => json(200, [WEEKLY]),
      'GET /api/clients/c-acme/report-unsubscribes': () => json(200, left),
      'DELETE /api/clients/c-acme/report-unsubscribes': () => {
        left = [];
        return noContent();
      },
      'PATCH /api/clients/c-acme/report-schedules/s-1': () =>
        apiError(409, 'unsubscribed from this client’s reports by their e-mail’s link: cfo@client.example (on 2026-11-20)'),
    });
    const { user } = renderClientPage('owner', undefined, 'data');
    const unsubscribed = await within(await screen.findByRole('region', { name: 'Scheduled reports' }))
      .findByRole('region', { name: 'Unsubscribed' });
    expect(unsubscribed.textContent).toContain('cfo@client.example');

    // pasting the address back is refused by the server, and the panel says why
    await user.click(within(panel()).getByRole('button', { name: 'Edit schedule: Every Monday at 09:00' }));
    const form = within(panel()).getByRole('form', { name: 'Edit report schedule' });
    await user.type(within(form).getByLabelText('Recipients'), ', cfo@client.example');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    await waitFor(() => {
      expect(within(form).getByRole('alert').textContent).toContain('cfo@client.example (on 2026-11-20)');
    });

    await user.click(within(unsubscribed).getByRole('button', { name: 'Allow cfo@client.example again' }));
    await waitFor(() => {
      expect(within(panel()).queryByRole('region', { name: 'Unsubscribed' })).toBeNull();
    });
    const calls = api.to('DELETE /api/clients/c-acme/report-unsubscribes');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.query.get('address')).toBe('cfo@client.example');
  });

  it('shows an analyst who unsubscribed without the button only owners and admins have', async () => {
    clientPageServer({
      'GET /api/clients/c-acme/report-unsubscribes': () =>
        json(200, [{ address: 'cfo@client.example', unsubscribedAt: '2026-11-20T10:00:00Z' }]),
    });
    renderClientPage('analyst', undefined, 'data');
    const unsubscribed = await within(await screen.findByRole('region', { name: 'Scheduled reports' }))
      .findByRole('region', { name: 'Unsubscribed' });
    expect(unsubscribed.textContent).toContain('unless an owner or admin allows it');
    expect(within(unsubscribed).queryByRole('button')).toBeNull();
  });

  it('is not shown to viewers, whom the API refuses', async () => {
    clientPageServer();
    renderClientPage('viewer', undefined, 'data');
    await screen.findByRole('region', { name: 'Report' });
    expect(screen.queryByRole('region', { name: 'Scheduled reports' })).toBeNull();
  });
});
