import { useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/endpoints.ts';
import type { Unsubscribed } from '../api/types.ts';
import { ErrorAlert } from '../components/Feedback.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';

/**
 * Where the unsubscribe link of a scheduled-report e-mail leads (its recipients have no account): one button to stop
 * that report, no sign-in. A visit alone changes nothing, so link scanners that open every link unsubscribe no one.
 */
export function UnsubscribePage() {
  usePageTitle('Unsubscribe');
  const headingId = useId();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const action = useAction();
  const [done, setDone] = useState<Unsubscribed | null>(null);

  const confirm = () => {
    void action.run(async () => {
      setDone(await api.unsubscribe(token));
    });
  };

  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Unsubscribe</h2>
      {token === '' ? (
        <p role="alert">This link has no token: open the unsubscribe link of the e-mail as it is.</p>
      ) : done === null ? (
        <>
          <p>Stop receiving this scheduled report by e-mail?</p>
          <ErrorAlert message={action.error} />
          <div className="form-actions">
            <button type="button" disabled={action.pending} onClick={confirm}>
              Unsubscribe
            </button>
          </div>
        </>
      ) : (
        <p role="status">
          {done.client === null
            ? 'You are unsubscribed: this report is no longer sent.'
            : `You are unsubscribed: you will no longer receive the ${done.frequency ?? ''} report of ${done.client}.`}
        </p>
      )}
    </section>
  );
}
