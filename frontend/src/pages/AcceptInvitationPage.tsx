import { useId, useState, type SubmitEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { passwordProblem } from '../auth/password.ts';
import { useSessionStore } from '../auth/SessionContext.ts';
import { FormFooter, NewPasswordField, TextField } from '../components/FormFields.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';

/** The invitation token from the URL fragment (`/accept-invitation#<token>`), or '' when missing. */
export function tokenFromHash(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/**
 * Where an invited person joins the agency. The token travels in the fragment, which browsers never
 * send to servers, so it stays out of access logs and Referer headers.
 */
export function AcceptInvitationPage() {
  usePageTitle('Join an agency');
  const store = useSessionStore();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const submit = useAction();
  const ids = useId();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = passwordProblem(password);
    if (problem !== null) {
      submit.setError(problem);
      return;
    }
    const ok = await submit.run(() => store.acceptInvitation({ token, name: name.trim(), password }));
    if (ok) {
      await navigate('/clients', { replace: true });
    }
  };

  return (
    <section className="page auth-page" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Join your agency</h2>
      {token === '' ? (
        <>
          <p className="error" role="alert">
            This invitation link is incomplete. Open the full link you were sent, or ask for a new invitation.
          </p>
          <p>
            Already a member? <Link to="/login">Log in</Link>
          </p>
        </>
      ) : (
        <>
          <p className="muted">Choose your name and a password to accept the invitation.</p>
          <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submit.pending}>
            <TextField id={`${ids}-name`} label="Your name" autoComplete="name" required value={name} onChange={setName} />
            <NewPasswordField id={`${ids}-password`} value={password} onChange={setPassword} />
            <FormFooter action={submit} submitLabel="Join agency" />
          </form>
        </>
      )}
    </section>
  );
}
