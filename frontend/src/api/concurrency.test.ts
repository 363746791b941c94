import { describe, expect, it } from 'vitest';
import { limiter, runLimited } from './concurrency.ts';

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

describe('limiter', () => {
  it('runs at most its limit of calls at once, in order, even as new calls keep arriving', async () => {
    const gate = limiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const call = (i: number) =>
      gate(async () => {
        order.push(i);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        return i;
      });
    const first = [0, 1, 2, 3].map(call);
    await first[0];
    const later = [4, 5].map(call);

    expect(await Promise.all([...first, ...later])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('frees the slot of a call that fails', async () => {
    const gate = limiter(1);
    await expect(gate(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await gate(() => Promise.resolve('yes'))).toBe('yes');
  });
});
