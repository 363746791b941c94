import type { SignalJson } from './model.ts';
import { fixed } from './numberText.ts';
import { herfindahl } from './normalization.ts';

/** The authenticity signals (docs/methodology.md §6): when each fires, its capped discount and its message. */

const FOLLOW_BACK_TAG = /#(f4f|followback|teamfollowback|follow4follow)(?![\p{L}\p{N}_])/iu;
const MENTION = /@[\p{L}\p{N}_]+/gu;
const HASHTAG = /#[\p{L}\p{N}_]+/gu;
/**
 * A link: http(s):// or www. (in any ASCII case) up to the next whitespace of any kind (the Unicode White_Space
 * property). The case is spelt out because the i flag with u would also fold "ſ" into "s".
 */
const LINK = /([Hh][Tt][Tt][Pp][Ss]?:\/\/|[Ww][Ww][Ww]\.)\P{White_Space}*/gu;
/** A letter or a digit: what makes a post more than mentions. */
const CONTENT = /[\p{L}\p{N}]/u;

const pct = (discount: number) => `−${fixed(100 * discount, 1)}%`;

/** An account-like breakdown checked for concentration, and how often one honest account acts there in a window. */
type ConcentrationRule = { metric: string; label: string; usualRepeats: number };

/** Every account-like breakdown, in the order the signal lists them. */
export const CONCENTRATION_RULES: readonly ConcentrationRule[] = [
  { metric: 'twitter.retweets', label: 'retweets by account', usualRepeats: 10 },
  { metric: 'twitter.list_additions', label: 'list additions by curator', usualRepeats: 2 },
  { metric: 'twitter.replies', label: 'replies by person', usualRepeats: 10 },
  { metric: 'twitter.mentions', label: 'mentions by person', usualRepeats: 10 },
  { metric: 'facebook.post_comments', label: 'comments by person', usualRepeats: 10 },
];

/** List additions by list → by curator: a list named "curator/list" belongs to its curator. */
function byCurator(byList: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [list, n] of Object.entries(byList)) {
    const slash = list.indexOf('/');
    const curator = slash < 0 ? list : list.slice(0, slash);
    out[curator] = (out[curator] ?? 0) + n;
  }
  return out;
}

/**
 * Engagement concentrated in few accounts, over every account-like breakdown: with intensity = total × HHI (how
 * often each effective account acted), a breakdown with a total of at least 30 adds 0.1 × (intensity/u − 1) above
 * its usual repeats u; the discount is the sum, at most 0.30.
 */
export function concentration(breakdowns: Readonly<Record<string, Readonly<Record<string, number>>>>): SignalJson | null {
  let discount = 0;
  const parts: string[] = [];
  for (const rule of CONCENTRATION_RULES) {
    let byAccount = breakdowns[rule.metric];
    if (byAccount === undefined || Object.keys(byAccount).length === 0) {
      continue;
    }
    if (rule.metric === 'twitter.list_additions') {
      byAccount = byCurator(byAccount);
    }
    let total = 0;
    for (const v of Object.values(byAccount)) {
      total += Math.max(0, v);
    }
    const hhi = herfindahl(byAccount);
    if (total < 30 || Number.isNaN(hhi)) {
      continue;
    }
    const intensity = total * hhi;
    if (!(intensity > rule.usualRepeats)) {
      continue;
    }
    const part = 0.1 * (intensity / rule.usualRepeats - 1);
    discount += part;
    parts.push(
      `${rule.label}: ${fixed(total, 0)} from as if ${fixed(1 / hhi, 1)} accounts, ${fixed(intensity, 1)} times each ` +
        `(usual at most ${fixed(rule.usualRepeats, 0)}) ${pct(part)}`,
    );
  }
  if (parts.length === 0) {
    return null;
  }
  discount = Math.min(0.3, discount);
  return { key: 'concentration', message: `Engagement comes from few accounts: ${parts.join('; ')}: ${pct(discount)}`, discount };
}

/**
 * A post that carries a follow-back tag, or is mention-only: it has an @mention, and once its links, @mentions and
 * #hashtags are taken out no letter or digit is left (punctuation, emoji and spaces are not content).
 */
export function isFollowBackOrMentionOnly(text: string | null): boolean {
  if (text === null) {
    return false;
  }
  if (FOLLOW_BACK_TAG.test(text)) {
    return true;
  }
  const withoutLinks = text.replace(LINK, ' ');
  if (!new RegExp(MENTION.source, 'u').test(withoutLinks)) {
    return false;
  }
  return !CONTENT.test(withoutLinks.replace(MENTION, ' ').replace(HASHTAG, ' '));
}

/** Mention-only or follow-back posting: ≥ 10 % of ≥ 5 posts; the discount is the share, at most 0.40. */
export function followBackPosts(texts: readonly (string | null)[]): SignalJson | null {
  const total = texts.length;
  if (total < 5) {
    return null;
  }
  const flagged = texts.filter(isFollowBackOrMentionOnly).length;
  const share = flagged / total;
  if (share < 0.1) {
    return null;
  }
  const discount = Math.min(0.4, share);
  return {
    key: 'follow_back_posts',
    message: `${flagged} of ${total} posts are only @mentions or carry follow-back tags (#F4F, #followback…): ${pct(discount)}`,
    discount,
  };
}

/**
 * Followers growing faster than their usual pace (their growth over the baseline itself, at least 0) while
 * engagement does not: the excess above 0.10 costs half of it, at most 0.30.
 */
export function followersWithoutEngagement(followerGrowth: number, usualPace: number, engagementGrowth: number): SignalJson | null {
  if (!Number.isFinite(followerGrowth) || Number.isNaN(engagementGrowth)) {
    return null;
  }
  const excess = followerGrowth - Math.max(0, usualPace) - Math.max(0, engagementGrowth);
  if (!(excess > 0.1)) {
    return null;
  }
  const discount = Math.min(0.3, 0.5 * (excess - 0.1));
  return {
    key: 'followers_without_engagement',
    message:
      `Followers grew ${fixed(100 * followerGrowth, 0, { sign: true })}% (their usual pace ` +
      `${fixed(100 * Math.max(0, usualPace), 0, { sign: true })}%) while engagement changed ` +
      `${fixed(100 * engagementGrowth, 0, { sign: true })}%: ${pct(discount)}`,
    discount,
  };
}

/** A growth as the uncorroborated-engagement message writes it: "+40%", or from/to nothing. */
function growthText(growth: number): string {
  if (!Number.isFinite(growth)) {
    return growth > 0 ? 'from nothing' : 'to nothing';
  }
  return `${fixed(100 * growth, 0, { sign: true })}%`;
}

/**
 * One-click engagement growing with nothing that should grow with it: with c the largest growth (at least 0) of the
 * corroborating metrics measured in both periods, excess = max over the one-click metrics of g − 2c; above 0.15
 * the discount is 0.25 × (excess − 0.15), at most 0.25. Nothing to judge by without a corroborating metric.
 *
 * @param growth metric → relative growth from baseline to window, for the metrics measured in both periods
 */
export function uncorroboratedEngagement(
  growth: ReadonlyMap<string, number>,
  oneClick: readonly string[],
  corroborating: readonly string[],
): SignalJson | null {
  const witnesses = corroborating.filter((key) => growth.has(key));
  if (witnesses.length === 0) {
    return null;
  }
  let c = 0;
  for (const key of witnesses) {
    c = Math.max(c, growth.get(key) as number);
  }
  let worst: string | null = null;
  let excess = -Infinity;
  for (const key of oneClick) {
    const g = growth.get(key);
    if (g !== undefined && g - 2 * c > excess) {
      excess = g - 2 * c;
      worst = key;
    }
  }
  if (worst === null || !(excess > 0.15)) {
    return null;
  }
  const discount = Math.min(0.25, 0.25 * (excess - 0.15));
  return {
    key: 'uncorroborated_engagement',
    message:
      `${worst} grew ${growthText(growth.get(worst) as number)} while the most any of ${witnesses.join(', ')} grew was ` +
      `${growthText(c)} (it should be at least half as much): ${pct(discount)}`,
    discount,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
}

/** A metric's values over baseline and window, by day (ascending). */
export type DaySeries = { key: string; days: readonly number[]; values: readonly number[] };

/** 1.4826 × MAD over the whole series: the robust standard deviation of its day-to-day noise. */
function spread(values: readonly number[]): number {
  const mid = median(values);
  return 1.4826 * median(values.map((x) => Math.abs(x - mid)));
}

/** m + k × max(spread, √m, 0.1 × m, 1): never quieter than Poisson noise at the level around it, 10 % of it, or 1. */
function threshold(m: number, k: number, spreadOfSeries: number): number {
  return m + k * Math.max(spreadOfSeries, Math.sqrt(Math.max(0, m)), 0.1 * m, 1);
}

/** Whether the day's value is above the thresholds of the 7 days before it and of the 7 after (≥ 3 values each). */
function excursion(series: DaySeries, day: number, k: number, spreadOfSeries: number): boolean {
  const i = series.days.indexOf(day);
  if (i < 0) {
    return false;
  }
  const v = series.values[i] as number;
  const before: number[] = [];
  const after: number[] = [];
  series.days.forEach((d, j) => {
    if (d >= day - 7 && d < day) {
      before.push(series.values[j] as number);
    } else if (d > day && d <= day + 7) {
      after.push(series.values[j] as number);
    }
  });
  return (
    before.length >= 3 &&
    after.length >= 3 &&
    v > threshold(median(before), k, spreadOfSeries) &&
    v > threshold(median(after), k, spreadOfSeries)
  );
}

/**
 * Short excursions in engagement that nothing else explains: a window day above both 7-day neighbourhoods'
 * thresholds with k = 5, not matched on that day by a corroborating series (visits, new follows) above its own
 * neighbourhoods' thresholds with k = 2. A day counts once however many series spike; 0.04 a day, at most 0.20.
 */
export function spikes(series: readonly DaySeries[], corroborating: readonly DaySeries[], windowStart: number): SignalJson | null {
  const days = new Set<number>();
  const parts: string[] = [];
  const witnesses = corroborating
    .filter((c) => c.values.length >= 7)
    .map((c) => ({ series: c, spread: spread(c.values) }));
  const corroborated = (day: number) => witnesses.some((c) => excursion(c.series, day, 2, c.spread));
  for (const s of series) {
    if (s.values.length < 7 || median(s.values) <= 0) {
      continue;
    }
    const spreadOfSeries = spread(s.values);
    let here = 0;
    for (const day of s.days) {
      if (day >= windowStart && excursion(s, day, 5, spreadOfSeries) && !corroborated(day)) {
        days.add(day);
        here++;
      }
    }
    if (here > 0) {
      parts.push(`${s.key} on ${here} day${here === 1 ? '' : 's'}`);
    }
  }
  if (days.size === 0) {
    return null;
  }
  const discount = Math.min(0.2, 0.04 * days.size);
  return {
    key: 'spikes',
    message:
      `Short spikes with no rise in visits or follows on ${days.size} day${days.size === 1 ? '' : 's'} ` +
      `(${parts.join(', ')}): ${pct(discount)}`,
    discount,
  };
}
