import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes, preloadPages } from '../App.tsx';
import { SessionStore } from '../auth/session.ts';
import { SessionProvider } from '../auth/SessionProvider.tsx';
import type { AuthSession } from '../api/types.ts';
import { memoryStorage } from './fakeApi.ts';
import { LiveProvider, type LiveFactory } from '../live/LiveProvider.tsx';
import { LiveCacheBridge } from '../query/LiveCacheBridge.tsx';
import { QueryProvider } from '../query/QueryProvider.tsx';

// every page's script is here before a test renders one: a test sees the page it opened, not a frame of "Loading the page…"
await preloadPages();

type Options = {
  /** Signed in with this session; signed out (no startup refresh) when absent. */
  session?: AuthSession;
  /** A store the test built itself (wins over `session`). */
  store?: SessionStore;
  /** Makes the live connection once signed in; none by default (the pages then work without live updates). */
  live?: LiveFactory;
};

const NO_LIVE: LiveFactory = () => null;

/** Renders the whole app (header, routes, footer) at `path`, with an in-memory router and session. */
export function renderApp(path: string, { session, store, live = NO_LIVE }: Options = {}) {
  const sessionStore = store ?? new SessionStore(memoryStorage());
  if (store === undefined && session !== undefined) {
    sessionStore.setSession(session);
  }
  const user = userEvent.setup();
  const view = render(
    <SessionProvider store={sessionStore}>
      <QueryProvider retryDelayMs={0}>
        <LiveProvider factory={live}>
          <LiveCacheBridge />
          <MemoryRouter initialEntries={[path]}>
            <AppRoutes healthPollMs={60_000} />
          </MemoryRouter>
        </LiveProvider>
      </QueryProvider>
    </SessionProvider>,
  );
  return { ...view, user, store: sessionStore };
}
