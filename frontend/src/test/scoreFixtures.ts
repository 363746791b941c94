import type { ScoreInputs } from '../api/types.ts';

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
  weights: {
    byComponent: {
      attention: 0.15,
      loyalty: 0.15,
      reach: 0.1,
      amplification: 0.2,
      conversation: 0.15,
      discoverability: 0.1,
      momentum: 0.15,
    },
  },
};

function days(value: (day: number) => number) {
  return Array.from({ length: 14 }, (_, d) => ({ date: `2026-11-${String(17 + d).padStart(2, '0')}`, value: value(d) }));
}
