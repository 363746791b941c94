import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Alert, AlertRule } from '../../api/types.ts';
import type { LoadState } from '../../query/loadState.ts';
import type { AlertChange, AlertRuleChange } from '../../live/types.ts';
import { queryKeys } from '../../query/keys.ts';
import { useQueryResource } from '../../query/useQueryResource.ts';
import { applyAlertChange, applyRuleChange, withoutRule } from './alerts.ts';

export type Alerts = {
  rules: LoadState<AlertRule[]>;
  alerts: LoadState<Alert[]>;
  reload: () => void;
  /** Apply a change to the cached lists, without a refetch (our own answer; a live event until the bridge does it). */
  applyRule: (change: AlertRuleChange) => void;
  applyAlert: (change: AlertChange) => void;
};

/** A client's alert rules and fired alerts, cached under `queryKeys.alertRules` and `alerts` (changes applied in place). */
export function useAlerts(clientId: string): Alerts {
  const loadRules = useCallback((request: Requester, signal: AbortSignal) => api.listAlertRules(request, clientId, signal), [clientId]);
  const loadAlerts = useCallback((request: Requester, signal: AbortSignal) => api.listAlerts(request, clientId, signal), [clientId]);
  const rules = useQueryResource(queryKeys.alertRules(clientId), loadRules);
  const alerts = useQueryResource(queryKeys.alerts(clientId), loadAlerts);
  const { update: updateRules, reload: reloadRules } = rules;
  const { update: updateAlerts, reload: reloadAlerts } = alerts;
  const applyRule = useCallback(
    (change: AlertRuleChange) => {
      updateRules((list) => applyRuleChange(list, change));
      if (change.action === 'deleted') {
        updateAlerts((list) => withoutRule(list, change.id));
      }
    },
    [updateRules, updateAlerts],
  );
  const applyAlert = useCallback(
    (change: AlertChange) => {
      updateAlerts((list) => applyAlertChange(list, change));
    },
    [updateAlerts],
  );
  const reload = useCallback(() => {
    reloadRules();
    reloadAlerts();
  }, [reloadRules, reloadAlerts]);
  return { rules: rules.state, alerts: alerts.state, reload, applyRule, applyAlert };
}
