import type { Goal, Metric } from '../../api/types.ts';
import { formatDay } from '../format.ts';
import { goalValue, progressPercent, statusText, subjectLabel } from '../client/goals.ts';

/** The goals of one client in its portfolio card: subject, target by deadline, status and progress in words. */
export function PortfolioGoals({ goals, catalogue }: { goals: readonly Goal[]; catalogue: readonly Metric[] }) {
  if (goals.length === 0) {
    return <p className="portfolio-goals muted">No goals set.</p>;
  }
  return (
    <div className="portfolio-goals">
      <h4>Goals</h4>
      <ul>
        {goals.map((goal) => {
          const percent = progressPercent(goal.progress);
          return (
            <li key={goal.id} className={`goal-${goal.status.replace(/_/g, '-')}`} data-testid={`portfolio-goal-${goal.id}`}>
              {subjectLabel(goal.metric, catalogue)} {goalValue(goal.target, goal.metric, catalogue)} by{' '}
              <time dateTime={goal.deadline}>{formatDay(goal.deadline)}</time>:{' '}
              <span className="goal-status">{statusText(goal, catalogue)}</span>
              {percent !== null && <span className="muted"> ({percent}% of the way)</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Goals by client id, each client's by deadline (the server's order). */
export function goalsByClient(goals: readonly Goal[]): Map<string, Goal[]> {
  const byClient = new Map<string, Goal[]>();
  for (const goal of goals) {
    const list = byClient.get(goal.clientId);
    if (list === undefined) {
      byClient.set(goal.clientId, [goal]);
    } else {
      list.push(goal);
    }
  }
  return byClient;
}
