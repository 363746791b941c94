import type { ReportSchedule, ReportScheduleWrite } from '../../api/types.ts';

/** 1 Monday … 7 Sunday, as the API counts days of the week. */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Monthly schedules run on a day every month has. */
export const LAST_DAY_OF_MONTH = 28;

/** The server's bound on recipients of one schedule. */
export const MAX_RECIPIENTS = 100;

/** What the schedule form edits, as text and choices. */
export type ScheduleDraft = {
  frequency: 'weekly' | 'monthly';
  dayOfWeek: number;
  dayOfMonth: number;
  hour: number;
  recipients: string;
  review: boolean;
};

export const NEW_SCHEDULE: ScheduleDraft = {
  frequency: 'weekly',
  dayOfWeek: 1,
  dayOfMonth: 1,
  hour: 9,
  recipients: '',
  review: false,
};

/** A stored schedule as the form shows it. */
export function draftOf(schedule: ReportSchedule): ScheduleDraft {
  return {
    frequency: schedule.frequency,
    dayOfWeek: schedule.dayOfWeek ?? 1,
    dayOfMonth: schedule.dayOfMonth ?? 1,
    hour: schedule.hour,
    recipients: schedule.recipients.join('\n'),
    review: schedule.review,
  };
}

/** The addresses typed, split on commas, semicolons, spaces and lines, repeats (case aside) once. */
export function parseRecipients(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const address of text.split(/[\s,;]+/)) {
    if (address !== '' && !seen.has(address.toLowerCase())) {
      seen.add(address.toLowerCase());
      out.push(address);
    }
  }
  return out;
}

/** What is wrong with the draft before it is sent, or null; the server checks again. */
export function draftProblem(draft: ScheduleDraft): string | null {
  const recipients = parseRecipients(draft.recipients);
  if (recipients.length === 0) {
    return 'Add at least one recipient.';
  }
  if (recipients.length > MAX_RECIPIENTS) {
    return `A report goes to at most ${String(MAX_RECIPIENTS)} recipients.`;
  }
  const bad = recipients.find((address) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address));
  return bad === undefined ? null : `“${bad}” is not an e-mail address.`;
}

/** The request body of a draft: only the day its frequency uses. */
export function writeOf(draft: ScheduleDraft): ReportScheduleWrite {
  return {
    frequency: draft.frequency,
    dayOfWeek: draft.frequency === 'weekly' ? draft.dayOfWeek : null,
    dayOfMonth: draft.frequency === 'monthly' ? draft.dayOfMonth : null,
    hour: draft.hour,
    recipients: parseRecipients(draft.recipients),
    review: draft.review,
  };
}

/** `09:00`. */
export function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "Every Monday at 09:00" or "On day 2 of every month at 08:00". */
export function cadenceText(schedule: Pick<ReportSchedule, 'frequency' | 'dayOfWeek' | 'dayOfMonth' | 'hour'>): string {
  if (schedule.frequency === 'weekly') {
    return `Every ${WEEKDAYS[(schedule.dayOfWeek ?? 1) - 1] ?? 'week'} at ${hourText(schedule.hour)}`;
  }
  return `On day ${String(schedule.dayOfMonth ?? 1)} of every month at ${hourText(schedule.hour)}`;
}
