import type { LiveState } from '../live/LiveConnection.ts';
import { useLiveState } from '../live/LiveContext.ts';

const TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: updates resume when the network is back',
};

const TITLE: Record<LiveState, string> = {
  connecting: 'Opening the live connection',
  live: 'Dashboards update by themselves',
  reconnecting: 'The live connection dropped; reconnecting, nothing will be missed',
  offline: 'No network; the dashboards catch up once it is back',
};

/** The live connection's state in words (a dot too, but never colour alone); announced politely. */
export function LiveStatus() {
  const state = useLiveState();
  if (state === null) {
    return null;
  }
  return (
    <p className={`live-status live-${state}`} role="status" aria-live="polite" data-testid="live-status" title={TITLE[state]}>
      <span className="live-dot" aria-hidden="true" />
      {TEXT[state]}
    </p>
  );
}
