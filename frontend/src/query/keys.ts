/**
 * The cache keys of server resources, one place for all of them. A key starts with the resource's
 * owner (`['clients', id, …]`), so invalidating `queryKeys.client(id)` refreshes everything of one
 * client. Add keys here, never as literals in components; the live bridge (`liveBridge.ts`) writes to
 * these same keys.
 */
type Params = Record<string, string | number | boolean | null>;

export const queryKeys = {
  /** Every client-related read (the client list, the portfolio, each client's parts). */
  clients: () => ['clients'] as const,
  portfolio: (params: Params = {}) => ['clients', 'portfolio', params] as const,
  portfolioGoals: () => ['clients', 'portfolio-goals'] as const,
  /** Everything of one client; its parts below extend this key. */
  client: (clientId: string) => ['clients', clientId] as const,
  clientDetails: (clientId: string) => ['clients', clientId, 'details'] as const,
  score: (clientId: string, params: Params = {}) => ['clients', clientId, 'score', params] as const,
  scoreHistory: (clientId: string, params: Params = {}) => ['clients', clientId, 'score-history', params] as const,
  metrics: (clientId: string, params: Params = {}) => ['clients', clientId, 'metrics', params] as const,
  /** Which metrics the client has observations of (`MeasuredMetrics`): its tabs and "only measured metrics". */
  measuredMetrics: (clientId: string) => ['clients', clientId, 'measured-metrics'] as const,
  posts: (clientId: string, params: Params = {}) => ['clients', clientId, 'posts', params] as const,
  annotations: (clientId: string) => ['clients', clientId, 'annotations'] as const,
  comments: (clientId: string) => ['clients', clientId, 'comments'] as const,
  goals: (clientId: string) => ['clients', clientId, 'goals'] as const,
  alertRules: (clientId: string) => ['clients', clientId, 'alert-rules'] as const,
  alerts: (clientId: string) => ['clients', clientId, 'alerts'] as const,
  shareLinks: (clientId: string) => ['clients', clientId, 'share-links'] as const,
  activity: (clientId: string) => ['clients', clientId, 'activity'] as const,
  /** The people a comment on the client may mention (the team and the client's viewers). */
  mentionable: (clientId: string) => ['clients', clientId, 'mentionable'] as const,
  sites: (clientId: string) => ['clients', clientId, 'sites'] as const,
  /** The client's recent imports (`ImportJob[]`, newest first). */
  imports: (clientId: string) => ['clients', clientId, 'imports'] as const,
  /** One import of the client (`ImportJob`), polled while it runs. */
  importJob: (clientId: string, importId: string) => ['clients', clientId, 'import', importId] as const,
  web: (clientId: string, part: string, params: Params = {}) => ['clients', clientId, 'web', part, params] as const,
  reportSchedules: (clientId: string) => ['clients', clientId, 'report-schedules'] as const,
  /** The addresses that left the client's reports by their e-mail's link. */
  reportUnsubscribes: (clientId: string) => ['clients', clientId, 'report-unsubscribes'] as const,
  /** Any other part of one client (prefer a named key above). */
  clientPart: (clientId: string, part: string, params: Params = {}) => ['clients', clientId, part, params] as const,
  /** A shared dashboard as the holder of a share link (and of its password's grant, if any) sees it. */
  shared: (token: string, grant: string | null) => ['shared', token, grant] as const,
  /** The agency's review queue (every client's scheduled reports waiting). */
  reportReviews: (params: Params = {}) => ['report-reviews', params] as const,
  webhooks: () => ['webhooks'] as const,
  webhookDeliveries: (webhookId: string) => ['webhooks', webhookId, 'deliveries'] as const,
  deliveries: (params: Params = {}) => ['deliveries', params] as const,
  /** The metric catalogue (`GET /api/metrics`): the same for every client. */
  catalogue: () => ['metric-catalogue'] as const,
  members: () => ['members'] as const,
  invitations: () => ['invitations'] as const,
  tokens: () => ['tokens'] as const,
  notifications: () => ['me', 'notifications'] as const,
  me: (part: string) => ['me', part] as const,
  agency: (part: string) => ['agency', part] as const,
};
