import { useId, useState, type SubmitEvent } from 'react';
import { TOKEN_SCOPES } from '../api/constants.ts';
import { api } from '../api/endpoints.ts';
import type { ApiToken, CreatedApiToken, TokenScope } from '../api/types.ts';
import { isManager, useApi, useSession } from '../auth/SessionContext.ts';
import { ActionButton } from '../components/ActionButton.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { CheckboxGroup, FormFooter, TextField, toggled, type CheckboxOption } from '../components/FormFields.tsx';
import { LoadedList } from '../components/LoadedList.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { formatDate, formatDateTime } from './format.ts';
import { queryKeys } from '../query/keys.ts';
import { useQueryResource } from '../query/useQueryResource.ts';

const SCOPE_HINTS: Record<TokenScope, string> = {
  read: 'read clients and metrics',
  'metrics:write': 'push metrics',
  admin: 'manage the agency',
};

const SCOPE_OPTIONS: readonly CheckboxOption<TokenScope>[] = TOKEN_SCOPES.map((scope) => ({
  value: scope,
  label: scope,
  hint: SCOPE_HINTS[scope],
}));

/**
 * The instant a token picked to expire "on" a day (yyyy-mm-dd) stops working: the end of that day
 * in the browser's time zone, as an ISO-8601 instant.
 */
export function endOfDayInstant(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (year === undefined || month === undefined || date === undefined) {
    throw new Error(`Not a date: ${day}`);
  }
  return new Date(year, month - 1, date, 23, 59, 59, 999).toISOString();
}

/** Today as yyyy-mm-dd in the browser's time zone (the earliest "Expires on"). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function TokensPage() {
  usePageTitle('API tokens');
  const { role } = useSession();
  const headingId = useId();
  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>API tokens</h2>
      {isManager(role) ? (
        <TokensAdmin />
      ) : (
        <p className="muted">Only owners and admins can manage API tokens.</p>
      )}
    </section>
  );
}

function TokensAdmin() {
  const { state, reload, update } = useQueryResource(queryKeys.tokens(), api.listTokens);
  return (
    <>
      <p className="muted">
        Tokens let scripts and integrations call the API for this agency. Send one as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <CreateTokenForm
        onCreated={(created) => {
          const listed: ApiToken = {
            id: created.id,
            name: created.name,
            prefix: created.prefix,
            scopes: created.scopes,
            createdAt: created.createdAt,
            expiresAt: created.expiresAt,
            lastUsedAt: created.lastUsedAt,
          };
          update((tokens) => [listed, ...tokens.filter((t) => t.id !== listed.id)]);
        }}
      />
      <section className="panel" aria-labelledby="tokens-list-heading">
        <h3 id="tokens-list-heading">Tokens</h3>
        <LoadedList state={state} reload={reload} loadingLabel="Loading tokens…" empty="No API tokens yet.">
          {(tokens) => (
            <TokenTable
              tokens={tokens}
              onRevoked={(id) => {
                update((list) => list.filter((t) => t.id !== id));
              }}
            />
          )}
        </LoadedList>
      </section>
    </>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const request = useApi();
  const submit = useAction();
  const ids = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  /** The secret of the token just created: kept in this component's state only, shown once. */
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    if (name.trim() === '') {
      submit.setError('Give the token a name.');
      return;
    }
    if (scopes.length === 0) {
      submit.setError('Choose at least one scope.');
      return;
    }
    await submit.run(async () => {
      const token = await api.createToken(request, {
        name: name.trim(),
        scopes: TOKEN_SCOPES.filter((s) => scopes.includes(s)),
        ...(expiresOn === '' ? {} : { expiresAt: endOfDayInstant(expiresOn) }),
      });
      setCreated(token);
      setName('');
      setScopes([]);
      setExpiresOn('');
      onCreated(token);
    });
  };

  return (
    <section className="panel" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Create a token</h3>
      <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submit.pending}>
        <div className="field-row">
          <TextField
            id={`${ids}-name`}
            label="Token name"
            required
            autoComplete="off"
            placeholder="e.g. Reporting script"
            value={name}
            onChange={setName}
          />
          <TextField
            id={`${ids}-expires`}
            label="Expires on"
            type="date"
            min={today()}
            hint="Optional; works until the end of that day. Empty: never expires."
            value={expiresOn}
            onChange={setExpiresOn}
          />
        </div>
        <CheckboxGroup
          idPrefix={`${ids}-scope`}
          legend="Scopes"
          options={SCOPE_OPTIONS}
          checked={scopes}
          onToggle={(scope, on) => {
            setScopes((current) => toggled(current, scope, on));
          }}
        />
        <FormFooter action={submit} submitLabel="Create token" />
      </form>
      {created !== null && (
        <div className="secret" aria-live="polite">
          <p>
            Token <strong>{created.name}</strong> created. <strong>Copy it now: it will not be shown again</strong>.
          </p>
          <code className="secret-value" data-testid="new-token">
            {created.token}
          </code>
          <CopyButton text={created.token} label="Copy token" />
        </div>
      )}
    </section>
  );
}

function TokenTable({ tokens, onRevoked }: { tokens: ApiToken[]; onRevoked: (id: string) => void }) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Scopes</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <TokenRow
              key={token.id}
              token={token}
              onRevoked={() => {
                onRevoked(token.id);
              }}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ token, onRevoked }: { token: ApiToken; onRevoked: () => void }) {
  const request = useApi();
  return (
    <tr>
      <td data-label="Name">{token.name}</td>
      <td data-label="Prefix">
        <code>{token.prefix}…</code>
      </td>
      <td data-label="Scopes">{token.scopes.join(', ')}</td>
      <td data-label="Last used">{token.lastUsedAt === null ? 'never' : formatDateTime(token.lastUsedAt)}</td>
      <td data-label="Expires">{token.expiresAt === null ? 'never' : formatDate(token.expiresAt)}</td>
      <td data-label="Actions">
        <ActionButton
          label="Revoke"
          accessibleName={`Revoke ${token.name}`}
          className="button-danger-outline"
          action={() => api.revokeToken(request, token.id)}
          onDone={onRevoked}
        />
      </td>
    </tr>
  );
}
