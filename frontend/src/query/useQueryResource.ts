import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { errorMessage } from '../api/client.ts';
import type { Requester } from '../api/endpoints.ts';
import type { ApiGet, LoadState } from './loadState.ts';
import { useApiQuery } from './useApiQuery.ts';

/**
 * A cached resource as the screens read it: its load state, "load again", and "change it in place" (after our own
 * change answered, or a live event), all on one query key so every screen showing it follows: the `ApiGet` shape
 * that lists (`LoadedList`, `EditableList`) take.
 */
export function useQueryResource<T>(
  key: QueryKey,
  load: (request: Requester, signal: AbortSignal) => Promise<T>,
  options: { enabled?: boolean } = {},
): ApiGet<T> {
  const queryClient = useQueryClient();
  const query = useApiQuery(key, load, options);
  const { data, error, isFetching, isPending } = query;
  // what was read stays on screen while it is read again, even when that fails (a live event's refetch must not
  // blank a list); without data, a retry after a failure shows as loading, not as the old error with a dead "Try again"
  const state = useMemo<LoadState<T>>(() => {
    if (data !== undefined) {
      return { kind: 'loaded', data };
    }
    if (isPending || isFetching) {
      return { kind: 'loading' };
    }
    return { kind: 'error', message: errorMessage(error) };
  }, [data, error, isFetching, isPending]);
  const keyText = JSON.stringify(key);
  const reload = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: JSON.parse(keyText) as QueryKey, exact: true });
  }, [queryClient, keyText]);
  const update = useCallback(
    (change: (data: T) => T) => {
      queryClient.setQueryData<T>(JSON.parse(keyText) as QueryKey, (current) => (current === undefined ? current : change(current)));
    },
    [queryClient, keyText],
  );
  return { state, reload, update };
}
