import { useId, useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../auth/password.ts';
import { useSessionStore } from '../auth/SessionContext.ts';
import { ErrorAlert } from '../components/Feedback.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';

export function SignupPage() {
  usePageTitle('Create an account');
  const store = useSessionStore();
  const navigate = useNavigate();
  const submit = useAction();
  const ids = useId();
  const [agencyName, setAgencyName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = passwordProblem(password);
    if (problem !== null) {
      submit.setError(problem);
      return;
    }
    const ok = await submit.run(() =>
      store.signup({ agencyName: agencyName.trim(), name: name.trim(), email: email.trim(), password }),
    );
    if (ok) {
      await navigate('/clients', { replace: true });
    }
  };

  return (
    <section className="page auth-page" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Create an account</h2>
      <p className="muted">Start a workspace for your agency; you will be its owner.</p>
      <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submit.pending}>
        <div className="field">
          <label htmlFor={`${ids}-agency`}>Agency name</label>
          <input
            id={`${ids}-agency`}
            autoComplete="organization"
            required
            value={agencyName}
            onChange={(event) => {
              setAgencyName(event.target.value);
            }}
          />
        </div>
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
          <label htmlFor={`${ids}-email`}>Email</label>
          <input
            id={`${ids}-email`}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
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
            Create account
          </button>
        </div>
      </form>
      <p className="auth-switch">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
