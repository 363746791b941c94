import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Client, CreatedInvitation, Invitation, Member, Role } from '../api/types.ts';
import { apiError, fakeApi, json, noContent, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';

const ada: Member = { userId: 'u-1', email: 'ada@agency.test', name: 'Ada Lovelace', role: 'owner', clientId: null, joinedAt: '2026-01-01T00:00:00Z' };
const bob: Member = { userId: 'u-2', email: 'bob@agency.test', name: 'Bob', role: 'analyst', clientId: null, joinedAt: '2026-02-01T00:00:00Z' };
const acme: Client = { id: 'c-acme', name: 'Acme', website: null, timeZone: 'UTC', channels: [], demo: false, createdAt: '', updatedAt: '', score: null };
const pending: Invitation = { id: 'inv-1', email: 'old@agency.test', role: 'analyst', clientId: null, expiresAt: '2030-01-01T00:00:00Z', createdAt: '2026-01-01T00:00:00Z' };

function membersServer(extra: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /api/members': () => json(200, [ada, bob]),
    'GET /api/members/invitations': () => json(200, [pending]),
    'GET /api/clients': () => json(200, [acme]),
    ...extra,
  });
}

function created(body: { email: string; role: Role; clientId?: string }): CreatedInvitation {
  return {
    id: 'inv-new',
    email: body.email,
    role: body.role,
    clientId: body.clientId ?? null,
    expiresAt: '2030-02-01T00:00:00Z',
    createdAt: '2026-03-01T00:00:00Z',
    token: 'secret-invite-token',
    acceptUrl: 'https://zoom.test/accept-invitation#secret-invite-token',
    emailed: false,
    mail: { configured: false },
  };
}

describe('MembersPage', () => {
  it('lists members with name, email and role', async () => {
    membersServer();

    renderApp('/members', { session: sessionFor('owner') });

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('Ada Lovelace'),
      expect.stringContaining('Bob'),
    ]);
    expect(rows[1]?.textContent).toContain('bob@agency.test');
    expect(screen.getByLabelText<HTMLSelectElement>('Role of bob@agency.test').value).toBe('analyst');
    expect(screen.getByRole('button', { name: 'Remove bob@agency.test' })).toBeDefined();
  });

  it.each(['analyst', 'viewer'] as const)('tells a %s that only owners and admins manage members, without calling the API', async (role) => {
    const api = membersServer();

    renderApp('/members', { session: sessionFor(role) });

    expect(await screen.findByText('Only owners and admins can manage members.')).toBeDefined();
    expect(api.to('GET /api/members')).toHaveLength(0);
  });

  it.each([
    { name: 'an agency-wide analyst', role: 'analyst', client: 'All clients', sent: { email: 'new@agency.test', role: 'analyst' } },
    { name: 'a client viewer', role: 'viewer', client: 'Acme', sent: { email: 'new@agency.test', role: 'viewer', clientId: 'c-acme' } },
  ])('invites $name and shows the accept link to copy', async ({ role, client, sent }) => {
    const api = membersServer({
      'POST /api/members/invitations': ({ body }) => json(201, created(body as { email: string; role: Role })),
    });
    const { user } = renderApp('/members', { session: sessionFor('admin') });
    await screen.findByRole('table');

    await user.type(screen.getByLabelText('Email'), 'new@agency.test');
    await user.selectOptions(screen.getByLabelText('Role', { exact: true }), role);
    await user.selectOptions(screen.getByLabelText('Client'), client);
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    const link = await screen.findByTestId('invitation-link');
    expect(link.textContent).toBe('https://zoom.test/accept-invitation#secret-invite-token');
    expect(api.to('POST /api/members/invitations')[0]?.body).toEqual(sent);
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe('https://zoom.test/accept-invitation#secret-invite-token');
    expect(await screen.findByText('Copied')).toBeDefined();
    // The new invitation joins the pending list (without its secret).
    const list = screen.getByRole('list', { name: 'Pending invitations' });
    expect(within(list).getByText('new@agency.test')).toBeDefined();
    expect(list.textContent).not.toContain('secret-invite-token');
  });

  it.each([
    { emailed: true, configured: true, says: 'created and e-mailed to them' },
    { emailed: false, configured: false, says: '(this server sends no e-mail)' },
  ])('says whether the invitation was e-mailed ($says), the link copyable either way', async ({ emailed, configured, says }) => {
    membersServer({
      'POST /api/members/invitations': ({ body }) =>
        json(201, { ...created(body as { email: string; role: Role }), emailed, mail: { configured } }),
    });
    const { user } = renderApp('/members', { session: sessionFor('owner') });
    await screen.findByRole('table');

    await user.type(screen.getByLabelText('Email'), 'new@agency.test');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    expect((await screen.findByTestId('invitation-link')).textContent).toContain('#secret-invite-token');
    expect(screen.getByText(new RegExp(says.replace(/[()]/g, '\\$&'))).textContent).toContain('new@agency.test');
  });

  it('makes a person invited for one client a viewer', async () => {
    membersServer();
    const { user } = renderApp('/members', { session: sessionFor('owner') });
    await screen.findByRole('table');
    const role = screen.getByLabelText<HTMLSelectElement>('Role', { exact: true });
    const client = screen.getByLabelText<HTMLSelectElement>('Client');

    await user.selectOptions(role, 'admin');
    await user.selectOptions(client, 'Acme');
    expect(role.value).toBe('viewer');

    await user.selectOptions(role, 'analyst');
    expect(client.value).toBe('');
  });

  it('shows an invitation error in an alert', async () => {
    membersServer({ 'POST /api/members/invitations': () => apiError(409, 'bob@agency.test is already a member') });
    const { user } = renderApp('/members', { session: sessionFor('owner') });
    await screen.findByRole('table');

    await user.type(screen.getByLabelText('Email'), 'bob@agency.test');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    expect((await screen.findByRole('alert')).textContent).toBe('bob@agency.test is already a member');
    expect(screen.queryByTestId('invitation-link')).toBeNull();
  });

  it('changes a role', async () => {
    const api = membersServer({ 'PATCH /api/members/u-2': () => json(200, { ...bob, role: 'admin' }) });
    const { user } = renderApp('/members', { session: sessionFor('owner') });
    await screen.findByRole('table');

    await user.selectOptions(screen.getByLabelText('Role of bob@agency.test'), 'admin');

    await waitFor(() => {
      expect(api.to('PATCH /api/members/u-2')[0]?.body).toEqual({ role: 'admin', clientId: null });
    });
    expect(screen.getByLabelText<HTMLSelectElement>('Role of bob@agency.test').value).toBe('admin');
  });

  it('keeps the role shown by the server when a change is refused', async () => {
    membersServer({ 'PATCH /api/members/u-1': () => apiError(409, 'An agency needs at least one owner') });
    const { user } = renderApp('/members', { session: sessionFor('owner') });
    await screen.findByRole('table');

    await user.selectOptions(screen.getByLabelText('Role of ada@agency.test'), 'viewer');

    expect((await screen.findByRole('alert')).textContent).toBe('An agency needs at least one owner');
    expect(screen.getByLabelText<HTMLSelectElement>('Role of ada@agency.test').value).toBe('owner');
  });

  it('removes a member', async () => {
    const api = membersServer({ 'DELETE /api/members/u-2': () => noContent() });
    const { user } = renderApp('/members', { session: sessionFor('owner') });
    await screen.findByRole('table');

    await user.click(screen.getByRole('button', { name: 'Remove bob@agency.test' }));

    await waitFor(() => {
      expect(screen.queryByText('bob@agency.test')).toBeNull();
    });
    expect(api.to('DELETE /api/members/u-2')).toHaveLength(1);
  });

  it('revokes a pending invitation', async () => {
    const api = membersServer({ 'DELETE /api/members/invitations/inv-1': () => noContent() });
    const { user } = renderApp('/members', { session: sessionFor('owner') });
    const list = await screen.findByRole('list', { name: 'Pending invitations' });

    await user.click(within(list).getByRole('button', { name: 'Revoke invitation for old@agency.test' }));

    expect(await screen.findByText('No pending invitations.')).toBeDefined();
    expect(api.to('DELETE /api/members/invitations/inv-1')).toHaveLength(1);
  });
});
