import { useEffect, useId, useMemo, useState } from 'react';
import { errorMessage, isAbort } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import type { ScoreHistory, ScoreHistoryPoint } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { isFormulaChange, ScoreHistoryChart } from '../../components/ScoreHistoryChart.tsx';
import type { LoadState } from '../../hooks/useApiGet.ts';
import { withHistoryPoint } from '../../live/score.ts';
import { formatDay, formatPeriod, formatScore, formulaChangeText } from '../format.ts';
import type { DayRange } from './period.ts';

type Props = {
  clientId: string;
  range: DayRange;
  /** Bumped to load the history again (a live score event), keeping the chart while it loads. */
  refresh?: number;
  /** The days (yyyy-mm-dd) of the client's annotations, marked on the chart. */
  annotations?: readonly string[];
  /** Points pushed by live score events since the page opened: shown in place, without another request. */
  pushed?: readonly ScoreHistoryPoint[];
};

type Entry = { query: string; state: LoadState<ScoreHistory> };

/**
 * "Score history": the client's stored scores over the page's period, changes of formula (weights,
 * methodology) marked on the chart and listed. Another period keeps the chart and updates it in place.
 */
const NONE: readonly ScoreHistoryPoint[] = [];

export function ScoreHistoryPanel({ clientId, range, refresh = 0, annotations, pushed = NONE }: Props) {
  const headingId = useId();
  const request = useApi();
  const [version, setVersion] = useState(0);
  const [entry, setEntry] = useState<Entry | null>(null);
  const query = `${clientId}|${range.from}|${range.to}|${String(version)}|${String(refresh)}`;

  useEffect(() => {
    const controller = new AbortController();
    const done = (state: LoadState<ScoreHistory>) => {
      if (!controller.signal.aborted) {
        setEntry({ query, state });
      }
    };
    api.getScoreHistory(request, clientId, { from: range.from, to: range.to }, controller.signal).then(
      (data) => {
        done({ kind: 'loaded', data });
      },
      (error: unknown) => {
        if (!isAbort(error)) {
          done({ kind: 'error', message: errorMessage(error) });
        }
      },
    );
    return () => {
      controller.abort();
    };
  }, [request, clientId, range.from, range.to, query]);

  // An older period's history stays on screen (busy) while the new one loads; an older error does not.
  const current = entry !== null && entry.query === query;
  // a pushed point already in the loaded history replaces itself: merging is idempotent
  const state = useMemo<LoadState<ScoreHistory>>(() => {
    const loaded: LoadState<ScoreHistory> =
      entry !== null && (current || entry.state.kind === 'loaded') ? entry.state : { kind: 'loading' };
    return loaded.kind === 'loaded' && pushed.length > 0
      ? { kind: 'loaded', data: pushed.reduce(withHistoryPoint, loaded.data) }
      : loaded;
  }, [entry, current, pushed]);
  const stale = !current && state.kind === 'loaded';

  return (
    <section className="panel score-history" aria-labelledby={headingId} aria-busy={state.kind === 'loading' || stale}>
      <h3 id={headingId}>Score history</h3>
      {state.kind === 'loading' && <Loading label="Loading the score history…" />}
      {state.kind === 'error' && (
        <LoadError message={state.message} what="Score history" onRetry={() => {
              setVersion((v) => v + 1);
            }} />
      )}
      {state.kind === 'loaded' && <HistoryView history={state.data} annotations={annotations} />}
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
  annotations?: readonly string[] | undefined;
  /** What the score is called on the chart (the product's name unless given). */
  scoreName?: string;
}) {
  const ids = useId();
  const { points } = history;
  const last = points.at(-1);
  if (last === undefined) {
    return <p className="empty">No score history for {formatPeriod(history.from, history.to)} yet.</p>;
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
