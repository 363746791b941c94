import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type SubmitEvent } from 'react';
import { useParams } from 'react-router-dom';
import { ApiRequestError, errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { Goal, Metric, SharedBranding, SharedDashboard } from '../api/types.ts';
import { LoadError, Loading } from '../components/Feedback.tsx';
import { FormFooter, TextField } from '../components/FormFields.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { goalValue, reachedPercent, statusText, subjectLabel } from './client/goals.ts';
import { MetricCard } from './client/MetricCard.tsx';
import { HistoryView } from './client/ScoreHistoryPanel.tsx';
import { ZoomFactorPanel } from './client/ZoomFactorPanel.tsx';
import { queryKeys } from '../query/keys.ts';
import { formatDate, formatDay, formatPeriod } from './format.ts';

type SharedState =
  | { kind: 'loading' }
  /** The link has a password; `message` says why it is asked (again). */
  | { kind: 'locked'; message: string | null }
  | { kind: 'gone' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; data: SharedDashboard };

/** The words for a failed unlock: a wrong password, the wait after too many, or the server's message. */
export function unlockError(error: unknown): string {
  if (error instanceof ApiRequestError && error.status === 401) {
    return 'That password is not right.';
  }
  if (error instanceof ApiRequestError && error.status === 429) {
    return error.retryAfterSeconds === null
      ? 'Too many wrong passwords: try again later.'
      : `Too many wrong passwords: try again in ${String(error.retryAfterSeconds)} s.`;
  }
  return errorMessage(error);
}

/**
 * `/shared/:token`: a client's dashboard, read-only, for whoever holds the link: no sign-in. A password-protected
 * link asks for its password first; the grant it earns lives in this page's memory only.
 */
export function SharedPage() {
  const { token = '' } = useParams();
  // another link is another page: nothing (a grant above all) carries over
  return <SharedDashboardPage key={token} token={token} />;
}

/** A message to show without the link's secret in it (a network error names the path it failed on). */
function withoutToken(message: string, token: string): string {
  return token === '' ? message : message.split(token).join('zfs_…');
}

/** What the page shows of a read of the dashboard (a retry shows the busy message again). */
function sharedState(query: UseQueryResult<SharedDashboard>, token: string, grant: string | null): SharedState {
  const { data, error, isFetching } = query;
  if (data !== undefined) {
    return { kind: 'loaded', data };
  }
  if (error === null || isFetching) {
    return { kind: 'loading' };
  }
  if (error instanceof ApiRequestError && error.status === 404) {
    return { kind: 'gone' };
  }
  if (error instanceof ApiRequestError && error.status === 401 && error.details.passwordRequired === true) {
    return { kind: 'locked', message: grant === null ? null : 'Your access has ended: enter the password again.' };
  }
  return { kind: 'error', message: withoutToken(errorMessage(error), token) };
}

function SharedDashboardPage({ token }: { token: string }) {
  const [grant, setGrant] = useState<string | null>(null);
  // no session: the link (and the grant its password earned) is the credential
  const query = useQuery({
    queryKey: queryKeys.shared(token, grant),
    queryFn: ({ signal }) => api.getShared(token, grant, signal),
  });
  const state = sharedState(query, token, grant);
  const { refetch } = query;
  usePageTitle(state.kind === 'loaded' ? state.data.client.name : 'Shared dashboard');

  switch (state.kind) {
    case 'loading':
      return (
        <section className="page" aria-label="Shared dashboard">
          <Loading label="Loading the shared dashboard…" />
        </section>
      );
    case 'gone':
      return <LinkGone />;
    case 'error':
      return (
        <section className="page" aria-label="Shared dashboard">
          <LoadError message={state.message} what="The shared dashboard" onRetry={() => {
            void refetch();
          }} />
        </section>
      );
    case 'locked':
      return <PasswordForm token={token} reason={state.message} onGranted={setGrant} />;
    case 'loaded':
      // after the password form, focus moves to what it opened (the form is gone)
      return <SharedView token={token} dashboard={state.data} focusOnOpen={grant !== null} />;
  }
}

function LinkGone() {
  return (
    <section className="page" aria-labelledby="shared-gone-heading">
      <h2 id="shared-gone-heading">This link no longer works</h2>
      <p>It may have expired or been revoked, or it was copied incompletely. Ask whoever shared it for a new one.</p>
    </section>
  );
}

function PasswordForm({ token, reason, onGranted }: { token: string; reason: string | null; onGranted: (grant: string) => void }) {
  const ids = useId();
  const submit = useAction();
  const [password, setPassword] = useState('');

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password === '') {
      submit.setError('Enter the password.');
      return;
    }
    const granted: { grant?: string } = {};
    // run: the button stays disabled while the password is checked, so a double click is not two guesses
    const ok = await submit.run(async () => {
      try {
        granted.grant = (await api.unlockShared(token, password)).grant;
      } catch (error) {
        setPassword('');
        throw new Error(withoutToken(unlockError(error), token));
      }
    });
    if (ok && granted.grant !== undefined) {
      onGranted(granted.grant);
    }
  };

  return (
    <section className="page auth-page" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>This dashboard is protected</h2>
      <p>{reason ?? 'Enter the password you were given with the link.'}</p>
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id={`${ids}-password`}
          label="Password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={setPassword}
        />
        <FormFooter action={submit} submitLabel="Open dashboard" />
      </form>
    </section>
  );
}

const noop = () => {
  // a shared dashboard is loaded whole: there is nothing to retry piecemeal
};

/** The agency's colour as a CSS custom property: the server only stores #rrggbb, checked again here. */
export function brandStyle(branding: SharedBranding): CSSProperties {
  return /^#[0-9a-fA-F]{6}$/.test(branding.colour) ? ({ '--brand': branding.colour } as CSSProperties) : {};
}

/** The agency's header on a shared dashboard: its logo (when it has one) and its name. */
function AgencyHeader({ token, branding }: { token: string; branding: SharedBranding }) {
  return (
    <header className="shared-brand">
      {branding.logo && <img className="shared-logo" src={api.sharedLogoPath(token)} alt={`${branding.name} logo`} />}
      <p className="shared-agency">{branding.name}</p>
    </header>
  );
}

/** The foot of a shared dashboard: the agency's line, and "Powered by Zoom Factor" unless it switched that off. */
function AgencyFooter({ branding }: { branding: SharedBranding }) {
  if (branding.footer === null && !branding.poweredBy) {
    return null;
  }
  return (
    <footer className="shared-footer">
      {branding.footer !== null && <p>{branding.footer}</p>}
      {branding.poweredBy && <p className="powered-by">Powered by Zoom Factor</p>}
    </footer>
  );
}

function SharedView({ token, dashboard, focusOnOpen }: { token: string; dashboard: SharedDashboard; focusOnOpen: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) {
      heading.current?.focus();
    }
  }, [focusOnOpen]);
  const ids = useId();
  const { client, metrics, series, annotations, goals, shows, branding } = dashboard;
  const annotationDays = useMemo(() => annotations.map((a) => a.date), [annotations]);
  const byKey = useMemo(() => new Map(metrics.map((m) => [m.key, m])), [metrics]);
  return (
    <section className="page client-page shared-page" aria-labelledby={`${ids}-heading`} style={brandStyle(branding)}>
      <AgencyHeader token={token} branding={branding} />
      <h2 id={`${ids}-heading`} ref={heading} tabIndex={-1}>
        {client.name}
      </h2>
      <p className="muted">
        A read-only dashboard shared with you · {formatPeriod(dashboard.from, dashboard.to)}
        {dashboard.expiresAt !== null && <> · this link works until {formatDate(dashboard.expiresAt)}</>}
      </p>

      {dashboard.score !== undefined && (
        <ZoomFactorPanel state={{ kind: 'loaded', data: dashboard.score }} reload={noop} catalogue={metrics} title="Score" />
      )}

      {shows.goals && <section className="panel goals" aria-labelledby={`${ids}-goals`}>
        <h3 id={`${ids}-goals`}>Goals</h3>
        {goals.length === 0 ? (
          <p className="empty">No goals set.</p>
        ) : (
          <ul className="card-list goal-list" aria-labelledby={`${ids}-goals`}>
            {goals.map((goal) => (
              <SharedGoal key={goal.id} goal={goal} catalogue={metrics} />
            ))}
          </ul>
        )}
      </section>}

      {dashboard.scoreHistory !== null && (
        <section className="panel score-history" aria-labelledby={`${ids}-history`}>
          <h3 id={`${ids}-history`}>Score history</h3>
          <HistoryView history={dashboard.scoreHistory} annotations={annotationDays} scoreName="Score" />
        </section>
      )}

      {shows.annotations !== 'none' && <section className="panel annotations" aria-labelledby={`${ids}-annotations`}>
        <h3 id={`${ids}-annotations`}>Annotations</h3>
        {annotations.length === 0 ? (
          <p className="empty">No annotations in this period.</p>
        ) : (
          <ul className="card-list annotation-list" aria-labelledby={`${ids}-annotations`}>
            {annotations.map((a) => (
              <li key={a.id} className="card annotation">
                <time dateTime={a.date}>{formatDay(a.date)}</time> {a.text}
                {a.metric !== null && <span className="muted"> ({byKey.get(a.metric)?.label ?? a.metric})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>}

      <section className="metrics" aria-labelledby={`${ids}-metrics`}>
        <h3 id={`${ids}-metrics`}>Metrics</h3>
        {series.length === 0 ? (
          <p className="empty">No metrics were measured in this period.</p>
        ) : (
          <div className="metric-grid">
            {series.map((s) => {
              const metric = byKey.get(s.metric);
              return metric === undefined ? null : (
                <MetricCard
                  key={s.metric}
                  metric={metric}
                  series={{ state: { kind: 'loaded', data: s }, stale: false }}
                  top={null}
                  onRetry={noop}
                  annotations={annotationDays}
                />
              );
            })}
          </div>
        )}
      </section>
      <AgencyFooter branding={branding} />
    </section>
  );
}

function SharedGoal({ goal, catalogue }: { goal: Goal; catalogue: readonly Metric[] }) {
  const subject = subjectLabel(goal.metric, catalogue);
  // for the client, how near the target is, not how far from where the goal was set
  const percent = reachedPercent(goal, catalogue);
  return (
    <li className={`card goal goal-${goal.status.replace(/_/g, '-')}`}>
      <p className="goal-subject">
        <strong>{subject}</strong>
      </p>
      <p className="goal-figures">
        Target {goalValue(goal.target, goal.metric, catalogue)} by <time dateTime={goal.deadline}>{formatDay(goal.deadline)}</time> · now{' '}
        {goalValue(goal.current, goal.metric, catalogue)}
        {percent !== null && <> · {String(percent)} % of the target</>}
      </p>
      <progress
        className="goal-progress"
        max={100}
        {...(percent === null ? {} : { value: percent })}
        aria-label={`Reached: ${subject} by ${formatDay(goal.deadline)}`}
        aria-valuetext={percent === null ? 'unknown' : `${String(percent)}%`}
      />
      <p className="goal-status">{statusText(goal, catalogue)}</p>
    </li>
  );
}
