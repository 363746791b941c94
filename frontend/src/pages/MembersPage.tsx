import { useId, useState, type SubmitEvent } from 'react';
import { appAddress } from '../api/appAddress.ts';
import { ROLES } from '../api/constants.ts';
import { api, type Requester } from '../api/endpoints.ts';
import type { Client, CreatedInvitation, Invitation, Member, Role } from '../api/types.ts';
import { isManager, useApi, useSession } from '../auth/SessionContext.ts';
import { ActionButton } from '../components/ActionButton.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorAlert } from '../components/Feedback.tsx';
import { FormFooter, SelectField, SelectOptions, TextField, type SelectOption } from '../components/FormFields.tsx';
import { LoadedList } from '../components/LoadedList.tsx';
import { useAction } from '../hooks/useAction.ts';
import { queryKeys } from '../query/keys.ts';
import type { LoadState } from '../query/loadState.ts';
import { useQueryResource } from '../query/useQueryResource.ts';
import type { ApiGet } from '../query/loadState.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { formatDate } from './format.ts';

const ROLE_OPTIONS: readonly SelectOption<Role>[] = ROLES.map((r) => ({ value: r, label: r }));

export function MembersPage() {
  usePageTitle('Members');
  const { role } = useSession();
  const headingId = useId();
  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Members</h2>
      {isManager(role) ? <MembersAdmin /> : <p className="muted">Only owners and admins can manage members.</p>}
    </section>
  );
}

function MembersAdmin() {
  const members = useQueryResource(queryKeys.members(), api.listMembers);
  const invitations = useQueryResource(queryKeys.invitations(), api.listInvitations);
  const clients = useQueryResource(queryKeys.portfolio(), api.listClients).state;
  const clientList = clients.kind === 'loaded' ? clients.data : [];

  return (
    <>
      <MemberTable members={members} clients={clientList} />
      <InviteForm clients={clients} onInvited={(created) => {
        invitations.update((list) => [...list.filter((i) => i.id !== created.id), withoutSecrets(created)]);
      }} />
      <PendingInvitations invitations={invitations} clients={clientList} />
    </>
  );
}

function withoutSecrets({ id, email, role, clientId, expiresAt, createdAt }: CreatedInvitation): Invitation {
  return { id, email, role, clientId, expiresAt, createdAt };
}

/** "All clients", or the one client a client viewer may see. */
function scopeOf(clientId: string | null, clients: Client[]): string {
  if (clientId === null) {
    return 'All clients';
  }
  return clients.find((c) => c.id === clientId)?.name ?? 'One client';
}

function MemberTable({ members, clients }: { members: ApiGet<Member[]>; clients: Client[] }) {
  const { user } = useSession();
  const { state, reload, update } = members;
  const tableId = useId();

  return (
    <LoadedList state={state} reload={reload} loadingLabel="Loading members…" empty="No members yet.">
      {(rows) => (
        <div className="table-wrap">
          <table className="data-table" aria-labelledby={`${tableId}-caption`}>
            <caption id={`${tableId}-caption`}>People in this agency</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Access</th>
                <th scope="col">Joined</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => (
                <MemberRow
                  key={member.userId}
                  member={member}
                  isYou={member.userId === user.id}
                  scope={scopeOf(member.clientId, clients)}
                  onChanged={(changed) => {
                    update((list) => list.map((m) => (m.userId === changed.userId ? changed : m)));
                  }}
                  onRemoved={() => {
                    update((list) => list.filter((m) => m.userId !== member.userId));
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </LoadedList>
  );
}

type MemberRowProps = {
  member: Member;
  isYou: boolean;
  scope: string;
  onChanged: (member: Member) => void;
  onRemoved: () => void;
};

function MemberRow({ member, isYou, scope, onChanged, onRemoved }: MemberRowProps) {
  const request = useApi();
  const action = useAction();

  const changeRole = async (role: Role) => {
    // A client viewer keeps their client only while they stay a viewer.
    const clientId = role === 'viewer' ? member.clientId : null;
    await action.run(async () => {
      onChanged(await api.updateMember(request, member.userId, { role, clientId }));
    });
  };

  const remove = async () => {
    if (await action.run(() => api.removeMember(request, member.userId))) {
      onRemoved();
    }
  };

  return (
    <tr>
      <td data-label="Name">
        <span>
          {member.name}
          {isYou && <span className="badge">you</span>}
        </span>
      </td>
      <td data-label="Email">{member.email}</td>
      <td data-label="Role">
        <select
          aria-label={`Role of ${member.email}`}
          value={member.role}
          disabled={action.pending}
          onChange={(event) => void changeRole(event.target.value as Role)}
        >
          <SelectOptions options={ROLE_OPTIONS} />
        </select>
      </td>
      <td data-label="Access">{scope}</td>
      <td data-label="Joined">{formatDate(member.joinedAt)}</td>
      <td data-label="Actions">
        <button
          type="button"
          className="button-danger-outline"
          aria-label={`Remove ${member.email}`}
          disabled={action.pending}
          onClick={() => void remove()}
        >
          Remove
        </button>
        <ErrorAlert message={action.error} />
      </td>
    </tr>
  );
}

type InviteFormProps = {
  clients: LoadState<Client[]>;
  onInvited: (invitation: CreatedInvitation) => void;
};

function InviteForm({ clients, onInvited }: InviteFormProps) {
  const request = useApi();
  const submit = useAction();
  const ids = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [clientId, setClientId] = useState('');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    await submit.run(async () => {
      const invitation = await sendInvitation(request, email.trim(), role, clientId);
      setCreated(invitation);
      setEmail('');
      onInvited(invitation);
    });
  };

  return (
    <section className="panel" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Invite someone</h3>
      <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submit.pending}>
        <div className="field-row">
          <TextField
            id={`${ids}-email`}
            label="Email"
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={setEmail}
          />
          <SelectField
            id={`${ids}-role`}
            label="Role"
            value={role}
            options={ROLE_OPTIONS}
            onChange={(next) => {
              setRole(next);
              if (next !== 'viewer') {
                setClientId(''); // only viewers can be limited to one client
              }
            }}
          />
          <SelectField
            id={`${ids}-client`}
            label="Client"
            value={clientId}
            aria-describedby={`${ids}-client-hint`}
            disabled={clients.kind !== 'loaded'}
            options={[
              { value: '', label: 'All clients' },
              ...(clients.kind === 'loaded' ? clients.data.map((client) => ({ value: client.id, label: client.name })) : []),
            ]}
            onChange={(next) => {
              setClientId(next);
              if (next !== '') {
                setRole('viewer');
              }
            }}
          />
        </div>
        {/* Under the whole row, not in the client field (one column of it); hence not the field's `hint`. */}
        <p id={`${ids}-client-hint`} className="hint">
          {clients.kind === 'error'
            ? `Clients could not be loaded (${clients.message}); you can still invite for all clients.`
            : 'Choosing one client invites a client viewer: they see only that client.'}
        </p>
        <FormFooter action={submit} submitLabel="Send invitation" />
      </form>
      {created !== null && (
        <div className="secret" aria-live="polite">
          <p>
            {created.emailed ? (
              <>
                Invitation for <strong>{created.email}</strong> created and e-mailed to them. The link works until{' '}
                {formatDate(created.expiresAt)}; you can also pass it on yourself:
              </>
            ) : (
              <>
                Invitation for <strong>{created.email}</strong> created
                {created.mail.configured ? '' : ' (this server sends no e-mail)'}. Send them this link; it works
                until {formatDate(created.expiresAt)}:
              </>
            )}
          </p>
          <code className="secret-value" data-testid="invitation-link">
            {appAddress(created.acceptUrl, window.location.origin)}
          </code>
          <CopyButton text={appAddress(created.acceptUrl, window.location.origin)} label="Copy link" />
        </div>
      )}
    </section>
  );
}

function sendInvitation(request: Requester, email: string, role: Role, clientId: string): Promise<CreatedInvitation> {
  return api.createInvitation(request, clientId === '' ? { email, role } : { email, role, clientId });
}

type PendingProps = {
  invitations: ApiGet<Invitation[]>;
  clients: Client[];
};

function PendingInvitations({ invitations, clients }: PendingProps) {
  const { state, reload, update } = invitations;
  const ids = useId();
  return (
    <section className="panel" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Pending invitations</h3>
      <LoadedList state={state} reload={reload} loadingLabel="Loading invitations…" empty="No pending invitations.">
        {(items) => (
          <ul className="plain-list" aria-label="Pending invitations">
            {items.map((invitation) => (
              <InvitationItem
                key={invitation.id}
                invitation={invitation}
                scope={scopeOf(invitation.clientId, clients)}
                onRevoked={() => {
                  update((list) => list.filter((i) => i.id !== invitation.id));
                }}
              />
            ))}
          </ul>
        )}
      </LoadedList>
    </section>
  );
}

function InvitationItem({ invitation, scope, onRevoked }: { invitation: Invitation; scope: string; onRevoked: () => void }) {
  const request = useApi();
  return (
    <li className="list-item">
      <span className="list-item-text">
        <strong>{invitation.email}</strong> · {invitation.role} · {scope} · expires {formatDate(invitation.expiresAt)}
      </span>
      <ActionButton
        label="Revoke"
        accessibleName={`Revoke invitation for ${invitation.email}`}
        className="button-danger-outline"
        action={() => api.revokeInvitation(request, invitation.id)}
        onDone={onRevoked}
      />
    </li>
  );
}
