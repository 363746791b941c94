import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { CheckboxGroup, FormFooter, NewPasswordField, SelectField, TextField, toggled } from './FormFields.tsx';

/** The text of the elements `element` is described by (aria-describedby), in order. */
function descriptions(element: HTMLElement): string[] {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter((id) => id !== '')
    .map((id) => document.getElementById(id)?.textContent ?? `missing #${id}`);
}

/** A TextField holding its own value, reporting each change to `changed`. */
function StatefulTextField({ changed }: { changed: (value: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <TextField
      id="f-name"
      label="Token name"
      value={value}
      onChange={(next) => {
        changed(next);
        setValue(next);
      }}
    />
  );
}

describe('TextField', () => {
  it('labels its input by id and hands onChange the new value as a string', async () => {
    const changed = vi.fn<(value: string) => void>();
    const user = userEvent.setup();
    render(<StatefulTextField changed={changed} />);

    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Token name' });
    expect(input.id).toBe('f-name');
    expect(document.querySelector('label')?.htmlFor).toBe('f-name');
    expect(input.hasAttribute('type')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(document.querySelector('.hint')).toBeNull();

    await user.type(input, 'CI');

    expect(changed.mock.calls).toEqual([['C'], ['CI']]);
    expect(input.value).toBe('CI');
  });

  it('shows the hint under the input and describes the input with it', () => {
    render(
      <TextField
        id="f-expires"
        label="Expires on"
        type="date"
        min="2030-01-01"
        hint="Empty: never expires."
        value=""
        onChange={() => undefined}
      />,
    );

    const input = screen.getByLabelText<HTMLInputElement>('Expires on');
    expect(input.type).toBe('date');
    expect(input.min).toBe('2030-01-01');
    expect(input.getAttribute('aria-describedby')).toBe('f-expires-hint');
    expect(descriptions(input)).toEqual(['Empty: never expires.']);
    const hint = document.getElementById('f-expires-hint');
    expect(hint?.className).toBe('hint');
    expect(hint?.parentElement).toBe(input.parentElement);
    expect(input.parentElement?.className).toBe('field');
  });

  it('keeps an aria-describedby of its own before its hint', () => {
    render(
      <>
        <p id="outside">Said elsewhere.</p>
        <TextField id="f-email" label="Email" type="email" aria-describedby="outside" hint="We never share it." value="" onChange={() => undefined} />
      </>,
    );

    expect(descriptions(screen.getByRole('textbox', { name: 'Email' }))).toEqual(['Said elsewhere.', 'We never share it.']);
  });

  it('passes input attributes through and renders children in the field', () => {
    render(
      <TextField id="f-tz" label="Time zone" list="f-tz-list" autoComplete="off" required value="UTC" onChange={() => undefined}>
        <datalist id="f-tz-list">
          <option value="Europe/Paris" />
        </datalist>
      </TextField>,
    );

    const input = screen.getByRole<HTMLInputElement>('combobox', { name: 'Time zone' });
    expect(input.required).toBe(true);
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.parentElement?.querySelector('datalist#f-tz-list')).not.toBeNull();
  });
});

describe('NewPasswordField', () => {
  it('is a "Password" field within the password rules, with the rules as its hint', () => {
    render(<NewPasswordField id="f-password" value="" onChange={() => undefined} />);

    const input = screen.getByLabelText<HTMLInputElement>('Password');
    expect(input.type).toBe('password');
    expect(input.autocomplete).toBe('new-password');
    expect([input.required, input.minLength, input.maxLength]).toEqual([true, 8, 128]);
    expect(descriptions(input)).toEqual(['8 to 128 characters.']);
  });
});

describe('SelectField', () => {
  it('labels its select, lists the options and hands onChange the chosen value', async () => {
    const changed = vi.fn<(value: 'owner' | 'viewer') => void>();
    const user = userEvent.setup();
    render(
      <SelectField
        id="f-role"
        label="Role"
        value="owner"
        hint="Viewers only read."
        options={[
          { value: 'owner', label: 'Owner' },
          { value: 'viewer', label: 'Viewer' },
        ]}
        onChange={changed}
      />,
    );

    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Role', description: 'Viewers only read.' });
    expect(select.id).toBe('f-role');
    expect(within(select).getAllByRole('option').map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['owner', 'Owner'],
      ['viewer', 'Viewer'],
    ]);

    await user.selectOptions(select, 'Viewer');

    expect(changed).toHaveBeenCalledExactlyOnceWith('viewer');
  });
});

describe('CheckboxGroup', () => {
  it('is a group named by its legend; each checkbox is labelled, described by its hint and toggles its value', async () => {
    const onToggle = vi.fn<(value: string, on: boolean) => void>();
    const user = userEvent.setup();
    render(
      <CheckboxGroup
        idPrefix="f-scope"
        legend="Scopes"
        options={[
          { value: 'read', label: 'read', hint: 'read clients' },
          { value: 'admin', label: 'admin' },
        ]}
        checked={['admin', 'unknown']}
        onToggle={onToggle}
      />,
    );

    const group = screen.getByRole('group', { name: 'Scopes' });
    const read = within(group).getByRole<HTMLInputElement>('checkbox', { name: 'read', description: 'read clients' });
    const admin = within(group).getByRole<HTMLInputElement>('checkbox', { name: 'admin' });
    expect([read.id, admin.id]).toEqual(['f-scope-read', 'f-scope-admin']);
    expect([read.checked, admin.checked]).toEqual([false, true]);
    expect(admin.hasAttribute('aria-describedby')).toBe(false);

    await user.click(read);
    await user.click(admin);

    expect(onToggle.mock.calls).toEqual([
      ['read', true],
      ['admin', false],
    ]);
  });

  it('toggled adds a value last or removes it', () => {
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggled(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});

describe('FormFooter', () => {
  it('shows the error, then the submit button (disabled while pending) and any other buttons', () => {
    const { rerender } = render(
      <form>
        <FormFooter action={{ pending: false, error: null }} submitLabel="Save">
          <button type="button">Cancel</button>
        </FormFooter>
      </form>,
    );

    expect(screen.queryByRole('alert')).toBeNull();
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save' });
    expect([save.type, save.disabled]).toEqual(['submit', false]);
    expect(screen.getByRole('button', { name: 'Cancel' }).parentElement).toBe(save.parentElement);

    rerender(
      <form>
        <FormFooter action={{ pending: true, error: 'Name taken' }} submitLabel="Save" />
      </form>,
    );

    expect(screen.getByRole('alert').textContent).toBe('Name taken');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save' }).disabled).toBe(true);
  });
});
