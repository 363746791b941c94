import type { ApiError, Health } from './types.ts';

/** Thrown for any failed API call; `status` is the HTTP status, or 0 when no response arrived. */
export class ApiRequestError extends Error implements ApiError {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
  }
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
  if (isApiError(body)) {
    return new ApiRequestError(body.status, body.message);
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new ApiRequestError(response.status, `HTTP ${response.status}${statusText} from ${path}`);
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

function isAbort(error: unknown): boolean {
  // Duck-typed: the DOMException class differs between browsers, Node and jsdom.
  return isRecord(error) && error.name === 'AbortError';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}
