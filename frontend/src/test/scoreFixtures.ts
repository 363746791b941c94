import type { ScoreInputs } from '../api/types.ts';
import { DEFAULT_WEIGHTS } from '../score/engine.ts';

// A small score input the score-check tests share.

/** Seven days of bounce rate and retweets per post against the seven before, retweets from four accounts. */
export const INPUT: ScoreInputs = {
  asOf: '2026-11-30',
  windowDays: 7,
  daily: {
    'web.bounce_rate': days((d) => (d < 7 ? 0.52 : 0.39)),
    'twitter.retweets': days((d) => (d < 7 ? 20 : 24)),
    'twitter.posts': days(() => 2),
  },
  breakdowns: { 'twitter.retweets': { '@ann': 60, '@bob': 50, '@cy': 40, '@dee': 18 } },
  posts: [],
  competitors: {},
  weights: DEFAULT_WEIGHTS,
};

function days(value: (day: number) => number) {
  return Array.from({ length: 14 }, (_, d) => ({ date: `2026-11-${String(17 + d).padStart(2, '0')}`, value: value(d) }));
}
