import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NotificationPreferences, NotificationPreferencesWrite } from '../api/types.ts';
import { fakeApi, json } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';
import { sessionFor } from '../test/fakeApi.ts';

function preferences(configured: boolean): NotificationPreferences {
  return { topics: { mention: 'email', alert: 'email', goal: 'email' }, mail: { configured }, digestHourUtc: 8 };
}

describe('NotificationSettingsPage', () => {
  it('shows the choices and saves a change', async () => {
    const api = fakeApi({
      'GET /api/notifications': () => json(200, []),
      'GET /api/me/notification-preferences': () => json(200, preferences(true)),
      'PUT /api/me/notification-preferences': ({ body }) => {
        const b = body as NotificationPreferencesWrite;
        return json(200, { ...preferences(true), topics: { ...preferences(true).topics, ...b.topics } });
      },
    });
    const { user } = renderApp('/settings/notifications', { session: sessionFor('analyst') });

    const alerts = await screen.findByLabelText('When an alert fires');
    expect((alerts as HTMLSelectElement).value).toBe('email');
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByText(/08:00 UTC/)).toBeDefined();
    await user.selectOptions(alerts, 'digest');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => {
      expect(api.to('PUT /api/me/notification-preferences')).toHaveLength(1);
    });
    expect(api.to('PUT /api/me/notification-preferences')[0]?.body).toEqual({
      topics: { mention: 'email', alert: 'digest', goal: 'email' },
    });
    expect(await screen.findByText('Saved.')).toBeDefined();
  });

  it('says so when the server sends no e-mail', async () => {
    fakeApi({
      'GET /api/notifications': () => json(200, []),
      'GET /api/me/notification-preferences': () => json(200, preferences(false)),
    });
    renderApp('/settings/notifications', { session: sessionFor('viewer') });

    expect((await screen.findByRole('note')).textContent).toContain('does not send e-mail');
  });
});
