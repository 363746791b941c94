import { usePrefetchQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/endpoints.ts';
import type { Client, Goal } from '../api/types.ts';
import { canWriteClients, isManager, useApi, useSession } from '../auth/SessionContext.ts';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { Loading, LoadError } from '../components/Feedback.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useAfterPaint } from '../hooks/useAfterPaint.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { MAX_SUBSCRIPTIONS } from '../live/LiveConnection.ts';
import { useLiveClients } from '../live/LiveContext.ts';
import { scoreUpdate, withSummaryPoint } from '../live/score.ts';
import { queryKeys } from '../query/keys.ts';
import { useApiQuery } from '../query/useApiQuery.ts';
import { useFreshOnOpen } from '../query/useFreshOnOpen.ts';
import { errorMessage } from '../api/client.ts';
import { ClientForm, EMPTY_CLIENT, valuesOf, type ClientValues } from './clients/ClientForm.tsx';
import { DemoClientButton } from './clients/DemoClientButton.tsx';
import { PortfolioFilters } from './clients/PortfolioFilters.tsx';
import { PortfolioTable } from './clients/PortfolioTable.tsx';
import {
  comparesScores,
  filterRows,
  isFiltered,
  isPartial,
  PARTIAL_COVERAGE_BELOW,
  rowsToCsv,
  sortRows,
  toggledSort,
  toRow,
  viewFromParams,
  viewToParams,
  type PortfolioRow,
  type PortfolioView,
  type SortKey,
} from './clients/portfolio.ts';
import { formatPercent } from './format.ts';

/** Deletes of a bulk action run this many at a time: quick without flooding the server. */
const DELETE_CONCURRENCY = 4;

/** What the page is asking about: one client edited, or a delete or an export waiting for confirmation. */
type Mode =
  | { kind: 'edit'; client: Client }
  | { kind: 'delete'; rows: PortfolioRow[] }
  | { kind: 'export'; rows: PortfolioRow[] }
  | { kind: 'add' }
  | null;

/** The portfolio; a client viewer, who has one client, goes straight to its dashboard. */
export function ClientsPage() {
  const { clientId } = useSession();
  return clientId === null ? <Portfolio /> : <Navigate to={`/clients/${encodeURIComponent(clientId)}`} replace />;
}

/** The portfolio: every client with its current score. */
function loadClients(request: Parameters<typeof api.listClients>[0], signal: AbortSignal): Promise<Client[]> {
  return api.listClients(request, signal);
}

/** Every client's goals; null (the goals column shows "—") when they cannot be read. */
async function loadGoals(request: Parameters<typeof api.listPortfolioGoals>[0], signal: AbortSignal): Promise<Goal[] | null> {
  try {
    return await api.listPortfolioGoals(request, signal);
  } catch (error) {
    if (signal.aborted) {
      throw error;
    }
    return null; // the portfolio stays useful without them
  }
}

function goalsByClient(goals: readonly Goal[]): Map<string, Goal[]> {
  const byClient = new Map<string, Goal[]>();
  for (const goal of goals) {
    byClient.set(goal.clientId, [...(byClient.get(goal.clientId) ?? []), goal]);
  }
  return byClient;
}

const NO_GOALS: Goal[] = [];

function Portfolio() {
  usePageTitle('Clients');
  const { role } = useSession();
  const request = useApi();
  const queryClient = useQueryClient();
  // asked for in this render, not after it is painted (useQuery's own fetch waits for the effects): the list is what the
  // first screen waits for, and the goals come with it
  usePrefetchQuery({ queryKey: queryKeys.portfolio(), queryFn: ({ signal }) => loadClients(request, signal) });
  usePrefetchQuery({ queryKey: queryKeys.portfolioGoals(), queryFn: ({ signal }) => loadGoals(request, signal) });
  useFreshOnOpen(queryKeys.clients());
  const clients = useApiQuery(queryKeys.portfolio(), loadClients);
  const goals = useApiQuery(queryKeys.portfolioGoals(), loadGoals);
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromParams(params), [params]);
  const [mode, setMode] = useState<Mode>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const headingId = useId();
  const canWrite = canWriteClients(role);
  const canDelete = isManager(role);

  const setView = useCallback(
    (next: PortfolioView) => {
      // the view is the URL: a reload or a copied link shows the same table (replace: typing is not history)
      setParams(viewToParams(next), { replace: true });
    },
    [setParams],
  );

  const byClient = useMemo(() => (goals.data === undefined || goals.data === null ? null : goalsByClient(goals.data)), [goals.data]);
  const rows = useMemo(
    () => (clients.data ?? []).map((client) => toRow(client, byClient === null ? null : (byClient.get(client.id) ?? NO_GOALS), view.period)),
    [clients.data, byClient, view.period],
  );
  const shown = useMemo(() => sortRows(filterRows(rows, view), view.sort, view.direction), [rows, view]);
  const selectedRows = useMemo(() => rows.filter((row) => selected.has(row.id)), [rows, selected]);

  const setClients = useCallback(
    (change: (clients: Client[]) => Client[]) => {
      queryClient.setQueryData<Client[]>(queryKeys.portfolio(), (current) => (current === undefined ? current : change(current)));
    },
    [queryClient],
  );

  // Live: a score event updates its row in place; anything the event cannot say reads the list again.
  // (the server takes up to MAX_SUBSCRIPTIONS per socket: a larger portfolio follows its first ones; a message each,
  // so they are sent once the first rows are painted, not before)
  const drawn = useAfterPaint(clients.data !== undefined);
  const listed = useMemo(
    () => (drawn ? (clients.data ?? []).slice(0, MAX_SUBSCRIPTIONS).map((c) => c.id) : []),
    [clients.data, drawn],
  );
  useLiveClients(
    listed,
    {
      onEvent: (event) => {
        if (event.kind === 'score') {
          const pushed = scoreUpdate(event.data);
          if (pushed === null) {
            // a fetch under way answers for the whole burst
            void queryClient.invalidateQueries({ queryKey: queryKeys.portfolio() }, { cancelRefetch: false });
          } else {
            setClients((all) => all.map((c) => (c.id === event.clientId ? { ...c, score: withSummaryPoint(c.score, pushed.point) } : c)));
          }
        } else if (event.kind === 'goal') {
          void queryClient.invalidateQueries({ queryKey: queryKeys.portfolioGoals() });
        }
      },
      onReset: () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.portfolio() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.portfolioGoals() });
      },
    },
    { presence: false },
  );

  const onSort = useCallback((key: SortKey) => {
    setView(toggledSort(view, key));
  }, [setView, view]);
  const onSelect = useCallback((id: string, on: boolean) => {
    setSelected((was) => {
      const next = new Set(was);
      if (on) {
        next.add(id);
      } else {
        next.delete(id);
      }
      return next;
    });
  }, []);
  const onSelectAll = useCallback(
    (on: boolean) => {
      setSelected((was) => {
        const next = new Set(was);
        for (const row of shown) {
          if (on) {
            next.add(row.id);
          } else {
            next.delete(row.id);
          }
        }
        return next;
      });
    },
    [shown],
  );
  const onEdit = useCallback((row: PortfolioRow) => {
    setNotice(null);
    setMode({ kind: 'edit', client: row.client });
  }, []);
  const onDelete = useCallback((row: PortfolioRow) => {
    setNotice(null);
    setMode({ kind: 'delete', rows: [row] });
  }, []);

  const create = async (values: ClientValues) => {
    const created = await api.createClient(request, {
      name: values.name,
      ...(values.website === '' ? {} : { website: values.website }),
      timeZone: values.timeZone,
      channels: values.channels,
    });
    setClients((all) => [...all, created]);
    setNotice(`Added ${created.name}.`);
  };

  const save = async (id: string, values: ClientValues) => {
    const saved = await api.updateClient(request, id, {
      name: values.name,
      website: values.website === '' ? null : values.website,
      timeZone: values.timeZone,
      channels: values.channels,
    });
    // the answer carries the client's current score, as the list does
    setClients((all) => all.map((c) => (c.id === saved.id ? saved : c)));
    setMode(null);
    setNotice(`Saved ${saved.name}.`);
  };

  const deleted = (ids: readonly string[], failures: readonly string[]) => {
    const gone = new Set(ids);
    setClients((all) => all.filter((c) => !gone.has(c.id)));
    setSelected((was) => new Set([...was].filter((id) => !gone.has(id))));
    void queryClient.invalidateQueries({ queryKey: queryKeys.portfolioGoals() });
    setMode(null);
    const done = ids.length === 1 ? `Deleted ${rows.find((r) => r.id === ids[0])?.name ?? 'the client'}.` : `Deleted ${String(ids.length)} clients.`;
    setNotice(failures.length === 0 ? done : `${ids.length === 0 ? '' : `${done} `}Not deleted: ${failures.join('; ')}`);
  };

  const exportRows = (chosen: readonly PortfolioRow[]) => {
    const blob = new Blob([rowsToCsv(chosen, view.period)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `clients-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
    setMode(null);
    setNotice(`Exported ${String(chosen.length)} ${chosen.length === 1 ? 'client' : 'clients'} as CSV.`);
  };

  // a new agency's first step is its first client: the form is open while there is none
  const adding = canWrite && clients.data !== undefined && (mode?.kind === 'add' || (mode === null && clients.data.length === 0));
  const partialShown = comparesScores(view.sort) ? shown.filter(isPartial).length : 0;
  const periodLabel = `${String(view.period)} days`;

  return (
    <section className="page" aria-labelledby={headingId}>
      <div className="page-heading-row">
        <h2 id={headingId}>Clients</h2>
        {canWrite && clients.data !== undefined && !adding && mode?.kind !== 'edit' && (
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              setMode({ kind: 'add' });
            }}
          >
            Add a client
          </button>
        )}
      </div>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {adding && (
        <section className="panel" aria-labelledby={`${headingId}-add`}>
          <h3 id={`${headingId}-add`}>Add a client</h3>
          <ClientForm
            initial={EMPTY_CLIENT}
            submitLabel="Add client"
            autoFocus
            onSubmit={create}
            resetOnSuccess
            onCancel={() => {
              setMode(null);
            }}
          />
          <DemoClientButton hasDemo={clients.data.some((client) => client.demo)} />
        </section>
      )}
      {mode?.kind === 'edit' && (
        <section className="panel" aria-labelledby={`${headingId}-edit`}>
          <h3 id={`${headingId}-edit`}>Edit {mode.client.name}</h3>
          <ClientForm
            initial={valuesOf(mode.client)}
            submitLabel="Save"
            autoFocus
            onSubmit={(values) => save(mode.client.id, values)}
            onCancel={() => {
              setMode(null);
            }}
          />
        </section>
      )}
      {mode?.kind === 'delete' && (
        <DeleteConfirmation
          key={mode.rows.map((r) => r.id).join(',')}
          rows={mode.rows}
          onDone={deleted}
          onCancel={() => {
            setMode(null);
          }}
        />
      )}
      {mode?.kind === 'export' && (
        <div className="confirm" role="group" aria-label="Confirm the export">
          <p>
            Export {mode.rows.length === 1 ? mode.rows[0]?.name : `${String(mode.rows.length)} clients`} as a CSV file (score, change over{' '}
            {periodLabel}, coverage, goals, last data)?
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => {
              exportRows(mode.rows);
            }}>
              Confirm export
            </button>
            <button type="button" className="button-secondary" onClick={() => {
              setMode(null);
            }}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {clients.isPending ? (
        <Loading label="Loading clients…" />
      ) : clients.isError ? (
        <LoadError message={errorMessage(clients.error)} onRetry={() => void clients.refetch()} />
      ) : rows.length === 0 ? (
        <p className="empty">No clients yet{canWrite ? ': add the first one above.' : '.'}</p>
      ) : (
        <>
          <PortfolioFilters idPrefix={headingId} view={view} onChange={setView} />
          <p className="muted portfolio-count" role="status" aria-live="polite">
            {isFiltered(view) ? `Showing ${String(shown.length)} of ${String(rows.length)} clients` : `${String(rows.length)} clients`}
          </p>
          {partialShown > 0 && (
            <p className="portfolio-note">
              <span aria-hidden="true">◐ </span>
              {partialShown === 1 ? 'One client is' : `${String(partialShown)} clients are`} scored on less than{' '}
              {formatPercent(PARTIAL_COVERAGE_BELOW)} of the catalogue: not comparable with fully covered clients.
            </p>
          )}
          {selectedRows.length > 0 && (
            <div className="bulk-bar" role="group" aria-label="Selected clients">
              <span>{`${String(selectedRows.length)} selected`}</span>
              <button type="button" className="button-secondary" onClick={() => {
                setNotice(null);
                setMode({ kind: 'export', rows: selectedRows });
              }}>
                Export as CSV
              </button>
              {canDelete && (
                <button type="button" className="button-danger-outline" onClick={() => {
                  setNotice(null);
                  setMode({ kind: 'delete', rows: selectedRows });
                }}>
                  Delete selected
                </button>
              )}
              <button type="button" className="button-secondary" onClick={() => {
                setSelected(new Set());
              }}>
                Clear selection
              </button>
            </div>
          )}
          {shown.length === 0 ? (
            <p className="empty">No client matches these filters.</p>
          ) : (
            <PortfolioTable
              rows={shown}
              sort={view.sort}
              direction={view.direction}
              periodLabel={periodLabel}
              onSort={onSort}
              selected={selected}
              onSelect={onSelect}
              onSelectAll={onSelectAll}
              canWrite={canWrite}
              canDelete={canDelete}
              onEdit={onEdit}
              onDelete={onDelete}
            />
          )}
        </>
      )}
    </section>
  );
}

type DeleteProps = {
  rows: readonly PortfolioRow[];
  /** The ids deleted and, for those that were not, "name: reason". */
  onDone: (ids: string[], failures: string[]) => void;
  onCancel: () => void;
};

/** The confirmation of a delete, one client or a selection; the deletes run a few at a time. */
function DeleteConfirmation({ rows, onDone, onCancel }: DeleteProps) {
  const request = useApi();
  const action = useAction();
  const one = rows.length === 1 ? rows[0] : undefined;

  const confirm = async () => {
    const ids: string[] = [];
    const failures: { name: string; reason: string }[] = [];
    await action.run(async () => {
      const queue = [...rows];
      const worker = async () => {
        for (let row = queue.shift(); row !== undefined; row = queue.shift()) {
          try {
            await api.deleteClient(request, row.id);
            ids.push(row.id);
          } catch (error) {
            failures.push({ name: row.name, reason: errorMessage(error) });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, rows.length) }, worker));
    });
    const refused = failures[0];
    if (one !== undefined && refused !== undefined) {
      action.setError(refused.reason); // one client: the reason stays beside its question
      return;
    }
    onDone(ids, failures.map((f) => `${f.name}: ${f.reason}`));
  };

  return (
    <ConfirmDelete
        label={one === undefined ? `Confirm deleting ${String(rows.length)} clients` : `Confirm deleting ${one.name}`}
        question={
          one === undefined
            ? `Delete ${String(rows.length)} clients and everything measured for them?`
            : `Delete ${one.name} and everything measured for it?`
        }
        error={action.error}
        pending={action.pending}
        onConfirm={() => void confirm()}
      onCancel={onCancel}
    />
  );
}
