import { useCallback, useId, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client.ts';
import { channelLabel } from '../api/constants.ts';
import { api } from '../api/endpoints.ts';
import type { Client, Metric, Series, ZoomFactorScore } from '../api/types.ts';
import { canWriteClients, canWriteMetrics, useApi, useSession } from '../auth/SessionContext.ts';
import { LoadError, Loading } from '../components/Feedback.tsx';
import { SelectField } from '../components/FormFields.tsx';
import { Tabs } from '../components/Tabs.tsx';
import type { LoadState } from '../query/loadState.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { useLiveClients } from '../live/LiveContext.ts';
import type { LiveEvent } from '../live/LiveConnection.ts';
import { presenceViewers, type Viewer } from '../live/types.ts';
import { queryKeys } from '../query/keys.ts';
import { useApiQuery } from '../query/useApiQuery.ts';
import { useFreshOnOpen } from '../query/useFreshOnOpen.ts';
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
import { channelTabs, measuredMetrics, periodText, tabFrom } from './client/clientView.ts';
import { ClientMetricCard } from './client/MetricCard.tsx';
import {
  DEFAULT_PERIOD,
  defaultGranularity,
  GRANULARITIES,
  parseGranularity,
  parsePeriod,
  PERIODS,
  periodRange,
  todayIn,
} from './client/period.ts';
import { RecentPosts } from './client/RecentPosts.tsx';
import { ReportPanel } from './client/ReportPanel.tsx';
import { ReportSchedulesPanel } from './client/ReportSchedulesPanel.tsx';
import { ScoreHistoryPanel } from './client/ScoreHistoryPanel.tsx';
import { ShareLinksPanel } from './client/ShareLinksPanel.tsx';
import { useShareLinks } from './client/useShareLinks.ts';
import { useMetricData, type CardState } from './client/useMetricData.ts';
import { WhyChecklist } from './client/WhyChecklist.tsx';
import { WebPanel } from './client/WebPanel.tsx';
import { ZoomFactorPanel } from './client/ZoomFactorPanel.tsx';
import { formatDay, formatPeriod, formatScore } from './format.ts';

/** The catalogue metrics of a client's channels (every metric when it has none), in catalogue order. */
export function metricsFor(client: Pick<Client, 'channels'>, catalogue: readonly Metric[]): Metric[] {
  return client.channels.length === 0 ? [...catalogue] : catalogue.filter((m) => client.channels.includes(m.channel));
}

/** How many of the score's metrics the overview charts: those that move it most. */
const OVERVIEW_CHARTS = 4;

/** The score's metrics that weigh most in it (by the size of their contribution), for the overview's charts. */
function leadingMetrics(score: ZoomFactorScore | null, catalogue: readonly Metric[]): Metric[] {
  const byKey = new Map(catalogue.map((m) => [m.key, m]));
  const contributions = new Map<string, number>();
  for (const line of (score?.components ?? []).flatMap((c) => c.metrics)) {
    if (byKey.has(line.metric)) {
      contributions.set(line.metric, (contributions.get(line.metric) ?? 0) + Math.abs(line.contribution));
    }
  }
  return [...contributions]
    .sort((a, b) => b[1] - a[1])
    .slice(0, OVERVIEW_CHARTS)
    .flatMap(([key]) => byKey.get(key) ?? []);
}

/** `/clients/:clientId`: one client's overview, a tab per channel it is measured on, its collaboration and its data. */
export function ClientPage() {
  const { clientId = '' } = useParams();
  const client = useApiQuery(queryKeys.clientDetails(clientId), (request, signal) => api.getClient(request, clientId, signal));
  const catalogue = useApiQuery(queryKeys.catalogue(), (request, signal) => api.listMetrics(request, signal));
  usePageTitle(client.data?.name ?? 'Client');

  if (client.data !== undefined && catalogue.data !== undefined) {
    // Keyed so that moving to another client starts from its own defaults.
    return <ClientDashboard key={client.data.id} client={client.data} catalogue={catalogue.data} />;
  }
  const failed = client.isError ? client.error : catalogue.isError ? catalogue.error : null;
  return (
    <section className="page" aria-label="Client">
      <BackLink />
      {failed === null ? (
        <Loading label="Loading client…" />
      ) : (
        <LoadError
          message={errorMessage(failed)}
          onRetry={() => {
            void client.refetch();
            void catalogue.refetch();
          }}
        />
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

/** The page's view in its URL's search parameters, so that a reload or a link keeps it. */
function useClientView() {
  const [params, setParams] = useSearchParams();
  const period = parsePeriod(params.get('period')) ?? DEFAULT_PERIOD;
  const granularity = parseGranularity(params.get('granularity')) ?? defaultGranularity(period);
  const showAll = params.get('metrics') === 'all';
  const set = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null) {
              next.delete(name);
            } else {
              next.set(name, value);
            }
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { tab: params.get('tab'), period, granularity, showAll, set };
}

const SECTION_TABS = {
  overview: { key: 'overview', label: 'Overview' },
  collaboration: { key: 'collaboration', label: 'Collaboration' },
  data: { key: 'data', label: 'Data' },
} as const;

function ClientDashboard({ client, catalogue }: { client: Client; catalogue: readonly Metric[] }) {
  const session = useSession();
  const canWrite = canWriteMetrics(session);
  const canWriteClient = canWriteClients(session.role);
  const headingId = useId();
  const ids = useId();
  useFreshOnOpen(queryKeys.client(client.id));
  const view = useClientView();
  const { period, granularity, showAll } = view;
  const [today] = useState(() => todayIn(client.timeZone, new Date()));
  const range = useMemo(() => periodRange(period, today), [period, today]);
  const windowLabel = periodText(period);
  const score = useApiQuery(queryKeys.score(client.id), (request, signal) => api.getScore(request, client.id, undefined, signal));
  const scoreState: LoadState<ZoomFactorScore> =
    score.data !== undefined
      ? { kind: 'loaded', data: score.data }
      : score.isError
        ? { kind: 'error', message: errorMessage(score.error) }
        : { kind: 'loading' };
  const explanation = score.data ?? null;
  const request = useApi();
  const [viewers, setViewers] = useState<Viewer[] | null>(null);
  const annotations = useAnnotations(client.id);
  const activity = useActivity(client.id);
  const goals = useGoals(client.id);
  const alerts = useAlerts(client.id);
  const comments = useComments(client.id);
  // share links are managed (and listed) by the people who write the client
  const shareLinks = useShareLinks(client.id, canWriteClient);
  const annotationState = annotations.state;
  // marked on every chart, with their text on hover
  const annotationList = useMemo(() => (annotationState.kind === 'loaded' ? annotationState.data : []), [annotationState]);

  // which metrics have data decides the tabs, whatever channels the client declared: one read for all of them
  const observed = useApiQuery(queryKeys.measuredMetrics(client.id), (request, signal) =>
    api.listMeasuredMetrics(request, client.id, signal),
  );
  const observedMetrics = observed.data?.metrics;
  const measured = useMemo(
    () => measuredMetrics(catalogue, observedMetrics ?? [], explanation, range),
    [catalogue, observedMetrics, explanation, range],
  );
  // until the server said which metrics are measured, the tabs (and so the open one) are not known yet
  const tabsKnown = observedMetrics !== undefined || observed.isError;
  const shown = showAll ? catalogue : measured;
  // a tracked site makes a Web tab before its first visit: that is where its live figures show
  const sites = useApiQuery(queryKeys.sites(client.id), (request, signal) => api.listSites(request, client.id, signal));
  const tracked = (sites.data?.length ?? 0) > 0;
  const channels = useMemo(() => channelTabs(shown, tracked ? ['website'] : []), [shown, tracked]);
  const tabs = useMemo(() => [SECTION_TABS.overview, ...channels, SECTION_TABS.collaboration, SECTION_TABS.data], [channels]);
  const tab = tabFrom(view.tab, tabs);
  const entryMetrics = useMemo(() => metricsFor(client, catalogue), [client, catalogue]);
  const leading = useMemo(() => leadingMetrics(explanation, catalogue), [explanation, catalogue]);
  // only the series the open tab shows are read: the overview's checklist and leading charts (the score's metrics
  // are among those shown), or one channel's cards
  const charted = useMemo(
    () => (!tabsKnown || tab === 'collaboration' || tab === 'data' ? [] : tab === 'overview' ? shown : shown.filter((m) => m.channel === tab)),
    [tabsKnown, tab, shown],
  );
  const data = useMetricData(client.id, charted, range, granularity);
  const seriesStates = useMemo(
    () => new Map<string, LoadState<Series>>([...data.series].map(([key, card]) => [key, card.state])),
    [data.series],
  );

  // Everything the page shows from the server lives in the cache, kept current by the live bridge
  // (query/liveBridge.ts); the page itself follows only who else is here.
  const onLive = (event: LiveEvent) => {
    if (event.kind === 'presence') {
      setViewers(presenceViewers(event.data));
    }
  };
  useLiveClients([client.id], { onEvent: onLive });

  const card = (metric: Metric) => (
    <ClientMetricCard
      key={metric.key}
      clientId={client.id}
      range={range}
      windowLabel={windowLabel}
      metric={metric}
      series={data.series.get(metric.key) ?? LOADING_CARD}
      onRetry={() => {
        data.reload(metric.key);
      }}
      annotations={annotationList}
    />
  );

  const overview = (
    <>
      <ZoomFactorPanel
        state={scoreState}
        reload={() => {
          void score.refetch();
        }}
        catalogue={catalogue}
        loadInputs={(asOf) => api.getScoreInputs(request, client.id, asOf)}
      />
      {observed.isError && observedMetrics === undefined && (
        <LoadError
          message={`Which metrics are measured could not be read: ${errorMessage(observed.error)}`}
          onRetry={() => {
            void observed.refetch();
          }}
        />
      )}
      {observedMetrics !== undefined && measured.length === 0 && (
        <p className="empty" data-testid="nothing-measured">
          Nothing is measured for {client.name} yet, so it is not scored yet: import files or add data points in the Data tab.
        </p>
      )}
      <ScoreHistoryPanel clientId={client.id} range={range} annotations={annotationList} />
      {leading.length > 0 && (
        <section className="metrics" aria-labelledby={`${ids}-leading`}>
          <h3 id={`${ids}-leading`}>What weighs most in the score</h3>
          <div className="metric-grid">{leading.map(card)}</div>
        </section>
      )}
      <GoalsPanel clientId={client.id} goals={goals} metrics={entryMetrics} catalogue={catalogue} canWrite={canWriteClient} />
      <AlertsPanel
        clientId={client.id}
        alerts={alerts}
        metrics={entryMetrics}
        catalogue={catalogue}
        canWrite={canWriteClient}
        comments={comments}
      />
      {shown.length > 0 && <WhyChecklist catalogue={shown} score={explanation} series={seriesStates} />}
      <RecentPosts clientId={client.id} />
    </>
  );

  const collaboration = (
    <>
      <AnnotationsPanel
        clientId={client.id}
        annotations={annotations}
        metrics={entryMetrics}
        catalogue={catalogue}
        canWrite={canWriteClient}
        today={today}
      />
      <CommentsPanel
        clientId={client.id}
        comments={comments}
        metrics={entryMetrics}
        catalogue={catalogue}
        canWrite={canWriteClient}
        myUserId={session.user.id}
        alertMessage={(alertId) => (alerts.alerts.kind === 'loaded' ? (alerts.alerts.data.find((a) => a.id === alertId)?.message ?? null) : null)}
      />
      {canWriteClient && <ShareLinksPanel clientId={client.id} links={shareLinks} metrics={entryMetrics} />}
      <ActivityFeed activity={activity} />
    </>
  );

  const dataTab = (
    <>
      {canWrite && (
        <p className="page-actions">
          <Link to={`/clients/${encodeURIComponent(client.id)}/import`}>Import files</Link>
        </p>
      )}
      {/* keyed: another period on the page starts the report's days over from it */}
      <ReportPanel key={`${range.from}/${range.to}`} clientId={client.id} range={range} />
      {canWriteClients(session.role) && <ReportSchedulesPanel clientId={client.id} timeZone={client.timeZone} />}
      <WebPanel
        clientId={client.id}
        range={range}
        canWrite={canWriteClient}
       
        part="sites"
      />
      {canWrite && entryMetrics.length > 0 && (
        <section className="panel" aria-labelledby={`${headingId}-add`}>
          <h3 id={`${headingId}-add`}>Add a data point</h3>
          <AddPointForm
            clientId={client.id}
            metrics={entryMetrics}
            today={today}
            onSaved={(metricKey) => {
              data.reload(metricKey);
              // a first point of a metric brings its card (and maybe its channel's tab)
              void observed.refetch();
            }}
          />
        </section>
      )}
    </>
  );

  const channelPanel = (channel: string) => {
    const metrics = shown.filter((m) => m.channel === channel);
    return (
      <>
        {channel === 'website' && (
          <WebPanel clientId={client.id} range={range} canWrite={canWriteClient} part="figures" annotations={annotationList} />
        )}
        <section className="metrics" aria-labelledby={`${ids}-ch-${channel}`}>
          <h3 id={`${ids}-ch-${channel}`}>{channelLabel(channel)}</h3>
          <div className="metric-grid">{metrics.map(card)}</div>
        </section>
      </>
    );
  };

  return (
    <section className="page client-page" aria-labelledby={headingId}>
      {session.clientId === null && <BackLink />}
      <div className="client-header">
        <h2 id={headingId}>
          {client.name}
          {client.demo && (
            <>
              {' '}
              <span className="badge badge-demo" title="Generated data, not measured">
                Demo
              </span>
            </>
          )}
        </h2>
        <HeaderScore state={scoreState} />
      </div>
      {session.clientId !== null && (
        <p className="muted read-only-note">
          {session.agency.name} shares this dashboard with you: you can read everything here, and the agency's team makes
          the changes.
        </p>
      )}
      <AlsoViewing viewers={viewers} myUserId={session.user.id} />
      <div className="field-row chart-controls">
        <SelectField
          id={`${ids}-period`}
          label="Period"
          value={period}
          options={PERIODS}
          hint={formatPeriod(range.from, range.to)}
          onChange={(next) => {
            view.set({ period: next, granularity: defaultGranularity(next) });
          }}
        />
        <SelectField
          id={`${ids}-granularity`}
          label="Granularity"
          value={granularity}
          options={GRANULARITIES}
          onChange={(next) => {
            view.set({ granularity: next });
          }}
        />
        <label className="checkbox show-all">
          <input
            type="checkbox"
            checked={showAll}
            onChange={(event) => {
              view.set({ metrics: event.target.checked ? 'all' : null });
            }}
          />{' '}
          Show all metrics
        </label>
      </div>
      <Tabs
        label={`${client.name}: sections`}
        tabs={tabs}
        selected={tab}
        onSelect={(next) => {
          view.set({ tab: next === 'overview' ? null : next });
        }}
      >
        {tab === 'collaboration' ? collaboration
          : tab === 'data' ? dataTab
          : !tabsKnown ? <Loading label="Loading metrics…" />
          : tab === 'overview' ? overview
          : channelPanel(tab)}
      </Tabs>
    </section>
  );
}

const LOADING_CARD: CardState<Series> = { state: { kind: 'loading' }, stale: false };

/** The score beside the client's name: its value and day, or "not scored yet" (never a 0). */
function HeaderScore({ state }: { state: LoadState<ZoomFactorScore> }) {
  if (state.kind !== 'loaded') {
    return null;
  }
  const { score, asOf } = state.data;
  return (
    <p className="client-score" data-testid="header-score">
      {score === null ? (
        'Zoom Factor: not scored yet'
      ) : (
        <>
          Zoom Factor <strong>{formatScore(score)}</strong> <span className="muted">as of {formatDay(asOf)}</span>
        </>
      )}
    </p>
  );
}
