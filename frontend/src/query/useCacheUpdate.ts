import { hashKey, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';

/**
 * Changes what the cache holds under `key` in place, e.g. after a create, edit or delete answered,
 * so that every screen showing it changes without reading it again. When nothing is cached yet there
 * is nothing to change (the read under way answers with the server's state, which includes it).
 * The function stays the same while the key does (by value), so effects may depend on it.
 */
export function useCacheUpdate<T>(key: QueryKey): (change: (data: T) => T) => void {
  const queryClient = useQueryClient();
  const hash = hashKey(key);
  return useCallback(
    (change: (data: T) => T) => {
      queryClient.setQueryData<T>(key, (data) => (data === undefined ? undefined : change(data)));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key by value: a new array of the same key is the same key
    [queryClient, hash],
  );
}
