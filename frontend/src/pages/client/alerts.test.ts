import { describe, expect, it } from 'vitest';
import type { Alert, AlertRule } from '../../api/types.ts';
import { CATALOGUE } from '../../test/clientPageFixtures.ts';
import { alertRuleChange, alertChange } from '../../live/types.ts';
import { applyAlertChange, applyRuleChange, ruleFormProblem, ruleText } from './alerts.ts';

const base = { kind: 'threshold', metric: 'web.bounce_rate', direction: 'above', threshold: 0.6 } as const;

describe('alert rules in words', () => {
  it('names the subject, the side and the value by its unit', () => {
    expect(ruleText(base, CATALOGUE)).toBe('Bounce rate above 60%');
    expect(ruleText({ ...base, metric: 'score', direction: 'below', threshold: 40 }, CATALOGUE)).toBe('Zoom Factor below 40.0');
    expect(ruleText({ kind: 'adaptive', metric: 'web.pageviews', direction: 'below', threshold: null }, CATALOGUE)).toBe(
      'Page views leaving its normal band downwards',
    );
  });

  it('checks the form: a threshold needs a number and a side; an adaptive rule a metric', () => {
    expect(ruleFormProblem({ kind: 'threshold', metric: 'score', direction: 'above', threshold: '' })).toBe('Enter the threshold as a number.');
    expect(ruleFormProblem({ kind: 'threshold', metric: 'score', direction: 'either', threshold: '3' })).toMatch(/above or below/);
    expect(ruleFormProblem({ kind: 'threshold', metric: 'score', direction: 'above', threshold: '3' })).toBeNull();
    expect(ruleFormProblem({ kind: 'adaptive', metric: 'score', direction: 'either', threshold: '' })).toMatch(/watches a metric/);
    expect(ruleFormProblem({ kind: 'adaptive', metric: 'web.pageviews', direction: 'either', threshold: '' })).toBeNull();
  });
});

describe('alert changes', () => {
  const fired = { id: 'a-1', day: '2026-11-25', message: 'm', state: 'open', firedAt: '2026-11-25T10:00:00Z' } as unknown as Alert;

  it('reads live alert and rule events, refusing what is not one', () => {
    expect(alertChange({ action: 'fired', alert: fired })).toEqual({ action: 'fired', alert: { ...fired, acknowledgement: null } });
    expect(alertChange({ action: 'fired', alert: { id: 'a-1' } })).toBeNull();
    expect(alertChange({ action: 'exploded', alert: fired })).toBeNull();
    expect(alertRuleChange({ action: 'deleted', id: 'r-1' })).toEqual({ action: 'deleted', id: 'r-1' });
    expect(alertRuleChange({ action: 'created', rule: { id: 'r-1', kind: 'adaptive', metric: 'm' } })).not.toBeNull();
    expect(alertRuleChange('nope')).toBeNull();
  });

  it('keeps alerts newest first and rules oldest first, each once', () => {
    const older = { ...fired, id: 'a-0', firedAt: '2026-11-20T10:00:00Z' };
    const list = applyAlertChange(applyAlertChange([older], { action: 'fired', alert: fired }), { action: 'fired', alert: fired });
    expect(list.map((a) => a.id)).toEqual(['a-1', 'a-0']);
    const r1 = { id: 'r-1', createdAt: '2026-11-01T00:00:00Z' } as AlertRule;
    const r2 = { id: 'r-2', createdAt: '2026-11-02T00:00:00Z' } as AlertRule;
    expect(applyRuleChange([r2], { action: 'created', rule: r1 }).map((r) => r.id)).toEqual(['r-1', 'r-2']);
    expect(applyRuleChange([r1, r2], { action: 'deleted', id: 'r-1' }).map((r) => r.id)).toEqual(['r-2']);
  });
});
