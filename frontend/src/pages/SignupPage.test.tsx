import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, json, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';

async function fill(user: ReturnType<typeof renderApp>['user'], password: string) {
  await user.type(screen.getByLabelText('Agency name'), 'Analytical Agency');
  await user.type(screen.getByLabelText('Your name'), 'Ada Lovelace');
  await user.type(screen.getByLabelText('Email'), 'ada@agency.test');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('SignupPage', () => {
  it('creates the account and goes to the clients page', async () => {
    const api = fakeApi({
      'POST /api/auth/signup': () => json(201, sessionFor('owner')),
      'GET /api/clients': () => json(200, []),
    });
    const { user } = renderApp('/signup');

    await fill(user, 'long enough');

    expect(await screen.findByRole('heading', { name: 'Clients' })).toBeDefined();
    expect(await screen.findByText(/No clients yet/)).toBeDefined();
    expect(api.to('POST /api/auth/signup')[0]?.body).toEqual({
      agencyName: 'Analytical Agency',
      name: 'Ada Lovelace',
      email: 'ada@agency.test',
      password: 'long enough',
    });
  });

  it('shows the server error in an alert', async () => {
    fakeApi({ 'POST /api/auth/signup': () => apiError(409, 'An account with this email already exists') });
    const { user } = renderApp('/signup');

    await fill(user, 'long enough');

    expect((await screen.findByRole('alert')).textContent).toBe('An account with this email already exists');
    expect(screen.getByRole('heading', { name: 'Create an account' })).toBeDefined();
  });

  it('refuses a password under 8 characters without calling the server', async () => {
    const api = fakeApi({});
    const { user } = renderApp('/signup');

    await fill(user, 'short');

    expect((await screen.findByRole('alert')).textContent).toBe('The password must have 8 to 128 characters.');
    expect(api.to('POST /api/auth/signup')).toHaveLength(0);
  });

  it('links to the login page', async () => {
    fakeApi({});
    const { user } = renderApp('/signup');

    await user.click(screen.getByRole('link', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeDefined();
  });
});
