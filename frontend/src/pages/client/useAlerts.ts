import { useCallback } from 'react';
import { api, type Requester } from '../../api/endpoints.ts';
import type { Alert, AlertRule } from '../../api/types.ts';
import { useApiGet, type LoadState } from '../../hooks/useApiGet.ts';
import type { AlertChange, AlertRuleChange } from '../../live/types.ts';
import { applyAlertChange, applyRuleChange, withoutRule } from './alerts.ts';

export type Alerts = {
  rules: LoadState<AlertRule[]>;
  alerts: LoadState<Alert[]>;
  reload: () => void;
  /** Applies a change in place, without a refetch. */
  applyRule: (change: AlertRuleChange) => void;
  applyAlert: (change: AlertChange) => void;
};

/** A client's alert rules and fired alerts (loaded once; changes are applied in place). */
export function useAlerts(clientId: string): Alerts {
  const loadRules = useCallback((request: Requester, signal: AbortSignal) => api.listAlertRules(request, clientId, signal), [clientId]);
  const loadAlerts = useCallback((request: Requester, signal: AbortSignal) => api.listAlerts(request, clientId, signal), [clientId]);
  const rules = useApiGet(loadRules);
  const alerts = useApiGet(loadAlerts);
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
