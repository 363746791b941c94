import { ApiRequestError, apiRequest, type ApiRequestInit } from '../api/client.ts';
import type { Requester } from '../api/endpoints.ts';
import type { AcceptInvitationRequest, AuthSession, LoginRequest, SignupRequest } from '../api/types.ts';

/**
 * The session of the person using the app.
 *
 * - The access token lives in memory only (never in storage). The refresh token travels in an
 *   httpOnly, SameSite=Strict cookie the server sets; the SPA never reads it.
 * - On startup, `start()` calls `POST /api/auth/refresh` to restore a session after a reload.
 * - `request()` sends the bearer token; on a 401 it refreshes once (concurrent 401s share one
 *   refresh) and retries the call once. Tabs of one browser refresh one at a time (a Web Lock), so a
 *   second tab sends the cookie the first one's refresh just set instead of replaying the old one. If the refresh fails, the state becomes anonymous and the
 *   routes send the person to /login.
 *
 * The only thing kept in localStorage is a flag saying "this browser signed in and has not signed
 * out" (no token, nothing secret). Without it, startup skips the refresh call: the server would
 * answer 401, and browsers log every failed request as a console error on each first visit.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; session: AuthSession };

/** The part of `Storage` the store uses (tests pass a fake; private modes may have none). */
export type HintStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const SIGNED_IN_HINT_KEY = 'zoomfactor.signedIn';

/** The Web Lock that one browser's tabs take around a refresh. */
export const REFRESH_LOCK = 'zoomfactor.refresh';

/** The part of `LockManager` the store uses (tests pass a fake; old browsers have none). */
export type RefreshLocks = { request<T>(name: string, callback: () => Promise<T>): Promise<T> };

type Listener = () => void;

export class SessionStore {
  private state: SessionState = { status: 'loading' };
  private readonly listeners = new Set<Listener>();
  private readonly storage: HintStorage | null;
  private started = false;
  private refreshing: Promise<AuthSession | null> | null = null;
  /** Bumped by every sign-in and sign-out so a refresh that was in flight cannot undo them. */
  private generation = 0;

  private readonly locks: RefreshLocks | null;

  constructor(storage: HintStorage | null = defaultStorage(), locks: RefreshLocks | null = defaultLocks()) {
    this.storage = storage;
    this.locks = locks;
  }

  readonly getState = (): SessionState => this.state;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The current access token, or null when signed out. */
  accessToken(): string | null {
    return this.state.status === 'authenticated' ? this.state.session.accessToken : null;
  }

  /** Restores the session after a (re)load, once; later calls return at once. */
  async start(): Promise<void> {
    if (this.started) {
      return;
    }
    this.started = true;
    if (this.state.status !== 'loading') {
      return; // signed in (or out) before startup ran
    }
    if (!this.hasHint()) {
      this.setState({ status: 'anonymous' });
      return;
    }
    await this.refresh();
  }

  /**
   * Reacts to another tab of the same app signing out (it removes the hint): this tab signs out too.
   * Returns the function that stops listening.
   */
  followOtherTabs(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SIGNED_IN_HINT_KEY && event.newValue === null && this.state.status === 'authenticated') {
        this.generation += 1;
        this.setState({ status: 'anonymous' });
      }
    };
    target.addEventListener('storage', onStorage);
    return () => {
      target.removeEventListener('storage', onStorage);
    };
  }

  async signup(body: SignupRequest): Promise<AuthSession> {
    return this.signIn('/api/auth/signup', body);
  }

  /** Throws ApiRequestError; a 409 carries `details.agencies` when the person must choose an agency. */
  async login(body: LoginRequest): Promise<AuthSession> {
    return this.signIn('/api/auth/login', body);
  }

  async acceptInvitation(body: AcceptInvitationRequest): Promise<AuthSession> {
    return this.signIn('/api/auth/accept-invitation', body);
  }

  /** Signs out on the server (clears the cookie, revokes the refresh token) and here, whatever the server says. */
  async logout(): Promise<void> {
    const token = this.accessToken();
    this.generation += 1;
    this.removeHint();
    try {
      await apiRequest<undefined>('/api/auth/logout', {
        method: 'POST',
        body: {},
        accessToken: token,
        credentials: 'same-origin',
      });
    } catch {
      // Already signed out on the server, or it is unreachable: the local session goes anyway.
    } finally {
      this.setState({ status: 'anonymous' });
    }
  }

  /** Uses a session the server just issued. */
  setSession(session: AuthSession): void {
    this.generation += 1;
    this.setHint();
    this.setState({ status: 'authenticated', session });
  }

  /**
   * Gets a new access token from the refresh cookie. Concurrent callers share one call. Resolves to
   * the new session, or null when there is none (the state is then anonymous).
   */
  refresh(): Promise<AuthSession | null> {
    this.refreshing ??= this.refreshOneTabAtATime().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Runs `call` with the access token; on a 401 refreshes once (or takes the token another call
   * just got) and runs `call` once more with the new token. Any other failure, a second 401, an
   * aborted `signal` or a failed refresh is thrown as it is. Bound, for any transport: `request`
   * uses it for fetch, uploads for XMLHttpRequest.
   */
  readonly authorized = async <T>(call: (accessToken: string | null) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    const token = this.accessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof ApiRequestError) || error.status !== 401 || signal?.aborted) {
        throw error;
      }
      const current = this.accessToken();
      // Another call may have refreshed while this one was on its way: use its token.
      const next = current !== null && current !== token ? current : (await this.refresh())?.accessToken;
      if (next === undefined) {
        throw error;
      }
      return await call(next);
    }
  };

  /**
   * An authenticated API call: sends the access token, and on a 401 refreshes once and retries once.
   * Bound, so components can pass it around (see `Requester`).
   */
  readonly request: Requester = <T>(path: string, init: Omit<ApiRequestInit, 'accessToken'> = {}) =>
    this.authorized((accessToken) => apiRequest<T>(path, { ...init, accessToken }), init.signal);

  private async signIn(path: string, body: unknown): Promise<AuthSession> {
    const session = await apiRequest<AuthSession>(path, { method: 'POST', body, credentials: 'same-origin' });
    this.setSession(session);
    return session;
  }

  /** The refresh token is single use: two tabs sending the same one at once would look like a replay. */
  private refreshOneTabAtATime(): Promise<AuthSession | null> {
    return this.locks ? this.locks.request(REFRESH_LOCK, () => this.doRefresh()) : this.doRefresh();
  }

  private async doRefresh(): Promise<AuthSession | null> {
    const generation = this.generation;
    try {
      const session = await apiRequest<AuthSession>('/api/auth/refresh', {
        method: 'POST',
        body: {},
        credentials: 'same-origin',
      });
      if (generation !== this.generation) {
        // Signed in or out meanwhile; that wins over this older answer.
        return this.state.status === 'authenticated' ? this.state.session : null;
      }
      this.setSession(session);
      return session;
    } catch (error) {
      if (generation !== this.generation) {
        return this.state.status === 'authenticated' ? this.state.session : null;
      }
      // Keep the hint when the server could not answer, so that a reload tries again.
      const unreachable = error instanceof ApiRequestError && (error.status === 0 || error.status >= 500);
      if (!unreachable) {
        this.removeHint();
      }
      this.setState({ status: 'anonymous' });
      return null;
    }
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of [...this.listeners]) {
      listener();
    }
  }

  private hasHint(): boolean {
    if (this.storage === null) {
      return true; // no storage to tell: ask the server
    }
    try {
      return this.storage.getItem(SIGNED_IN_HINT_KEY) !== null;
    } catch {
      return true;
    }
  }

  private setHint(): void {
    try {
      this.storage?.setItem(SIGNED_IN_HINT_KEY, '1');
    } catch {
      // Storage full or disabled: startup will then ask the server every time.
    }
  }

  private removeHint(): void {
    try {
      this.storage?.removeItem(SIGNED_IN_HINT_KEY);
    } catch {
      // See setHint.
    }
  }
}

function defaultStorage(): HintStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // e.g. storage blocked by the browser's settings
  }
}

function defaultLocks(): RefreshLocks | null {
  // typed as always there, but absent from older browsers and from insecure (plain http, non-localhost) origins
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
}

/** The app's one session store. */
export const sessionStore = new SessionStore();
