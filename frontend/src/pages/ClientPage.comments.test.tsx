import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Comment, Person, Role } from '../api/types.ts';
import { apiError, fakeApi, json, noContent, sessionFor, type Call } from '../test/fakeApi.ts';
import { fakeLive } from '../test/fakeSocket.ts';
import { renderApp } from '../test/renderApp.tsx';
import { clientPageServer, renderClientPage, todayIsNov26 } from '../test/clientPageFixtures.ts';

function comment(id: string, text: string, overrides: Partial<Comment> = {}): Comment {
  return {
    id,
    clientId: 'c-acme',
    parentId: null,
    alertId: null,
    metric: null,
    date: null,
    text,
    author: { id: 'u-2', name: 'Grace Hopper' },
    mentions: [],
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    replies: [],
    ...overrides,
  };
}

const MINE_REPLY = comment('k-2', 'Agreed, the launch did it', { parentId: 'k-1', author: { id: 'u-1', name: 'Ada Lovelace' }, createdAt: '2026-11-21T09:00:00Z', updatedAt: '2026-11-21T09:00:00Z' });
const THREAD = comment('k-1', 'Why did page views jump?', { metric: 'web.pageviews', date: '2026-11-10', mentions: ['u-1'], replies: [MINE_REPLY] });
const MINE = comment('k-3', 'Bounce rate looks fine', { author: { id: 'u-1', name: 'Ada Lovelace' }, createdAt: '2026-11-22T09:00:00Z', updatedAt: '2026-11-23T09:00:00Z' });

const MENTIONABLE: Person[] = [
  { id: 'u-1', name: 'Ada Lovelace' },
  { id: 'u-2', name: 'Grace Hopper' },
  { id: 'u-3', name: 'Alan Turing' },
];

type Routes = Parameters<typeof fakeApi>[0];

function server(extra: Routes = {}, threads: Comment[] = [THREAD, MINE]) {
  return clientPageServer({
    'GET /api/clients/c-acme/comments': () => json(200, threads),
    'GET /api/clients/c-acme/comments/mentionable': () => json(200, MENTIONABLE),
    ...extra,
  });
}

function commentsPanel(): HTMLElement {
  return screen.getByRole('region', { name: 'Comments' });
}

function commentEl(id: string): HTMLElement {
  return screen.getByTestId(`comment-${id}`);
}

async function openPage(role: Role = 'owner', live?: ReturnType<typeof fakeLive>) {
  const view = renderClientPage(role, live, 'collaboration');
  await screen.findByTestId('comment-k-1');
  return view;
}

todayIsNov26();

describe('ClientPage: comments', () => {
  it('lists threads oldest first with their replies, pins and mentions', async () => {
    server();
    await openPage('owner');
    const threads = within(commentsPanel()).getAllByTestId(/^thread-/);
    expect(threads.map((t) => t.getAttribute('data-testid'))).toEqual(['thread-k-1', 'thread-k-3']);
    expect(commentEl('k-1').textContent).toContain('Grace Hopper');
    expect(commentEl('k-1').textContent).toContain('on Page views, 10 Nov 2026');
    await waitFor(() => {
      expect(commentEl('k-1').textContent).toContain('Mentions: Ada Lovelace');
    });
    const replies = within(screen.getByTestId('thread-k-1')).getByRole('list', { name: 'Replies to: Why did page views jump?' });
    expect(within(replies).getByText('Agreed, the launch did it')).toBeDefined();
    expect(commentEl('k-3').textContent).toContain('(edited)');
  });

  it('lets authors edit and delete only their own comments; viewers only read', async () => {
    server();
    await openPage('analyst');
    expect(screen.queryByRole('button', { name: 'Edit comment: Why did page views jump?' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit comment: Agreed, the launch did it' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Delete comment: Bounce rate looks fine' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Reply to: Why did page views jump?' })).toBeDefined();
  });

  it('offers viewers no posting, replying, editing or deleting', async () => {
    const api = server();
    await openPage('viewer');
    expect(within(commentsPanel()).queryByText('Start a thread')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Reply to/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit comment/ })).toBeNull();
    expect(api.to('GET /api/clients/c-acme/comments/mentionable')).toHaveLength(0);
  });

  it('says when there are none, and shows a load error with a way to try again', async () => {
    let fail = true;
    const api = server({ 'GET /api/clients/c-acme/comments': () => (fail ? apiError(500, 'Comments are down') : json(200, [])) });
    const { user } = renderApp('/clients/c-acme?tab=collaboration', { session: sessionFor('analyst') });
    expect(await within(await screen.findByRole('region', { name: 'Comments' })).findByText('Comments are down')).toBeDefined();
    fail = false;
    // a server error is retried twice by the cache before it shows; "Try again" asks once more
    const failed = api.to('GET /api/clients/c-acme/comments').length;
    await user.click(within(commentsPanel()).getByRole('button', { name: 'Try again: Comments' }));
    expect(await within(commentsPanel()).findByText('No comments yet.')).toBeDefined();
    expect(api.to('GET /api/clients/c-acme/comments')).toHaveLength(failed + 1);
  });

  it('starts a thread pinned to a metric and a day, mentioning people by typing @ and their name', async () => {
    const api = server({
      'POST /api/clients/c-acme/comments': ({ body }: Call) =>
        json(201, comment('k-9', 'x', { ...(body as Partial<Comment>), author: { id: 'u-1', name: 'Ada Lovelace' }, createdAt: '2026-11-26T12:00:00Z', updatedAt: '2026-11-26T12:00:00Z' })),
    });
    const { user } = await openPage('owner');
    const panel = commentsPanel();
    await user.click(within(panel).getByText('Start a thread'));
    await user.click(within(panel).getByRole('button', { name: 'Post comment' }));
    expect(within(panel).getByRole('alert').textContent).toBe('Write a comment.');
    expect(within(panel).queryByLabelText('Day (optional)')).toBeNull();
    await user.type(within(panel).getByLabelText('Comment'), ' Look at this dip ');
    await user.selectOptions(within(panel).getByLabelText('Metric (optional)'), 'web.bounce_rate');
    await user.type(within(panel).getByLabelText('Day (optional)'), '2026-11-12');
    const text = within(panel).getByLabelText('Comment');
    // "@gr": Grace Hopper only, picked with Enter
    await user.type(text, '@gr');
    const people = within(panel).getByRole('listbox', { name: 'People to mention' });
    expect(within(people).getAllByRole('option').map((o) => o.textContent)).toEqual(['Grace Hopper']);
    expect(within(panel).getByRole('combobox', { name: 'Comment, with @mentions' }).getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Enter}');
    expect(within(panel).queryByRole('listbox')).toBeNull();
    // "@a": everyone not mentioned yet whose name has a word starting so; the arrow keys move, Tab picks
    await user.type(text, '@a');
    const options = within(within(panel).getByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => [o.textContent, o.getAttribute('aria-selected')])).toEqual([['Ada Lovelace', 'true'], ['Alan Turing', 'false']]);
    expect(text.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    await user.keyboard('{ArrowDown}');
    expect(text.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    await user.keyboard('{Tab}');
    expect((text as HTMLTextAreaElement).value).toBe(' Look at this dip @Grace Hopper @Alan Turing ');
    expect(within(within(panel).getByRole('list', { name: 'Mentioned' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Grace Hopper ×',
      'Alan Turing ×',
    ]);
    // Escape closes the list without picking
    await user.type(text, '@ad');
    expect(within(panel).getByRole('listbox')).toBeDefined();
    await user.keyboard('{Escape}');
    expect(within(panel).queryByRole('listbox')).toBeNull();
    await user.type(text, '{Backspace}{Backspace}{Backspace}');
    await user.click(within(panel).getByRole('button', { name: 'Post comment' }));

    expect(await screen.findByTestId('comment-k-9')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/comments')[0]?.body).toEqual({
      text: 'Look at this dip @Grace Hopper @Alan Turing',
      metric: 'web.bounce_rate',
      date: '2026-11-12',
      mentions: ['u-2', 'u-3'],
    });
    expect(commentEl('k-9').textContent).toContain('on Bounce rate, 12 Nov 2026');
    expect(commentEl('k-9').textContent).toContain('Mentions: Grace Hopper, Alan Turing');
    expect(within(panel).getAllByTestId(/^thread-/).at(-1)?.getAttribute('data-testid')).toBe('thread-k-9');
    expect(api.to('GET /api/clients/c-acme/comments')).toHaveLength(1);
  });

  it('offers an analyst mentions too (names of the people who can see this client), picked by mouse or removed', async () => {
    const api = server({
      'POST /api/clients/c-acme/comments': ({ body }: Call) => json(201, comment('k-9', 'x', { ...(body as Partial<Comment>) })),
    });
    const { user } = await openPage('analyst');
    const panel = commentsPanel();
    await user.click(within(panel).getByText('Start a thread'));
    await user.type(within(panel).getByLabelText('Comment'), 'Plain, cc @');
    await user.click(within(within(panel).getByRole('listbox')).getByRole('option', { name: 'Grace Hopper' }));
    await user.type(within(panel).getByLabelText('Comment'), '@ada');
    await user.keyboard('{Enter}');
    await user.click(within(panel).getByRole('button', { name: 'Remove mention: Grace Hopper' }));
    await user.click(within(panel).getByRole('button', { name: 'Post comment' }));
    expect(await screen.findByTestId('comment-k-9')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/comments')[0]?.body).toEqual({ text: 'Plain, cc @Grace Hopper @Ada Lovelace', mentions: ['u-1'] });
    // the members list (with e-mail addresses) is never asked for
    expect(api.to('GET /api/members')).toHaveLength(0);
  });

  it('still posts without mentions when the list of people cannot be loaded', async () => {
    const api = server({
      'GET /api/clients/c-acme/comments/mentionable': () => apiError(500, 'down'),
      'POST /api/clients/c-acme/comments': ({ body }: Call) => json(201, comment('k-9', 'x', { ...(body as Partial<Comment>) })),
    });
    const { user } = await openPage('analyst');
    const panel = commentsPanel();
    await user.click(within(panel).getByText('Start a thread'));
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/comments/mentionable').length).toBeGreaterThan(0);
    });
    expect(within(panel).queryByRole('combobox', { name: /mentions/ })).toBeNull();
    await user.type(within(panel).getByLabelText('Comment'), 'Plain @');
    expect(within(panel).queryByRole('listbox')).toBeNull();
    await user.click(within(panel).getByRole('button', { name: 'Post comment' }));
    expect(await screen.findByTestId('comment-k-9')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/comments')[0]?.body).toEqual({ text: 'Plain @' });
  });

  it('replies to a thread, and shows the server refusing', async () => {
    let refuse = true;
    const api = server({
      'POST /api/clients/c-acme/comments': ({ body }: Call) =>
        refuse
          ? apiError(422, 'text is too long')
          : json(201, comment('k-8', 'x', { ...(body as Partial<Comment>), createdAt: '2026-11-26T12:00:00Z', updatedAt: '2026-11-26T12:00:00Z' })),
    });
    const { user } = await openPage('owner');
    const thread = screen.getByTestId('thread-k-1');
    await user.click(within(thread).getByRole('button', { name: 'Reply to: Why did page views jump?' }));
    await user.type(within(thread).getByLabelText('Reply'), 'Thanks');
    await user.click(within(thread).getByRole('button', { name: 'Post reply' }));
    expect((await within(thread).findByRole('alert')).textContent).toBe('text is too long');
    refuse = false;
    await user.click(within(thread).getByRole('button', { name: 'Post reply' }));
    expect(await within(thread).findByTestId('comment-k-8')).toBeDefined();
    expect(api.to('POST /api/clients/c-acme/comments')[1]?.body).toEqual({ text: 'Thanks', parentId: 'k-1' });
    const replies = within(thread).getByRole('list', { name: 'Replies to: Why did page views jump?' });
    expect(within(replies).getAllByRole('listitem')).toHaveLength(2);
  });

  it('edits an own comment (text and mentions) and deletes one after a confirmation', async () => {
    const api = server({
      'PATCH /api/clients/c-acme/comments/k-3': ({ body }: Call) => json(200, { ...MINE, ...(body as object), updatedAt: '2026-11-26T12:00:00Z' }),
      'DELETE /api/clients/c-acme/comments/k-2': () => noContent(),
    });
    const { user } = await openPage('owner');
    await user.click(screen.getByRole('button', { name: 'Edit comment: Bounce rate looks fine' }));
    const form = commentEl('k-3');
    const text = within(form).getByLabelText('Edit comment');
    await user.clear(text);
    // the form has focus, and Escape in the mention list closes only the list
    expect(document.activeElement).toBe(text);
    await user.type(text, 'Bounce rate is fine @');
    await user.keyboard('{Escape}');
    expect(within(form).getByLabelText('Edit comment')).toBeDefined();
    await user.type(text, 'Gra{Enter}');
    await user.click(within(form).getByRole('button', { name: 'Save comment' }));
    await waitFor(() => {
      expect(commentEl('k-3').textContent).toContain('Bounce rate is fine');
    });
    expect(api.to('PATCH /api/clients/c-acme/comments/k-3')[0]?.body).toEqual({ text: 'Bounce rate is fine @Grace Hopper', mentions: ['u-2'] });

    await user.click(screen.getByRole('button', { name: 'Delete comment: Agreed, the launch did it' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deleting the comment: Agreed, the launch did it' });
    await user.click(within(confirm).getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => {
      expect(screen.queryByTestId('comment-k-2')).toBeNull();
    });
    expect(api.to('DELETE /api/clients/c-acme/comments/k-2')).toHaveLength(1);
    expect(screen.getByTestId('comment-k-1')).toBeDefined();
  });

  it('drops, when editing, a mention of someone who can no longer see the client (they cannot be kept)', async () => {
    const gone = { ...MINE, mentions: ['u-9', 'u-2'] };
    const api = server({
      'PATCH /api/clients/c-acme/comments/k-3': ({ body }: Call) => json(200, { ...gone, ...(body as object) }),
    }, [THREAD, gone]);
    const { user } = await openPage('owner');
    await user.click(screen.getByRole('button', { name: 'Edit comment: Bounce rate looks fine' }));
    await user.click(within(commentEl('k-3')).getByRole('button', { name: 'Save comment' }));
    await waitFor(() => {
      expect(api.to('PATCH /api/clients/c-acme/comments/k-3')).toHaveLength(1);
    });
    expect(api.to('PATCH /api/clients/c-acme/comments/k-3')[0]?.body).toEqual({ text: 'Bounce rate looks fine', mentions: ['u-2'] });
  });

  it('applies live comment events in place, once each (by id), and reloads on reset', async () => {
    const api = server();
    const fake = fakeLive();
    await openPage('viewer', fake);
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
    const fresh = comment('k-7', 'New thread', { createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z' });
    const reply = comment('k-6', 'A reply', { parentId: 'k-1', createdAt: '2026-11-26T11:00:00Z', updatedAt: '2026-11-26T11:00:00Z' });
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 6, kind: 'comment', data: { action: 'created', comment: fresh } });
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 7, kind: 'comment', data: { action: 'created', comment: reply } });
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 8, kind: 'comment', data: { action: 'updated', comment: { ...reply, text: 'An edited reply' } } });
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 9, kind: 'comment', data: { action: 'created', comment: fresh } });
    });
    // the cache tells its screens a moment later (TanStack Query batches its notifications)
    await waitFor(() => {
      expect(screen.getAllByTestId('comment-k-7')).toHaveLength(1);
    });
    expect(screen.getAllByTestId('comment-k-6')).toHaveLength(1);
    expect(within(screen.getByTestId('thread-k-1')).getByText('An edited reply')).toBeDefined();
    // the thread keeps its replies when its first comment is edited
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 10, kind: 'comment', data: { action: 'updated', comment: { ...THREAD, text: 'Why did views jump?', replies: [] } } });
    });
    await waitFor(() => {
      expect(within(screen.getByTestId('thread-k-1')).getByText('Why did views jump?')).toBeDefined();
    });
    expect(within(screen.getByTestId('thread-k-1')).getByText('Agreed, the launch did it')).toBeDefined();
    act(() => {
      socket.receive({ type: 'event', clientId: 'c-acme', seq: 11, kind: 'comment', data: { action: 'deleted', id: 'k-1' } });
    });
    await waitFor(() => {
      expect(screen.queryByTestId('thread-k-1')).toBeNull();
    });
    expect(screen.queryByTestId('comment-k-6')).toBeNull();
    expect(api.to('GET /api/clients/c-acme/comments')).toHaveLength(1);
    act(() => {
      socket.receive({ type: 'reset', clientId: 'c-acme', seq: 90 });
    });
    await waitFor(() => {
      expect(api.to('GET /api/clients/c-acme/comments')).toHaveLength(2);
    });
  });
});
