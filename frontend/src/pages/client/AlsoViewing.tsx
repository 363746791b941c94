import type { Viewer } from '../../live/types.ts';

/** "10:02": the local time someone started looking. */
export function formatSince(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** The others the live channel says are looking at this client ("Also viewing: Ada (since 10:02)"). */
export function AlsoViewing({ viewers, myUserId }: { viewers: readonly Viewer[] | null; myUserId: string }) {
  if (viewers === null) {
    return null;
  }
  const others = viewers.filter((viewer) => viewer.userId !== myUserId);
  return (
    <div className="presence muted" data-testid="presence" aria-live="polite">
      {others.length === 0 ? (
        'Nobody else is viewing this client.'
      ) : (
        <>
          Also viewing:{' '}
          <ul className="presence-list">
            {others.map((viewer) => (
              <li key={viewer.userId}>
                {viewer.name} (since <time dateTime={viewer.since}>{formatSince(viewer.since)}</time>)
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
