import { useId, useState, type SubmitEvent } from 'react';
import { api } from '../../api/endpoints.ts';
import type { CreatedShareLink, Metric, ShareChoices, ShareLink, UpdateShareLinkRequest } from '../../api/types.ts';
import { useApi, useSession } from '../../auth/SessionContext.ts';
import { PASSWORD_MIN, passwordProblem } from '../../auth/password.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CheckboxGroup, FormFooter, SelectField, TextField, toggled, type SelectOption } from '../../components/FormFields.tsx';
import { EditableList } from '../../components/EditableList.tsx';
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

/** The form's choice of what a link shows, as typed (numbers as strings). */
type Choice = { parts: Part[]; metrics: string[]; annotations: ShareChoices['annotations']; days: string };

/** The form's choice for what a link shows now (every metric ticked when it shows all of them). */
export function choiceOf(shows: ShareLink['shows'], metrics: readonly Metric[]): Choice {
  return {
    parts: [...(shows.score ? (['score'] as const) : []), ...(shows.goals ? (['goals'] as const) : [])],
    metrics: shows.metrics === null ? metrics.map((m) => m.key) : [...shows.metrics],
    annotations: shows.annotations,
    days: String(shows.defaultDays),
  };
}

/**
 * A client's share links, for the people who may write the client: make one (its address shown once), list them,
 * change what one shows, revoke.
 */
export function ShareLinksPanel({ clientId, links, metrics }: { clientId: string; links: ShareLinks; metrics: readonly Metric[] }) {
  const headingId = useId();
  const request = useApi();
  const { user } = useSession();
  const created = (link: CreatedShareLink): ShareLink => ({
    id: link.id,
    clientId,
    createdAt: link.createdAt,
    createdBy: { id: user.id, name: user.name },
    expiresAt: link.expiresAt,
    passwordProtected: link.passwordProtected,
    revokedAt: null,
    status: 'active',
    shows: link.shows,
  });
  const name = (link: ShareLink) => `the share link created ${formatDateTime(link.createdAt)}`;
  const live = (link: ShareLink) => link.status !== 'revoked';
  return (
    <section className="panel share-links" aria-labelledby={headingId}>
      <h3 id={headingId}>Share links</h3>
      <p className="muted">
        Anyone holding a link sees this client's dashboard read-only, without signing in, until it expires or is revoked.
      </p>
      <EditableList<ShareLink>
        state={links.state}
        reload={links.reload}
        loadingLabel="Loading share links…"
        what="Share links"
        empty="No share links yet."
        labelledBy={headingId}
        className="card-list share-link-list"
        itemKey={(link) => link.id}
        itemName={name}
        itemClassName={(link) => `card share-link share-link-${link.status}`}
        itemTestId={(link) => `share-link-${link.id}`}
        renderItem={(link) => <ShareLinkView link={link} catalogue={metrics} />}
        canEdit={live}
        renderEdit={(link, { onSaved, onCancel }) => (
          <EditShareLinkForm
            link={link}
            metrics={metrics}
            save={(body) => api.updateShareLink(request, clientId, link.id, body)}
            onSaved={onSaved}
            onCancel={onCancel}
          />
        )}
        canDelete={live}
        remove={{
          verb: 'Revoke',
          remove: (link) => api.revokeShareLink(request, clientId, link.id),
          question: (link) => <>Revoke {name(link)}? Whoever holds it loses access at once.</>,
          label: (link) => `Confirm revoking ${name(link)}`,
        }}
        create={{
          render: (done) => (
            <CreateShareLinkForm
              clientId={clientId}
              metrics={metrics}
              isRevoked={(id) => links.state.kind === 'loaded' && links.state.data.some((l) => l.id === id && l.status === 'revoked')}
              onCreated={(link) => {
                done(created(link));
              }}
            />
          ),
        }}
        onCreated={(link) => {
          links.apply({ action: 'created', link });
        }}
        onSaved={(link) => {
          links.apply({ action: 'updated', link });
        }}
        onRemoved={(link) => {
          links.apply({ action: 'revoked', link: { ...link, status: 'revoked', revokedAt: new Date().toISOString() } });
        }}
        notices={{
          created: () => 'Share link created.',
          saved: (link) => `Share link saved: it now shows ${showsSummary(link.shows, metrics)}.`,
          removed: () => 'Share link revoked.',
        }}
      />
    </section>
  );
}

/** The choice of what a link shows: its parts, metrics, annotations and the period it opens on. */
function ChoiceFields({ idPrefix, metrics, choice, onChange }: {
  idPrefix: string;
  metrics: readonly Metric[];
  choice: Choice;
  onChange: (change: (choice: Choice) => Choice) => void;
}) {
  return (
    <fieldset className="share-choices">
      <legend>What the link shows</legend>
      <p className="hint">Comments never appear on a shared dashboard; internal annotations only when chosen.</p>
      <CheckboxGroup
        idPrefix={`${idPrefix}-part`}
        legend="Parts"
        options={PART_OPTIONS}
        checked={choice.parts}
        onToggle={(value, on) => {
          onChange((c) => ({ ...c, parts: toggled(c.parts, value, on) }));
        }}
      />
      <CheckboxGroup
        idPrefix={`${idPrefix}-metric`}
        legend="Metrics"
        options={metrics.map((m) => ({ value: m.key, label: m.label }))}
        checked={choice.metrics}
        onToggle={(value, on) => {
          onChange((c) => ({ ...c, metrics: toggled(c.metrics, value, on) }));
        }}
      />
      <div className="field-row">
        <SelectField id={`${idPrefix}-annotations`} label="Annotations" value={choice.annotations}
          onChange={(annotations) => {
            onChange((c) => ({ ...c, annotations }));
          }}
          options={ANNOTATION_OPTIONS} />
        <SelectField id={`${idPrefix}-days`} label="Opens on" value={choice.days}
          onChange={(days) => {
            onChange((c) => ({ ...c, days }));
          }}
          options={PERIOD_OPTIONS} />
      </div>
    </fieldset>
  );
}

/** The edit form of a link: what it shows and its period (the token, password and expiry stay). */
function EditShareLinkForm({ link, metrics, save, onSaved, onCancel }: {
  link: ShareLink;
  metrics: readonly Metric[];
  save: (body: UpdateShareLinkRequest) => Promise<ShareLink>;
  onSaved: (link: ShareLink) => void;
  onCancel: () => void;
}) {
  const ids = useId();
  const action = useAction();
  const [choice, setChoice] = useState(() => choiceOf(link.shows, metrics));
  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const saved: { link?: ShareLink } = {};
    const ok = await action.run(async () => {
      saved.link = await save({
        shows: shareChoices(choice.parts, choice.metrics, metrics, choice.annotations),
        defaultDays: Number(choice.days),
      });
    });
    if (ok && saved.link !== undefined) {
      onSaved(saved.link);
    }
  };
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={action.pending}>
      <ChoiceFields idPrefix={ids} metrics={metrics} choice={choice} onChange={setChoice} />
      <FormFooter action={action} submitLabel={action.pending ? 'Saving…' : 'Save share link'}>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </FormFooter>
    </form>
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
  const [choice, setChoice] = useState<Choice>(() => ({
    parts: ['score', 'goals'],
    metrics: metrics.map((m) => m.key),
    annotations: 'public',
    days: '90',
  }));
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
        shows: shareChoices(choice.parts, choice.metrics, metrics, choice.annotations),
        defaultDays: Number(choice.days),
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
        <ChoiceFields idPrefix={ids} metrics={metrics} choice={choice} onChange={setChoice} />
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

/** A link as listed: when and by whom it was made, its expiry, password, what it shows and its status. */
function ShareLinkView({ link, catalogue }: { link: ShareLink; catalogue: readonly Metric[] }) {
  return (
    <dl className="share-link-facts">
      <div>
        <dt>Created</dt>
        <dd>
          {formatDateTime(link.createdAt)} by {link.createdBy?.name ?? 'a former member'}
        </dd>
      </div>
      <div>
        <dt>Expires</dt>
        <dd>{link.expiresAt === null ? 'never' : formatDate(link.expiresAt)}</dd>
      </div>
      <div>
        <dt>Password</dt>
        <dd>{link.passwordProtected ? 'yes' : 'no'}</dd>
      </div>
      <div>
        <dt>Shows</dt>
        <dd className="share-link-shows">{showsSummary(link.shows, catalogue)}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          {STATUS_WORDS[link.status]}
          {link.revokedAt !== null && ` ${formatDateTime(link.revokedAt)}`}
        </dd>
      </div>
    </dl>
  );
}
