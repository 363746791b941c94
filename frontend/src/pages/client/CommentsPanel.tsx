import { useCallback, useId, useState, type SyntheticEvent } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Comment, Metric, Person } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { EditableList, type EditSlot } from '../../components/EditableList.tsx';
import { FormFooter, SelectField, TextAreaField, TextField, type SelectOption } from '../../components/FormFields.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';
import { formatDateTime, formatDay } from '../format.ts';
import { COMMENT_MAX } from './comments.ts';
import type { Comments } from './useComments.ts';
import { MentionField } from './MentionField.tsx';

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
 * and then no mentions are offered.
 */
function useMentionable(clientId: string, canWrite: boolean): Person[] | null {
  const load = useCallback((request: Requester, signal: AbortSignal) => api.listMentionable(request, clientId, signal), [clientId]);
  const { state } = useQueryResource(queryKeys.mentionable(clientId), load, { enabled: canWrite });
  return canWrite && state.kind === 'loaded' ? state.data : null;
}

/** "Comments": threads with their replies, optionally pinned to a metric (and a day); writers post, reply and mention; authors edit and delete their own. */
export function CommentsPanel({ clientId, comments, metrics, catalogue, canWrite, myUserId, alertMessage = noAlertMessage }: Props) {
  const headingId = useId();
  const request = useApi();
  const members = useMentionable(clientId, canWrite);
  const [notice, setNotice] = useState('');
  const { state, reload, apply } = comments;
  const names = new Map((members ?? []).map((m) => [m.id, m.name]));
  // the author's alone, while they may still write (a viewer now cannot)
  const mine = (comment: Comment) => canWrite && comment.author !== null && comment.author.id === myUserId;
  /** The list parts threads and replies share: the comment read, edited by its author, deleted after a confirmation. */
  const shared = {
    itemKey: (comment: Comment) => comment.id,
    itemName: (comment: Comment) => `comment: ${snippet(comment.text)}`,
    renderItem: (comment: Comment) => <CommentView comment={comment} catalogue={catalogue} names={names} alertMessage={alertMessage} />,
    canEdit: mine,
    canDelete: mine,
    renderEdit: (comment: Comment, { onSaved, onCancel }: EditSlot<Comment>) => (
      <div className="comment" data-testid={`comment-${comment.id}`}>
        <CommentForm
          members={members}
          // someone mentioned earlier who can no longer see the client cannot be kept (nor removed): drop them
          initial={{ text: comment.text, mentions: members === null ? comment.mentions : comment.mentions.filter((id) => members.some((m) => m.id === id)) }}
          textLabel="Edit comment"
          submitLabel="Save comment"
          save={(fields) =>
            api.updateComment(request, clientId, comment.id, { text: fields.text, ...(members === null ? {} : { mentions: fields.mentions }) })
          }
          onSaved={onSaved}
          onCancel={onCancel}
        />
      </div>
    ),
    remove: {
      remove: (comment: Comment) => api.deleteComment(request, clientId, comment.id),
      question: (comment: Comment) => (comment.parentId === null ? 'Delete this comment and its replies?' : 'Delete this reply?'),
    },
    onSaved: (comment: Comment) => {
      apply({ action: 'updated', comment });
    },
    onRemoved: (comment: Comment) => {
      apply({ action: 'deleted', id: comment.id });
    },
    notices: { saved: () => 'Comment saved.', removed: () => 'Comment deleted.' },
    announce: setNotice,
  };
  return (
    <section className="panel comments" aria-labelledby={headingId}>
      <h3 id={headingId}>Comments</h3>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <EditableList<Comment>
        {...shared}
        state={state}
        reload={reload}
        loadingLabel="Loading comments…"
        what="Comments"
        empty="No comments yet."
        labelledBy={headingId}
        className="card-list comment-threads"
        itemClassName={() => 'card comment-thread'}
        itemTestId={(thread) => `thread-${thread.id}`}
        renderAfter={(thread) => (
          <>
            {thread.replies.length > 0 && (
              <EditableList<Comment>
                {...shared}
                state={{ kind: 'loaded', data: thread.replies }}
                reload={reload}
                loadingLabel="Loading replies…"
                empty={null}
                label={`Replies to: ${snippet(thread.text)}`}
                className="comment-replies"
                itemClassName={() => 'comment-reply'}
              />
            )}
            {canWrite && (
              <ReplyBox
                thread={thread}
                members={members}
                save={(fields) =>
                  api.createComment(request, clientId, {
                    text: fields.text,
                    parentId: thread.id,
                    ...(fields.mentions.length === 0 ? {} : { mentions: fields.mentions }),
                  })
                }
                onReplied={(comment) => {
                  apply({ action: 'created', comment });
                  setNotice('Reply posted.');
                }}
              />
            )}
          </>
        )}
        create={
          canWrite
            ? {
                summary: 'Start a thread',
                render: (created) => (
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
                    onSaved={created}
                  />
                ),
              }
            : undefined
        }
        onCreated={(comment) => {
          apply({ action: 'created', comment });
        }}
        notices={{ ...shared.notices, created: () => 'Comment posted.' }}
      />
    </section>
  );
}

type Fields = { text: string; metric: string; date: string; mentions: string[] };

type FormProps = {
  metrics?: readonly Metric[];
  /** Offers a metric and a day to pin the thread to (a new thread only). */
  pin?: boolean;
  /** The people who may be mentioned (typing `@`); no mentions when null. */
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
      {members !== null && members.length > 0 ? (
        <MentionField
          id={`${ids}-text`}
          label={textLabel}
          maxLength={COMMENT_MAX}
          rows={3}
          value={text}
          onChange={setText}
          people={members}
          mentions={mentions}
          onMentionsChange={setMentions}
        />
      ) : (
        <TextAreaField id={`${ids}-text`} label={textLabel} required maxLength={COMMENT_MAX} rows={3} value={text} onChange={setText} />
      )}
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

/** A comment as it reads: author, time, pin, text and whom it mentions. */
function CommentView({ comment, catalogue, names, alertMessage }: {
  comment: Comment;
  catalogue: readonly Metric[];
  /** The mentionable people's names by id. */
  names: Map<string, string>;
  alertMessage: (alertId: string) => string | null;
}) {
  const mentioned = comment.mentions.map((id) => names.get(id)).filter((n): n is string => n !== undefined);
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
        {comment.alertId != null && <span className="comment-pin"> · on {alertPin(alertMessage(comment.alertId))}</span>}
      </p>
      <p className="comment-text">{comment.text}</p>
      {comment.mentions.length > 0 && (
        <p className="muted comment-mentions">
          Mentions: {mentioned.length === comment.mentions.length ? mentioned.join(', ') : `${String(comment.mentions.length)} ${comment.mentions.length === 1 ? 'person' : 'people'}`}
        </p>
      )}
    </article>
  );
}

function ReplyBox({ thread, members, save, onReplied }: {
  thread: Comment;
  members: Person[] | null;
  save: (fields: Fields) => Promise<Comment>;
  onReplied: (comment: Comment) => void;
}) {
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
      members={members}
      textLabel="Reply"
      submitLabel="Post reply"
      save={save}
      onSaved={(comment) => {
        setOpen(false);
        onReplied(comment);
      }}
      onCancel={() => {
        setOpen(false);
      }}
    />
  );
}
