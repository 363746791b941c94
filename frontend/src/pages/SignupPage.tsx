import { useId, useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { passwordProblem } from '../auth/password.ts';
import { useSessionStore } from '../auth/SessionContext.ts';
import { FormFooter, NewPasswordField, TextField } from '../components/FormFields.tsx';
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
        <TextField
          id={`${ids}-agency`}
          label="Agency name"
          autoComplete="organization"
          required
          value={agencyName}
          onChange={setAgencyName}
        />
        <TextField id={`${ids}-name`} label="Your name" autoComplete="name" required value={name} onChange={setName} />
        <TextField
          id={`${ids}-email`}
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={setEmail}
        />
        <NewPasswordField id={`${ids}-password`} value={password} onChange={setPassword} />
        <FormFooter action={submit} submitLabel="Create account" />
      </form>
      <p className="auth-switch">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
