import { DEFAULT_HEALTH_POLL_MS, useHealth, type HealthState } from './useHealth.ts';

type Props = {
  /** How often to re-read /api/health; tests shorten it. */
  pollMs?: number;
};

/** The "Server status" panel: API reachability, database state and server version. */
export function ServerStatus({ pollMs = DEFAULT_HEALTH_POLL_MS }: Props) {
  const state = useHealth(pollMs);

  return (
    <section className="status-panel" aria-labelledby="server-status-heading">
      <h2 id="server-status-heading">Server status</h2>
      <div role="status" aria-live="polite" aria-busy={state.kind === 'loading'}>
        <StatusBody state={state} />
      </div>
    </section>
  );
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
