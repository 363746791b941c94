import type { Comment } from '../../api/types.ts';
import type { CommentChange } from '../../live/types.ts';

/** The longest comment the server takes. */
export const COMMENT_MAX = 2000;

function byCreated(a: Comment, b: Comment): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** The thread a comment belongs to: its own (a first comment), or the one holding its parent. */
function threadOf(threads: readonly Comment[], comment: Comment): Comment | undefined {
  const parent = comment.parentId;
  return parent === null
    ? undefined
    : threads.find((t) => t.id === parent || t.replies.some((r) => r.id === parent));
}

/**
 * The threads after a change (our own answer or a live event), oldest first, by id: a created or updated
 * comment replaces the one with its id or joins its thread (so our own change's event is not shown twice),
 * a deleted one leaves (a thread's first comment with its replies). A reply whose thread is not shown is ignored.
 */
export function applyCommentChange(threads: readonly Comment[], change: CommentChange): Comment[] {
  if (change.action === 'deleted') {
    return threads
      .filter((t) => t.id !== change.id)
      .map((t) => (t.replies.some((r) => r.id === change.id) ? { ...t, replies: t.replies.filter((r) => r.id !== change.id) } : t));
  }
  const { comment } = change;
  if (comment.parentId === null) {
    const existing = threads.find((t) => t.id === comment.id);
    const thread = existing !== undefined && comment.replies.length === 0 ? { ...comment, replies: existing.replies } : comment;
    return [...threads.filter((t) => t.id !== comment.id), thread].sort(byCreated);
  }
  const thread = threadOf(threads, comment);
  if (thread === undefined) {
    return [...threads];
  }
  const replies = [...thread.replies.filter((r) => r.id !== comment.id), { ...comment, replies: [] }].sort(byCreated);
  return threads.map((t) => (t.id === thread.id ? { ...t, replies } : t));
}
