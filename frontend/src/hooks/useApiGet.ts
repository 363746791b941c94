import { useCallback, useEffect, useState } from 'react';
import { errorMessage, isAbort } from '../api/client.ts';
import type { Requester } from '../api/endpoints.ts';
import { useApi } from '../auth/SessionContext.ts';

import type { LoadState } from '../query/loadState.ts';

export type { LoadState };

export type ApiGet<T> = {
  state: LoadState<T>;
  /** Loads again (showing the loading state meanwhile). */
  reload: () => void;
  /** Changes the loaded data in place, e.g. after a create, edit or delete answered. */
  update: (change: (data: T) => T) => void;
};

/**
 * Loads data through `load` (one of the `api.*` readers) on mount, on `reload()` and whenever `load`
 * changes. `load` must be stable (a module-level function, or a `useCallback` over the parameters it
 * reads, e.g. a route's id), as it is an effect dependency.
 */
export function useApiGet<T>(load: (request: Requester, signal: AbortSignal) => Promise<T>): ApiGet<T> {
  const request = useApi();
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<{ version: number; load: typeof load; state: LoadState<T> } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    load(request, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setResult({ version, load, state: { kind: 'loaded', data } });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) {
          setResult({ version, load, state: { kind: 'error', message: errorMessage(error) } });
        }
      },
    );
    return () => {
      controller.abort();
    };
  }, [load, request, version]);

  const reload = useCallback(() => {
    setVersion((v) => v + 1);
  }, []);

  const update = useCallback((change: (data: T) => T) => {
    setResult((current) =>
      current?.state.kind === 'loaded'
        ? { ...current, state: { kind: 'loaded', data: change(current.state.data) } }
        : current,
    );
  }, []);

  // What another `load` (e.g. another client's) answered is not shown while this one loads.
  const state: LoadState<T> =
    result !== null && result.version === version && result.load === load ? result.state : { kind: 'loading' };
  return { state, reload, update };
}
