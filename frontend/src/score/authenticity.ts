import type { SignalJson } from './model.ts';
import { fixed } from './numberText.ts';
import { herfindahl } from './normalization.ts';

/** The authenticity signals (docs/methodology.md §6): when each fires, its capped discount and its message. */

const FOLLOW_BACK_TAG = /#(f4f|followback|teamfollowback|follow4follow)(?![\p{L}\p{N}_])/iu;
const MENTION = /@[\p{L}\p{N}_]+/gu;
const HASHTAG = /#[\p{L}\p{N}_]+/gu;
/** ASCII punctuation and ASCII white space: what may stand between the mentions and tags of a mention-only post. */
const PUNCTUATION_OR_SPACE = /[!-/:-@[-`{-~ \t\n\v\f\r]+/g;

const pct = (discount: number) => `−${fixed(100 * discount, 1)}%`;

/** Retweets concentrated in few accounts: intensity = total × HHI above 10 with at least 30 retweets. */
export function concentration(byAccount: Readonly<Record<string, number>> | undefined): SignalJson | null {
  if (byAccount === undefined || Object.keys(byAccount).length === 0) {
    return null;
  }
  let total = 0;
  for (const v of Object.values(byAccount)) {
    total += Math.max(0, v);
  }
  const hhi = herfindahl(byAccount);
  if (total < 30 || Number.isNaN(hhi)) {
    return null;
  }
  const intensity = total * hhi;
  if (!(intensity > 10)) {
    return null;
  }
  const discount = Math.min(0.3, 0.01 * (intensity - 10));
  return {
    key: 'concentration',
    message:
      `Retweets come from few accounts: ${fixed(total, 0)} retweets with concentration (HHI) ${fixed(hhi, 4)}, ` +
      `as if ${fixed(1 / hhi, 1)} accounts retweeted ${fixed(intensity, 1)} times each (threshold 10): ${pct(discount)}`,
    discount,
  };
}

/** A post that is only @mentions (and hashtags), or that carries a follow-back tag. */
export function isFollowBackOrMentionOnly(text: string | null): boolean {
  if (text === null) {
    return false;
  }
  if (FOLLOW_BACK_TAG.test(text)) {
    return true;
  }
  if (!new RegExp(MENTION.source, 'u').test(text)) {
    return false;
  }
  const rest = text.replace(MENTION, ' ').replace(HASHTAG, ' ');
  return rest.replace(PUNCTUATION_OR_SPACE, '') === '';
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

/** Followers growing while engagement does not: excess above 0.10 costs half of it, at most 0.30. */
export function followersWithoutEngagement(followerGrowth: number, engagementGrowth: number): SignalJson | null {
  if (!Number.isFinite(followerGrowth) || Number.isNaN(engagementGrowth)) {
    return null;
  }
  const excess = followerGrowth - Math.max(0, engagementGrowth);
  if (!(excess > 0.1)) {
    return null;
  }
  const discount = Math.min(0.3, 0.5 * (excess - 0.1));
  return {
    key: 'followers_without_engagement',
    message:
      `Followers grew ${fixed(100 * followerGrowth, 0, { sign: true })}% while engagement changed ` +
      `${fixed(100 * engagementGrowth, 0, { sign: true })}%: ${pct(discount)}`,
    discount,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
}

/** One series checked for spikes: its values over baseline and window, and which of them lie in the window. */
export type SpikeSeries = { key: string; values: readonly number[]; inWindow: readonly boolean[] };

/** Window days above median + 5 × max(MAD, 0.1 × median, 1) of baseline and window; 0.04 a day, at most 0.20. */
export function spikes(series: readonly SpikeSeries[]): SignalJson | null {
  let days = 0;
  const parts: string[] = [];
  for (const s of series) {
    if (s.values.length < 7) {
      continue;
    }
    const mid = median(s.values);
    if (mid <= 0) {
      continue;
    }
    const mad = median(s.values.map((v) => Math.abs(v - mid)));
    const threshold = mid + 5 * Math.max(mad, 0.1 * mid, 1);
    const here = s.values.filter((v, i) => s.inWindow[i] && v > threshold).length;
    if (here > 0) {
      days += here;
      parts.push(`${s.key} on ${here} day${here === 1 ? '' : 's'} (above ${fixed(threshold, 1)})`);
    }
  }
  if (days === 0) {
    return null;
  }
  const discount = Math.min(0.2, 0.04 * days);
  return { key: 'spikes', message: `Spikes beyond the normal variation: ${parts.join(', ')}: ${pct(discount)}`, discount };
}
