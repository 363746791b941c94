import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Person } from '../../api/types.ts';
import { insertMention, mentionCandidates, mentionQuery, type MentionQuery } from './mentions.ts';

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  rows: number;
  /** Who may be mentioned (the people who can see the client). */
  people: readonly Person[];
  /** The ids mentioned so far, in the order they were picked. */
  mentions: readonly string[];
  onMentionsChange: (mentions: string[]) => void;
};

/**
 * A comment's text where typing `@` and letters offers the people who can see the client (a combobox with its
 * listbox: arrow keys move, Enter or Tab picks, Escape closes); a person picked becomes `@Name` in the text and a
 * mention, listed under the field where it can be removed.
 */
export function MentionField({ id, label, value, onChange, maxLength, rows, people, mentions, onMentionsChange }: Props) {
  const ids = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [typed, setTyped] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  /** Where the caret goes once the text with a picked name is drawn. */
  const caret = useRef<number | null>(null);
  const candidates = typed === null ? [] : mentionCandidates(people, typed.query, mentions);
  const open = candidates.length > 0;
  const chosen = candidates.at(Math.min(active, candidates.length - 1));
  const listId = `${ids}-people`;
  const optionId = (person: Person) => `${ids}-person-${person.id}`;
  const hintId = `${ids}-hint`;

  useEffect(() => {
    if (caret.current !== null && field.current !== null) {
      field.current.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  });

  /** Follows the caret: the `@name` it is in, if any. */
  const follow = (text: string, at: number) => {
    const next = mentionQuery(text, at);
    if (next?.start !== typed?.start || next?.query !== typed?.query) {
      setActive(0);
    }
    setTyped(next);
  };

  const pick = (person: Person) => {
    if (typed === null) {
      return;
    }
    const at = field.current?.selectionStart ?? value.length;
    const next = insertMention(value, at, typed, person);
    caret.current = next.caret;
    onChange(next.text);
    onMentionsChange([...mentions, person.id]);
    setTyped(null);
    field.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (Math.min(i, candidates.length - 1) + step + candidates.length) % candidates.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && chosen !== undefined) {
      event.preventDefault();
      pick(chosen);
    } else if (event.key === 'Escape') {
      // closes the list only, not the form around it
      event.preventDefault();
      event.stopPropagation();
      setTyped(null);
    }
  };

  const named = mentions.map((m) => people.find((p) => p.id === m)).filter((p): p is Person => p !== undefined);
  return (
    <div className="field mention-field">
      <label htmlFor={id}>{label}</label>
      {/* the field inside a combobox (the ARIA 1.1 pattern: a textarea may not take the role itself), named apart from it */}
      <div role="combobox" aria-expanded={open} aria-haspopup="listbox" aria-owns={open ? listId : undefined}
        aria-controls={open ? listId : undefined} aria-label={`${label}, with @mentions`}>
        <textarea
          ref={field}
          id={id}
          required
          maxLength={maxLength}
          rows={rows}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open && chosen !== undefined ? optionId(chosen) : undefined}
          aria-describedby={hintId}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            follow(event.target.value, event.target.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(event) => {
            if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') {
              follow(event.currentTarget.value, event.currentTarget.selectionStart);
            }
          }}
          onClick={(event) => {
            follow(event.currentTarget.value, event.currentTarget.selectionStart);
          }}
          onBlur={() => {
            setTyped(null);
          }}
        />
      </div>
      {open && (
        <ul className="mention-options" role="listbox" id={listId} aria-label="People to mention">
          {candidates.map((person) => (
            <li
              key={person.id}
              id={optionId(person)}
              role="option"
              aria-selected={person === chosen}
              className={person === chosen ? 'active' : undefined}
              // picking by mouse must not blur the field first (that would close the list)
              onMouseDown={(event) => {
                event.preventDefault();
              }}
              onClick={() => {
                pick(person);
              }}
            >
              {person.name}
            </li>
          ))}
        </ul>
      )}
      <p id={hintId} className="hint">
        {`${String(value.length)} of ${String(maxLength)} characters. Type @ and a name to mention someone who can see this client; they are notified.`}
      </p>
      {named.length > 0 && (
        <ul className="mention-chips" aria-label="Mentioned">
          {named.map((person) => (
            <li key={person.id}>
              {person.name}{' '}
              <button
                type="button"
                aria-label={`Remove mention: ${person.name}`}
                onClick={() => {
                  onMentionsChange(mentions.filter((m) => m !== person.id));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
