import { vi } from 'vitest';

/**
 * A stand-in for XMLHttpRequest (jsdom's would go to the network). Each `new XMLHttpRequest()` is
 * recorded in `requests`; the test then plays the server: `progress()` fires upload progress events,
 * `respond()` answers, `fail()` is a network error.
 */
export class FakeXhr extends EventTarget {
  readonly upload = new EventTarget();
  method = '';
  url = '';
  readonly headers = new Map<string, string>();
  body: unknown = undefined;
  sent = false;
  aborted = false;
  status = 0;
  statusText = '';
  responseText = '';
  private responseHeaders = new Map<string, string>();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers.set(name.toLowerCase(), value);
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name.toLowerCase()) ?? null;
  }

  send(body?: unknown): void {
    this.body = body;
    this.sent = true;
  }

  abort(): void {
    this.aborted = true;
    this.dispatchEvent(new Event('abort'));
  }

  /** Fires an upload progress event. */
  progress(loaded: number, total: number): void {
    this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded, total }));
  }

  /** Answers with a JSON body. */
  respond(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = new Map(
      Object.entries({ 'Content-Type': 'application/json', ...headers }).map(([k, v]) => [k.toLowerCase(), v]),
    );
    this.dispatchEvent(new Event('load'));
  }

  /** A network failure: no answer. */
  fail(): void {
    this.dispatchEvent(new Event('error'));
  }
}

/** Replaces XMLHttpRequest with FakeXhr; `requests` holds every one the code made, in order. */
export function fakeXhr() {
  const requests: FakeXhr[] = [];
  const Constructor = vi.fn(function (this: unknown) {
    const xhr = new FakeXhr();
    requests.push(xhr);
    return xhr;
  });
  vi.stubGlobal('XMLHttpRequest', Constructor);
  /** The n-th request once it has been sent. */
  const sent = async (n = 0): Promise<FakeXhr> =>
    vi.waitFor(() => {
      const xhr = requests[n];
      if (xhr === undefined || !xhr.sent) {
        throw new Error(`request ${String(n)} not sent yet`);
      }
      return xhr;
    });
  return { requests, sent };
}
