import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { channelLabel } from '../api/constants.ts';
import { api, type Requester } from '../api/endpoints.ts';
import type { Client, Granularity, Metric, ScoreHistoryPoint, Series, WebRealtime } from '../api/types.ts';
import { canWriteClients, canWriteMetrics, useApi, useSession } from '../auth/SessionContext.ts';
import { LoadError, Loading } from '../components/Feedback.tsx';
import { SelectField } from '../components/FormFields.tsx';
import { useApiGet, type LoadState } from '../hooks/useApiGet.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { useLiveClients } from '../live/LiveContext.ts';
import type { LiveEvent } from '../live/LiveConnection.ts';
import { scoreUpdate } from '../live/score.ts';
import {
  activityEntry,
  alertChange,
  alertRuleChange,
  annotationChange,
  commentChange,
  goalChange,
  observedMetrics,
  presenceViewers,
  shareLinkChange,
  visitorsNow,
  type Viewer,
} from '../live/types.ts';
import { ActivityFeed } from './client/ActivityFeed.tsx';
import { AlertsPanel } from './client/AlertsPanel.tsx';
import { useAlerts } from './client/useAlerts.ts';
import { AnnotationsPanel } from './client/AnnotationsPanel.tsx';
import { CommentsPanel } from './client/CommentsPanel.tsx';
import { GoalsPanel } from './client/GoalsPanel.tsx';
import { useComments } from './client/useComments.ts';
import { useGoals } from './client/useGoals.ts';
import { useActivity } from './client/useActivity.ts';
import { useAnnotations } from './client/useAnnotations.ts';
import { AlsoViewing } from './client/AlsoViewing.tsx';
import { AddPointForm } from './client/AddPointForm.tsx';
import { MetricCard } from './client/MetricCard.tsx';
import {
  DEFAULT_PERIOD,
  defaultGranularity,
  GRANULARITIES,
  PERIODS,
  periodRange,
  todayIn,
  type PeriodKey,
} from './client/period.ts';
import { RecentPosts } from './client/RecentPosts.tsx';
import { ReportPanel } from './client/ReportPanel.tsx';
import { ReportSchedulesPanel } from './client/ReportSchedulesPanel.tsx';
import { ScoreHistoryPanel } from './client/ScoreHistoryPanel.tsx';
import { ShareLinksPanel } from './client/ShareLinksPanel.tsx';
import { useShareLinks } from './client/useShareLinks.ts';
import { useMetricData } from './client/useMetricData.ts';
import { WhyChecklist } from './client/WhyChecklist.tsx';
import { WebPanel } from './client/WebPanel.tsx';
import { ZoomFactorPanel } from './client/ZoomFactorPanel.tsx';
import { formatPeriod } from './format.ts';

/** The catalogue metrics of a client's channels (every metric when it has none), in catalogue order. */
export function metricsFor(client: Pick<Client, 'channels'>, catalogue: readonly Metric[]): Metric[] {
  return client.channels.length === 0 ? [...catalogue] : catalogue.filter((m) => client.channels.includes(m.channel));
}

/** Metrics grouped by channel, in the order the channels first appear. */
function byChannel(metrics: readonly Metric[]): { channel: string; metrics: Metric[] }[] {
  const groups = new Map<string, Metric[]>();
  for (const metric of metrics) {
    groups.set(metric.channel, [...(groups.get(metric.channel) ?? []), metric]);
  }
  return [...groups].map(([channel, list]) => ({ channel, metrics: list }));
}

/** `/clients/:clientId`: one client's metrics, a form to add a data point, and its recent posts. */
export function ClientPage() {
  const { clientId = '' } = useParams();
  const load = useCallback(
    async (request: Requester, signal: AbortSignal) => {
      const [client, catalogue] = await Promise.all([api.getClient(request, clientId, signal), api.listMetrics(request, signal)]);
      return { client, catalogue };
    },
    [clientId],
  );
  const { state, reload } = useApiGet(load);
  usePageTitle(state.kind === 'loaded' ? state.data.client.name : 'Client');

  if (state.kind === 'loaded') {
    // Keyed so that moving to another client starts from its own defaults.
    return <ClientDashboard key={state.data.client.id} client={state.data.client} catalogue={state.data.catalogue} />;
  }
  return (
    <section className="page" aria-label="Client">
      <BackLink />
      {state.kind === 'loading' ? (
        <Loading label="Loading client…" />
      ) : (
        <LoadError message={state.message} onRetry={reload} />
      )}
    </section>
  );
}

function BackLink() {
  return (
    <p className="back-link">
      <Link to="/clients">All clients</Link>
    </p>
  );
}

/** Pushed score points the page keeps for its history panel (a reload of the history includes older ones). */
const MAX_PUSHED_POINTS = 50;

function ClientDashboard({ client, catalogue }: { client: Client; catalogue: readonly Metric[] }) {
  const session = useSession();
  const canWrite = canWriteMetrics(session);
  const headingId = useId();
  const ids = useId();
  const [today] = useState(() => todayIn(client.timeZone, new Date()));
  const [period, setPeriod] = useState<PeriodKey>(DEFAULT_PERIOD);
  const [granularity, setGranularity] = useState<Granularity>(defaultGranularity(DEFAULT_PERIOD));
  const range = useMemo(() => periodRange(period, today), [period, today]);
  const metrics = useMemo(() => metricsFor(client, catalogue), [client, catalogue]);
  const groups = useMemo(() => byChannel(metrics), [metrics]);
  const data = useMetricData(client.id, metrics, range, granularity);
  const loadScore = useCallback(
    (request: Requester, signal: AbortSignal) => api.getScore(request, client.id, undefined, signal),
    [client.id],
  );
  // One score call, shared by the Zoom Factor panel and the why-questions.
  const score = useApiGet(loadScore);
  const request = useApi();
  const [historyRefresh, setHistoryRefresh] = useState(0);
  const [pushedPoints, setPushedPoints] = useState<readonly ScoreHistoryPoint[]>([]);
  const [postsRefresh, setPostsRefresh] = useState(0);
  const [viewers, setViewers] = useState<Viewer[] | null>(null);
  const [webNow, setWebNow] = useState<WebRealtime | null>(null);
  const [webRefresh, setWebRefresh] = useState(0);
  const scoreLoad = useRef<AbortController | null>(null);
  const annotations = useAnnotations(client.id);
  const activity = useActivity(client.id);
  const goals = useGoals(client.id);
  const alerts = useAlerts(client.id);
  const comments = useComments(client.id);
  // share links are managed (and listed) by the people who write the client
  const canShare = canWriteClients(session.role);
  const shareLinks = useShareLinks(client.id, canShare);
  const annotationState = annotations.state;
  const annotationDays = useMemo(() => (annotationState.kind === 'loaded' ? annotationState.data.map((a) => a.date) : []), [annotationState]);

  /** Loads the score again, keeping the panel on screen (a live score event). */
  const refreshScore = () => {
    if (score.state.kind !== 'loaded') {
      score.reload();
      return;
    }
    scoreLoad.current?.abort();
    const controller = new AbortController();
    scoreLoad.current = controller;
    api.getScore(request, client.id, undefined, controller.signal).then(
      (next) => {
        if (!controller.signal.aborted) {
          score.update(() => next);
        }
      },
      () => {
        if (!controller.signal.aborted) {
          score.reload();
        }
      },
    );
  };

  const onLive = (event: LiveEvent) => {
    switch (event.kind) {
      case 'observations': {
        const keys = observedMetrics(event.data);
        for (const key of keys) {
          data.reload(key);
        }
        if (keys.some((key) => key.startsWith('web.'))) {
          setWebRefresh((n) => n + 1); // the tracker's daily figures: the Web section's chart
        }
        break;
      }
      case 'web': {
        const now = visitorsNow(event.data);
        if (now !== null) {
          setWebNow(now);
          setWebRefresh((n) => n + 1); // visitors came or went: the period's figures moved
        }
        break;
      }
      case 'score': {
        // the event carries the new score: the panels update in place; only an unreadable one reads again
        const update = scoreUpdate(event.data);
        if (update === null) {
          refreshScore();
          setHistoryRefresh((n) => n + 1);
          break;
        }
        scoreLoad.current?.abort(); // an older read still under way must not overwrite it
        if (score.state.kind === 'error') {
          score.reload();
        } else {
          score.update(() => update.explanation);
        }
        setPushedPoints((points) => [...points.slice(1 - MAX_PUSHED_POINTS), update.point]);
        break;
      }
      case 'posts':
        setPostsRefresh((n) => n + 1);
        break;
      case 'presence':
        setViewers(presenceViewers(event.data));
        break;
      case 'annotation': {
        const change = annotationChange(event.data);
        if (change !== null) {
          annotations.apply(change);
        }
        break;
      }
      case 'goal': {
        const change = goalChange(event.data);
        if (change !== null) {
          goals.apply(change);
        }
        break;
      }
      case 'alert': {
        const change = alertChange(event.data);
        if (change !== null) {
          alerts.applyAlert(change);
        }
        break;
      }
      case 'alert_rule': {
        const change = alertRuleChange(event.data);
        if (change !== null) {
          alerts.applyRule(change);
          if (change.action === 'deleted') {
            comments.reload(); // the threads pinned to its alerts went with them
          }
        }
        break;
      }
      case 'comment': {
        const change = commentChange(event.data);
        if (change !== null) {
          comments.apply(change);
        }
        break;
      }
      case 'share_link': {
        const change = shareLinkChange(event.data);
        if (change !== null && canShare) {
          shareLinks.apply(change);
        }
        break;
      }
      case 'activity': {
        const entry = activityEntry(event.data);
        if (entry !== null) {
          activity.prepend(entry);
        }
        break;
      }
      default:
        break;
    }
  };
  const onReset = () => {
    for (const metric of metrics) {
      data.reload(metric.key);
    }
    refreshScore();
    setHistoryRefresh((n) => n + 1);
    setPostsRefresh((n) => n + 1);
    setWebRefresh((n) => n + 1);
    annotations.reload();
    activity.reload();
    goals.reload();
    alerts.reload();
    comments.reload();
    if (canShare) {
      shareLinks.reload();
    }
  };
  useLiveClients([client.id], { onEvent: onLive, onReset });
  const seriesOf = data.series;
  const loadedSeries = useMemo(
    () => new Map<string, LoadState<Series>>(metrics.map((metric) => [metric.key, seriesOf(metric.key).state])),
    [metrics, seriesOf],
  );

  return (
    <section className="page client-page" aria-labelledby={headingId}>
      {session.clientId === null && <BackLink />}
      <h2 id={headingId}>{client.name}{client.demo && <> <span className="badge badge-demo" title="Generated data, not measured">Demo</span></>}</h2>
      {session.clientId !== null && (
        <p className="muted read-only-note">
          {session.agency.name} shares this dashboard with you: you can read everything here, and the agency's team makes
          the changes.
        </p>
      )}
      <AlsoViewing viewers={viewers} myUserId={session.user.id} />
      {canWrite && (
        <p className="page-actions">
          <Link to={`/clients/${encodeURIComponent(client.id)}/import`}>Import files</Link>
        </p>
      )}
      <ZoomFactorPanel
        state={score.state}
        reload={score.reload}
        catalogue={catalogue}
        loadInputs={(asOf) => api.getScoreInputs(request, client.id, asOf)}
      />
      <div className="field-row chart-controls">
        <SelectField
          id={`${ids}-period`}
          label="Period"
          value={period}
          options={PERIODS}
          hint={formatPeriod(range.from, range.to)}
          onChange={(next) => {
            setPeriod(next);
            setGranularity(defaultGranularity(next));
          }}
        />
        <SelectField id={`${ids}-granularity`} label="Granularity" value={granularity} options={GRANULARITIES} onChange={setGranularity} />
      </div>

      {/* keyed: another period on the page starts the report's days over from it */}
      <ReportPanel key={`${range.from}/${range.to}`} clientId={client.id} range={range} />
      {canWriteClients(session.role) && <ReportSchedulesPanel clientId={client.id} timeZone={client.timeZone} />}

      <GoalsPanel clientId={client.id} goals={goals} metrics={metrics} catalogue={catalogue} canWrite={canWriteClients(session.role)} />

      <AlertsPanel
        clientId={client.id}
        alerts={alerts}
        metrics={metrics}
        catalogue={catalogue}
        canWrite={canWriteClients(session.role)}
        comments={comments}
      />

      <ScoreHistoryPanel
        clientId={client.id}
        range={range}
        refresh={historyRefresh}
        annotations={annotationDays}
        pushed={pushedPoints}
      />

      <AnnotationsPanel
        clientId={client.id}
        annotations={annotations}
        metrics={metrics}
        catalogue={catalogue}
        canWrite={canWriteClients(session.role)}
        today={today}
      />

      <WhyChecklist catalogue={catalogue} score={score.state.kind === 'loaded' ? score.state.data : null} series={loadedSeries} />

      <WebPanel clientId={client.id} range={range} canWrite={canWriteClients(session.role)} live={webNow} refresh={webRefresh} />

      <section className="metrics" aria-labelledby={`${headingId}-metrics`}>
        <h3 id={`${headingId}-metrics`}>Metrics</h3>
        {metrics.length === 0 ? (
          <p className="empty">No metrics are measured for this client's channels yet.</p>
        ) : (
          groups.map((group) => (
            <section key={group.channel} className="metric-group" aria-labelledby={`${ids}-ch-${group.channel}`}>
              <h4 id={`${ids}-ch-${group.channel}`}>{channelLabel(group.channel)}</h4>
              <div className="metric-grid">
                {group.metrics.map((metric) => (
                  <MetricCard
                    key={metric.key}
                    metric={metric}
                    series={data.series(metric.key)}
                    top={data.top(metric)}
                    onRetry={() => {
                      data.reload(metric.key);
                    }}
                    annotations={annotationDays}
                  />
                ))}
              </div>
            </section>
          ))
        )}
      </section>

      {canWrite && metrics.length > 0 && (
        <section className="panel" aria-labelledby={`${headingId}-add`}>
          <h3 id={`${headingId}-add`}>Add a data point</h3>
          <AddPointForm clientId={client.id} metrics={metrics} today={today} onSaved={data.reload} />
        </section>
      )}

      <RecentPosts clientId={client.id} refresh={postsRefresh} />

      <CommentsPanel
        clientId={client.id}
        comments={comments}
        metrics={metrics}
        catalogue={catalogue}
        canWrite={canWriteClients(session.role)}
        myUserId={session.user.id}
        alertMessage={(alertId) => (alerts.alerts.kind === 'loaded' ? (alerts.alerts.data.find((a) => a.id === alertId)?.message ?? null) : null)}
      />

      {canShare && <ShareLinksPanel clientId={client.id} links={shareLinks} metrics={metrics} />}

      <ActivityFeed activity={activity} />
    </section>
  );
}
