import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportJob, Role } from '../api/types.ts';
import { apiError, fakeApi, json, sessionFor } from '../test/fakeApi.ts';
import { fakeXhr, type FakeXhr } from '../test/fakeXhr.ts';
import { renderApp } from '../test/renderApp.tsx';
import { LIST_POLL_MS } from './ImportPage.tsx';
import { POLL_MS } from './import/useImportProgress.ts';

const PATH = '/api/clients/c-acme/imports';

const GA4 =
  '# ----------------------------------------\n# Engagement overview\n# ----------------------------------------\n' +
  '# Start date: 20261001\n# End date: 20261002\nDate,Users,Sessions,Views\n20261001,101,130,260\n20261002,98,120,240\n';

/** A job as the server answers it; every field is given, as the schema requires. */
function job(overrides: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 'i-1',
    clientId: 'c-acme',
    state: 'done',
    dryRun: true,
    fileName: 'Rapport été.csv',
    bytes: GA4.length,
    bytesRead: GA4.length,
    rows: 8,
    points: 6,
    posts: 0,
    format: { key: 'ga4-report', label: 'Google Analytics 4 report' },
    readAs: "text: the file (UTF-8, ',')",
    header: 'Date,Users,Sessions,Views',
    form: null,
    metrics: ['web.pageviews', 'web.sessions', 'web.unique_visitors'],
    from: '2026-10-01',
    to: '2026-10-02',
    preview: [
      { metric: 'web.unique_visitors', start: '2026-10-01', end: '2026-10-01', dimension: null, competitorId: null, value: 101, source: 'ga4-report' },
      { metric: 'web.sessions', start: '2026-10-01', end: '2026-10-01', dimension: null, competitorId: null, value: 130, source: 'ga4-report' },
      { metric: 'web.pageviews', start: '2026-10-01', end: '2026-10-31', dimension: '/pricing', competitorId: null, value: 260, source: 'ga4-report' },
    ],
    inserted: 4,
    updated: 1,
    unchanged: 1,
    postsInserted: 0,
    postsUpdated: 0,
    errors: [],
    errorCount: 0,
    message: null,
    createdAt: '2026-10-03T10:00:00Z',
    startedAt: '2026-10-03T10:00:00Z',
    finishedAt: '2026-10-03T10:00:01Z',
    ...overrides,
  };
}

const checked = job();
const imported = job({ id: 'i-2', dryRun: false, inserted: 1200, updated: 3, unchanged: 0 });

function ga4File(text = GA4, name = 'Rapport été.csv'): File {
  return new File([text], name, { type: 'text/csv' });
}

/** The fake API: the list of recent imports (empty unless given), and any other routes. */
function importServer(listed: ImportJob[] | (() => Response) = [], routes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({ [`GET ${PATH}`]: typeof listed === 'function' ? listed : () => json(200, listed), ...routes });
}

async function openWithFile(role: Role = 'analyst', file = ga4File()) {
  const view = renderApp('/clients/c-acme/import', { session: sessionFor(role) });
  await view.user.upload(screen.getByLabelText('File to import'), file);
  return view;
}

/** Checks the file, starts the import and answers it 202 with `running`: the progress is on screen. */
async function startRunningImport(running: ImportJob): Promise<void> {
  const xhr = fakeXhr();
  const { user } = await openWithFile();
  await checkFile(user, xhr, (r) => {
    r.respond(200, checked);
  });
  await user.click(screen.getByRole('button', { name: 'Import' }));
  const request = await xhr.sent(1);
  act(() => {
    request.respond(202, running);
  });
  await screen.findByTestId('import-progress');
}

/** Lets the progress poller's interval pass `times` times (fake timers). */
async function nextPoll(times = 1): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(POLL_MS * times);
  });
}

/** Checks the chosen file: the dry run's upload, answered with `answer`. */
async function checkFile(user: ReturnType<typeof renderApp>['user'], xhr: ReturnType<typeof fakeXhr>, answer: (request: FakeXhr) => void) {
  const n = xhr.requests.length;
  await user.click(screen.getByRole('button', { name: 'Check file' }));
  const request = await xhr.sent(n);
  act(() => {
    answer(request);
  });
  return request;
}

function facts(element: HTMLElement): Record<string, string | null | undefined> {
  return Object.fromEntries(
    within(element)
      .getAllByRole('term')
      .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
  );
}

function cells(table: HTMLElement): (string | null)[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ImportPage', () => {
  it('names the formats it reads and takes any file', async () => {
    importServer();
    renderApp('/clients/c-acme/import', { session: sessionFor('analyst') });

    expect(screen.getByRole('heading', { level: 2, name: 'Import data' })).toBeDefined();
    expect(screen.getByText(/Google Search Console performance exports/)).toBeDefined();
    expect(screen.getByText('date,metric,value[,dimension]')).toBeDefined();
    const input = screen.getByLabelText('File to import');
    expect(input.getAttribute('type')).toBe('file');
    expect(input.hasAttribute('accept')).toBe(false);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check file' }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
    expect(screen.getByRole('link', { name: 'Back to the client' }).getAttribute('href')).toBe('/clients/c-acme');
    expect(await screen.findByText('No imports yet.')).toBeDefined();
  });

  it.each<{ role: Role; clientId: string | null }>([
    { role: 'viewer', clientId: null },
    { role: 'analyst', clientId: 'c-acme' },
  ])('offers no form to a $role limited to $clientId, but lists the imports', async ({ role, clientId }) => {
    importServer([imported]);
    renderApp('/clients/c-acme/import', { session: sessionFor(role, { clientId }) });

    expect(screen.getByText(/Viewers cannot import data/)).toBeDefined();
    expect(screen.queryByLabelText('File to import')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    expect(cells(await screen.findByTestId('recent-imports'))[0]?.[1]).toBe('Rapport été.csv (219 bytes)');
  });

  it('checks an export with a dry run: the file as the body, then its format, header, counts and preview', async () => {
    importServer();
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    expect(screen.getByTestId('chosen-file').textContent).toBe('Chosen: Rapport été.csv (219 bytes)');

    await user.click(screen.getByRole('button', { name: 'Check file' }));
    const request = await xhr.sent();
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${PATH}?dryRun=true`);
    expect(request.headers.get('authorization')).toBe('Bearer access-1');
    expect(request.headers.get('content-type')).toBe('application/octet-stream');
    expect(request.headers.get('x-file-name')).toBe('Rapport%20%C3%A9t%C3%A9.csv');
    expect(request.body).toBeInstanceOf(File);
    expect(await (request.body as File).text()).toBe(GA4);
    expect(screen.getByTestId('import-status').textContent).toBe('Sending the file to check it…');
    act(() => {
      request.progress(100, 219);
    });
    expect(screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Upload progress' }).value).toBe(100);
    expect(screen.getByTestId('upload-progress').textContent).toBe('100 bytes of 219 bytes sent');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check file' }).disabled).toBe(true);
    act(() => {
      request.respond(200, checked);
    });

    const summary = await screen.findByTestId('import-summary');
    expect(screen.getByRole('heading', { name: 'What the import would do' })).toBeDefined();
    expect(facts(summary)).toEqual({
      Format: 'Google Analytics 4 report',
      'Read as': "text: the file (UTF-8, ',')",
      File: 'Rapport été.csv (219 bytes)',
      Rows: '8',
      Points: '6',
      Posts: '0',
      Metrics: 'web.pageviews, web.sessions, web.unique_visitors',
      Dates: '1–2 Oct 2026',
      'New points': '4',
      'Changed points': '1',
      'Unchanged points': '1',
    });
    expect(screen.getByTestId('import-header').textContent).toBe('Date,Users,Sessions,Views');
    const preview = screen.getByTestId('import-preview');
    expect(within(preview).getByText('The first 3 of 6 points')).toBeDefined();
    expect(cells(preview)).toEqual([
      ['web.unique_visitors', '1 Oct 2026', '—', '101'],
      ['web.sessions', '1 Oct 2026', '—', '130'],
      ['web.pageviews', '1–31 Oct 2026', '/pricing', '260'],
    ]);
    expect(screen.getByTestId('import-status').textContent).toMatch(/^Checked: nothing was written/);
    expect(screen.queryByLabelText('Upload progress')).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(false);
    // the check joins the recent imports
    expect(cells(screen.getByTestId('recent-imports'))[0]?.slice(2, 5)).toEqual(['Google Analytics 4 report', 'Check', 'Checked']);
  });

  it('imports the checked file; a 202 is polled every second, showing its progress, until it is done', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const running = job({ id: 'i-2', dryRun: false, state: 'queued', bytes: 3_145_728, bytesRead: 0, rows: 0, points: 0, inserted: 0, updated: 0, unchanged: 0, finishedAt: null });
    const answers = [
      job({ ...running, state: 'running', bytesRead: 1_572_864, rows: 50_000, points: 120_000 }),
      job({ ...imported, bytes: 3_145_728, bytesRead: 3_145_728, rows: 100_000, points: 240_000 }),
    ];
    const api = importServer([], { [`GET ${PATH}/i-2`]: () => json(200, answers.shift()) });
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await checkFile(user, xhr, (r) => {
      r.respond(200, checked);
    });

    await user.click(screen.getByRole('button', { name: 'Import' }));
    const request = await xhr.sent(1);
    expect(request.url).toBe(`${PATH}?dryRun=false`);
    expect(screen.getByTestId('import-status').textContent).toBe('Sending the file to import it…');
    act(() => {
      request.progress(219, 219);
    });
    expect(screen.getByTestId('import-status').textContent).toBe('File sent; the server is reading it…');
    act(() => {
      request.respond(202, running, { Location: `${PATH}/i-2` });
    });

    const progress = await screen.findByTestId('import-progress');
    expect(screen.getByTestId('import-status').textContent).toBe('Waiting for the server to start (another import is under way)…');
    expect(facts(progress)).toEqual({ State: 'Queued', Read: '0 bytes of 3 MB', 'Rows read': '0', 'Points written': '0' });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check file' }).disabled).toBe(true);
    expect(api.to(`GET ${PATH}/i-2`)).toHaveLength(0);

    await nextPoll();
    await waitFor(() => {
      expect(facts(screen.getByTestId('import-progress'))).toEqual({
        State: 'Running · 50%',
        Read: '1.5 MB of 3 MB',
        'Rows read': '50,000',
        'Points written': '120,000',
      });
    });
    expect(screen.getByTestId('import-status').textContent).toBe('Importing…');
    expect(screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Import progress' }).value).toBe(1_572_864);
    // the list follows the import too, without polling for it
    expect(cells(screen.getByTestId('recent-imports'))[0]?.[4]).toBe('Running · 50%');

    await nextPoll();
    expect((await screen.findByTestId('import-result')).textContent).toBe('Imported: 1,200 new, 3 updated');
    expect(screen.getByTestId('import-status').textContent).toBe('Import done.');
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(screen.getByRole('heading', { name: 'What the import did' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'See the client’s metrics' }).getAttribute('href')).toBe('/clients/c-acme');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
    expect(cells(screen.getByTestId('recent-imports'))[0]?.slice(3)).toEqual(['Import', 'Done', '100,000 rows, 240,000 points', '1,200 new, 3 changed, 0 unchanged']);

    await nextPoll(3);
    expect(api.to(`GET ${PATH}/i-2`)).toHaveLength(2);
    expect(api.to(`GET ${PATH}`)).toHaveLength(1);
  });

  it('lists a 422’s problems by sheet and line, shows what was recognised, and does not offer to import', async () => {
    const failed = job({
      id: 'i-3',
      state: 'failed',
      fileName: 'search.zip',
      format: { key: 'search-console', label: 'Google Search Console performance export' },
      readAs: "zip: Dates.csv (UTF-8, ','), Queries.csv (UTF-8, ',')",
      header: 'Date,Clicks,Impressions,CTR,Position',
      preview: [],
      points: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      message: '1203 problem(s) in the file; nothing was written (the first 1000 are listed)',
    });
    const api = importServer([], { [`GET ${PATH}/i-3`]: () => json(200, failed) });
    const xhr = fakeXhr();
    const { user } = await openWithFile('analyst', new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'search.zip', { type: 'application/zip' }));

    await checkFile(user, xhr, (r) => {
      r.respond(422, {
        status: 422,
        message: failed.message,
        importId: 'i-3',
        errorCount: 1203,
        errors: [
          { sheet: 'Dates.csv', line: 3, column: 1, field: 'Date', message: "'2024-02-30' is not a date" },
          { sheet: 'Queries.csv', line: 4, field: 'Clicks', message: "'five' is not a number" },
          { sheet: 'Pages.csv', line: 0, message: 'search is broken down by query only' },
        ],
      });
    });

    const errors = await screen.findByTestId('import-errors');
    expect(errors.getAttribute('role')).toBe('alert');
    expect(errors.textContent).toContain('1203 problem(s) in the file; nothing was written');
    expect(within(errors).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      "Dates.csv, line 3, column 1 (Date): '2024-02-30' is not a date",
      "Queries.csv, line 4 (Clicks): 'five' is not a number",
      'Pages.csv: search is broken down by query only',
    ]);
    expect(errors.textContent).toContain('…and 1,200 more.');
    expect(screen.getByTestId('import-status').textContent).toBe('The check failed.');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);

    // what the server recognised before the problems
    expect((await screen.findByTestId('import-format')).textContent).toBe('Google Search Console performance export');
    expect(screen.getByRole('heading', { name: 'What was read' })).toBeDefined();
    expect(screen.getByTestId('import-header').textContent).toBe('Date,Clicks,Impressions,CTR,Position');
    expect(api.to(`GET ${PATH}/i-3`)).toHaveLength(1);
    const row = cells(screen.getByTestId('recent-imports'))[0];
    expect(row?.[4]).toBe(`Failed ${failed.message ?? ''}`);
  });

  it('shows the problems of an import that fails while polled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const running = job({ id: 'i-4', dryRun: false, state: 'queued', bytesRead: 0, rows: 0, points: 0, finishedAt: null });
    importServer([], {
      [`GET ${PATH}/i-4`]: () =>
        json(200, job({ ...running, state: 'failed', message: '1 problem(s) in the file; nothing was written', errorCount: 1, errors: [{ sheet: 'the file', line: 7, column: 2, field: 'Users', message: "'x' is not a number" }] })),
    });
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await checkFile(user, xhr, (r) => {
      r.respond(200, checked);
    });
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const request = await xhr.sent(1);
    act(() => {
      request.respond(202, running);
    });
    await waitFor(() => {
      expect(screen.getByTestId('import-status').textContent).toBe('Waiting for the server to start (another import is under way)…');
    });

    await nextPoll();

    const errors = await screen.findByTestId('import-errors');
    expect(within(errors).getByRole('listitem').textContent).toBe("Line 7, column 2 (Users): 'x' is not a number");
    expect(screen.getByTestId('import-status').textContent).toBe('The import failed: nothing was written.');
    expect(screen.queryByTestId('import-result')).toBeNull();
  });

  it('says when a poll fails and keeps asking, the blip gone once a poll answers', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const running = job({ id: 'i-5', dryRun: false, state: 'running', bytesRead: 0, rows: 0, points: 0, finishedAt: null });
    const answers = [() => apiError(503, 'Database unavailable'), () => json(200, job({ ...running, bytesRead: 100, rows: 4 })), () => json(200, job({ ...imported, id: 'i-5' }))];
    const api = importServer([], { [`GET ${PATH}/i-5`]: () => (answers.shift() ?? (() => apiError(500, 'asked too often')))() });
    await startRunningImport(running);

    await nextPoll();
    // not retried on its own: the next poll is the retry
    expect(await screen.findByText('Could not get the progress (Database unavailable); trying again.')).toBeDefined();
    expect(api.to(`GET ${PATH}/i-5`)).toHaveLength(1);
    expect(screen.getByTestId('import-status').textContent).toBe('Importing…');

    await nextPoll();
    await waitFor(() => {
      expect(facts(screen.getByTestId('import-progress'))['Rows read']).toBe('4');
    });
    expect(screen.queryByText(/Could not get the progress/)).toBeNull();

    await nextPoll();
    expect((await screen.findByTestId('import-result')).textContent).toBe('Imported: 1,200 new, 3 updated');
    expect(api.to(`GET ${PATH}/i-5`)).toHaveLength(3);
  });

  it('says the import is gone when a poll answers 404, and stops asking', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const running = job({ id: 'i-6', dryRun: false, state: 'running', bytesRead: 0, rows: 0, points: 0, finishedAt: null });
    const api = importServer([], { [`GET ${PATH}/i-6`]: () => apiError(404, 'No such client') });
    await startRunningImport(running);

    await nextPoll();
    expect((await screen.findByTestId('import-errors')).textContent).toBe('The import is gone (its client was deleted?)');
    expect(screen.queryByTestId('import-progress')).toBeNull();
    await nextPoll(3);
    expect(api.to(`GET ${PATH}/i-6`)).toHaveLength(1);
  });

  it.each([
    { status: 413, message: 'A file may be at most 512 MB', shown: /too big for one import \(512 MB at most\)/ },
    { status: 415, message: 'Send the file itself as the request body', shown: /does not take this upload: Send the file itself/ },
    { status: 400, message: 'The file is empty', shown: /^The file is empty$/ },
  ])('explains a $status', async ({ status, message, shown }) => {
    importServer();
    const xhr = fakeXhr();
    const { user } = await openWithFile();

    await checkFile(user, xhr, (r) => {
      r.respond(status, { status, message });
    });

    expect((await screen.findByTestId('import-errors')).textContent).toMatch(shown);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
  });

  it('refuses a file over 512 MB without sending it', async () => {
    importServer();
    const xhr = fakeXhr();
    const big = ga4File();
    Object.defineProperty(big, 'size', { value: 512 * 1024 * 1024 + 1 });
    const { user } = await openWithFile('analyst', big);

    await user.click(screen.getByRole('button', { name: 'Check file' }));

    expect((await screen.findByTestId('import-errors')).textContent).toMatch(/too big for one import/);
    expect(xhr.requests).toHaveLength(0);
  });

  it('lists the recent imports, and refreshes them while one is under way until it ends', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const older = job({ id: 'i-0', dryRun: false, fileName: null, format: { key: 'zoom-factor-csv', label: 'Zoom Factor CSV' }, createdAt: '2026-10-01T08:00:00Z' });
    const runningNow = job({ id: 'i-9', dryRun: false, fileName: 'tweets.csv', state: 'running', format: { key: 'x-tweet-activity', label: 'X tweet activity' }, bytes: 2048, bytesRead: 512, rows: 40, points: 120, posts: 10, finishedAt: null });
    const lists = [
      [runningNow, older],
      [{ ...runningNow, bytesRead: 1024, rows: 80 }, older],
      [{ ...runningNow, state: 'done' as const, bytesRead: 2048, rows: 160, points: 480, posts: 40, inserted: 480, updated: 0, unchanged: 0 }, older],
    ];
    const api = importServer(() => json(200, lists.length > 1 ? lists.shift() : lists[0]));
    renderApp('/clients/c-acme/import', { session: sessionFor('analyst') });

    const table = await screen.findByTestId('recent-imports');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'When', 'File', 'Format', 'Kind', 'State', 'Read', 'Changes',
    ]);
    const rows = cells(table);
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['tweets.csv (2 KB)', 'X tweet activity', 'Import', 'Running · 25%', '40 rows, 120 points, 10 posts', '—'],
      ['— (219 bytes)', 'Zoom Factor CSV', 'Import', 'Done', '8 rows, 6 points', '4 new, 1 changed, 1 unchanged'],
    ]);
    expect(within(table).getAllByRole('row')[2]?.querySelector('time')?.getAttribute('dateTime')).toBe('2026-10-01T08:00:00Z');

    await act(async () => {
      await vi.advanceTimersByTimeAsync(LIST_POLL_MS);
    });
    await waitFor(() => {
      expect(cells(screen.getByTestId('recent-imports'))[0]?.slice(4, 6)).toEqual(['Running · 50%', '80 rows, 120 points, 10 posts']);
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(LIST_POLL_MS);
    });
    await waitFor(() => {
      expect(cells(screen.getByTestId('recent-imports'))[0]?.slice(4)).toEqual(['Done', '160 rows, 480 points, 40 posts', '480 new, 0 changed, 0 unchanged']);
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(LIST_POLL_MS * 3);
    });
    expect(api.to(`GET ${PATH}`)).toHaveLength(3);
  });

  it('takes a file dropped on the drop zone', async () => {
    importServer();
    const xhr = fakeXhr();
    renderApp('/clients/c-acme/import', { session: sessionFor('analyst') });
    const zone = screen.getByTestId('drop-zone');
    const dropped = new File(['PK'], 'Performance-on-Search.zip', { type: 'application/zip' });

    fireEvent.dragEnter(zone, { dataTransfer: { files: [dropped], dropEffect: 'none' } });
    expect(zone.className).toBe('drop-zone drop-zone-active');
    fireEvent.drop(zone, { dataTransfer: { files: [dropped] } });

    expect(zone.className).toBe('drop-zone');
    expect(screen.getByTestId('chosen-file').textContent).toBe('Chosen: Performance-on-Search.zip (2 bytes)');
    fireEvent.click(screen.getByRole('button', { name: 'Check file' }));
    const request = await xhr.sent();
    expect(request.body).toBe(dropped);
    expect(request.headers.get('x-file-name')).toBe('Performance-on-Search.zip');
  });

  it('refreshes the session once when the upload gets a 401, and sends it again with the new token', async () => {
    const api = importServer([], { 'POST /api/auth/refresh': () => json(200, sessionFor('analyst', { accessToken: 'access-2' })) });
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await checkFile(user, xhr, (r) => {
      r.respond(200, checked);
    });

    await user.click(screen.getByRole('button', { name: 'Import' }));
    const first = await xhr.sent(1);
    act(() => {
      first.respond(401, { status: 401, message: 'Token expired' });
    });
    const second = await xhr.sent(2);
    expect(api.to('POST /api/auth/refresh')).toHaveLength(1);
    expect([first.headers.get('authorization'), second.headers.get('authorization')]).toEqual(['Bearer access-1', 'Bearer access-2']);
    act(() => {
      second.respond(201, imported);
    });

    expect((await screen.findByTestId('import-result')).textContent).toBe('Imported: 1,200 new, 3 updated');
  });

  it('reports a network failure of the upload', async () => {
    importServer();
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await checkFile(user, xhr, (r) => {
      r.respond(200, checked);
    });
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const request = await xhr.sent(1);
    act(() => {
      request.fail();
    });

    expect((await screen.findByTestId('import-errors')).textContent).toBe(`Network error calling ${PATH}?dryRun=false`);
  });

  it('needs a new check after another file is chosen', async () => {
    importServer();
    const xhr = fakeXhr();
    const { user } = await openWithFile();
    await checkFile(user, xhr, (r) => {
      r.respond(200, checked);
    });
    await screen.findByTestId('import-summary');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(false);

    await user.upload(screen.getByLabelText('File to import'), ga4File('date,web.pageviews\n2026-10-01,5\n', 'other.csv'));

    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(true);
    expect(screen.queryByTestId('import-summary')).toBeNull();
    await checkFile(user, xhr, (r) => {
      r.respond(200, job({ id: 'i-5', fileName: 'other.csv' }));
    });
    await waitFor(() => {
      expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import' }).disabled).toBe(false);
    });
    expect(xhr.requests.map((r) => r.headers.get('x-file-name'))).toEqual(['Rapport%20%C3%A9t%C3%A9.csv', 'other.csv']);
  });

  it('aborts an upload under way when the page is left', async () => {
    importServer();
    const xhr = fakeXhr();
    const { user, unmount } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    const request = await xhr.sent();

    unmount();

    expect(request.aborted).toBe(true);
  });

  it('shows a failed list with a way to try again', async () => {
    importServer(() => apiError(500, 'Internal Server Error'));
    renderApp('/clients/c-acme/import', { session: sessionFor('analyst') });

    expect((await screen.findByRole('alert')).textContent).toBe('Internal Server Error');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeDefined();
  });
});
