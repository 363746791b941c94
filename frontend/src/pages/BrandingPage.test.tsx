import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Branding, BrandingRequest } from '../api/types.ts';
import { apiError, fakeApi, json, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';
import { logoProblem, MAX_LOGO_BYTES } from './BrandingPage.tsx';

const DEFAULTS: Branding = {
  name: 'Analytical Agency',
  customName: null,
  colour: null,
  footer: null,
  poweredBy: true,
  logo: null,
};

describe('logoProblem', () => {
  it('takes PNG and SVG files up to the server limit only', () => {
    expect(logoProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(logoProblem({ type: 'image/svg+xml', size: MAX_LOGO_BYTES })).toBeNull();
    expect(logoProblem({ type: 'image/png', size: MAX_LOGO_BYTES + 1 })).toContain('256 KB');
    expect(logoProblem({ type: 'image/gif', size: 10 })).toContain('PNG or SVG');
  });
});

describe('BrandingPage', () => {
  it('saves the name, colour, footer and powered-by an owner sets', async () => {
    const api = fakeApi({
      'GET /api/agency/branding': () => json(200, DEFAULTS),
      'PUT /api/agency/branding': ({ body }) => {
        const b = body as BrandingRequest;
        return json(200, { ...DEFAULTS, name: b.name ?? DEFAULTS.name, customName: b.name ?? null, colour: b.colour ?? null,
          footer: b.footer ?? null, poweredBy: b.poweredBy });
      },
    });
    const { user } = renderApp('/branding', { session: sessionFor('owner') });
    const panel = await screen.findByRole('region', { name: 'Branding' });
    // the form appears once the branding is loaded
    await user.type(await within(panel).findByLabelText('Name shown to clients'), 'Northwind Studio');
    const colour = within(panel).getByLabelText('Brand colour');
    await user.clear(colour);
    await user.type(colour, 'red');
    await user.click(within(panel).getByRole('button', { name: 'Save branding' }));
    expect(within(panel).getByRole('alert').textContent).toContain('#1f5fa8');
    expect(api.to('PUT /api/agency/branding')).toHaveLength(0);

    await user.clear(colour);
    await user.type(colour, '#aa3300');
    await user.type(within(panel).getByLabelText('Report footer'), 'Confidential');
    await user.click(within(panel).getByLabelText('Show “Powered by Zoom Factor”'));
    await user.click(within(panel).getByRole('button', { name: 'Save branding' }));
    await waitFor(() => {
      expect(within(panel).getByRole('status').textContent).toBe('Branding saved.');
    });
    expect(api.to('PUT /api/agency/branding')[0]?.body).toEqual({
      name: 'Northwind Studio',
      colour: '#aa3300',
      footer: 'Confidential',
      poweredBy: false,
    });
  });

  it('uploads a logo as it is and shows what the server refused', async () => {
    let refuse = true;
    const api = fakeApi({
      'GET /api/agency/branding': () => json(200, DEFAULTS),
      'PUT /api/agency/branding/logo': () =>
        refuse
          ? apiError(422, 'The logo is not a readable PNG image')
          : json(200, { ...DEFAULTS, logo: { type: 'image/png', width: 120, height: 40, updatedAt: '2026-11-26T12:00:00Z' } }),
      'GET /api/agency/branding/logo': () => new Response(new Blob(['png']), { status: 200, headers: { 'Content-Type': 'image/png' } }),
    });
    const { user } = renderApp('/branding', { session: sessionFor('admin') });
    const panel = await screen.findByRole('region', { name: 'Branding' });
    const file = new File(['not really a png'], 'logo.png', { type: 'image/png' });
    await user.upload(await within(panel).findByLabelText('Upload a logo'), file);
    expect((await within(panel).findByRole('alert')).textContent).toBe('The logo is not a readable PNG image');
    refuse = false;
    await user.upload(within(panel).getByLabelText('Upload a logo'), file);
    expect(await within(panel).findByText('PNG · 120×40')).toBeDefined();
    const sent = api.to('PUT /api/agency/branding/logo')[1];
    expect(sent?.headers.get('Content-Type')).toBe('image/png');
  });

  it('tells analysts that only owners and admins change it', async () => {
    fakeApi({ 'GET /api/agency/branding': () => json(200, DEFAULTS) });
    renderApp('/branding', { session: sessionFor('analyst') });
    expect(await screen.findByText(/Only owners and admins/)).toBeDefined();
  });
});
