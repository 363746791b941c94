import { useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import type { DeliveryState } from '../api/types.ts';
import { DeliveryTable } from '../components/DeliveryTable.tsx';
import { LoadError, Loading } from '../components/Feedback.tsx';
import { SelectField, type SelectOption } from '../components/FormFields.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { queryKeys } from '../query/keys.ts';
import { useApiQuery } from '../query/useApiQuery.ts';

type Filter = DeliveryState | 'all';

const FILTERS: readonly SelectOption<Filter>[] = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'failed', label: 'Failed' },
];

/**
 * The agency's outbox: every e-mail (one per recipient) and webhook call, newest first, with its state, attempts and
 * last error, filtered by state: where to look when someone says a report or an alert never came.
 */
export function DeliveriesPage() {
  usePageTitle('Deliveries');
  const headingId = useId();
  const ids = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const state = filter === 'all' ? undefined : filter;
  const deliveries = useApiQuery(queryKeys.deliveries({ state: state ?? null }), (request, signal) =>
    api.listDeliveries(request, state, signal),
  );
  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Deliveries</h2>
      <p className="hint">
        E-mails and webhook calls of the last 90 days, the newest 200. A failed attempt is tried again, up to 10 times
        over about 17 hours.
      </p>
      <SelectField id={`${ids}-state`} label="State" value={filter} options={FILTERS} onChange={setFilter} />
      {deliveries.isPending && <Loading label="Loading the deliveries…" />}
      {deliveries.isError && <LoadError message={deliveries.error.message} onRetry={() => void deliveries.refetch()} />}
      {deliveries.data?.length === 0 && <p>Nothing {filter === 'all' ? 'was sent' : `is ${filter}`} yet.</p>}
      {deliveries.data !== undefined && deliveries.data.length > 0 && (
        <DeliveryTable deliveries={deliveries.data} caption="Deliveries, newest first" />
      )}
    </section>
  );
}
