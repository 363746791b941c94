import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { apiError, fakeApi, json, memoryStorage, noContent, sessionFor } from '../test/fakeApi.ts';
import { REFRESH_LOCK, type RefreshLocks, SessionStore, SIGNED_IN_HINT_KEY } from './session.ts';

const signedInHint = { [SIGNED_IN_HINT_KEY]: '1' };

/** A promise the test resolves when it wants to. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('SessionStore startup', () => {
  it('restores the session with POST /api/auth/refresh (cookie, no token in the body) when this browser signed in', async () => {
    const api = fakeApi({ 'POST /api/auth/refresh': () => json(200, sessionFor('admin', { accessToken: 'fresh' })) });
    const store = new SessionStore(memoryStorage(signedInHint));

    expect(store.getState()).toEqual({ status: 'loading' });
    await store.start();

    expect(store.getState()).toMatchObject({ status: 'authenticated', session: { accessToken: 'fresh', role: 'admin' } });
    const [refresh] = api.to('POST /api/auth/refresh');
    expect(refresh?.body).toEqual({});
    expect(refresh?.credentials).toBe('same-origin');
    expect(refresh?.headers.get('Authorization')).toBeNull();
  });

  it.each([
    { name: '401 (no or expired cookie)', response: () => apiError(401, 'Not signed in'), hintKept: false },
    { name: '403', response: () => apiError(403, 'Refresh token revoked'), hintKept: false },
    { name: '503 (server down)', response: () => apiError(503, 'Unavailable'), hintKept: true },
    { name: 'network failure', response: () => Promise.reject(new TypeError('Failed to fetch')), hintKept: true },
  ])('is anonymous when the refresh fails with $name, keeping the hint only if the server could not answer', async ({ response, hintKept }) => {
    fakeApi({ 'POST /api/auth/refresh': response });
    const storage = memoryStorage(signedInHint);
    const store = new SessionStore(storage);

    await store.start();

    expect(store.getState()).toEqual({ status: 'anonymous' });
    expect(storage.values.has(SIGNED_IN_HINT_KEY)).toBe(hintKept);
  });

  it('skips the refresh call (and its 401 console error) when this browser never signed in', async () => {
    const api = fakeApi({});
    const store = new SessionStore(memoryStorage());

    await store.start();

    expect(store.getState()).toEqual({ status: 'anonymous' });
    expect(api.calls).toEqual([]);
  });

  it('asks the server when there is no storage to hold the hint', async () => {
    const api = fakeApi({ 'POST /api/auth/refresh': () => json(200, sessionFor('viewer')) });
    const store = new SessionStore(null);

    await store.start();

    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
    expect(store.getState().status).toBe('authenticated');
  });

  it('refreshes only once however often start() is called (StrictMode runs effects twice)', async () => {
    const api = fakeApi({ 'POST /api/auth/refresh': () => json(200, sessionFor('viewer')) });
    const store = new SessionStore(memoryStorage(signedInHint));

    await Promise.all([store.start(), store.start()]);
    await store.start();

    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
  });

  it('notifies subscribers on every change', async () => {
    fakeApi({ 'POST /api/auth/refresh': () => json(200, sessionFor('viewer')) });
    const store = new SessionStore(memoryStorage(signedInHint));
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    await store.start();
    unsubscribe();
    await store.logout();

    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('SessionStore.request', () => {
  it('sends the access token as a bearer token', async () => {
    const api = fakeApi({ 'GET /api/clients': () => json(200, []) });
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('analyst', { accessToken: 'tok-A' }));

    await expect(store.request('/api/clients')).resolves.toEqual([]);

    expect(api.to('GET /api/clients')[0]?.headers.get('Authorization')).toBe('Bearer tok-A');
  });

  it('on a 401 refreshes once and retries the call once with the new token', async () => {
    const api = fakeApi({
      'GET /api/clients': ({ headers }) =>
        headers.get('Authorization') === 'Bearer new' ? json(200, [{ id: 'c1' }]) : apiError(401, 'Token expired'),
      'POST /api/auth/refresh': () => json(200, sessionFor('analyst', { accessToken: 'new' })),
    });
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('analyst', { accessToken: 'old' }));

    await expect(store.request('/api/clients')).resolves.toEqual([{ id: 'c1' }]);

    expect(api.apiCalls().map((c) => `${c.method} ${c.path} ${c.headers.get('Authorization') ?? '-'}`)).toEqual([
      'GET /api/clients Bearer old',
      'POST /api/auth/refresh -',
      'GET /api/clients Bearer new',
    ]);
    expect(store.accessToken()).toBe('new');
  });

  it('shares one refresh between concurrent 401s, then retries each call', async () => {
    const refreshAnswer = deferred<Response>();
    const api = fakeApi({
      'GET /api/clients': ({ headers }) =>
        headers.get('Authorization') === 'Bearer new' ? json(200, ['clients']) : apiError(401, 'Token expired'),
      'GET /api/members': ({ headers }) =>
        headers.get('Authorization') === 'Bearer new' ? json(200, ['members']) : apiError(401, 'Token expired'),
      'GET /api/tokens': ({ headers }) =>
        headers.get('Authorization') === 'Bearer new' ? json(200, ['tokens']) : apiError(401, 'Token expired'),
      'POST /api/auth/refresh': () => refreshAnswer.promise,
    });
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('owner', { accessToken: 'old' }));

    const results = Promise.all([
      store.request('/api/clients'),
      store.request('/api/members'),
      store.request('/api/tokens'),
    ]);
    await vi.waitFor(() => {
      expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
    });
    refreshAnswer.resolve(json(200, sessionFor('owner', { accessToken: 'new' })));

    await expect(results).resolves.toEqual([['clients'], ['members'], ['tokens']]);
    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
    for (const route of ['GET /api/clients', 'GET /api/members', 'GET /api/tokens']) {
      expect(api.to(route).map((c) => c.headers.get('Authorization'))).toEqual(['Bearer old', 'Bearer new']);
    }
  });

  it('retries only once: a second 401 is thrown, with no second refresh', async () => {
    const api = fakeApi({
      'GET /api/clients': () => apiError(401, 'Still not allowed'),
      'POST /api/auth/refresh': () => json(200, sessionFor('analyst', { accessToken: 'new' })),
    });
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('analyst', { accessToken: 'old' }));

    await expect(store.request('/api/clients')).rejects.toMatchObject({ status: 401, message: 'Still not allowed' });

    expect(api.to('GET /api/clients')).toHaveLength(2);
    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
  });

  it('signs out when the refresh after a 401 fails, and throws the 401', async () => {
    const api = fakeApi({
      'GET /api/clients': () => apiError(401, 'Token expired'),
      'POST /api/auth/refresh': () => apiError(401, 'Session expired'),
    });
    const storage = memoryStorage();
    const store = new SessionStore(storage);
    store.setSession(sessionFor('analyst'));

    const error: unknown = await store.request('/api/clients').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 401 });
    expect(store.getState()).toEqual({ status: 'anonymous' });
    expect(storage.values.has(SIGNED_IN_HINT_KEY)).toBe(false);
    expect(api.to('GET /api/clients')).toHaveLength(1);
  });

  it.each([
    { status: 403, message: 'Viewers cannot do that' },
    { status: 404, message: 'No such client' },
    { status: 500, message: 'Internal server error' },
  ])('does not refresh on a $status', async ({ status, message }) => {
    const api = fakeApi({ 'DELETE /api/clients/c1': () => apiError(status, message) });
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('viewer'));

    await expect(store.request('/api/clients/c1', { method: 'DELETE' })).rejects.toMatchObject({ status, message });

    expect(api.to('POST /api/auth/refresh')).toHaveLength(0);
    expect(store.getState().status).toBe('authenticated');
  });
});

describe('SessionStore.authorized (any transport, e.g. an XMLHttpRequest upload)', () => {
  it('runs the call with the token; on a 401 refreshes once and runs it again with the new token', async () => {
    const api = fakeApi({ 'POST /api/auth/refresh': () => json(200, sessionFor('analyst', { accessToken: 'new' })) });
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('analyst', { accessToken: 'old' }));
    const tokens: (string | null)[] = [];

    const result = await store.authorized((token) => {
      tokens.push(token);
      return token === 'new' ? Promise.resolve('done') : Promise.reject(new ApiRequestError(401, 'Token expired'));
    });

    expect(result).toBe('done');
    expect(tokens).toEqual(['old', 'new']);
    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
  });

  it.each([
    { name: 'a 403', error: new ApiRequestError(403, 'Forbidden') },
    { name: 'a network failure', error: new ApiRequestError(0, 'Network error') },
    { name: 'any other error', error: new Error('boom') },
  ])('throws $name without refreshing', async ({ error }) => {
    const api = fakeApi({});
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('analyst'));
    const call = vi.fn(() => Promise.reject(error));

    await expect(store.authorized(call)).rejects.toBe(error);

    expect(call).toHaveBeenCalledOnce();
    expect(api.to('POST /api/auth/refresh')).toHaveLength(0);
  });

  it('does not retry a call whose signal aborted', async () => {
    const api = fakeApi({});
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('analyst'));
    const controller = new AbortController();
    controller.abort();

    await expect(
      store.authorized(() => Promise.reject(new ApiRequestError(401, 'Token expired')), controller.signal),
    ).rejects.toMatchObject({ status: 401 });

    expect(api.to('POST /api/auth/refresh')).toHaveLength(0);
  });
});

describe('SessionStore sign-in and sign-out', () => {
  it.each([
    { name: 'signup', route: 'POST /api/auth/signup', act: (s: SessionStore) => s.signup({ agencyName: 'A', name: 'N', email: 'e@x.test', password: 'password1' }) },
    { name: 'login', route: 'POST /api/auth/login', act: (s: SessionStore) => s.login({ email: 'e@x.test', password: 'password1' }) },
    { name: 'acceptInvitation', route: 'POST /api/auth/accept-invitation', act: (s: SessionStore) => s.acceptInvitation({ token: 't', name: 'N', password: 'password1' }) },
  ])('$name stores the session in memory and sets the signed-in hint (not the token)', async ({ route, act }) => {
    const api = fakeApi({ [route]: () => json(route.endsWith('login') ? 200 : 201, sessionFor('owner', { accessToken: 'secret-access' })) });
    const storage = memoryStorage();
    const store = new SessionStore(storage);

    await act(store);

    expect(store.accessToken()).toBe('secret-access');
    expect([...storage.values.values()].join()).not.toContain('secret');
    expect(storage.values.get(SIGNED_IN_HINT_KEY)).toBe('1');
    expect(api.to(route)[0]?.credentials).toBe('same-origin');
  });

  it('login keeps the agencies of a 409 in the error details', async () => {
    const agencies = [{ id: 'a1', name: 'North' }, { id: 'a2', name: 'South' }];
    fakeApi({ 'POST /api/auth/login': () => apiError(409, 'Choose an agency', { agencies }) });
    const store = new SessionStore(memoryStorage());

    const error: unknown = await store.login({ email: 'e@x.test', password: 'password1' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 409, message: 'Choose an agency', details: { agencies } });
    expect(store.getState().status).not.toBe('authenticated');
  });

  it.each([
    { name: 'the server answers 204', response: () => noContent() },
    { name: 'the server fails', response: () => apiError(500, 'Internal server error') },
  ])('logout clears the session and the hint when $name', async ({ response }) => {
    const api = fakeApi({ 'POST /api/auth/logout': response });
    const storage = memoryStorage();
    const store = new SessionStore(storage);
    store.setSession(sessionFor('owner', { accessToken: 'tok' }));

    await store.logout();

    expect(store.getState()).toEqual({ status: 'anonymous' });
    expect(store.accessToken()).toBeNull();
    expect(storage.values.has(SIGNED_IN_HINT_KEY)).toBe(false);
    const [logout] = api.to('POST /api/auth/logout');
    expect(logout?.credentials).toBe('same-origin');
    expect(logout?.headers.get('Authorization')).toBe('Bearer tok');
  });

  it('a refresh that answers after logout does not sign the person back in', async () => {
    const refreshAnswer = deferred<Response>();
    fakeApi({ 'POST /api/auth/refresh': () => refreshAnswer.promise, 'POST /api/auth/logout': () => noContent() });
    const store = new SessionStore(memoryStorage(signedInHint));

    const starting = store.start();
    await store.logout();
    refreshAnswer.resolve(json(200, sessionFor('owner')));
    await starting;

    expect(store.getState()).toEqual({ status: 'anonymous' });
  });

  it('signs out when another tab signs out (the hint disappears)', () => {
    const store = new SessionStore(memoryStorage());
    store.setSession(sessionFor('owner'));
    const target = new EventTarget();
    const stop = store.followOtherTabs(target);

    target.dispatchEvent(new StorageEvent('storage', { key: 'something-else', newValue: null }));
    expect(store.getState().status).toBe('authenticated');
    target.dispatchEvent(new StorageEvent('storage', { key: SIGNED_IN_HINT_KEY, newValue: null }));
    expect(store.getState()).toEqual({ status: 'anonymous' });
    stop();
  });
});

/** One browser's Web Locks: a callback runs only after the one holding the same name has finished. */
function browserLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const taken: string[] = [];
  const locks: RefreshLocks = {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      taken.push(name);
      const run = (tails.get(name) ?? Promise.resolve()).then(callback, callback);
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
  return { locks, taken };
}

describe('SessionStore refresh across tabs', () => {
  it('two tabs refreshing at once take turns, so the second sends the cookie the first one set', async () => {
    const first = deferred<Response>();
    let calls = 0;
    let inFlight = 0;
    let overlapped = false;
    const api = fakeApi({
      'POST /api/auth/refresh': async () => {
        calls += 1;
        inFlight += 1;
        overlapped ||= inFlight > 1;
        const response = calls === 1 ? await first.promise : json(200, sessionFor('admin', { accessToken: 'second' }));
        inFlight -= 1;
        return response;
      },
    });
    const { locks, taken } = browserLocks();
    const tabA = new SessionStore(memoryStorage(signedInHint), locks);
    const tabB = new SessionStore(memoryStorage(signedInHint), locks);

    const refreshA = tabA.refresh();
    const refreshB = tabB.refresh();
    await Promise.resolve();
    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
    first.resolve(json(200, sessionFor('admin', { accessToken: 'first' })));

    expect((await refreshA)?.accessToken).toBe('first');
    expect((await refreshB)?.accessToken).toBe('second');
    expect(overlapped).toBe(false);
    expect(taken).toEqual([REFRESH_LOCK, REFRESH_LOCK]);
  });

  it('refreshes without a lock where the browser has no Web Locks', async () => {
    const api = fakeApi({ 'POST /api/auth/refresh': () => json(200, sessionFor('viewer')) });
    const store = new SessionStore(memoryStorage(signedInHint), null);

    expect(await store.refresh()).not.toBeNull();
    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
  });
});
