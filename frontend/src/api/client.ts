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
  return { response, body: parseBody(path, response.status, response.headers.get('Content-Type'), text) };
}

/** The JSON body of an answer (undefined for 204 and 205); throws ApiRequestError when it is not JSON. */
function parseBody(path: string, status: number, contentType: string | null, text: string): unknown {
  if (status === 204 || status === 205) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiRequestError(
      status,
      `HTTP ${status} from ${path}: expected a JSON body but got ${contentType ?? 'no content type'}` +
        (text.trim() === '' ? ' (empty body)' : `: ${snippet(text)}`),
    );
  }
}

/** The parts of an answer `errorFrom` reads, from a fetch Response or an XMLHttpRequest. */
type Answer = { status: number; statusText: string; header: (name: string) => string | null };

function answerOf(response: Response): Answer {
  return { status: response.status, statusText: response.statusText, header: (name) => response.headers.get(name) };
}

/** The error a non-2xx response stands for, using its `{status, message}` body when it has one. */
function errorFrom(path: string, answer: Answer, body: unknown): ApiRequestError {
  const retryAfter = retryAfterSeconds(answer.header('Retry-After'));
  if (isApiError(body)) {
    const { status, message, ...details } = body as ApiError & Record<string, unknown>;
    return new ApiRequestError(status, message, details, retryAfter);
  }
  const statusText = answer.statusText ? ` ${answer.statusText}` : '';
  return new ApiRequestError(answer.status, `HTTP ${answer.status}${statusText} from ${path}`, {}, retryAfter);
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
  /** Sent as it is, with `contentType`, instead of a JSON `body` (e.g. a CSV file). */
  rawBody?: string | Blob;
  /** The Content-Type of `rawBody`. */
  contentType?: string;
  /** Sent as `Authorization: Bearer <accessToken>` when given. */
  accessToken?: string | null;
  /** More request headers (e.g. a share link's `X-Share-Grant`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  credentials?: RequestCredentials;
};

/**
 * Calls the API and returns the JSON body of a 2xx answer (`undefined` for 204 No Content); throws
 * ApiRequestError for a non-2xx answer, a network failure or a body that is not JSON.
 */
export async function apiRequest<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const request: RequestInit = { method: init.method ?? 'GET', headers };
  if (init.rawBody !== undefined) {
    headers.set('Content-Type', init.contentType ?? 'application/octet-stream');
    request.body = init.rawBody;
  } else if (init.body !== undefined) {
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
    throw errorFrom(path, answerOf(response), body);
  }
  return body as T;
}

/** A file the API sent: its bytes, and the name its Content-Disposition gave (null when none). */
export type Download = { blob: Blob; filename: string | null };

/**
 * GETs a file (a report) with the access token and returns it as a Blob with the server's filename; a non-2xx
 * answer throws ApiRequestError with the server's `{status, message}` like `apiRequest`.
 */
export async function downloadRequest(
  path: string,
  init: { accessToken?: string | null; signal?: AbortSignal } = {},
): Promise<Download> {
  const headers = new Headers();
  if (init.accessToken) {
    headers.set('Authorization', `Bearer ${init.accessToken}`);
  }
  let response: Response;
  try {
    response = await fetch(path, { method: 'GET', headers, ...(init.signal ? { signal: init.signal } : {}) });
  } catch (error) {
    if (isAbort(error) || init.signal?.aborted) {
      throw error;
    }
    throw new ApiRequestError(0, `Network error calling ${path}: ${describe(error)}`);
  }
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // not JSON: the status says it
    }
    throw errorFrom(path, answerOf(response), body);
  }
  return { blob: await response.blob(), filename: attachmentFilename(response.headers.get('Content-Disposition')) };
}

/** The `filename="..."` of a Content-Disposition header (the server sends plain ASCII names), or null. */
export function attachmentFilename(header: string | null): string | null {
  const match = header === null ? null : /filename="([^"]+)"/i.exec(header);
  return match?.[1] ?? null;
}

export type UploadInit = {
  method?: 'POST' | 'PUT';
  body: string | Blob;
  contentType: string;
  /** Sent as `Authorization: Bearer <accessToken>` when given. */
  accessToken?: string | null;
  /** More request headers (e.g. an import's `X-File-Name`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Called as the body goes out, with the bytes sent so far and the total. */
  onUploadProgress?: (loaded: number, total: number) => void;
};

/**
 * Like `apiRequest`, but through XMLHttpRequest, whose upload reports progress (fetch cannot). Same
 * answers: the JSON body of a 2xx, ApiRequestError otherwise (status 0 when no answer came); an abort
 * through `signal` rejects with an AbortError.
 */
export function uploadRequest<T>(path: string, init: UploadInit): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abortError = () => new DOMException('The upload was aborted.', 'AbortError');
    if (init.signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbortSignal = () => {
      xhr.abort();
    };
    const settle = () => {
      init.signal?.removeEventListener('abort', onAbortSignal);
    };
    xhr.open(init.method ?? 'POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', init.contentType);
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      xhr.setRequestHeader(name, value);
    }
    if (init.accessToken) {
      xhr.setRequestHeader('Authorization', `Bearer ${init.accessToken}`);
    }
    const onProgress = init.onUploadProgress;
    if (onProgress !== undefined) {
      xhr.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) {
          onProgress(event.loaded, event.total);
        }
      });
    }
    xhr.addEventListener('load', () => {
      settle();
      const answer: Answer = {
        status: xhr.status,
        statusText: xhr.statusText,
        header: (name) => xhr.getResponseHeader(name),
      };
      try {
        const body = parseBody(path, xhr.status, xhr.getResponseHeader('Content-Type'), xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(body as T);
        } else {
          reject(errorFrom(path, answer, body));
        }
      } catch (error) {
        reject(error instanceof ApiRequestError ? error : new ApiRequestError(xhr.status, describe(error)));
      }
    });
    xhr.addEventListener('error', () => {
      settle();
      reject(new ApiRequestError(0, `Network error calling ${path}`));
    });
    xhr.addEventListener('timeout', () => {
      settle();
      reject(new ApiRequestError(0, `Timed out calling ${path}`));
    });
    xhr.addEventListener('abort', () => {
      settle();
      reject(abortError());
    });
    init.signal?.addEventListener('abort', onAbortSignal);
    xhr.send(init.body);
  });
}

/** GETs (or otherwise fetches) `path` and returns its JSON body; throws ApiRequestError on non-2xx. */
export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const { response, body } = await requestJson(path, init);
  if (!response.ok) {
    throw errorFrom(path, answerOf(response), body);
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
  throw errorFrom(path, answerOf(response), body);
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
