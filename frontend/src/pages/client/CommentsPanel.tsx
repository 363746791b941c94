import { useCallback, useId, useState, type SyntheticEvent } from 'react';
import { isAbort } from '../../api/client.ts';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Comment, Metric, Person } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { FormFooter, SelectField, TextAreaField, TextField, type SelectOption } from '../../components/FormFields.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useApiGet } from '../../hooks/useApiGet.ts';
import { formatDateTime, formatDay } from '../format.ts';
import { COMMENT_MAX } from './comments.ts';
import type { Comments } from './useComments.ts';
import { ConfirmItemDelete, EditDeleteButtons } from '../../components/ConfirmDelete.tsx';

type Props = {
  clientId: string;
  comments: Comments;
  /** The metrics a thread may be pinned to (the client's). */
  metrics: readonly Metric[];
  /** The whole catalogue, to name any metric. */
  catalogue: readonly Metric[];
  /** Owner, admin and analyst may start threads and reply. */
  canWrite: boolean;
  /** The signed-in person, who may edit and delete their own comments. */
  myUserId: string;
  /** What a fired alert said, to name the alert a thread is pinned to (null when it is not known here). */
  alertMessage?: (alertId: string) => string | null;
};

/** The start of a text, for buttons' accessible names. */
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

function metricName(key: string, catalogue: readonly Metric[]): string {
  return catalogue.find((m) => m.key === key)?.label ?? key;
}

function noAlertMessage(): null {
  return null;
}

/** "the alert “Page views was 800 … above its band”", or "an alert" when its words are not at hand. */
function alertPin(message: string | null): string {
  return message === null ? 'an alert' : `the alert “${message}”`;
}

/**
 * The people a comment on this client may mention (the team and this client's client viewers): null for those
 * who cannot comment (they are not asked: a refused request would be a console error) or when the list failed,
 * and then no mention picker is offered.
 */
function useMentionable(clientId: string, canWrite: boolean): Person[] | null {
  const load = useCallback(
    async (request: Requester, signal: AbortSignal): Promise<Person[] | null> => {
      if (!canWrite) {
        return null;
      }
      try {
        return await api.listMentionable(request, clientId, signal);
      } catch (error) {
        if (isAbort(error)) {
          throw error;
        }
        return null;
      }
    },
    [clientId, canWrite],
  );
  const { state } = useApiGet(load);
  return state.kind === 'loaded' ? state.data : null;
}

/** "Comments": threads with their replies, optionally pinned to a metric (and a day); writers post, reply and mention; authors edit and delete their own. */
export function CommentsPanel({ clientId, comments, metrics, catalogue, canWrite, myUserId, alertMessage = noAlertMessage }: Props) {
  const headingId = useId();
  const request = useApi();
  const members = useMentionable(clientId, canWrite);
  const [notice, setNotice] = useState('');
  const { state, reload, apply } = comments;
  const names = new Map((members ?? []).map((m) => [m.id, m.name]));
  const context: ItemContext = {
    clientId,
    alertMessage,
    catalogue,
    canWrite,
    myUserId,
    members,
    names,
    onChanged: (comment) => {
      apply({ action: 'updated', comment });
      setNotice('Comment saved.');
    },
    onDeleted: (comment) => {
      apply({ action: 'deleted', id: comment.id });
      setNotice('Comment deleted.');
    },
    onReplied: (comment) => {
      apply({ action: 'created', comment });
      setNotice('Reply posted.');
    },
  };
  return (
    <section className="panel comments" aria-labelledby={headingId}>
      <h3 id={headingId}>Comments</h3>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {canWrite && (
        <details className="comment-add">
          <summary>Start a thread</summary>
          <CommentForm
            metrics={metrics}
            members={members}
            pin
            submitLabel="Post comment"
            save={(fields) =>
              api.createComment(request, clientId, {
                text: fields.text,
                ...(fields.metric === '' ? {} : { metric: fields.metric }),
                ...(fields.metric !== '' && fields.date !== '' ? { date: fields.date } : {}),
                ...(fields.mentions.length === 0 ? {} : { mentions: fields.mentions }),
              })
            }
            onSaved={(comment) => {
              apply({ action: 'created', comment });
              setNotice('Comment posted.');
            }}
          />
        </details>
      )}
      {state.kind === 'loading' && <Loading label="Loading comments…" />}
      {state.kind === 'error' && <LoadError message={state.message} what="Comments" onRetry={reload} />}
      {state.kind === 'loaded' && state.data.length === 0 && <p className="empty">No comments yet.</p>}
      {state.kind === 'loaded' && state.data.length > 0 && (
        <ul className="card-list comment-threads" aria-labelledby={headingId}>
          {state.data.map((thread) => (
            <li key={thread.id} className="card comment-thread" data-testid={`thread-${thread.id}`}>
              <CommentView comment={thread} context={context} />
              {thread.replies.length > 0 && (
                <ul className="comment-replies" aria-label={`Replies to: ${snippet(thread.text)}`}>
                  {thread.replies.map((reply) => (
                    <li key={reply.id} className="comment-reply">
                      <CommentView comment={reply} context={context} />
                    </li>
                  ))}
                </ul>
              )}
              {canWrite && <ReplyBox thread={thread} context={context} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type ItemContext = {
  clientId: string;
  alertMessage: (alertId: string) => string | null;
  catalogue: readonly Metric[];
  canWrite: boolean;
  myUserId: string;
  members: Person[] | null;
  names: Map<string, string>;
  onChanged: (comment: Comment) => void;
  onDeleted: (comment: Comment) => void;
  onReplied: (comment: Comment) => void;
};

type Fields = { text: string; metric: string; date: string; mentions: string[] };

type FormProps = {
  metrics?: readonly Metric[];
  /** Offers a metric and a day to pin the thread to (a new thread only). */
  pin?: boolean;
  /** The members to mention; no picker when null. */
  members: Person[] | null;
  initial?: Pick<Fields, 'text' | 'mentions'>;
  submitLabel: string;
  textLabel?: string;
  save: (fields: Fields) => Promise<Comment>;
  onSaved: (comment: Comment) => void;
  onCancel?: () => void;
};

function CommentForm({ metrics = [], pin = false, members, initial, submitLabel, textLabel = 'Comment', save, onSaved, onCancel }: FormProps) {
  const ids = useId();
  const action = useAction();
  const [text, setText] = useState(initial?.text ?? '');
  const [metric, setMetric] = useState('');
  const [date, setDate] = useState('');
  const [mentions, setMentions] = useState<string[]>(initial?.mentions ?? []);
  const metricOptions: SelectOption<string>[] = [{ value: '', label: 'No metric' }, ...metrics.map((m) => ({ value: m.key, label: m.label }))];

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') {
      action.setError('Write a comment.');
      return;
    }
    const saved: { comment?: Comment } = {};
    const ok = await action.run(async () => {
      saved.comment = await save({ text: trimmed, metric, date, mentions });
    });
    if (ok && saved.comment !== undefined) {
      if (initial === undefined) {
        setText('');
        setMentions([]);
      }
      onSaved(saved.comment);
    }
  };

  return (
    <form className="comment-form" noValidate onSubmit={(event) => void submit(event)}>
      <TextAreaField id={`${ids}-text`} label={textLabel} required maxLength={COMMENT_MAX} rows={3} value={text} onChange={setText} />
      {pin && (
        <div className="field-row">
          <SelectField
            id={`${ids}-metric`}
            label="Metric (optional)"
            value={metric}
            options={metricOptions}
            onChange={(next) => {
              setMetric(next);
              if (next === '') {
                setDate('');
              }
            }}
          />
          {metric !== '' && <TextField id={`${ids}-date`} label="Day (optional)" type="date" value={date} onChange={setDate} />}
        </div>
      )}
      {members !== null && members.length > 0 && (
        <div className="field">
          <label htmlFor={`${ids}-mentions`}>Mention</label>
          <select
            id={`${ids}-mentions`}
            multiple
            aria-describedby={`${ids}-mentions-hint`}
            value={mentions}
            onChange={(event) => {
              setMentions([...event.target.selectedOptions].map((option) => option.value));
            }}
          >
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <p id={`${ids}-mentions-hint`} className="hint">
            Each person chosen is notified.
          </p>
        </div>
      )}
      <FormFooter action={action} submitLabel={action.pending ? 'Posting…' : submitLabel}>
        {onCancel !== undefined && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </FormFooter>
    </form>
  );
}

type Mode = 'view' | 'edit' | 'confirm-delete';

function CommentView({ comment, context }: { comment: Comment; context: ItemContext }) {
  const request = useApi();
  const [mode, setMode] = useState<Mode>('view');
  const { clientId, catalogue, myUserId, members, names } = context;
  // the author's alone, while they may still write (a viewer now cannot)
  const mine = context.canWrite && comment.author !== null && comment.author.id === myUserId;
  const name = snippet(comment.text);
  const mentioned = comment.mentions.map((id) => names.get(id)).filter((n): n is string => n !== undefined);

  if (mode === 'edit') {
    return (
      <div className="comment" data-testid={`comment-${comment.id}`}>
        <CommentForm
          members={members}
          // someone mentioned earlier who can no longer see the client cannot be kept (nor deselected): drop them
          initial={{ text: comment.text, mentions: members === null ? comment.mentions : comment.mentions.filter((id) => members.some((m) => m.id === id)) }}
          textLabel="Edit comment"
          submitLabel="Save comment"
          save={(fields) =>
            api.updateComment(request, clientId, comment.id, { text: fields.text, ...(members === null ? {} : { mentions: fields.mentions }) })
          }
          onSaved={(next) => {
            setMode('view');
            context.onChanged(next);
          }}
          onCancel={() => {
            setMode('view');
          }}
        />
      </div>
    );
  }

  return (
    <article className="comment" data-testid={`comment-${comment.id}`} aria-label={`Comment by ${comment.author?.name ?? 'a former member'}`}>
      <p className="comment-meta">
        <span className="comment-author">{comment.author?.name ?? 'a former member'}</span> ·{' '}
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.updatedAt !== comment.createdAt && <span className="muted"> (edited)</span>}
        {comment.metric !== null && (
          <span className="comment-pin">
            {' '}
            · on {metricName(comment.metric, catalogue)}
            {comment.date !== null && `, ${formatDay(comment.date)}`}
          </span>
        )}
        {comment.alertId != null && <span className="comment-pin"> · on {alertPin(context.alertMessage(comment.alertId))}</span>}
      </p>
      <p className="comment-text">{comment.text}</p>
      {comment.mentions.length > 0 && (
        <p className="muted comment-mentions">
          Mentions: {mentioned.length === comment.mentions.length ? mentioned.join(', ') : `${String(comment.mentions.length)} ${comment.mentions.length === 1 ? 'person' : 'people'}`}
        </p>
      )}
      {mode === 'confirm-delete' ? (
        <ConfirmItemDelete
          label={`Confirm deleting the comment: ${name}`}
          question={<>{comment.parentId === null ? 'Delete this comment and its replies?' : 'Delete this reply?'}</>}
          remove={() => api.deleteComment(request, clientId, comment.id)}
          onDeleted={() => {
            context.onDeleted(comment);
          }}
          onCancel={() => {
            setMode('view');
          }}
        />
      ) : (
        mine && (
          <div className="form-actions">
            <EditDeleteButtons
                what={`comment: ${name}`}
                onEdit={() => {
                  setMode('edit');
                }}
                onDelete={() => {
                  setMode('confirm-delete');
                }}
              />
          </div>
        )
      )}
    </article>
  );
}

function ReplyBox({ thread, context }: { thread: Comment; context: ItemContext }) {
  const request = useApi();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div className="form-actions">
        <button
          type="button"
          className="button-secondary"
          aria-label={`Reply to: ${snippet(thread.text)}`}
          onClick={() => {
            setOpen(true);
          }}
        >
          Reply
        </button>
      </div>
    );
  }
  return (
    <CommentForm
      members={context.members}
      textLabel="Reply"
      submitLabel="Post reply"
      save={(fields) =>
        api.createComment(request, context.clientId, {
          text: fields.text,
          parentId: thread.id,
          ...(fields.mentions.length === 0 ? {} : { mentions: fields.mentions }),
        })
      }
      onSaved={(comment) => {
        setOpen(false);
        context.onReplied(comment);
      }}
      onCancel={() => {
        setOpen(false);
      }}
    />
  );
}
