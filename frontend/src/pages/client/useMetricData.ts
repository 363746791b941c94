import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isAbort } from '../../api/client.ts';
import { runLimited } from '../../api/concurrency.ts';
import { api, type Requester } from '../../api/endpoints.ts';
import type { DimensionBreakdown, Granularity, Metric, Series } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import type { LoadState } from '../../hooks/useApiGet.ts';
import type { DayRange } from './period.ts';

/** At most this many series and breakdown calls are under way at once. */
export const LOAD_CONCURRENCY = 6;
/** How many top dimensions a breakdown asks for (the card shows the first 5). */
export const TOP_LIMIT = 10;

/**
 * What a card shows: its load state, and whether that state is for an older query (another period
 * or granularity) while the current one loads; the card then keeps its chart and updates it in place.
 */
export type CardState<T> = { state: LoadState<T>; stale: boolean };

export type MetricData = {
  series: (metricKey: string) => CardState<Series>;
  /** Null for a metric without breakdown. */
  top: (metric: Metric) => CardState<DimensionBreakdown> | null;
  /** Loads one metric again (after a data point was added, or "Try again"), keeping what it shows meanwhile. */
  reload: (metricKey: string) => void;
};

type Entry<T> = { query: string; state: LoadState<T> };
type Entries = { series: Record<string, Entry<Series>>; top: Record<string, Entry<DimensionBreakdown>> };

const LOADING: CardState<never> = { state: { kind: 'loading' }, stale: false };

type Query = { clientId: string; range: DayRange; granularity: Granularity };

function queryKey({ clientId, range, granularity }: Query): string {
  return `${clientId}|${range.from}|${range.to}|${granularity}`;
}

/** Turns a call into a load state, dropping its answer once `signal` aborted. */
async function settle<T>(load: () => Promise<T>, signal: AbortSignal, done: (state: LoadState<T>) => void): Promise<void> {
  try {
    const data = await load();
    if (!signal.aborted) {
      done({ kind: 'loaded', data });
    }
  } catch (error) {
    if (!signal.aborted && !isAbort(error)) {
      done({ kind: 'error', message: errorMessage(error) });
    }
  }
}

type Put = <K extends keyof Entries>(kind: K, metricKey: string, entry: Entries[K][string]) => void;

/** The calls loading one metric: its series, and its top dimensions when it has a breakdown. */
function tasksFor(request: Requester, query: Query, metric: Metric, signal: AbortSignal, put: Put): (() => Promise<void>)[] {
  const key = queryKey(query);
  const { clientId, range, granularity } = query;
  const tasks = [
    () =>
      settle(
        () => api.getSeries(request, clientId, { metric: metric.key, from: range.from, to: range.to, granularity }, signal),
        signal,
        (state) => {
          put('series', metric.key, { query: key, state });
        },
      ),
  ];
  if (metric.dimension !== null) {
    tasks.push(() =>
      settle(
        () => api.getDimensions(request, clientId, { metric: metric.key, from: range.from, to: range.to, limit: TOP_LIMIT }, signal),
        signal,
        (state) => {
          put('top', metric.key, { query: key, state });
        },
      ),
    );
  }
  return tasks;
}

/**
 * Loads the series (and breakdowns) of `metrics` for a client, period and granularity, at most
 * LOAD_CONCURRENCY calls at a time. `metrics` must be stable (memoised) as it is an effect dependency.
 */
export function useMetricData(clientId: string, metrics: readonly Metric[], range: DayRange, granularity: Granularity): MetricData {
  const request = useApi();
  const [entries, setEntries] = useState<Entries>({ series: {}, top: {} });
  /** Controllers of single-metric reloads, aborted when the query changes or the page goes. */
  const reloads = useRef(new Map<string, AbortController>());
  const current = queryKey({ clientId, range, granularity });

  const put = useCallback<Put>((kind, metricKey, entry) => {
    setEntries((all) => ({ ...all, [kind]: { ...all[kind], [metricKey]: entry } }));
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const query: Query = { clientId, range: { from: range.from, to: range.to }, granularity };
    const tasks = metrics.flatMap((metric) => tasksFor(request, query, metric, controller.signal, put));
    void runLimited(tasks, LOAD_CONCURRENCY, controller.signal);
    const pending = reloads.current;
    return () => {
      controller.abort();
      for (const reload of pending.values()) {
        reload.abort();
      }
      pending.clear();
    };
  }, [request, clientId, range.from, range.to, granularity, metrics, put]);

  const reload = useCallback(
    (metricKey: string) => {
      const metric = metrics.find((m) => m.key === metricKey);
      if (metric === undefined) {
        return;
      }
      reloads.current.get(metricKey)?.abort();
      const controller = new AbortController();
      reloads.current.set(metricKey, controller);
      const query: Query = { clientId, range: { from: range.from, to: range.to }, granularity };
      void Promise.all(tasksFor(request, query, metric, controller.signal, put).map((task) => task())).finally(() => {
        if (reloads.current.get(metricKey) === controller) {
          reloads.current.delete(metricKey);
        }
      });
    },
    [metrics, clientId, range.from, range.to, granularity, request, put],
  );

  const cardState = useCallback(
    <T>(entry: Entry<T> | undefined): CardState<T> => {
      if (entry === undefined) {
        return LOADING;
      }
      if (entry.query === current) {
        return { state: entry.state, stale: false };
      }
      // An older query's data stays on screen while the new one loads; an older error does not.
      return entry.state.kind === 'loaded' ? { state: entry.state, stale: true } : LOADING;
    },
    [current],
  );

  const series = useCallback((metricKey: string) => cardState(entries.series[metricKey]), [cardState, entries]);
  const top = useCallback(
    (metric: Metric) => (metric.dimension === null ? null : cardState(entries.top[metric.key])),
    [cardState, entries],
  );

  return { series, top, reload };
}
