import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { ShareLink } from '../../api/types.ts';
import type { LoadState } from '../../query/loadState.ts';
import type { ShareLinkChange } from '../../live/types.ts';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';

const NONE: LoadState<ShareLink[]> = { kind: 'loaded', data: [] };

export type ShareLinks = {
  state: LoadState<ShareLink[]>;
  reload: () => void;
  /** Applies a created, changed or revoked link to the cached list, without a refetch (our own answer; a live event until the bridge does it). */
  apply: (change: ShareLinkChange) => void;
};

/** A created link goes first (newest first); a changed or revoked one is replaced where it stands. */
export function applyShareLinkChange(list: readonly ShareLink[], change: ShareLinkChange): ShareLink[] {
  const rest = list.filter((link) => link.id !== change.link.id);
  if (change.action === 'created') {
    return list.some((link) => link.id === change.link.id) ? [...list] : [change.link, ...rest];
  }
  return list.map((link) => (link.id === change.link.id ? change.link : link));
}

/**
 * A client's share links, cached under `queryKeys.shareLinks` (changes applied in place); only read for the people who
 * may manage them (`enabled`), and an empty list for the others.
 */
export function useShareLinks(clientId: string, enabled: boolean): ShareLinks {
  const load = useCallback((request: Requester, signal: AbortSignal) => api.listShareLinks(request, clientId, signal), [clientId]);
  const resource = useQueryResource(queryKeys.shareLinks(clientId), load, { enabled });
  const { reload, update } = resource;
  const state: LoadState<ShareLink[]> = enabled ? resource.state : NONE;
  const apply = useCallback(
    (change: ShareLinkChange) => {
      update((list) => applyShareLinkChange(list, change));
    },
    [update],
  );
  return { state, reload, apply };
}
