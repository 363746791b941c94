import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, json, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user'], email = 'ada@agency.test', password = 'correct horse') {
  await user.type(screen.getByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  it('logs in and goes to the clients page', async () => {
    const api = fakeApi({
      'POST /api/auth/login': () => json(200, sessionFor('analyst')),
      'GET /api/clients': () => json(200, []),
    });
    const { user, store } = renderApp('/login');

    await fillAndSubmit(user);

    expect(await screen.findByRole('heading', { name: 'Clients' })).toBeDefined();
    expect(api.to('POST /api/auth/login')[0]?.body).toEqual({ email: 'ada@agency.test', password: 'correct horse' });
    expect(store.accessToken()).toBe('access-1');
    expect(screen.getByTestId('whoami').textContent).toBe('Ada Lovelace · analyst · Analytical Agency');
  });

  it('links to the signup page', async () => {
    fakeApi({});
    const { user } = renderApp('/login');

    await user.click(screen.getByRole('link', { name: 'Create an account' }));

    expect(await screen.findByRole('button', { name: 'Create account' })).toBeDefined();
  });

  it.each([
    { name: 'wrong credentials (401)', response: () => apiError(401, 'Wrong email or password'), shown: 'Wrong email or password' },
    {
      name: 'too many attempts (429 with Retry-After)',
      response: () => apiError(429, 'Too many login attempts', {}, { 'Retry-After': '37' }),
      shown: 'Too many attempts, try again in 37 s',
    },
    {
      name: 'too many attempts (429 without Retry-After)',
      response: () => apiError(429, 'Too many login attempts'),
      shown: 'Too many login attempts',
    },
    { name: 'a server error', response: () => apiError(500, 'Internal server error'), shown: 'Internal server error' },
  ])('shows $name in an alert and stays on the page', async ({ response, shown }) => {
    const api = fakeApi({ 'POST /api/auth/login': response });
    const { user } = renderApp('/login');

    await fillAndSubmit(user);

    expect((await screen.findByRole('alert')).textContent).toBe(shown);
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeDefined();
    // A wrong password must not trigger the refresh-and-retry of authenticated calls.
    expect(api.to('POST /api/auth/refresh')).toHaveLength(0);
    expect(api.to('POST /api/auth/login')).toHaveLength(1);
  });

  it('asks for the agency on a 409 and logs in with the chosen agencyId', async () => {
    const agencies = [
      { id: 'ag-north', name: 'North Agency' },
      { id: 'ag-south', name: 'South Agency' },
    ];
    const api = fakeApi({
      'POST /api/auth/login': ({ body }) =>
        (body as { agencyId?: string }).agencyId === undefined
          ? apiError(409, 'You belong to several agencies: choose one', { agencies })
          : json(200, sessionFor('admin', { agency: { id: 'ag-south', name: 'South Agency' } })),
      'GET /api/clients': () => json(200, []),
    });
    const { user } = renderApp('/login');
    expect(screen.queryByLabelText('Agency')).toBeNull();

    await fillAndSubmit(user);

    expect((await screen.findByRole('alert')).textContent).toBe('You belong to several agencies: choose one');
    const select = screen.getByLabelText<HTMLSelectElement>('Agency');
    expect([...select.options].map((o) => o.text)).toEqual(['North Agency', 'South Agency']);

    await user.selectOptions(select, 'South Agency');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { name: 'Clients' })).toBeDefined();
    expect(api.to('POST /api/auth/login').map((c) => c.body)).toEqual([
      { email: 'ada@agency.test', password: 'correct horse' },
      { email: 'ada@agency.test', password: 'correct horse', agencyId: 'ag-south' },
    ]);
    expect(screen.getByTestId('whoami').textContent).toContain('South Agency');
  });
});
