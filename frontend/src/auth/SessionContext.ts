import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Authorized, Requester } from '../api/endpoints.ts';
import type { AuthSession, Role } from '../api/types.ts';
import { sessionStore, type SessionState, type SessionStore } from './session.ts';

export const SessionContext = createContext<SessionStore>(sessionStore);

/** The session store the app (or a test) provides. */
export function useSessionStore(): SessionStore {
  return useContext(SessionContext);
}

/** The current session state; re-renders on sign-in, sign-out and refresh. */
export function useSessionState(): SessionState {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/** The signed-in session; only for components rendered behind `RequireAuth`. */
export function useSession(): AuthSession {
  const state = useSessionState();
  if (state.status !== 'authenticated') {
    throw new Error('useSession() needs a signed-in session (render the component inside <RequireAuth>)');
  }
  return state.session;
}

/** The authenticated fetch to pass to `api.*`. */
export function useApi(): Requester {
  return useSessionStore().request;
}

/** The session store's `authorized`, for calls that do not go through fetch (uploads). */
export function useAuthorized(): Authorized {
  return useSessionStore().authorized;
}

/** Roles that may create and edit clients. */
export function canWriteClients(role: Role): boolean {
  return role === 'owner' || role === 'admin' || role === 'analyst';
}

/** Roles that may delete clients and manage members and API tokens. */
export function isManager(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/**
 * Whether a session may add data points and import files: not a viewer, and not a client viewer
 * (a session limited to one client); the server answers 403 to those.
 */
export function canWriteMetrics(session: Pick<AuthSession, 'role' | 'clientId'>): boolean {
  return session.role !== 'viewer' && session.clientId === null;
}
