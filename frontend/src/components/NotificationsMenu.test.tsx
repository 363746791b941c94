import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Client, UserNotification } from '../api/types.ts';
import { apiError, fakeApi, json, noContent, sessionFor } from '../test/fakeApi.ts';
import { fakeLive } from '../test/fakeSocket.ts';
import { renderApp } from '../test/renderApp.tsx';

const acme: Client = {
  id: 'c-acme',
  name: 'Acme',
  website: null,
  timeZone: 'UTC',
  demo: false,
  channels: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  score: null,
};

function note(id: number, summary: string, readAt: string | null = null): UserNotification {
  return { id, personId: 'u-1', clientId: 'c-acme', kind: 'mention', commentId: 'k-1', alertId: null, goalId: null, summary, createdAt: '2026-11-26T10:00:00Z', readAt };
}

const FIRST = note(1, 'Grace Hopper mentioned you on Acme: "Why did page views jump?"');
const SECOND = note(2, 'Alan Turing mentioned you on Acme: "Look"');
const OLD = note(0, 'Grace Hopper mentioned you on Acme: "Old news"', '2026-11-20T10:00:00Z');

function server(notifications: () => UserNotification[] | Response) {
  return fakeApi({
    'GET /api/clients': () => json(200, [acme]),
    'GET /api/notifications': () => {
      const answer = notifications();
      return answer instanceof Response ? answer : json(200, answer);
    },
    'POST /api/notifications/1/read': () => noContent(),
    'POST /api/notifications/read-all': () => json(200, { marked: 2 }),
  });
}

function button(): HTMLElement {
  return screen.getByTestId('notifications-button');
}

describe('Notifications in the header', () => {
  it('shows the unread count, and lists them on open (loading them again)', async () => {
    const api = server(() => [FIRST, OLD]);
    const { user } = renderApp('/clients', { session: sessionFor('viewer') });
    await waitFor(() => {
      expect(button().textContent).toBe('Notifications (1)');
    });
    expect(button().getAttribute('aria-expanded')).toBe('false');
    await user.click(button());
    expect(button().getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Notifications' });
    expect(within(panel).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'))).toEqual(['notification-1', 'notification-0']);
    expect(within(panel).getAllByRole('link', { name: 'Open the client' })[0]?.getAttribute('href')).toBe('/clients/c-acme');
    await waitFor(() => {
      expect(api.to('GET /api/notifications')).toHaveLength(2);
    });
    expect(within(panel).queryByRole('button', { name: /^Mark read: Grace Hopper mentioned you on Acme: "Old news"/ })).toBeNull();
  });

  it('shows an alert with a link to its client', async () => {
    const fired: UserNotification = {
      ...note(5, 'Alert: web.pageviews was 800 on 2026-11-25, above its normal band of 420 to 580'),
      kind: 'alert',
      commentId: null,
      alertId: 'a-1',
    };
    server(() => [fired]);
    const { user } = renderApp('/clients', { session: sessionFor('viewer') });
    await waitFor(() => {
      expect(button().textContent).toBe('Notifications (1)');
    });
    await user.click(button());
    const item = screen.getByTestId('notification-5');
    expect(item.textContent).toContain('Alert: web.pageviews was 800');
    expect(within(item).getByRole('link', { name: 'See the alert on the client' }).getAttribute('href')).toBe('/clients/c-acme#alert-a-1');
  });

  it('marks one read, then all', async () => {
    const api = server(() => [FIRST, SECOND]);
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });
    await waitFor(() => {
      expect(button().textContent).toBe('Notifications (2)');
    });
    await user.click(button());
    const panel = screen.getByRole('region', { name: 'Notifications' });
    await user.click(within(panel).getByRole('button', { name: `Mark read: ${FIRST.summary}` }));
    await waitFor(() => {
      expect(button().textContent).toBe('Notifications (1)');
    });
    expect(api.to('POST /api/notifications/1/read')).toHaveLength(1);
    await user.click(within(panel).getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => {
      expect(button().textContent).toBe('Notifications (0)');
    });
    expect(api.to('POST /api/notifications/read-all')).toHaveLength(1);
    expect(within(panel).queryByRole('button', { name: 'Mark all read' })).toBeNull();
  });

  it('shows a failed load in the list with a way to try again, and says when there are none', async () => {
    let fail = true;
    server(() => (fail ? apiError(500, 'Notifications are down') : []));
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await screen.findByText('Acme');
    expect(button().textContent).toBe('Notifications');
    await user.click(button());
    const panel = screen.getByRole('region', { name: 'Notifications' });
    expect((await within(panel).findByRole('alert')).textContent).toBe('Notifications are down');
    fail = false;
    await user.click(within(panel).getByRole('button', { name: 'Try again: Notifications' }));
    expect(await within(panel).findByText('No notifications.')).toBeDefined();
    expect(button().textContent).toBe('Notifications (0)');
  });

  it('puts a live notification for me (on a followed client) in the list without reading it again, not one for someone else', async () => {
    const api = server(() => [OLD]);
    const fake = fakeLive();
    renderApp('/clients', { session: sessionFor('analyst'), live: () => fake.live });
    await waitFor(() => {
      expect(button().textContent).toBe('Notifications (0)');
    });
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
    await waitFor(() => {
      expect(socket.ofType('subscribe').map((m) => m.clientId)).toContain('c-acme');
    });
    act(() => {
      socket.receive({ type: 'subscribed', clientId: 'c-acme', seq: 1 });
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 2, kind: 'notification', data: { ...FIRST, personId: 'u-9' } });
    });
    expect(button().textContent).toBe('Notifications (0)');
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 3, kind: 'notification', data: FIRST });
    });
    await waitFor(() => {
      expect(button().textContent).toBe('Notifications (1)');
    });
    expect(api.to('GET /api/notifications')).toHaveLength(1);
  });
});
