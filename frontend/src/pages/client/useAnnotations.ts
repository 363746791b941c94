import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Annotation } from '../../api/types.ts';
import type { LoadState } from '../../query/loadState.ts';
import type { AnnotationChange } from '../../live/types.ts';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';

/** Newest day first; on the same day, the latest written first. */
export function byDateNewestFirst(a: Annotation, b: Annotation): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);
}

/**
 * The list after a change (our own answer or a live event): a created or updated annotation replaces
 * the one with its id or joins the list (so an event about our own change is not shown twice), a
 * deleted one leaves it.
 */
export function applyAnnotationChange(list: readonly Annotation[], change: AnnotationChange): Annotation[] {
  if (change.action === 'deleted') {
    return list.filter((a) => a.id !== change.id);
  }
  const { annotation } = change;
  return [...list.filter((a) => a.id !== annotation.id), annotation].sort(byDateNewestFirst);
}

export type Annotations = {
  state: LoadState<Annotation[]>;
  reload: () => void;
  /** Applies a change to the cached list, without a refetch (our own answer; a live event until the bridge does it). */
  apply: (change: AnnotationChange) => void;
};

/** Every annotation of a client, cached under `queryKeys.annotations` (changes are applied in place). */
export function useAnnotations(clientId: string): Annotations {
  const load = useCallback(
    async (request: Requester, signal: AbortSignal) =>
      [...(await api.listAnnotations(request, clientId, {}, signal))].sort(byDateNewestFirst),
    [clientId],
  );
  const { state, reload, update } = useQueryResource(queryKeys.annotations(clientId), load);
  const apply = useCallback(
    (change: AnnotationChange) => {
      update((list) => applyAnnotationChange(list, change));
    },
    [update],
  );
  return { state, reload, apply };
}
