import { useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * Changes what the cache holds under `key` in place, e.g. after a create, edit or delete answered,
 * so that every screen showing it changes without reading it again. When nothing is cached yet there
 * is nothing to change (the read under way answers with the server's state, which includes it).
 */
export function useCacheUpdate<T>(key: QueryKey): (change: (data: T) => T) => void {
  const queryClient = useQueryClient();
  return (change) => {
    queryClient.setQueryData<T>(key, (data) => (data === undefined ? undefined : change(data)));
  };
}
