import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';

describe('LandingPage', () => {
  it('tells a signed-out visitor at / what the product is, shows it, and offers the ways in', async () => {
    const api = fakeApi({});
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 2, name: /Why you, why now\?/ })).toBeDefined();
    expect(screen.getByText(/A glass-box score\./)).toBeDefined();
    expect(screen.getByText(/Live dashboards for teams\./)).toBeDefined();
    expect(screen.getByText(/privacy-first tracker\./)).toBeDefined();
    const shot = screen.getByRole<HTMLImageElement>('img', { name: /A client's page/ });
    expect(shot.getAttribute('src')).toBe('/screenshots/demo-client.png');
    expect(screen.getByRole('link', { name: 'Read the methodology' }).getAttribute('href')).toBe('/methodology');
    expect(screen.queryByLabelText('Email')).toBeNull();
    expect(document.title).toBe('Glass-box social analytics for agencies · Zoom Factor');
    expect(api.apiCalls()).toEqual([]);
  });

  it.each([
    ['Create an account', 'Create account'],
    ['Log in', 'Log in'],
  ])('leads to the %s form', async (link, button) => {
    fakeApi({});
    const { user } = renderApp('/');

    await user.click(await screen.findByRole('link', { name: link }));

    expect(await screen.findByRole('button', { name: button })).toBeDefined();
  });

  it('sends a signed-in person to the clients instead', async () => {
    fakeApi({ 'GET /api/clients': () => json(200, []) });
    renderApp('/', { session: sessionFor('owner') });

    expect(await screen.findByRole('heading', { name: 'Clients' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'Create an account' })).toBeNull();
  });
});
