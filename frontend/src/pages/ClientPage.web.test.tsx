import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Site } from '../api/types.ts';
import { json, noContent } from '../test/fakeApi.ts';
import { fakeLive } from '../test/fakeSocket.ts';
import { clientPageServer, renderClientPage, todayIsNov26 } from '../test/clientPageFixtures.ts';

const SITE: Site = {
  id: 's-1',
  clientId: 'c-acme',
  domain: 'acme.example',
  siteKey: 'k_0123456789abcdef',
  snippet: '<script defer data-site="k_0123456789abcdef" src="https://zf.example/zf.js"></script>',
  returningVisitors: false,
  createdAt: '2026-11-01T09:00:00Z',
};

const FIGURES = { visitors: 120, visits: 150, pageviews: 300, bounceRate: 0.4, visitDuration: 65, pagesPerVisit: 2, timeOnPage: 30 };

function webServer(sites: Site[]) {
  return clientPageServer({
    'GET /api/clients/c-acme/sites': () => json(200, sites),
    'POST /api/clients/c-acme/sites': () => json(201, SITE),
    'DELETE /api/clients/c-acme/sites/s-1': () => noContent(),
    'PATCH /api/clients/c-acme/sites/s-1': () => json(200, { ...SITE, returningVisitors: true, snippet: SITE.snippet.replace('defer', 'defer data-returning="1"') }),
    'GET /api/clients/c-acme/web/stats': () =>
      json(200, {
        from: '2026-08-29',
        to: '2026-11-26',
        ...FIGURES,
        previous: { from: '2026-05-31', to: '2026-08-28', ...FIGURES, visitors: 100, bounceRate: 0.5 },
      }),
    'GET /api/clients/c-acme/web/breakdown': ({ query }) =>
      json(200, {
        by: query.get('by'),
        from: '2026-08-29',
        to: '2026-11-26',
        rows: query.get('by') === 'page' ? [{ value: '/pricing', visitors: 40, visits: 45, pageviews: 90 }] : [],
      }),
    'GET /api/clients/c-acme/web/realtime': () => json(200, { visitors: 1, pages: [{ path: '/pricing', visitors: 1 }] }),
  });
}

function panel(): HTMLElement {
  return screen.getByTestId('web-panel');
}

todayIsNov26();

describe('ClientPage: web', () => {
  it('adds a site and shows its snippet to copy, then deletes it', async () => {
    const api = webServer([]);
    renderClientPage('analyst', undefined, 'data');
    expect(await within(await screen.findByTestId('web-panel')).findByText(/No tracked site yet/)).toBeDefined();
    const user = userEvent.setup();
    await user.type(within(panel()).getByLabelText('Website domain'), 'acme.example');
    await user.click(within(panel()).getByRole('button', { name: 'Add site' }));
    expect((await within(panel()).findByTestId('site-snippet')).textContent).toBe(SITE.snippet);
    expect(api.to('POST /api/clients/c-acme/sites')[0]?.body).toEqual({ domain: 'acme.example' });
    expect(within(panel()).getByRole('button', { name: 'Copy snippet' })).toBeDefined();
    await user.click(within(panel()).getByRole('button', { name: 'Delete acme.example' }));
    await waitFor(() => {
      expect(within(panel()).queryByTestId('site-snippet')).toBeNull();
    });
  });

  it('turns returning visitors on, with the consent note', async () => {
    const api = webServer([SITE]);
    renderClientPage('analyst', undefined, 'data');
    const box = await within(await screen.findByTestId('web-panel')).findByLabelText('Recognise returning visitors');
    expect(box.getAttribute('aria-describedby')).not.toBeNull();
    expect(within(panel()).getByText(/needs the visitor’s\s+consent/)).toBeDefined();
    await userEvent.setup().click(box);
    await waitFor(() => {
      expect(within(panel()).getByTestId('site-snippet').textContent).toContain('data-returning="1"');
    });
    expect(api.to('PATCH /api/clients/c-acme/sites/s-1')[0]?.body).toEqual({ returningVisitors: true });
  });

  it('shows the figures against the period before, the breakdowns, and visitors now live', async () => {
    webServer([SITE]);
    const live = fakeLive();
    renderClientPage('viewer', live, 'website');
    const visitors = await within(await screen.findByTestId('web-panel')).findByTestId('web-visitors');
    expect(visitors.textContent).toContain('120');
    expect(visitors.textContent).toContain('+20.0% vs previous period');
    expect(within(panel()).getByTestId('web-bounceRate').textContent).toContain('40%');
    expect((await within(panel()).findByTestId('web-breakdown-page')).textContent).toContain('/pricing');
    expect((await within(panel()).findByTestId('visitors-now')).textContent).toBe('1 visitor now');
    // a viewer neither adds nor deletes sites
    expect(within(panel()).queryByRole('button', { name: /Delete/ })).toBeNull();
    await waitFor(() => {
      expect(live.last()).toBeDefined();
    });
    const socket = live.last();
    if (socket === undefined) {
      throw new Error('no socket');
    }
    act(() => {
      socket.open();
      socket.receive({ type: 'subscribed', clientId: 'c-acme', seq: 5 });
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'web', data: { visitors: 3, pages: [{ path: '/', visitors: 3 }] } });
    });
    // the live bridge puts it in the cache; the cache tells its screens a moment later
    await waitFor(() => {
      expect(within(panel()).getByTestId('visitors-now').textContent).toBe('3 visitors now');
    });
  });
});
