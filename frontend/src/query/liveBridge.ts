import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { ActivityPage, Alert, AlertRule, Annotation, Client, Comment, Goal, ScoreHistory, ShareLink, UserNotification, ZoomFactorScore } from '../api/types.ts';
import type { LiveEvent } from '../live/LiveConnection.ts';
import { scoreUpdate, withHistoryPoint, withSummaryPoint } from '../live/score.ts';
import {
  activityEntry,
  alertChange,
  alertRuleChange,
  annotationChange,
  commentChange,
  goalChange,
  notificationData,
  observedMetrics,
  shareLinkChange,
  visitorsNow,
} from '../live/types.ts';
import { mergeEntries } from '../pages/client/useActivity.ts';
import { applyAlertChange, applyRuleChange, withoutRule } from '../pages/client/alerts.ts';
import { applyCommentChange } from '../pages/client/comments.ts';
import { applyGoalChange } from '../pages/client/goals.ts';
import { applyAnnotationChange } from '../pages/client/useAnnotations.ts';
import { applyShareLinkChange } from '../pages/client/useShareLinks.ts';
import { queryKeys } from './keys.ts';

/*
 * The one place where live events reach the server-state cache. An event that carries the new state is
 * written into the entries that show it (`setQueryData`), so every screen reading those keys changes in
 * place without asking the server; an event that only says "this moved" invalidates the narrowest key
 * that holds what moved. Malformed events (the parsers of live/types.ts and live/score.ts answer null)
 * change nothing in place: what they were about is read again.
 *
 * What each key holds (the type the `api.*` reader returns, so that a screen reads it with
 * `useApiQuery(key, (request, signal) => api.x(request, …, signal))`):
 *
 * | key                              | holds                    | reader                                  |
 * |----------------------------------|--------------------------|-----------------------------------------|
 * | portfolio(params)                | `Client[]`               | `listClients`                           |
 * | portfolioGoals()                 | `Goal[]`                 | `listPortfolioGoals`                    |
 * | clientDetails(id)                | `Client`                 | `getClient`                             |
 * | score(id, {} or {asOf})          | `ZoomFactorScore`        | `getScore` (no asOf: the current score) |
 * | scoreHistory(id, {from, to})     | `ScoreHistory`           | `getScoreHistory`                       |
 * | metrics(id, {metric, …})         | the series (any shape)   | `getSeries`, `getDimensions`            |
 * | measuredMetrics(id)              | `MeasuredMetrics`        | `listMeasuredMetrics`                   |
 * | posts(id, params)                | `Post[]`                 | `listPosts`                             |
 * | annotations(id)                  | `Annotation[]`, newest day first (`byDateNewestFirst`) | `listAnnotations` |
 * | comments(id)                     | `Comment[]`, threads oldest first, replies inside | `listComments` (no pin) |
 * | goals(id)                        | `Goal[]` by deadline (`byDeadline`) | `listGoals`                  |
 * | alertRules(id)                   | `AlertRule[]`, oldest first | `listAlertRules`                     |
 * | alerts(id)                       | `Alert[]`, newest first  | `listAlerts`                            |
 * | shareLinks(id)                   | `ShareLink[]`, newest first | `listShareLinks`                     |
 * | activity(id)                     | `ActivityPage` (older pages merged in with `mergeEntries`) | `listActivity` |
 * | web(id, 'realtime')              | `WebRealtime`            | `getWebRealtime`                        |
 * | web(id, part, params)            | the part's figures       | `getWebStats`, `getWebBreakdown`        |
 * | notifications()                  | `UserNotification[]`, newest first | `listNotifications`           |
 *
 * A cached entry that does not hold the documented shape (e.g. a screen that keeps a derived value
 * under the key) is invalidated rather than edited, so the bridge never writes nonsense into it.
 * `presence` is not server state: the client page keeps its viewers from its own subscription.
 */

/**
 * How quickly a refetch is wanted: `soon` for what a screen shows now, `lazily` for figures that drift
 * a little with every change (goal forecasts follow each score: reading them at every score of a
 * thousand-client ingest would cost more than it tells).
 */
export type Pace = 'soon' | 'lazily';

/** Marks the entries under `key` (a prefix) stale and refetches the ones on screen, at `pace`. */
export type Invalidate = (key: QueryKey, pace?: Pace) => void;

/** Invalidates at once, whatever the pace (tests, and callers that do their own batching). */
export function invalidateNow(queryClient: QueryClient): Invalidate {
  return (key) => {
    void queryClient.invalidateQueries({ queryKey: key });
  };
}

/** Every cached entry under `key`: its full key and data. */
function entries(queryClient: QueryClient, key: QueryKey): { key: QueryKey; data: unknown }[] {
  return queryClient.getQueriesData({ queryKey: key }).map(([entryKey, data]) => ({ key: entryKey, data }));
}

/**
 * Edits each cached entry under `key` with `change` when its data is of the documented shape (`fits`);
 * an entry of another shape is invalidated. Entries not cached yet stay so: their first read is fresh.
 */
function edit<T>(
  queryClient: QueryClient,
  invalidate: Invalidate,
  key: QueryKey,
  fits: (data: unknown) => data is T,
  change: (data: T) => T,
): void {
  for (const entry of entries(queryClient, key)) {
    if (entry.data === undefined) {
      continue; // not loaded yet: its read under way answers with the new state
    }
    if (fits(entry.data)) {
      queryClient.setQueryData<T>(entry.key, change(entry.data));
    } else {
      invalidate(entry.key);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isList = <T>(data: unknown): data is T[] => Array.isArray(data);
const isActivityPage = (data: unknown): data is ActivityPage => isRecord(data) && Array.isArray(data.entries);
const isHistory = (data: unknown): data is ScoreHistory =>
  isRecord(data) && typeof data.from === 'string' && typeof data.to === 'string' && Array.isArray(data.points);
const isClient = (data: unknown): data is Client => isRecord(data) && typeof data.id === 'string' && 'score' in data;
const isClientList = (data: unknown): data is Client[] => Array.isArray(data) && data.every(isClient);

/** The params of a parameterised key (its last part), or an empty record. */
function paramsOf(key: QueryKey): Record<string, unknown> {
  const last = key[key.length - 1];
  return isRecord(last) ? last : {};
}

/** A current-score entry: no `asOf` (a score as of a given day is that day's, not the one just pushed). */
function isCurrentScoreKey(key: QueryKey): boolean {
  const asOf = paramsOf(key).asOf;
  return asOf === undefined || asOf === null || asOf === '';
}

function onScore(queryClient: QueryClient, invalidate: Invalidate, clientId: string, data: unknown): void {
  const update = scoreUpdate(data);
  // a goal's forecast moves with the data behind each score
  invalidate(queryKeys.goals(clientId), 'lazily');
  invalidate(queryKeys.portfolioGoals(), 'lazily');
  if (update === null) {
    invalidate(queryKeys.score(clientId));
    invalidate(queryKeys.scoreHistory(clientId));
    invalidate(queryKeys.portfolio());
    invalidate(queryKeys.clientDetails(clientId));
    return;
  }
  for (const entry of entries(queryClient, queryKeys.score(clientId))) {
    if (!isCurrentScoreKey(entry.key)) {
      invalidate(entry.key); // a rescore after new data may change earlier days too
    } else if (entry.data !== undefined) {
      queryClient.setQueryData<ZoomFactorScore>(entry.key, update.explanation);
    }
  }
  edit(queryClient, invalidate, queryKeys.scoreHistory(clientId), isHistory, (history) => withHistoryPoint(history, update.point));
  edit(queryClient, invalidate, queryKeys.portfolio(), isClientList, (clients) =>
    clients.map((c) => (c.id === clientId ? { ...c, score: withSummaryPoint(c.score, update.point) } : c)),
  );
  edit(queryClient, invalidate, queryKeys.clientDetails(clientId), isClient, (client) => ({
    ...client,
    score: withSummaryPoint(client.score, update.point),
  }));
}

function onObservations(queryClient: QueryClient, invalidate: Invalidate, clientId: string, data: unknown): void {
  const metrics = observedMetrics(data);
  // a series (or a breakdown) of one metric is read again only when that metric moved; a read of several (no
  // `metric`) always
  for (const key of [queryKeys.metrics(clientId), queryKeys.clientPart(clientId, 'dimensions')]) {
    for (const entry of entries(queryClient, key)) {
      const metric = paramsOf(entry.key).metric;
      if (typeof metric !== 'string' || metrics.length === 0 || metrics.includes(metric)) {
        invalidate(entry.key);
      }
    }
  }
  invalidate(queryKeys.measuredMetrics(clientId)); // a first observation makes a metric (and maybe a tab) appear
  if (metrics.length === 0 || metrics.some((m) => m.startsWith('web.'))) {
    invalidateWebFigures(queryClient, invalidate, clientId);
  }
  invalidate(queryKeys.goals(clientId)); // progress is measured on the data
  invalidate(queryKeys.portfolioGoals(), 'lazily');
}

/** The Web section's figures of a period (not the visitors now, which a `web` event carries). */
function invalidateWebFigures(queryClient: QueryClient, invalidate: Invalidate, clientId: string): void {
  for (const entry of entries(queryClient, ['clients', clientId, 'web'])) {
    if (entry.key[3] !== 'realtime') {
      invalidate(entry.key);
    }
  }
}

function onWeb(queryClient: QueryClient, invalidate: Invalidate, clientId: string, data: unknown): void {
  const now = visitorsNow(data);
  if (now === null) {
    invalidate(queryKeys.web(clientId, 'realtime'));
    return;
  }
  for (const entry of entries(queryClient, queryKeys.web(clientId, 'realtime'))) {
    queryClient.setQueryData(entry.key, now);
  }
  invalidateWebFigures(queryClient, invalidate, clientId); // visitors came or went: the period's figures moved
}

export type BridgeOptions = {
  /** How to invalidate; at once by default. The app batches (see `invalidationBatcher.ts`), so a burst reads each key once. */
  invalidate?: Invalidate;
  /** The signed-in person: a notification for anyone else is never put in their list. */
  personId?: string;
};

/** Applies one live event to the cache. */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent, options: BridgeOptions = {}): void {
  const invalidate = options.invalidate ?? invalidateNow(queryClient);
  const { clientId, data } = event;
  switch (event.kind) {
    case 'score':
      onScore(queryClient, invalidate, clientId, data);
      break;
    case 'observations':
      onObservations(queryClient, invalidate, clientId, data);
      break;
    case 'posts':
      invalidate(queryKeys.posts(clientId));
      break;
    case 'web':
      onWeb(queryClient, invalidate, clientId, data);
      break;
    case 'annotation': {
      const change = annotationChange(data);
      if (change === null) {
        invalidate(queryKeys.annotations(clientId));
      } else {
        edit(queryClient, invalidate, queryKeys.annotations(clientId), isList<Annotation>, (list) => applyAnnotationChange(list, change));
      }
      break;
    }
    case 'comment': {
      const change = commentChange(data);
      if (change === null) {
        invalidate(queryKeys.comments(clientId));
      } else {
        edit(queryClient, invalidate, queryKeys.comments(clientId), isList<Comment>, (threads) => applyCommentChange(threads, change));
      }
      break;
    }
    case 'goal': {
      const change = goalChange(data);
      if (change === null) {
        invalidate(queryKeys.goals(clientId));
        invalidate(queryKeys.portfolioGoals());
      } else {
        edit(queryClient, invalidate, queryKeys.goals(clientId), isList<Goal>, (list) => applyGoalChange(list, change));
        edit(queryClient, invalidate, queryKeys.portfolioGoals(), isList<Goal>, (list) => applyGoalChange(list, change));
      }
      break;
    }
    case 'alert_rule': {
      const change = alertRuleChange(data);
      if (change === null) {
        invalidate(queryKeys.alertRules(clientId));
        invalidate(queryKeys.alerts(clientId));
        break;
      }
      edit(queryClient, invalidate, queryKeys.alertRules(clientId), isList<AlertRule>, (list) => applyRuleChange(list, change));
      if (change.action === 'deleted') {
        // the server deletes the rule's alerts with it, and the threads pinned to them
        edit(queryClient, invalidate, queryKeys.alerts(clientId), isList<Alert>, (list) => withoutRule(list, change.id));
        invalidate(queryKeys.comments(clientId));
      }
      break;
    }
    case 'alert': {
      const change = alertChange(data);
      if (change === null) {
        invalidate(queryKeys.alerts(clientId));
      } else {
        edit(queryClient, invalidate, queryKeys.alerts(clientId), isList<Alert>, (list) => applyAlertChange(list, change));
      }
      break;
    }
    case 'share_link': {
      const change = shareLinkChange(data);
      if (change === null) {
        invalidate(queryKeys.shareLinks(clientId));
      } else {
        edit(queryClient, invalidate, queryKeys.shareLinks(clientId), isList<ShareLink>, (list) => applyShareLinkChange(list, change));
      }
      break;
    }
    case 'activity': {
      const entry = activityEntry(data);
      if (entry === null) {
        invalidate(queryKeys.activity(clientId));
      } else {
        edit(queryClient, invalidate, queryKeys.activity(clientId), isActivityPage, (page) =>
          page.entries.some((e) => e.id === entry.id) ? page : { ...page, entries: mergeEntries([entry], page.entries) },
        );
      }
      break;
    }
    case 'notification': {
      const notification = notificationData(data);
      if (notification === null) {
        invalidate(queryKeys.notifications());
      } else if (options.personId === undefined || notification.personId === options.personId) {
        edit(queryClient, invalidate, queryKeys.notifications(), isList<UserNotification>, (list) =>
          list.some((n) => n.id === notification.id) ? list : [notification, ...list],
        );
      }
      break;
    }
    default:
      // presence (kept by the client page) and kinds newer than this SPA: nothing cached to change
      break;
  }
}

/**
 * A client's stream could not be resumed: whatever was missed is unknown, so everything shown of the
 * client is read again, with its portfolio row and the person's notifications.
 */
export function applyLiveReset(queryClient: QueryClient, clientId: string, options: Pick<BridgeOptions, 'invalidate'> = {}): void {
  const invalidate = options.invalidate ?? invalidateNow(queryClient);
  invalidate(queryKeys.client(clientId));
  invalidate(queryKeys.portfolio());
  invalidate(queryKeys.portfolioGoals());
  invalidate(queryKeys.notifications());
}
