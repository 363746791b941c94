import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Goal } from '../../api/types.ts';
import type { LoadState } from '../../query/loadState.ts';
import type { GoalChange } from '../../live/types.ts';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';
import { applyGoalChange, byDeadline } from './goals.ts';

export type Goals = {
  state: LoadState<Goal[]>;
  reload: () => void;
  /** Applies a change to the cached list, without a refetch (our own answer; a live event until the bridge does it). */
  apply: (change: GoalChange) => void;
};

/** A client's goals by deadline, cached under `queryKeys.goals` (changes are applied in place). */
export function useGoals(clientId: string): Goals {
  const load = useCallback(
    async (request: Requester, signal: AbortSignal) => [...(await api.listGoals(request, clientId, signal))].sort(byDeadline),
    [clientId],
  );
  const { state, reload, update } = useQueryResource(queryKeys.goals(clientId), load);
  const apply = useCallback(
    (change: GoalChange) => {
      update((list) => applyGoalChange(list, change));
    },
    [update],
  );
  return { state, reload, apply };
}
