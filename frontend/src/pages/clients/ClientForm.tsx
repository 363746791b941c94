import { useId, useState, type SubmitEvent } from 'react';
import { CHANNELS } from '../../api/constants.ts';
import type { Client } from '../../api/types.ts';
import { ErrorAlert } from '../../components/Feedback.tsx';
import { useAction } from '../../hooks/useAction.ts';

export type ClientValues = {
  name: string;
  /** '' for none. */
  website: string;
  timeZone: string;
  channels: string[];
};

export const EMPTY_CLIENT: ClientValues = { name: '', website: '', timeZone: 'UTC', channels: [] };

export function valuesOf(client: Client): ClientValues {
  return {
    name: client.name,
    website: client.website ?? '',
    timeZone: client.timeZone,
    channels: [...client.channels],
  };
}

/** True when `timeZone` is an IANA zone this browser knows (the server checks it again). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const TIME_ZONE_SUGGESTIONS: readonly string[] = (() => {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  } catch {
    return ['UTC'];
  }
})();

type Props = {
  initial: ClientValues;
  submitLabel: string;
  /** Saves; a rejection is shown in the form's alert. */
  onSubmit: (values: ClientValues) => Promise<unknown>;
  /** Shows a "Cancel" button when given. */
  onCancel?: () => void;
  /** Clears the fields after a successful submit (the "Add client" form). */
  resetOnSuccess?: boolean;
  autoFocus?: boolean;
};

/** The client fields, used both to add a client and to edit one in place. */
export function ClientForm({ initial, submitLabel, onSubmit, onCancel, resetOnSuccess = false, autoFocus = false }: Props) {
  const ids = useId();
  const submit = useAction();
  const [values, setValues] = useState<ClientValues>(initial);

  const set = <K extends keyof ClientValues>(key: K, value: ClientValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
  };

  const toggleChannel = (key: string, checked: boolean) => {
    setValues((current) => ({
      ...current,
      channels: checked
        ? [...current.channels.filter((c) => c !== key), key]
        : current.channels.filter((c) => c !== key),
    }));
  };

  const handleSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const cleaned: ClientValues = {
      name: values.name.trim(),
      website: values.website.trim(),
      timeZone: values.timeZone.trim() || 'UTC',
      // Known channels in display order, then any the server knows and this app does not.
      channels: [
        ...CHANNELS.map((c) => c.key).filter((key) => values.channels.includes(key)),
        ...values.channels.filter((key) => !CHANNELS.some((c) => c.key === key)),
      ],
    };
    if (cleaned.name === '') {
      submit.setError('Give the client a name.');
      return;
    }
    if (!isKnownTimeZone(cleaned.timeZone)) {
      submit.setError(`"${cleaned.timeZone}" is not a time zone; use a name such as Europe/Paris or UTC.`);
      return;
    }
    const ok = await submit.run(() => onSubmit(cleaned));
    if (ok && resetOnSuccess) {
      setValues(EMPTY_CLIENT);
    }
  };

  return (
    <form className="form client-form" onSubmit={(event) => void handleSubmit(event)} aria-busy={submit.pending}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-name`}>Client name</label>
          <input
            id={`${ids}-name`}
            required
            autoFocus={autoFocus}
            value={values.name}
            onChange={(event) => {
              set('name', event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-website`}>Website</label>
          <input
            id={`${ids}-website`}
            inputMode="url"
            autoComplete="url"
            placeholder="https://example.com"
            value={values.website}
            onChange={(event) => {
              set('website', event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-tz`}>Time zone</label>
          <input
            id={`${ids}-tz`}
            list={`${ids}-tz-list`}
            autoComplete="off"
            spellCheck={false}
            value={values.timeZone}
            onChange={(event) => {
              set('timeZone', event.target.value);
            }}
          />
          <datalist id={`${ids}-tz-list`}>
            {TIME_ZONE_SUGGESTIONS.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
      </div>
      <fieldset className="checkbox-group">
        <legend>Channels</legend>
        {CHANNELS.map((channel) => (
          <div className="checkbox" key={channel.key}>
            <input
              type="checkbox"
              id={`${ids}-ch-${channel.key}`}
              checked={values.channels.includes(channel.key)}
              onChange={(event) => {
                toggleChannel(channel.key, event.target.checked);
              }}
            />
            <label htmlFor={`${ids}-ch-${channel.key}`}>{channel.label}</label>
          </div>
        ))}
      </fieldset>
      <ErrorAlert message={submit.error} />
      <div className="form-actions">
        <button type="submit" disabled={submit.pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
