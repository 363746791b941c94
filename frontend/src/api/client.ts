import type { ApiError, Health } from './types.ts';

/**
 * Thrown for any failed API call; `status` is the HTTP status, or 0 when no response arrived.
 * `details` holds the error body's fields besides `status` and `message` (e.g. `agencies` on a
 * login 409); `retryAfterSeconds` is the `Retry-After` header of the response, when it had one.
 */
export class ApiRequestError extends Error implements ApiError {
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** What the UI shows for a failed call: the server's message, or the wait after too many attempts. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 429 && error.retryAfterSeconds !== null) {
      return `Too many attempts, try again in ${error.retryAfterSeconds} s`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** True for the error fetch throws when its signal aborts the call. */
export function isAbort(error: unknown): boolean {
  // Duck-typed: the DOMException class differs between browsers, Node and jsdom.
  return isRecord(error) && error.name === 'AbortError';
}

type JsonResponse = { response: Response; body: unknown };

/** Performs the request and parses the body as JSON; throws ApiRequestError if either fails. */
async function requestJson(path: string, init?: RequestInit): Promise<JsonResponse> {
  const headers = new Headers(init?.headers);
  if (!headers.has('Accept')) {
    headers.set('Accept', 'application/json');
  }

  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (error) {
    if (isAbort(error) || init?.signal?.aborted) {
      throw error;
    }
    throw new ApiRequestError(0, `Network error calling ${path}: ${describe(error)}`);
  }

  const text = await response.text();
  if (response.status === 204 || response.status === 205) {
    return { response, body: undefined };
  }
  try {
    return { response, body: JSON.parse(text) as unknown };
  } catch {
    const contentType = response.headers.get('Content-Type') ?? 'no content type';
    throw new ApiRequestError(
      response.status,
      `HTTP ${response.status} from ${path}: expected a JSON body but got ${contentType}` +
        (text.trim() === '' ? ' (empty body)' : `: ${snippet(text)}`),
    );
  }
}

/** The error a non-2xx response stands for, using its `{status, message}` body when it has one. */
function errorFrom(path: string, response: Response, body: unknown): ApiRequestError {
  const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
  if (isApiError(body)) {
    const { status, message, ...details } = body as ApiError & Record<string, unknown>;
    return new ApiRequestError(status, message, details, retryAfter);
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new ApiRequestError(response.status, `HTTP ${response.status}${statusText} from ${path}`, {}, retryAfter);
}

/** Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date); null when absent or unreadable. */
function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') {
    return null;
  }
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export type ApiRequestInit = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON when given. */
  body?: unknown;
  /** Sent as `Authorization: Bearer <accessToken>` when given. */
  accessToken?: string | null;
  signal?: AbortSignal;
  credentials?: RequestCredentials;
};

/**
 * Calls the API and returns the JSON body of a 2xx answer (`undefined` for 204 No Content); throws
 * ApiRequestError for a non-2xx answer, a network failure or a body that is not JSON.
 */
export async function apiRequest<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const headers = new Headers();
  const request: RequestInit = { method: init.method ?? 'GET', headers };
  if (init.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    request.body = JSON.stringify(init.body);
  }
  if (init.accessToken) {
    headers.set('Authorization', `Bearer ${init.accessToken}`);
  }
  if (init.signal) {
    request.signal = init.signal;
  }
  if (init.credentials) {
    request.credentials = init.credentials;
  }
  const { response, body } = await requestJson(path, request);
  if (!response.ok) {
    throw errorFrom(path, response, body);
  }
  return body as T;
}

/** GETs (or otherwise fetches) `path` and returns its JSON body; throws ApiRequestError on non-2xx. */
export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const { response, body } = await requestJson(path, init);
  if (!response.ok) {
    throw errorFrom(path, response, body);
  }
  return body as T;
}

/**
 * Reads the server health. A 503 that carries a Health body (database down) is data, not an error:
 * it is returned like a 200.
 */
export async function fetchHealth(init?: RequestInit): Promise<Health> {
  const path = '/api/health';
  const { response, body } = await requestJson(path, init);
  if ((response.ok || response.status === 503) && isHealth(body)) {
    return body;
  }
  if (response.ok) {
    throw new ApiRequestError(response.status, `Unexpected health response from ${path}: ${snippet(JSON.stringify(body))}`);
  }
  throw errorFrom(path, response, body);
}

export function isHealth(value: unknown): value is Health {
  if (!isRecord(value)) {
    return false;
  }
  return (
    (value.status === 'ok' || value.status === 'unavailable') &&
    (value.db === 'up' || value.db === 'down') &&
    typeof value.version === 'string'
  );
}

function isApiError(value: unknown): value is ApiError {
  return isRecord(value) && typeof value.status === 'number' && typeof value.message === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}
