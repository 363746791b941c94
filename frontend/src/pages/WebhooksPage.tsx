import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { api } from '../api/endpoints.ts';
import type { CreatedWebhook, Webhook, WebhookEvent } from '../api/types.ts';
import { useApi } from '../auth/SessionContext.ts';
import { ConfirmDelete } from '../components/ConfirmDelete.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { DeliveryTable } from '../components/DeliveryTable.tsx';
import { ErrorAlert, LoadError, Loading } from '../components/Feedback.tsx';
import { CheckboxGroup, FormFooter, SelectField, TextField, toggled, type CheckboxOption } from '../components/FormFields.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { queryKeys } from '../query/keys.ts';
import { useApiQuery } from '../query/useApiQuery.ts';
import { formatDateTime } from './format.ts';

const EVENTS: readonly CheckboxOption<WebhookEvent>[] = [
  { value: 'alert.fired', label: 'An alert fires', hint: '(alert rules with the webhook channel)' },
  { value: 'goal.reached', label: 'A goal is reached' },
];

const FORMATS: Record<Webhook['format'], string> = {
  json: 'signed JSON',
  slack: 'Slack message',
  teams: 'Teams message',
};

/** Every client's events: the select's value for no client. */
const ALL_CLIENTS = '';

/**
 * The agency's webhooks: where alerts and reached goals are posted (an endpoint of the agency's, or a Slack or Teams
 * incoming webhook), each call signed with the webhook's secret, shown once when it is made; a test call, and the log
 * of every call with its status codes.
 */
export function WebhooksPage() {
  usePageTitle('Webhooks');
  const headingId = useId();
  const webhooks = useApiQuery(queryKeys.webhooks(), (request, signal) => api.listWebhooks(request, signal));
  const clients = useApiQuery(queryKeys.clients(), (request, signal) => api.listClients(request, signal));
  const names = new Map((clients.data ?? []).map((client) => [client.id, client.name]));
  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Webhooks</h2>
      <p className="hint">
        Alerts and goals posted to a URL as they happen. Each call carries an <code>X-ZoomFactor-Signature</code> (an
        HMAC-SHA256 of the body under the webhook’s secret) to check it came from here.
      </p>
      <CreateWebhook clients={clients.data ?? []} />
      {webhooks.isPending && <Loading label="Loading the webhooks…" />}
      {webhooks.isError && <LoadError message={webhooks.error.message} onRetry={() => void webhooks.refetch()} />}
      {webhooks.data?.length === 0 && <p>No webhook yet.</p>}
      {webhooks.data !== undefined && webhooks.data.length > 0 && (
        <ul className="card-list" aria-label="Webhooks">
          {webhooks.data.map((webhook) => (
            <WebhookItem
              key={webhook.id}
              webhook={webhook}
              clientName={webhook.clientId === null ? null : (names.get(webhook.clientId) ?? 'a client')}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateWebhook({ clients }: { clients: { id: string; name: string }[] }) {
  const ids = useId();
  const request = useApi();
  const queryClient = useQueryClient();
  const submit = useAction();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['alert.fired']);
  const [clientId, setClientId] = useState(ALL_CLIENTS);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const clientOptions = [
    { value: ALL_CLIENTS, label: 'Every client' },
    ...clients.map((client) => ({ value: client.id, label: client.name })),
  ];

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    if (events.length === 0) {
      submit.setError('Choose at least one event.');
      return;
    }
    await submit.run(async () => {
      const webhook = await api.createWebhook(request, {
        url: url.trim(),
        events,
        ...(clientId === ALL_CLIENTS ? {} : { clientId }),
      });
      setCreated(webhook);
      setUrl('');
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks() });
    });
  };

  return (
    <section className="panel" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Add a webhook</h3>
      <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submit.pending}>
        <TextField
          id={`${ids}-url`}
          label="URL"
          type="url"
          required
          placeholder="https://hooks.slack.com/services/…"
          hint="Your endpoint, or a Slack or Microsoft Teams incoming webhook (which get a message they show)."
          value={url}
          onChange={setUrl}
        />
        <CheckboxGroup
          idPrefix={`${ids}-event`}
          legend="Events"
          options={EVENTS}
          checked={events}
          onToggle={(value, on) => {
            setEvents((current) => toggled(current, value, on));
          }}
        />
        <SelectField id={`${ids}-client`} label="Client" value={clientId} options={clientOptions} onChange={setClientId} />
        <FormFooter action={submit} submitLabel="Add webhook" />
      </form>
      {created !== null && (
        <div className="secret" aria-live="polite">
          <p>
            Webhook to <strong>{created.url}</strong> added. Its signing secret —{' '}
            <strong>copy it now: it will not be shown again</strong>:
          </p>
          <code className="secret-value" data-testid="webhook-secret">
            {created.secret}
          </code>
          <CopyButton text={created.secret} label="Copy secret" />
        </div>
      )}
    </section>
  );
}

function WebhookItem({ webhook, clientName }: { webhook: Webhook; clientName: string | null }) {
  const request = useApi();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'view' | 'delete'>('view');
  const [showLog, setShowLog] = useState(false);
  const [tested, setTested] = useState(false);
  const test = useAction();
  const remove = useAction();
  const what = `webhook to ${webhook.url}`;
  return (
    <li className="card" aria-label={`Webhook to ${webhook.url}`}>
      <p>
        <strong>{webhook.url}</strong> · {webhook.events.join(', ')} · {clientName === null ? 'every client' : clientName}{' '}
        · {FORMATS[webhook.format]}
      </p>
      <p className="hint">Added {formatDateTime(webhook.createdAt)}</p>
      {mode === 'delete' ? (
        <ConfirmDelete
          label={`Confirm deleting the ${what}`}
          question={`Delete the ${what}?`}
          error={remove.error}
          pending={remove.pending}
          onConfirm={() => {
            void remove.run(async () => {
              await api.deleteWebhook(request, webhook.id);
              await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks() });
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
            disabled={test.pending}
            aria-label={`Send a test to the ${what}`}
            onClick={() => {
              setTested(false);
              void test.run(async () => {
                await api.testWebhook(request, webhook.id);
                setTested(true);
                setShowLog(true);
                await queryClient.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(webhook.id) });
              });
            }}
          >
            Send a test
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-expanded={showLog}
            aria-label={`Deliveries of the ${what}`}
            onClick={() => {
              setShowLog((shown) => !shown);
            }}
          >
            Deliveries
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-label={`Delete the ${what}`}
            onClick={() => {
              setMode('delete');
            }}
          >
            Delete
          </button>
        </div>
      )}
      <ErrorAlert message={test.error} />
      {tested && <p role="status">Test call queued: its answer shows in the deliveries.</p>}
      {showLog && <WebhookLog webhook={webhook} />}
    </li>
  );
}

function WebhookLog({ webhook }: { webhook: Webhook }) {
  const log = useApiQuery(
    queryKeys.webhookDeliveries(webhook.id),
    (request, signal) => api.webhookDeliveries(request, webhook.id, signal),
    // a call is answered within seconds, and retries come later: the open log keeps looking
    { refetchInterval: 3000 },
  );
  if (log.isPending) {
    return <Loading label="Loading the deliveries…" />;
  }
  if (log.isError) {
    return <LoadError message={log.error.message} onRetry={() => void log.refetch()} />;
  }
  return log.data.length === 0 ? (
    <p>No call yet.</p>
  ) : (
    <DeliveryTable deliveries={log.data} caption={`Calls to ${webhook.url}`} />
  );
}
