import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, json } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';

describe('UnsubscribePage', () => {
  it('unsubscribes signed out, only once the button is pressed', async () => {
    const api = fakeApi({
      'POST /api/unsubscribe': () => json(200, { unsubscribed: true, client: 'Acme', frequency: 'weekly' }),
    });
    const { user } = renderApp('/unsubscribe?token=tok_123');
    expect(await screen.findByText('Stop receiving this scheduled report by e-mail?')).toBeTruthy();
    expect(api.to('POST /api/unsubscribe')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect(await screen.findByText('You are unsubscribed: you will no longer receive the weekly report of Acme.')).toBeTruthy();
    const call = api.to('POST /api/unsubscribe')[0];
    expect(call?.body).toEqual({ token: 'tok_123' });
    expect(call?.headers.get('Authorization')).toBeNull();
  });

  it('says when a link is not valid', async () => {
    fakeApi({ 'POST /api/unsubscribe': () => apiError(404, 'No such subscription') });
    const { user } = renderApp('/unsubscribe?token=forged');
    await user.click(await screen.findByRole('button', { name: 'Unsubscribe' }));
    await waitFor(() => {
      expect(screen.getByRole('alert').textContent).toContain('No such subscription');
    });
  });

  it('asks for the link as it is when the token is missing', async () => {
    fakeApi({});
    renderApp('/unsubscribe');
    expect((await screen.findByRole('alert')).textContent).toContain('This link has no token');
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
  });
});
