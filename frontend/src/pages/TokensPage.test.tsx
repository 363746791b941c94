import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiToken, CreatedApiToken, CreateApiTokenRequest } from '../api/types.ts';
import { apiError, fakeApi, json, noContent, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';
import { endOfDayInstant } from './TokensPage.tsx';

const ci: ApiToken = {
  id: 't-ci',
  name: 'CI export',
  prefix: 'zf_ab12',
  scopes: ['read'],
  createdAt: '2026-01-01T00:00:00Z',
  expiresAt: null,
  lastUsedAt: null,
};

function tokensServer(extra: Parameters<typeof fakeApi>[0] = {}) {
  let n = 0;
  return fakeApi({
    'GET /api/tokens': () => json(200, [ci]),
    'POST /api/tokens': ({ body }) => {
      const b = body as CreateApiTokenRequest;
      n += 1;
      const token: CreatedApiToken = {
        id: `t-${n}`,
        name: b.name,
        prefix: `zf_new${n}`,
        scopes: b.scopes,
        createdAt: '2026-03-01T00:00:00Z',
        expiresAt: b.expiresAt ?? null,
        lastUsedAt: null,
        token: `zf_new${n}_THE_SECRET`,
      };
      return json(201, token);
    },
    ...extra,
  });
}

describe('endOfDayInstant', () => {
  it('is the last millisecond of that day in the local time zone', () => {
    const instant = new Date(endOfDayInstant('2030-06-15'));
    expect([instant.getFullYear(), instant.getMonth() + 1, instant.getDate()]).toEqual([2030, 6, 15]);
    expect([instant.getHours(), instant.getMinutes(), instant.getSeconds()]).toEqual([23, 59, 59]);
  });
});

describe('TokensPage', () => {
  it('lists tokens with prefix, scopes, "never" used and no expiry', async () => {
    tokensServer();

    renderApp('/tokens', { session: sessionFor('admin') });

    const row = (await screen.findByText('CI export')).closest('tr');
    expect(row).not.toBeNull();
    const cells = within(row as HTMLElement).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 5)).toEqual(['CI export', 'zf_ab12…', 'read', 'never', 'never']);
    expect(screen.getByRole('button', { name: 'Revoke CI export' })).toBeDefined();
  });

  it.each(['analyst', 'viewer'] as const)('tells a %s that only owners and admins manage tokens', async (role) => {
    const api = tokensServer();

    renderApp('/tokens', { session: sessionFor(role) });

    expect(await screen.findByText('Only owners and admins can manage API tokens.')).toBeDefined();
    expect(api.to('GET /api/tokens')).toHaveLength(0);
  });

  it('creates a token and shows its secret once', async () => {
    const api = tokensServer();
    const { user } = renderApp('/tokens', { session: sessionFor('owner') });
    await screen.findByText('CI export');

    await user.type(screen.getByLabelText('Token name'), 'Reporting');
    await user.click(screen.getByLabelText('metrics:write'));
    await user.click(screen.getByLabelText('read'));
    fireEvent.change(screen.getByLabelText('Expires on'), { target: { value: '2030-06-15' } });
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const secret = await screen.findByTestId('new-token');
    expect(secret.textContent).toBe('zf_new1_THE_SECRET');
    expect(screen.getByText('Copy it now: it will not be shown again')).toBeDefined();
    expect(api.to('POST /api/tokens')[0]?.body).toEqual({
      name: 'Reporting',
      scopes: ['read', 'metrics:write'],
      expiresAt: endOfDayInstant('2030-06-15'),
    });
    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe('zf_new1_THE_SECRET');

    // Listed like the others, without the secret; the form is ready for another token.
    const row = screen.getByRole('button', { name: 'Revoke Reporting' }).closest('tr');
    expect(row?.textContent).toContain('zf_new1');
    expect(row?.textContent).not.toContain('THE_SECRET');
    expect(screen.getByLabelText<HTMLInputElement>('Token name').value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('read').checked).toBe(false);
  });

  it('shows each secret only once: not after another token is created, nor after leaving the page', async () => {
    tokensServer({ 'GET /api/clients': () => json(200, []) });
    const { user } = renderApp('/tokens', { session: sessionFor('owner') });
    await screen.findByText('CI export');

    await user.type(screen.getByLabelText('Token name'), 'First');
    await user.click(screen.getByLabelText('read'));
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByTestId('new-token')).textContent).toBe('zf_new1_THE_SECRET');

    await user.type(screen.getByLabelText('Token name'), 'Second');
    await user.click(screen.getByLabelText('admin'));
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    await waitFor(() => {
      expect(screen.getByTestId('new-token').textContent).toBe('zf_new2_THE_SECRET');
    });
    expect(document.body.textContent).not.toContain('zf_new1_THE_SECRET');

    await user.click(screen.getByRole('link', { name: 'Clients' }));
    await screen.findByRole('heading', { name: 'Clients' });
    await user.click(screen.getByRole('link', { name: 'API tokens' }));
    await screen.findByText('CI export');
    expect(screen.queryByTestId('new-token')).toBeNull();
    expect(document.body.textContent).not.toContain('THE_SECRET');
  });

  it('requires a scope before calling the server', async () => {
    const api = tokensServer();
    const { user } = renderApp('/tokens', { session: sessionFor('owner') });
    await screen.findByText('CI export');

    await user.type(screen.getByLabelText('Token name'), 'No scope');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one scope.');
    expect(api.to('POST /api/tokens')).toHaveLength(0);
  });

  it('shows a create error in an alert', async () => {
    tokensServer({ 'POST /api/tokens': () => apiError(400, 'expiresAt must be in the future') });
    const { user } = renderApp('/tokens', { session: sessionFor('owner') });
    await screen.findByText('CI export');

    await user.type(screen.getByLabelText('Token name'), 'Late');
    await user.click(screen.getByLabelText('read'));
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    expect((await screen.findByRole('alert')).textContent).toBe('expiresAt must be in the future');
    expect(screen.queryByTestId('new-token')).toBeNull();
  });

  it('revokes a token', async () => {
    const api = tokensServer({ 'DELETE /api/tokens/t-ci': () => noContent() });
    const { user } = renderApp('/tokens', { session: sessionFor('owner') });
    await screen.findByText('CI export');

    await user.click(screen.getByRole('button', { name: 'Revoke CI export' }));

    expect(await screen.findByText('No API tokens yet.')).toBeDefined();
    expect(api.to('DELETE /api/tokens/t-ci')).toHaveLength(1);
  });

  it('shows the last use and expiry dates when there are some', async () => {
    fakeApi({
      'GET /api/tokens': () => json(200, [{ ...ci, lastUsedAt: '2026-05-04T10:00:00Z', expiresAt: '2031-01-31T12:00:00Z' }]),
    });

    renderApp('/tokens', { session: sessionFor('owner') });

    const row = (await screen.findByText('CI export')).closest('tr') as HTMLElement;
    expect(row.textContent).not.toContain('never');
    expect(row.textContent).toContain('2031');
    expect(row.textContent).toContain('2026');
  });
});
