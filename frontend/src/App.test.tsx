import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { SessionStore, SIGNED_IN_HINT_KEY } from './auth/session.ts';
import { apiError, fakeApi, json, memoryStorage, noContent, sessionFor } from './test/fakeApi.ts';
import { renderApp } from './test/renderApp.tsx';

describe('App shell', () => {
  it('renders at the browser location with the brand header and the server status footer', async () => {
    fakeApi({});
    window.history.pushState({}, '', '/clients/acme/overview');

    render(<App store={new SessionStore(memoryStorage())} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Zoom Factor' })).toBeDefined();
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeDefined();
    const footer = screen.getByRole('contentinfo');
    await waitFor(() => {
      expect(within(footer).getByTestId('server-status').textContent).toContain('ok');
    });
    expect(within(footer).getByTestId('db-status').textContent).toContain('up');
    expect(within(footer).getByTestId('server-version').textContent).toContain('9.9.9-test');
    window.history.pushState({}, '', '/');
  });

  it.each(['/login', '/signup', '/accept-invitation#abc', '/clients', '/members', '/tokens', '/nowhere'])(
    'shows the h1 brand and the status footer at %s',
    async (path) => {
      fakeApi({ 'GET /api/clients': () => json(200, []), 'GET /api/members': () => json(200, []), 'GET /api/members/invitations': () => json(200, []), 'GET /api/tokens': () => json(200, []) });

      renderApp(path, { session: sessionFor('owner') });

      expect(screen.getByRole('heading', { level: 1, name: 'Zoom Factor' })).toBeDefined();
      await waitFor(() => {
        expect(within(screen.getByRole('contentinfo')).getByTestId('server-status').textContent).toContain('ok');
      });
    },
  );
});

describe('routing without a session', () => {
  it.each(['/clients', '/members', '/tokens', '/clients/acme/overview'])('sends %s to the login page', async (path) => {
    const api = fakeApi({});

    renderApp(path);

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeDefined();
    expect(screen.getByLabelText('Email')).toBeDefined();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.queryByTestId('whoami')).toBeNull();
    expect(api.apiCalls()).toEqual([]);
  });

  it('shows a loading state until the startup refresh answers, then the page', async () => {
    let answer: (response: Response) => void = () => undefined;
    fakeApi({
      'POST /api/auth/refresh': () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
      'GET /api/clients': () => json(200, []),
    });
    const store = new SessionStore(memoryStorage({ [SIGNED_IN_HINT_KEY]: '1' }));

    renderApp('/clients', { store });

    expect(await screen.findByText('Restoring your session…')).toBeDefined();
    expect(screen.queryByRole('heading', { name: 'Log in' })).toBeNull();
    answer(json(200, sessionFor('analyst')));
    expect(await screen.findByRole('heading', { name: 'Clients' })).toBeDefined();
  });

  it('goes to the login page when the startup refresh fails', async () => {
    fakeApi({ 'POST /api/auth/refresh': () => apiError(401, 'No session') });
    const store = new SessionStore(memoryStorage({ [SIGNED_IN_HINT_KEY]: '1' }));

    renderApp('/tokens', { store });

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeDefined();
  });

  it('goes to the login page when an API call gets a 401 and the refresh fails', async () => {
    fakeApi({
      'GET /api/clients': () => apiError(401, 'Token expired'),
      'POST /api/auth/refresh': () => apiError(401, 'Session expired'),
    });

    renderApp('/clients', { session: sessionFor('analyst') });

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeDefined();
  });
});

describe('routing with a session', () => {
  it.each(['/', '/login', '/signup'])('sends %s to the clients page', async (path) => {
    fakeApi({ 'GET /api/clients': () => json(200, []) });

    renderApp(path, { session: sessionFor('viewer') });

    expect(await screen.findByRole('heading', { name: 'Clients' })).toBeDefined();
  });

  it('shows "Page not found" for an unknown path', async () => {
    fakeApi({});

    renderApp('/clients/acme/overview', { session: sessionFor('viewer') });

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeDefined();
  });
});

describe('header when signed in', () => {
  it.each([
    { role: 'owner' as const, managerLinks: true },
    { role: 'admin' as const, managerLinks: true },
    { role: 'analyst' as const, managerLinks: false },
    { role: 'viewer' as const, managerLinks: false },
  ])('shows who is signed in and, for $role, manager links: $managerLinks', ({ role, managerLinks }) => {
    fakeApi({ 'GET /api/clients': () => json(200, []) });

    renderApp('/clients', { session: sessionFor(role) });

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Clients' }).getAttribute('href')).toBe('/clients');
    expect(within(nav).queryByRole('link', { name: 'Members' }) !== null).toBe(managerLinks);
    expect(within(nav).queryByRole('link', { name: 'API tokens' }) !== null).toBe(managerLinks);
    expect(screen.getByTestId('whoami').textContent).toBe(`Ada Lovelace · ${role} · Analytical Agency`);
  });

  it('logs out and goes to the login page', async () => {
    const api = fakeApi({ 'GET /api/clients': () => json(200, []), 'POST /api/auth/logout': () => noContent() });
    const { user, store } = renderApp('/clients', { session: sessionFor('owner') });

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeDefined();
    expect(api.to('POST /api/auth/logout')).toHaveLength(1);
    expect(store.getState()).toEqual({ status: 'anonymous' });
    expect(screen.queryByTestId('whoami')).toBeNull();
  });
});
