import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { api } from '../../api/endpoints.ts';
import type { ReportSchedule } from '../../api/types.ts';
import { isManager, useApi, useSession } from '../../auth/SessionContext.ts';
import { ConfirmDelete } from '../../components/ConfirmDelete.tsx';
import { ErrorAlert, LoadError, Loading } from '../../components/Feedback.tsx';
import { FormFooter, SelectField, type SelectOption } from '../../components/FormFields.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { queryKeys } from '../../query/keys.ts';
import { useApiQuery } from '../../query/useApiQuery.ts';
import { formatDate, formatDateTime } from '../format.ts';
import {
  cadenceText,
  draftOf,
  draftProblem,
  hourText,
  LAST_DAY_OF_MONTH,
  NEW_SCHEDULE,
  WEEKDAYS,
  writeOf,
  type ScheduleDraft,
} from './schedules.ts';

type Props = {
  clientId: string;
  /** The client's IANA zone, in which the hour is meant (shown beside it). */
  timeZone?: string;
};

const FREQUENCIES: readonly SelectOption<ScheduleDraft['frequency']>[] = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'monthly', label: 'Monthly' },
];
const WEEKDAY_OPTIONS: readonly SelectOption<string>[] = WEEKDAYS.map((day, index) => ({ value: String(index + 1), label: day }));
const MONTH_DAY_OPTIONS: readonly SelectOption<string>[] = Array.from({ length: LAST_DAY_OF_MONTH }, (_, index) => ({
  value: String(index + 1),
  label: String(index + 1),
}));
const HOUR_OPTIONS: readonly SelectOption<string>[] = Array.from({ length: 24 }, (_, hour) => ({
  value: String(hour),
  label: hourText(hour),
}));

/**
 * "Scheduled reports": the client's report e-mailed weekly or monthly at an hour of the client's time zone, with the
 * PDF attached, straight away or after review (the review queue). Listed, created, edited, deleted, or sent at once.
 */
export function ReportSchedulesPanel({ clientId, timeZone }: Props) {
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  const schedules = useApiQuery(queryKeys.reportSchedules(clientId), (request, signal) =>
    api.listReportSchedules(request, clientId, signal),
  );
  const zone = timeZone === undefined ? 'the client’s time zone' : timeZone;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h3 id={headingId}>Scheduled reports</h3>
      <p className="hint">
        The report’s PDF e-mailed to the client on a schedule, at the hour in {zone}. Each e-mail carries a link to
        unsubscribe.
      </p>
      {schedules.isPending && <Loading label="Loading the schedules…" />}
      {schedules.isError && <LoadError message={schedules.error.message} onRetry={() => void schedules.refetch()} />}
      {schedules.data !== undefined && (
        <>
          {schedules.data.length === 0 ? (
            <p>No report is scheduled.</p>
          ) : (
            <ul className="card-list">
              {schedules.data.map((schedule) => (
                <ScheduleItem key={schedule.id} clientId={clientId} schedule={schedule} zone={zone} />
              ))}
            </ul>
          )}
          {adding ? (
            <ScheduleForm
              clientId={clientId}
              zone={zone}
              onDone={() => {
                setAdding(false);
              }}
            />
          ) : (
            <button
              type="button"
              onClick={() => {
                setAdding(true);
              }}
            >
              Schedule a report
            </button>
          )}
          <UnsubscribedAddresses clientId={clientId} />
        </>
      )}
    </section>
  );
}

/**
 * The addresses that left the client's reports by their e-mail's link: no schedule takes them again (the server
 * answers 409) until an owner or admin allows one again, when its owner asks.
 */
function UnsubscribedAddresses({ clientId }: { clientId: string }) {
  const request = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const allow = useAction();
  const headingId = useId();
  const unsubscribed = useApiQuery(queryKeys.reportUnsubscribes(clientId), (request, signal) =>
    api.listReportUnsubscribes(request, clientId, signal),
  );
  if (unsubscribed.data === undefined || unsubscribed.data.length === 0) {
    return null;
  }
  const manager = isManager(session.role);
  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId}>Unsubscribed</h4>
      <p className="hint">
        These addresses left the client’s reports by their e-mail’s link; no schedule takes them again
        {manager ? ' unless you allow one again (only when its owner asks).' : ' unless an owner or admin allows it.'}
      </p>
      <ul className="plain-list">
        {unsubscribed.data.map((entry) => (
          <li key={entry.address}>
            {entry.address} <span className="hint">since {formatDate(entry.unsubscribedAt)}</span>{' '}
            {manager && (
              <button
                type="button"
                className="button-secondary"
                disabled={allow.pending}
                aria-label={`Allow ${entry.address} again`}
                onClick={() => {
                  void allow.run(async () => {
                    await api.allowReportRecipientAgain(request, clientId, entry.address);
                    await queryClient.invalidateQueries({ queryKey: queryKeys.reportUnsubscribes(clientId) });
                  });
                }}
              >
                Allow again
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert message={allow.error} />
    </section>
  );
}

function ScheduleItem({ clientId, schedule, zone }: { clientId: string; schedule: ReportSchedule; zone: string }) {
  const request = useApi();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [sent, setSent] = useState('');
  const send = useAction();
  const remove = useAction();
  const cadence = cadenceText(schedule);

  if (mode === 'edit') {
    return (
      <li>
        <ScheduleForm
          clientId={clientId}
          zone={zone}
          schedule={schedule}
          onDone={() => {
            setMode('view');
          }}
        />
      </li>
    );
  }
  return (
    <li aria-label={`Schedule: ${cadence}`}>
      <p>
        <strong>{cadence}</strong> ({zone}) to {schedule.recipients.join(', ')}
        {schedule.review && ' · waits for review'}
      </p>
      <p className="hint">Next: {formatDateTime(schedule.nextRunAt)}</p>
      {mode === 'delete' ? (
        <ConfirmDelete
          label={`Confirm deleting the schedule: ${cadence}`}
          question={`Delete the schedule “${cadence}”?`}
          error={remove.error}
          pending={remove.pending}
          onConfirm={() => {
            void remove.run(async () => {
              await api.deleteReportSchedule(request, clientId, schedule.id);
              await queryClient.invalidateQueries({ queryKey: queryKeys.reportSchedules(clientId) });
            });
          }}
          onCancel={() => {
            setMode('view');
          }}
        />
      ) : (
        <div className="form-actions">
          <button
            type="button"
            disabled={send.pending}
            aria-label={`Send now: ${cadence}`}
            onClick={() => {
              setSent('');
              void send.run(async () => {
                const answer = await api.sendReportNow(request, clientId, schedule.id);
                const count = answer.deliveries?.length ?? 0;
                setSent(`Sent the report of ${answer.from ?? ''} to ${answer.to ?? ''} to ${String(count)} recipient${count === 1 ? '' : 's'}.`);
              });
            }}
          >
            Send now
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-label={`Edit schedule: ${cadence}`}
            onClick={() => {
              setMode('edit');
            }}
          >
            Edit
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-label={`Delete schedule: ${cadence}`}
            onClick={() => {
              setMode('delete');
            }}
          >
            Delete
          </button>
        </div>
      )}
      <ErrorAlert message={send.error} />
      {sent !== '' && <p role="status">{sent}</p>}
    </li>
  );
}

function ScheduleForm({ clientId, zone, schedule, onDone }: {
  clientId: string;
  zone: string;
  /** The schedule edited; a new one when undefined. */
  schedule?: ReportSchedule;
  onDone: () => void;
}) {
  const ids = useId();
  const request = useApi();
  const queryClient = useQueryClient();
  const save = useAction();
  const [draft, setDraft] = useState<ScheduleDraft>(schedule === undefined ? NEW_SCHEDULE : draftOf(schedule));
  const change = (part: Partial<ScheduleDraft>) => {
    setDraft((current) => ({ ...current, ...part }));
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = draftProblem(draft);
    if (problem !== null) {
      save.setError(problem);
      return;
    }
    const done = await save.run(async () => {
      await (schedule === undefined
        ? api.createReportSchedule(request, clientId, writeOf(draft))
        : api.updateReportSchedule(request, clientId, schedule.id, writeOf(draft)));
      await queryClient.invalidateQueries({ queryKey: queryKeys.reportSchedules(clientId) });
    });
    if (done) {
      onDone();
    }
  };

  return (
    <form
      className="form"
      aria-label={schedule === undefined ? 'New report schedule' : 'Edit report schedule'}
      onSubmit={(event) => void onSubmit(event)}
    >
      <SelectField
        id={`${ids}-frequency`}
        label="Frequency"
        value={draft.frequency}
        options={FREQUENCIES}
        onChange={(frequency) => {
          change({ frequency });
        }}
      />
      {draft.frequency === 'weekly' ? (
        <SelectField
          id={`${ids}-weekday`}
          label="Day of the week"
          value={String(draft.dayOfWeek)}
          options={WEEKDAY_OPTIONS}
          onChange={(day) => {
            change({ dayOfWeek: Number(day) });
          }}
        />
      ) : (
        <SelectField
          id={`${ids}-monthday`}
          label="Day of the month"
          value={String(draft.dayOfMonth)}
          options={MONTH_DAY_OPTIONS}
          onChange={(day) => {
            change({ dayOfMonth: Number(day) });
          }}
        />
      )}
      <SelectField
        id={`${ids}-hour`}
        label="Hour"
        hint={`In ${zone}.`}
        value={String(draft.hour)}
        options={HOUR_OPTIONS}
        onChange={(hour) => {
          change({ hour: Number(hour) });
        }}
      />
      <div className="field">
        <label htmlFor={`${ids}-recipients`}>Recipients</label>
        <textarea
          id={`${ids}-recipients`}
          rows={3}
          aria-describedby={`${ids}-recipients-hint`}
          value={draft.recipients}
          onChange={(event) => {
            change({ recipients: event.target.value });
          }}
        />
        <p id={`${ids}-recipients-hint`} className="hint">
          E-mail addresses, one a line or separated by commas.
        </p>
      </div>
      <div className="checkbox">
        <input
          type="checkbox"
          id={`${ids}-review`}
          checked={draft.review}
          onChange={(event) => {
            change({ review: event.target.checked });
          }}
        />
        <label htmlFor={`${ids}-review`}>Review each report before it is sent</label>
      </div>
      <FormFooter action={save} submitLabel={schedule === undefined ? 'Create schedule' : 'Save schedule'}>
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
      </FormFooter>
    </form>
  );
}
