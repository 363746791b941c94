import { describe, expect, it } from 'vitest';
import { checkScore } from './check.ts';
import { score } from './engine.ts';
import type { ZoomFactorJson } from './model.ts';
import { INPUT } from '../test/scoreFixtures.ts';

function served(change: (z: ZoomFactorJson) => void = () => undefined) {
  const z = structuredClone(score(INPUT));
  change(z);
  return { ...z, clientId: 'c-acme', window: { days: INPUT.windowDays, from: '2026-11-24', to: INPUT.asOf } };
}

describe('checkScore', () => {
  it('finds the server and the browser in agreement, whatever the API adds (the client id, the window)', () => {
    const check = checkScore(served(), score(INPUT));
    expect(check).toEqual({ recomputed: score(INPUT).score, matches: true, lines: [] });
  });

  it('tolerates what rounding leaves (0.01) and nothing more', () => {
    expect(checkScore(served((z) => (z.quality = Number(z.quality) + 0.009)), score(INPUT)).matches).toBe(true);
    expect(checkScore(served((z) => (z.quality = Number(z.quality) + 0.02)), score(INPUT)).matches).toBe(false);
  });

  it('names each figure that differs as the explanation shows it, with both values', () => {
    const check = checkScore(
      served((z) => {
        const amplification = z.components.find((c) => c.key === 'amplification');
        const line = amplification?.metrics.find((m) => m.metric === 'twitter.retweets_per_post');
        if (line === undefined) {
          throw new Error('no retweets per post');
        }
        line.normalized = 65;
        z.methodologyVersion = '2025-01.0';
        z.drivers = z.drivers.slice(1);
      }),
      score(INPUT),
    );
    expect(check.matches).toBe(false);
    expect(check.lines).toEqual([
      `methodologyVersion: server "2025-01.0", browser "${score(INPUT).methodologyVersion}"`,
      'Amplification › twitter.retweets_per_post › normalized: server 65.00, browser 70.00',
      `drivers: server ${score(INPUT).drivers.length - 1} entries, browser ${score(INPUT).drivers.length}`,
    ]);
  });
});
