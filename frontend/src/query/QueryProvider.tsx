import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { useSessionState } from '../auth/SessionContext.ts';

/**
 * The app's server-state cache. A client error (4xx) is an answer, not a glitch: it is shown at
 * once, never retried; network errors and 5xx are retried twice. Live events keep the cache fresh
 * (see `liveBridge.ts`), so nothing is refetched merely because a window regained focus.
 */
export function newQueryClient({ retryDelayMs }: { retryDelayMs?: number } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && failures < 2,
        // TanStack's backoff by default; tests take none, so a failure shows without waiting seconds
        ...(retryDelayMs === undefined ? {} : { retryDelay: retryDelayMs }),
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}

type Props = {
  children: ReactNode;
  client?: QueryClient;
  /** The delay before retrying a failed read; TanStack's backoff when absent (tests pass 0). */
  retryDelayMs?: number;
};

/**
 * One cache per signed-in person of this tab: signing out (or into another agency) drops everything
 * the previous session read, so no data of one tenant is ever shown to another.
 */
export function QueryProvider({ children, client, retryDelayMs }: Props) {
  const state = useSessionState();
  const userKey = state.status === 'authenticated' ? `${state.session.user.id}|${state.session.agency.id}` : 'anonymous';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new cache per person, on purpose
  const queryClient = useMemo(() => client ?? newQueryClient({ retryDelayMs }), [client, userKey, retryDelayMs]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
