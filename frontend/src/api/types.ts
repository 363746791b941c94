// Shapes of the JSON the backend API sends and receives. Keep every API type in this file.
// Most are the schemas of the API's document (backend/src/main/resources/openapi/openapi.json), generated into
// schema.d.ts by `npm run generate:api` (run before dev, lint, typecheck and build): a server change that the SPA
// does not follow is a type error here. The rest (queries, unions the SPA narrows) are written by hand.
import type { components, paths } from './schema';

type Schemas = components['schemas'];
/** The JSON body of a documented response (for answers the document describes inline). */
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** Body of `GET /api/health` (HTTP 200 when healthy, 503 when the database is down). */
export type Health = Schemas['Health'];

/** Body of every API error response; some carry extra fields (e.g. `agencies` on a login 409). */
export type ApiError = Schemas['Error'];

/** A person's role in an agency, from most to least powerful. */
export type Role = 'owner' | 'admin' | 'analyst' | 'viewer';

/** The channels a client can be measured on (see `CHANNELS` in channels.ts for their labels). */
export type ChannelKey = Schemas['Client']['channels'][number];

export type UserSummary = Schemas['User'];

export type AgencySummary = Schemas['Agency'];

/** Answer of signup, login, refresh and accept-invitation. */
export type AuthSession = Schemas['AuthSession'];

/** Body of `GET /api/me`. */
export type Me = Schemas['Me'];

export type SignupRequest = { agencyName: string; name: string; email: string; password: string };

export type LoginRequest = { email: string; password: string; agencyId?: string };

/** Extra field of the 409 a login gets when the person belongs to several agencies. */
export type AgencyChoice = { agencies: AgencySummary[] };

export type AcceptInvitationRequest = { token: string; name: string; password: string };

/** Body of `GET`/`PUT /api/me/notification-preferences`: per topic, how the caller hears of it; whether mail is on. */
export type NotificationPreferences = Schemas['NotificationPreferences'];

/** A topic a person chooses a delivery for (mentions, alerts). */
export type NotificationTopic = keyof NotificationPreferences['topics'];

/** How a topic reaches the person: in the app only, by e-mail at once, or in the daily digest. */
export type NotificationDelivery = NotificationPreferences['topics']['mention'];

/** Body of `PUT /api/me/notification-preferences`: the topics to change. */
export type NotificationPreferencesWrite = Schemas['NotificationPreferencesWrite'];

export type Client = Schemas['Client'];

/** A client's current score in the portfolio (`score` of a client in `GET /api/clients`). */
export type ClientScoreSummary = Schemas['ScoreSummary'];

// Written by hand: the client form keeps channel keys it does not know, as strings (the server checks them).
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

export type Member = Schemas['Member'];

export type UpdateMemberRequest = Schemas['MemberUpdate'];

export type Invitation = Schemas['Invitation'];

export type CreateInvitationRequest = Schemas['InvitationCreate'];

export type CreatedInvitation = Schemas['CreatedInvitation'];

export type TokenScope = 'read' | 'metrics:write' | 'admin';

export type ApiToken = Schemas['ApiToken'];

export type CreateApiTokenRequest = Schemas['ApiTokenCreate'];

/** Answer of `POST /api/tokens`; `token` is shown once and never again. */
export type CreatedApiToken = Schemas['CreatedApiToken'];

// ---- Metrics, observations, imports, posts ------------------------------------------------------

export type MetricUnit = 'count' | 'ratio' | 'seconds' | 'position';

/** Which way is good: `higher` (page views) or `lower` (bounce rate, search position). */
export type Polarity = 'higher' | 'lower';

/** How a metric's days add up to a week or a month. */
export type Aggregation = 'sum' | 'mean' | 'last';

/** What a breakdown metric is broken down by; null for a plain metric. */
export type DimensionKind = 'page' | 'account' | 'list' | 'query';

/** One entry of the metric catalogue, `GET /api/metrics`. */
export type Metric = Schemas['Metric'];

export type Granularity = 'day' | 'week' | 'month';

/** A value on a day (yyyy-mm-dd); for a week or month, the day it starts. */
export type SeriesPoint = Schemas['Series']['points'][number];

/** A value measured over a whole period (e.g. a monthly figure), not plotted. */
export type PeriodValue = Schemas['PeriodValue'];

export type TrendVerdict = 'up' | 'flat' | 'down';

export type Trend = Schemas['Trend'];

/** Answer of `GET /api/clients/{id}/observations`. */
export type Series = Schemas['Series'];

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

export type DimensionValue = Schemas['DimensionValue'];

/** Answer of `GET /api/clients/{id}/dimensions`: the top values of a breakdown metric, best first. */
export type DimensionBreakdown = Schemas['TopDimensions'];

/** Answer of `GET /api/clients/{id}/metrics/measured`: the metrics the client has observations of, by key. */
export type MeasuredMetrics = Schemas['MeasuredMetrics'];

export type MeasuredMetric = Schemas['MeasuredMetric'];

/** One point of `POST /api/clients/{id}/observations`. */
export type NewPoint = { metric: string; date: string; value: number; dimension?: string };

export type AddPointsRequest = Schemas['ObservationBatch'];

/** Answer of `POST /api/clients/{id}/observations`. */
export type AddPointsResult = Schemas['WriteResult'];

/** One entry of `errors` in the 422 of `POST /api/clients/{id}/observations`; `index` is the point's. */
export type PointError = Schemas['PointError'];

/**
 * One problem of an imported file, in the 422 of `POST /api/clients/{id}/imports` and in a failed import's `errors`:
 * its `sheet` (the CSV entry of a zip, the worksheet of a workbook, "the file" for a plain file) and `line` (0: the
 * sheet or file as a whole).
 */
export type ImportError = Schemas['PointError'];

export type ImportForm = 'long' | 'wide';

/** A point read from an imported file (the first 20 in `ImportJob.preview`). */
export type ImportedPoint = Schemas['Import']['preview'][number];

/** The states of an import: queued and running are still under way (poll it); done and failed are final. */
export type ImportState = Schemas['Import']['state'];

/**
 * An import, a durable job on the server: the answer of `POST /api/clients/{id}/imports` (200 for a dry run done,
 * 201 for an import done, 202 while it runs), of `GET …/imports/{importId}` and each entry of `GET …/imports`.
 */
export type ImportJob = Schemas['Import'];

/** One entry of `GET /api/clients/{id}/posts`. */
export type Post = Schemas['Post'];

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
export type MetricScore = ComponentScore['metrics'][number];

export type ComponentScore = Schemas['ZoomFactor']['components'][number];

/** Something that lowers the authenticity factor; `discount` is 0..1. */
export type AuthenticitySignal = Schemas['ZoomFactor']['authenticity']['signals'][number];

/** What moved the score since the previous period; `delta` in points. */
export type ScoreDriver = Schemas['ZoomFactor']['drivers'][number];

/** Answer of `GET /api/clients/{id}/score`. */
export type ZoomFactorScore = Schemas['ZoomFactor'];

/** The days a score read its values over (`days` up to its `asOf`), as its answer says. */
export type ScoreWindow = Schemas['ZoomFactor']['window'];

/** Answer of `GET /api/clients/{id}/score/inputs`: the raw data the score of a day is computed from. */
export type ScoreInputs = Schemas['ScoreInput'];

/** Why a stored score differs from the one before it: new data, or a change of formula (weights or methodology). */
export type ScoreChangeCause = 'data' | 'weights' | 'methodology';

/** One stored score of `GET /api/clients/{id}/score/history`. */
export type ScoreHistoryPoint = Schemas['ScoreSnapshot'];

/** Answer of `GET /api/clients/{id}/score/history[?from=&to=]` (the last 90 days when neither is given). */
export type ScoreHistory = Schemas['ScoreHistory'];

// ---- Annotations and the activity feed -----------------------------------------------------------

/** Who wrote an annotation or did something (the id is null for a machine, e.g. an API token). */
export type Person = { id: string; name: string };

/** A note on a client's timeline, `GET /api/clients/{id}/annotations`. */
export type Annotation = Schemas['Annotation'];

/** Body of `POST /api/clients/{id}/annotations`. */
export type CreateAnnotationRequest = { date: string; text: string; metric?: string; visibility?: AnnotationVisibility };

/** internal: the team's note (on no client-facing page unless chosen); public: meant for the client. */
export type AnnotationVisibility = Annotation['visibility'];

/** Body of `PATCH /api/clients/{id}/annotations/{annotationId}`: only the fields that change; `metric: null` clears it. */
export type UpdateAnnotationRequest = {
  date?: string;
  text?: string;
  metric?: string | null;
  visibility?: AnnotationVisibility;
};

/** One metric in an annotation's impact: its value over the days after against the days before. */
export type MetricImpact = Schemas['MetricImpact'];

/** The last recorded score in each period; null when there was none. */
export type ScoreImpact = Schemas['AnnotationImpact']['score'];

/** Answer of `GET /api/clients/{id}/annotations/{annotationId}/impact?days=`. */
export type AnnotationImpact = Schemas['AnnotationImpact'];

/** Known kinds of activity (a newer server may send others: show their summary all the same). */
export type ActivityKind = 'annotation.created' | 'annotation.updated' | 'annotation.deleted' | 'weights.changed' | 'data.imported';

/** One entry of a client's activity feed. */
export type ActivityEntry = Schemas['ActivityPage']['entries'][number];

/** Answer of `GET /api/clients/{id}/activity[?before=&limit=]`: newest first; `next` is the `before` of the next page. */
export type ActivityPage = Schemas['ActivityPage'];

// ---- Goals, comments and notifications ----------------------------------------------------------

/** How a goal is doing: its projection to the deadline against the target (`unknown`: fewer than 7 recent values). */
export type GoalStatus = 'reached' | 'on_track' | 'at_risk' | 'off_track' | 'missed' | 'unknown';

/** A target for a metric (over a trailing window) or for the Zoom Factor, `GET /api/clients/{id}/goals`. */
export type Goal = Schemas['Goal'];

/** Body of `POST /api/clients/{id}/goals`; no `metric` (or "score") is the Zoom Factor. */
export type CreateGoalRequest = { metric?: string; target: number; deadline: string; windowDays?: number };

/** Body of `PATCH /api/clients/{id}/goals/{goalId}`: only the fields that change. */
export type UpdateGoalRequest = { target?: number; deadline?: string; windowDays?: number };

/** A comment: a thread's first comment (with its `replies`) or a reply (`parentId` set). */
export type Comment = Schemas['Comment'];

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
export type UserNotification = Schemas['Notification'];

// ---- Alerts --------------------------------------------------------------------------------------

export type AlertRuleKind = 'threshold' | 'adaptive';

/** `above`/`below` for a threshold; an adaptive band may also be watched `either` way. */
export type AlertDirection = 'above' | 'below' | 'either';

/** A rule of `GET /api/clients/{id}/alert-rules`. */
export type AlertRule = Schemas['AlertRule'];

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
export type Alert = Schemas['Alert'];

/** Answer of `POST /api/notifications/read-all`. */
export type MarkedRead = Json<paths['/api/notifications/read-all']['post']['responses'][200]>;

// ---- Share links ---------------------------------------------------------------------------------

/** A link that shows one client's dashboard read-only to whoever holds it, `GET /api/clients/{id}/share-links`. */
export type ShareLink = Schemas['ShareLink'];

/** Body of `POST /api/clients/{id}/share-links`. */
export type CreateShareLinkRequest = {
  expiresAt?: string;
  password?: string;
  shows?: ShareChoices;
  defaultDays?: number;
};

/** Body of `PATCH /api/clients/{id}/share-links/{linkId}`: what the link shows from now on (fields left out keep theirs). */
export type UpdateShareLinkRequest = {
  shows?: ShareChoices;
  defaultDays?: number;
};

/** What a share link shows: the score, which metrics (null: all), which annotations, the goals. */
export type ShareChoices = Omit<ShareContent, 'defaultDays'>;

/** A link's chosen content, as the API answers it. */
export type ShareContent = Schemas['ShareContent'];

/** Answer of that POST: the only time the link's token is shown; `url` is the app's path `/shared/<token>`. */
export type CreatedShareLink = Schemas['CreatedShareLink'];

/** Answer of `POST /api/shared/{token}/unlock`: send `grant` in the `header` named. */
export type ShareGrant = Json<paths['/api/shared/{token}/unlock']['post']['responses'][200]>;

/** Answer of `GET /api/shared/{token}`: the client's dashboard as the link's holder sees it. */
export type SharedDashboard = Schemas['SharedDashboard'];

// ---- The agency's white label ---------------------------------------------------------------------

/** `GET /api/agency/branding`: how the agency presents itself on reports and shared dashboards. */
export type Branding = Schemas['Branding'];

/** Body of `PUT /api/agency/branding`: absent or null fields take their defaults. */
export type BrandingRequest = { name?: string; colour?: string; footer?: string; poweredBy: boolean };

/** The branding a shared dashboard carries. */
export type SharedBranding = SharedDashboard['branding'];

// ---- Web analytics -------------------------------------------------------------------------------

/** A tracked website of a client, with its snippet, `GET /api/clients/{id}/sites`. */
export type Site = Schemas['Site'];

/** Answer of `GET /api/clients/{id}/web/stats`: the period's figures and the period before's. */
export type WebStats = Schemas['WebStats'];

/** Answer of `GET /api/clients/{id}/web/breakdown`. */
export type WebBreakdown = Schemas['WebBreakdown'];

/** What a breakdown groups by. */
export type WebBreakdownBy = WebBreakdown['by'];

/** Answer of `GET /api/clients/{id}/web/realtime`, and the data of a `web` live event: visitors now. */
export type WebRealtime = Schemas['WebRealtime'];

// ---- Live channel --------------------------------------------------------------------------------

/** Answer of `POST /api/live/ticket`: a single-use ticket to open `/api/live`, valid `expiresIn` seconds. */
export type LiveTicket = Json<paths['/api/live/ticket']['post']['responses'][201]>;

// ---- Delivery: scheduled reports, their review, webhooks, the outbox -----------------------------

/** A client's report schedule, `GET /api/clients/{id}/report-schedules` (the hour is in the client's zone). */
export type ReportSchedule = Required<Schemas['ReportSchedule']>;
export type ReportUnsubscribe = Schemas['ReportUnsubscribe'];

/** Body of `POST`/`PATCH …/report-schedules`. */
export type ReportScheduleWrite = Schemas['ReportScheduleWrite'];

/** Answer of `POST …/report-schedules/{scheduleId}/send`. */
export type ReportSent = Schemas['ReportSent'];

/** A scheduled report waiting for review (or decided), `GET /api/report-reviews`. */
export type ReportReview = Required<Schemas['ReportReview']>;

/** A webhook as listed (its secret is shown once, on creation). */
export type Webhook = Schemas['Webhook'];

/** Answer of `POST /api/webhooks`: the webhook with its secret. */
export type CreatedWebhook = Schemas['CreatedWebhook'];

/** Body of `POST /api/webhooks`. */
export type WebhookCreate = Schemas['WebhookCreate'];

/** An event a webhook can subscribe to. */
export type WebhookEvent = Webhook['events'][number];

/** One e-mail to one recipient or one webhook call, with its attempts (`GET /api/deliveries`). */
export type Delivery = Schemas['Delivery'];

/** A delivery's state, which the deliveries screen filters by. */
export type DeliveryState = Delivery['state'];

/** Answer of the unsubscribe link's `POST /api/unsubscribe`. */
export type Unsubscribed = Schemas['Unsubscribed'];
