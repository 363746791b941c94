import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../api/endpoints.ts';
import type { Annotation } from '../api/types.ts';
import { SessionStore } from '../auth/session.ts';
import { SessionProvider } from '../auth/SessionProvider.tsx';
import { useLiveClients } from '../live/LiveContext.ts';
import { LiveProvider } from '../live/LiveProvider.tsx';
import { fakeApi, json, memoryStorage, sessionFor } from '../test/fakeApi.ts';
import { fakeLive } from '../test/fakeSocket.ts';
import { queryKeys } from './keys.ts';
import { LiveCacheBridge } from './LiveCacheBridge.tsx';
import { QueryProvider } from './QueryProvider.tsx';
import { useApiQuery } from './useApiQuery.ts';

const C = 'c-1';

const note = (id: string, date: string, text: string) =>
  ({ id, clientId: C, date, text, metric: null, createdAt: `${date}T09:00:00Z`, updatedAt: `${date}T09:00:00Z` }) as Annotation;

/** A screen that follows the client without handling its events, and shows the annotations it reads. */
function Annotations() {
  useLiveClients([C], {});
  const { data } = useApiQuery(queryKeys.annotations(C), (request, signal) => api.listAnnotations(request, C, {}, signal));
  return <ul aria-label="Annotations">{data?.map((a) => <li key={a.id}>{a.text}</li>)}</ul>;
}

function renderWithLive() {
  const store = new SessionStore(memoryStorage());
  store.setSession(sessionFor('analyst'));
  const fake = fakeLive();
  render(
    <SessionProvider store={store}>
      <QueryProvider retryDelayMs={0}>
        <LiveProvider factory={() => fake.live}>
          <LiveCacheBridge />
          <Annotations />
        </LiveProvider>
      </QueryProvider>
    </SessionProvider>,
  );
  return fake;
}

describe('LiveCacheBridge', () => {
  it('puts what a live event carries on the screens that read its key, and reads everything again after a reset', async () => {
    const server = fakeApi({ [`GET /api/clients/${C}/annotations`]: () => json(200, [note('a-1', '2026-12-01', 'Launch')]) });
    const fake = renderWithLive();
    expect(await screen.findByText('Launch')).toBeDefined();
    await waitFor(() => {
      expect(fake.last()).toBeDefined();
    });
    const socket = fake.last();
    if (socket === undefined) {
      throw new Error('no socket');
    }
    act(() => {
      socket.open();
      socket.receive({ type: 'subscribed', clientId: C, seq: 1 });
      socket.receive({ type: 'event', clientId: C, seq: 2, kind: 'annotation', data: { action: 'created', annotation: note('a-2', '2026-12-05', 'Sale') } });
    });
    await waitFor(() => {
      expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Sale', 'Launch']);
    });
    expect(server.to(`GET /api/clients/${C}/annotations`)).toHaveLength(1); // no second read

    act(() => {
      socket.receive({ type: 'reset', clientId: C, seq: 9 });
    });
    await waitFor(() => {
      expect(server.to(`GET /api/clients/${C}/annotations`)).toHaveLength(2);
    });
    expect(await screen.findByText('Launch')).toBeDefined();
    await waitFor(() => {
      expect(screen.queryByText('Sale')).toBeNull(); // the server's list wins
    });
  });
});
