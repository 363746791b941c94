import { NavLink, Outlet, useMatch, useNavigate } from 'react-router-dom';
import { api } from '../api/endpoints.ts';
import { canWriteClients, isManager, useSessionState, useSessionStore } from '../auth/SessionContext.ts';
import { useAction } from '../hooks/useAction.ts';
import { PENDING_REVIEWS } from '../pages/ReviewQueuePage.tsx';
import { useApiQuery } from '../query/useApiQuery.ts';
import { LiveStatus } from './LiveStatus.tsx';
import { NotificationsMenu } from './NotificationsMenu.tsx';
import { ServerStatus } from './ServerStatus.tsx';

type Props = {
  /** How often the footer re-reads /api/health; tests shorten it. */
  healthPollMs?: number;
};

/**
 * Every page: the brand header (with navigation once signed in), the page, the server-status footer. A shared
 * dashboard is the agency's page for its client: it carries the agency's brand alone (the product is only its
 * "powered by"), so it gets neither the product's header nor the server's status.
 */
export function Layout({ healthPollMs }: Props) {
  const shared = useMatch('/shared/:token') !== null;
  if (shared) {
    return (
      <div className="app app-shared">
        <main className="app-main">
          <Outlet />
        </main>
      </div>
    );
  }
  return (
    <div className="app">
      <Header />
      <main className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">
        <ServerStatus pollMs={healthPollMs} />
      </footer>
    </div>
  );
}

function Header() {
  const state = useSessionState();
  return (
    <header className="app-header">
      <div className="brand">
        <h1>Zoom Factor</h1>
        {state.status !== 'authenticated' && (
          <p className="tagline">Why you, why now? Metrics your clients can trust.</p>
        )}
      </div>
      {state.status === 'authenticated' && <SignedInNav />}
    </header>
  );
}

function SignedInNav() {
  const state = useSessionState();
  const store = useSessionStore();
  const navigate = useNavigate();
  const logout = useAction();
  if (state.status !== 'authenticated') {
    return null;
  }
  const { user, role, agency, clientId } = state.session;

  const onLogout = async () => {
    await logout.run(() => store.logout());
    await navigate('/login', { replace: true });
  };

  return (
    <div className="header-session">
      <nav aria-label="Main">
        <ul className="nav-list">
          <li>
            {/* a client viewer has one client: their dashboard instead of a portfolio of one */}
            {clientId === null ? <NavLink to="/clients">Clients</NavLink> : <NavLink to={`/clients/${encodeURIComponent(clientId)}`}>Dashboard</NavLink>}
          </li>
          {clientId === null && canWriteClients(role) && (
            <li>
              <NavLink to="/reports/review">
                Reviews <PendingReviewCount />
              </NavLink>
            </li>
          )}
          {isManager(role) && (
            <>
              <li>
                <NavLink to="/members">Members</NavLink>
              </li>
              <li>
                <NavLink to="/tokens">API tokens</NavLink>
              </li>
              <li>
                <NavLink to="/branding">Branding</NavLink>
              </li>
              <li>
                <NavLink to="/settings/webhooks">Webhooks</NavLink>
              </li>
              <li>
                <NavLink to="/settings/deliveries">Deliveries</NavLink>
              </li>
            </>
          )}
        </ul>
      </nav>
      <div className="whoami-bar">
        <LiveStatus />
        <NotificationsMenu />
        <NavLink to="/settings/notifications" className="button-secondary">
          Notification settings
        </NavLink>
        <span className="whoami" data-testid="whoami">
          {`${user.name} · ${role} · ${agency.name}`}
        </span>
        <button type="button" className="button-secondary" onClick={() => void onLogout()} disabled={logout.pending}>
          Log out
        </button>
      </div>
    </div>
  );
}

/** How many scheduled reports wait for review, as a badge (nothing while none do or it cannot be read). */
function PendingReviewCount() {
  const pending = useApiQuery(PENDING_REVIEWS, (request, signal) => api.listReportReviews(request, 'pending', signal));
  const count = pending.data?.length ?? 0;
  return count === 0 ? null : (
    <span className="badge" aria-label={`${String(count)} waiting`}>
      {count}
    </span>
  );
}
