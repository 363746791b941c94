import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invalidationBatcher, LAZILY_MS, SOON_MS } from './invalidationBatcher.ts';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A query on screen (observed) whose reads are counted. */
function watched(queryClient: QueryClient, key: readonly unknown[]) {
  const reads = { count: 0 };
  queryClient.setQueryData(key, 0);
  const observer = new QueryObserver(queryClient, {
    queryKey: key,
    queryFn: () => {
      reads.count += 1;
      return reads.count;
    },
    staleTime: Infinity,
  });
  const stop = observer.subscribe(() => undefined);
  return { reads, stop };
}

describe('invalidationBatcher', () => {
  it('marks a key stale at once and reads it once per burst', async () => {
    const queryClient = new QueryClient();
    const { reads, stop } = watched(queryClient, ['posts']);
    const { invalidate } = invalidationBatcher(queryClient, () => Date.now());
    for (let i = 0; i < 50; i++) {
      invalidate(['posts']);
    }
    expect(queryClient.getQueryState(['posts'])?.isInvalidated).toBe(true);
    expect(reads.count).toBe(0);
    await vi.advanceTimersByTimeAsync(SOON_MS);
    expect(reads.count).toBe(1);
    stop();
  });

  it('reads a lazy key at most once per LAZILY_MS, and a soon key is not held back by it', async () => {
    const queryClient = new QueryClient();
    const goals = watched(queryClient, ['goals']);
    const posts = watched(queryClient, ['posts']);
    const { invalidate } = invalidationBatcher(queryClient, () => Date.now());
    invalidate(['goals'], 'lazily');
    await vi.advanceTimersByTimeAsync(SOON_MS);
    expect(goals.reads.count).toBe(1); // never read before: at once
    invalidate(['goals'], 'lazily');
    invalidate(['posts']);
    await vi.advanceTimersByTimeAsync(SOON_MS);
    expect(posts.reads.count).toBe(1);
    expect(goals.reads.count).toBe(1);
    await vi.advanceTimersByTimeAsync(LAZILY_MS);
    expect(goals.reads.count).toBe(2);
    goals.stop();
    posts.stop();
  });

  it('forgets what waits once cancelled', async () => {
    const queryClient = new QueryClient();
    const { reads, stop } = watched(queryClient, ['posts']);
    const batcher = invalidationBatcher(queryClient, () => Date.now());
    batcher.invalidate(['posts']);
    batcher.cancel();
    await vi.advanceTimersByTimeAsync(SOON_MS * 2);
    expect(reads.count).toBe(0);
    stop();
  });
});
