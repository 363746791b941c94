import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Comment } from '../../api/types.ts';
import { useApiGet, type LoadState } from '../../hooks/useApiGet.ts';
import type { CommentChange } from '../../live/types.ts';
import { applyCommentChange } from './comments.ts';

export type Comments = {
  /** The threads, oldest first, each with its replies. */
  state: LoadState<Comment[]>;
  reload: () => void;
  /** Applies a change in place, without a refetch. */
  apply: (change: CommentChange) => void;
};

/** A client's comment threads (loaded once; changes are applied in place). */
export function useComments(clientId: string): Comments {
  const load = useCallback((request: Requester, signal: AbortSignal) => api.listComments(request, clientId, {}, signal), [clientId]);
  const { state, reload, update } = useApiGet(load);
  const apply = useCallback(
    (change: CommentChange) => {
      update((threads) => applyCommentChange(threads, change));
    },
    [update],
  );
  return { state, reload, apply };
}
