import { useId, useState, type SyntheticEvent } from 'react';
import { api } from '../../api/endpoints.ts';
import type { Goal, Metric, UpdateGoalRequest } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { EditableList } from '../../components/EditableList.tsx';
import { FormFooter, SelectField, TextField, type SelectOption } from '../../components/FormFields.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { formatDay } from '../format.ts';
import {
  goalValue,
  progressPercent,
  SCORE,
  SCORE_LABEL,
  statusText,
  subjectLabel,
  WINDOW_DEFAULT,
  WINDOW_MAX,
  WINDOW_MIN,
} from './goals.ts';
import type { Goals } from './useGoals.ts';

type Props = {
  clientId: string;
  goals: Goals;
  /** The metrics offered as subjects (the client's). */
  metrics: readonly Metric[];
  /** The whole catalogue, to name any metric. */
  catalogue: readonly Metric[];
  /** Owner, admin and analyst may add, edit and delete. */
  canWrite: boolean;
};

/** "Goals": targets for the Zoom Factor or a metric, with progress and the forecast in words; writers add, edit and delete. */
export function GoalsPanel({ clientId, goals, metrics, catalogue, canWrite }: Props) {
  const headingId = useId();
  const request = useApi();
  const { state, reload, apply } = goals;
  const name = (goal: Goal) => `${subjectLabel(goal.metric, catalogue)} by ${formatDay(goal.deadline)}`;
  return (
    <section className="panel goals" aria-labelledby={headingId}>
      <h3 id={headingId}>Goals</h3>
      <EditableList<Goal>
        state={state}
        reload={reload}
        loadingLabel="Loading goals…"
        what="Goals"
        empty="No goals yet."
        labelledBy={headingId}
        className="card-list goal-list"
        itemKey={(goal) => goal.id}
        itemName={(goal) => `goal: ${name(goal)}`}
        itemClassName={(goal) => `card goal goal-${goal.status.replace(/_/g, '-')}`}
        itemTestId={(goal) => `goal-${goal.id}`}
        renderItem={(goal) => <GoalView goal={goal} catalogue={catalogue} />}
        canEdit={() => canWrite}
        canDelete={() => canWrite}
        renderEditHeader={(goal) => <p className="goal-subject">{subjectLabel(goal.metric, catalogue)}</p>}
        renderEdit={(goal, { onSaved, onCancel }) => (
          <GoalForm
            metrics={metrics}
            initial={{ metric: goal.metric, target: String(goal.target), deadline: goal.deadline, windowDays: String(goal.windowDays) }}
            submitLabel="Save goal"
            save={async (fields) => {
              const body = changedGoalFields(goal, fields);
              return Object.keys(body).length === 0 ? goal : api.updateGoal(request, clientId, goal.id, body);
            }}
            onSaved={onSaved}
            onCancel={onCancel}
          />
        )}
        remove={{
          remove: (goal) => api.deleteGoal(request, clientId, goal.id),
          question: (goal) => <>Delete the goal for {name(goal)}?</>,
        }}
        create={
          canWrite
            ? {
                summary: 'Add a goal',
                render: (created) => (
                  <GoalForm
                    metrics={metrics}
                    initial={{ metric: SCORE, target: '', deadline: '', windowDays: String(WINDOW_DEFAULT) }}
                    chooseSubject
                    submitLabel="Add goal"
                    save={(fields) =>
                      api.createGoal(request, clientId, {
                        metric: fields.metric,
                        target: fields.target,
                        deadline: fields.deadline,
                        ...(fields.metric === SCORE ? {} : { windowDays: fields.windowDays }),
                      })
                    }
                    onSaved={created}
                  />
                ),
              }
            : undefined
        }
        onCreated={(goal) => {
          apply({ action: 'created', goal });
        }}
        onSaved={(goal) => {
          apply({ action: 'updated', goal });
        }}
        onRemoved={(goal) => {
          apply({ action: 'deleted', id: goal.id });
        }}
        notices={{
          created: (goal) => `Goal for ${subjectLabel(goal.metric, catalogue)} added.`,
          saved: (goal) => `Goal for ${subjectLabel(goal.metric, catalogue)} saved.`,
          removed: (goal) => `Goal for ${subjectLabel(goal.metric, catalogue)} deleted.`,
        }}
      />
    </section>
  );
}

/** What the form holds (numbers as typed). */
type FormFields = { metric: string; target: string; deadline: string; windowDays: string };

/** What it sends once checked. */
type Checked = { metric: string; target: number; deadline: string; windowDays: number };

type FormProps = {
  metrics: readonly Metric[];
  initial: FormFields;
  /** The add form chooses the subject; the edit form keeps it. */
  chooseSubject?: boolean;
  submitLabel: string;
  save: (fields: Checked) => Promise<Goal>;
  onSaved: (goal: Goal) => void;
  onCancel?: () => void;
};

/** The fields' problem in words, or null when they can be sent. */
export function goalFormProblem(fields: FormFields): string | null {
  if (fields.target.trim() === '' || !Number.isFinite(Number(fields.target))) {
    return 'Enter the target as a number.';
  }
  if (fields.deadline === '') {
    return 'Choose the deadline.';
  }
  const days = Number(fields.windowDays);
  if (fields.metric !== SCORE && (!Number.isInteger(days) || days < WINDOW_MIN || days > WINDOW_MAX)) {
    return `The window is ${String(WINDOW_MIN)} to ${String(WINDOW_MAX)} days.`;
  }
  return null;
}

function GoalForm({ metrics, initial, chooseSubject = false, submitLabel, save, onSaved, onCancel }: FormProps) {
  const ids = useId();
  const action = useAction();
  const [metric, setMetric] = useState(initial.metric);
  const [target, setTarget] = useState(initial.target);
  const [deadline, setDeadline] = useState(initial.deadline);
  const [windowDays, setWindowDays] = useState(initial.windowDays);
  const options: SelectOption<string>[] = [{ value: SCORE, label: SCORE_LABEL }, ...metrics.map((m) => ({ value: m.key, label: m.label }))];
  const unit = metrics.find((m) => m.key === metric)?.unit;

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const fields = { metric, target, deadline, windowDays };
    const problem = goalFormProblem(fields);
    if (problem !== null) {
      action.setError(problem);
      return;
    }
    const saved: { goal?: Goal } = {};
    const ok = await action.run(async () => {
      saved.goal = await save({ metric, target: Number(target), deadline, windowDays: Number(windowDays) });
    });
    if (ok && saved.goal !== undefined) {
      if (chooseSubject) {
        setTarget('');
        setDeadline('');
      }
      onSaved(saved.goal);
    }
  };

  return (
    <form className="goal-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field-row">
        {chooseSubject && <SelectField id={`${ids}-metric`} label="Subject" value={metric} options={options} onChange={setMetric} />}
        <TextField
          id={`${ids}-target`}
          label="Target"
          type="number"
          step="any"
          required
          value={target}
          onChange={setTarget}
          hint={metric === SCORE ? '0 to 100 points.' : unit === 'ratio' ? 'A ratio from 0 to 1 (0.4 is 40%).' : undefined}
        />
        <TextField id={`${ids}-deadline`} label="Deadline" type="date" required value={deadline} onChange={setDeadline} />
        {metric !== SCORE && (
          <TextField
            id={`${ids}-window`}
            label="Window (days)"
            type="number"
            min={WINDOW_MIN}
            max={WINDOW_MAX}
            value={windowDays}
            onChange={setWindowDays}
            hint="The metric is measured over this many days up to each day."
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
export function changedGoalFields(before: Goal, after: Checked): UpdateGoalRequest {
  return {
    ...(after.target !== before.target ? { target: after.target } : {}),
    ...(after.deadline !== before.deadline ? { deadline: after.deadline } : {}),
    ...(before.metric !== SCORE && after.windowDays !== before.windowDays ? { windowDays: after.windowDays } : {}),
  };
}

/** A goal as it reads: subject, target, deadline, the value now, progress and status in words. */
function GoalView({ goal, catalogue }: { goal: Goal; catalogue: readonly Metric[] }) {
  const subject = subjectLabel(goal.metric, catalogue);
  const name = `${subject} by ${formatDay(goal.deadline)}`;
  const value = (v: number | null) => goalValue(v, goal.metric, catalogue);
  const percent = progressPercent(goal.progress);
  return (
    <>
      <p className="goal-subject">
        <strong>{subject}</strong>
        {goal.metric !== SCORE && <span className="muted"> (over {goal.windowDays} days)</span>}
      </p>
      <p className="goal-figures">
        Target {value(goal.target)} by <time dateTime={goal.deadline}>{formatDay(goal.deadline)}</time> · now {value(goal.current)}
      </p>
      <progress
        className="goal-progress"
        max={100}
        {...(percent === null ? {} : { value: percent, 'aria-valuenow': percent })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={`Progress: ${name}`}
        aria-valuetext={percent === null ? 'unknown' : `${String(percent)}%`}
      />
      <p className="goal-status" data-testid={`goal-status-${goal.id}`}>
        {statusText(goal, catalogue)}
      </p>
    </>
  );
}
