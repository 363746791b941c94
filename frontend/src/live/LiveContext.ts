import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveConnection, LiveEvent, LiveState } from './LiveConnection.ts';

/** The tab's live connection; null when there is none (signed out, or a test without one). */
export const LiveContext = createContext<LiveConnection | null>(null);

export function useLiveConnection(): LiveConnection | null {
  return useContext(LiveContext);
}

const noSubscribe = () => () => undefined;
const offline = (): LiveState | null => null;

/** The connection's state, re-rendering on each change; null without a connection. */
export function useLiveState(): LiveState | null {
  const live = useLiveConnection();
  return useSyncExternalStore(live?.subscribeState ?? noSubscribe, live?.getState ?? offline);
}

export type LiveCallbacks = {
  /** Optional: what an event changes reaches the screens through the cache (`query/liveBridge.ts`). */
  onEvent?: (event: LiveEvent) => void;
  onReset?: (clientId: string) => void;
};

/**
 * Follows the streams of `clientIds` while the component is mounted. The callbacks may change on
 * every render (the latest ones are called); the subscriptions only change with the ids.
 */
export function useLiveClients(
  clientIds: readonly string[],
  callbacks: LiveCallbacks,
  { presence = true }: { presence?: boolean } = {},
): void {
  const live = useLiveConnection();
  const latest = useRef(callbacks);
  useEffect(() => {
    latest.current = callbacks;
  });
  const key = [...new Set(clientIds)].sort().join(',');
  useEffect(() => {
    if (live === null || key === '') {
      return;
    }
    const stops = key.split(',').map((clientId) =>
      live.subscribe(clientId, {
        onEvent: (event) => {
          latest.current.onEvent?.(event);
        },
        onReset: () => {
          latest.current.onReset?.(clientId);
        },
      }, { presence }),
    );
    return () => {
      for (const stop of stops) {
        stop();
      }
    };
  }, [live, key, presence]);
}
