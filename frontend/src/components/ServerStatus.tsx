import { useState } from 'react';
import { DEFAULT_HEALTH_POLL_MS, useHealth, type HealthState } from './useHealth.ts';

type Props = {
  /** How often to re-read /api/health; tests shorten it. */
  pollMs?: number;
};

/**
 * The "Server status" panel: API reachability, database state and server version. The panel itself is not a live
 * region (it re-renders on every poll); a visually hidden status line speaks only when the state changes.
 */
export function ServerStatus({ pollMs = DEFAULT_HEALTH_POLL_MS }: Props) {
  const state = useHealth(pollMs);
  const announcement = useChangeAnnouncement(summary(state));

  return (
    <section className="status-panel" aria-labelledby="server-status-heading">
      <h2 id="server-status-heading">Server status</h2>
      <div aria-busy={state.kind === 'loading'}>
        <StatusBody state={state} />
      </div>
      <p role="status" className="visually-hidden" data-testid="server-status-announcement">
        {announcement}
      </p>
    </section>
  );
}

/** The state in words, null while the first check is under way; the time of the check is left out on purpose. */
function summary(state: HealthState): string | null {
  switch (state.kind) {
    case 'loading':
      return null;
    case 'error':
      return 'Server unreachable';
    case 'loaded':
      return `Server ${state.health.status}, database ${state.health.db}`;
  }
}

/**
 * What the live region says: empty until the summary changes from one known state to another, then the new state.
 * The first state is not announced (nothing changed), and a poll with the same state leaves the text as it is, so
 * screen readers hear nothing.
 */
function useChangeAnnouncement(current: string | null): string {
  const [previous, setPrevious] = useState<string | null>(current);
  const [announcement, setAnnouncement] = useState('');
  if (current !== null && current !== previous) {
    // adjusting state while rendering, React's way of reacting to a changed value without an effect
    setPrevious(current);
    if (previous !== null) {
      setAnnouncement(`Server status changed: ${current}`);
    }
  }
  return announcement;
}

function StatusBody({ state }: { state: HealthState }) {
  switch (state.kind) {
    case 'loading':
      return <p className="status-loading">Checking…</p>;
    case 'error':
      return (
        <>
          <dl className="status-list">
            <Row label="API" tone="bad" testId="server-status" value="Server unreachable" />
            <Row label="Database" tone="unknown" testId="db-status" value="unknown" />
            <Row label="Version" tone="unknown" testId="server-version" value="unknown" />
          </dl>
          <p className="status-error">{state.message}</p>
          <CheckedAt at={state.checkedAt} />
        </>
      );
    case 'loaded': {
      const { health } = state;
      return (
        <>
          <dl className="status-list">
            <Row
              label="API"
              tone={health.status === 'ok' ? 'good' : 'bad'}
              testId="server-status"
              value={`Server: ${health.status}`}
            />
            <Row
              label="Database"
              tone={health.db === 'up' ? 'good' : 'bad'}
              testId="db-status"
              value={health.db}
            />
            <Row label="Version" tone="neutral" testId="server-version" value={health.version} />
          </dl>
          <CheckedAt at={state.checkedAt} />
        </>
      );
    }
  }
}

type Tone = 'good' | 'bad' | 'neutral' | 'unknown';

function Row({ label, value, tone, testId }: { label: string; value: string; tone: Tone; testId: string }) {
  return (
    <div className="status-row">
      <dt>{label}</dt>
      <dd className={`status-value status-${tone}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function CheckedAt({ at }: { at: Date }) {
  return (
    <p className="status-checked">
      Last checked <time dateTime={at.toISOString()}>{at.toLocaleTimeString()}</time>
    </p>
  );
}
