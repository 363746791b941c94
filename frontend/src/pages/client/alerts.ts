import type { Alert, AlertDirection, AlertRule, AlertRuleKind, Metric } from '../../api/types.ts';
import type { AlertChange, AlertRuleChange } from '../../live/types.ts';
import { formatDateTime } from '../format.ts';
import { goalValue, SCORE, subjectLabel } from './goals.ts';

const BAND_WAY: Record<AlertDirection, string> = { above: ' upwards', below: ' downwards', either: '' };

/** A rule in words: "Page views above 1,500", "Zoom Factor below 40.0", "Bounce rate leaving its normal band upwards". */
export function ruleText(rule: Pick<AlertRule, 'kind' | 'metric' | 'direction' | 'threshold'>, catalogue: readonly Metric[]): string {
  const subject = subjectLabel(rule.metric, catalogue);
  if (rule.kind === 'threshold') {
    return `${subject} ${rule.direction} ${goalValue(rule.threshold, rule.metric, catalogue)}`;
  }
  return `${subject} leaving its normal band${BAND_WAY[rule.direction]}`;
}

/** What the rule form holds (the threshold as typed). */
export type RuleFields = { kind: AlertRuleKind; metric: string; direction: AlertDirection; threshold: string };

/** The fields' problem in words, or null when they can be sent. */
export function ruleFormProblem(fields: RuleFields): string | null {
  if (fields.kind === 'adaptive') {
    return fields.metric === SCORE ? 'An adaptive alert watches a metric: choose one, or give the Zoom Factor a threshold.' : null;
  }
  if (fields.direction === 'either') {
    return 'A threshold is crossed upwards or downwards: choose above or below.';
  }
  if (fields.threshold.trim() === '' || !Number.isFinite(Number(fields.threshold))) {
    return 'Enter the threshold as a number.';
  }
  return null;
}

/** The state of an alert in words: "Open", or "Acknowledged by Ada on 26 Nov 2026, 12:00: Newsletter went out". */
export function alertStateText(alert: Alert): string {
  const ack = alert.acknowledgement;
  if (alert.state !== 'acknowledged' || ack === null) {
    return 'Open';
  }
  const note = ack.note === null || ack.note === '' ? '' : `: ${ack.note}`;
  return `Acknowledged by ${ack.name ?? 'someone'} on ${formatDateTime(ack.at)}${note}`;
}

/** Newest first, as the server lists them. */
function newestFirst(a: Alert, b: Alert): number {
  return b.firedAt.localeCompare(a.firedAt) || b.day.localeCompare(a.day);
}

/**
 * The alerts after a change (a live event or our own acknowledgement), by id: never shown twice, and an
 * acknowledgement is never undone by a late "fired" event (an alert is acknowledged once, for good).
 */
export function applyAlertChange(list: readonly Alert[], change: AlertChange): Alert[] {
  const shown = list.find((a) => a.id === change.alert.id);
  if (shown?.state === 'acknowledged' && change.alert.state !== 'acknowledged') {
    return [...list];
  }
  return [...list.filter((a) => a.id !== change.alert.id), change.alert].sort(newestFirst);
}

/** The alerts once a rule is gone: the server deletes the alerts it fired with it. */
export function withoutRule(list: readonly Alert[], ruleId: string): Alert[] {
  return list.filter((a) => a.ruleId !== ruleId);
}

/** The rules after a change, oldest first, by id. */
export function applyRuleChange(list: readonly AlertRule[], change: AlertRuleChange): AlertRule[] {
  if (change.action === 'deleted') {
    return list.filter((r) => r.id !== change.id);
  }
  const { rule } = change;
  // a late event must not undo a newer change (e.g. our own answer to a PATCH that arrived first)
  const shown = list.find((r) => r.id === rule.id);
  if (shown !== undefined && shown.updatedAt > rule.updatedAt) {
    return [...list];
  }
  return [...list.filter((r) => r.id !== rule.id), rule].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
