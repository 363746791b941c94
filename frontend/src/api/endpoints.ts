import { apiRequest, downloadRequest, uploadRequest, type ApiRequestInit } from './client.ts';
import type {
  ActivityPage,
  AddPointsRequest,
  Annotation,
  AnnotationImpact,
  AddPointsResult,
  Branding,
  BrandingRequest,
  ApiToken,
  Client,
  Comment,
  CreateCommentRequest,
  Alert,
  AlertRule,
  CreateAlertRuleRequest,
  CreateGoalRequest,
  Goal,
  MarkedRead,
  UpdateCommentRequest,
  UpdateAlertRuleRequest,
  UpdateGoalRequest,
  UserNotification,
  NotificationPreferences,
  NotificationPreferencesWrite,
  CreateApiTokenRequest,
  CreateAnnotationRequest,
  CreateClientRequest,
  CreatedApiToken,
  CreatedShareLink,
  CreateShareLinkRequest,
  ShareGrant,
  SharedDashboard,
  ShareLink,
  UpdateShareLinkRequest,
  CreatedInvitation,
  CreateInvitationRequest,
  DimensionBreakdown,
  MeasuredMetrics,
  DimensionsQuery,
  ImportJob,
  LiveTicket,
  Invitation,
  Me,
  Member,
  Person,
  Metric,
  Post,
  ScoreHistory,
  ScoreInputs,
  Series,
  SeriesQuery,
  UpdateAnnotationRequest,
  UpdateClientRequest,
  UpdateMemberRequest,
  ZoomFactorScore,
  CreatedWebhook,
  Delivery,
  DeliveryState,
  ReportReview,
  ReportSchedule,
  ReportUnsubscribe,
  ReportScheduleWrite,
  ReportSent,
  Unsubscribed,
  Webhook,
  WebhookCreate,
  Site,
  WebBreakdown,
  WebBreakdownBy,
  WebRealtime,
  WebStats,
} from './types.ts';

/**
 * Performs an authenticated API call (the session store's `request`: bearer token, one refresh and
 * retry on 401). Every endpoint below takes one, so components and tests choose how calls are made.
 */
export type Requester = <T>(path: string, init?: Omit<ApiRequestInit, 'accessToken'>) => Promise<T>;

/**
 * Runs a call that needs the access token (e.g. an XMLHttpRequest upload) the way `Requester` does:
 * the current token, then one refresh and one retry on a 401. It is the session store's `authorized`.
 */
export type Authorized = <T>(call: (accessToken: string | null) => Promise<T>, signal?: AbortSignal) => Promise<T>;

const id = encodeURIComponent;

/** `?a=1&b=2` of the defined values (an empty string when none). */
function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export const api = {
  me: (request: Requester, signal?: AbortSignal) => request<Me>('/api/me', { signal }),

  listClients: (request: Requester, signal?: AbortSignal) => request<Client[]>('/api/clients', { signal }),
  createClient: (request: Requester, body: CreateClientRequest) =>
    request<Client>('/api/clients', { method: 'POST', body }),
  /** The agency's demo client, filled with generated data; 409 when it has one already. */
  createDemoClient: (request: Requester) => request<Client>('/api/clients/demo', { method: 'POST' }),
  updateClient: (request: Requester, clientId: string, body: UpdateClientRequest) =>
    request<Client>(`/api/clients/${id(clientId)}`, { method: 'PATCH', body }),
  deleteClient: (request: Requester, clientId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}`, { method: 'DELETE' }),
  getClient: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<Client>(`/api/clients/${id(clientId)}`, { signal }),

  listMetrics: (request: Requester, signal?: AbortSignal) => request<Metric[]>('/api/metrics', { signal }),
  getSeries: (request: Requester, clientId: string, q: SeriesQuery, signal?: AbortSignal) =>
    request<Series>(
      `/api/clients/${id(clientId)}/observations${query({
        metric: q.metric,
        from: q.from,
        to: q.to,
        granularity: q.granularity,
        dimension: q.dimension,
        competitorId: q.competitorId,
      })}`,
      { signal },
    ),
  getDimensions: (request: Requester, clientId: string, q: DimensionsQuery, signal?: AbortSignal) =>
    request<DimensionBreakdown>(
      `/api/clients/${id(clientId)}/dimensions${query({ metric: q.metric, from: q.from, to: q.to, limit: q.limit })}`,
      { signal },
    ),
  listMeasuredMetrics: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<MeasuredMetrics>(`/api/clients/${id(clientId)}/metrics/measured`, { signal }),
  /** A 422 carries `details.errors`: `PointError[]`. */
  addPoints: (request: Requester, clientId: string, body: AddPointsRequest) =>
    request<AddPointsResult>(`/api/clients/${id(clientId)}/observations`, { method: 'POST', body }),
  /**
   * Sends a file to import (any export: CSV, zip, .xls/.xlsx; the server tells the format by its content) as the raw
   * body, through XMLHttpRequest so the upload reports its progress; `dryRun` only checks it. Answers the import: done
   * (or, for a dry run, checked), or still `queued`/`running` (a 202: poll `getImport`). A failed import is a 422
   * ApiRequestError whose `details` hold `errors` (`ImportError[]`), `errorCount` and `importId`; 413: too big.
   */
  uploadImport: (
    authorized: Authorized,
    clientId: string,
    file: Blob,
    options: { dryRun: boolean; fileName?: string },
    onUploadProgress: (loaded: number, total: number) => void,
    signal?: AbortSignal,
  ) =>
    authorized(
      (accessToken) =>
        uploadRequest<ImportJob>(`/api/clients/${id(clientId)}/imports${query({ dryRun: options.dryRun })}`, {
          body: file,
          contentType: 'application/octet-stream',
          headers: options.fileName === undefined || options.fileName === '' ? {} : { 'X-File-Name': encodeURIComponent(options.fileName) },
          accessToken,
          signal,
          onUploadProgress,
        }),
      signal,
    ),
  /** One import: its state, progress (bytes and rows read, points written) and, once ended, its outcome. */
  getImport: (request: Requester, clientId: string, importId: string, signal?: AbortSignal) =>
    request<ImportJob>(`/api/clients/${id(clientId)}/imports/${id(importId)}`, { signal }),
  /** The client's 50 most recent imports, newest first (running ones included). */
  listImports: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<ImportJob[]>(`/api/clients/${id(clientId)}/imports`, { signal }),
  /**
   * The client's report for from..to (yyyy-mm-dd) as a file: the PDF or the CSV of its series and scores. The PDF
   * shows public annotations unless `annotations` asks for all (internal ones too) or none.
   */
  downloadReport: (
    authorized: Authorized,
    clientId: string,
    format: 'pdf' | 'csv',
    range: { from: string; to: string },
    annotations?: 'all' | 'none',
  ) =>
    authorized((accessToken) =>
      downloadRequest(
        `/api/clients/${id(clientId)}/report.${format}${query({
          from: range.from,
          to: range.to,
          annotations: format === 'pdf' ? annotations : undefined,
        })}`, {
        accessToken,
      }),
    ),
  listPosts: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<Post[]>(`/api/clients/${id(clientId)}/posts`, { signal }),
  /** The Zoom Factor as of `asOf` (yyyy-mm-dd; the server's today when absent). */
  getScore: (request: Requester, clientId: string, asOf?: string, signal?: AbortSignal) =>
    request<ZoomFactorScore>(`/api/clients/${id(clientId)}/score${query({ asOf })}`, { signal }),
  /** The raw data the Zoom Factor of `asOf` (yyyy-mm-dd) is computed from, to compute it again in the browser. */
  getScoreInputs: (request: Requester, clientId: string, asOf: string, signal?: AbortSignal) =>
    request<ScoreInputs>(`/api/clients/${id(clientId)}/score/inputs${query({ asOf })}`, { signal }),
  /** The stored scores between two days (yyyy-mm-dd, both optional: the server's last 90 days by default). */
  getScoreHistory: (request: Requester, clientId: string, range: { from?: string; to?: string } = {}, signal?: AbortSignal) =>
    request<ScoreHistory>(`/api/clients/${id(clientId)}/score/history${query({ from: range.from, to: range.to })}`, { signal }),

  /** The client's annotations by day, between two days (yyyy-mm-dd, both optional: all of them by default). */
  listAnnotations: (request: Requester, clientId: string, range: { from?: string; to?: string } = {}, signal?: AbortSignal) =>
    request<Annotation[]>(`/api/clients/${id(clientId)}/annotations${query({ from: range.from, to: range.to })}`, { signal }),
  createAnnotation: (request: Requester, clientId: string, body: CreateAnnotationRequest) =>
    request<Annotation>(`/api/clients/${id(clientId)}/annotations`, { method: 'POST', body }),
  getAnnotation: (request: Requester, clientId: string, annotationId: string, signal?: AbortSignal) =>
    request<Annotation>(`/api/clients/${id(clientId)}/annotations/${id(annotationId)}`, { signal }),
  /** Sends only the fields that change; `metric: null` clears the metric. */
  updateAnnotation: (request: Requester, clientId: string, annotationId: string, body: UpdateAnnotationRequest) =>
    request<Annotation>(`/api/clients/${id(clientId)}/annotations/${id(annotationId)}`, { method: 'PATCH', body }),
  deleteAnnotation: (request: Requester, clientId: string, annotationId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}/annotations/${id(annotationId)}`, { method: 'DELETE' }),
  /** The metrics and score over `days` (1–90) days from the annotated day against the `days` days before. */
  getAnnotationImpact: (request: Requester, clientId: string, annotationId: string, days: number, signal?: AbortSignal) =>
    request<AnnotationImpact>(`/api/clients/${id(clientId)}/annotations/${id(annotationId)}/impact${query({ days })}`, { signal }),
  /** A page of the client's activity, newest first; pass the previous page's `next` as `before`. */
  listActivity: (request: Requester, clientId: string, page: { before?: number; limit?: number } = {}, signal?: AbortSignal) =>
    request<ActivityPage>(`/api/clients/${id(clientId)}/activity${query({ before: page.before, limit: page.limit })}`, { signal }),

  /** Whom a comment on this client may mention (owners, admins and analysts may ask). */
  listMentionable: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<Person[]>(`/api/clients/${id(clientId)}/comments/mentionable`, { signal }),
  /** Every goal of the portfolio (a client viewer: of their client), each with its forecast. */
  listPortfolioGoals: (request: Requester, signal?: AbortSignal) => request<Goal[]>('/api/goals', { signal }),
  /** The client's alert rules, oldest first. */
  listAlertRules: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<AlertRule[]>(`/api/clients/${id(clientId)}/alert-rules`, { signal }),
  createAlertRule: (request: Requester, clientId: string, body: CreateAlertRuleRequest) =>
    request<AlertRule>(`/api/clients/${id(clientId)}/alert-rules`, { method: 'POST', body }),
  updateAlertRule: (request: Requester, clientId: string, ruleId: string, body: UpdateAlertRuleRequest) =>
    request<AlertRule>(`/api/clients/${id(clientId)}/alert-rules/${id(ruleId)}`, { method: 'PATCH', body }),
  deleteAlertRule: (request: Requester, clientId: string, ruleId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}/alert-rules/${id(ruleId)}`, { method: 'DELETE' }),
  /** The client's fired alerts, newest first. */
  listAlerts: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<Alert[]>(`/api/clients/${id(clientId)}/alerts`, { signal }),
  /** Once only: a second acknowledgement is a 409 naming who did it. */
  acknowledgeAlert: (request: Requester, clientId: string, alertId: string, note: string | null) =>
    request<Alert>(`/api/clients/${id(clientId)}/alerts/${id(alertId)}/acknowledge`, {
      method: 'POST',
      body: note === null ? {} : { note },
    }),
  /** The client's goals, by deadline. */
  listGoals: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<Goal[]>(`/api/clients/${id(clientId)}/goals`, { signal }),
  createGoal: (request: Requester, clientId: string, body: CreateGoalRequest) =>
    request<Goal>(`/api/clients/${id(clientId)}/goals`, { method: 'POST', body }),
  getGoal: (request: Requester, clientId: string, goalId: string, signal?: AbortSignal) =>
    request<Goal>(`/api/clients/${id(clientId)}/goals/${id(goalId)}`, { signal }),
  updateGoal: (request: Requester, clientId: string, goalId: string, body: UpdateGoalRequest) =>
    request<Goal>(`/api/clients/${id(clientId)}/goals/${id(goalId)}`, { method: 'PATCH', body }),
  deleteGoal: (request: Requester, clientId: string, goalId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}/goals/${id(goalId)}`, { method: 'DELETE' }),

  /** The client's comment threads, oldest first, each with its replies (only those pinned to `metric` / `date` when given). */
  listComments: (request: Requester, clientId: string, pin: { metric?: string; date?: string } = {}, signal?: AbortSignal) =>
    request<Comment[]>(`/api/clients/${id(clientId)}/comments${query({ metric: pin.metric, date: pin.date })}`, { signal }),
  createComment: (request: Requester, clientId: string, body: CreateCommentRequest) =>
    request<Comment>(`/api/clients/${id(clientId)}/comments`, { method: 'POST', body }),
  /** The author's alone (403 for others). */
  updateComment: (request: Requester, clientId: string, commentId: string, body: UpdateCommentRequest) =>
    request<Comment>(`/api/clients/${id(clientId)}/comments/${id(commentId)}`, { method: 'PATCH', body }),
  deleteComment: (request: Requester, clientId: string, commentId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}/comments/${id(commentId)}`, { method: 'DELETE' }),

  /** The client's share links, newest first (revoked and expired ones too); never their tokens. */
  listShareLinks: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<ShareLink[]>(`/api/clients/${id(clientId)}/share-links`, { signal }),
  createShareLink: (request: Requester, clientId: string, body: CreateShareLinkRequest) =>
    request<CreatedShareLink>(`/api/clients/${id(clientId)}/share-links`, { method: 'POST', body }),
  /** Changes what a link shows (under the same token); a revoked link is a 409. */
  updateShareLink: (request: Requester, clientId: string, linkId: string, body: UpdateShareLinkRequest) =>
    request<ShareLink>(`/api/clients/${id(clientId)}/share-links/${id(linkId)}`, { method: 'PATCH', body }),
  revokeShareLink: (request: Requester, clientId: string, linkId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}/share-links/${id(linkId)}`, { method: 'DELETE' }),
  /** A shared dashboard, without sign-in; `grant` (from `unlockShared`) opens a password-protected link. */
  getShared: (token: string, grant: string | null, signal?: AbortSignal) =>
    apiRequest<SharedDashboard>(`/api/shared/${id(token)}`, {
      signal,
      ...(grant === null ? {} : { headers: { 'X-Share-Grant': grant } }),
    }),
  /** Where the shared page loads the link's agency's logo from (an image: no grant needed). */
  sharedLogoPath: (token: string) => `/api/shared/${id(token)}/logo`,
  /** A 401 means a wrong password; a 429 carries the seconds to wait. */
  unlockShared: (token: string, password: string) =>
    apiRequest<ShareGrant>(`/api/shared/${id(token)}/unlock`, { method: 'POST', body: { password } }),

  /** The agency's white label. */
  getBranding: (request: Requester, signal?: AbortSignal) => request<Branding>('/api/agency/branding', { signal }),
  setBranding: (request: Requester, body: BrandingRequest) =>
    request<Branding>('/api/agency/branding', { method: 'PUT', body }),
  /** A PNG or SVG file as it is (the server checks it, and sanitises an SVG). */
  uploadLogo: (request: Requester, file: Blob, contentType: string) =>
    request<Branding>('/api/agency/branding/logo', { method: 'PUT', rawBody: file, contentType }),
  deleteLogo: (request: Requester) => request<undefined>('/api/agency/branding/logo', { method: 'DELETE' }),
  /** The stored logo file (an SVG as sanitised), for a preview. */
  downloadLogo: (authorized: Authorized, signal?: AbortSignal) =>
    authorized((accessToken) => downloadRequest('/api/agency/branding/logo', { accessToken, signal }), signal),

  /** The signed-in person's notifications, newest first (only the unread ones with `unread`). */
  listNotifications: (request: Requester, unread = false, signal?: AbortSignal) =>
    request<UserNotification[]>(`/api/notifications${query({ unread: unread ? true : undefined })}`, { signal }),
  markNotificationRead: (request: Requester, notificationId: number) =>
    request<undefined>(`/api/notifications/${String(notificationId)}/read`, { method: 'POST' }),
  markAllNotificationsRead: (request: Requester) => request<MarkedRead>('/api/notifications/read-all', { method: 'POST' }),

  /** The client's tracked websites, each with the snippet to paste. */
  listSites: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<Site[]>(`/api/clients/${id(clientId)}/sites`, { signal }),
  createSite: (request: Requester, clientId: string, domain: string) =>
    request<Site>(`/api/clients/${id(clientId)}/sites`, { method: 'POST', body: { domain } }),
  /** Turning returning visitors on changes the snippet (it must be pasted again). */
  updateSite: (request: Requester, clientId: string, siteId: string, returningVisitors: boolean) =>
    request<Site>(`/api/clients/${id(clientId)}/sites/${id(siteId)}`, { method: 'PATCH', body: { returningVisitors } }),
  deleteSite: (request: Requester, clientId: string, siteId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}/sites/${id(siteId)}`, { method: 'DELETE' }),
  getWebStats: (request: Requester, clientId: string, range: { from: string; to: string }, signal?: AbortSignal) =>
    request<WebStats>(`/api/clients/${id(clientId)}/web/stats${query({ from: range.from, to: range.to })}`, { signal }),
  getWebBreakdown: (
    request: Requester,
    clientId: string,
    by: WebBreakdownBy,
    range: { from: string; to: string },
    signal?: AbortSignal,
  ) =>
    request<WebBreakdown>(
      `/api/clients/${id(clientId)}/web/breakdown${query({ by, from: range.from, to: range.to, limit: 10 })}`,
      { signal },
    ),
  getWebRealtime: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<WebRealtime>(`/api/clients/${id(clientId)}/web/realtime`, { signal }),

  /** A single-use ticket for the live WebSocket (`/api/live?ticket=…`). */
  liveTicket: (request: Requester) => request<LiveTicket>('/api/live/ticket', { method: 'POST' }),

  listMembers: (request: Requester, signal?: AbortSignal) => request<Member[]>('/api/members', { signal }),
  updateMember: (request: Requester, userId: string, body: UpdateMemberRequest) =>
    request<Member>(`/api/members/${id(userId)}`, { method: 'PATCH', body }),
  removeMember: (request: Requester, userId: string) =>
    request<undefined>(`/api/members/${id(userId)}`, { method: 'DELETE' }),
  listInvitations: (request: Requester, signal?: AbortSignal) =>
    request<Invitation[]>('/api/members/invitations', { signal }),
  createInvitation: (request: Requester, body: CreateInvitationRequest) =>
    request<CreatedInvitation>('/api/members/invitations', { method: 'POST', body }),
  revokeInvitation: (request: Requester, invitationId: string) =>
    request<undefined>(`/api/members/invitations/${id(invitationId)}`, { method: 'DELETE' }),

  notificationPreferences: (request: Requester, signal?: AbortSignal) =>
    request<NotificationPreferences>('/api/me/notification-preferences', { signal }),
  saveNotificationPreferences: (request: Requester, body: NotificationPreferencesWrite) =>
    request<NotificationPreferences>('/api/me/notification-preferences', { method: 'PUT', body }),

  listReportSchedules: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<ReportSchedule[]>(`/api/clients/${id(clientId)}/report-schedules`, { signal }),
  createReportSchedule: (request: Requester, clientId: string, body: ReportScheduleWrite) =>
    request<ReportSchedule>(`/api/clients/${id(clientId)}/report-schedules`, { method: 'POST', body }),
  updateReportSchedule: (request: Requester, clientId: string, scheduleId: string, body: ReportScheduleWrite) =>
    request<ReportSchedule>(`/api/clients/${id(clientId)}/report-schedules/${id(scheduleId)}`, { method: 'PATCH', body }),
  deleteReportSchedule: (request: Requester, clientId: string, scheduleId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}/report-schedules/${id(scheduleId)}`, { method: 'DELETE' }),
  listReportUnsubscribes: (request: Requester, clientId: string, signal?: AbortSignal) =>
    request<ReportUnsubscribe[]>(`/api/clients/${id(clientId)}/report-unsubscribes`, { signal }),
  /** Lets an address that unsubscribed be added to the client's schedules again (owners and admins). */
  allowReportRecipientAgain: (request: Requester, clientId: string, address: string) =>
    request<undefined>(`/api/clients/${id(clientId)}/report-unsubscribes${query({ address })}`, { method: 'DELETE' }),
  sendReportNow: (request: Requester, clientId: string, scheduleId: string) =>
    request<ReportSent>(`/api/clients/${id(clientId)}/report-schedules/${id(scheduleId)}/send`, { method: 'POST' }),
  /** The review queue of every client of the agency. */
  listReportReviews: (request: Requester, state: ReportReview['state'] | undefined, signal?: AbortSignal) =>
    request<ReportReview[]>(`/api/report-reviews${query({ state })}`, { signal }),
  approveReportReview: (request: Requester, clientId: string, reviewId: string, summary: string) =>
    request<{ review: ReportReview; deliveries: string[] }>(
      `/api/clients/${id(clientId)}/report-reviews/${id(reviewId)}/approve`,
      { method: 'POST', body: { summary } },
    ),
  skipReportReview: (request: Requester, clientId: string, reviewId: string) =>
    request<ReportReview>(`/api/clients/${id(clientId)}/report-reviews/${id(reviewId)}/skip`, { method: 'POST' }),

  listWebhooks: (request: Requester, signal?: AbortSignal) => request<Webhook[]>('/api/webhooks', { signal }),
  createWebhook: (request: Requester, body: WebhookCreate) =>
    request<CreatedWebhook>('/api/webhooks', { method: 'POST', body }),
  deleteWebhook: (request: Requester, webhookId: string) =>
    request<undefined>(`/api/webhooks/${id(webhookId)}`, { method: 'DELETE' }),
  testWebhook: (request: Requester, webhookId: string) =>
    request<{ deliveryId: string }>(`/api/webhooks/${id(webhookId)}/test`, { method: 'POST' }),
  webhookDeliveries: (request: Requester, webhookId: string, signal?: AbortSignal) =>
    request<Delivery[]>(`/api/webhooks/${id(webhookId)}/deliveries`, { signal }),
  listDeliveries: (request: Requester, state: DeliveryState | undefined, signal?: AbortSignal) =>
    request<Delivery[]>(`/api/deliveries${query({ state })}`, { signal }),
  /** The signed link of a scheduled-report e-mail: no sign-in, the token is the credential. */
  unsubscribe: (token: string) =>
    apiRequest<Unsubscribed>('/api/unsubscribe', { method: 'POST', body: { token } }),

  listTokens: (request: Requester, signal?: AbortSignal) => request<ApiToken[]>('/api/tokens', { signal }),
  createToken: (request: Requester, body: CreateApiTokenRequest) =>
    request<CreatedApiToken>('/api/tokens', { method: 'POST', body }),
  revokeToken: (request: Requester, tokenId: string) =>
    request<undefined>(`/api/tokens/${id(tokenId)}`, { method: 'DELETE' }),
};
