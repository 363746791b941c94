import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type SyntheticEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { LoadState } from '../query/loadState.ts';
import { useAction } from '../hooks/useAction.ts';
import { EditableList, type EditSlot } from './EditableList.tsx';
import { ErrorAlert } from './Feedback.tsx';

type Note = { id: string; text: string };

/** A one-field form, as the panels' forms are: it saves through `save` and shows the refusal. */
function NoteForm({ initial, label, save, onSaved, onCancel }: {
  initial: string;
  label: string;
  save: (text: string) => Promise<Note>;
  onSaved: (note: Note) => void;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(initial);
  const action = useAction();
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const saved: { note?: Note } = {};
    if (await action.run(async () => (saved.note = await save(text))) && saved.note !== undefined) {
      onSaved(saved.note);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <label htmlFor={`note-${label}`}>Text</label>
      <input id={`note-${label}`} value={text} onChange={(event) => { setText(event.target.value); }} />
      <ErrorAlert message={action.error} />
      <button type="submit">{label}</button>
      {onCancel !== undefined && <button type="button" onClick={onCancel}>Cancel</button>}
    </form>
  );
}

type Server = {
  update?: (note: Note, text: string) => Promise<Note>;
  remove?: (note: Note) => Promise<unknown>;
  create?: (text: string) => Promise<Note>;
};

function Notes({ initial, server = {}, state }: { initial: Note[]; server?: Server; state?: LoadState<Note[]> }) {
  const [notes, setNotes] = useState(initial);
  return (
    <section aria-labelledby="notes">
      <h3 id="notes">Notes</h3>
      <EditableList<Note>
        state={state ?? { kind: 'loaded', data: notes }}
        reload={() => undefined}
        loadingLabel="Loading notes…"
        what="Notes"
        empty="No notes yet."
        labelledBy="notes"
        itemKey={(note) => note.id}
        itemName={(note) => `note: ${note.text}`}
        itemTestId={(note) => `note-${note.id}`}
        renderItem={(note) => <p>{note.text}</p>}
        canEdit={(note) => note.id !== 'locked'}
        renderEdit={(note, { onSaved, onCancel }: EditSlot<Note>) => (
          <NoteForm initial={note.text} label="Save note" save={(text) => (server.update ?? ((n, t) => Promise.resolve({ ...n, text: t })))(note, text)}
            onSaved={onSaved} onCancel={onCancel} />
        )}
        remove={{ remove: (note) => (server.remove ?? (() => Promise.resolve()))(note), question: (note) => <>Delete “{note.text}”?</> }}
        create={{
          summary: 'Add a note',
          render: (created) => (
            <NoteForm initial="" label="Add note" save={(text) => (server.create ?? ((t) => Promise.resolve({ id: `n-${t}`, text: t })))(text)}
              onSaved={created} />
          ),
        }}
        onCreated={(note) => { setNotes((list) => [...list, note]); }}
        onSaved={(note) => { setNotes((list) => list.map((n) => (n.id === note.id ? note : n))); }}
        onRemoved={(note) => { setNotes((list) => list.filter((n) => n.id !== note.id)); }}
        notices={{ created: (note) => `Note “${note.text}” added.`, saved: () => 'Note saved.', removed: () => 'Note deleted.' }}
      />
    </section>
  );
}

const NOTES: Note[] = [{ id: 'a', text: 'First' }, { id: 'b', text: 'Second' }, { id: 'c', text: 'Third' }];

describe('EditableList', () => {
  it('shows the items in a list named by its heading, each with Edit and Delete named after it', () => {
    render(<Notes initial={[...NOTES, { id: 'locked', text: 'Fixed' }]} />);
    const list = screen.getByRole('list', { name: 'Notes' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'FirstEditDelete', 'SecondEditDelete', 'ThirdEditDelete', 'FixedDelete',
    ]);
    expect(screen.getByRole('button', { name: 'Edit note: Second' })).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Edit note: Fixed' })).toBeNull();
  });

  it('edits one item in place: focus goes to the form, then back to the saved item, with a notice', async () => {
    const user = userEvent.setup();
    render(<Notes initial={NOTES} />);
    await user.click(screen.getByRole('button', { name: 'Edit note: Second' }));
    const field = within(screen.getByTestId('note-b')).getByRole<HTMLInputElement>('textbox', { name: 'Text' });
    expect(document.activeElement).toBe(field);
    // one item at a time: the others keep their buttons, the edited one has none but the form's
    expect(within(screen.getByTestId('note-b')).queryByRole('button', { name: /^Edit/ })).toBeNull();
    await user.clear(field);
    await user.type(field, 'Second, better');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect(screen.getByTestId('note-b').textContent).toContain('Second, better');
    expect(screen.getByRole('status').textContent).toBe('Note saved.');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByTestId('note-b'));
    });
  });

  it('leaves an edit unchanged with Cancel or Escape', async () => {
    const user = userEvent.setup();
    render(<Notes initial={NOTES} />);
    await user.click(screen.getByRole('button', { name: 'Edit note: First' }));
    await user.type(within(screen.getByTestId('note-a')).getByRole('textbox', { name: 'Text' }), ' changed');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('note-a').textContent).toBe('FirstEditDelete');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByTestId('note-a'));
    });

    await user.click(screen.getByRole('button', { name: 'Edit note: Third' }));
    await user.type(within(screen.getByTestId('note-c')).getByRole('textbox', { name: 'Text' }), ' changed{Escape}');
    expect(within(screen.getByTestId('note-c')).queryByRole('textbox', { name: 'Text' })).toBeNull();
    expect(screen.getByTestId('note-c').textContent).toBe('ThirdEditDelete');
  });

  it('shows the server refusing an edit and keeps the form open', async () => {
    const user = userEvent.setup();
    render(<Notes initial={NOTES} server={{ update: () => Promise.reject(new Error('Too long')) }} />);
    await user.click(screen.getByRole('button', { name: 'Edit note: First' }));
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too long');
    expect(within(screen.getByTestId('note-a')).getByRole('textbox', { name: 'Text' })).toBeDefined();
  });

  it('deletes after a confirmation usable by keyboard, then focuses the next item', async () => {
    const user = userEvent.setup();
    const remove = vi.fn(() => Promise.resolve());
    render(<Notes initial={NOTES} server={{ remove }} />);
    await user.click(screen.getByRole('button', { name: 'Delete note: Second' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deleting the note: Second' });
    expect(confirm.textContent).toContain('Delete “Second”? This cannot be undone.');
    // the safe choice has focus; Escape goes back
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /^Confirm/ })).toBeNull();
    expect(remove).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete note: Second' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Confirm delete' }));
    await user.keyboard('{Enter}');
    await waitFor(() => {
      expect(screen.queryByTestId('note-b')).toBeNull();
    });
    expect(remove).toHaveBeenCalledWith(NOTES[1]);
    expect(screen.getByRole('status').textContent).toBe('Note deleted.');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByTestId('note-c'));
    });
  });

  it('shows the server refusing a delete and keeps the item', async () => {
    const user = userEvent.setup();
    render(<Notes initial={NOTES} server={{ remove: () => Promise.reject(new Error('Not yours')) }} />);
    await user.click(screen.getByRole('button', { name: 'Delete note: First' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not yours');
    expect(screen.getByTestId('note-a')).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('creates an item and moves focus to it', async () => {
    const user = userEvent.setup();
    render(<Notes initial={[]} />);
    expect(screen.getByText('No notes yet.')).toBeDefined();
    await user.click(screen.getByText('Add a note'));
    await user.type(screen.getByRole('textbox', { name: 'Text' }), 'Fresh');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(screen.getByRole('status').textContent).toBe('Note “Fresh” added.');
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByTestId('note-n-Fresh'));
    });
  });

  it('shows the server refusing a creation in the form', async () => {
    const user = userEvent.setup();
    render(<Notes initial={[]} server={{ create: () => Promise.reject(new Error('Write something')) }} />);
    await user.click(screen.getByText('Add a note'));
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write something');
    expect(screen.getByText('No notes yet.')).toBeDefined();
  });

  it('says when loading failed, with "Try again" named after the list', () => {
    render(<Notes initial={[]} state={{ kind: 'error', message: 'Notes are down' }} />);
    expect(screen.getByRole('alert').textContent).toBe('Notes are down');
    expect(screen.getByRole('button', { name: 'Try again: Notes' })).toBeDefined();
  });
});
