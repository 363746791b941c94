import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../../api/endpoints.ts';
import type { Alert, AlertDirection, AlertRule, AlertRuleKind, Comment, Metric, UpdateAlertRuleRequest } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { EditableList } from '../../components/EditableList.tsx';
import { ErrorAlert, LoadError, Loading } from '../../components/Feedback.tsx';
import { FormFooter, SelectField, TextField, type SelectOption } from '../../components/FormFields.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { formatDay, formatDateTime } from '../format.ts';
import { alertStateText, ruleFormProblem, ruleText, type RuleFields } from './alerts.ts';
import { SCORE, SCORE_LABEL } from './goals.ts';
import type { Alerts } from './useAlerts.ts';
import type { Comments } from './useComments.ts';

type Props = {
  clientId: string;
  alerts: Alerts;
  /** The metrics offered as subjects (the client's). */
  metrics: readonly Metric[];
  /** The whole catalogue, to name any metric. */
  catalogue: readonly Metric[];
  /** Owner, admin and analyst manage rules, acknowledge and discuss alerts. */
  canWrite: boolean;
  /** The client's comments: an alert's discussion is a thread pinned to it. */
  comments: Comments;
};

const KINDS: SelectOption<AlertRuleKind>[] = [
  { value: 'threshold', label: 'Threshold' },
  { value: 'adaptive', label: 'Adaptive (leaves its normal band)' },
];
const THRESHOLD_WAYS: SelectOption<AlertDirection>[] = [
  { value: 'above', label: 'Above' },
  { value: 'below', label: 'Below' },
];
const BAND_WAYS: SelectOption<AlertDirection>[] = [
  { value: 'either', label: 'Either way' },
  { value: 'above', label: 'Upwards' },
  { value: 'below', label: 'Downwards' },
];

/** "Alerts": the alerts fired (open or acknowledged, newest first) and the rules that fire them; writers manage both. */
export function AlertsPanel({ clientId, alerts, metrics, catalogue, canWrite, comments }: Props) {
  const headingId = useId();
  const request = useApi();
  const [notice, setNotice] = useState('');
  const { rules, alerts: fired, reload, applyRule, applyAlert } = alerts;
  // a notification links to its alert (#alert-<id>): bring it into view once the alerts are shown
  const { hash } = useLocation();
  const shown = fired.kind === 'loaded';
  useEffect(() => {
    if (shown && hash.startsWith('#alert-')) {
      document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'center' });
    }
  }, [hash, shown]);
  return (
    <section className="panel alerts" aria-labelledby={headingId}>
      <h3 id={headingId}>Alerts</h3>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {fired.kind === 'loading' && <Loading label="Loading alerts…" />}
      {fired.kind === 'error' && <LoadError message={fired.message} what="Alerts" onRetry={reload} />}
      {fired.kind === 'loaded' && fired.data.length === 0 && <p className="empty">No alerts have fired.</p>}
      {fired.kind === 'loaded' && fired.data.length > 0 && (
        <ul className="card-list alert-list" aria-label="Fired alerts">
          {fired.data.map((alert) => (
            <AlertItem
              key={alert.id}
              alert={alert}
              canWrite={canWrite}
              comments={discussion(comments, alert.id)}
              acknowledge={(note) => api.acknowledgeAlert(request, clientId, alert.id, note)}
              discuss={(text) => {
                // one thread per alert: later comments reply to it
                const thread = comments.state.kind === 'loaded' ? comments.state.data.find((t) => t.alertId === alert.id) : undefined;
                return api.createComment(request, clientId, thread === undefined ? { text, alertId: alert.id } : { text, parentId: thread.id });
              }}
              onDiscussed={(comment) => {
                comments.apply({ action: 'created', comment });
                setNotice('Comment added to the alert; the thread is under Comments.');
              }}
              onAcknowledged={(next) => {
                applyAlert({ action: 'acknowledged', alert: next });
                setNotice('Alert acknowledged.');
              }}
            />
          ))}
        </ul>
      )}

      <h4>Rules</h4>
      <EditableList<AlertRule>
        state={rules}
        reload={reload}
        loadingLabel="Loading alert rules…"
        what="Alert rules"
        empty="No alert rules yet."
        label="Alert rules"
        className="card-list alert-rule-list"
        itemKey={(rule) => rule.id}
        itemName={(rule) => `alert rule: ${ruleText(rule, catalogue)}`}
        itemClassName={(rule) => (rule.enabled ? 'card alert-rule' : 'card alert-rule disabled')}
        itemTestId={(rule) => `alert-rule-${rule.id}`}
        renderItem={(rule) => (
          <p>
            <strong>{ruleText(rule, catalogue)}</strong>
            {!rule.enabled && <span className="muted"> (paused)</span>}
          </p>
        )}
        renderActions={(rule) =>
          canWrite && (
            <PauseButton
              rule={rule}
              name={ruleText(rule, catalogue)}
              toggle={() => api.updateAlertRule(request, clientId, rule.id, { enabled: !rule.enabled })}
              onToggled={(next) => {
                applyRule({ action: 'updated', rule: next });
                setNotice(`Alert rule saved: ${ruleText(next, catalogue)}.`);
              }}
            />
          )
        }
        canEdit={() => canWrite}
        canDelete={() => canWrite}
        renderEditHeader={(rule) => <p>{ruleText(rule, catalogue)}</p>}
        renderEdit={(rule, { onSaved, onCancel }) => (
          <RuleForm
            metrics={metrics}
            initial={{ kind: rule.kind, metric: rule.metric, direction: rule.direction, threshold: rule.threshold === null ? '' : String(rule.threshold) }}
            submitLabel="Save rule"
            save={async (fields) => {
              const body = changedRuleFields(rule, fields);
              return Object.keys(body).length === 0 ? rule : api.updateAlertRule(request, clientId, rule.id, body);
            }}
            onSaved={onSaved}
            onCancel={onCancel}
          />
        )}
        remove={{
          remove: (rule) => api.deleteAlertRule(request, clientId, rule.id),
          question: (rule) => (
            <>Delete the alert rule “{ruleText(rule, catalogue)}” and the alerts it fired? Their discussions stay under Comments.</>
          ),
        }}
        create={
          canWrite
            ? {
                summary: 'Add an alert rule',
                render: (created) => (
                  <RuleForm
                    metrics={metrics}
                    initial={{ kind: 'threshold', metric: SCORE, direction: 'below', threshold: '' }}
                    chooseSubject
                    submitLabel="Add rule"
                    save={(fields) =>
                      api.createAlertRule(request, clientId, {
                        kind: fields.kind,
                        metric: fields.metric,
                        direction: fields.direction,
                        ...(fields.kind === 'threshold' ? { threshold: Number(fields.threshold) } : {}),
                      })
                    }
                    onSaved={created}
                  />
                ),
              }
            : undefined
        }
        onCreated={(rule) => {
          applyRule({ action: 'created', rule });
        }}
        onSaved={(rule) => {
          applyRule({ action: 'updated', rule });
        }}
        onRemoved={(rule) => {
          applyRule({ action: 'deleted', id: rule.id });
          comments.reload(); // the threads pinned to its alerts were deleted with them
        }}
        notices={{
          created: (rule) => `Alert rule added: ${ruleText(rule, catalogue)}.`,
          saved: (rule) => `Alert rule saved: ${ruleText(rule, catalogue)}.`,
          removed: (rule) => `Alert rule deleted: ${ruleText(rule, catalogue)}.`,
        }}
        announce={setNotice}
      />
    </section>
  );
}

/** How many comments (threads and their replies) are pinned to the alert; null while they load. */
function discussion(comments: Comments, alertId: string): number | null {
  if (comments.state.kind !== 'loaded') {
    return null;
  }
  return comments.state.data.filter((t) => t.alertId === alertId).reduce((n, t) => n + 1 + t.replies.length, 0);
}

type AlertItemProps = {
  alert: Alert;
  canWrite: boolean;
  comments: number | null;
  acknowledge: (note: string | null) => Promise<Alert>;
  onAcknowledged: (alert: Alert) => void;
  discuss: (text: string) => Promise<Comment>;
  onDiscussed: (comment: Comment) => void;
};

function AlertItem({ alert, canWrite, comments, acknowledge, onAcknowledged, discuss, onDiscussed }: AlertItemProps) {
  const ids = useId();
  const action = useAction();
  const talk = useAction();
  const [open, setOpen] = useState(false);
  const [talking, setTalking] = useState(false);
  const [note, setNote] = useState('');
  const [text, setText] = useState('');
  const post = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      talk.setError('Write the comment first.');
      return;
    }
    const saved: { comment?: Comment } = {};
    const ok = await talk.run(async () => {
      saved.comment = await discuss(text.trim());
    });
    if (ok && saved.comment !== undefined) {
      setText('');
      setTalking(false);
      onDiscussed(saved.comment);
    }
  };
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const saved: { alert?: Alert } = {};
    const ok = await action.run(async () => {
      saved.alert = await acknowledge(note.trim() === '' ? null : note.trim());
    });
    if (ok && saved.alert !== undefined) {
      setOpen(false);
      onAcknowledged(saved.alert);
    }
  };
  return (
    <li id={`alert-${alert.id}`} className={`card alert alert-${alert.state}`} data-testid={`alert-${alert.id}`}>
      <p className="alert-message">
        <strong>{alert.message}</strong>
      </p>
      <p className="muted">
        For <time dateTime={alert.day}>{formatDay(alert.day)}</time> · fired <time dateTime={alert.firedAt}>{formatDateTime(alert.firedAt)}</time>
      </p>
      <p className="alert-state" data-testid={`alert-state-${alert.id}`}>
        {alertStateText(alert)}
      </p>
      {comments !== null && comments > 0 && (
        <p className="muted" data-testid={`alert-comments-${alert.id}`}>
          {comments === 1 ? '1 comment' : `${String(comments)} comments`} under Comments
        </p>
      )}
      {canWrite && !open && !talking && (
        <div className="form-actions">
          <button
            type="button"
            className="button-secondary"
            aria-label={`Discuss: ${alert.message}`}
            onClick={() => {
              setTalking(true);
            }}
          >
            Discuss
          </button>
        </div>
      )}
      {talking && (
        <form className="alert-discuss-form" noValidate onSubmit={(event) => void post(event)}>
          <TextField id={`${ids}-comment`} label="Comment on this alert" value={text} onChange={setText} maxLength={2000} />
          <FormFooter action={talk} submitLabel={talk.pending ? 'Posting…' : 'Post comment'}>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                talk.setError(null);
                setTalking(false);
              }}
            >
              Cancel
            </button>
          </FormFooter>
        </form>
      )}
      {canWrite && alert.state === 'open' && !open && !talking && (
        <div className="form-actions">
          <button
            type="button"
            className="button-secondary"
            aria-label={`Acknowledge: ${alert.message}`}
            onClick={() => {
              setOpen(true);
            }}
          >
            Acknowledge
          </button>
        </div>
      )}
      {open && alert.state === 'open' && (
        <form className="alert-ack-form" noValidate onSubmit={(event) => void submit(event)}>
          <TextField id={`${ids}-note`} label="Note (optional)" value={note} onChange={setNote} maxLength={2000} hint="What happened, or what is being done." />
          <FormFooter action={action} submitLabel={action.pending ? 'Acknowledging…' : 'Acknowledge alert'}>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                action.setError(null);
                setOpen(false);
              }}
            >
              Cancel
            </button>
          </FormFooter>
        </form>
      )}
    </li>
  );
}

type RuleFormProps = {
  metrics: readonly Metric[];
  initial: RuleFields;
  /** The add form chooses the kind and subject; the edit form keeps them. */
  chooseSubject?: boolean;
  submitLabel: string;
  save: (fields: RuleFields) => Promise<AlertRule>;
  onSaved: (rule: AlertRule) => void;
  onCancel?: () => void;
};

function RuleForm({ metrics, initial, chooseSubject = false, submitLabel, save, onSaved, onCancel }: RuleFormProps) {
  const ids = useId();
  const action = useAction();
  const [kind, setKind] = useState(initial.kind);
  const [metric, setMetric] = useState(initial.metric);
  const [direction, setDirection] = useState(initial.direction);
  const [threshold, setThreshold] = useState(initial.threshold);
  const metricOptions = metrics.map((m) => ({ value: m.key, label: m.label }));
  const subjects: SelectOption<string>[] = kind === 'threshold' ? [{ value: SCORE, label: SCORE_LABEL }, ...metricOptions] : metricOptions;
  const unit = metrics.find((m) => m.key === metric)?.unit;

  const chooseKind = (next: AlertRuleKind) => {
    setKind(next);
    // each kind offers its own subjects and directions: keep the choice valid
    const first = metrics.at(0);
    if (next === 'adaptive' && metric === SCORE && first !== undefined) {
      setMetric(first.key);
    }
    if (next === 'threshold' && direction === 'either') {
      setDirection('above');
    }
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const fields = { kind, metric, direction, threshold };
    const problem = ruleFormProblem(fields);
    if (problem !== null) {
      action.setError(problem);
      return;
    }
    const saved: { rule?: AlertRule } = {};
    const ok = await action.run(async () => {
      saved.rule = await save(fields);
    });
    if (ok && saved.rule !== undefined) {
      if (chooseSubject) {
        setThreshold('');
      }
      onSaved(saved.rule);
    }
  };

  return (
    <form className="alert-rule-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field-row">
        {chooseSubject && <SelectField id={`${ids}-kind`} label="Kind" value={kind} options={KINDS} onChange={chooseKind} />}
        {chooseSubject && <SelectField id={`${ids}-metric`} label="Subject" value={metric} options={subjects} onChange={setMetric} />}
        <SelectField
          id={`${ids}-direction`}
          label="Direction"
          value={direction}
          options={kind === 'threshold' ? THRESHOLD_WAYS : BAND_WAYS}
          onChange={setDirection}
        />
        {kind === 'threshold' && (
          <TextField
            id={`${ids}-threshold`}
            label="Threshold"
            type="number"
            step="any"
            required
            value={threshold}
            onChange={setThreshold}
            hint={metric === SCORE ? '0 to 100 points; the day’s last score.' : unit === 'ratio' ? 'A ratio from 0 to 1 (0.4 is 40%).' : 'On the day’s value.'}
          />
        )}
      </div>
      <FormFooter action={action} submitLabel={action.pending ? 'Saving…' : submitLabel}>
        {onCancel !== undefined && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </FormFooter>
    </form>
  );
}

/** The fields of a PATCH: only those that changed. */
export function changedRuleFields(before: AlertRule, after: RuleFields): UpdateAlertRuleRequest {
  const threshold = before.kind === 'threshold' ? Number(after.threshold) : null;
  return {
    ...(after.direction !== before.direction ? { direction: after.direction } : {}),
    ...(threshold !== null && threshold !== before.threshold ? { threshold } : {}),
  };
}

/** "Pause" or "Resume" one rule, with the server's refusal shown next to it. */
function PauseButton({ rule, name, toggle, onToggled }: {
  rule: AlertRule;
  name: string;
  toggle: () => Promise<AlertRule>;
  onToggled: (rule: AlertRule) => void;
}) {
  const action = useAction();
  return (
    <>
      <ErrorAlert message={action.error} />
      <button
        type="button"
        className="button-secondary"
        aria-label={`${rule.enabled ? 'Pause' : 'Resume'} alert rule: ${name}`}
        disabled={action.pending}
        onClick={() => {
          const saved: { rule?: AlertRule } = {};
          void action
            .run(async () => {
              saved.rule = await toggle();
            })
            .then((ok) => {
              if (ok && saved.rule !== undefined) {
                onToggled(saved.rule);
              }
            });
        }}
      >
        {rule.enabled ? 'Pause' : 'Resume'}
      </button>
    </>
  );
}
