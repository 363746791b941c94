import { useEffect, type ReactNode } from 'react';
import { sessionStore, type SessionStore } from './session.ts';
import { SessionContext } from './SessionContext.ts';

type Props = {
  /** Tests pass their own store; the app uses the module's one. */
  store?: SessionStore;
  children: ReactNode;
};

/** Provides the session store and restores the session on startup. */
export function SessionProvider({ store = sessionStore, children }: Props) {
  useEffect(() => {
    void store.start();
    return store.followOtherTabs();
  }, [store]);

  return <SessionContext value={store}>{children}</SessionContext>;
}
