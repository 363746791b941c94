import type { Delivery } from '../api/types.ts';
import { formatDateTime } from '../pages/format.ts';

const STATES: Record<Delivery['state'], string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** A delivery's latest answer: the HTTP status or SMTP code, else the error, else nothing yet. */
export function lastAnswer(delivery: Pick<Delivery, 'lastStatus' | 'lastError'>): string {
  if (delivery.lastStatus !== null && delivery.lastError !== null) {
    return `${String(delivery.lastStatus)} · ${delivery.lastError}`;
  }
  if (delivery.lastStatus !== null) {
    return String(delivery.lastStatus);
  }
  return delivery.lastError ?? '—';
}

/**
 * Outbox deliveries as a table, one row per recipient (an e-mail address or a webhook): what, to whom, its state, the
 * attempts made and the last answer, with every attempt's status code in the row's details.
 */
export function DeliveryTable({ deliveries, caption }: { deliveries: Delivery[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">What</th>
            <th scope="col">To</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id} data-state={delivery.state}>
              <td>{formatDateTime(delivery.createdAt)}</td>
              <td>
                {delivery.kind}
                {delivery.subject !== null && <span className="hint-inline"> {delivery.subject}</span>}
              </td>
              <td>{delivery.recipient}</td>
              <td>
                {STATES[delivery.state]}
                {delivery.state === 'pending' && delivery.nextAttemptAt !== null && (
                  <span className="hint-inline"> next try {formatDateTime(delivery.nextAttemptAt)}</span>
                )}
              </td>
              <td>
                {`${String(delivery.attempts)} of ${String(delivery.maxAttempts)}`}
                {delivery.log.length > 0 && (
                  <details>
                    <summary>Attempts</summary>
                    <ol>
                      {delivery.log.map((attempt) => (
                        <li key={attempt.attempt}>
                          {formatDateTime(attempt.at)}: {attempt.status === null ? 'no answer' : String(attempt.status)}
                          {attempt.error !== null && ` · ${attempt.error}`} ({String(attempt.durationMs)} ms)
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </td>
              <td>{lastAnswer(delivery)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
