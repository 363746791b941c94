import { useQuery } from '@tanstack/react-query';
import { ApiRequestError, errorMessage } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import type { ImportJob } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { queryKeys } from '../../query/keys.ts';

/** How often an import under way is asked for its progress. */
export const POLL_MS = 1000;

/** True once an import has ended (done or failed); queued and running ones are still under way. */
export function finished(job: Pick<ImportJob, 'state'>): boolean {
  return job.state === 'done' || job.state === 'failed';
}

/** A 404: the server no longer knows the import. */
function isGone(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 404;
}

export type ImportProgress = {
  /** The import as last read (the upload's answer until the first poll). */
  job: ImportJob;
  /** Why the last poll failed, while polling goes on; null after a poll that answered. */
  pollError: string | null;
  /** The server no longer knows the import (404: its client was deleted). */
  gone: boolean;
};

/**
 * Follows an import under way (`started`, the upload's answer; null when none) through the query cache: read every
 * second until it ends, starting a second after the upload answered. A failed poll is not retried on its own (the
 * next poll is the retry) and stays on screen as a blip until one answers; a 404 says the import is gone.
 */
export function useImportProgress(clientId: string, started: ImportJob | null): ImportProgress | null {
  const request = useApi();
  const importId = started?.id ?? '';
  const query = useQuery({
    queryKey: queryKeys.importJob(clientId, importId),
    queryFn: ({ signal }) => api.getImport(request, clientId, importId, signal),
    enabled: started !== null,
    // the upload's answer is the first state: no read until a poll is due
    initialData: started ?? undefined,
    staleTime: POLL_MS,
    retry: false,
    // until it ends, or is gone
    refetchInterval: (current) =>
      (current.state.data !== undefined && finished(current.state.data)) || isGone(current.state.error) ? false : POLL_MS,
    // the import goes on while the person looks at another tab
    refetchIntervalInBackground: true,
  });
  if (started === null) {
    return null;
  }
  // a 404 after the import was read still leaves its last state in the cache: the error decides
  const gone = isGone(query.error);
  return {
    job: query.data?.id === started.id ? query.data : started,
    pollError: query.isError && !gone ? errorMessage(query.error) : null,
    gone,
  };
}
