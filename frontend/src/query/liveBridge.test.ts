import { hashKey, QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type {
  ActivityPage,
  Alert,
  AlertRule,
  Annotation,
  Client,
  ClientScoreSummary,
  Comment,
  Goal,
  ScoreHistory,
  ScoreHistoryPoint,
  ShareLink,
  UserNotification,
  WebRealtime,
  ZoomFactorScore,
} from '../api/types.ts';
import type { LiveEvent } from '../live/LiveConnection.ts';
import { queryKeys } from './keys.ts';
import { applyLiveEvent, applyLiveReset, type Pace } from './liveBridge.ts';

const C = 'c-1';
const OTHER = 'c-2';

// Only the fields the bridge and the list helpers read; the rest of each API shape does not matter here.
const annotation = (id: string, date: string, text = 'Launch'): Annotation =>
  ({ id, clientId: C, date, text, metric: null, createdAt: `${date}T09:00:00Z`, updatedAt: `${date}T09:00:00Z` }) as Annotation;
const comment = (id: string, createdAt: string, parentId: string | null = null): Comment =>
  ({ id, clientId: C, parentId, metric: null, date: null, alertId: null, text: id, author: null, mentions: [], createdAt, updatedAt: createdAt, replies: [] });
const goal = (id: string, deadline: string, clientId = C): Goal =>
  ({ id, clientId, metric: 'score', target: 70, deadline, status: 'on_track', createdAt: '2026-01-01T00:00:00Z' }) as Goal;
const rule = (id: string, createdAt: string, updatedAt = createdAt): AlertRule =>
  ({ id, clientId: C, kind: 'threshold', metric: 'score', createdAt, updatedAt }) as AlertRule;
const alert = (id: string, ruleId: string, firedAt: string, state: Alert['state'] = 'open'): Alert =>
  ({ id, clientId: C, ruleId, day: firedAt.slice(0, 10), message: id, firedAt, state, acknowledgement: null }) as Alert;
const link = (id: string, status: ShareLink['status'] = 'active'): ShareLink => ({ id, clientId: C, status }) as ShareLink;
const entry = (id: number, at: string) => ({ id, at, kind: 'comment', summary: `entry ${String(id)}`, actor: { id: 'u-1', name: 'Ada' } });
const notification = (id: number, personId = 'u-1'): UserNotification =>
  ({ id, personId, clientId: C, kind: 'mention', summary: `n${String(id)}`, createdAt: '2026-12-06T10:00:00Z', readAt: null }) as UserNotification;
const client = (id: string): Client =>
  ({ id, name: id, website: null, timeZone: 'UTC', channels: [], demo: false, createdAt: '', updatedAt: '', score: null });

const point: ScoreHistoryPoint = {
  computedAt: '2026-12-06T10:00:00Z',
  asOf: '2026-12-06',
  score: 61.5,
  quality: 61.5,
  coverage: 0.5,
  authenticityFactor: 1,
  cause: 'data',
  previousScore: null,
  methodologyVersion: '2026-11.1',
  weights: { attention: 1, loyalty: 0, reach: 0, amplification: 0, conversation: 0, discoverability: 0, momentum: 0 },
};
const explanation = {
  clientId: C,
  asOf: '2026-12-06',
  window: { days: 90, from: '2026-09-08', to: '2026-12-06' },
  score: 61.5,
  authenticity: { factor: 1, signals: [] },
  components: [],
  drivers: [],
} as unknown as ZoomFactorScore;
/** The portfolio row's summary after the first score. */
const summary: ClientScoreSummary = {
  value: 61.5,
  quality: 61.5,
  coverage: 0.5,
  authenticityFactor: 1,
  asOf: '2026-12-06',
  computedAt: '2026-12-06T10:00:00Z',
  methodologyVersion: '2026-11.1',
  change: null,
  changeSince: null,
  changes: [],
  recent: [61.5],
  recentDays: ['2026-12-06'],
  dataChangedAt: null,
};
const history: ScoreHistory = { from: '2026-12-01', to: '2026-12-31', points: [] } as unknown as ScoreHistory;

type Row = {
  name: string;
  kind: string;
  data: unknown;
  /** The cache before the event. */
  seed: [QueryKey, unknown][];
  /** Entries as they must be after it. */
  after?: [QueryKey, unknown][];
  /** Keys invalidated (with their pace, `soon` when not said). */
  invalidated?: [QueryKey, Pace?][];
  personId?: string;
};

const rows: Row[] = [
  {
    name: 'a created annotation joins its list, newest day first',
    kind: 'annotation',
    data: { action: 'created', annotation: annotation('a-2', '2026-12-05') },
    seed: [[queryKeys.annotations(C), [annotation('a-1', '2026-12-01')]]],
    after: [[queryKeys.annotations(C), [annotation('a-2', '2026-12-05'), annotation('a-1', '2026-12-01')]]],
  },
  {
    name: 'an updated annotation replaces the one with its id',
    kind: 'annotation',
    data: { action: 'updated', annotation: annotation('a-1', '2026-12-01', 'Relaunch') },
    seed: [[queryKeys.annotations(C), [annotation('a-1', '2026-12-01')]]],
    after: [[queryKeys.annotations(C), [annotation('a-1', '2026-12-01', 'Relaunch')]]],
  },
  {
    name: 'a deleted annotation leaves, and another client’s list stays as it is',
    kind: 'annotation',
    data: { action: 'deleted', id: 'a-1' },
    seed: [
      [queryKeys.annotations(C), [annotation('a-1', '2026-12-01')]],
      [queryKeys.annotations(OTHER), [annotation('a-1', '2026-12-01')]],
    ],
    after: [
      [queryKeys.annotations(C), []],
      [queryKeys.annotations(OTHER), [annotation('a-1', '2026-12-01')]],
    ],
  },
  {
    name: 'a malformed annotation event reads the list again',
    kind: 'annotation',
    data: { action: 'created', annotation: { id: 'a-9' } },
    seed: [[queryKeys.annotations(C), [annotation('a-1', '2026-12-01')]]],
    after: [[queryKeys.annotations(C), [annotation('a-1', '2026-12-01')]]],
    invalidated: [[queryKeys.annotations(C)]],
  },
  {
    name: 'a reply joins its thread',
    kind: 'comment',
    data: { action: 'created', comment: comment('k-2', '2026-12-06T11:00:00Z', 'k-1') },
    seed: [[queryKeys.comments(C), [comment('k-1', '2026-12-06T10:00:00Z')]]],
    after: [[queryKeys.comments(C), [{ ...comment('k-1', '2026-12-06T10:00:00Z'), replies: [comment('k-2', '2026-12-06T11:00:00Z', 'k-1')] }]]],
  },
  {
    name: 'a deleted comment leaves',
    kind: 'comment',
    data: { action: 'deleted', id: 'k-1' },
    seed: [[queryKeys.comments(C), [comment('k-1', '2026-12-06T10:00:00Z')]]],
    after: [[queryKeys.comments(C), []]],
  },
  {
    name: 'a goal goes into the client’s goals and the portfolio’s, by deadline',
    kind: 'goal',
    data: { action: 'created', goal: goal('g-2', '2026-12-10') },
    seed: [
      [queryKeys.goals(C), [goal('g-1', '2026-12-31')]],
      [queryKeys.portfolioGoals(), [goal('g-3', '2026-12-20', OTHER)]],
    ],
    after: [
      [queryKeys.goals(C), [goal('g-2', '2026-12-10'), goal('g-1', '2026-12-31')]],
      [queryKeys.portfolioGoals(), [goal('g-2', '2026-12-10'), goal('g-3', '2026-12-20', OTHER)]],
    ],
  },
  {
    name: 'a deleted goal leaves both lists',
    kind: 'goal',
    data: { action: 'deleted', id: 'g-1' },
    seed: [
      [queryKeys.goals(C), [goal('g-1', '2026-12-31')]],
      [queryKeys.portfolioGoals(), [goal('g-1', '2026-12-31')]],
    ],
    after: [
      [queryKeys.goals(C), []],
      [queryKeys.portfolioGoals(), []],
    ],
  },
  {
    name: 'a portfolio goals entry of another shape is read again, not edited',
    kind: 'goal',
    data: { action: 'deleted', id: 'g-1' },
    seed: [[queryKeys.portfolioGoals(), { byClient: {} }]],
    after: [[queryKeys.portfolioGoals(), { byClient: {} }]],
    invalidated: [[queryKeys.portfolioGoals()]],
  },
  {
    name: 'an updated alert rule replaces its older self',
    kind: 'alert_rule',
    data: { action: 'updated', rule: rule('r-1', '2026-12-01T00:00:00Z', '2026-12-06T00:00:00Z') },
    seed: [[queryKeys.alertRules(C), [rule('r-1', '2026-12-01T00:00:00Z')]]],
    after: [[queryKeys.alertRules(C), [rule('r-1', '2026-12-01T00:00:00Z', '2026-12-06T00:00:00Z')]]],
  },
  {
    name: 'a deleted alert rule takes its alerts along and reads the comments again (their pinned threads went too)',
    kind: 'alert_rule',
    data: { action: 'deleted', id: 'r-1' },
    seed: [
      [queryKeys.alertRules(C), [rule('r-1', '2026-12-01T00:00:00Z'), rule('r-2', '2026-12-02T00:00:00Z')]],
      [queryKeys.alerts(C), [alert('x-1', 'r-1', '2026-12-05T00:00:00Z'), alert('x-2', 'r-2', '2026-12-04T00:00:00Z')]],
      [queryKeys.comments(C), []],
    ],
    after: [
      [queryKeys.alertRules(C), [rule('r-2', '2026-12-02T00:00:00Z')]],
      [queryKeys.alerts(C), [alert('x-2', 'r-2', '2026-12-04T00:00:00Z')]],
    ],
    invalidated: [[queryKeys.comments(C)]],
  },
  {
    name: 'a fired alert goes on top',
    kind: 'alert',
    data: { action: 'fired', alert: alert('x-2', 'r-1', '2026-12-06T00:00:00Z') },
    seed: [[queryKeys.alerts(C), [alert('x-1', 'r-1', '2026-12-05T00:00:00Z')]]],
    after: [[queryKeys.alerts(C), [alert('x-2', 'r-1', '2026-12-06T00:00:00Z'), alert('x-1', 'r-1', '2026-12-05T00:00:00Z')]]],
  },
  {
    name: 'an acknowledgement replaces the open alert',
    kind: 'alert',
    data: { action: 'acknowledged', alert: alert('x-1', 'r-1', '2026-12-05T00:00:00Z', 'acknowledged') },
    seed: [[queryKeys.alerts(C), [alert('x-1', 'r-1', '2026-12-05T00:00:00Z')]]],
    after: [[queryKeys.alerts(C), [alert('x-1', 'r-1', '2026-12-05T00:00:00Z', 'acknowledged')]]],
  },
  {
    name: 'a created share link goes first; a revoked one changes where it stands',
    kind: 'share_link',
    data: { action: 'created', link: link('s-2') },
    seed: [[queryKeys.shareLinks(C), [link('s-1')]]],
    after: [[queryKeys.shareLinks(C), [link('s-2'), link('s-1')]]],
  },
  {
    name: 'a revoked share link changes in place',
    kind: 'share_link',
    data: { action: 'revoked', link: link('s-1', 'revoked') },
    seed: [[queryKeys.shareLinks(C), [link('s-1'), link('s-0')]]],
    after: [[queryKeys.shareLinks(C), [link('s-1', 'revoked'), link('s-0')]]],
  },
  {
    name: 'an activity entry goes on top of the pages loaded, once',
    kind: 'activity',
    data: entry(2, '2026-12-06T11:00:00Z'),
    seed: [[queryKeys.activity(C), { entries: [entry(1, '2026-12-06T10:00:00Z')], next: 1 } satisfies ActivityPage]],
    after: [[queryKeys.activity(C), { entries: [entry(2, '2026-12-06T11:00:00Z'), entry(1, '2026-12-06T10:00:00Z')], next: 1 }]],
  },
  {
    name: 'an activity entry already shown is not shown twice',
    kind: 'activity',
    data: entry(1, '2026-12-06T10:00:00Z'),
    seed: [[queryKeys.activity(C), { entries: [entry(1, '2026-12-06T10:00:00Z')], next: null }]],
    after: [[queryKeys.activity(C), { entries: [entry(1, '2026-12-06T10:00:00Z')], next: null }]],
  },
  {
    name: 'a notification for the signed-in person goes on top of their list',
    kind: 'notification',
    data: notification(2),
    personId: 'u-1',
    seed: [[queryKeys.notifications(), [notification(1)]]],
    after: [[queryKeys.notifications(), [notification(2), notification(1)]]],
  },
  {
    name: 'a notification for someone else is never put in the list',
    kind: 'notification',
    data: notification(2, 'u-2'),
    personId: 'u-1',
    seed: [[queryKeys.notifications(), [notification(1)]]],
    after: [[queryKeys.notifications(), [notification(1)]]],
    invalidated: [],
  },
  {
    name: 'a score updates the current score, the history, the portfolio row and the client, and lazily the goals',
    kind: 'score',
    data: { ...point, explanation },
    seed: [
      [queryKeys.score(C), { ...explanation, score: 50 }],
      [queryKeys.score(C, { asOf: '2026-12-01' }), { ...explanation, score: 40 }],
      [queryKeys.scoreHistory(C, { from: '2026-12-01', to: '2026-12-31' }), history],
      [queryKeys.portfolio(), [client(C), client(OTHER)]],
      [queryKeys.clientDetails(C), client(C)],
    ],
    after: [
      [queryKeys.score(C), explanation],
      [queryKeys.score(C, { asOf: '2026-12-01' }), { ...explanation, score: 40 }],
      [queryKeys.scoreHistory(C, { from: '2026-12-01', to: '2026-12-31' }), { ...history, points: [point] }],
      [queryKeys.portfolio(), [{ ...client(C), score: summary }, client(OTHER)]],
      [queryKeys.clientDetails(C), { ...client(C), score: summary }],
    ],
    invalidated: [
      [queryKeys.goals(C), 'lazily'],
      [queryKeys.portfolioGoals(), 'lazily'],
      [queryKeys.score(C, { asOf: '2026-12-01' })],
    ],
  },
  {
    name: 'an unreadable score reads the score, its history and the portfolio again',
    kind: 'score',
    data: { score: 61.5 },
    seed: [[queryKeys.score(C), explanation]],
    after: [[queryKeys.score(C), explanation]],
    invalidated: [
      [queryKeys.goals(C), 'lazily'],
      [queryKeys.portfolioGoals(), 'lazily'],
      [queryKeys.score(C)],
      [queryKeys.scoreHistory(C)],
      [queryKeys.portfolio()],
      [queryKeys.clientDetails(C)],
    ],
  },
  {
    name: 'observations read again the series of the metrics that moved, which metrics are measured, the web figures and the goals',
    kind: 'observations',
    data: { metrics: ['web.pageviews'], inserted: 3, updated: 0 },
    seed: [
      [queryKeys.metrics(C, { metric: 'web.pageviews', from: '2026-12-01' }), { points: [] }],
      [queryKeys.metrics(C, { metric: 'x.followers' }), { points: [] }],
      [queryKeys.web(C, 'stats', { from: '2026-12-01' }), {}],
      [queryKeys.web(C, 'realtime'), { visitors: 1, pages: [] }],
      [queryKeys.measuredMetrics(C), { metrics: [] }],
    ],
    invalidated: [
      [queryKeys.metrics(C, { metric: 'web.pageviews', from: '2026-12-01' })],
      [queryKeys.measuredMetrics(C)],
      [queryKeys.web(C, 'stats', { from: '2026-12-01' })],
      [queryKeys.goals(C)],
      [queryKeys.portfolioGoals(), 'lazily'],
    ],
  },
  {
    name: 'new posts read the posts again',
    kind: 'posts',
    data: { inserted: 2, updated: 0 },
    seed: [],
    invalidated: [[queryKeys.posts(C)]],
  },
  {
    name: 'visitors now replace the realtime figure and read the period’s figures again',
    kind: 'web',
    data: { visitors: 3, pages: [{ path: '/', visitors: 3 }] },
    seed: [
      [queryKeys.web(C, 'realtime'), { visitors: 1, pages: [] }],
      [queryKeys.web(C, 'stats', { from: '2026-12-01' }), {}],
    ],
    after: [[queryKeys.web(C, 'realtime'), { visitors: 3, pages: [{ path: '/', visitors: 3 }] } satisfies WebRealtime]],
    invalidated: [[queryKeys.web(C, 'stats', { from: '2026-12-01' })]],
  },
  {
    name: 'presence is not server state: nothing changes',
    kind: 'presence',
    data: { viewers: [] },
    seed: [[queryKeys.annotations(C), []]],
    after: [[queryKeys.annotations(C), []]],
    invalidated: [],
  },
  {
    name: 'a kind newer than this app changes nothing',
    kind: 'hologram',
    data: {},
    seed: [],
    invalidated: [],
  },
];

function run(row: Row) {
  const queryClient = new QueryClient();
  for (const [key, data] of row.seed) {
    queryClient.setQueryData(key, data);
  }
  const calls: [string, Pace][] = [];
  const event: LiveEvent = { clientId: C, seq: 1, kind: row.kind, data: row.data };
  applyLiveEvent(queryClient, event, {
    invalidate: (key, pace = 'soon') => calls.push([hashKey(key), pace]),
    personId: row.personId,
  });
  return { queryClient, calls };
}

describe('the live bridge', () => {
  it.each(rows)('$kind: $name', (row) => {
    const { queryClient, calls } = run(row);
    for (const [key, data] of row.after ?? []) {
      expect(queryClient.getQueryData(key)).toEqual(data);
    }
    if (row.invalidated !== undefined) {
      expect(calls).toEqual(expect.arrayContaining(row.invalidated.map(([key, pace]) => [hashKey(key), pace ?? 'soon'])));
      expect(calls).toHaveLength(row.invalidated.length);
    }
  });

  it('edits no entry that is not cached yet: its first read answers with the new state', () => {
    const fresh = new QueryClient();
    applyLiveEvent(fresh, { clientId: C, seq: 1, kind: 'goal', data: { action: 'created', goal: goal('g-1', '2026-12-31') } });
    expect(fresh.getQueryData(queryKeys.goals(C))).toBeUndefined();
  });

  it('invalidates at once by default, only under the client the event is about', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.posts(C), []);
    queryClient.setQueryData(queryKeys.posts(OTHER), []);
    applyLiveEvent(queryClient, { clientId: C, seq: 1, kind: 'posts', data: { inserted: 1, updated: 0 } });
    expect(queryClient.getQueryState(queryKeys.posts(C))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.posts(OTHER))?.isInvalidated).toBe(false);
  });

  it('on a reset reads again everything of the client, the portfolio and the notifications', () => {
    const queryClient = new QueryClient();
    for (const key of [queryKeys.annotations(C), queryKeys.score(C), queryKeys.portfolio(), queryKeys.notifications(), queryKeys.goals(OTHER)]) {
      queryClient.setQueryData(key, []);
    }
    applyLiveReset(queryClient, C);
    const invalidated = (key: QueryKey) => queryClient.getQueryState(key)?.isInvalidated;
    expect(invalidated(queryKeys.annotations(C))).toBe(true);
    expect(invalidated(queryKeys.score(C))).toBe(true);
    expect(invalidated(queryKeys.portfolio())).toBe(true);
    expect(invalidated(queryKeys.notifications())).toBe(true);
    expect(invalidated(queryKeys.goals(OTHER))).toBe(false);
  });
});
