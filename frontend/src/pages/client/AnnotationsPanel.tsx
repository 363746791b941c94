import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { errorMessage, isAbort } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import type { Annotation, AnnotationImpact, AnnotationVisibility, Metric, MetricImpact, UpdateAnnotationRequest } from '../../api/types.ts';
import { useApi } from '../../auth/SessionContext.ts';
import { LoadError, Loading } from '../../components/Feedback.tsx';
import { FormFooter, SelectField, TextAreaField, TextField, type SelectOption } from '../../components/FormFields.tsx';
import { EditableList } from '../../components/EditableList.tsx';
import { useAction } from '../../hooks/useAction.ts';
import type { LoadState } from '../../query/loadState.ts';
import { formatDay, formatPercent, formatPoints, formatScore, formatSignedPercent, formatValue } from '../format.ts';
import type { Annotations } from './useAnnotations.ts';

/** The longest annotation the server takes. */
export const ANNOTATION_MAX = 500;

/** The impact windows offered, in days before and after the annotated day. */
export const IMPACT_DAYS = [7, 14, 30] as const;
const DEFAULT_IMPACT_DAYS = 14;

const WHOLE_CLIENT = 'The client as a whole';

type Props = {
  clientId: string;
  annotations: Annotations;
  /** The metrics offered in the form (the client's). */
  metrics: readonly Metric[];
  /** The whole catalogue, to name any metric. */
  catalogue: readonly Metric[];
  /** Owner, admin and analyst may add, edit and delete. */
  canWrite: boolean;
  /** The client's today (yyyy-mm-dd), the new annotation's default day. */
  today: string;
};

function metricLabel(key: string | null, catalogue: readonly Metric[]): string {
  return key === null ? WHOLE_CLIENT : (catalogue.find((m) => m.key === key)?.label ?? key);
}

/** The start of a text, for buttons' accessible names. */
function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/** "Annotations": notes on the client's timeline by day, with their before/after impact; writers add, edit and delete. */
export function AnnotationsPanel({ clientId, annotations, metrics, catalogue, canWrite, today }: Props) {
  const headingId = useId();
  const ids = useId();
  const request = useApi();
  /** The annotations whose impact is shown. */
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const { state, reload, apply } = annotations;
  const toggle = (id: string) => {
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });
  };
  return (
    <section className="panel annotations" aria-labelledby={headingId}>
      <h3 id={headingId}>Annotations</h3>
      <EditableList<Annotation>
        state={state}
        reload={reload}
        loadingLabel="Loading annotations…"
        empty="No annotations yet."
        labelledBy={headingId}
        className="card-list annotation-list"
        itemKey={(annotation) => annotation.id}
        itemName={(annotation) => `annotation: ${snippet(annotation.text)}`}
        itemClassName={() => 'card annotation'}
        itemTestId={(annotation) => `annotation-${annotation.id}`}
        renderItem={(annotation) => <AnnotationView annotation={annotation} catalogue={catalogue} />}
        renderActions={(annotation) => {
          const open = expanded.has(annotation.id);
          return (
            <button
              type="button"
              className="button-secondary"
              aria-expanded={open}
              aria-controls={`${ids}-impact-${annotation.id}`}
              aria-label={`${open ? 'Hide' : 'Show'} impact: ${snippet(annotation.text)}`}
              onClick={() => {
                toggle(annotation.id);
              }}
            >
              {open ? 'Hide impact' : 'Show impact'}
            </button>
          );
        }}
        renderAfter={(annotation) => (
          <div id={`${ids}-impact-${annotation.id}`} hidden={!expanded.has(annotation.id)}>
            {expanded.has(annotation.id) && <ImpactView clientId={clientId} annotation={annotation} catalogue={catalogue} />}
          </div>
        )}
        canEdit={() => canWrite}
        canDelete={() => canWrite}
        renderEdit={(annotation, { onSaved, onCancel }) => (
          <AnnotationForm
            metrics={metrics}
            catalogue={catalogue}
            initial={annotation}
            submitLabel="Save annotation"
            save={async (fields) => {
              const body = changedFields(annotation, fields);
              return Object.keys(body).length === 0 ? annotation : api.updateAnnotation(request, clientId, annotation.id, body);
            }}
            onSaved={onSaved}
            onCancel={onCancel}
          />
        )}
        remove={{
          remove: (annotation) => api.deleteAnnotation(request, clientId, annotation.id),
          question: (annotation) => <>Delete the annotation of {formatDay(annotation.date)}?</>,
          label: (annotation) => `Confirm deleting the annotation of ${formatDay(annotation.date)}`,
        }}
        create={
          canWrite
            ? {
                summary: 'Add an annotation',
                render: (created) => (
                  <AnnotationForm
                    metrics={metrics}
                    catalogue={catalogue}
                    initial={{ date: today, text: '', metric: null, visibility: 'internal' }}
                    submitLabel="Add annotation"
                    save={(fields) =>
                      api.createAnnotation(request, clientId, {
                        date: fields.date,
                        text: fields.text,
                        ...(fields.metric === null ? {} : { metric: fields.metric }),
                        visibility: fields.visibility,
                      })
                    }
                    onSaved={created}
                    resetOnSave
                  />
                ),
              }
            : undefined
        }
        onCreated={(annotation) => {
          apply({ action: 'created', annotation });
        }}
        onSaved={(annotation) => {
          apply({ action: 'updated', annotation });
        }}
        onRemoved={(annotation) => {
          apply({ action: 'deleted', id: annotation.id });
        }}
        notices={{
          created: (annotation) => `Annotation added for ${formatDay(annotation.date)}.`,
          saved: (annotation) => `Annotation of ${formatDay(annotation.date)} saved.`,
          removed: (annotation) => `Annotation of ${formatDay(annotation.date)} deleted.`,
        }}
      />
    </section>
  );
}

type Fields = { date: string; text: string; metric: string | null; visibility: AnnotationVisibility };

type FormProps = {
  metrics: readonly Metric[];
  catalogue: readonly Metric[];
  initial: Fields;
  submitLabel: string;
  save: (fields: Fields) => Promise<Annotation>;
  onSaved: (annotation: Annotation) => void;
  /** Empties the text after a save (the add form); the edit form closes instead. */
  resetOnSave?: boolean;
  onCancel?: () => void;
};

/** Day, text and optional metric of an annotation: the add form and the edit form. */
function AnnotationForm({ metrics, catalogue, initial, submitLabel, save, onSaved, resetOnSave = false, onCancel }: FormProps) {
  const ids = useId();
  const action = useAction();
  const [date, setDate] = useState(initial.date);
  const [text, setText] = useState(initial.text);
  const [metric, setMetric] = useState(initial.metric ?? '');
  const [shared, setShared] = useState(initial.visibility === 'public');
  const options: SelectOption<string>[] = [
    { value: '', label: WHOLE_CLIENT },
    ...metrics.map((m) => ({ value: m.key, label: m.label })),
    // An annotation about a metric the client no longer shows keeps it as a choice.
    ...(initial.metric !== null && !metrics.some((m) => m.key === initial.metric)
      ? [{ value: initial.metric, label: metricLabel(initial.metric, catalogue) }]
      : []),
  ];

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (date === '') {
      action.setError('Choose the day the annotation is about.');
      return;
    }
    if (trimmed === '') {
      action.setError('Write what happened.');
      return;
    }
    const saved: { annotation?: Annotation } = {};
    const ok = await action.run(async () => {
      saved.annotation = await save({
        date,
        text: trimmed,
        metric: metric === '' ? null : metric,
        visibility: shared ? 'public' : 'internal',
      });
    });
    if (ok && saved.annotation !== undefined) {
      if (resetOnSave) {
        setText('');
      }
      onSaved(saved.annotation);
    }
  };

  return (
    <form className="annotation-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field-row">
        <TextField id={`${ids}-date`} label="Day" type="date" required value={date} onChange={setDate} />
        <SelectField id={`${ids}-metric`} label="Metric (optional)" value={metric} options={options} onChange={setMetric} />
      </div>
      <TextAreaField id={`${ids}-text`} label="What happened" required maxLength={ANNOTATION_MAX} rows={2} value={text} onChange={setText} />
      <div className="checkbox">
        <input
          id={`${ids}-public`}
          type="checkbox"
          checked={shared}
          onChange={(event) => {
            setShared(event.target.checked);
          }}
        />
        <label htmlFor={`${ids}-public`}>Show to the client (on share links and reports)</label>
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

/** The fields of a PATCH: only those that changed (`metric: null` clears it). */
export function changedFields(before: Annotation, after: Fields): UpdateAnnotationRequest {
  return {
    ...(after.date !== before.date ? { date: after.date } : {}),
    ...(after.text !== before.text ? { text: after.text } : {}),
    ...(after.metric !== before.metric ? { metric: after.metric } : {}),
    ...(after.visibility !== before.visibility ? { visibility: after.visibility } : {}),
  };
}

/** An annotation as it reads: its day, metric, who sees it, the text and its author. */
function AnnotationView({ annotation, catalogue }: { annotation: Annotation; catalogue: readonly Metric[] }) {
  return (
    <>
      <p className="annotation-meta">
        <time dateTime={annotation.date}>{formatDay(annotation.date)}</time> ·{' '}
        <span className="annotation-metric">{metricLabel(annotation.metric, catalogue)}</span>
        {' · '}
        <span className={`annotation-visibility visibility-${annotation.visibility}`}>
          {annotation.visibility === 'public' ? 'shown to the client' : 'internal'}
        </span>
      </p>
      <p className="annotation-text">{annotation.text}</p>
      <p className="muted annotation-author">by {annotation.createdBy?.name ?? 'a former member'}</p>
    </>
  );
}

type ImpactEntry = { key: string; state: LoadState<AnnotationImpact> };

/** An annotation's impact over 7, 14 or 30 days each side, loaded when shown (and again when the annotation changes). */
function ImpactView({ clientId, annotation, catalogue }: { clientId: string; annotation: Annotation; catalogue: readonly Metric[] }) {
  const ids = useId();
  const request = useApi();
  const [days, setDays] = useState<string>(String(DEFAULT_IMPACT_DAYS));
  const [version, setVersion] = useState(0);
  const [entry, setEntry] = useState<ImpactEntry | null>(null);
  const key = `${annotation.id}|${annotation.updatedAt}|${days}|${String(version)}`;

  useEffect(() => {
    const controller = new AbortController();
    api.getAnnotationImpact(request, clientId, annotation.id, Number(days), controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setEntry({ key, state: { kind: 'loaded', data } });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) {
          setEntry({ key, state: { kind: 'error', message: errorMessage(error) } });
        }
      },
    );
    return () => {
      controller.abort();
    };
  }, [request, clientId, annotation.id, days, key]);

  const state: LoadState<AnnotationImpact> = entry !== null && entry.key === key ? entry.state : { kind: 'loading' };
  return (
    <section className="impact" aria-label={`Impact of the annotation of ${formatDay(annotation.date)}`} aria-busy={state.kind === 'loading'}>
      <SelectField
        id={`${ids}-days`}
        label="Days before and after"
        value={days}
        options={IMPACT_DAYS.map((d) => ({ value: String(d), label: `${String(d)} days` }))}
        onChange={setDays}
      />
      {state.kind === 'loading' && <Loading label="Loading the impact…" />}
      {state.kind === 'error' && (
        <LoadError message={state.message} what="impact" onRetry={() => {
              setVersion((v) => v + 1);
            }} />
      )}
      {state.kind === 'loaded' && <ImpactFigures impact={state.data} catalogue={catalogue} />}
    </section>
  );
}

function ImpactFigures({ impact, catalogue }: { impact: AnnotationImpact; catalogue: readonly Metric[] }) {
  const { score } = impact;
  return (
    <>
      <p className="impact-score" data-testid="impact-score">
        Zoom Factor:{' '}
        {score.before === null || score.after === null
          ? 'no score to compare'
          : `${formatScore(score.before)} \u2192 ${formatScore(score.after)}${score.change === null ? '' : ` (${formatPoints(score.change)})`}`}
      </p>
      {impact.metrics.length === 0 ? (
        <p className="empty">No metric has data around this day.</p>
      ) : (
        <ul className="impact-metrics">
          {impact.metrics.map((m) => (
            <li key={m.metric} data-testid={`impact-${m.metric}`} className={m.improved ? 'impact-improved' : 'impact-not-improved'}>
              {impactText(m, catalogue)}
              <span className="muted">
                {' '}
                ({valuesText(m)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** "Page views: 900 → 1,100 (+22.2%), trend up, confidence 97%, improved". */
export function impactText(m: MetricImpact, catalogue: readonly Metric[]): string {
  const metric = catalogue.find((c) => c.key === m.metric);
  const value = (v: number) => (metric === undefined ? formatScore(v) : formatValue(v, metric.unit));
  const relative = m.relativeChange === null ? '' : ` (${formatSignedPercent(m.relativeChange)})`;
  return `${metricLabel(m.metric, catalogue)}: ${value(m.before)} \u2192 ${value(m.after)}${relative}, trend ${m.verdict}, confidence ${formatPercent(m.confidence)}, ${m.improved ? 'improved' : 'not improved'}`;
}

/** "14 values before, 12 after". */
export function valuesText(m: Pick<MetricImpact, 'valuesBefore' | 'valuesAfter'>): string {
  return `${String(m.valuesBefore)} ${m.valuesBefore === 1 ? 'value' : 'values'} before, ${String(m.valuesAfter)} after`;
}
