import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Health } from '../api/types.ts';
import { ServerStatus } from './ServerStatus.tsx';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

const healthy: Health = { status: 'ok', db: 'up', version: '0.1.0-test' };
const dbDown: Health = { status: 'unavailable', db: 'down', version: '0.1.0-test' };

/** A fetch mock whose answer the test releases when it wants to. */
function deferredFetch() {
  let release: (response: Response) => void = () => {
    throw new Error('fetch was not called');
  };
  const fetchMock = vi.fn(
    () =>
      new Promise<Response>((resolve) => {
        release = resolve;
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, release: (response: Response) => { release(response); } };
}

function text(testId: string): string {
  return screen.getByTestId(testId).textContent;
}

describe('ServerStatus', () => {
  it('shows "Checking…" until /api/health answers, then the healthy state', async () => {
    const { fetchMock, release } = deferredFetch();

    render(<ServerStatus />);

    const panel = screen.getByRole('region', { name: 'Server status' });
    expect(panel.textContent).toContain('Checking…');
    expect(panel.querySelector('[aria-live]')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.queryByTestId('server-status')).toBeNull();
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(fetchMock.mock.calls[0]).toEqual(['/api/health', expect.anything()]);

    release(jsonResponse(200, healthy));

    await waitFor(() => {
      expect(text('server-status')).toContain('ok');
    });
    expect(text('db-status')).toContain('up');
    expect(text('server-version')).toContain('0.1.0-test');
    expect(panel.textContent).not.toContain('Checking…');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it.each([
    {
      name: 'database down (503 with health body)',
      response: () => Promise.resolve(jsonResponse(503, dbDown)),
      server: 'unavailable',
      db: 'down',
      version: '0.1.0-test',
      message: null,
    },
    {
      name: 'server unreachable (network error)',
      response: () => Promise.reject(new TypeError('Failed to fetch')),
      server: 'Server unreachable',
      db: 'unknown',
      version: 'unknown',
      message: 'Network error calling /api/health: Failed to fetch',
    },
    {
      name: 'server error (500 with error body)',
      response: () => Promise.resolve(jsonResponse(500, { status: 500, message: 'Internal server error' })),
      server: 'Server unreachable',
      db: 'unknown',
      version: 'unknown',
      message: 'Internal server error',
    },
  ])('shows $name', async ({ response, server, db, version, message }) => {
    vi.stubGlobal('fetch', vi.fn(response));

    render(<ServerStatus />);

    await waitFor(() => {
      expect(text('server-status')).toContain(server);
    });
    expect(text('server-status')).not.toContain('ok');
    expect(text('db-status')).toContain(db);
    expect(text('db-status')).not.toContain('up');
    expect(text('server-version')).toContain(version);
    if (message !== null) {
      expect(screen.getByRole('region', { name: 'Server status' }).textContent).toContain(message);
    }
  });

  it('polls again and shows the database going down', async () => {
    const fetchMock = vi
      .fn<() => Promise<Response>>()
      .mockResolvedValueOnce(jsonResponse(200, healthy))
      // a fresh response per poll: a body is read once
      .mockImplementation(() => Promise.resolve(jsonResponse(503, dbDown)));
    vi.stubGlobal('fetch', fetchMock);

    render(<ServerStatus pollMs={20} />);

    await waitFor(() => {
      expect(text('db-status')).toContain('up');
    });
    await waitFor(() => {
      expect(text('db-status')).toContain('down');
    });
    expect(text('server-status')).toContain('unavailable');
    expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole('status').textContent).toBe(
      'Server status changed: Server unavailable, database down',
    );
  });

  it('announces nothing when a poll finds the same state', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(jsonResponse(200, healthy)));
    vi.stubGlobal('fetch', fetchMock);
    render(<ServerStatus pollMs={10} />);
    const status = screen.getByRole('status');
    const changes: string[] = [];
    new MutationObserver(() => changes.push(status.textContent)).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });

    await waitFor(() => {
      expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(4);
    });
    expect(text('server-status')).toContain('ok');
    expect(status.textContent).toBe('');
    expect(changes).toEqual([]);
  });

  it('stops polling once unmounted', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(jsonResponse(200, healthy)));
    vi.stubGlobal('fetch', fetchMock);

    const { unmount } = render(<ServerStatus pollMs={10} />);
    await waitFor(() => {
      expect(text('server-status')).toContain('ok');
    });
    unmount();
    const callsAtUnmount = fetchMock.mock.calls.length;

    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fetchMock.mock.calls.length).toBe(callsAtUnmount);
  });
});
