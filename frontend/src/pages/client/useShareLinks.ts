import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { ShareLink } from '../../api/types.ts';
import { useApiGet, type LoadState } from '../../hooks/useApiGet.ts';
import type { ShareLinkChange } from '../../live/types.ts';

export type ShareLinks = {
  state: LoadState<ShareLink[]>;
  reload: () => void;
  /** Applies a created or revoked link in place (from our own answer or a live event), without a refetch. */
  apply: (change: ShareLinkChange) => void;
};

/** A created link goes first (newest first); a revoked one is replaced where it stands. */
export function applyShareLinkChange(list: readonly ShareLink[], change: ShareLinkChange): ShareLink[] {
  const rest = list.filter((link) => link.id !== change.link.id);
  if (change.action === 'created') {
    return list.some((link) => link.id === change.link.id) ? [...list] : [change.link, ...rest];
  }
  return list.map((link) => (link.id === change.link.id ? change.link : link));
}

/** A client's share links, for the people who may manage them (loaded once; changes applied in place). */
export function useShareLinks(clientId: string, enabled: boolean): ShareLinks {
  const load = useCallback(
    (request: Requester, signal: AbortSignal) =>
      enabled ? api.listShareLinks(request, clientId, signal) : Promise.resolve<ShareLink[]>([]),
    [clientId, enabled],
  );
  const { state, reload, update } = useApiGet(load);
  const apply = useCallback(
    (change: ShareLinkChange) => {
      update((list) => applyShareLinkChange(list, change));
    },
    [update],
  );
  return { state, reload, apply };
}
