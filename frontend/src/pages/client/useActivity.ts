import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { ActivityEntry, ActivityPage } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { useAction, type Action } from '../../hooks/useAction.ts';
import type { LoadState } from '../../query/loadState.ts';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';

/** `entries` followed by those of `more` it does not have yet (by id), newest first. */
export function mergeEntries(entries: readonly ActivityEntry[], more: readonly ActivityEntry[]): ActivityEntry[] {
  const seen = new Set(entries.map((e) => e.id));
  return [...entries, ...more.filter((e) => !seen.has(e.id))].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
}

export type Activity = {
  /** What has been loaded: the newest entries down to `next` (null once the oldest is there). */
  state: LoadState<ActivityPage>;
  reload: () => void;
  /** Loads the page before the oldest entry shown; `older` has its pending state and error. */
  loadOlder: () => void;
  older: Pick<Action, 'pending' | 'error'>;
};

/**
 * A client's activity feed, cached under `queryKeys.activity` as one page that grows: the first page, then older
 * pages on demand, live entries on top.
 */
export function useActivity(clientId: string): Activity {
  const request = useApi();
  const load = useCallback((request: Requester, signal: AbortSignal) => api.listActivity(request, clientId, {}, signal), [clientId]);
  const { state, reload, update } = useQueryResource(queryKeys.activity(clientId), load);
  const older = useAction();
  const next = state.kind === 'loaded' ? state.data.next : null;
  const run = older.run;

  const loadOlder = useCallback(() => {
    if (next === null) {
      return;
    }
    void run(async () => {
      const page = await api.listActivity(request, clientId, { before: next });
      update((current) => ({ entries: mergeEntries(current.entries, page.entries), next: page.next }));
    });
  }, [next, run, request, clientId, update]);

  return { state, reload, loadOlder, older: { pending: older.pending, error: older.error } };
}
