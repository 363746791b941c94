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
  options: { enabled?: boolean; refetchInterval?: number | false } = {},
): UseQueryResult<T> {
  const request = useApi();
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => load(request, signal),
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
}
