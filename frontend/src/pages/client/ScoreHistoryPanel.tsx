import type { AnnotationInput } from '../../components/MetricChart.tsx';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api } from '../../api/endpoints.ts';
import type { ScoreHistory } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { isFormulaChange, ScoreHistoryChart } from '../../components/ScoreHistoryChart.tsx';
import { queryKeys } from '../../query/keys.ts';
import { errorMessage } from '../../api/client.ts';
import { formatDay, formatPeriod, formatScore, formulaChangeText } from '../format.ts';
import type { DayRange } from './period.ts';

type Props = {
  clientId: string;
  range: DayRange;
  /** The client's annotations (or bare days), marked on the chart with their text on hover. */
  annotations?: readonly AnnotationInput[];
};

/** The cache key of a client's score history over a window (live score events add their point to it). */
export function scoreHistoryKey(clientId: string, range: DayRange) {
  return queryKeys.scoreHistory(clientId, { from: range.from, to: range.to });
}

/**
 * "Score history": the client's stored scores over the page's period, changes of formula (weights,
 * methodology) marked on the chart and listed. Another period keeps the chart and updates it in place.
 */
export function ScoreHistoryPanel({ clientId, range, annotations }: Props) {
  const headingId = useId();
  const request = useApi();
  const query = useQuery<ScoreHistory>({
    queryKey: scoreHistoryKey(clientId, range),
    queryFn: ({ signal }) => api.getScoreHistory(request, clientId, { from: range.from, to: range.to }, signal),
    placeholderData: keepPreviousData,
  });
  const loading = query.data === undefined && !query.isError;
  return (
    <section className="panel score-history" aria-labelledby={headingId} aria-busy={loading || query.isPlaceholderData}>
      <h3 id={headingId}>Score history</h3>
      {loading && <Loading label="Loading the score history…" />}
      {query.data === undefined && query.isError && (
        <LoadError
          message={errorMessage(query.error)}
          what="Score history"
          onRetry={() => {
            void query.refetch();
          }}
        />
      )}
      {query.data !== undefined && <HistoryView history={query.data} annotations={annotations} />}
    </section>
  );
}

/** A loaded history: its chart, the latest score and the changes of formula (also on shared dashboards). */
export function HistoryView({
  history,
  annotations,
  scoreName,
}: {
  history: Pick<ScoreHistory, 'from' | 'to' | 'points'>;
  annotations?: readonly AnnotationInput[] | undefined;
  /** What the score is called on the chart (the product's name unless given). */
  scoreName?: string;
}) {
  const ids = useId();
  const { points } = history;
  const last = points.at(-1);
  if (last === undefined) {
    return <p className="empty">Not scored yet: no score recorded over {formatPeriod(history.from, history.to)}.</p>;
  }
  const changes = points.filter(isFormulaChange);
  return (
    <>
      <p className="muted">
        {formatPeriod(history.from, history.to)}: latest {formatScore(last.score)} as of{' '}
        <time dateTime={last.asOf}>{formatDay(last.asOf)}</time>
        {changes.length === 0 ? ', no change of formula.' : '.'}
      </p>
      <ScoreHistoryChart points={points} annotations={annotations} {...(scoreName === undefined ? {} : { scoreName })} />
      {changes.length > 0 && (
        <section aria-labelledby={`${ids}-changes`}>
          <h4 id={`${ids}-changes`}>Formula changes</h4>
          <ul className="score-history-changes">
            {changes.map((point) => (
              <li key={`${point.computedAt}-${point.cause}`} data-testid={`formula-change-${point.cause}`}>
                <span className="score-history-marker" aria-hidden="true">
                  ◆{' '}
                </span>
                {formulaChangeText(point)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
