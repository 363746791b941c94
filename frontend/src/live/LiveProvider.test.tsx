import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, noContent, sessionFor } from '../test/fakeApi.ts';
import { fakeLive } from '../test/fakeSocket.ts';
import { renderApp } from '../test/renderApp.tsx';

describe('LiveProvider', () => {
  it('opens the connection once signed in, shows its state, and closes it on sign-out', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, []), 'POST /api/auth/logout': () => noContent() });
    const fake = fakeLive();
    const { user } = renderApp('/clients', { session: sessionFor('owner'), live: () => fake.live });
    expect((await screen.findByTestId('live-status')).textContent).toBe('Connecting…');
    await waitFor(() => {
      expect(fake.sockets).toHaveLength(1);
    });
    act(() => {
      fake.sockets[0]?.open();
    });
    expect(screen.getByTestId('live-status').textContent).toBe('Live');

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await waitFor(() => {
      expect(fake.sockets[0]?.closedWith).toBe(1000);
    });
    expect(fake.live.getState()).toBe('offline');
    expect(screen.queryByTestId('live-status')).toBeNull();
  });
});
