import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Comment } from '../../api/types.ts';
import type { LoadState } from '../../query/loadState.ts';
import type { CommentChange } from '../../live/types.ts';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';
import { applyCommentChange } from './comments.ts';

export type Comments = {
  /** The threads, oldest first, each with its replies. */
  state: LoadState<Comment[]>;
  reload: () => void;
  /** Applies a change to the cached threads, without a refetch (our own answer; a live event until the bridge does it). */
  apply: (change: CommentChange) => void;
};

/** A client's comment threads, cached under `queryKeys.comments` (changes are applied in place). */
export function useComments(clientId: string): Comments {
  const load = useCallback((request: Requester, signal: AbortSignal) => api.listComments(request, clientId, {}, signal), [clientId]);
  const { state, reload, update } = useQueryResource(queryKeys.comments(clientId), load);
  const apply = useCallback(
    (change: CommentChange) => {
      update((threads) => applyCommentChange(threads, change));
    },
    [update],
  );
  return { state, reload, apply };
}
