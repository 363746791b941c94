import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { RedirectIfSignedIn, RequireAuth } from './auth/RequireAuth.tsx';
import type { SessionStore } from './auth/session.ts';
import { SessionProvider } from './auth/SessionProvider.tsx';
import { Loading } from './components/Feedback.tsx';
import { Layout } from './components/Layout.tsx';
import { lazyPage, type LazyPage } from './lazyPage.ts';
import { LiveProvider } from './live/LiveProvider.tsx';
import { LiveCacheBridge } from './query/LiveCacheBridge.tsx';
import { QueryProvider } from './query/QueryProvider.tsx';
import { ClientsPage } from './pages/ClientsPage.tsx';
import { LandingPage } from './pages/LandingPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ReviewQueuePage } from './pages/ReviewQueuePage.tsx';
import { SignupPage } from './pages/SignupPage.tsx';

// The portfolio, the log-in, sign-up and landing pages are in the first script (the screens a visit starts on; the
// review queue too, as the header reads its count); every other page is a script of its own, fetched when first
// opened, so the first screen does not wait for the charts (uPlot), the client page or the settings to be downloaded
// and compiled.
const AcceptInvitationPage = lazyPage(() => import('./pages/AcceptInvitationPage.tsx').then((m) => m.AcceptInvitationPage));
const BrandingPage = lazyPage(() => import('./pages/BrandingPage.tsx').then((m) => m.BrandingPage));
const ClientPage = lazyPage(() => import('./pages/ClientPage.tsx').then((m) => m.ClientPage));
const ImportPage = lazyPage(() => import('./pages/ImportPage.tsx').then((m) => m.ImportPage));
const MembersPage = lazyPage(() => import('./pages/MembersPage.tsx').then((m) => m.MembersPage));
const SharedPage = lazyPage(() => import('./pages/SharedPage.tsx').then((m) => m.SharedPage));
const NotificationSettingsPage = lazyPage(() => import('./pages/NotificationSettingsPage.tsx').then((m) => m.NotificationSettingsPage));
const TokensPage = lazyPage(() => import('./pages/TokensPage.tsx').then((m) => m.TokensPage));
const DeliveriesPage = lazyPage(() => import('./pages/DeliveriesPage.tsx').then((m) => m.DeliveriesPage));
const UnsubscribePage = lazyPage(() => import('./pages/UnsubscribePage.tsx').then((m) => m.UnsubscribePage));
const WebhooksPage = lazyPage(() => import('./pages/WebhooksPage.tsx').then((m) => m.WebhooksPage));

const LAZY_PAGES: readonly LazyPage[] = [
  AcceptInvitationPage, BrandingPage, ClientPage, ImportPage, MembersPage, SharedPage, NotificationSettingsPage, TokensPage,
  DeliveriesPage, UnsubscribePage, WebhooksPage,
];

/** Fetches every page's script now (tests render any page without a suspended first frame). */
export async function preloadPages(): Promise<void> {
  await Promise.all(LAZY_PAGES.map((page) => page.preload()));
}

/** A page fetched on first use: the frame (header, footer) stays while its script arrives. */
function Deferred({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading label="Loading the page…" />}>{children}</Suspense>;
}

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
        <Route path="accept-invitation" element={<Deferred><AcceptInvitationPage /></Deferred>} />
        {/* A share link's holder needs no session: the link is the credential. */}
        <Route path="shared/:token" element={<Deferred><SharedPage /></Deferred>} />
        <Route path="clients" element={<RequireAuth><ClientsPage /></RequireAuth>} />
        <Route path="clients/:clientId" element={<RequireAuth><Deferred><ClientPage /></Deferred></RequireAuth>} />
        <Route path="clients/:clientId/import" element={<RequireAuth><Deferred><ImportPage /></Deferred></RequireAuth>} />
        <Route path="members" element={<RequireAuth><Deferred><MembersPage /></Deferred></RequireAuth>} />
        <Route path="tokens" element={<RequireAuth><Deferred><TokensPage /></Deferred></RequireAuth>} />
        <Route path="branding" element={<RequireAuth><Deferred><BrandingPage /></Deferred></RequireAuth>} />
        <Route path="settings/notifications" element={<RequireAuth><Deferred><NotificationSettingsPage /></Deferred></RequireAuth>} />
        <Route path="reports/review" element={<RequireAuth><ReviewQueuePage /></RequireAuth>} />
        <Route path="settings/webhooks" element={<RequireAuth><Deferred><WebhooksPage /></Deferred></RequireAuth>} />
        <Route path="settings/deliveries" element={<RequireAuth><Deferred><DeliveriesPage /></Deferred></RequireAuth>} />
        {/* A report's recipient has no account: the e-mail's signed link is the credential. */}
        <Route path="unsubscribe" element={<Deferred><UnsubscribePage /></Deferred>} />
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
