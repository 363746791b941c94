import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { RedirectIfSignedIn, RequireAuth } from './auth/RequireAuth.tsx';
import type { SessionStore } from './auth/session.ts';
import { SessionProvider } from './auth/SessionProvider.tsx';
import { Layout } from './components/Layout.tsx';
import { LiveProvider } from './live/LiveProvider.tsx';
import { LiveCacheBridge } from './query/LiveCacheBridge.tsx';
import { QueryProvider } from './query/QueryProvider.tsx';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage.tsx';
import { BrandingPage } from './pages/BrandingPage.tsx';
import { ClientPage } from './pages/ClientPage.tsx';
import { ClientsPage } from './pages/ClientsPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { LandingPage } from './pages/LandingPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MembersPage } from './pages/MembersPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SharedPage } from './pages/SharedPage.tsx';
import { SignupPage } from './pages/SignupPage.tsx';
import { NotificationSettingsPage } from './pages/NotificationSettingsPage.tsx';
import { TokensPage } from './pages/TokensPage.tsx';
import { DeliveriesPage } from './pages/DeliveriesPage.tsx';
import { ReviewQueuePage } from './pages/ReviewQueuePage.tsx';
import { UnsubscribePage } from './pages/UnsubscribePage.tsx';
import { WebhooksPage } from './pages/WebhooksPage.tsx';

type AppRoutesProps = {
  /** How often the footer re-reads /api/health; tests shorten it. */
  healthPollMs?: number;
};

/** Every page of the app; needs a router and a SessionProvider around it (see `App`). */
export function AppRoutes({ healthPollMs }: AppRoutesProps) {
  return (
    <Routes>
      <Route element={<Layout healthPollMs={healthPollMs} />}>
        {/* signed out: what the product is; signed in: straight to the clients */}
        <Route index element={<RedirectIfSignedIn><LandingPage /></RedirectIfSignedIn>} />
        <Route path="login" element={<RedirectIfSignedIn><LoginPage /></RedirectIfSignedIn>} />
        <Route path="signup" element={<RedirectIfSignedIn><SignupPage /></RedirectIfSignedIn>} />
        <Route path="accept-invitation" element={<AcceptInvitationPage />} />
        {/* A share link's holder needs no session: the link is the credential. */}
        <Route path="shared/:token" element={<SharedPage />} />
        <Route path="clients" element={<RequireAuth><ClientsPage /></RequireAuth>} />
        <Route path="clients/:clientId" element={<RequireAuth><ClientPage /></RequireAuth>} />
        <Route path="clients/:clientId/import" element={<RequireAuth><ImportPage /></RequireAuth>} />
        <Route path="members" element={<RequireAuth><MembersPage /></RequireAuth>} />
        <Route path="tokens" element={<RequireAuth><TokensPage /></RequireAuth>} />
        <Route path="branding" element={<RequireAuth><BrandingPage /></RequireAuth>} />
        <Route path="settings/notifications" element={<RequireAuth><NotificationSettingsPage /></RequireAuth>} />
        <Route path="reports/review" element={<RequireAuth><ReviewQueuePage /></RequireAuth>} />
        <Route path="settings/webhooks" element={<RequireAuth><WebhooksPage /></RequireAuth>} />
        <Route path="settings/deliveries" element={<RequireAuth><DeliveriesPage /></RequireAuth>} />
        {/* A report's recipient has no account: the e-mail's signed link is the credential. */}
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        {/* Unknown paths need a session too, so a signed-out deep link lands on the login page. */}
        <Route path="*" element={<RequireAuth><NotFoundPage /></RequireAuth>} />
      </Route>
    </Routes>
  );
}

type AppProps = {
  store?: SessionStore;
};

/** The app; the server answers every non-API path with index.html, and the router picks the page. */
export function App({ store }: AppProps) {
  return (
    <SessionProvider store={store}>
      <QueryProvider>
        <LiveProvider>
          <LiveCacheBridge />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </LiveProvider>
      </QueryProvider>
    </SessionProvider>
  );
}
