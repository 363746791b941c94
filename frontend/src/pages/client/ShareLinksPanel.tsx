import { useId, useState, type SubmitEvent } from 'react';
import { api } from '../../api/endpoints.ts';
import type { CreatedShareLink, Metric, ShareChoices, ShareLink } from '../../api/types.ts';
import { useApi, useSession } from '../../auth/SessionContext.ts';
import { PASSWORD_MIN, passwordProblem } from '../../auth/password.ts';
import { ActionButton } from '../../components/ActionButton.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CheckboxGroup, FormFooter, SelectField, TextField, toggled, type SelectOption } from '../../components/FormFields.tsx';
import { LoadedList } from '../../components/LoadedList.tsx';
import { appAddress } from '../../api/appAddress.ts';
import { useAction } from '../../hooks/useAction.ts';
import { endOfDayInstant, today } from '../TokensPage.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import type { ShareLinks } from './useShareLinks.ts';

const STATUS_WORDS: Record<ShareLink['status'], string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

type Part = 'score' | 'goals';
const PART_OPTIONS = [
  { value: 'score', label: 'Score and its explanation' },
  { value: 'goals', label: 'Goals' },
] as const satisfies readonly SelectOption<Part>[];

const ANNOTATION_OPTIONS: readonly SelectOption<ShareChoices['annotations']>[] = [
  { value: 'public', label: 'Public annotations only' },
  { value: 'all', label: 'All annotations, internal ones too' },
  { value: 'none', label: 'No annotations' },
];

const PERIOD_OPTIONS: readonly SelectOption<string>[] = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '180', label: 'Last 180 days' },
  { value: '365', label: 'Last 365 days' },
];

/** The request's `shows`: every metric (null) when all of them are ticked, so later ones show too. */
export function shareChoices(parts: readonly Part[], metrics: readonly string[], all: readonly Metric[],
  annotations: ShareChoices['annotations']): ShareChoices {
  return {
    score: parts.includes('score'),
    goals: parts.includes('goals'),
    annotations,
    metrics: all.every((m) => metrics.includes(m.key)) ? null : all.filter((m) => metrics.includes(m.key)).map((m) => m.key),
  };
}

/** What a listed link shows, in a few words. */
export function showsSummary(shows: ShareLink['shows'], catalogue: readonly Metric[]): string {
  const parts: string[] = [];
  if (shows.score) {
    parts.push('score');
  }
  parts.push(shows.metrics === null ? 'all metrics' : shows.metrics.map((key) => catalogue.find((m) => m.key === key)?.label ?? key).join(', ') || 'no metrics');
  parts.push(shows.annotations === 'all' ? 'all annotations' : shows.annotations === 'public' ? 'public annotations' : 'no annotations');
  if (shows.goals) {
    parts.push('goals');
  }
  return `${parts.join(' · ')} · opens on ${String(shows.defaultDays)} days`;
}

/** What is wrong with the form's password, or null (an empty one is allowed: no password). */
export function sharePasswordProblem(password: string): string | null {
  return password === '' ? null : passwordProblem(password);
}

/** A client's share links, for the people who may write the client: make one (shown once), list, revoke. */
export function ShareLinksPanel({ clientId, links, metrics }: { clientId: string; links: ShareLinks; metrics: readonly Metric[] }) {
  const headingId = useId();
  const { user } = useSession();
  return (
    <section className="panel share-links" aria-labelledby={headingId}>
      <h3 id={headingId}>Share links</h3>
      <p className="muted">
        Anyone holding a link sees this client's dashboard read-only, without signing in, until it expires or is revoked.
      </p>
      <CreateShareLinkForm
        clientId={clientId}
        metrics={metrics}
        isRevoked={(id) => links.state.kind === 'loaded' && links.state.data.some((l) => l.id === id && l.status === 'revoked')}
        onCreated={(created) => {
          links.apply({
            action: 'created',
            link: {
              id: created.id,
              clientId,
              createdAt: created.createdAt,
              createdBy: { id: user.id, name: user.name },
              expiresAt: created.expiresAt,
              passwordProtected: created.passwordProtected,
              revokedAt: null,
              status: 'active',
              shows: created.shows,
            },
          });
        }}
      />
      <LoadedList state={links.state} reload={links.reload} loadingLabel="Loading share links…" empty="No share links yet.">
        {(list) => <ShareLinkTable clientId={clientId} links={list} catalogue={metrics} onRevoked={(link) => {
          links.apply({ action: 'revoked', link: { ...link, status: 'revoked', revokedAt: new Date().toISOString() } });
        }} />}
      </LoadedList>
    </section>
  );
}

function CreateShareLinkForm({
  clientId,
  metrics,
  isRevoked,
  onCreated,
}: {
  clientId: string;
  /** The client's metrics, to choose which the link shows. */
  metrics: readonly Metric[];
  /** Whether the list shows this link revoked. */
  isRevoked: (id: string) => boolean;
  onCreated: (link: CreatedShareLink) => void;
}) {
  const request = useApi();
  const submit = useAction();
  const ids = useId();
  const [expiresOn, setExpiresOn] = useState('');
  const [password, setPassword] = useState('');
  const [parts, setParts] = useState<Part[]>(['score', 'goals']);
  const [chosenMetrics, setChosenMetrics] = useState<string[]>(() => metrics.map((m) => m.key));
  const [annotations, setAnnotations] = useState<ShareChoices['annotations']>('public');
  const [days, setDays] = useState('90');
  /** The link just made: in this component's state only, shown once. */
  const [created, setCreated] = useState<CreatedShareLink | null>(null);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    const problem = sharePasswordProblem(password);
    if (problem !== null) {
      submit.setError(problem);
      return;
    }
    await submit.run(async () => {
      const link = await api.createShareLink(request, clientId, {
        ...(expiresOn === '' ? {} : { expiresAt: endOfDayInstant(expiresOn) }),
        ...(password === '' ? {} : { password }),
        shows: shareChoices(parts, chosenMetrics, metrics, annotations),
        defaultDays: Number(days),
      });
      setCreated(link);
      setExpiresOn('');
      setPassword('');
      onCreated(link);
    });
  };

  const address = created === null ? '' : appAddress(created.url, window.location.origin);
  return (
    <>
      <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submit.pending}>
        <div className="field-row">
          <TextField
            id={`${ids}-expires`}
            label="Expires on"
            type="date"
            min={today()}
            hint="Optional; works until the end of that day. Empty: until revoked."
            value={expiresOn}
            onChange={setExpiresOn}
          />
          <TextField
            id={`${ids}-password`}
            label="Password"
            type="password"
            autoComplete="off"
            hint={`Optional; at least ${String(PASSWORD_MIN)} characters. Holders must enter it.`}
            value={password}
            onChange={setPassword}
          />
        </div>
        <fieldset className="share-choices">
          <legend>What the link shows</legend>
          <p className="hint">Comments never appear on a shared dashboard; internal annotations only when chosen.</p>
          <CheckboxGroup
            idPrefix={`${ids}-part`}
            legend="Parts"
            options={PART_OPTIONS}
            checked={parts}
            onToggle={(value, on) => {
              setParts((list) => toggled(list, value, on));
            }}
          />
          <CheckboxGroup
            idPrefix={`${ids}-metric`}
            legend="Metrics"
            options={metrics.map((m) => ({ value: m.key, label: m.label }))}
            checked={chosenMetrics}
            onToggle={(value, on) => {
              setChosenMetrics((list) => toggled(list, value, on));
            }}
          />
          <div className="field-row">
            <SelectField id={`${ids}-annotations`} label="Annotations" value={annotations} onChange={setAnnotations}
              options={ANNOTATION_OPTIONS} />
            <SelectField id={`${ids}-days`} label="Opens on" value={days} onChange={setDays} options={PERIOD_OPTIONS} />
          </div>
        </fieldset>
        <FormFooter action={submit} submitLabel="Create share link" />
      </form>
      {/* once revoked (here or by someone else), the address is no use: it goes */}
      {created !== null && !isRevoked(created.id) && (
        <div className="secret" aria-live="polite">
          <p>
            Share link created. <strong>Copy it now: it will not be shown again</strong>.
          </p>
          <code className="secret-value" data-testid="new-share-link">
            {address}
          </code>
          <CopyButton text={address} label="Copy link" />
        </div>
      )}
    </>
  );
}

function ShareLinkTable({
  clientId,
  links,
  catalogue,
  onRevoked,
}: {
  clientId: string;
  links: readonly ShareLink[];
  catalogue: readonly Metric[];
  onRevoked: (link: ShareLink) => void;
}) {
  const request = useApi();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">By</th>
            <th scope="col">Expires</th>
            <th scope="col">Password</th>
            <th scope="col">Shows</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id} data-testid={`share-link-${link.id}`}>
              <td data-label="Created">{formatDateTime(link.createdAt)}</td>
              <td data-label="By">{link.createdBy?.name ?? 'a former member'}</td>
              <td data-label="Expires">{link.expiresAt === null ? 'never' : formatDate(link.expiresAt)}</td>
              <td data-label="Password">{link.passwordProtected ? 'yes' : 'no'}</td>
              <td data-label="Shows">{showsSummary(link.shows, catalogue)}</td>
              <td data-label="Status">
                {STATUS_WORDS[link.status]}
                {link.revokedAt !== null && ` ${formatDateTime(link.revokedAt)}`}
              </td>
              <td data-label="Actions">
                {link.status !== 'revoked' && (
                  <ActionButton
                    label="Revoke"
                    accessibleName={`Revoke the share link created ${formatDateTime(link.createdAt)}`}
                    className="button-danger-outline"
                    action={() => api.revokeShareLink(request, clientId, link.id)}
                    onDone={() => {
                      onRevoked(link);
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
