import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { Loading } from '../components/Feedback.tsx';
import { useSessionState } from './SessionContext.ts';

/** Renders its children for a signed-in person; sends anyone else to /login once startup has finished. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useSessionState();
  switch (state.status) {
    case 'loading':
      return <Loading label="Restoring your session…" />;
    case 'anonymous':
      return <Navigate to="/login" replace />;
    case 'authenticated':
      return children;
  }
}

/** For /login and /signup: a signed-in person goes straight to the clients. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const state = useSessionState();
  switch (state.status) {
    case 'loading':
      return <Loading label="Restoring your session…" />;
    case 'authenticated':
      return <Navigate to="/clients" replace />;
    case 'anonymous':
      return children;
  }
}
