// Shapes of the JSON the backend API sends and receives. Keep every API type in this file.

/** Body of `GET /api/health` (HTTP 200 when healthy, 503 when the database is down). */
export type Health = {
  status: 'ok' | 'unavailable';
  db: 'up' | 'down';
  version: string;
};

/** Body of every API error response; some carry extra fields (e.g. `agencies` on a login 409). */
export type ApiError = {
  status: number;
  message: string;
};

/** A person's role in an agency, from most to least powerful. */
export type Role = 'owner' | 'admin' | 'analyst' | 'viewer';

/** The channels a client can be measured on (see `CHANNELS` in channels.ts for their labels). */
export type ChannelKey =
  | 'website'
  | 'twitter'
  | 'facebook'
  | 'linkedin'
  | 'newsletter'
  | 'search'
  | 'leads'
  | 'polls';

export type UserSummary = { id: string; email: string; name: string };

export type AgencySummary = { id: string; name: string };

/** Answer of signup, login, refresh and accept-invitation. */
export type AuthSession = {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of `accessToken` in seconds. */
  expiresIn: number;
  user: UserSummary;
  agency: AgencySummary;
  role: Role;
  /** Non-null for a "client viewer", limited to that one client. */
  clientId: string | null;
};

/** Body of `GET /api/me`. */
export type Me = {
  user: UserSummary;
  agency: AgencySummary;
  role: Role;
  clientId: string | null;
};

export type SignupRequest = { agencyName: string; name: string; email: string; password: string };

export type LoginRequest = { email: string; password: string; agencyId?: string };

/** Extra field of the 409 a login gets when the person belongs to several agencies. */
export type AgencyChoice = { agencies: AgencySummary[] };

export type AcceptInvitationRequest = { token: string; name: string; password: string };

export type Client = {
  id: string;
  name: string;
  website: string | null;
  timeZone: string;
  /** Channel keys; unknown keys from a newer server are shown as they are. */
  channels: string[];
  createdAt: string;
  updatedAt: string;
  /**
   * The client's current Zoom Factor, as `GET /api/clients` lists it; null when it has no score yet.
   * Absent from answers that do not carry it (e.g. a create or an edit): read it as "unknown", not "no score".
   */
  score?: ClientScoreSummary | null;
};

/** A client's current score in the portfolio (`score` of a client in `GET /api/clients`). */
export type ClientScoreSummary = {
  /** The Zoom Factor, 0..100. */
  value: number;
  /** 0..100 */
  quality: number;
  /** 0..1 */
  coverage: number;
  /** 0..1; below 1 when manufactured engagement was discounted. */
  authenticityFactor: number;
  /** The day the score is for (yyyy-mm-dd). */
  asOf: string;
  /** When it was computed (ISO-8601 instant). */
  computedAt: string;
  methodologyVersion: string;
  /** `value` minus the score at `changeSince`, in points; null when there is no earlier score. */
  change: number | null;
  /** yyyy-mm-dd; null when there is no earlier score. */
  changeSince: string | null;
  /** For a sparkline: each day's last score over the 90 days up to this one, oldest first. */
  recent?: number[];
};

export type CreateClientRequest = {
  name: string;
  website?: string;
  timeZone?: string;
  channels?: string[];
};

export type UpdateClientRequest = {
  name?: string;
  /** `null` clears the website. */
  website?: string | null;
  timeZone?: string;
  channels?: string[];
};

export type Member = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  clientId: string | null;
  joinedAt: string;
};

export type UpdateMemberRequest = { role: Role; clientId?: string | null };

export type Invitation = {
  id: string;
  email: string;
  role: Role;
  clientId: string | null;
  expiresAt: string;
  createdAt: string;
};

export type CreateInvitationRequest = { email: string; role: Role; clientId?: string };

export type CreatedInvitation = Invitation & { token: string; acceptUrl: string };

export type TokenScope = 'read' | 'metrics:write' | 'admin';

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
};

export type CreateApiTokenRequest = {
  name: string;
  scopes: TokenScope[];
  /** ISO-8601 instant. */
  expiresAt?: string;
};

/** Answer of `POST /api/tokens`; `token` is shown once and never again. */
export type CreatedApiToken = ApiToken & { token: string };

// ---- Metrics, observations, imports, posts ------------------------------------------------------

export type MetricUnit = 'count' | 'ratio' | 'seconds' | 'position';

/** Which way is good: `higher` (page views) or `lower` (bounce rate, search position). */
export type Polarity = 'higher' | 'lower';

/** How a metric's days add up to a week or a month. */
export type Aggregation = 'sum' | 'mean' | 'last';

/** What a breakdown metric is broken down by; null for a plain metric. */
export type DimensionKind = 'page' | 'account' | 'list' | 'query';

/** One entry of the metric catalogue, `GET /api/metrics`. */
export type Metric = {
  key: string;
  label: string;
  unit: MetricUnit;
  polarity: Polarity;
  aggregation: Aggregation;
  /** A channel key (see `CHANNELS`). */
  channel: string;
  dimension: DimensionKind | null;
  /** The question the metric answers, for people. */
  question: string;
};

export type Granularity = 'day' | 'week' | 'month';

/** A value on a day (yyyy-mm-dd); for a week or month, the day it starts. */
export type SeriesPoint = { date: string; value: number };

/** A value measured over a whole period (e.g. a monthly figure), not plotted. */
export type PeriodValue = { from: string; to: string; value: number };

export type TrendVerdict = 'up' | 'flat' | 'down';

export type Trend = {
  verdict: TrendVerdict;
  slope: number;
  /** 0..1 */
  confidence: number;
  /** How many points the trend was computed from. */
  n: number;
};

/** Answer of `GET /api/clients/{id}/observations`. */
export type Series = {
  metric: string;
  granularity: Granularity;
  from: string;
  to: string;
  dimension: string | null;
  competitorId: string | null;
  points: SeriesPoint[];
  periods: PeriodValue[];
  trend: Trend;
};

/** The query of `GET /api/clients/{id}/observations`; dates are yyyy-mm-dd. */
export type SeriesQuery = {
  metric: string;
  from: string;
  to: string;
  granularity: Granularity;
  dimension?: string;
  competitorId?: string;
};

/** The query of `GET /api/clients/{id}/dimensions`. */
export type DimensionsQuery = { metric: string; from: string; to: string; limit?: number };

export type DimensionValue = { dimension: string; value: number; observations: number };

/** Answer of `GET /api/clients/{id}/dimensions`: the top values of a breakdown metric, best first. */
export type DimensionBreakdown = {
  metric: string;
  dimension: DimensionKind;
  from: string;
  to: string;
  values: DimensionValue[];
};

/** One point of `POST /api/clients/{id}/observations`. */
export type NewPoint = { metric: string; date: string; value: number; dimension?: string };

export type AddPointsRequest = { points: NewPoint[] };

/** Answer of `POST /api/clients/{id}/observations`. */
export type AddPointsResult = { accepted: number; inserted: number; updated: number; unchanged: number };

/** One entry of `errors` in the 422 of `POST /api/clients/{id}/observations`; `index` is the point's. */
export type PointError = { index: number; field: string; message: string };

/** One entry of `errors` in the 422 of `POST /api/clients/{id}/imports`. */
export type ImportError = { line: number; column?: number; field?: string; message: string };

export type ImportForm = 'long' | 'wide';

/** A point read from a CSV file (first 20 in `ImportResult.preview`). */
export type ImportedPoint = {
  metric: string;
  start: string;
  end: string;
  dimension: string | null;
  competitorId: string | null;
  value: number;
  source: string;
};

/** Answer of `POST /api/clients/{id}/imports` (200 for a dry run, 201 for the import). */
export type ImportResult = {
  dryRun: boolean;
  form: ImportForm;
  rows: number;
  points: number;
  metrics: string[];
  from: string | null;
  to: string | null;
  preview: ImportedPoint[];
  inserted: number;
  updated: number;
  unchanged: number;
};

/** One entry of `GET /api/clients/{id}/posts`. */
export type Post = {
  id: string;
  channel: string;
  externalId: string;
  publishedAt: string;
  text: string;
  url: string | null;
  metrics: Record<string, number>;
  engagement: number;
  engagementRate: number | null;
};

// ---- Zoom Factor score ---------------------------------------------------------------------------

/** The components the Zoom Factor is made of. */
export type ScoreComponentKey =
  | 'attention'
  | 'loyalty'
  | 'reach'
  | 'amplification'
  | 'conversation'
  | 'discoverability'
  | 'momentum';

/** One metric's part in a component of the score. */
export type MetricScore = {
  /** A metric key of the catalogue. */
  metric: string;
  value: number;
  baseline: number | null;
  /** 0..100 */
  normalized: number;
  weight: number;
  contribution: number;
  trend: TrendVerdict | null;
};

export type ComponentScore = {
  key: ScoreComponentKey;
  label: string;
  measured: boolean;
  /** 0..100; null when the component is not measured. */
  score: number | null;
  weight: number;
  /** Points of the score this component brings. */
  contribution: number;
  metrics: MetricScore[];
};

/** Something that lowers the authenticity factor; `discount` is 0..1. */
export type AuthenticitySignal = { key: string; message: string; discount: number };

/** What moved the score since the previous period; `delta` in points. */
export type ScoreDriver = { message: string; delta: number };

/** Answer of `GET /api/clients/{id}/score`. */
export type ZoomFactorScore = {
  clientId: string;
  asOf: string;
  score: number;
  quality: number;
  /** 0..1 */
  coverage: number;
  methodologyVersion: string;
  weights: { byComponent: Record<string, number> };
  /** `factor` is 0..1. */
  authenticity: { factor: number; signals: AuthenticitySignal[] };
  components: ComponentScore[];
  drivers: ScoreDriver[];
};

/** Why a stored score differs from the one before it: new data, or a change of formula (weights or methodology). */
export type ScoreChangeCause = 'data' | 'weights' | 'methodology';

/** One stored score of `GET /api/clients/{id}/score/history`. */
export type ScoreHistoryPoint = {
  /** ISO-8601 instant; the points are in this order. */
  computedAt: string;
  /** The day the score is for (yyyy-mm-dd). */
  asOf: string;
  score: number;
  quality: number;
  /** 0..1 */
  coverage: number;
  /** 0..1 */
  authenticityFactor: number;
  cause: ScoreChangeCause;
  /** The score just before this one; null for the first. */
  previousScore: number | null;
  methodologyVersion: string;
  /** Weight by component key. */
  weights: Record<string, number>;
};

/** Answer of `GET /api/clients/{id}/score/history[?from=&to=]` (the last 90 days when neither is given). */
export type ScoreHistory = {
  clientId: string;
  from: string;
  to: string;
  points: ScoreHistoryPoint[];
};

// ---- Annotations and the activity feed -----------------------------------------------------------

/** Who wrote an annotation or did something (the id is null for a machine, e.g. an API token). */
export type Person = { id: string; name: string };

/** A note on a client's timeline, `GET /api/clients/{id}/annotations`. */
export type Annotation = {
  id: string;
  clientId: string;
  /** The day it is about (yyyy-mm-dd). */
  date: string;
  /** 1–500 characters. */
  text: string;
  /** A catalogue metric key; null when it is about the client as a whole. */
  metric: string | null;
  /** Null when its author is gone. */
  createdBy: Person | null;
  createdAt: string;
  updatedAt: string;
};

/** Body of `POST /api/clients/{id}/annotations`. */
export type CreateAnnotationRequest = { date: string; text: string; metric?: string };

/** Body of `PATCH /api/clients/{id}/annotations/{annotationId}`: only the fields that change; `metric: null` clears it. */
export type UpdateAnnotationRequest = { date?: string; text?: string; metric?: string | null };

/** One metric in an annotation's impact: its value over the days after against the days before. */
export type MetricImpact = {
  metric: string;
  before: number;
  after: number;
  change: number;
  /** `change` over `before`; null when `before` is zero. */
  relativeChange: number | null;
  /** The trend test over both periods together. */
  verdict: TrendVerdict;
  /** 0..1 */
  confidence: number;
  /** Moved significantly in the metric's good direction. */
  improved: boolean;
  /** How many values each period had (not the values themselves). */
  valuesBefore: number;
  valuesAfter: number;
};

/** The last recorded score in each period; null when there was none. */
export type ScoreImpact = { before: number | null; after: number | null; change: number | null };

/** Answer of `GET /api/clients/{id}/annotations/{annotationId}/impact?days=`. */
export type AnnotationImpact = {
  annotation: Annotation;
  days: number;
  metrics: MetricImpact[];
  score: ScoreImpact;
};

/** Known kinds of activity (a newer server may send others: show their summary all the same). */
export type ActivityKind = 'annotation.created' | 'annotation.updated' | 'annotation.deleted' | 'weights.changed' | 'data.imported';

/** One entry of a client's activity feed. */
export type ActivityEntry = {
  id: number;
  /** ISO-8601 instant. */
  at: string;
  actor: { id: string | null; name: string };
  kind: ActivityKind | (string & {});
  summary: string;
};

/** Answer of `GET /api/clients/{id}/activity[?before=&limit=]`: newest first; `next` is the `before` of the next page. */
export type ActivityPage = { entries: ActivityEntry[]; next: number | null };

// ---- Goals, comments and notifications ----------------------------------------------------------

/** How a goal is doing: its projection to the deadline against the target (`unknown`: fewer than 7 recent values). */
export type GoalStatus = 'reached' | 'on_track' | 'at_risk' | 'off_track' | 'missed' | 'unknown';

/** A target for a metric (over a trailing window) or for the Zoom Factor, `GET /api/clients/{id}/goals`. */
export type Goal = {
  id: string;
  clientId: string;
  /** A catalogue metric key, or "score" for the Zoom Factor. */
  metric: string;
  target: number;
  /** yyyy-mm-dd */
  deadline: string;
  /** The trailing window a metric is measured over (1–90 days). */
  windowDays: number;
  /** The value when the goal was set. */
  startValue: number | null;
  current: number | null;
  /** 0..1 from `startValue` to `target`. */
  progress: number | null;
  /** The value the trend projects at the deadline. */
  projected: number | null;
  slopePerDay: number | null;
  status: GoalStatus;
  createdAt: string;
  updatedAt: string;
};

/** Body of `POST /api/clients/{id}/goals`; no `metric` (or "score") is the Zoom Factor. */
export type CreateGoalRequest = { metric?: string; target: number; deadline: string; windowDays?: number };

/** Body of `PATCH /api/clients/{id}/goals/{goalId}`: only the fields that change. */
export type UpdateGoalRequest = { target?: number; deadline?: string; windowDays?: number };

/** A comment: a thread's first comment (with its `replies`) or a reply (`parentId` set). */
export type Comment = {
  id: string;
  clientId: string;
  parentId: string | null;
  /** The metric the thread is pinned to, if any. */
  metric: string | null;
  /** The day (yyyy-mm-dd) of the metric it is pinned to, if any. */
  date: string | null;
  /** The fired alert the thread is pinned to, if any. */
  alertId?: string | null;
  /** Up to 2000 characters. */
  text: string;
  /** Null when its author is gone. */
  author: Person | null;
  /** User ids of the members mentioned. */
  mentions: string[];
  createdAt: string;
  updatedAt: string;
  /** A thread's replies, oldest first (empty for a reply). */
  replies: Comment[];
};

/** Body of `POST /api/clients/{id}/comments`: a new thread, or a reply with `parentId`; `date` needs `metric`. */
export type CreateCommentRequest = {
  text: string;
  metric?: string;
  date?: string;
  alertId?: string;
  parentId?: string;
  mentions?: string[];
};

/** Body of `PATCH /api/clients/{id}/comments/{commentId}` (the author's alone). */
export type UpdateCommentRequest = { text: string; mentions?: string[] };

/** One of the signed-in person's notifications, `GET /api/notifications`. */
export type UserNotification = {
  /** A number (the server's sequence), not a UUID. */
  id: number;
  personId: string;
  clientId: string;
  kind: 'mention' | 'alert' | (string & {});
  commentId: string | null;
  /** The fired alert, for kind `alert`. */
  alertId?: string | null;
  summary: string;
  createdAt: string;
  /** Null while unread. */
  readAt: string | null;
};

// ---- Alerts --------------------------------------------------------------------------------------

export type AlertRuleKind = 'threshold' | 'adaptive';

/** `above`/`below` for a threshold; an adaptive band may also be watched `either` way. */
export type AlertDirection = 'above' | 'below' | 'either';

/** A rule of `GET /api/clients/{id}/alert-rules`. */
export type AlertRule = {
  id: string;
  clientId: string;
  kind: AlertRuleKind;
  /** A catalogue metric key, or "score" for the Zoom Factor (threshold rules only). */
  metric: string;
  direction: AlertDirection;
  /** A threshold rule's line; null for adaptive rules. */
  threshold: number | null;
  enabled: boolean;
  /** yyyy-mm-dd: the first day it watches. */
  activeFrom: string;
  createdAt: string;
  updatedAt: string;
};

/** Body of `POST /api/clients/{id}/alert-rules`. */
export type CreateAlertRuleRequest = {
  kind: AlertRuleKind;
  metric: string;
  direction?: AlertDirection;
  threshold?: number;
  enabled?: boolean;
};

/** Body of `PATCH /api/clients/{id}/alert-rules/{ruleId}` (kind and metric are fixed). */
export type UpdateAlertRuleRequest = { direction?: AlertDirection; threshold?: number; enabled?: boolean };

/** A fired alert, `GET /api/clients/{id}/alerts`. */
export type Alert = {
  id: string;
  clientId: string;
  ruleId: string;
  kind: AlertRuleKind;
  metric: string;
  /** yyyy-mm-dd: the day that breached. */
  day: string;
  value: number;
  threshold: number | null;
  bandLow: number | null;
  bandHigh: number | null;
  baseline: number | null;
  /** Why, in words. */
  message: string;
  firedAt: string;
  state: 'open' | 'acknowledged';
  acknowledgement: { by: string | null; name: string | null; at: string; note: string | null } | null;
};

/** Answer of `POST /api/notifications/read-all`. */
export type MarkedRead = { marked: number };

// ---- Share links ---------------------------------------------------------------------------------

/** A link that shows one client's dashboard read-only to whoever holds it, `GET /api/clients/{id}/share-links`. */
export type ShareLink = {
  id: string;
  clientId: string;
  createdAt: string;
  /** Null once the person who made it is gone. */
  createdBy: Person | null;
  expiresAt: string | null;
  passwordProtected: boolean;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
};

/** Body of `POST /api/clients/{id}/share-links`. */
export type CreateShareLinkRequest = { expiresAt?: string; password?: string };

/** Answer of that POST: the only time the link's token is shown; `url` is the app's path `/shared/<token>`. */
export type CreatedShareLink = {
  id: string;
  clientId: string;
  url: string;
  token: string;
  createdAt: string;
  expiresAt: string | null;
  passwordProtected: boolean;
};

/** Answer of `POST /api/shared/{token}/unlock`: send `grant` in the `header` named. */
export type ShareGrant = { grant: string; header: string; expiresInSeconds: number };

/** Answer of `GET /api/shared/{token}`: the client's dashboard as the link's holder sees it. */
export type SharedDashboard = {
  client: { name: string; timeZone: string; channels: string[] };
  from: string;
  to: string;
  expiresAt: string | null;
  score: ZoomFactorScore;
  scoreHistory: { from: string; to: string; points: ScoreHistoryPoint[]; truncated: boolean };
  /** The catalogue entries of the metrics in `series`. */
  metrics: Metric[];
  series: Series[];
  annotations: { id: string; date: string; text: string; metric: string | null }[];
  goals: Goal[];
};

// ---- Live channel --------------------------------------------------------------------------------

/** Answer of `POST /api/live/ticket`: a single-use ticket to open `/api/live`, valid `expiresIn` seconds. */
export type LiveTicket = { ticket: string; expiresIn: number };
