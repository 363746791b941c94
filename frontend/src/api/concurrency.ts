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
