import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../api/types.ts';
import { acme, clientPageServer } from '../../test/clientPageFixtures.ts';
import { apiError, fakeApi, json, sessionFor } from '../../test/fakeApi.ts';
import { renderApp } from '../../test/renderApp.tsx';

// the client page's fixtures serve the page of c-acme: the demo client takes its id
const demo: Client = { ...acme, name: 'Northwind Coffee (demo)', demo: true };

describe('DemoClientButton', () => {
  it('offers the demo client on an empty portfolio, adds it in one click and opens it with its badge', async () => {
    let added = false;
    const api = clientPageServer({
      'GET /api/clients': () => json(200, added ? [demo] : []),
      'POST /api/clients/demo': () => {
        added = true;
        return json(201, demo);
      },
      'GET /api/clients/c-acme': () => json(200, demo),
    });
    const { user } = renderApp('/clients', { session: sessionFor('analyst') });
    await screen.findByText(/No clients yet/);

    await user.click(screen.getByRole('button', { name: 'Add a demo client' }));

    const heading = await screen.findByRole('heading', { level: 2, name: /Northwind Coffee \(demo\)/ });
    expect(heading.querySelector('.badge-demo')?.textContent).toBe('Demo');
    expect(api.to('POST /api/clients/demo')).toHaveLength(1);
  });

  it('is left out once the agency has its demo client', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, [demo]) });
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await user.click(await screen.findByRole('button', { name: 'Add a client' }));
    await screen.findByRole('button', { name: 'Add client' });

    expect(screen.queryByRole('button', { name: 'Add a demo client' })).toBeNull();
  });

  it('shows why the server refused', async () => {
    fakeApi({
      'GET /api/clients': () => json(200, []),
      'POST /api/clients/demo': () => apiError(409, 'This agency already has a demo client'),
    });
    const { user } = renderApp('/clients', { session: sessionFor('owner') });
    await screen.findByText(/No clients yet/);

    await user.click(screen.getByRole('button', { name: 'Add a demo client' }));

    expect((await screen.findByRole('alert')).textContent).toBe('This agency already has a demo client');
  });

  it('is not offered to viewers, who cannot add clients', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, []) });
    renderApp('/clients', { session: sessionFor('viewer') });
    await screen.findByText(/No clients yet/);

    expect(screen.queryByRole('button', { name: 'Add a demo client' })).toBeNull();
  });
});
