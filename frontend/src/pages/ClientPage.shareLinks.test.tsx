import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role, ShareLink } from '../api/types.ts';
import { apiError, fakeApi, json, noContent } from '../test/fakeApi.ts';
import { fakeLive } from '../test/fakeSocket.ts';

import { clientPageServer, renderClientPage, todayIsNov26 } from '../test/clientPageFixtures.ts';

function link(id: string, overrides: Partial<ShareLink> = {}): ShareLink {
  return {
    id,
    clientId: 'c-acme',
    createdAt: '2026-11-20T09:00:00Z',
    createdBy: { id: 'u-ann', name: 'Ann Analyst' },
    expiresAt: null,
    passwordProtected: false,
    revokedAt: null,
    status: 'active',
    shows: { score: true, metrics: null, annotations: 'public', goals: true, defaultDays: 90 },
    ...overrides,
  };
}

type Routes = Parameters<typeof fakeApi>[0];

function server(extra: Routes = {}, links: ShareLink[] = [link('l-1', { passwordProtected: true, expiresAt: '2026-12-31T23:59:59Z' })]) {
  return clientPageServer({
    'GET /api/clients/c-acme/share-links': () => json(200, links),
    ...extra,
  });
}

function panel(): HTMLElement {
  return screen.getByRole('region', { name: 'Share links' });
}

async function openPage(role: Role, live?: ReturnType<typeof fakeLive>) {
  const view = renderClientPage(role, live, 'collaboration');
  await screen.findByRole('heading', { name: 'Acme', level: 2 });
  return view;
}

todayIsNov26();

describe('ClientPage: share links', () => {
  it('lists the links with who made them, expiry, password and status', async () => {
    server({}, [link('l-2', { status: 'revoked', revokedAt: '2026-11-25T10:00:00Z' }), link('l-1', { passwordProtected: true, expiresAt: '2026-12-31T23:59:59Z' })]);
    await openPage('analyst');
    const active = await within(panel()).findByTestId('share-link-l-1');
    expect(active.textContent).toContain('Ann Analyst');
    expect(active.textContent).toContain('yes');
    expect(active.textContent).toContain('Active');
    expect(within(active).getByRole('button', { name: /^Revoke the share link/ })).toBeDefined();
    const revoked = within(panel()).getByTestId('share-link-l-2');
    expect(revoked.textContent).toContain('Revoked');
    expect(within(revoked).queryByRole('button')).toBeNull();
  });

  it('is not offered to viewers, who do not load the list either', async () => {
    const api = server();
    await openPage('viewer');
    expect(screen.queryByRole('region', { name: 'Share links' })).toBeNull();
    expect(api.to('GET /api/clients/c-acme/share-links')).toHaveLength(0);
  });

  it('creates a link with an expiry and a password, and shows its address once with a copy button', async () => {
    const api = server(
      {
        'DELETE /api/clients/c-acme/share-links/l-9': () => noContent(),
        'POST /api/clients/c-acme/share-links': () =>
          json(201, {
            id: 'l-9',
            clientId: 'c-acme',
            url: '/shared/zfs_secret',
            token: 'zfs_secret',
            createdAt: '2026-11-26T12:00:00Z',
            expiresAt: '2026-12-01T22:59:59.999Z',
            passwordProtected: true,
            shows: { score: true, metrics: null, annotations: 'public', goals: true, defaultDays: 90 },
          }),
      },
      [],
    );
    const { user } = await openPage('analyst');
    expect(await within(panel()).findByText('No share links yet.')).toBeDefined();

    await user.type(within(panel()).getByLabelText('Password'), 'short');
    await user.click(within(panel()).getByRole('button', { name: 'Create share link' }));
    expect(within(panel()).getByRole('alert').textContent).toContain('8');
    expect(api.to('POST /api/clients/c-acme/share-links')).toHaveLength(0);

    await user.type(within(panel()).getByLabelText('Password'), ' and longer');
    await user.type(within(panel()).getByLabelText('Expires on'), '2026-12-01');
    await user.click(within(panel()).getByRole('button', { name: 'Create share link' }));

    const address = await within(panel()).findByTestId('new-share-link');
    expect(address.textContent).toBe(`${window.location.origin}/shared/zfs_secret`);
    expect(within(panel()).getByRole('button', { name: 'Copy link' })).toBeDefined();
    const body = api.to('POST /api/clients/c-acme/share-links')[0]?.body as {
      expiresAt: string;
      password: string;
      shows: unknown;
      defaultDays: number;
    };
    expect(body.password).toBe('short and longer');
    // nothing chosen: the score, every metric (null, so that later ones show too), public annotations, goals
    expect(body.shows).toEqual({ score: true, goals: true, annotations: 'public', metrics: null });
    expect(body.defaultDays).toBe(90);
    expect(new Date(body.expiresAt).getTime()).toBe(new Date(2026, 11, 1, 23, 59, 59, 999).getTime());
    const row = within(panel()).getByTestId('share-link-l-9');
    expect(row.textContent).toContain('yes');
    expect(row.textContent).toContain('Active');

    // revoked, its address is no use: it is not kept on screen
    await user.click(within(row).getByRole('button', { name: /^Revoke/ }));
    await user.click(within(row).getByRole('button', { name: 'Confirm revoke' }));
    await waitFor(() => {
      expect(within(panel()).queryByTestId('new-share-link')).toBeNull();
    });
  });

  it('chooses what a link shows: no score, some metrics, every annotation, its period', async () => {
    const api = server(
      {
        'POST /api/clients/c-acme/share-links': () =>
          json(201, {
            id: 'l-8',
            clientId: 'c-acme',
            url: '/shared/zfs_other',
            token: 'zfs_other',
            createdAt: '2026-11-26T12:00:00Z',
            expiresAt: null,
            passwordProtected: false,
            shows: { score: false, metrics: ['web.pageviews'], annotations: 'all', goals: true, defaultDays: 30 },
          }),
      },
      [],
    );
    const { user } = await openPage('analyst');
    expect(await within(panel()).findByText('No share links yet.')).toBeDefined();
    await user.click(within(panel()).getByLabelText('Score and its explanation'));
    const metrics = within(panel()).getByRole('group', { name: 'Metrics' });
    const boxes = within(metrics).getAllByRole('checkbox');
    expect(boxes.length).toBeGreaterThan(1);
    const kept = boxes.find((box) => within(metrics).getByText('Page views').getAttribute('for') === box.id);
    for (const box of boxes) {
      if (box !== kept) {
        await user.click(box);
      }
    }
    await user.selectOptions(within(panel()).getByLabelText('Annotations'), 'all');
    await user.selectOptions(within(panel()).getByLabelText('Opens on'), '30');
    await user.click(within(panel()).getByRole('button', { name: 'Create share link' }));
    await within(panel()).findByTestId('new-share-link');
    const body = api.to('POST /api/clients/c-acme/share-links')[0]?.body as { shows: unknown; defaultDays: number };
    expect(body.shows).toEqual({ score: false, goals: true, annotations: 'all', metrics: ['web.pageviews'] });
    expect(body.defaultDays).toBe(30);
    expect(within(panel()).getByTestId('share-link-l-8').textContent).toContain('Page views · all annotations · goals');
  });

  it('revokes a link, and shows the server refusing', async () => {
    let refuse = true;
    const api = server({
      'DELETE /api/clients/c-acme/share-links/l-1': () => (refuse ? apiError(403, 'Your role does not allow this') : noContent()),
    });
    const { user } = await openPage('analyst');
    const row = await within(panel()).findByTestId('share-link-l-1');
    await user.click(within(row).getByRole('button', { name: /^Revoke/ }));
    const confirm = within(row).getByRole('group', { name: /^Confirm revoking the share link created / });
    expect(confirm.textContent).toContain('Whoever holds it loses access at once.');
    await user.click(within(confirm).getByRole('button', { name: 'Confirm revoke' }));
    expect((await within(row).findByRole('alert')).textContent).toBe('Your role does not allow this');
    refuse = false;
    await user.click(within(row).getByRole('button', { name: 'Confirm revoke' }));
    expect(await within(panel()).findByText(/^Revoked/)).toBeDefined();
    expect(within(panel()).getByRole('status').textContent).toBe('Share link revoked.');
    expect(within(within(panel()).getByTestId('share-link-l-1')).queryByRole('button')).toBeNull();
    expect(api.to('DELETE /api/clients/c-acme/share-links/l-1')).toHaveLength(2);
  });

  it('applies live share_link events: a colleague creates one, then revokes it', async () => {
    server({}, []);
    const live = fakeLive();
    await openPage('analyst', live);
    expect(await within(panel()).findByText('No share links yet.')).toBeDefined();
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
    });
    const fresh = link('l-5', { createdBy: { id: 'u-bob', name: 'Bob' } });
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'share_link', data: { action: 'created', link: fresh } });
    });
    expect((await within(panel()).findByTestId('share-link-l-5')).textContent).toContain('Bob');
    act(() => {
      socket.receive({
        type: 'event',
        clientId: 'c-acme',
        seq: 7,
        kind: 'share_link',
        data: { action: 'revoked', link: { ...fresh, status: 'revoked', revokedAt: '2026-11-26T12:00:00Z' } },
      });
    });
    await waitFor(() => {
      expect(within(panel()).getByTestId('share-link-l-5').textContent).toContain('Revoked');
    });
  });

  it('changes what a link shows in place, and shows the server refusing', async () => {
    let refuse = true;
    const api = server({
      'PATCH /api/clients/c-acme/share-links/l-1': ({ body }) => {
        if (refuse) {
          return apiError(409, 'This share link is revoked; make a new one instead');
        }
        const { shows, defaultDays } = body as { shows: object; defaultDays: number };
        return json(200, link('l-1', { passwordProtected: true, expiresAt: '2026-12-31T23:59:59Z', shows: { ...link('l-1').shows, ...shows, defaultDays } }));
      },
    });
    const { user } = await openPage('analyst');
    const row = await within(panel()).findByTestId('share-link-l-1');
    await user.click(within(row).getByRole('button', { name: /^Edit the share link created/ }));
    // the form holds the link's present choice, and has focus
    const score = within(row).getByLabelText<HTMLInputElement>('Score and its explanation');
    expect(score.checked).toBe(true);
    expect(document.activeElement).toBe(score);
    await user.click(score);
    await user.selectOptions(within(row).getByLabelText('Annotations'), 'none');
    await user.selectOptions(within(row).getByLabelText('Opens on'), '30');
    await user.click(within(row).getByRole('button', { name: 'Save share link' }));
    expect((await within(row).findByRole('alert')).textContent).toBe('This share link is revoked; make a new one instead');
    refuse = false;
    await user.click(within(row).getByRole('button', { name: 'Save share link' }));
    await waitFor(() => {
      expect(within(panel()).getByTestId('share-link-l-1').textContent).toContain('all metrics · no annotations · goals · opens on 30 days');
    });
    const body = api.to('PATCH /api/clients/c-acme/share-links/l-1')[1]?.body;
    expect(body).toEqual({ shows: { score: false, goals: true, annotations: 'none', metrics: null }, defaultDays: 30 });
    expect(within(panel()).getByRole('status').textContent).toContain('Share link saved');
    expect(within(within(panel()).getByTestId('share-link-l-1')).queryByRole('button', { name: 'Save share link' })).toBeNull();
  });

  it('applies a colleague changing a link live', async () => {
    server({}, [link('l-5')]);
    const live = fakeLive();
    await openPage('analyst', live);
    await within(panel()).findByTestId('share-link-l-5');
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
      socket.receive({
        type: 'event',
        clientId: 'c-acme',
        seq: 6,
        kind: 'share_link',
        data: { action: 'updated', link: link('l-5', { shows: { score: true, metrics: null, annotations: 'all', goals: false, defaultDays: 7 } }) },
      });
    });
    await waitFor(() => {
      expect(within(panel()).getByTestId('share-link-l-5').textContent).toContain('all annotations · opens on 7 days');
    });
  });
});
