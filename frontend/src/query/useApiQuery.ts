import { useQuery, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import type { Requester } from '../api/endpoints.ts';
import { useApi } from '../auth/SessionContext.ts';

/**
 * A keyed read of one server resource through `api.*`: `useApiQuery(queryKeys.clients(), (request, signal) =>
 * api.listClients(request, signal))`. The key names the resource (see `keys.ts`), so a live event or a
 * mutation updates or invalidates every screen that shows it. `enabled: false` waits (e.g. for an id).
 */
export function useApiQuery<T>(
  key: QueryKey,
  load: (request: Requester, signal: AbortSignal) => Promise<T>,
  options: {
    enabled?: boolean;
    /** Reads again every so many ms; a function of the data read decides after each read (e.g. only while a job runs). */
    refetchInterval?: number | false | ((data: T | undefined) => number | false);
  } = {},
): UseQueryResult<T> {
  const request = useApi();
  const interval = options.refetchInterval;
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => load(request, signal),
    enabled: options.enabled,
    refetchInterval: typeof interval === 'function' ? (query) => interval(query.state.data) : interval,
  });
}
