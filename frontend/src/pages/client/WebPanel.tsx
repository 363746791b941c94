import { useCallback, useId, useState, type SubmitEvent } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Site, WebBreakdownBy, WebRealtime } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorAlert, LoadError, Loading } from '../../components/Feedback.tsx';
import { FormFooter, TextField } from '../../components/FormFields.tsx';
import { MetricChart, type AnnotationInput } from '../../components/MetricChart.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';
import { seriesKey } from './useMetricData.ts';
import { formatCount, formatPeriod } from '../format.ts';
import type { DayRange } from './period.ts';
import { visitorsNowText, webFigures } from './web.ts';

const BREAKDOWNS: readonly { by: WebBreakdownBy; title: string; column: string }[] = [
  { by: 'page', title: 'Top pages', column: 'Page' },
  { by: 'source', title: 'Sources', column: 'Source' },
  { by: 'referrer', title: 'Referrers', column: 'Referrer' },
  { by: 'device', title: 'Devices', column: 'Device' },
];

type Props = {
  clientId: string;
  range: DayRange;
  canWrite: boolean;
  /**
   * "Visitors now" as someone else heard it; absent, the panel reads its cache entry, which the live bridge
   * keeps current from the `web` events.
   */
  live?: WebRealtime | null;
  /** What to show: the tracked figures (the Web tab), the sites and their snippet (the Data tab), or both. */
  part?: 'figures' | 'sites' | 'both';
  /** The client's annotations, marked on the visitors chart. */
  annotations?: readonly AnnotationInput[];
};

/**
 * The Web section of a client: its tracked sites (the snippet to paste, add, delete, returning visitors) and, once
 * it has one, the period's website figures against the period before, a chart, breakdowns and visitors now.
 */
export function WebPanel({ clientId, range, canWrite, live = null, part = 'both', annotations }: Props) {
  const headingId = useId();
  const loadSites = useCallback((request: Requester, signal: AbortSignal) => api.listSites(request, clientId, signal), [clientId]);
  const sites = useQueryResource(queryKeys.sites(clientId), loadSites);
  if (part === 'figures' && sites.state.kind === 'loaded' && sites.state.data.length === 0) {
    return null; // no tracked site: nothing of the tracker to show
  }
  return (
    <section className="panel web-panel" aria-labelledby={headingId} data-testid="web-panel">
      <h3 id={headingId}>{part === 'sites' ? 'Tracked sites' : 'Web'}</h3>
      {sites.state.kind === 'loading' && <Loading label="Loading sites…" />}
      {sites.state.kind === 'error' && <LoadError message={sites.state.message} onRetry={sites.reload} />}
      {sites.state.kind === 'loaded' && (
        <>
          {part !== 'sites' && sites.state.data.length > 0 && <WebFigures clientId={clientId} range={range} live={live} annotations={annotations} />}
          {part !== 'figures' && <SiteList
            clientId={clientId}
            sites={sites.state.data}
            canWrite={canWrite}
            onChanged={(change) => {
              sites.update(change);
            }}
          />}
        </>
      )}
    </section>
  );
}

function WebFigures({
  clientId,
  range,
  live,
  annotations,
}: {
  clientId: string;
  range: DayRange;
  live: WebRealtime | null;
  annotations?: readonly AnnotationInput[] | undefined;
}) {
  const loadStats = useCallback(
    (request: Requester, signal: AbortSignal) => api.getWebStats(request, clientId, range, signal),
    [clientId, range],
  );
  // the live bridge reads the figures again when the tracker's data or the visitors move
  const stats = useQueryResource(queryKeys.web(clientId, 'stats', { from: range.from, to: range.to }), loadStats);
  const loadNow = useCallback((request: Requester, signal: AbortSignal) => api.getWebRealtime(request, clientId, signal), [clientId]);
  const loadedNow = useQueryResource(queryKeys.web(clientId, 'realtime'), loadNow);
  const now = live ?? (loadedNow.state.kind === 'loaded' ? loadedNow.state.data : null);
  return (
    <>
      <VisitorsNow now={now} />
      {stats.state.kind === 'loading' && <Loading label="Loading website figures…" />}
      {stats.state.kind === 'error' && <LoadError message={stats.state.message} onRetry={stats.reload} />}
      {stats.state.kind === 'loaded' && (
        <ul className="web-figures" aria-label={`Website, ${formatPeriod(range.from, range.to)}`}>
          {webFigures(stats.state.data).map((figure) => (
            <li key={figure.key} className="web-figure" data-testid={`web-${figure.key}`}>
              <span className="web-figure-label">{figure.label}</span>
              <strong className="web-figure-value">{figure.value}</strong>
              {figure.change !== null && <span className={`trend trend-${figure.tone}`}>{figure.change}</span>}
            </li>
          ))}
        </ul>
      )}
      <VisitorsChart clientId={clientId} range={range} annotations={annotations} />
      <div className="web-breakdowns">
        {BREAKDOWNS.map((breakdown) => (
          <Breakdown key={breakdown.by} clientId={clientId} range={range} {...breakdown} />
        ))}
      </div>
    </>
  );
}

function VisitorsNow({ now }: { now: WebRealtime | null }) {
  if (now === null) {
    return null;
  }
  return (
    <div className="web-now">
      <p className="web-now-count" role="status" data-testid="visitors-now">
        {visitorsNowText(now.visitors)}
      </p>
      {now.pages.length > 0 && (
        <ul className="web-now-pages" aria-label="Pages they are on">
          {now.pages.map((page) => (
            <li key={page.path}>
              <code>{page.path}</code> {formatCount(page.visitors)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Daily unique visitors of the period (the tracker's daily observations). */
function VisitorsChart({
  clientId,
  range,
  annotations,
}: {
  clientId: string;
  range: DayRange;
  annotations?: readonly AnnotationInput[] | undefined;
}) {
  const load = useCallback(
    (request: Requester, signal: AbortSignal) => api.getSeries(request, clientId, { metric: 'web.unique_visitors', from: range.from, to: range.to, granularity: 'day' }, signal),
    [clientId, range],
  );
  // the same cache entry as the metric card's daily series of unique visitors
  const series = useQueryResource(seriesKey(clientId, 'web.unique_visitors', range, 'day'), load);
  if (series.state.kind !== 'loaded' || series.state.data.points.length === 0) {
    return null;
  }
  return (
    <MetricChart
      label="Unique visitors per day"
      unit="count"
      points={series.state.data.points}
      verdict={series.state.data.trend.verdict}
      annotations={annotations}
      granularity="day"
      period={{ from: series.state.data.from, to: series.state.data.to }}
    />
  );
}

function Breakdown({
  clientId,
  range,
  by,
  title,
  column,
}: {
  clientId: string;
  range: DayRange;
  by: WebBreakdownBy;
  title: string;
  column: string;
}) {
  const load = useCallback(
    (request: Requester, signal: AbortSignal) => api.getWebBreakdown(request, clientId, by, range, signal),
    [clientId, by, range],
  );
  const breakdown = useQueryResource(queryKeys.web(clientId, 'breakdown', { by, from: range.from, to: range.to }), load);
  const counted = by === 'page' ? 'Pageviews' : 'Visits';
  return (
    <table className="data-table web-breakdown" data-testid={`web-breakdown-${by}`}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{column}</th>
          <th scope="col">Visitors</th>
          <th scope="col">{counted}</th>
        </tr>
      </thead>
      <tbody>
        {breakdown.state.kind === 'loaded' && breakdown.state.data.rows.length === 0 && (
          <tr>
            <td colSpan={3} className="empty">
              Nothing yet.
            </td>
          </tr>
        )}
        {breakdown.state.kind === 'loaded' &&
          breakdown.state.data.rows.map((row) => (
            <tr key={row.value}>
              <td>{row.value}</td>
              <td>{formatCount(row.visitors)}</td>
              <td>{formatCount(by === 'page' ? row.pageviews : row.visits)}</td>
            </tr>
          ))}
        {breakdown.state.kind === 'error' && (
          <tr>
            <td colSpan={3}>
              <ErrorAlert message={breakdown.state.message} />
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function SiteList({
  clientId,
  sites,
  canWrite,
  onChanged,
}: {
  clientId: string;
  sites: readonly Site[];
  canWrite: boolean;
  onChanged: (change: (list: Site[]) => Site[]) => void;
}) {
  return (
    <section className="web-sites" aria-label="Tracked sites">
      {sites.length === 0 ? (
        <p className="empty">
          No tracked site yet.{canWrite ? ' Add the client’s website to count its visitors here, without cookies.' : ''}
        </p>
      ) : (
        sites.map((site) => <SiteItem key={site.id} clientId={clientId} site={site} canWrite={canWrite} onChanged={onChanged} />)
      )}
      {canWrite && (
        <AddSiteForm
          clientId={clientId}
          onAdded={(site) => {
            onChanged((list) => [...list.filter((s) => s.id !== site.id), site].sort((a, b) => a.domain.localeCompare(b.domain)));
          }}
        />
      )}
    </section>
  );
}

function SiteItem({
  clientId,
  site,
  canWrite,
  onChanged,
}: {
  clientId: string;
  site: Site;
  canWrite: boolean;
  onChanged: (change: (list: Site[]) => Site[]) => void;
}) {
  const request = useApi();
  const toggle = useAction();
  const ids = useId();
  return (
    <article className="web-site" aria-labelledby={`${ids}-domain`}>
      <h4 id={`${ids}-domain`}>{site.domain}</h4>
      <p className="muted">Paste this before &lt;/head&gt; on every page of the site:</p>
      <pre className="snippet" data-testid="site-snippet">
        <code>{site.snippet}</code>
      </pre>
      <CopyButton text={site.snippet} label="Copy snippet" />
      {canWrite ? (
        <>
          <p className="checkbox-field">
            <input
              id={`${ids}-returning`}
              type="checkbox"
              checked={site.returningVisitors}
              disabled={toggle.pending}
              aria-describedby={`${ids}-consent`}
              onChange={(event) => {
                const on = event.target.checked;
                void toggle.run(async () => {
                  const changed = await api.updateSite(request, clientId, site.id, on);
                  onChanged((list) => list.map((s) => (s.id === changed.id ? changed : s)));
                });
              }}
            />
            <label htmlFor={`${ids}-returning`}>Recognise returning visitors</label>
          </p>
          <p id={`${ids}-consent`} className="muted consent-note">
            Off by default: nothing is stored in visitors’ browsers. On, the script keeps a random id in the browser’s
            localStorage to recognise visitors who come back on another day; in the EU and UK that needs the visitor’s
            consent (ePrivacy), so turn it on only if the site asks for it. The snippet changes: paste it again.
          </p>
          <ErrorAlert message={toggle.error} />
          <ActionButton
            label="Delete"
            accessibleName={`Delete ${site.domain}`}
            className="danger"
            action={() => api.deleteSite(request, clientId, site.id)}
            onDone={() => {
              onChanged((list) => list.filter((s) => s.id !== site.id));
            }}
          />
        </>
      ) : (
        site.returningVisitors && <p className="muted">Returning visitors are recognised (a random id in the browser).</p>
      )}
    </article>
  );
}

function AddSiteForm({ clientId, onAdded }: { clientId: string; onAdded: (site: Site) => void }) {
  const request = useApi();
  const submit = useAction();
  const ids = useId();
  const [domain, setDomain] = useState('');
  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ok = await submit.run(async () => {
      onAdded(await api.createSite(request, clientId, domain.trim()));
    });
    if (ok) {
      setDomain('');
    }
  };
  return (
    <form className="add-site" onSubmit={(event) => void onSubmit(event)} aria-label="Add a site">
      <TextField
        id={`${ids}-domain`}
        label="Website domain"
        hint="The host name, e.g. shop.example.com: its subdomains count too."
        value={domain}
        onChange={setDomain}
        required
        maxLength={253}
      />
      <FormFooter action={submit} submitLabel="Add site" />
    </form>
  );
}
