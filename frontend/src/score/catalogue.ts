/** The facts of each catalogue metric the score reads: how its days make a period, which way is good, its unit. */

export type Aggregation = 'sum' | 'mean' | 'last';
export type Polarity = 'higher' | 'lower';
export type Unit = 'count' | 'ratio' | 'seconds' | 'position';

export type MetricFacts = {
  key: string;
  label: string;
  unit: Unit;
  polarity: Polarity;
  aggregation: Aggregation;
};

function m(key: string, label: string, unit: Unit, polarity: Polarity, aggregation: Aggregation): MetricFacts {
  return { key, label, unit, polarity, aggregation };
}

// The product's metric catalogue (GET /api/metrics), carried here because the engine is pure and works offline:
// a metric's aggregation and polarity are part of the methodology, so they must not depend on a request.
const ALL: readonly MetricFacts[] = [
  m("web.pageviews", "Page views", "count", "higher", "sum"),
  m("web.unique_visitors", "Unique visitors", "count", "higher", "sum"),
  m("web.returning_visitors", "Returning visitors", "count", "higher", "sum"),
  m("web.returning_visitor_share", "Returning visitor share", "ratio", "higher", "mean"),
  m("web.bounce_rate", "Bounce rate", "ratio", "lower", "mean"),
  m("web.time_on_page", "Average time on page", "seconds", "higher", "mean"),
  m("web.pages_per_visit", "Pages per visit", "count", "higher", "mean"),
  m("web.sessions", "Sessions", "count", "higher", "sum"),
  m("web.engagement_rate", "Engaged session share", "ratio", "higher", "mean"),
  m("web.key_events", "Key events (conversions)", "count", "higher", "sum"),
  m("twitter.posts", "Posts", "count", "higher", "sum"),
  m("twitter.retweets", "Retweets", "count", "higher", "sum"),
  m("twitter.mentions", "Mentions", "count", "higher", "sum"),
  m("twitter.replies", "Replies", "count", "higher", "sum"),
  m("twitter.followers", "Followers", "count", "higher", "last"),
  m("twitter.list_additions", "List additions", "count", "higher", "sum"),
  m("twitter.impressions", "Impressions", "count", "higher", "sum"),
  m("twitter.likes", "Likes", "count", "higher", "sum"),
  m("twitter.engagements", "Engagements", "count", "higher", "sum"),
  m("twitter.link_clicks", "Link clicks", "count", "higher", "sum"),
  m("twitter.profile_visits", "Profile visits", "count", "higher", "sum"),
  m("twitter.new_follows", "New follows", "count", "higher", "sum"),
  m("twitter.unfollows", "Unfollows", "count", "lower", "sum"),
  m("facebook.page_visitors", "Page visitors", "count", "higher", "sum"),
  m("facebook.non_fan_visitor_share", "Visitors who have not liked the page", "ratio", "lower", "mean"),
  m("facebook.posts", "Posts", "count", "higher", "sum"),
  m("facebook.post_impressions", "Post impressions", "count", "higher", "sum"),
  m("facebook.post_comments", "Post comments", "count", "higher", "sum"),
  m("facebook.post_likes", "Post likes", "count", "higher", "sum"),
  m("facebook.post_shares", "Post shares", "count", "higher", "sum"),
  m("facebook.reach", "Reach", "count", "higher", "sum"),
  m("facebook.interactions", "Content interactions", "count", "higher", "sum"),
  m("facebook.link_clicks", "Link clicks", "count", "higher", "sum"),
  m("facebook.new_follows", "New follows", "count", "higher", "sum"),
  m("linkedin.search_appearances", "Search appearances", "count", "higher", "sum"),
  m("linkedin.answers", "Q&A answers", "count", "higher", "sum"),
  m("linkedin.post_comments", "Post comments", "count", "higher", "sum"),
  m("linkedin.followers", "Followers", "count", "higher", "last"),
  m("linkedin.new_followers", "New followers", "count", "higher", "sum"),
  m("linkedin.impressions", "Post impressions", "count", "higher", "sum"),
  m("linkedin.clicks", "Post clicks", "count", "higher", "sum"),
  m("linkedin.reactions", "Post reactions", "count", "higher", "sum"),
  m("linkedin.shares", "Post shares", "count", "higher", "sum"),
  m("linkedin.page_views", "Page views", "count", "higher", "sum"),
  m("linkedin.unique_visitors", "Unique page visitors", "count", "higher", "sum"),
  m("newsletter.subscribers", "Subscribers", "count", "higher", "last"),
  m("newsletter.new_subscribers", "New subscribers", "count", "higher", "sum"),
  m("newsletter.unsubscribes", "Unsubscribes", "count", "lower", "sum"),
  m("newsletter.emails_sent", "Emails delivered", "count", "higher", "sum"),
  m("newsletter.open_rate", "Open rate", "ratio", "higher", "mean"),
  m("newsletter.click_rate", "Click rate", "ratio", "higher", "mean"),
  m("search.avg_position", "Average search position", "position", "lower", "mean"),
  m("search.clicks", "Search clicks", "count", "higher", "sum"),
  m("search.impressions", "Search impressions", "count", "higher", "sum"),
  m("search.ctr", "Search click-through rate", "ratio", "higher", "mean"),
  m("leads.optins", "Opt-ins", "count", "higher", "sum"),
  m("polls.responses", "Poll responses", "count", "higher", "sum"),
];

const BY_KEY = new Map(ALL.map((metric) => [metric.key, metric]));

/** The catalogue metric of that key; throws for a key the product does not know (a bug, not bad data). */
export function metric(key: string): MetricFacts {
  const found = BY_KEY.get(key);
  if (found === undefined) {
    throw new Error(`unknown metric ${key}`);
  }
  return found;
}

/** The catalogue metric of that key, or undefined. */
export function findMetric(key: string): MetricFacts | undefined {
  return BY_KEY.get(key);
}

/** One value for a period from its values in date order (at least one). */
export function aggregate(aggregation: Aggregation, values: readonly number[]): number {
  if (values.length === 0) {
    throw new Error('no values to aggregate');
  }
  switch (aggregation) {
    case 'sum':
      return sum(values);
    case 'mean':
      return sum(values) / values.length;
    case 'last':
      return values[values.length - 1] as number;
  }
}

/** Left-to-right sum, the order the methodology's sums are taken in. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    total += v;
  }
  return total;
}
