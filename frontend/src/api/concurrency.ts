/**
 * Runs `tasks` in order with at most `limit` of them running at once (a page loading a dozen series
 * should not open a dozen connections at the same time). Once `signal` aborts, no further task
 * starts. Resolves when every started task has settled; each task reports its own failure (a
 * rejection is ignored here).
 */
export async function runLimited(
  tasks: readonly (() => Promise<unknown>)[],
  limit: number,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && signal?.aborted !== true) {
      const task = tasks[next];
      next += 1;
      try {
        await task?.();
      } catch {
        // The task shows its own error.
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, tasks.length));
  await Promise.all(Array.from({ length: workers }, worker));
}

/**
 * A gate letting at most `limit` calls run at once; the others wait their turn in order. For loads that are
 * started independently (one query per metric) but should not open more connections than `runLimited` would.
 */
export function limiter(limit: number): <T>(call: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(call: () => Promise<T>): Promise<T> => {
    if (running < limit) {
      running += 1;
    } else {
      // the slot is handed over by the call that ends, so no newcomer can take it meanwhile
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
      });
    }
    try {
      return await call();
    } finally {
      const next = waiting.shift();
      if (next === undefined) {
        running -= 1;
      } else {
        next();
      }
    }
  };
}
