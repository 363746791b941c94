import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi, sessionFor } from '../test/fakeApi.ts';
import { renderApp } from '../test/renderApp.tsx';
import { clientPageServer } from '../test/clientPageFixtures.ts';

type Routes = Parameters<typeof fakeApi>[0];

function server(extra: Routes = {}) {
  return clientPageServer({
    ...extra,
  });
}

function file(body: string, type: string, filename: string): Response {
  // a string body: jsdom's Blob cannot be streamed into a Response
  return new Response(body, {
    status: 200,
    headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  });
}

function reportPanel(): HTMLElement {
  return screen.getByRole('region', { name: 'Report' });
}

let clicked: { href: string; download: string }[];
const createObjectURL = vi.fn((blob: Blob) => `blob:test/${blob.size}`);
const revokeObjectURL = vi.fn();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
  clicked = [];
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download });
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ClientPage: report', () => {
  it('downloads the PDF for the page period with the bearer token, under the server filename', async () => {
    const pdfName = 'zoom-factor-acme-2026-08-29-to-2026-11-26.pdf';
    const api = server({ 'GET /api/clients/c-acme/report.pdf': () => file('%PDF-1.7', 'application/pdf', pdfName) });
    renderApp('/clients/c-acme?tab=data', { session: sessionFor('viewer', { accessToken: 'tok-viewer' }) });
    const panel = await screen.findByRole('region', { name: 'Report' });
    expect(within(panel).getByLabelText<HTMLInputElement>('From').value).toBe('2026-08-29');
    expect(within(panel).getByLabelText<HTMLInputElement>('To').value).toBe('2026-11-26');

    await userEvent.click(within(panel).getByRole('button', { name: 'Download PDF' }));

    await waitFor(() => {
      expect(within(reportPanel()).getByRole('status').textContent).toBe(`Downloaded ${pdfName}.`);
    });
    const [call] = api.to('GET /api/clients/c-acme/report.pdf');
    expect(call?.query.get('from')).toBe('2026-08-29');
    expect(call?.query.get('to')).toBe('2026-11-26');
    // made for the client: public annotations only, unless asked for
    expect(call?.query.has('annotations')).toBe(false);
    expect(call?.headers.get('Authorization')).toBe('Bearer tok-viewer');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked).toEqual([{ href: 'blob:test/8', download: pdfName }]);
  });

  it('puts internal annotations in the PDF only when asked', async () => {
    const api = server({ 'GET /api/clients/c-acme/report.pdf': () => file('%PDF-1.7', 'application/pdf', 'r.pdf') });
    renderApp('/clients/c-acme?tab=data', { session: sessionFor('analyst') });
    const panel = await screen.findByRole('region', { name: 'Report' });
    await userEvent.click(within(panel).getByLabelText('Include internal annotations in the PDF'));
    await userEvent.click(within(panel).getByRole('button', { name: 'Download PDF' }));
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/report.pdf')).toHaveLength(1);
    });
    expect(api.to('GET /api/clients/c-acme/report.pdf')[0]?.query.get('annotations')).toBe('all');
  });

  it('downloads the CSV for the days chosen', async () => {
    const api = server({
      'GET /api/clients/c-acme/report.csv': () => file('kind,date,metric,value\r\n', 'text/csv', 'zoom-factor-acme-2026-01-01-to-2026-03-31.csv'),
    });
    renderApp('/clients/c-acme?tab=data', { session: sessionFor('analyst') });
    const panel = await screen.findByRole('region', { name: 'Report' });
    fireEvent.change(within(panel).getByLabelText('From'), { target: { value: '2026-01-01' } });
    fireEvent.change(within(panel).getByLabelText('To'), { target: { value: '2026-03-31' } });

    await userEvent.click(within(panel).getByRole('button', { name: 'Download CSV' }));

    await waitFor(() => {
      expect(clicked).toEqual([{ href: 'blob:test/24', download: 'zoom-factor-acme-2026-01-01-to-2026-03-31.csv' }]);
    });
    const [call] = api.to('GET /api/clients/c-acme/report.csv');
    expect(call?.query.get('from')).toBe('2026-01-01');
    expect(call?.query.get('to')).toBe('2026-03-31');
  });

  it('shows the server message when the period is refused, and downloads nothing', async () => {
    server({ 'GET /api/clients/c-acme/report.pdf': () => apiError(400, 'from must not be after to') });
    renderApp('/clients/c-acme?tab=data', { session: sessionFor('analyst') });
    const panel = await screen.findByRole('region', { name: 'Report' });
    fireEvent.change(within(panel).getByLabelText('From'), { target: { value: '2026-12-01' } });

    await userEvent.click(within(panel).getByRole('button', { name: 'Download PDF' }));

    expect((await within(panel).findByRole('alert')).textContent).toBe('from must not be after to');
    expect(within(panel).getByRole<HTMLButtonElement>('button', { name: 'Download PDF' }).disabled).toBe(false);
    expect(clicked).toEqual([]);
    expect(createObjectURL).not.toHaveBeenCalled();
  });
});
