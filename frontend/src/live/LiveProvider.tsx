import { useEffect, useMemo, type ReactNode } from 'react';
import type { Requester } from '../api/endpoints.ts';
import { api } from '../api/endpoints.ts';
import { useSessionState, useSessionStore } from '../auth/SessionContext.ts';
import { LiveConnection } from './LiveConnection.ts';
import { LiveContext } from './LiveContext.ts';

/** Makes the connection of a signed-in session; null for none (tests that do not exercise it). */
export type LiveFactory = (request: Requester) => LiveConnection | null;

export const defaultLiveFactory: LiveFactory = (request) =>
  new LiveConnection({ getTicket: async () => (await api.liveTicket(request)).ticket });

type Props = { factory?: LiveFactory; children: ReactNode };

/** One live connection per signed-in session of this tab: opened on sign-in, closed on sign-out. */
export function LiveProvider({ factory = defaultLiveFactory, children }: Props) {
  const state = useSessionState();
  const store = useSessionStore();
  const userKey = state.status === 'authenticated' ? `${state.session.user.id}|${state.session.agency.id}` : null;
  // Made (not opened) per signed-in person; the effect opens it and closes it on sign-out.
  const live = useMemo(() => (userKey === null ? null : factory(store.request)), [userKey, factory, store]);

  useEffect(() => {
    if (live === null) {
      return;
    }
    live.start();
    return () => {
      live.stop();
    };
  }, [live]);

  return <LiveContext value={live}>{children}</LiveContext>;
}
