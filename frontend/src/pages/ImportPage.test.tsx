import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImportResult, Role } from '../api/types.ts';
import { apiError, fakeApi, json, sessionFor } from '../test/fakeApi.ts';
import { fakeXhr } from '../test/fakeXhr.ts';
import { renderApp } from '../test/renderApp.tsx';

const CSV = 'date,metric,value\n2026-10-01,web.pageviews,1200\n2026-10-02,web.pageviews,1350\n';
const PATH = '/api/clients/c-acme/imports';

const checked: ImportResult = {
  id: 'i-1',
  clientId: 'c-acme',
  state: 'done',
  fileName: 'points.csv',
  bytes: CSV.length,
  bytesRead: CSV.length,
  posts: 0,
  format: { key: 'zoom-factor-csv', label: 'Zoom Factor CSV (long or wide form)' },
  readAs: 'text: the file (UTF-8, \',\')',
  header: 'date,metric,value',
  postsInserted: 0,
  postsUpdated: 0,
  errors: [],
  errorCount: 0,
  message: null,
  createdAt: '2026-10-03T10:00:00Z',
  startedAt: '2026-10-03T10:00:00Z',
  finishedAt: '2026-10-03T10:00:01Z',
  dryRun: true,
  form: 'long',
  rows: 2,
  points: 2,
  metrics: ['web.pageviews'],
  from: '2026-10-01',
  to: '2026-10-02',
  preview: [
    { metric: 'web.pageviews', start: '2026-10-01', end: '2026-10-01', dimension: null, competitorId: null, value: 1200, source: 'csv' },
    { metric: 'web.pageviews', start: '2026-10-02', end: '2026-10-02', dimension: '/pricing', competitorId: null, value: 1350, source: 'csv' },
  ],
  inserted: 1,
  updated: 1,
  unchanged: 0,
};

const imported: ImportResult = { ...checked, dryRun: false, inserted: 1200, updated: 3 };

function csvFile(text = CSV, name = 'points.csv'): File {
  return new File([text], name, { type: 'text/csv' });
}

function importServer(check: () => Response | Promise<Response> = () => json(200, checked)) {
  return fakeApi({ [`POST ${PATH}`]: check });
}

async function openWithFile(role: Role = 'analyst', file = csvFile()) {
  const view = renderApp('/clients/c-acme/import', { session: sessionFor(role) });
  await view.user.upload(screen.getByLabelText('CSV file'), file);
  return view;
}

describe('ImportPage', () => {
  it('explains both layouts and takes only CSV files', () => {
    fakeApi({});
    renderApp('/clients/c-acme/import', { session: sessionFor('analyst') });

    expect(screen.getByRole('heading', { level: 2, name: 'Import CSV' })).toBeDefined();
    expect(screen.getByText('date,metric,value[,dimension]')).toBeDefined();
    expect(screen.getByText('date,<metric key>,…')).toBeDefined();
    expect(screen.getByLabelText('CSV file').getAttribute('accept')).toBe('.csv,text/csv');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check file' }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
    expect(screen.getByRole('link', { name: 'Back to the client' }).getAttribute('href')).toBe('/clients/c-acme');
  });

  it.each<{ role: Role; clientId: string | null }>([
    { role: 'viewer', clientId: null },
    { role: 'analyst', clientId: 'c-acme' },
  ])('offers no form to a $role limited to $clientId', ({ role, clientId }) => {
    fakeApi({});
    renderApp('/clients/c-acme/import', { session: sessionFor(role, { clientId }) });

    expect(screen.getByText(/Viewers cannot import data/)).toBeDefined();
    expect(screen.queryByLabelText('CSV file')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });

  it('checks the file with a dry run and shows what the import would do', async () => {
    const api = importServer();
    const { user } = await openWithFile();

    await user.click(screen.getByRole('button', { name: 'Check file' }));

    const summary = await screen.findByTestId('import-summary');
    const facts = Object.fromEntries(
      within(summary)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
    );
    expect(facts).toEqual({
      Layout: 'long form',
      Rows: '2',
      Points: '2',
      Metrics: 'web.pageviews',
      Dates: '1–2 Oct 2026',
      'Would insert': '1',
      'Would update': '1',
      Unchanged: '0',
    });
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['web.pageviews', '1 Oct 2026', '—', '1200'],
      ['web.pageviews', '2 Oct 2026', '/pricing', '1350'],
    ]);

    const [call] = api.to(`POST ${PATH}`);
    expect(call?.query.get('dryRun')).toBe('true');
    expect(call?.headers.get('Content-Type')).toBe('text/csv');
    expect(call?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(call?.body).toBe(CSV);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(false);
  });

  it('lists the problems of a 422 by line and column, and does not offer to import', async () => {
    importServer(() =>
      apiError(422, '3 problem(s) in 2 item(s); nothing was written', {
        errors: [
          { line: 2, column: 3, field: 'value', message: 'is not a number' },
          { line: 3, column: 2, field: 'metric', message: "unknown metric 'web.pageview'" },
          { line: 1, message: 'no date column' },
        ],
      }),
    );
    const { user } = await openWithFile();

    await user.click(screen.getByRole('button', { name: 'Check file' }));

    const errors = await screen.findByTestId('import-errors');
    expect(errors.getAttribute('role')).toBe('alert');
    expect(errors.textContent).toContain('3 problem(s) in 2 item(s); nothing was written');
    expect(within(errors).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Line 2, column 3 (value): is not a number',
      "Line 3, column 2 (metric): unknown metric 'web.pageview'",
      'Line 1: no date column',
    ]);
    expect(screen.queryByTestId('import-summary')).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
  });

  it.each([
    { status: 413, message: 'Request too large', shown: /too big for one import/ },
    { status: 415, message: 'Send the file as text/csv', shown: /Send the file as text\/csv/ },
  ])('explains a $status', async ({ status, message, shown }) => {
    importServer(() => apiError(status, message));
    const { user } = await openWithFile();

    await user.click(screen.getByRole('button', { name: 'Check file' }));

    expect((await screen.findByTestId('import-errors')).textContent).toMatch(shown);
  });

  it('imports the checked file, showing upload progress, then the result', async () => {
    importServer();
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByTestId('import-summary');

    await user.click(screen.getByRole('button', { name: 'Import' }));

    const request = await xhr.sent();
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${PATH}?dryRun=false`);
    expect(request.headers.get('authorization')).toBe('Bearer access-1');
    expect(request.headers.get('content-type')).toBe('text/csv');
    expect(request.body).toBe(CSV);

    const progress = screen.getByLabelText<HTMLProgressElement>('Upload progress');
    expect(progress.tagName).toBe('PROGRESS');
    expect(progress.max).toBe(100);
    expect(progress.value).toBe(0);
    act(() => {
      request.progress(250, 1000);
    });
    expect(progress.value).toBe(25);
    act(() => {
      request.progress(1000, 1000);
    });
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toBe(progress);
    expect(progress.value).toBe(100);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);

    act(() => {
      request.respond(201, imported);
    });

    const result = await screen.findByTestId('import-result');
    expect(result.getAttribute('role')).toBe('status');
    expect(result.textContent).toBe('Imported: 1,200 new, 3 updated');
    expect(screen.getByRole('link', { name: 'See the client’s metrics' }).getAttribute('href')).toBe('/clients/c-acme');
    expect(screen.queryByLabelText('Upload progress')).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
    expect(xhr.requests).toHaveLength(1);
  });

  it('refreshes the session once when the upload gets a 401, and sends it again with the new token', async () => {
    const api = fakeApi({
      [`POST ${PATH}`]: () => json(200, checked),
      'POST /api/auth/refresh': () => json(200, sessionFor('analyst', { accessToken: 'access-2' })),
    });
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByTestId('import-summary');

    await user.click(screen.getByRole('button', { name: 'Import' }));
    const first = await xhr.sent(0);
    act(() => {
      first.respond(401, { status: 401, message: 'Token expired' });
    });
    const second = await xhr.sent(1);
    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
    expect([first.headers.get('authorization'), second.headers.get('authorization')]).toEqual(['Bearer access-1', 'Bearer access-2']);
    act(() => {
      second.respond(201, imported);
    });

    expect((await screen.findByTestId('import-result')).textContent).toBe('Imported: 1,200 new, 3 updated');
  });

  it('shows the problems when the import itself is refused', async () => {
    importServer();
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByTestId('import-summary');
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const request = await xhr.sent();
    act(() => {
      request.respond(422, {
        status: 422,
        message: '1 problem(s) in 2 item(s); nothing was written',
        errors: [{ line: 3, field: 'competitorId', message: 'is not a competitor of this client' }],
      });
    });

    const errors = await screen.findByTestId('import-errors');
    expect(within(errors).getByRole('listitem').textContent).toBe('Line 3 (competitorId): is not a competitor of this client');
    expect(screen.queryByTestId('import-result')).toBeNull();
  });

  it('reports a network failure of the upload', async () => {
    importServer();
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByTestId('import-summary');
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const request = await xhr.sent();
    act(() => {
      request.fail();
    });

    expect((await screen.findByTestId('import-errors')).textContent).toBe(`Network error calling ${PATH}?dryRun=false`);
  });

  it('needs a new check after another file is chosen', async () => {
    const api = importServer();
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByTestId('import-summary');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(false);

    await user.upload(screen.getByLabelText('CSV file'), csvFile('date,web.pageviews\n2026-10-01,5\n', 'other.csv'));

    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
    expect(screen.queryByTestId('import-summary')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await waitFor(() => {
      expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(false);
    });
    expect(api.to(`POST ${PATH}`).map((c) => c.body)).toEqual([CSV, 'date,web.pageviews\n2026-10-01,5\n']);
  });

  it('aborts an upload under way when the page is left', async () => {
    importServer();
    const xhr = fakeXhr();
    const { user, unmount } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByTestId('import-summary');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const request = await xhr.sent();

    unmount();

    expect(request.aborted).toBe(true);
  });
});
