import { useCallback, useState } from 'react';
import { errorMessage } from '../api/client.ts';

export type Action = {
  /** Runs `work`, tracking `pending` and turning a failure into `error`; resolves to whether it succeeded. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  pending: boolean;
  error: string | null;
  setError: (message: string | null) => void;
};

/** Pending and error state of one button or form (a submit, a delete…). */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (work: () => Promise<unknown>) => {
    setPending(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      return false;
    } finally {
      setPending(false);
    }
  }, []);

  return { run, pending, error, setError };
}
