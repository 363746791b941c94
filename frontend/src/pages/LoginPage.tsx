import { useId, useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiRequestError } from '../api/client.ts';
import type { AgencySummary } from '../api/types.ts';
import { useSessionStore } from '../auth/SessionContext.ts';
import { FormFooter, SelectField, TextField } from '../components/FormFields.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';

export function LoginPage() {
  usePageTitle('Log in');
  const store = useSessionStore();
  const navigate = useNavigate();
  const submit = useAction();
  const ids = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** Set when the server answered 409: the person belongs to several agencies and must pick one. */
  const [agencies, setAgencies] = useState<AgencySummary[] | null>(null);
  const [agencyId, setAgencyId] = useState('');

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = agencies !== null && agencyId !== '' ? { email, password, agencyId } : { email, password };
    const ok = await submit.run(async () => {
      try {
        await store.login(body);
      } catch (error) {
        const choice = agencyChoice(error);
        if (choice !== null) {
          setAgencies(choice);
          setAgencyId((current) => (choice.some((a) => a.id === current) ? current : (choice[0]?.id ?? '')));
        }
        throw error;
      }
    });
    if (ok) {
      await navigate('/clients', { replace: true });
    }
  };

  return (
    <section className="page auth-page" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Log in</h2>
      <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submit.pending}>
        <TextField
          id={`${ids}-email`}
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(value) => {
            setEmail(value);
            setAgencies(null); // another person may belong to other agencies
          }}
        />
        <TextField
          id={`${ids}-password`}
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        {agencies !== null && (
          <SelectField
            id={`${ids}-agency`}
            label="Agency"
            required
            value={agencyId}
            onChange={setAgencyId}
            options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
          />
        )}
        <FormFooter action={submit} submitLabel="Log in" />
      </form>
      <p className="auth-switch">
        New to Zoom Factor? <Link to="/signup">Create an account</Link>
      </p>
    </section>
  );
}

/** The agencies a login 409 offers, or null when the error is something else. */
function agencyChoice(error: unknown): AgencySummary[] | null {
  if (!(error instanceof ApiRequestError) || error.status !== 409) {
    return null;
  }
  const agencies = error.details.agencies;
  if (!Array.isArray(agencies)) {
    return null;
  }
  const valid = agencies.filter(
    (a: unknown): a is AgencySummary =>
      typeof a === 'object' &&
      a !== null &&
      typeof (a as Record<string, unknown>).id === 'string' &&
      typeof (a as Record<string, unknown>).name === 'string',
  );
  return valid.length > 0 ? valid : null;
}
