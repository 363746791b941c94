import { useId } from 'react';
import { ErrorAlert, LoadError, Loading } from '../../components/Feedback.tsx';
import { formatDateTime } from '../format.ts';
import type { Activity } from './useActivity.ts';

/** "Activity": who did what to the client, newest first, with "Load older" while there is more. */
export function ActivityFeed({ activity }: { activity: Activity }) {
  const headingId = useId();
  const { state, reload, loadOlder, older } = activity;
  return (
    <section className="panel activity" aria-labelledby={headingId} aria-busy={state.kind === 'loading' || older.pending}>
      <h3 id={headingId}>Activity</h3>
      {state.kind === 'loading' && <Loading label="Loading the activity…" />}
      {state.kind === 'error' && (
        <LoadError message={state.message} what="Activity" onRetry={reload} />
      )}
      {state.kind === 'loaded' &&
        (state.data.entries.length === 0 ? (
          <p className="empty">No activity yet.</p>
        ) : (
          <>
            <ol className="activity-list" aria-labelledby={headingId}>
              {state.data.entries.map((entry) => (
                <li key={entry.id} className={`activity-entry activity-${entry.kind.replace(/\W/g, '-')}`} data-testid={`activity-${String(entry.id)}`}>
                  {/* The summary is a predicate: "Grace Hopper changed the weights (score 58.0 → 61.2): …". */}
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> <span className="activity-actor">{entry.actor.name}</span>{' '}
                  {entry.summary}
                </li>
              ))}
            </ol>
            <ErrorAlert message={older.error} />
            {state.data.next !== null && (
              <button type="button" className="button-secondary" disabled={older.pending} onClick={loadOlder}>
                {older.pending ? 'Loading older…' : 'Load older'}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
