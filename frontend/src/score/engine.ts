import {
  concentration,
  followBackPosts,
  followersWithoutEngagement,
  spikes,
  uncorroboratedEngagement,
  type DaySeries,
} from './authenticity.ts';
import { aggregate, findMetric, metric, sum, type MetricFacts } from './catalogue.ts';
import { dayOf, isoOf, utcDayOfInstant } from './days.ts';
import {
  COMPONENTS,
  type ComponentKey,
  type ComponentScoreJson,
  type DriverJson,
  type MetricScoreJson,
  type ScoreInputJson,
  type SignalJson,
  type Verdict,
  type WeightsJson,
  type ZoomFactorJson,
} from './model.ts';
import {
  agreed,
  againstBaseline,
  againstCompetitors,
  breadth,
  combine,
  FLOW_SCALE,
  fromImprovement,
  herfindahl,
  improvement,
  STOCK_SCALE,
  trendScore,
} from './normalization.ts';
import { fixed } from './numberText.ts';
import { DailySeries } from './series.ts';
import { seriesVerdict } from './trend.ts';

/**
 * The Zoom Factor computed in the browser, written from docs/methodology.md (a second implementation beside the
 * server's, checked against the published conformance vectors): score = quality × authenticity factor.
 */

export const METHODOLOGY_VERSION = '2026-12.2';

const LABELS: Record<ComponentKey, string> = {
  attention: 'Attention',
  loyalty: 'Loyalty',
  reach: 'Reach growth',
  amplification: 'Amplification',
  conversation: 'Conversation',
  discoverability: 'Discoverability',
  momentum: 'Momentum',
};

export const DEFAULT_WEIGHTS: WeightsJson = {
  byComponent: {
    attention: 0.15,
    loyalty: 0.15,
    reach: 0.1,
    amplification: 0.2,
    conversation: 0.15,
    discoverability: 0.1,
    momentum: 0.15,
  },
};

/** The catalogue metrics the components use: coverage's denominator (§5). */
const USED_METRICS = [
  'web.bounce_rate',
  'web.time_on_page',
  'web.pages_per_visit',
  'web.returning_visitors',
  'web.returning_visitor_share',
  'newsletter.subscribers',
  'leads.optins',
  'web.unique_visitors',
  'twitter.followers',
  'facebook.post_impressions',
  'twitter.retweets',
  'twitter.posts',
  'twitter.list_additions',
  'facebook.post_comments',
  'facebook.posts',
  'twitter.replies',
  'linkedin.answers',
  'polls.responses',
  'search.avg_position',
  'linkedin.search_appearances',
];

const NOT_IN_MOMENTUM = new Set(['twitter.posts', 'facebook.posts']);
const ENGAGEMENT = ['twitter.retweets', 'twitter.replies', 'twitter.mentions'];
const SPIKE_METRICS = ['twitter.retweets', 'twitter.replies', 'twitter.mentions', 'facebook.post_comments', 'facebook.post_likes'];
/** One-click engagement: cheap to buy, so its growth must be corroborated. */
const ONE_CLICK = ['twitter.retweets', 'twitter.mentions', 'facebook.post_likes'];
/** What genuine interest moves too: conversation, visits, follows, list additions. */
const CORROBORATING = ['twitter.replies', 'facebook.post_comments', 'web.unique_visitors', 'twitter.new_follows', 'twitter.list_additions'];
/** Audience series whose rise on the same day explains a spike (a launch, a press day). */
const SPIKE_CORROBORATORS = ['web.unique_visitors', 'twitter.new_follows'];

const RETWEETS_PER_POST = 'twitter.retweets_per_post';
const RETWEETER_BREADTH = 'twitter.retweeter_breadth';
const FB_COMMENTS_PER_POST = 'facebook.comments_per_post';
const REPLIES_PER_POST = 'twitter.replies_per_post';

const DERIVED_LABELS: Record<string, string> = {
  [RETWEETS_PER_POST]: 'Retweets per post',
  [RETWEETER_BREADTH]: 'Retweeter breadth (effective accounts)',
  [FB_COMMENTS_PER_POST]: 'Facebook comments per post',
  [REPLIES_PER_POST]: 'Replies per tweet',
};

const MAX_DRIVERS = 5;
const MIN_DRIVER_DELTA = 0.05;

/** A metric line before weighting. */
type Line = { metric: string; value: number; baseline: number | null; normalized: number; trend: Verdict | null };

type Evaluation = { periods: Periods; components: ComponentScoreJson[]; quality: number; coverage: number };

/** The score of a client on a day, with its whole explanation. */
export function score(input: ScoreInputJson): ZoomFactorJson {
  const asOf = dayOf(input.asOf);
  const w = input.windowDays;
  if (!Number.isInteger(w) || w < 1) {
    throw new Error(`the window must be at least one day, not ${w}`);
  }
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const daily = new Map<string, DailySeries>();
  for (const [key, list] of Object.entries(input.daily ?? {})) {
    daily.set(key, new DailySeries(key, list));
  }
  const current = evaluate(input, weights, new Periods(daily, asOf, w), true);
  const previous = evaluate(input, weights, new Periods(daily, asOf - w, w), false);
  const authenticity = authenticityOf(input, current.periods);
  const reason = notScored(current.components, w, asOf);
  return {
    asOf: input.asOf,
    score: reason === null ? current.quality * authenticity.factor : null,
    quality: reason === null ? current.quality : null,
    coverage: current.coverage,
    methodologyVersion: METHODOLOGY_VERSION,
    weights,
    authenticity,
    components: current.components,
    drivers: drivers(current, previous),
    reason,
  };
}

/** Why there is no score (§5): nothing measured, or no measured component carrying weight; null when scored. */
function notScored(components: readonly ComponentScoreJson[], windowDays: number, asOf: number): string | null {
  if (!components.some((c) => c.measured)) {
    return `Not scored yet: none of the metrics the score uses has data in the ${windowDays} days up to ${isoOf(asOf)}.`;
  }
  if (!components.some((c) => c.measured && c.weight > 0)) {
    return 'Not scored: every component with data weighs 0 in these weights.';
  }
  return null;
}

// ------------------------------------------------------------------------------------------------- evaluation

function evaluate(input: ScoreInputJson, weights: WeightsJson, d: Periods, current: boolean): Evaluation {
  const lines = new Map<ComponentKey, Line[]>(COMPONENTS.map((c) => [c, []]));
  const add = (component: ComponentKey, line: Line | null) => {
    if (line !== null) {
      lines.get(component)?.push(line);
    }
  };
  const competitors = input.competitors ?? {};

  for (const key of ['web.bounce_rate', 'web.time_on_page', 'web.pages_per_visit']) {
    add('attention', catalogueLine(competitors, d, key));
  }
  add('loyalty', catalogueLine(competitors, d, 'web.returning_visitor_share') ?? catalogueLine(competitors, d, 'web.returning_visitors'));
  for (const key of ['newsletter.subscribers', 'leads.optins']) {
    add('loyalty', catalogueLine(competitors, d, key));
  }
  add('reach', catalogueLine(competitors, d, 'web.unique_visitors'));
  add('reach', followersLine(d));
  add('reach', catalogueLine(competitors, d, 'facebook.post_impressions'));
  add('amplification', perPostLine(d, RETWEETS_PER_POST, 'twitter.retweets', 'twitter.posts'));
  if (current) {
    add('amplification', breadthLine(input.breakdowns?.['twitter.retweets']));
  }
  add('amplification', catalogueLine(competitors, d, 'twitter.list_additions'));
  add('conversation', perPostLine(d, FB_COMMENTS_PER_POST, 'facebook.post_comments', 'facebook.posts'));
  add('conversation', perPostLine(d, REPLIES_PER_POST, 'twitter.replies', 'twitter.posts'));
  for (const key of ['linkedin.answers', 'polls.responses']) {
    add('conversation', catalogueLine(competitors, d, key));
  }
  for (const key of ['search.avg_position', 'linkedin.search_appearances']) {
    add('discoverability', catalogueLine(competitors, d, key));
  }
  for (const key of USED_METRICS) {
    if (NOT_IN_MOMENTUM.has(key) || d.windowValues(key).length < 4) {
      continue;
    }
    const m = metric(key);
    const verdict = d.trend(key) ?? 'flat';
    add('momentum', { metric: key, value: d.window(key) as number, baseline: d.baseline(key), normalized: trendScore(verdict, m.polarity), trend: verdict });
  }

  let measuredWeight = 0;
  for (const c of COMPONENTS) {
    if ((lines.get(c) ?? []).length > 0) {
      measuredWeight += weights.byComponent[c] ?? 0;
    }
  }
  const components: ComponentScoreJson[] = [];
  let quality = 0;
  for (const c of COMPONENTS) {
    const ls = lines.get(c) ?? [];
    if (ls.length === 0) {
      components.push({ key: c, label: LABELS[c], measured: false, score: null, weight: 0, contribution: 0, metrics: [] });
      continue;
    }
    const weight = measuredWeight > 0 ? (weights.byComponent[c] ?? 0) / measuredWeight : 0;
    const lineWeight = 1 / ls.length;
    let componentScore = 0;
    const metrics: MetricScoreJson[] = [];
    for (const l of ls) {
      componentScore += lineWeight * l.normalized;
      metrics.push({ ...l, weight: lineWeight, contribution: l.normalized * lineWeight * weight });
    }
    const contribution = componentScore * weight;
    quality += contribution;
    components.push({ key: c, label: LABELS[c], measured: true, score: componentScore, weight, contribution, metrics });
  }
  const measured = USED_METRICS.filter((k) => d.windowValues(k).length > 0).length;
  return { periods: d, components, quality, coverage: measured / USED_METRICS.length };
}

function competitorScore(competitors: Readonly<Record<string, readonly (number | null)[]>>, key: string, value: number, m: Pick<MetricFacts, 'polarity'>): number | null {
  const finite = (competitors[key] ?? []).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return finite.length === 0 ? null : againstCompetitors(value, finite, m.polarity);
}

/** A catalogue metric against its baseline (rule B) and its competitors (rule C). */
function catalogueLine(competitors: Readonly<Record<string, readonly (number | null)[]>>, d: Periods, key: string): Line | null {
  const m = metric(key);
  const value = d.window(key);
  if (value === null) {
    return null;
  }
  const baseline = d.baseline(key);
  const scale = m.aggregation === 'last' ? STOCK_SCALE : FLOW_SCALE;
  const own = baseline === null ? null : againstBaseline(value, baseline, m.polarity, scale);
  return { metric: key, value, baseline, normalized: combine(own, competitorScore(competitors, key, value, m)), trend: d.trend(key) };
}

/**
 * Rule P: Σ numerator / Σ denominator over the window against the same over the baseline, its change credited only
 * as far as the numerator's total moved the same way (posting less with the same response does not raise it).
 */
function perPostLine(d: Periods, key: string, numerator: string, denominator: string): Line | null {
  const value = d.ratio(numerator, denominator, true);
  if (value === null) {
    return null;
  }
  const baseline = d.ratio(numerator, denominator, false);
  let normalized = 50;
  if (baseline !== null) {
    const rate = improvement(value, baseline, 'higher');
    const total = improvement(sum(d.windowValues(numerator)), sum(d.baselineValues(numerator)), 'higher');
    normalized = fromImprovement(agreed(rate, total), FLOW_SCALE);
  }
  return { metric: key, value, baseline, normalized, trend: d.trend(numerator) };
}

/** Rule D from the window's retweets by account. */
function breadthLine(byAccount: Readonly<Record<string, number>> | undefined): Line | null {
  if (byAccount === undefined || Object.keys(byAccount).length === 0) {
    return null;
  }
  const hhi = herfindahl(byAccount);
  if (Number.isNaN(hhi)) {
    return null;
  }
  const effective = 1 / hhi;
  return { metric: RETWEETER_BREADTH, value: effective, baseline: null, normalized: breadth(effective), trend: null };
}

/** Rule F: follower growth credited only up to the growth of Twitter engagement. */
function followersLine(d: Periods): Line | null {
  const key = 'twitter.followers';
  const value = d.window(key);
  if (value === null) {
    return null;
  }
  const baseline = d.baseline(key);
  let normalized = 50;
  if (baseline !== null) {
    const growth = improvement(value, baseline, metric(key).polarity);
    const engagement = d.engagementGrowth();
    const credited = Number.isNaN(engagement) ? growth : Math.min(growth, Math.max(0, engagement));
    normalized = fromImprovement(credited, STOCK_SCALE);
  }
  return { metric: key, value, baseline, normalized, trend: d.trend(key) };
}

// ----------------------------------------------------------------------------------------------- authenticity

function authenticityOf(input: ScoreInputJson, d: Periods): { factor: number; signals: SignalJson[] } {
  const signals: SignalJson[] = [];
  const push = (signal: SignalJson | null) => {
    if (signal !== null) {
      signals.push(signal);
    }
  };
  push(concentration(input.breakdowns ?? {}));
  const texts = (input.posts ?? [])
    .filter((p) => {
      const day = utcDayOfInstant(p.publishedAt);
      return day >= d.windowStart && day <= d.asOf;
    })
    .map((p) => p.text);
  push(followBackPosts(texts));
  const fw = d.window('twitter.followers');
  const fb = d.baseline('twitter.followers');
  if (fw !== null && fb !== null && fb > 0) {
    // the usual pace: how much the followers grew over the baseline itself, first day to last
    const first = d.baselineValues('twitter.followers')[0] as number;
    const pace = first > 0 ? (fb - first) / first : 0;
    push(followersWithoutEngagement((fw - fb) / fb, pace, d.engagementGrowth()));
  }
  const growth = new Map<string, number>();
  for (const key of [...ONE_CLICK, ...CORROBORATING]) {
    const w = d.windowValues(key);
    const b = d.baselineValues(key);
    if (w.length > 0 && b.length > 0) {
      growth.set(key, improvement(sum(w), sum(b), 'higher'));
    }
  }
  push(uncorroboratedEngagement(growth, ONE_CLICK, CORROBORATING));
  const byDay = (keys: readonly string[]): DaySeries[] =>
    keys
      .map((key) => ({ key, days: d.days(key, d.baselineStart, d.asOf), values: d.values(key, d.baselineStart, d.asOf) }))
      .filter((series) => series.days.length > 0);
  push(spikes(byDay(SPIKE_METRICS), byDay(SPIKE_CORROBORATORS), d.windowStart));
  let factor = 1;
  for (const s of signals) {
    factor *= 1 - s.discount;
  }
  return { factor, signals };
}

// ---------------------------------------------------------------------------------------------------- drivers

function drivers(current: Evaluation, previous: Evaluation): DriverJson[] {
  type Move = { component: ComponentKey; order: number; now: MetricScoreJson; before: MetricScoreJson; delta: number };
  const moves: Move[] = [];
  current.components.forEach((c, order) => {
    const p = previous.components.find((x) => x.key === c.key);
    for (const now of c.metrics) {
      const before = p?.metrics.find((x) => x.metric === now.metric);
      if (before !== undefined) {
        moves.push({ component: c.key, order, now, before, delta: (now.normalized - before.normalized) * now.weight * c.weight });
      }
    }
  });
  moves.sort(
    (a, b) =>
      Math.abs(b.delta) - Math.abs(a.delta) || a.order - b.order || (a.now.metric < b.now.metric ? -1 : a.now.metric > b.now.metric ? 1 : 0),
  );
  const out: DriverJson[] = [];
  for (const move of moves) {
    if (out.length === MAX_DRIVERS || Math.abs(move.delta) < MIN_DRIVER_DELTA) {
      break;
    }
    const key = move.now.metric;
    let what: string;
    if (move.component === 'momentum') {
      what = `${label(key)} trend went from ${move.before.trend ?? 'none'} to ${move.now.trend ?? 'none'}`;
    } else {
      const a = move.before.value;
      const b = move.now.value;
      what =
        a === b
          ? `${label(key)} held at ${formatValue(key, b)}`
          : `${label(key)} ${b > a ? 'rose' : 'fell'} from ${formatValue(key, a)} to ${formatValue(key, b)}`;
    }
    out.push({ message: `${what}: ${move.component} ${fixed(move.delta, 2, { sign: true })}`, delta: move.delta });
  }
  return out;
}

function label(key: string): string {
  return DERIVED_LABELS[key] ?? metric(key).label;
}

/** A value as a driver's sentence writes it: a ratio in %, seconds with "s", big counts with separators. */
export function formatValue(key: string, value: number): string {
  switch (findMetric(key)?.unit ?? 'count') {
    case 'ratio':
      return `${trim(100 * value)}%`;
    case 'seconds':
      return `${trim(value)} s`;
    default:
      return Math.abs(value) >= 100 ? fixed(value, 0, { group: true }) : trim(value);
  }
}

function trim(value: number): string {
  const s = fixed(value, 1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

// ------------------------------------------------------------------------------------------------------- data

/** The daily values split into the window [asOf − w + 1, asOf] and its baseline [asOf − 2w + 1, asOf − w]. */
class Periods {
  readonly windowStart: number;
  readonly baselineStart: number;
  readonly baselineEnd: number;
  private readonly daily: ReadonlyMap<string, DailySeries>;
  readonly asOf: number;

  constructor(daily: ReadonlyMap<string, DailySeries>, asOf: number, windowDays: number) {
    this.daily = daily;
    this.asOf = asOf;
    this.windowStart = asOf - (windowDays - 1);
    this.baselineEnd = this.windowStart - 1;
    this.baselineStart = asOf - (2 * windowDays - 1);
  }

  values(key: string, from: number, to: number): number[] {
    return this.daily.get(key)?.values(from, to) ?? [];
  }

  days(key: string, from: number, to: number): number[] {
    return this.daily.get(key)?.days(from, to) ?? [];
  }

  windowValues(key: string): number[] {
    return this.values(key, this.windowStart, this.asOf);
  }

  baselineValues(key: string): number[] {
    return this.values(key, this.baselineStart, this.baselineEnd);
  }

  window(key: string): number | null {
    const v = this.windowValues(key);
    return v.length === 0 ? null : aggregate(metric(key).aggregation, v);
  }

  baseline(key: string): number | null {
    const v = this.baselineValues(key);
    return v.length === 0 ? null : aggregate(metric(key).aggregation, v);
  }

  /** Σ numerator / Σ denominator over the window or the baseline; null without both or without posts. */
  ratio(numerator: string, denominator: string, inWindow: boolean): number | null {
    const num = inWindow ? this.windowValues(numerator) : this.baselineValues(numerator);
    const den = inWindow ? this.windowValues(denominator) : this.baselineValues(denominator);
    if (num.length === 0 || den.length === 0) {
      return null;
    }
    const posts = sum(den);
    return posts > 0 ? sum(num) / posts : null;
  }

  /** Relative growth of Σ Twitter engagement (the metrics with data in both periods; ±∞ from 0); NaN when unknown. */
  engagementGrowth(): number {
    let w = 0;
    let b = 0;
    let any = false;
    for (const key of ENGAGEMENT) {
      const wv = this.windowValues(key);
      const bv = this.baselineValues(key);
      if (wv.length > 0 && bv.length > 0) {
        any = true;
        for (const x of wv) {
          w += x;
        }
        for (const x of bv) {
          b += x;
        }
      }
    }
    return any ? improvement(w, b, 'higher') : NaN;
  }

  /** The window's trend verdict; null when the metric has no value in the window. */
  trend(key: string): Verdict | null {
    const values = this.windowValues(key);
    if (values.length === 0) {
      return null;
    }
    return seriesVerdict(this.days(key, this.windowStart, this.asOf), values, metric(key).aggregation);
  }
}
