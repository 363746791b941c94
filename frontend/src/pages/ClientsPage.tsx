import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { channelLabel } from '../api/constants.ts';
import { api } from '../api/endpoints.ts';
import type { Client, ClientScoreSummary, Goal, Metric } from '../api/types.ts';
import type { Requester } from '../api/endpoints.ts';
import { isAbort } from '../api/client.ts';
import { canWriteClients, isManager, useApi, useSession } from '../auth/SessionContext.ts';
import { ErrorAlert } from '../components/Feedback.tsx';
import { SelectField, TextField } from '../components/FormFields.tsx';
import { LoadedList } from '../components/LoadedList.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useApiGet } from '../hooks/useApiGet.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { MAX_SUBSCRIPTIONS } from '../live/LiveConnection.ts';
import { useLiveClients } from '../live/LiveContext.ts';
import { scoreUpdate, withSummaryPoint } from '../live/score.ts';
import { ClientForm, EMPTY_CLIENT, valuesOf, type ClientValues } from './clients/ClientForm.tsx';
import { CLIENT_SORTS, filterClients, sortClients, type ClientSort } from './clients/portfolio.ts';
import { authenticityWarning, formatDay, formatPercent, formatWholeScore, scoreChange } from './format.ts';
import { Sparkline } from '../components/Sparkline.tsx';
import { goalsByClient, PortfolioGoals } from './clients/PortfolioGoals.tsx';
import { DemoClientButton } from './clients/DemoClientButton.tsx';

/** A burst of score events (e.g. an import touching many clients) refetches the list once, this long after the last. */
export const PORTFOLIO_REFRESH_MS = 300;
/** Scores move every goal's forecast a little: after one, the goals are read again at most this often. */
export const GOALS_REFRESH_MS = 60_000;

type PortfolioGoalsData = { byClient: Map<string, Goal[]>; catalogue: Metric[] };

/** Every client's goals with the catalogue to name their metrics; null (goals not shown) when they cannot be loaded. */
async function loadGoals(request: Requester, signal: AbortSignal): Promise<PortfolioGoalsData | null> {
  try {
    const [goals, catalogue] = await Promise.all([api.listPortfolioGoals(request, signal), api.listMetrics(request, signal)]);
    return { byClient: goalsByClient(goals), catalogue };
  } catch (error) {
    if (isAbort(error)) {
      throw error;
    }
    return null; // the portfolio stays useful without them
  }
}

/** What one row is doing: at most one row is being edited or asking to confirm a delete. */
type RowMode = { kind: 'edit'; id: string } | { kind: 'confirm-delete'; id: string } | null;

/** The portfolio; a client viewer, who has one client, goes straight to its dashboard. */
export function ClientsPage() {
  const { clientId } = useSession();
  return clientId === null ? <Portfolio /> : <Navigate to={`/clients/${encodeURIComponent(clientId)}`} replace />;
}

function Portfolio() {
  usePageTitle('Clients');
  const { role } = useSession();
  const request = useApi();
  const { state, reload, update } = useApiGet(api.listClients);
  const goals = useApiGet(loadGoals);
  const goalsData = goals.state.kind === 'loaded' ? goals.state.data : null;
  const [mode, setMode] = useState<RowMode>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sort, setSort] = useState<ClientSort>('name');
  const [filter, setFilter] = useState('');
  const headingId = useId();
  const canWrite = canWriteClients(role);
  const canDelete = isManager(role);

  // Live: follow every listed client; a score event updates its row in place; a reset refetches the list, debounced.
  // (the server takes up to MAX_SUBSCRIPTIONS per socket: a larger portfolio follows its first ones)
  const listed = useMemo(() => (state.kind === 'loaded' ? state.data.slice(0, MAX_SUBSCRIPTIONS).map((c) => c.id) : []), [state]);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshing = useRef<AbortController | null>(null);
  /** What the next refresh reads again, and when the goals were last read. */
  const wanted = useRef({ clients: false, goals: false });
  const goalsReadAt = useRef(0);
  useEffect(() => {
    goalsReadAt.current = Date.now(); // the first read, on mount
  }, []);
  const refreshSoon = (what: { clients: boolean; goals: boolean }) => {
    wanted.current = { clients: wanted.current.clients || what.clients, goals: wanted.current.goals || what.goals };
    if (refreshTimer.current !== null) {
      clearTimeout(refreshTimer.current);
    }
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      const { clients: readClients, goals: readGoals } = wanted.current;
      wanted.current = { clients: false, goals: false };
      refreshing.current?.abort();
      const controller = new AbortController();
      refreshing.current = controller;
      if (readClients) {
        api.listClients(request, controller.signal).then(
          (clients) => {
            if (!controller.signal.aborted) {
              update(() => clients);
            }
          },
          () => undefined, // the list on screen stays; the next event tries again
        );
      }
      if (readGoals) {
        goalsReadAt.current = Date.now();
        loadGoals(request, controller.signal).then(
          (loaded) => {
            if (!controller.signal.aborted && loaded !== null) {
              goals.update(() => loaded);
            }
          },
          () => undefined,
        );
      }
    }, PORTFOLIO_REFRESH_MS);
  };
  // the portfolio watches its clients without showing up as looking at each of them
  useLiveClients(
    listed,
    {
      onEvent: (event) => {
        // a goal's forecast moves with the goal itself, and a little with the data (a score event follows any change)
        if (event.kind === 'score') {
          // the event carries the score: the row updates in place; only an unreadable one reads the list again
          const pushed = scoreUpdate(event.data);
          if (pushed !== null) {
            update((clients) =>
              clients.map((c) => (c.id === event.clientId ? { ...c, score: withSummaryPoint(c.score, pushed.point) } : c)),
            );
          }
          const readGoals = Date.now() - goalsReadAt.current >= GOALS_REFRESH_MS;
          if (pushed === null || readGoals) {
            refreshSoon({ clients: pushed === null, goals: readGoals });
          }
        } else if (event.kind === 'goal') {
          refreshSoon({ clients: false, goals: true });
        }
      },
      onReset: () => {
        refreshSoon({ clients: true, goals: true });
      },
    },
    { presence: false },
  );
  useEffect(
    () => () => {
      if (refreshTimer.current !== null) {
        clearTimeout(refreshTimer.current);
      }
      refreshing.current?.abort();
    },
    [],
  );

  const create = async (values: ClientValues) => {
    const created = await api.createClient(request, {
      name: values.name,
      ...(values.website === '' ? {} : { website: values.website }),
      timeZone: values.timeZone,
      channels: values.channels,
    });
    update((clients) => [...clients, created]);
    setNotice(`Added ${created.name}.`);
  };

  const save = async (id: string, values: ClientValues) => {
    const saved = await api.updateClient(request, id, {
      name: values.name,
      website: values.website === '' ? null : values.website,
      timeZone: values.timeZone,
      channels: values.channels,
    });
    // The answer carries the client's current score, as the list does.
    update((clients) => clients.map((c) => (c.id === saved.id ? saved : c)));
    setMode(null);
    setNotice(`Saved ${saved.name}.`);
  };

  const removed = (client: Client) => {
    update((clients) => clients.filter((c) => c.id !== client.id));
    setMode(null);
    setNotice(`Deleted ${client.name}.`);
  };

  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Clients</h2>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <LoadedList
        state={state}
        reload={reload}
        loadingLabel="Loading clients…"
        empty={<>No clients yet{canWrite ? ': add the first one below.' : '.'}</>}
      >
        {(clients) => {
          const shown = sortClients(filterClients(clients, filter), sort);
          return (
            <>
              <div className="field-row portfolio-controls">
                <TextField
                  id={`${headingId}-filter`}
                  label="Filter by name"
                  type="search"
                  autoComplete="off"
                  spellCheck={false}
                  value={filter}
                  onChange={setFilter}
                />
                <SelectField id={`${headingId}-sort`} label="Sort by" value={sort} options={CLIENT_SORTS} onChange={setSort} />
              </div>
              <p className="muted portfolio-count" role="status" aria-live="polite">
                {filter.trim() === '' ? null : `Showing ${String(shown.length)} of ${String(clients.length)} clients`}
              </p>
              {shown.length === 0 ? (
                <p className="empty">No client name contains “{filter.trim()}”.</p>
              ) : (
                <ul className="card-list" aria-label="Clients">
                  {shown.map((client) => (
                    <li key={client.id} className="card">
                      {mode?.kind === 'edit' && mode.id === client.id ? (
                        <>
                          <h3 className="card-title">Edit {client.name}</h3>
                          <ClientForm
                            initial={valuesOf(client)}
                            submitLabel="Save"
                            autoFocus
                            onSubmit={(values) => save(client.id, values)}
                            onCancel={() => {
                              setMode(null);
                            }}
                          />
                        </>
                      ) : (
                        <ClientCard
                          client={client}
                          goals={goalsData === null ? null : (goalsData.byClient.get(client.id) ?? NO_GOALS)}
                          catalogue={goalsData?.catalogue ?? NO_METRICS}
                          canWrite={canWrite}
                          canDelete={canDelete}
                          confirming={mode?.kind === 'confirm-delete' && mode.id === client.id}
                          onEdit={() => {
                            setNotice(null);
                            setMode({ kind: 'edit', id: client.id });
                          }}
                          onAskDelete={() => {
                            setNotice(null);
                            setMode({ kind: 'confirm-delete', id: client.id });
                          }}
                          onCancelDelete={() => {
                            setMode(null);
                          }}
                          onDeleted={() => {
                            removed(client);
                          }}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </LoadedList>
      {/* Hidden while a client is edited, so that each field label appears once on the page. */}
      {canWrite && state.kind === 'loaded' && mode?.kind !== 'edit' && (
        <section className="panel" aria-labelledby={`${headingId}-add`}>
          <h3 id={`${headingId}-add`}>Add a client</h3>
          <ClientForm initial={EMPTY_CLIENT} submitLabel="Add client" onSubmit={create} resetOnSuccess />
          <DemoClientButton hasDemo={state.data.some((client) => client.demo)} />
        </section>
      )}
    </section>
  );
}

const NO_GOALS: Goal[] = [];
const NO_METRICS: Metric[] = [];

type CardProps = {
  client: Client;
  /** Null when the goals could not be loaded (then none are shown). */
  goals: Goal[] | null;
  catalogue: Metric[];
  canWrite: boolean;
  canDelete: boolean;
  confirming: boolean;
  onEdit: () => void;
  onAskDelete: () => void;
  onCancelDelete: () => void;
  onDeleted: () => void;
};

function ClientCard({ client, goals, catalogue, canWrite, canDelete, confirming, onEdit, onAskDelete, onCancelDelete, onDeleted }: CardProps) {
  const request = useApi();
  const remove = useAction();

  const confirmDelete = async () => {
    if (await remove.run(() => api.deleteClient(request, client.id))) {
      onDeleted();
    }
  };

  return (
    <>
      <h3 className="card-title">
        <Link to={`/clients/${encodeURIComponent(client.id)}`}>{client.name}</Link>
      </h3>
      <ScoreSummary score={client.score ?? null} />
      {goals !== null && <PortfolioGoals goals={goals} catalogue={catalogue} />}
      <dl className="facts">
        <div>
          <dt>Website</dt>
          <dd>{client.website === null || client.website === '' ? '—' : <Website url={client.website} />}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{client.timeZone}</dd>
        </div>
        <div>
          <dt>Channels</dt>
          <dd>{client.channels.length === 0 ? 'none' : client.channels.map(channelLabel).join(', ')}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm deleting ${client.name}`}>
          <p>Delete {client.name} and everything measured for it? This cannot be undone.</p>
          <ErrorAlert message={remove.error} />
          <div className="form-actions">
            <button type="button" className="button-danger" onClick={() => void confirmDelete()} disabled={remove.pending}>
              Confirm delete
            </button>
            <button type="button" className="button-secondary" onClick={onCancelDelete}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        (canWrite || canDelete) && (
          <div className="form-actions">
            {canWrite && (
              <button type="button" className="button-secondary" aria-label={`Edit ${client.name}`} onClick={onEdit}>
                Edit
              </button>
            )}
            {canDelete && (
              <button type="button" className="button-danger-outline" aria-label={`Delete ${client.name}`} onClick={onAskDelete}>
                Delete
              </button>
            )}
          </div>
        )
      )}
    </>
  );
}

/** A client's Zoom Factor in the portfolio: the rounded score, its change, coverage and any authenticity discount. */
function ScoreSummary({ score }: { score: ClientScoreSummary | null }) {
  if (score === null) {
    return <p className="portfolio-score muted">Zoom Factor: not scored yet</p>;
  }
  const warning = authenticityWarning(score.authenticityFactor);
  return (
    <div className="portfolio-score">
      <dl className="portfolio-facts">
        <div>
          <dt>Zoom Factor</dt>
          <dd className="portfolio-value" data-testid="portfolio-score">
            {formatWholeScore(score.value)}
          </dd>
        </div>
        <div>
          <dt>Change</dt>
          <dd data-testid="portfolio-change">
            <ChangeText change={score.change} since={score.changeSince} />
          </dd>
        </div>
        <div>
          <dt>Coverage</dt>
          <dd data-testid="portfolio-coverage">{formatPercent(score.coverage)}</dd>
        </div>
      </dl>
      <Sparkline values={score.recent} label="Zoom Factor over the last 90 days" />
      {warning !== null && (
        <p className="portfolio-warning" data-testid="portfolio-authenticity">
          <span aria-hidden="true">⚠ </span>
          {warning}
        </p>
      )}
      <p className="portfolio-asof muted">
        <small>
          as of <time dateTime={score.asOf}>{formatDay(score.asOf)}</time>
        </small>
      </p>
    </div>
  );
}

const DIRECTION_WORDS = { up: 'up', down: 'down', flat: 'unchanged' } as const;

/** "↑ up +3.2 points since 1 Nov 2026": the arrow (drawn by CSS) and the word say the direction, not the colour alone. */
function ChangeText({ change, since }: { change: number | null; since: string | null }) {
  if (change === null) {
    return <span className="muted">no earlier score</span>;
  }
  const { direction, text } = scoreChange(change);
  const tone = direction === 'flat' ? 'neutral' : direction === 'up' ? 'good' : 'bad';
  return (
    <>
      <span className={`trend trend-${direction} trend-${tone}`}>
        {DIRECTION_WORDS[direction]} {text}
      </span>
      {since !== null && (
        <>
          {' '}
          <span className="portfolio-since">
            since <time dateTime={since}>{formatDay(since)}</time>
          </span>
        </>
      )}
    </>
  );
}

/** A client's website: a link when it is an http(s) URL, plain text otherwise. */
function Website({ url }: { url: string }) {
  let href: string | null = null;
  try {
    const parsed = new URL(url);
    href = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    href = null;
  }
  return href === null ? (
    <>{url}</>
  ) : (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {url}
    </a>
  );
}
