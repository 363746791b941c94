import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSessionState } from '../auth/SessionContext.ts';
import { useLiveConnection } from '../live/LiveContext.ts';
import { invalidationBatcher } from './invalidationBatcher.ts';
import { applyLiveEvent, applyLiveReset } from './liveBridge.ts';

/**
 * Feeds every live event the tab hears (of whichever client a screen follows) into the cache, once for
 * the whole app; mounted inside the QueryProvider and the LiveProvider. The screens still say which
 * clients to follow (`useLiveClients`); what an event changes reaches them through their queries.
 */
export function LiveCacheBridge() {
  const live = useLiveConnection();
  const queryClient = useQueryClient();
  const state = useSessionState();
  const personId = state.status === 'authenticated' ? state.session.user.id : undefined;

  useEffect(() => {
    if (live === null) {
      return;
    }
    const batcher = invalidationBatcher(queryClient);
    const stop = live.listen(
      (event) => {
        applyLiveEvent(queryClient, event, { invalidate: batcher.invalidate, personId });
      },
      (clientId) => {
        applyLiveReset(queryClient, clientId, { invalidate: batcher.invalidate });
      },
    );
    return () => {
      stop();
      batcher.cancel();
    };
  }, [live, queryClient, personId]);

  return null;
}
