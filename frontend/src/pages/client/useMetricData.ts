import { keepPreviousData, useQueries, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { errorMessage } from '../../api/client.ts';
import { limiter } from '../../api/concurrency.ts';
import { api } from '../../api/endpoints.ts';
import type { DimensionBreakdown, Granularity, Metric, Series } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import type { LoadState } from '../../query/loadState.ts';
import { previousPeriod } from '../../components/chart/calendar.ts';
import { queryKeys } from '../../query/keys.ts';
import type { DayRange } from './period.ts';

/** At most this many series and breakdown calls are under way at once. */
export const LOAD_CONCURRENCY = 6;
/** How many top dimensions a breakdown asks for (the card shows the first 5). */
export const TOP_LIMIT = 10;

/** One gate for every metric load of the page: a dozen series should not open a dozen connections at once. */
const gate = limiter(LOAD_CONCURRENCY);

/**
 * What a card shows: its load state, and whether that state is for an older query (another period
 * or granularity) while the current one loads; the card then keeps its chart and updates it in place.
 */
export type CardState<T> = { state: LoadState<T>; stale: boolean };

/** A query's answer as a card state: the previous query's data stays on screen (stale) while the new one loads. */
export function cardState<T>(query: UseQueryResult<T>): CardState<T> {
  if (query.data !== undefined) {
    return { state: { kind: 'loaded', data: query.data }, stale: query.isPlaceholderData };
  }
  return query.isError ? { state: { kind: 'error', message: errorMessage(query.error) }, stale: false } : { state: { kind: 'loading' }, stale: false };
}

/** The cache key of one metric's series for a client, window and granularity. */
export function seriesKey(clientId: string, metricKey: string, range: DayRange, granularity: Granularity) {
  return queryKeys.metrics(clientId, { metric: metricKey, from: range.from, to: range.to, granularity });
}

export type MetricData = {
  /** Each metric's series (at the page's granularity), by metric key. */
  series: ReadonlyMap<string, CardState<Series>>;
  /** Loads one metric again (after a data point was added, a live event, or "Try again"), keeping what it shows. */
  reload: (metricKey: string) => void;
};

/** Loads the series of `metrics` for a client, period and granularity, through the query cache. */
export function useMetricData(clientId: string, metrics: readonly Metric[], range: DayRange, granularity: Granularity): MetricData {
  const request = useApi();
  const queryClient = useQueryClient();
  // useQueries matches its observers by key, so `keepPreviousData` cannot carry a metric's chart over to another
  // period: the metric's latest series in the cache is the placeholder instead
  const latestCached = (metricKey: string): Series | undefined =>
    queryClient
      .getQueryCache()
      .findAll({ queryKey: queryKeys.metrics(clientId, { metric: metricKey }) })
      .filter((query) => query.state.data !== undefined)
      .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)[0]?.state.data as Series | undefined;
  const results = useQueries({
    queries: metrics.map((metric) => ({
      queryKey: seriesKey(clientId, metric.key, range, granularity),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        gate(() => api.getSeries(request, clientId, { metric: metric.key, from: range.from, to: range.to, granularity }, signal)),
      placeholderData: () => latestCached(metric.key),
    })),
  });
  const series = useMemo(
    () => new Map(metrics.map((metric, i) => [metric.key, results[i] === undefined ? LOADING : cardState(results[i])])),
    [metrics, results],
  );
  const reload = useCallback(
    (metricKey: string) => {
      // every window and granularity of the metric: its day series (for the window value) too
      void queryClient.invalidateQueries({ queryKey: queryKeys.metrics(clientId, { metric: metricKey }) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clientPart(clientId, 'dimensions', { metric: metricKey }) });
    },
    [queryClient, clientId],
  );
  return { series, reload };
}

const LOADING: CardState<never> = { state: { kind: 'loading' }, stale: false };

/** A metric's top dimensions over a window (null for a metric without breakdown), loaded once its card shows. */
export function useTopDimensions(clientId: string, metric: Metric, range: DayRange): CardState<DimensionBreakdown> | null {
  const request = useApi();
  const query = useQuery({
    queryKey: queryKeys.clientPart(clientId, 'dimensions', { metric: metric.key, from: range.from, to: range.to }),
    queryFn: ({ signal }) =>
      gate(() => api.getDimensions(request, clientId, { metric: metric.key, from: range.from, to: range.to, limit: TOP_LIMIT }, signal)),
    placeholderData: keepPreviousData,
    enabled: metric.dimension !== null,
  });
  return metric.dimension === null ? null : cardState(query);
}

/**
 * A metric's daily series over a window, for its value over that window: the chart's own series when it is
 * daily (the same cache entry), else one more load.
 */
export function useDailySeries(clientId: string, metric: Metric, range: DayRange): CardState<Series> {
  const request = useApi();
  const query = useQuery({
    queryKey: seriesKey(clientId, metric.key, range, 'day'),
    queryFn: ({ signal }) =>
      gate(() => api.getSeries(request, clientId, { metric: metric.key, from: range.from, to: range.to, granularity: 'day' }, signal)),
    placeholderData: keepPreviousData,
    // often the page's own query: its error is shown by the card, not loaded again because the card appeared
    retryOnMount: false,
  });
  return cardState(query);
}

/**
 * A metric's series over the period just before the page's (same length, same granularity), drawn under the
 * chart as the lighter comparison line. Kept apart from the page's series (its own key), so it never stands in
 * for them while they load.
 */
export function usePreviousSeries(clientId: string, metric: Metric, range: DayRange, granularity: Granularity): Series | undefined {
  const request = useApi();
  const before = previousPeriod(range.from, range.to);
  const query = useQuery({
    queryKey: queryKeys.clientPart(clientId, 'previous-series', { metric: metric.key, from: before.from, to: before.to, granularity }),
    queryFn: ({ signal }) =>
      gate(() => api.getSeries(request, clientId, { metric: metric.key, from: before.from, to: before.to, granularity }, signal)),
  });
  return query.data;
}
