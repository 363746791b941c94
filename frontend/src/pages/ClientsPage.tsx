import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { channelLabel } from '../api/constants.ts';
import { api } from '../api/endpoints.ts';
import type { Client } from '../api/types.ts';
import { canWriteClients, isManager, useApi, useSession } from '../auth/SessionContext.ts';
import { ErrorAlert } from '../components/Feedback.tsx';
import { LoadedList } from '../components/LoadedList.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useApiGet } from '../hooks/useApiGet.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { ClientForm, EMPTY_CLIENT, valuesOf, type ClientValues } from './clients/ClientForm.tsx';

/** What one row is doing: at most one row is being edited or asking to confirm a delete. */
type RowMode = { kind: 'edit'; id: string } | { kind: 'confirm-delete'; id: string } | null;

function byName(a: Client, b: Client): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

export function ClientsPage() {
  usePageTitle('Clients');
  const { role, clientId } = useSession();
  const request = useApi();
  const { state, reload, update } = useApiGet(api.listClients);
  const [mode, setMode] = useState<RowMode>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const headingId = useId();
  const canWrite = canWriteClients(role);
  const canDelete = isManager(role);

  const create = async (values: ClientValues) => {
    const created = await api.createClient(request, {
      name: values.name,
      ...(values.website === '' ? {} : { website: values.website }),
      timeZone: values.timeZone,
      channels: values.channels,
    });
    update((clients) => [...clients, created]);
    setNotice(`Added ${created.name}.`);
  };

  const save = async (id: string, values: ClientValues) => {
    const saved = await api.updateClient(request, id, {
      name: values.name,
      website: values.website === '' ? null : values.website,
      timeZone: values.timeZone,
      channels: values.channels,
    });
    update((clients) => clients.map((c) => (c.id === saved.id ? saved : c)));
    setMode(null);
    setNotice(`Saved ${saved.name}.`);
  };

  const removed = (client: Client) => {
    update((clients) => clients.filter((c) => c.id !== client.id));
    setMode(null);
    setNotice(`Deleted ${client.name}.`);
  };

  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Clients</h2>
      {clientId !== null && <p className="muted">You have access to one client of this agency.</p>}
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <LoadedList
        state={state}
        reload={reload}
        loadingLabel="Loading clients…"
        empty={<>No clients yet{canWrite ? ': add the first one below.' : '.'}</>}
      >
        {(clients) => (
          <ul className="card-list" aria-label="Clients">
            {[...clients].sort(byName).map((client) => (
              <li key={client.id} className="card">
                {mode?.kind === 'edit' && mode.id === client.id ? (
                  <>
                    <h3 className="card-title">Edit {client.name}</h3>
                    <ClientForm
                      initial={valuesOf(client)}
                      submitLabel="Save"
                      autoFocus
                      onSubmit={(values) => save(client.id, values)}
                      onCancel={() => {
                        setMode(null);
                      }}
                    />
                  </>
                ) : (
                  <ClientCard
                    client={client}
                    canWrite={canWrite}
                    canDelete={canDelete}
                    confirming={mode?.kind === 'confirm-delete' && mode.id === client.id}
                    onEdit={() => {
                      setNotice(null);
                      setMode({ kind: 'edit', id: client.id });
                    }}
                    onAskDelete={() => {
                      setNotice(null);
                      setMode({ kind: 'confirm-delete', id: client.id });
                    }}
                    onCancelDelete={() => {
                      setMode(null);
                    }}
                    onDeleted={() => {
                      removed(client);
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </LoadedList>
      {/* Hidden while a client is edited, so that each field label appears once on the page. */}
      {canWrite && state.kind === 'loaded' && mode?.kind !== 'edit' && (
        <section className="panel" aria-labelledby={`${headingId}-add`}>
          <h3 id={`${headingId}-add`}>Add a client</h3>
          <ClientForm initial={EMPTY_CLIENT} submitLabel="Add client" onSubmit={create} resetOnSuccess />
        </section>
      )}
    </section>
  );
}

type CardProps = {
  client: Client;
  canWrite: boolean;
  canDelete: boolean;
  confirming: boolean;
  onEdit: () => void;
  onAskDelete: () => void;
  onCancelDelete: () => void;
  onDeleted: () => void;
};

function ClientCard({ client, canWrite, canDelete, confirming, onEdit, onAskDelete, onCancelDelete, onDeleted }: CardProps) {
  const request = useApi();
  const remove = useAction();

  const confirmDelete = async () => {
    if (await remove.run(() => api.deleteClient(request, client.id))) {
      onDeleted();
    }
  };

  return (
    <>
      <h3 className="card-title">
        <Link to={`/clients/${encodeURIComponent(client.id)}`}>{client.name}</Link>
      </h3>
      <dl className="facts">
        <div>
          <dt>Website</dt>
          <dd>{client.website === null || client.website === '' ? '—' : <Website url={client.website} />}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{client.timeZone}</dd>
        </div>
        <div>
          <dt>Channels</dt>
          <dd>{client.channels.length === 0 ? 'none' : client.channels.map(channelLabel).join(', ')}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm deleting ${client.name}`}>
          <p>Delete {client.name} and everything measured for it? This cannot be undone.</p>
          <ErrorAlert message={remove.error} />
          <div className="form-actions">
            <button type="button" className="button-danger" onClick={() => void confirmDelete()} disabled={remove.pending}>
              Confirm delete
            </button>
            <button type="button" className="button-secondary" onClick={onCancelDelete}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        (canWrite || canDelete) && (
          <div className="form-actions">
            {canWrite && (
              <button type="button" className="button-secondary" aria-label={`Edit ${client.name}`} onClick={onEdit}>
                Edit
              </button>
            )}
            {canDelete && (
              <button type="button" className="button-danger-outline" aria-label={`Delete ${client.name}`} onClick={onAskDelete}>
                Delete
              </button>
            )}
          </div>
        )
      )}
    </>
  );
}

/** A client's website: a link when it is an http(s) URL, plain text otherwise. */
function Website({ url }: { url: string }) {
  let href: string | null = null;
  try {
    const parsed = new URL(url);
    href = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    href = null;
  }
  return href === null ? (
    <>{url}</>
  ) : (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {url}
    </a>
  );
}
