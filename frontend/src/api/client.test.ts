import { describe, expect, it, vi } from 'vitest';
import { FakeXhr, fakeXhr } from '../test/fakeXhr.ts';
import { ApiRequestError, apiRequest, attachmentFilename, downloadRequest, errorMessage, fetchHealth, getJson, uploadRequest } from './client.ts';
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

describe('apiRequest', () => {
  it('sends method, JSON body, bearer token and credentials', async () => {
    const fetchMock = stubFetch(jsonResponse(201, { id: 'c1' }));

    await expect(
      apiRequest('/api/clients', { method: 'POST', body: { name: 'Acme' }, accessToken: 'tok', credentials: 'same-origin' }),
    ).resolves.toEqual({ id: 'c1' });

    const [path, init] = fetchMock.mock.calls[0] ?? [];
    expect(path).toBe('/api/clients');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"name":"Acme"}');
    expect(init?.credentials).toBe('same-origin');
    const headers = new Headers(init?.headers);
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(headers.get('Accept')).toBe('application/json');
    expect(headers.get('Authorization')).toBe('Bearer tok');
  });

  it('sends a GET without body or Authorization when there is no token', async () => {
    const fetchMock = stubFetch(jsonResponse(200, []));

    await apiRequest('/api/clients', { accessToken: null });

    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('GET');
    expect(init?.body).toBeUndefined();
    expect(new Headers(init?.headers).has('Authorization')).toBe(false);
  });

  it('sends a raw body (e.g. CSV) with its content type instead of JSON', async () => {
    const fetchMock = stubFetch(jsonResponse(200, { rows: 1 }));

    await apiRequest('/api/clients/c1/imports?dryRun=true', { method: 'POST', rawBody: 'date,metric,value\n', contentType: 'text/csv', accessToken: 'tok' });

    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.body).toBe('date,metric,value\n');
    const headers = new Headers(init?.headers);
    expect(headers.get('Content-Type')).toBe('text/csv');
    expect(headers.get('Authorization')).toBe('Bearer tok');
  });

  it('returns undefined for 204 No Content', async () => {
    stubFetch(new Response(null, { status: 204 }));

    await expect(apiRequest('/api/clients/c1', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it.each([
    {
      name: 'a 409 with agencies',
      response: () => jsonResponse(409, { status: 409, message: 'Pick one', agencies: [{ id: 'a', name: 'A' }] }),
      expected: { status: 409, message: 'Pick one', details: { agencies: [{ id: 'a', name: 'A' }] }, retryAfterSeconds: null },
    },
    {
      name: 'a 429 with Retry-After seconds',
      response: () =>
        new Response(JSON.stringify({ status: 429, message: 'Slow down' }), {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '42' },
        }),
      expected: { status: 429, message: 'Slow down', details: {}, retryAfterSeconds: 42 },
    },
    {
      name: 'a 429 with an unreadable Retry-After',
      response: () =>
        new Response(JSON.stringify({ status: 429, message: 'Slow down' }), {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': 'soon' },
        }),
      expected: { status: 429, message: 'Slow down', details: {}, retryAfterSeconds: null },
    },
  ])('keeps the extra parts of $name', async ({ response, expected }) => {
    stubFetch(response());

    const error = await caught(apiRequest('/api/auth/login', { method: 'POST', body: {} }));

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject(expected);
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    stubFetch(
      new Response(JSON.stringify({ status: 429, message: 'Slow down' }), {
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': inTenSeconds },
      }),
    );

    const error = await caught(apiRequest('/api/auth/login'));

    expect((error as ApiRequestError).retryAfterSeconds).toBeGreaterThanOrEqual(9);
    expect((error as ApiRequestError).retryAfterSeconds).toBeLessThanOrEqual(10);
  });
});

describe('errorMessage', () => {
  it.each([
    { name: 'an API error', error: new ApiRequestError(400, 'Name is required'), expected: 'Name is required' },
    { name: 'a 429 with Retry-After', error: new ApiRequestError(429, 'Slow down', {}, 30), expected: 'Too many attempts, try again in 30 s' },
    { name: 'a 429 without Retry-After', error: new ApiRequestError(429, 'Slow down'), expected: 'Slow down' },
    { name: 'any Error', error: new Error('boom'), expected: 'boom' },
    { name: 'a thrown string', error: 'odd', expected: 'odd' },
  ])('shows $name', ({ error, expected }) => {
    expect(errorMessage(error)).toBe(expected);
  });
});

describe('uploadRequest', () => {
  const send = (init: Partial<Parameters<typeof uploadRequest>[1]> = {}) =>
    uploadRequest<unknown>('/api/upload', { body: 'a,b\n', contentType: 'text/csv', accessToken: 'tok', ...init });

  it('sends the body with its type, the bearer token and Accept, reports progress and returns the JSON answer', async () => {
    const xhr = fakeXhr();
    const progress: [number, number][] = [];

    const answer = send({
      onUploadProgress: (loaded, total) => {
        progress.push([loaded, total]);
      },
    });
    const request = await xhr.sent();
    request.progress(2, 4);
    request.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: false, loaded: 3 }));
    request.progress(4, 4);
    request.respond(201, { inserted: 2 });

    await expect(answer).resolves.toEqual({ inserted: 2 });
    expect([request.method, request.url, request.body]).toEqual(['POST', '/api/upload', 'a,b\n']);
    expect(Object.fromEntries(request.headers)).toEqual({
      accept: 'application/json',
      'content-type': 'text/csv',
      authorization: 'Bearer tok',
    });
    expect(progress).toEqual([
      [2, 4],
      [4, 4],
    ]);
  });

  it('sends no Authorization without a token', async () => {
    const xhr = fakeXhr();
    const answer = send({ accessToken: null });
    const request = await xhr.sent();
    request.respond(200, {});

    await answer;
    expect(request.headers.has('authorization')).toBe(false);
  });

  it.each([
    {
      name: 'a 422 with errors',
      answer: (x: FakeXhr) => {
        x.respond(422, { status: 422, message: '1 problem(s)', errors: [{ line: 2, message: 'bad' }] });
      },
      expected: { status: 422, message: '1 problem(s)', details: { errors: [{ line: 2, message: 'bad' }] } },
    },
    {
      name: 'a 429 with Retry-After',
      answer: (x: FakeXhr) => {
        x.respond(429, { status: 429, message: 'Slow down' }, { 'Retry-After': '7' });
      },
      expected: { status: 429, message: 'Slow down', retryAfterSeconds: 7 },
    },
    {
      name: 'a network failure',
      answer: (x: FakeXhr) => {
        x.fail();
      },
      expected: { status: 0, message: 'Network error calling /api/upload' },
    },
  ])('throws ApiRequestError for $name', async ({ answer, expected }) => {
    const xhr = fakeXhr();
    const result = send();
    answer(await xhr.sent());

    const error = await caught(result);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject(expected);
  });

  it('throws ApiRequestError for an answer that is not JSON', async () => {
    const xhr = fakeXhr();
    const result = send();
    const request = await xhr.sent();
    request.status = 502;
    request.responseText = '<html>Bad gateway</html>';
    request.dispatchEvent(new Event('load'));

    await expect(result).rejects.toMatchObject({
      status: 502,
      message: 'HTTP 502 from /api/upload: expected a JSON body but got no content type: <html>Bad gateway</html>',
    });
  });

  it('aborts the request when the signal aborts', async () => {
    const xhr = fakeXhr();
    const controller = new AbortController();
    const result = send({ signal: controller.signal });
    const request = await xhr.sent();

    controller.abort();

    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(request.aborted).toBe(true);
  });

  it('does not start with a signal already aborted', async () => {
    const xhr = fakeXhr();
    const controller = new AbortController();
    controller.abort();

    await expect(send({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(xhr.requests).toHaveLength(0);
  });
});

describe('downloadRequest', () => {
  it('returns the body as a Blob with the filename of its Content-Disposition, sending the bearer token', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(
        new Response('%PDF', {
          status: 200,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="zoom-factor-acme-2026-01-01-to-2026-01-31.pdf"' },
        }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const file = await downloadRequest('/api/clients/c1/report.pdf', { accessToken: 'tok' });
    expect(file.filename).toBe('zoom-factor-acme-2026-01-01-to-2026-01-31.pdf');
    expect(await file.blob.text()).toBe('%PDF');
    const init = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init[1].headers).get('Authorization')).toBe('Bearer tok');
    vi.unstubAllGlobals();
  });

  it('throws the server error of a non-2xx answer', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response(JSON.stringify({ status: 400, message: 'from must not be after to' }), { status: 400 }))));
    await expect(downloadRequest('/api/clients/c1/report.csv')).rejects.toMatchObject({ status: 400, message: 'from must not be after to' });
    vi.unstubAllGlobals();
  });

  it('reads only a quoted filename', () => {
    expect(attachmentFilename('attachment; filename="a.csv"')).toBe('a.csv');
    expect(attachmentFilename('attachment')).toBeNull();
    expect(attachmentFilename(null)).toBeNull();
  });
});
