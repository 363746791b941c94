import { useEffect, useState } from 'react';
import { fetchHealth } from '../api/client.ts';
import type { Health } from '../api/types.ts';

export type HealthState =
  | { kind: 'loading' }
  | { kind: 'loaded'; health: Health; checkedAt: Date }
  | { kind: 'error'; message: string; checkedAt: Date };

export const DEFAULT_HEALTH_POLL_MS = 10_000;

/** Reads /api/health on mount and then every `pollMs` (waiting for each answer before the next). */
export function useHealth(pollMs: number = DEFAULT_HEALTH_POLL_MS): HealthState {
  const [state, setState] = useState<HealthState>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = async (): Promise<void> => {
      try {
        const health = await fetchHealth({ signal: controller.signal });
        if (!controller.signal.aborted) {
          setState({ kind: 'loaded', health, checkedAt: new Date() });
        }
      } catch (error) {
        if (!controller.signal.aborted) {
          const message = error instanceof Error ? error.message : String(error);
          setState({ kind: 'error', message, checkedAt: new Date() });
        }
      }
      if (!controller.signal.aborted) {
        timer = setTimeout(() => void check(), pollMs);
      }
    };

    void check();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [pollMs]);

  return state;
}
