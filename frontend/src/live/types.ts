import type { ActivityEntry, Alert, AlertRule, Annotation, Comment, Goal, ShareLink, UserNotification, WebRealtime } from '../api/types.ts';

// The `data` of each kind of live event (see the backend's live channel).

export type ObservationsData = { metrics: string[]; inserted: number; updated: number };

export type PostsData = { inserted: number; updated: number };

export type ScoreData = {
  computedAt: string;
  asOf: string;
  score: number;
  quality: number;
  coverage: number;
  authenticityFactor: number;
  cause: 'data' | 'weights' | 'methodology';
  previousScore: number | null;
  methodologyVersion: string;
  weights: Record<string, number>;
};

export type Viewer = { userId: string; name: string; since: string };

export type PresenceData = { viewers: Viewer[] };

/** What an `annotation` event says happened. */
export type AnnotationChange =
  | { action: 'created' | 'updated'; annotation: Annotation }
  | { action: 'deleted'; id: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The metric keys of an `observations` event (empty when the data is not as expected). */
export function observedMetrics(data: unknown): string[] {
  return isRecord(data) && Array.isArray(data.metrics) ? data.metrics.filter((m): m is string => typeof m === 'string') : [];
}

/** The viewers of a `presence` event (empty when the data is not as expected). */
export function presenceViewers(data: unknown): Viewer[] {
  if (!isRecord(data) || !Array.isArray(data.viewers)) {
    return [];
  }
  return data.viewers.filter(
    (v): v is Viewer => isRecord(v) && typeof v.userId === 'string' && typeof v.name === 'string' && typeof v.since === 'string',
  );
}

function isAnnotation(value: unknown): value is Annotation {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.date === 'string' &&
    typeof value.text === 'string' &&
    (value.metric === null || value.metric === undefined || typeof value.metric === 'string')
  );
}

/** The change an `annotation` event carries; null when the data is not as expected. */
export function annotationChange(data: unknown): AnnotationChange | null {
  if (!isRecord(data)) {
    return null;
  }
  if (data.action === 'deleted') {
    return typeof data.id === 'string' ? { action: 'deleted', id: data.id } : null;
  }
  if ((data.action === 'created' || data.action === 'updated') && isAnnotation(data.annotation)) {
    return { action: data.action, annotation: { ...data.annotation, metric: data.annotation.metric ?? null } };
  }
  return null;
}

/** The entry an `activity` event carries; null when the data is not as expected. */
export function activityEntry(data: unknown): ActivityEntry | null {
  if (
    isRecord(data) &&
    typeof data.id === 'number' &&
    typeof data.at === 'string' &&
    typeof data.kind === 'string' &&
    typeof data.summary === 'string' &&
    isRecord(data.actor) &&
    typeof data.actor.name === 'string'
  ) {
    return data as ActivityEntry;
  }
  return null;
}

/** What a `goal` event says happened. */
export type GoalChange = { action: 'created' | 'updated'; goal: Goal } | { action: 'deleted'; id: string };

/** What a `comment` event says happened. */
export type CommentChange = { action: 'created' | 'updated'; comment: Comment } | { action: 'deleted'; id: string };

function isGoal(value: unknown): value is Goal {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.metric === 'string' &&
    typeof value.target === 'number' &&
    typeof value.deadline === 'string' &&
    typeof value.status === 'string'
  );
}

/** The change a `goal` event carries; null when the data is not as expected. */
export function goalChange(data: unknown): GoalChange | null {
  if (!isRecord(data)) {
    return null;
  }
  if (data.action === 'deleted') {
    return typeof data.id === 'string' ? { action: 'deleted', id: data.id } : null;
  }
  if ((data.action === 'created' || data.action === 'updated') && isGoal(data.goal)) {
    return { action: data.action, goal: data.goal };
  }
  return null;
}

/** What a `share_link` event says happened: a link created or revoked (never with its token). */
export type ShareLinkChange = { action: 'created' | 'updated' | 'revoked'; link: ShareLink };

/** The change a `share_link` event carries; null when the data is not as expected. */
export function shareLinkChange(data: unknown): ShareLinkChange | null {
  if (!isRecord(data) || (data.action !== 'created' && data.action !== 'updated' && data.action !== 'revoked')) {
    return null;
  }
  const link = data.link;
  return isRecord(link) && typeof link.id === 'string' && typeof link.status === 'string'
    ? { action: data.action, link: link as ShareLink }
    : null;
}

function isComment(value: unknown): value is Comment {
  return isRecord(value) && typeof value.id === 'string' && typeof value.text === 'string';
}

/** A comment as the server sent it, with the optional parts filled in. */
function normalComment(value: Comment): Comment {
  return {
    ...value,
    parentId: value.parentId ?? null,
    metric: value.metric ?? null,
    date: value.date ?? null,
    alertId: value.alertId ?? null,
    author: value.author ?? null,
    mentions: Array.isArray(value.mentions) ? value.mentions : [],
    replies: Array.isArray(value.replies) ? value.replies : [],
  };
}

/** The change a `comment` event carries; null when the data is not as expected. */
export function commentChange(data: unknown): CommentChange | null {
  if (!isRecord(data)) {
    return null;
  }
  if (data.action === 'deleted') {
    return typeof data.id === 'string' ? { action: 'deleted', id: data.id } : null;
  }
  if ((data.action === 'created' || data.action === 'updated') && isComment(data.comment)) {
    return { action: data.action, comment: normalComment(data.comment) };
  }
  return null;
}

/** The notification a `notification` event carries (shown as it is); null when the data is not as expected. */
export function notificationData(data: unknown): UserNotification | null {
  return isRecord(data) &&
    typeof data.id === 'number' &&
    typeof data.personId === 'string' &&
    typeof data.clientId === 'string' &&
    typeof data.summary === 'string' &&
    typeof data.createdAt === 'string'
    ? ({ ...data, readAt: typeof data.readAt === 'string' ? data.readAt : null } as UserNotification)
    : null;
}

/** What an `alert` event says happened: a rule fired, or someone acknowledged it. */
export type AlertChange = { action: 'fired' | 'acknowledged'; alert: Alert };

/** What an `alert_rule` event says happened. */
export type AlertRuleChange = { action: 'created' | 'updated'; rule: AlertRule } | { action: 'deleted'; id: string };

function isAlert(value: unknown): value is Alert {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.day === 'string' &&
    typeof value.message === 'string' &&
    (value.state === 'open' || value.state === 'acknowledged')
  );
}

function isAlertRule(value: unknown): value is AlertRule {
  return isRecord(value) && typeof value.id === 'string' && typeof value.kind === 'string' && typeof value.metric === 'string';
}

/** The change an `alert` event carries; null when the data is not as expected. */
export function alertChange(data: unknown): AlertChange | null {
  if (isRecord(data) && (data.action === 'fired' || data.action === 'acknowledged') && isAlert(data.alert)) {
    return { action: data.action, alert: { ...data.alert, acknowledgement: data.alert.acknowledgement ?? null } };
  }
  return null;
}

/** The change an `alert_rule` event carries; null when the data is not as expected. */
export function alertRuleChange(data: unknown): AlertRuleChange | null {
  if (!isRecord(data)) {
    return null;
  }
  if (data.action === 'deleted') {
    return typeof data.id === 'string' ? { action: 'deleted', id: data.id } : null;
  }
  if ((data.action === 'created' || data.action === 'updated') && isAlertRule(data.rule)) {
    return { action: data.action, rule: data.rule };
  }
  return null;
}

/** Visitors now, from a `web` event (what `GET …/web/realtime` answers); null when the data is not as expected. */
export function visitorsNow(data: unknown): WebRealtime | null {
  if (!isRecord(data) || typeof data.visitors !== 'number' || !Array.isArray(data.pages)) {
    return null;
  }
  const pages: WebRealtime['pages'] = [];
  for (const page of data.pages as unknown[]) {
    if (!isRecord(page) || typeof page.path !== 'string' || typeof page.visitors !== 'number') {
      return null;
    }
    pages.push({ path: page.path, visitors: page.visitors });
  }
  return { visitors: data.visitors, pages };
}
