import { describe, expect, it } from 'vitest';
import type { Comment } from '../../api/types.ts';
import { applyCommentChange } from './comments.ts';

function c(id: string, createdAt: string, overrides: Partial<Comment> = {}): Comment {
  return { id, clientId: 'c', parentId: null, alertId: null, metric: null, date: null, text: id, author: null, mentions: [], createdAt, updatedAt: createdAt, replies: [], ...overrides };
}

describe('applyCommentChange', () => {
  const reply = c('r1', '2026-11-02', { parentId: 't1' });
  const threads = [c('t1', '2026-11-01', { replies: [reply] }), c('t2', '2026-11-03')];

  it('puts a reply to a reply in the same thread, in order, once', () => {
    const deeper = c('r2', '2026-11-04', { parentId: 'r1' });
    const once = applyCommentChange(threads, { action: 'created', comment: deeper });
    const twice = applyCommentChange(once, { action: 'created', comment: deeper });
    expect(twice[0]?.replies.map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('ignores a reply whose thread is not shown, and orders threads oldest first', () => {
    expect(applyCommentChange(threads, { action: 'created', comment: c('r9', '2026-11-05', { parentId: 'zz' }) })).toEqual(threads);
    const early = applyCommentChange(threads, { action: 'created', comment: c('t0', '2026-10-01') });
    expect(early.map((t) => t.id)).toEqual(['t0', 't1', 't2']);
  });

  it('deletes a reply, or a thread with its replies', () => {
    expect(applyCommentChange(threads, { action: 'deleted', id: 'r1' })[0]?.replies).toEqual([]);
    expect(applyCommentChange(threads, { action: 'deleted', id: 't1' }).map((t) => t.id)).toEqual(['t2']);
  });
});
