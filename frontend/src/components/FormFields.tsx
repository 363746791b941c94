import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password.ts';
import type { Action } from '../hooks/useAction.ts';
import { ErrorAlert } from './Feedback.tsx';

// Labelled form controls shared by the pages. Each field is `<div class="field">` holding a
// `<label for=id>` and its control; a hint goes under the control as `<p id="{id}-hint" class="hint">`
// and is announced with it (aria-describedby). Ids come from the caller (usually `${useId()}-name`).

/** `{id}-hint`: the id of a field's hint paragraph. */
function hintId(id: string): string {
  return `${id}-hint`;
}

/** The ids a control is described by: the caller's own (e.g. a hint outside the field), then its hint. */
function describedBy(own: string | undefined, id: string, hint: ReactNode): string | undefined {
  const ids = [own, hint === undefined ? undefined : hintId(id)].filter((x): x is string => x !== undefined && x !== '');
  return ids.length === 0 ? undefined : ids.join(' ');
}

type FieldProps = {
  /** The control's id, which the label points at. */
  id: string;
  /** The label text, which is the control's accessible name. */
  label: string;
  /** Help shown under the control (`{id}-hint`) and announced with it; none when undefined. */
  hint?: ReactNode;
};

/** The frame of a field: the label, the control (`children`), the hint, then `after`. */
function Field({ id, label, hint, after, children }: FieldProps & { after?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <p id={hintId(id)} className="hint">
          {hint}
        </p>
      )}
      {after}
    </div>
  );
}

/** What a text-like input accepts besides the field's own props (no inline styles: the CSP forbids them). */
type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'value' | 'onChange' | 'children' | 'style'>;

export type TextFieldProps = FieldProps &
  InputProps & {
    value: string;
    onChange: (value: string) => void;
    /** Left out of the markup when undefined (a plain text input). */
    type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'tel' | 'date' | 'number';
    /** Shown inside the field after the input, e.g. the `<datalist>` the input's `list` names. */
    children?: ReactNode;
  };

/** A labelled text input (text, email, password, date, number…) whose `onChange` gets the new value. */
export function TextField({ id, label, hint, value, onChange, children, 'aria-describedby': own, ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} after={children}>
      <input
        id={id}
        {...input}
        aria-describedby={describedBy(own, id, hint)}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </Field>
  );
}

/** A labelled multi-line text with its length under it ("12 of 500 characters"); `required` when `required`. */
export function TextAreaField({ id, label, value, onChange, maxLength, rows, required = false }: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  rows: number;
  required?: boolean;
}) {
  const hint = `${String(value.length)} of ${String(maxLength)} characters`;
  return (
    <Field id={id} label={label} hint={hint}>
      <textarea
        id={id}
        required={required}
        maxLength={maxLength}
        rows={rows}
        aria-describedby={describedBy(undefined, id, hint)}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </Field>
  );
}

/** The "Password" field of sign-up and invitation: a new password within the password rules. */
export function NewPasswordField({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <TextField
      id={id}
      label="Password"
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN}
      maxLength={PASSWORD_MAX}
      hint={
        <>
          {PASSWORD_MIN} to {PASSWORD_MAX} characters.
        </>
      }
      value={value}
      onChange={onChange}
    />
  );
}

export type SelectOption<T extends string> = { value: T; label: string };

/** The `<option>`s of a select, for a select that is not a whole field (e.g. one labelled by aria-label). */
export function SelectOptions<T extends string>({ options }: { options: readonly SelectOption<T>[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange' | 'children' | 'multiple' | 'style'>;

export type SelectFieldProps<T extends string> = FieldProps &
  SelectProps & {
    value: T;
    /** Gets the chosen option's value (always one of `options`). */
    onChange: (value: T) => void;
    options: readonly SelectOption<T>[];
  };

/** A labelled single-choice select. */
export function SelectField<T extends string>({
  id,
  label,
  hint,
  value,
  onChange,
  options,
  'aria-describedby': own,
  ...select
}: SelectFieldProps<T>) {
  return (
    <Field id={id} label={label} hint={hint}>
      <select
        id={id}
        {...select}
        aria-describedby={describedBy(own, id, hint)}
        value={value}
        onChange={(event) => {
          // The select only offers `options`, so its value is one of them.
          onChange(event.target.value as T);
        }}
      >
        <SelectOptions options={options} />
      </select>
    </Field>
  );
}

export type CheckboxOption<T extends string> = SelectOption<T> & {
  /** Shown after the label (`{idPrefix}-{value}-hint`) and announced with the checkbox. */
  hint?: string;
};

type CheckboxGroupProps<T extends string> = {
  /** Each checkbox's id is `{idPrefix}-{value}`. */
  idPrefix: string;
  legend: string;
  options: readonly CheckboxOption<T>[];
  /** The values checked (it may hold values that are not options; they are ignored). */
  checked: readonly string[];
  /** One checkbox was ticked (`on`) or unticked; see `toggled`. */
  onToggle: (value: T, on: boolean) => void;
};

/** A fieldset of checkboxes choosing several values from a fixed list. */
export function CheckboxGroup<T extends string>({ idPrefix, legend, options, checked, onToggle }: CheckboxGroupProps<T>) {
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {options.map(({ value, label, hint }) => {
        const id = `${idPrefix}-${value}`;
        return (
          <div className="checkbox" key={value}>
            <input
              type="checkbox"
              id={id}
              aria-describedby={hint === undefined ? undefined : hintId(id)}
              checked={checked.includes(value)}
              onChange={(event) => {
                onToggle(value, event.target.checked);
              }}
            />
            <label htmlFor={id}>{label}</label>
            {hint !== undefined && (
              <span id={hintId(id)} className="hint-inline">
                {hint}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** `list` with `value` added last (`on`) or removed (not `on`): what a CheckboxGroup toggle does. */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  const others = list.filter((item) => item !== value);
  return on ? [...others, value] : others;
}

type FormFooterProps = {
  /** The form's submit action: its error is shown, its pending state disables the button. */
  action: Pick<Action, 'pending' | 'error'>;
  submitLabel: string;
  /** More buttons after the submit button (e.g. "Cancel"). */
  children?: ReactNode;
};

/** The end of a form: its error alert, then the submit button (and any others). */
export function FormFooter({ action, submitLabel, children }: FormFooterProps) {
  return (
    <>
      <ErrorAlert message={action.error} />
      <div className="form-actions">
        <button type="submit" disabled={action.pending}>
          {submitLabel}
        </button>
        {children}
      </div>
    </>
  );
}
