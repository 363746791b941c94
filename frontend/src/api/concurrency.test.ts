import { describe, expect, it } from 'vitest';
import { runLimited } from './concurrency.ts';

/** Tasks that record how many run at once and finish on the next macrotask. */
function tracked(count: number, fail: (i: number) => boolean = () => false) {
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  const tasks = Array.from({ length: count }, (_, i) => async () => {
    started.push(i);
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 1));
    running -= 1;
    if (fail(i)) {
      throw new Error(`task ${String(i)} failed`);
    }
  });
  return { tasks, started, peak: () => peak };
}

describe('runLimited', () => {
  it.each([
    { count: 14, limit: 6, peak: 6 },
    { count: 3, limit: 6, peak: 3 },
    { count: 5, limit: 1, peak: 1 },
  ])('runs $count tasks, at most $limit at once', async ({ count, limit, peak }) => {
    const run = tracked(count);

    await runLimited(run.tasks, limit);

    expect(run.started).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(run.peak()).toBe(peak);
  });

  it('keeps going when a task fails', async () => {
    const run = tracked(4, (i) => i === 1);

    await expect(runLimited(run.tasks, 2)).resolves.toBeUndefined();

    expect(run.started).toEqual([0, 1, 2, 3]);
  });

  it('starts nothing more once aborted', async () => {
    const controller = new AbortController();
    const run = tracked(10);

    const done = runLimited(run.tasks, 2, controller.signal);
    controller.abort();
    await done;

    expect(run.started).toEqual([0, 1]);
  });

  it('does nothing without tasks', async () => {
    await expect(runLimited([], 6)).resolves.toBeUndefined();
  });
});
