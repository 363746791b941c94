import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { Invalidate, Pace } from './liveBridge.ts';

/** How long a burst of live events is gathered before the keys it touched are read again. */
export const SOON_MS = 150;

/** The least time between two refetches of a key invalidated `lazily` (a goal forecast after each score). */
export const LAZILY_MS = 60_000;

export type InvalidationBatcher = {
  invalidate: Invalidate;
  /** Forgets what is waiting (the bridge is unmounted: the cache it served is gone). */
  cancel: () => void;
};

/**
 * Gathers the invalidations of live events so that each key is read again once per burst, not once
 * per event: a thousand clients rescored after one import refetch the portfolio's goals once. A key is
 * marked stale at once (a screen opened meanwhile reads it fresh); the screens showing it refetch
 * `SOON_MS` after the first event of the burst, or, for a key invalidated `lazily`, at most every
 * `LAZILY_MS`.
 */
export function invalidationBatcher(queryClient: QueryClient, now: () => number = Date.now): InvalidationBatcher {
  /** The keys waiting for their refetch, with when it is due. */
  const waiting = new Map<string, { key: QueryKey; due: number }>();
  const lastRead = new Map<string, number>();
  let timer: { handle: ReturnType<typeof setTimeout>; at: number } | null = null;

  const schedule = () => {
    if (waiting.size === 0) {
      return;
    }
    const next = Math.min(...[...waiting.values()].map((w) => w.due));
    if (timer !== null && timer.at <= next) {
      return;
    }
    if (timer !== null) {
      clearTimeout(timer.handle);
    }
    timer = {
      handle: setTimeout(() => {
        flush(next);
      }, Math.max(0, next - now())),
      at: next,
    };
  };

  // the timer firing means its time has come, even if the clock says otherwise (set back, or frozen in a test)
  const flush = (scheduledFor: number) => {
    timer = null;
    const at = Math.max(now(), scheduledFor);
    for (const [hash, { key, due }] of waiting) {
      if (due <= at) {
        waiting.delete(hash);
        lastRead.set(hash, at);
        void queryClient.refetchQueries({ queryKey: key, type: 'active', stale: true });
      }
    }
    schedule();
  };

  const invalidate: Invalidate = (key, pace: Pace = 'soon') => {
    const hash = hashKey(key);
    // stale at once (a screen opened meanwhile reads it fresh); what is on screen waits for the burst to end
    void queryClient.invalidateQueries({ queryKey: key, refetchType: 'none' });
    const at = now();
    const due = pace === 'soon' ? at + SOON_MS : Math.max(at + SOON_MS, (lastRead.get(hash) ?? -Infinity) + LAZILY_MS);
    const earlier = waiting.get(hash);
    waiting.set(hash, { key, due: earlier === undefined ? due : Math.min(earlier.due, due) });
    schedule();
  };

  const cancel = () => {
    if (timer !== null) {
      clearTimeout(timer.handle);
      timer = null;
    }
    waiting.clear();
  };

  return { invalidate, cancel };
}
