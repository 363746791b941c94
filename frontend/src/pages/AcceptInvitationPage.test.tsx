import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, json, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';
import { tokenFromHash } from './AcceptInvitationPage.tsx';

describe('tokenFromHash', () => {
  it.each([
    { hash: '#abc123', token: 'abc123' },
    { hash: 'abc123', token: 'abc123' },
    { hash: '#a%2Bb', token: 'a+b' },
    { hash: '#%E0%A4%A', token: '%E0%A4%A' },
    { hash: '', token: '' },
    { hash: '#', token: '' },
  ])('reads "$hash" as "$token"', ({ hash, token }) => {
    expect(tokenFromHash(hash)).toBe(token);
  });
});

describe('AcceptInvitationPage', () => {
  it('joins with the token from the URL fragment and goes to the clients page', async () => {
    const api = fakeApi({
      'POST /api/auth/accept-invitation': () => json(201, sessionFor('viewer')),
      'GET /api/clients': () => json(200, []),
    });
    const { user } = renderApp('/accept-invitation#inv-token-42');

    await user.type(screen.getByLabelText('Your name'), 'Grace Hopper');
    await user.type(screen.getByLabelText('Password'), 'long enough');
    await user.click(screen.getByRole('button', { name: 'Join agency' }));

    expect(await screen.findByRole('heading', { name: 'Clients' })).toBeDefined();
    expect(api.to('POST /api/auth/accept-invitation')[0]?.body).toEqual({
      token: 'inv-token-42',
      name: 'Grace Hopper',
      password: 'long enough',
    });
  });

  it('shows the server error in an alert', async () => {
    fakeApi({ 'POST /api/auth/accept-invitation': () => apiError(410, 'This invitation has expired') });
    const { user } = renderApp('/accept-invitation#old');

    await user.type(screen.getByLabelText('Your name'), 'Grace Hopper');
    await user.type(screen.getByLabelText('Password'), 'long enough');
    await user.click(screen.getByRole('button', { name: 'Join agency' }));

    expect((await screen.findByRole('alert')).textContent).toBe('This invitation has expired');
  });

  it('explains a link without a token instead of showing the form', () => {
    fakeApi({});

    renderApp('/accept-invitation');

    expect(screen.getByRole('alert').textContent).toContain('This invitation link is incomplete');
    expect(screen.queryByRole('button', { name: 'Join agency' })).toBeNull();
  });
});
