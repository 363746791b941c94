import { hashKey, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Reads the entries under `key` again when a screen opens (the cached answers stay on show meanwhile). The
 * live bridge keeps entries current only while a screen follows their client: what changed while nobody
 * did (an import finished on another page, a teammate's edit) would otherwise wait for the entry to go stale.
 * Reads already under way are kept, not started twice.
 */
export function useFreshOnOpen(key: QueryKey): void {
  const queryClient = useQueryClient();
  const hash = hashKey(key);
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: key }, { cancelRefetch: false });
    // once per screen and key: `key` is a new array at each render, its hash is not
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryClient, hash]);
}
