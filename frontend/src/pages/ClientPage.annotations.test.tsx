import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry, Annotation, AnnotationImpact, Role } from '../api/types.ts';
import { dayToSeconds } from '../components/MetricChart.tsx';
import { apiError, fakeApi, json, noContent, sessionFor, type Call } from '../test/fakeApi.ts';
import { plots } from '../test/fakeUplot.ts';
import { fakeLive } from '../test/fakeSocket.ts';
import { renderApp } from '../test/renderApp.tsx';
import { clientPageServer, renderClientPage, todayIsNov26 } from '../test/clientPageFixtures.ts';

function annotation(id: string, date: string, text: string, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id,
    clientId: 'c-acme',
    date,
    text,
    metric: null,
    visibility: 'internal',
    createdBy: { id: 'u-2', name: 'Grace Hopper' },
    createdAt: `${date}T09:00:00Z`,
    updatedAt: `${date}T09:00:00Z`,
    ...overrides,
  };
}

const LAUNCH = annotation('a-1', '2026-11-10', 'Launched the new pricing page', { metric: 'web.pageviews' });
const NEWSLETTER = annotation('a-2', '2026-11-15', 'Sent the autumn newsletter');

function entry(id: number, at: string, summary: string, kind = 'annotation.created'): ActivityEntry {
  return { id, at, actor: { id: 'u-2', name: 'Grace Hopper' }, kind, summary };
}

const IMPACT: AnnotationImpact = {
  annotation: LAUNCH,
  days: 14,
  metrics: [
    {
      metric: 'web.pageviews',
      before: 900,
      after: 1100,
      change: 200,
      relativeChange: 0.2222,
      verdict: 'up',
      confidence: 0.97,
      improved: true,
      valuesBefore: 14,
      valuesAfter: 12,
    },
    {
      metric: 'web.bounce_rate',
      before: 0.5,
      after: 0.55,
      change: 0.05,
      relativeChange: 0.1,
      verdict: 'flat',
      confidence: 0.4,
      improved: false,
      valuesBefore: 1,
      valuesAfter: 14,
    },
  ],
  score: { before: 58, after: 61.2, change: 3.2 },
};

type Routes = Parameters<typeof fakeApi>[0];

function server(extra: Routes = {}, annotations: Annotation[] = [LAUNCH, NEWSLETTER]) {
  return clientPageServer({
    'GET /api/clients/c-acme/score/history': ({ query }) =>
      json(200, {
        clientId: 'c-acme',
        from: query.get('from'),
        to: query.get('to'),
        points: [
          { computedAt: '2026-11-01T10:00:00Z', asOf: '2026-11-01', score: 55, quality: 55, coverage: 0.5, authenticityFactor: 1, cause: 'data', previousScore: null, methodologyVersion: 'zf-1', weights: {} },
          { computedAt: '2026-11-20T10:00:00Z', asOf: '2026-11-20', score: 58, quality: 58, coverage: 0.5, authenticityFactor: 1, cause: 'data', previousScore: 55, methodologyVersion: 'zf-1', weights: {} },
        ],
      }),
    'GET /api/clients/c-acme/annotations': () => json(200, annotations),
    'GET /api/clients/c-acme/activity': () => json(200, { entries: [entry(2, '2026-11-15T09:00:00Z', 'added the annotation of 2026-11-15: Sent the autumn newsletter')], next: null }),
    ...extra,
  });
}

async function openPage(role: Role = 'analyst', live?: ReturnType<typeof fakeLive>) {
  const view = renderClientPage(role, live, 'collaboration');
  await screen.findByText('Launched the new pricing page');
  return view;
}

function annotationsPanel(): HTMLElement {
  return screen.getByRole('region', { name: 'Annotations' });
}

function item(id: string): HTMLElement {
  return screen.getByTestId(`annotation-${id}`);
}

todayIsNov26();

describe('ClientPage: annotations', () => {
  it('lists the annotations newest day first, with day, metric and author', async () => {
    server();
    await openPage('viewer');
    const items = within(annotationsPanel()).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-testid'))).toEqual(['annotation-a-2', 'annotation-a-1']);
    expect(item('a-1').textContent).toContain('10 Nov 2026 · Page views');
    expect(item('a-1').textContent).toContain('by Grace Hopper');
    expect(item('a-2').textContent).toContain('The client as a whole');
  });

  it('offers no add, edit or delete to viewers, but shows the impact', async () => {
    server();
    await openPage('viewer');
    expect(within(annotationsPanel()).queryByText('Add an annotation')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit annotation/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete annotation/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Show impact: Launched the new pricing page' })).toBeDefined();
  });

  it('says when there are none, and shows a load error with a way to try again', async () => {
    let fail = true;
    const api = server({
      'GET /api/clients/c-acme/annotations': () => (fail ? apiError(500, 'Annotations are down') : json(200, [])),
    });
    renderApp('/clients/c-acme?tab=collaboration', { session: sessionFor('analyst') });
    expect(await within(await screen.findByRole('region', { name: 'Annotations' })).findByText('Annotations are down')).toBeDefined();
    fail = false;
    // a server error is retried twice by the cache before it shows; "Try again" asks once more
    const failed = api.to('GET /api/clients/c-acme/annotations').length;
    await within(annotationsPanel()).findByRole('button', { name: 'Try again' }).then((b) => {
      b.click();
    });
    expect(await within(annotationsPanel()).findByText('No annotations yet.')).toBeDefined();
    expect(api.to('GET /api/clients/c-acme/annotations')).toHaveLength(failed + 1);
  });

  it('adds one for today, about a metric, and lists it without a refetch', async () => {
    const api = server({
      'POST /api/clients/c-acme/annotations': ({ body }: Call) =>
        json(201, { ...annotation('a-3', '2026-11-26', 'Ran a webinar'), ...(body as object), id: 'a-3', createdBy: { id: 'u-1', name: 'Ada Lovelace' } }),
    });
    const { user } = await openPage('analyst');
    const panel = annotationsPanel();
    await user.click(within(panel).getByText('Add an annotation'));
    expect(within(panel).getByLabelText<HTMLInputElement>('Day').value).toBe('2026-11-26');
    await user.type(within(panel).getByLabelText('What happened'), '  Ran a webinar ');
    await user.selectOptions(within(panel).getByLabelText('Metric (optional)'), 'web.bounce_rate');
    await user.click(within(panel).getByLabelText('Show to the client (on share links and reports)'));
    await user.click(within(panel).getByRole('button', { name: 'Add annotation' }));

    expect(await screen.findByTestId('annotation-a-3')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/annotations')[0]?.body).toEqual({
      date: '2026-11-26',
      text: 'Ran a webinar',
      metric: 'web.bounce_rate',
      visibility: 'public',
    });
    expect(item('a-3').textContent).toContain('Bounce rate');
    expect(item('a-3').textContent).toContain('shown to the client');
    expect(within(panel).getByRole('status').textContent).toBe('Annotation added for 26 Nov 2026.');
    expect(within(panel).getByLabelText<HTMLTextAreaElement>('What happened').value).toBe('');
    expect(api.to('GET /api/clients/c-acme/annotations')).toHaveLength(1);
    // the newest first
    expect(within(panel).getAllByRole('listitem')[0]?.getAttribute('data-testid')).toBe('annotation-a-3');
  });

  it('checks the text before sending, and shows the server refusing', async () => {
    const api = server({ 'POST /api/clients/c-acme/annotations': () => apiError(403, 'Viewers cannot annotate') });
    const { user } = await openPage('analyst');
    const panel = annotationsPanel();
    await user.click(within(panel).getByText('Add an annotation'));
    await user.click(within(panel).getByRole('button', { name: 'Add annotation' }));
    expect(within(panel).getByRole('alert').textContent).toBe('Write what happened.');
    expect(api.to('POST /api/clients/c-acme/annotations')).toHaveLength(0);

    await user.type(within(panel).getByLabelText('What happened'), 'Something');
    await user.click(within(panel).getByRole('button', { name: 'Add annotation' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe('Viewers cannot annotate');
    expect(api.to('POST /api/clients/c-acme/annotations')[0]?.body).toEqual({ date: '2026-11-26', text: 'Something', visibility: 'internal' });
  });

  it('edits one, sending only what changed (clearing the metric with null)', async () => {
    const api = server({
      'PATCH /api/clients/c-acme/annotations/a-1': ({ body }: Call) => json(200, { ...LAUNCH, ...(body as object), updatedAt: '2026-11-26T12:00:00Z' }),
    });
    const { user } = await openPage('owner');
    await user.click(screen.getByRole('button', { name: 'Edit annotation: Launched the new pricing page' }));
    const form = item('a-1');
    const text = within(form).getByLabelText('What happened');
    await user.clear(text);
    await user.type(text, 'Launched pricing');
    await user.selectOptions(within(form).getByLabelText('Metric (optional)'), '');
    await user.click(within(form).getByRole('button', { name: 'Save annotation' }));

    await waitFor(() => {
      expect(item('a-1').textContent).toContain('Launched pricing');
    });
    expect(api.to('PATCH /api/clients/c-acme/annotations/a-1')[0]?.body).toEqual({ text: 'Launched pricing', metric: null });
    expect(item('a-1').textContent).toContain('The client as a whole');
    expect(within(annotationsPanel()).getByRole('status').textContent).toBe('Annotation of 10 Nov 2026 saved.');
  });

  it('deletes one after a confirmation, and can be cancelled', async () => {
    const api = server({ 'DELETE /api/clients/c-acme/annotations/a-2': () => noContent() });
    const { user } = await openPage('admin');
    await user.click(screen.getByRole('button', { name: 'Delete annotation: Sent the autumn newsletter' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deleting the annotation of 15 Nov 2026' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.to('DELETE /api/clients/c-acme/annotations/a-2')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete annotation: Sent the autumn newsletter' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => {
      expect(screen.queryByTestId('annotation-a-2')).toBeNull();
    });
    expect(api.to('DELETE /api/clients/c-acme/annotations/a-2')).toHaveLength(1);
  });

  it('shows a failed delete in the confirmation', async () => {
    server({ 'DELETE /api/clients/c-acme/annotations/a-2': () => apiError(403, 'Not allowed') });
    const { user } = await openPage('analyst');
    await user.click(screen.getByRole('button', { name: 'Delete annotation: Sent the autumn newsletter' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deleting the annotation of 15 Nov 2026' });
    expect((await within(confirm).findByRole('alert')).textContent).toBe('Not allowed');
    expect(screen.getByTestId('annotation-a-2')).toBeDefined();
  });

  it('loads the impact on demand, per metric and for the score, and again for another window', async () => {
    const api = server({
      'GET /api/clients/c-acme/annotations/a-1/impact': ({ query }) => json(200, { ...IMPACT, days: Number(query.get('days')) }),
    });
    const { user } = await openPage('viewer');
    expect(api.to('GET /api/clients/c-acme/annotations/a-1/impact')).toHaveLength(0);
    const toggle = screen.getByRole('button', { name: 'Show impact: Launched the new pricing page' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    const impact = await screen.findByRole('region', { name: 'Impact of the annotation of 10 Nov 2026' });
    expect((await within(impact).findByTestId('impact-web.pageviews')).textContent).toBe(
      'Page views: 900 \u2192 1,100 (+22.2%), trend up, confidence 97%, improved (14 values before, 12 after)',
    );
    expect(within(impact).getByTestId('impact-web.bounce_rate').textContent).toBe(
      'Bounce rate: 50% \u2192 55% (+10.0%), trend flat, confidence 40%, not improved (1 value before, 14 after)',
    );
    expect(within(impact).getByTestId('impact-score').textContent).toBe('Zoom Factor: 58.0 \u2192 61.2 (+3.2 points)');
    expect(api.to('GET /api/clients/c-acme/annotations/a-1/impact')[0]?.query.get('days')).toBe('14');

    await user.selectOptions(within(impact).getByLabelText('Days before and after'), '30');
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/annotations/a-1/impact').map((c) => c.query.get('days'))).toEqual(['14', '30']);
    });

    await user.click(screen.getByRole('button', { name: 'Hide impact: Launched the new pricing page' }));
    expect(screen.queryByRole('region', { name: 'Impact of the annotation of 10 Nov 2026' })).toBeNull();
  });

  it('shows an impact error with a way to try again, and a missing score in words', async () => {
    let fail = true;
    server({
      'GET /api/clients/c-acme/annotations/a-1/impact': () =>
        fail ? apiError(500, 'Impact failed') : json(200, { ...IMPACT, metrics: [], score: { before: null, after: 60, change: null } }),
    });
    const { user } = await openPage('viewer');
    await user.click(screen.getByRole('button', { name: 'Show impact: Launched the new pricing page' }));
    const impact = await screen.findByRole('region', { name: 'Impact of the annotation of 10 Nov 2026' });
    expect((await within(impact).findByRole('alert')).textContent).toBe('Impact failed');
    fail = false;
    await user.click(within(impact).getByRole('button', { name: 'Try again: impact' }));
    expect(await within(impact).findByText('No metric has data around this day.')).toBeDefined();
    expect(within(impact).getByTestId('impact-score').textContent).toBe('Zoom Factor: no score to compare');
  });

  it('marks the annotations on every metric chart and the score history chart', async () => {
    server();
    const { user } = renderClientPage('viewer', undefined, 'website');
    expect(await screen.findByRole('img', { name: 'Page views, 2 points, trend up, 2 annotations' })).toBeDefined();
    expect(screen.getByRole('img', { name: 'Bounce rate, 2 points, trend up, 2 annotations' })).toBeDefined();
    await user.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(await screen.findByRole('img', { name: 'Zoom Factor history, 2 scores, no formula change, 2 annotations' })).toBeDefined();
    // the plot is drawn just after its summary is rendered
    const chart = await waitFor(() => {
      const drawn = plots.find((p) => p.options.series[1]?.label === 'Page views');
      expect(drawn).toBeDefined();
      return drawn;
    });
    expect(chart?.draw()).toEqual([dayToSeconds('2026-11-15'), dayToSeconds('2026-11-10')].sort());
  });
});

describe('ClientPage: activity', () => {
  it('lists the feed newest first and loads older pages with before', async () => {
    const api = server({
      'GET /api/clients/c-acme/activity': ({ query }) =>
        query.get('before') === null
          ? json(200, { entries: [entry(9, '2026-11-20T10:00:00Z', 'changed the weights (score 58.0 → 61.2): attention 0.30', 'weights.changed'), entry(8, '2026-11-19T10:00:00Z', 'imported a CSV file: 30 points (30 new, 0 changed)', 'data.imported')], next: 8 })
          : json(200, { entries: [entry(3, '2026-11-02T10:00:00Z', 'deleted the annotation of 2026-11-02: Old note', 'annotation.deleted')], next: null }),
    });
    const { user } = await openPage('viewer');
    const feed = screen.getByRole('region', { name: 'Activity' });
    await within(feed).findByTestId('activity-9');
    expect(within(feed).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'))).toEqual(['activity-9', 'activity-8']);
    expect(screen.getByTestId('activity-9').textContent).toContain('Grace Hopper changed the weights (score 58.0 → 61.2): attention 0.30');

    await user.click(within(feed).getByRole('button', { name: 'Load older' }));
    await within(feed).findByTestId('activity-3');
    expect(api.to('GET /api/clients/c-acme/activity').map((c) => c.query.get('before'))).toEqual([null, '8']);
    expect(within(feed).queryByRole('button', { name: 'Load older' })).toBeNull();
  });

  it('shows errors: of the first page with "Try again", of an older page by the button', async () => {
    let down = true;
    server({
      'GET /api/clients/c-acme/activity': ({ query }) => {
        if (down) {
          return apiError(500, 'Feed is down');
        }
        return query.get('before') === null ? json(200, { entries: [entry(5, '2026-11-20T10:00:00Z', 'Something')], next: 5 }) : apiError(503, 'Try later');
      },
    });
    const { user } = await openPage('viewer');
    const feed = screen.getByRole('region', { name: 'Activity' });
    // a server error is retried by the cache before it shows
    expect((await within(feed).findByRole('alert', {}, { timeout: 5_000 })).textContent).toBe('Feed is down');
    down = false;
    await user.click(within(feed).getByRole('button', { name: 'Try again: Activity' }));
    await within(feed).findByTestId('activity-5');
    await user.click(within(feed).getByRole('button', { name: 'Load older' }));
    expect((await within(feed).findByRole('alert')).textContent).toBe('Try later');
    expect(within(feed).getByTestId('activity-5')).toBeDefined();
  });

  it('says when there is no activity', async () => {
    server({ 'GET /api/clients/c-acme/activity': () => json(200, { entries: [], next: null }) });
    await openPage('viewer');
    expect(await within(screen.getByRole('region', { name: 'Activity' })).findByText('No activity yet.')).toBeDefined();
  });
});

describe('ClientPage: annotations and activity live', () => {
  async function livePage() {
    const api = server();
    const fake = fakeLive();
    const view = await openPage('analyst', fake);
    await waitFor(() => {
      expect(fake.last()).toBeDefined();
    });
    const socket = fake.last();
    if (socket === undefined) {
      throw new Error('no socket');
    }
    act(() => {
      socket.open();
      socket.receive({ type: 'subscribed', clientId: 'c-acme', seq: 5 });
    });
    await within(screen.getByRole('region', { name: 'Activity' })).findByTestId('activity-2');
    return { api, socket, view };
  }

  it('applies annotation events in place, without refetching', async () => {
    const { api, socket } = await livePage();
    const created = annotation('a-9', '2026-11-20', 'Ran a podcast', { createdBy: { id: 'u-3', name: 'Alan Turing' } });
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'annotation', data: { action: 'created', annotation: created } });
    });
    // the cache tells its screens a moment later (TanStack Query batches its notifications)
    await waitFor(() => {
      expect(item('a-9').textContent).toContain('by Alan Turing');
    });

    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 7, kind: 'annotation', data: { action: 'updated', annotation: { ...created, text: 'Ran two podcasts' } } });
    });
    await waitFor(() => {
      expect(item('a-9').textContent).toContain('Ran two podcasts');
    });
    expect(screen.getAllByTestId('annotation-a-9')).toHaveLength(1);

    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 8, kind: 'annotation', data: { action: 'deleted', id: 'a-1' } });
    });
    await waitFor(() => {
      expect(screen.queryByTestId('annotation-a-1')).toBeNull();
    });
    expect(api.to('GET /api/clients/c-acme/annotations')).toHaveLength(1);
  });

  it('prepends activity events once each', async () => {
    const { api, socket } = await livePage();
    const news = entry(10, '2026-11-26T11:00:00Z', 'added the annotation of 2026-11-20: Ran a podcast');
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'activity', data: news });
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 7, kind: 'activity', data: news });
    });
    const feed = screen.getByRole('region', { name: 'Activity' });
    await waitFor(() => {
      expect(within(feed).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'))).toEqual(['activity-10', 'activity-2']);
    });
    expect(api.to('GET /api/clients/c-acme/activity')).toHaveLength(1);
  });

  it('reloads both on reset', async () => {
    const { api, socket } = await livePage();
    act(() => {
      socket.receive({ type: 'reset', clientId: 'c-acme', seq: 90 });
    });
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/annotations')).toHaveLength(2);
      expect(api.to('GET /api/clients/c-acme/activity')).toHaveLength(2);
    });
  });
});
