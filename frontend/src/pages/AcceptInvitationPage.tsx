import { useId, useState, type SubmitEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../auth/password.ts';
import { useSessionStore } from '../auth/SessionContext.ts';
import { ErrorAlert } from '../components/Feedback.tsx';
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
            <div className="field">
              <label htmlFor={`${ids}-name`}>Your name</label>
              <input
                id={`${ids}-name`}
                autoComplete="name"
                required
                value={name}
                onChange={(event) => {
                  setName(event.target.value);
                }}
              />
            </div>
            <div className="field">
              <label htmlFor={`${ids}-password`}>Password</label>
              <input
                id={`${ids}-password`}
                type="password"
                autoComplete="new-password"
                required
                minLength={PASSWORD_MIN}
                maxLength={PASSWORD_MAX}
                aria-describedby={`${ids}-password-hint`}
                value={password}
                onChange={(event) => {
                  setPassword(event.target.value);
                }}
              />
              <p id={`${ids}-password-hint`} className="hint">
                {PASSWORD_MIN} to {PASSWORD_MAX} characters.
              </p>
            </div>
            <ErrorAlert message={submit.error} />
            <div className="form-actions">
              <button type="submit" disabled={submit.pending}>
                Join agency
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
