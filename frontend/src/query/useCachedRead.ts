import type { QueryKey } from '@tanstack/react-query';
import type { Requester } from '../api/endpoints.ts';
import { toLoadState, type LoadState } from './loadState.ts';
import { useApiQuery } from './useApiQuery.ts';
import { useCacheUpdate } from './useCacheUpdate.ts';

/** A read through the cache as a screen uses it: what to show, "Try again", and a change in place after a write. */
export type CachedRead<T> = { state: LoadState<T>; reload: () => void; update: (change: (data: T) => T) => void };

/** `useApiQuery` with its state as a screen shows it (see `toLoadState`) and `useCacheUpdate` for the same key. */
export function useCachedRead<T>(key: QueryKey, load: (request: Requester, signal: AbortSignal) => Promise<T>): CachedRead<T> {
  const query = useApiQuery(key, load);
  const update = useCacheUpdate<T>(key);
  const { refetch } = query;
  return {
    state: toLoadState(query),
    reload: () => {
      void refetch();
    },
    update,
  };
}
