import { vi } from 'vitest';
import type { AuthSession, Health, Role } from '../api/types.ts';
import type { HintStorage } from '../auth/session.ts';

/** One request the app made, as the fake server saw it. */
export type Call = {
  method: string;
  /** The path without its query string (routes match on it). */
  path: string;
  /** The query string's parameters. */
  query: URLSearchParams;
  /** The parsed JSON body, the text of any other body (e.g. CSV), or undefined when there was none. */
  body: unknown;
  headers: Headers;
  credentials: RequestCredentials | undefined;
};

type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function apiError(status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json(status, { status, message, ...extra }, headers);
}

export const HEALTHY: Health = { status: 'ok', db: 'up', version: '9.9.9-test' };

/**
 * Replaces fetch with a fake API answering from `routes` ("METHOD /path" → handler, the path without
 * its query string). /api/health is healthy unless a route says otherwise; any other request gets a
 * 404 error body.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const table: Record<string, Handler> = { 'GET /api/health': () => json(200, HEALTHY), ...routes };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://app.test');
    const path = url.pathname;
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const headers = new Headers(init?.headers);
    const isJson = headers.get('Content-Type')?.startsWith('application/json') ?? false;
    const call: Call = {
      method,
      path,
      query: url.searchParams,
      body: text === undefined ? undefined : isJson ? (JSON.parse(text) as unknown) : text,
      headers,
      credentials: init?.credentials,
    };
    calls.push(call);
    const handler = table[`${method} ${path}`];
    return handler ? handler(call) : apiError(404, `No fake route for ${method} ${path}`);
  });
  vi.stubGlobal('fetch', fetchMock);

  /** The calls to one route, e.g. `to('POST /api/clients')`; /api/health polls are left out of `calls`' users. */
  const to = (route: string): Call[] => calls.filter((c) => `${c.method} ${c.path}` === route);
  /** Every call except the footer's health polls. */
  const apiCalls = (): Call[] => calls.filter((c) => c.path !== '/api/health');
  return { fetchMock, calls, to, apiCalls };
}

/** A Storage stand-in for the session store's "signed in" hint. */
export function memoryStorage(initial: Record<string, string> = {}): HintStorage & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => {
      values.set(key, value);
    },
    removeItem: (key) => {
      values.delete(key);
    },
  };
}

export function sessionFor(role: Role, overrides: Partial<AuthSession> = {}): AuthSession {
  return {
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresIn: 900,
    user: { id: 'u-1', email: 'ada@agency.test', name: 'Ada Lovelace' },
    agency: { id: 'ag-1', name: 'Analytical Agency' },
    role,
    clientId: null,
    ...overrides,
  };
}
