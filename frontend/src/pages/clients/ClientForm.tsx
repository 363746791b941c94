import { useId, useState, type SubmitEvent } from 'react';
import { CHANNELS } from '../../api/constants.ts';
import type { Client } from '../../api/types.ts';
import { CheckboxGroup, FormFooter, TextField, toggled, type CheckboxOption } from '../../components/FormFields.tsx';
import { browserTimeZone, TimeZonePicker } from '../../components/TimeZonePicker.tsx';
import { useAction } from '../../hooks/useAction.ts';

export type ClientValues = {
  name: string;
  /** '' for none. */
  website: string;
  timeZone: string;
  channels: string[];
};

/** A new client starts in the browser's time zone: most agencies add clients where they work. */
export const EMPTY_CLIENT: ClientValues = { name: '', website: '', timeZone: browserTimeZone(), channels: [] };

export function valuesOf(client: Client): ClientValues {
  return {
    name: client.name,
    website: client.website ?? '',
    timeZone: client.timeZone,
    channels: [...client.channels],
  };
}

const CHANNEL_OPTIONS: readonly CheckboxOption<string>[] = CHANNELS.map((c) => ({ value: c.key, label: c.label }));

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

  const handleSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const cleaned: ClientValues = {
      name: values.name.trim(),
      website: values.website.trim(),
      // chosen from the picker's list; the server checks it again (a zone it knows and this browser does not stays)
      timeZone: values.timeZone,
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
    const ok = await submit.run(() => onSubmit(cleaned));
    if (ok && resetOnSuccess) {
      setValues(EMPTY_CLIENT);
    }
  };

  return (
    <form className="form client-form" onSubmit={(event) => void handleSubmit(event)} aria-busy={submit.pending}>
      <div className="field-row">
        <TextField
          id={`${ids}-name`}
          label="Client name"
          required
          autoFocus={autoFocus}
          value={values.name}
          onChange={(name) => {
            set('name', name);
          }}
        />
        <TextField
          id={`${ids}-website`}
          label="Website"
          inputMode="url"
          autoComplete="url"
          placeholder="https://example.com"
          value={values.website}
          onChange={(website) => {
            set('website', website);
          }}
        />
        <TimeZonePicker
          id={`${ids}-tz`}
          value={values.timeZone}
          onChange={(timeZone) => {
            set('timeZone', timeZone);
          }}
        />
      </div>
      <CheckboxGroup
        idPrefix={`${ids}-ch`}
        legend="Channels"
        options={CHANNEL_OPTIONS}
        checked={values.channels}
        onToggle={(key, on) => {
          setValues((current) => ({ ...current, channels: toggled(current.channels, key, on) }));
        }}
      />
      <FormFooter action={submit} submitLabel={submitLabel}>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </FormFooter>
    </form>
  );
}
