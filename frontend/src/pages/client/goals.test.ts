import { describe, expect, it } from 'vitest';
import type { Metric } from '../../api/types.ts';
import { reachedPercent } from './goals.ts';

const bounce = { key: 'web.bounce_rate', polarity: 'lower' } as Metric;

describe('reachedPercent', () => {
  it('is the current value as a share of the target, the other way round when lower is better', () => {
    expect(reachedPercent({ metric: 'web.pageviews', current: 860, target: 1000 }, [])).toBe(86);
    expect(reachedPercent({ metric: 'web.bounce_rate', current: 0.5, target: 0.43 }, [bounce])).toBe(86);
    expect(reachedPercent({ metric: 'web.bounce_rate', current: 0.4, target: 0.43 }, [bounce])).toBe(100);
    expect(reachedPercent({ metric: 'score', current: 1200, target: 1000 }, [])).toBe(100);
  });

  it('is never 100 before the target is met, and unknown without a value', () => {
    expect(reachedPercent({ metric: 'score', current: 99.9, target: 100 }, [])).toBe(99);
    expect(reachedPercent({ metric: 'score', current: null, target: 100 }, [])).toBeNull();
    expect(reachedPercent({ metric: 'score', current: 5, target: 0 }, [])).toBeNull();
  });
});
