import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError, fetchHealth, getJson } from './client.ts';
import type { Health } from './types.ts';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function textResponse(status: number, body: string, contentType = 'text/html'): Response {
  return new Response(body, { status, headers: { 'Content-Type': contentType } });
}

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn<typeof fetch>(() =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

const healthy: Health = { status: 'ok', db: 'up', version: '1.2.3' };
const dbDown: Health = { status: 'unavailable', db: 'down', version: '1.2.3' };

describe('getJson', () => {
  it('returns the parsed body of a 2xx response and asks for JSON', async () => {
    const fetchMock = stubFetch(jsonResponse(200, { hello: 'world' }));

    await expect(getJson<{ hello: string }>('/api/thing')).resolves.toEqual({ hello: 'world' });

    expect(fetchMock).toHaveBeenCalledOnce();
    const [path, init] = fetchMock.mock.calls[0] ?? [];
    expect(path).toBe('/api/thing');
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json');
  });

  it.each([
    {
      name: '400 with error body',
      response: () => jsonResponse(400, { status: 400, message: 'Bad client id' }),
      status: 400,
      message: 'Bad client id',
    },
    {
      name: '404 with error body',
      response: () => jsonResponse(404, { status: 404, message: 'No such client' }),
      status: 404,
      message: 'No such client',
    },
    {
      name: '500 with error body',
      response: () => jsonResponse(500, { status: 500, message: 'Internal server error' }),
      status: 500,
      message: 'Internal server error',
    },
    {
      name: '500 with JSON that is not an error body',
      response: () => jsonResponse(500, { oops: true }),
      status: 500,
      message: 'HTTP 500 from /api/thing',
    },
    {
      name: '502 with an HTML body',
      response: () => textResponse(502, '<html><body>Bad gateway</body></html>'),
      status: 502,
      message: 'HTTP 502 from /api/thing: expected a JSON body but got text/html: <html><body>Bad gateway</body></html>',
    },
    {
      name: '200 with an HTML body',
      response: () => textResponse(200, '<!doctype html><title>Zoom Factor</title>'),
      status: 200,
      message: 'HTTP 200 from /api/thing: expected a JSON body but got text/html: <!doctype html><title>Zoom Factor</title>',
    },
    {
      name: '200 with an empty body',
      response: () => textResponse(200, '', 'application/json'),
      status: 200,
      message: 'HTTP 200 from /api/thing: expected a JSON body but got application/json (empty body)',
    },
  ])('throws ApiRequestError for $name', async ({ response, status, message }) => {
    stubFetch(response());

    const error = await caught(getJson('/api/thing'));

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ name: 'ApiRequestError', status, message });
  });

  it('turns a network failure into ApiRequestError with status 0', async () => {
    stubFetch(new TypeError('Failed to fetch'));

    const error = await caught(getJson('/api/thing'));

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 0, message: 'Network error calling /api/thing: Failed to fetch' });
  });

  it('lets an abort through unchanged', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(() => Promise.reject(abort)));

    await expect(getJson('/api/thing')).rejects.toBe(abort);
  });
});

describe('fetchHealth', () => {
  it.each([
    { name: '200 healthy', status: 200, body: healthy },
    { name: '503 with a health body (database down)', status: 503, body: dbDown },
  ])('returns the Health body for $name', async ({ status, body }) => {
    const fetchMock = stubFetch(jsonResponse(status, body));

    await expect(fetchHealth()).resolves.toEqual(body);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/health');
  });

  it.each([
    {
      name: '500 with error body',
      response: () => jsonResponse(500, { status: 500, message: 'Internal server error' }),
      status: 500,
      message: 'Internal server error',
    },
    {
      name: '503 with an error body instead of a health body',
      response: () => jsonResponse(503, { status: 503, message: 'Shutting down' }),
      status: 503,
      message: 'Shutting down',
    },
    {
      name: '503 with a non-JSON body',
      response: () => textResponse(503, 'Service Unavailable', 'text/plain'),
      status: 503,
      message: 'HTTP 503 from /api/health: expected a JSON body but got text/plain: Service Unavailable',
    },
    {
      name: '200 with an HTML body (e.g. history fallback hit)',
      response: () => textResponse(200, '<!doctype html>'),
      status: 200,
      message: 'HTTP 200 from /api/health: expected a JSON body but got text/html: <!doctype html>',
    },
    {
      name: '200 with JSON that is not a health body',
      response: () => jsonResponse(200, { status: 'fine' }),
      status: 200,
      message: 'Unexpected health response from /api/health: {"status":"fine"}',
    },
  ])('throws ApiRequestError for $name', async ({ response, status, message }) => {
    stubFetch(response());

    const error = await caught(fetchHealth());

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status, message });
  });
});
