import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { ErrorAlert } from '../../components/Feedback.tsx';
import { queryKeys } from '../../query/keys.ts';

type Props = {
  /** The agency has its demo client already: the button is left out (the server would answer 409). */
  hasDemo?: boolean;
};

/**
 * "Add a demo client": one click adds a client filled with half a year of generated data, then opens it, so that a
 * new agency sees every screen at work before it has data of its own.
 */
export function DemoClientButton({ hasDemo = false }: Props) {
  const hintId = useId();
  const request = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const add = useMutation({
    mutationFn: () => api.createDemoClient(request),
    onSuccess: async (client) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.clients() });
      await navigate(`/clients/${encodeURIComponent(client.id)}`);
    },
  });

  if (hasDemo) {
    return null;
  }
  return (
    <div className="demo-client">
      <p className="hint" id={hintId}>
        No data yet? A demo client shows every feature with six months of made-up figures; delete it when done.
      </p>
      <button
        type="button"
        className="button-secondary"
        aria-describedby={hintId}
        disabled={add.isPending}
        onClick={() => {
          add.mutate();
        }}
      >
        {add.isPending ? 'Adding the demo client…' : 'Add a demo client'}
      </button>
      <ErrorAlert message={add.error === null ? null : errorMessage(add.error)} />
    </div>
  );
}
