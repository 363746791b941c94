import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { LoadState } from '../query/loadState.ts';
import { ConfirmItemDelete, EditDeleteButtons } from './ConfirmDelete.tsx';
import { LoadedList } from './LoadedList.tsx';

/** What an edit form is given: call `onSaved` with the server's answer, or `onCancel` to go back unchanged. */
export type EditSlot<T> = { onSaved: (item: T) => void; onCancel: () => void };

/** The delete step of an item, when it may be deleted (or revoked: `verb` names the action). */
export type DeleteStep<T> = {
  /** The request; the item goes (or changes) once it answered. */
  remove: (item: T) => Promise<unknown>;
  /** The question asked before, e.g. "Delete the goal for Page views by 31 Dec?". */
  question: (item: T) => ReactNode;
  /** The button's word, "Delete" unless told ("Revoke"). */
  verb?: string;
  /** The confirm step's accessible name; "Confirm deleting the <item's name>" unless told. */
  label?: (item: T) => string;
};

export type EditableListProps<T> = {
  /** The list's load state (a query's, see `useApiQuery`). */
  state: LoadState<readonly T[]>;
  reload: () => void;
  loadingLabel: string;
  /** What failed to load, naming "Try again" for screen readers (e.g. "Goals"). */
  what?: string;
  /** What to say when the loaded list is empty. */
  empty: ReactNode;
  /** The id of the heading that names the list (the list's `aria-labelledby`)… */
  labelledBy?: string;
  /** …or its name (`aria-label`), when no heading names it alone. */
  label?: string;
  /** The list element's class, e.g. "card-list goal-list". */
  className?: string;
  /** The stable id of an item. */
  itemKey: (item: T) => string;
  /** An item's name for screen readers, e.g. "goal: Page views by 31 Dec" (used in "Edit goal: …"). */
  itemName: (item: T) => string;
  /** The item element's class (its status may show in it). */
  itemClassName?: (item: T) => string;
  /** The item element's test id. */
  itemTestId?: (item: T) => string;
  /** An item as it reads (without the Edit and Delete buttons). */
  renderItem: (item: T) => ReactNode;
  /** The item's own buttons, next to Edit and Delete (e.g. "Show impact"). */
  renderActions?: (item: T) => ReactNode;
  /** What follows the buttons (e.g. a thread's replies, an expanded detail). */
  renderAfter?: (item: T) => ReactNode;
  /** The edit form in place of the item; no Edit button without it or when `canEdit` says no. */
  renderEdit?: (item: T, slot: EditSlot<T>) => ReactNode;
  /** What the edit form keeps showing above it (e.g. the goal's subject, which cannot change). */
  renderEditHeader?: (item: T) => ReactNode;
  canEdit?: (item: T) => boolean;
  /** The delete step; no Delete button without it or when `canDelete` says no. */
  remove?: DeleteStep<T>;
  canDelete?: (item: T) => boolean;
  /** The new-item form (e.g. in a "Add a goal" disclosure); it calls `created` with the server's answer. */
  create?: { summary?: string; render: (created: (item: T) => void) => ReactNode };
  /** Put the server's answer in the list (the cache): after a create, an edit or a delete. */
  onCreated?: (item: T) => void;
  onSaved?: (item: T) => void;
  onRemoved?: (item: T) => void;
  /** What the panel's status line says after each change. */
  notices?: { created?: (item: T) => string; saved?: (item: T) => string; removed?: (item: T) => string };
  /** Where the notices go when the panel has a status line of its own; the list shows one otherwise. */
  announce?: (message: string) => void;
};

type Mode = { key: string; step: 'edit' | 'confirm' } | null;

/**
 * A list whose items are viewed, edited in place (one at a time), deleted after a confirmation, and created: the one
 * editable list of the collaboration panels (annotations, comments, goals, alert rules, share links). It keeps focus
 * where the change happened (the form's first field, the confirm step, then the item saved, created, or the next one
 * after a delete), and Escape leaves an edit or a confirm step.
 */
export function EditableList<T>(props: EditableListProps<T>) {
  const { state, reload, loadingLabel, what, empty, labelledBy, label, className, itemKey, itemName, itemClassName, itemTestId } = props;
  const { renderItem, renderActions, renderAfter, renderEdit, renderEditHeader, canEdit, remove, canDelete, create } = props;
  const { onCreated, onSaved, onRemoved, notices, announce } = props;
  const [mode, setMode] = useState<Mode>(null);
  const [ownNotice, setOwnNotice] = useState('');
  const setNotice = (message: string) => {
    (announce ?? setOwnNotice)(message);
  };
  /**
   * The item to focus once it is on screen (just saved or created), or the position a delete left, taken once the
   * list no longer is the one it was deleted from (the cache answers a moment after the request). A ref: taking it
   * is no reason to draw again.
   */
  const focus = useRef<{ key: string } | { index: number; from: readonly T[] } | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const list = state.kind === 'loaded' ? state.data : null;

  useEffect(() => {
    const wanted = focus.current;
    if (wanted === null || list === null || ('from' in wanted && wanted.from === list)) {
      return;
    }
    const at = 'key' in wanted ? undefined : list.at(Math.min(wanted.index, list.length - 1));
    const key = 'key' in wanted ? wanted.key : at === undefined ? null : itemKey(at);
    const element = key === null ? undefined : items.current.get(key);
    if (element !== undefined) {
      element.focus();
      focus.current = null;
    } else if (!('key' in wanted)) {
      focus.current = null;
    }
  });

  const setFocus = (wanted: typeof focus.current) => {
    focus.current = wanted;
  };
  const back = (key: string) => {
    setMode(null);
    setFocus({ key });
  };
  const onEscape = (key: string) => (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      back(key);
    }
  };

  const created = (item: T) => {
    onCreated?.(item);
    setNotice(notices?.created?.(item) ?? '');
    setFocus({ key: itemKey(item) });
  };

  const renderOne = (item: T, index: number) => {
    const key = itemKey(item);
    const step = mode?.key === key ? mode.step : null;
    const editable = renderEdit !== undefined && (canEdit?.(item) ?? true);
    const deletable = remove !== undefined && (canDelete?.(item) ?? true);
    const ref = (element: HTMLLIElement | null) => {
      if (element === null) {
        items.current.delete(key);
      } else {
        items.current.set(key, element);
      }
    };
    const common = {
      ref,
      tabIndex: -1,
      className: itemClassName?.(item),
      'data-testid': itemTestId?.(item),
    };
    if (step === 'edit' && renderEdit !== undefined) {
      return (
        <li key={key} {...common} onKeyDown={onEscape(key)}>
          {renderEditHeader?.(item)}
          <FocusFirstField>
            {renderEdit(item, {
              onSaved: (next) => {
                onSaved?.(next);
                setNotice(notices?.saved?.(next) ?? '');
                back(itemKey(next));
              },
              onCancel: () => {
                back(key);
              },
            })}
          </FocusFirstField>
        </li>
      );
    }
    const actions = renderActions?.(item);
    return (
      <li key={key} {...common}>
        {renderItem(item)}
        {step === 'confirm' && remove !== undefined ? (
          <div onKeyDown={onEscape(key)}>
            <FocusFirstField selector="button.button-secondary">
              <ConfirmItemDelete
                label={remove.label?.(item) ?? `Confirm deleting the ${itemName(item)}`}
                question={remove.question(item)}
                verb={remove.verb}
                remove={() => remove.remove(item)}
                onDeleted={() => {
                  onRemoved?.(item);
                  setNotice(notices?.removed?.(item) ?? '');
                  setMode(null);
                  if (list !== null) {
                    setFocus({ index, from: list });
                  }
                }}
                onCancel={() => {
                  back(key);
                }}
              />
            </FocusFirstField>
          </div>
        ) : (
          (actions !== undefined || editable || deletable) && (
            <div className="form-actions">
              {actions}
              {(editable || deletable) && (
                <EditDeleteButtons
                  what={itemName(item)}
                  verb={remove?.verb}
                  onEdit={editable ? () => {
                    setMode({ key, step: 'edit' });
                  } : undefined}
                  onDelete={deletable ? () => {
                    setMode({ key, step: 'confirm' });
                  } : undefined}
                />
              )}
            </div>
          )
        )}
        {renderAfter?.(item)}
      </li>
    );
  };

  return (
    <>
      {announce === undefined && (
        <p className="notice" role="status" aria-live="polite">
          {ownNotice}
        </p>
      )}
      {create !== undefined &&
        (create.summary === undefined ? (
          <CreateSlot render={create.render} created={created} />
        ) : (
          <details className="editable-create">
            <summary>{create.summary}</summary>
            <CreateSlot render={create.render} created={created} />
          </details>
        ))}
      <LoadedList state={state} reload={reload} loadingLabel={loadingLabel} empty={empty} what={what}>
        {(loaded) => (
          <ul className={className} aria-labelledby={labelledBy} aria-label={label}>
            {loaded.map(renderOne)}
          </ul>
        )}
      </LoadedList>
    </>
  );
}

/** The new-item form, given what to do with the item it made. */
function CreateSlot<T>({ render, created }: { render: (created: (item: T) => void) => ReactNode; created: (item: T) => void }) {
  return render(created);
}

/** Moves focus into what it wraps once shown: the first field of an edit form, or the confirm step's safe button. */
function FocusFirstField({ children, selector = 'input, select, textarea' }: { children: ReactNode; selector?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>(selector)?.focus();
  }, [selector]);
  return (
    <div ref={box} className="editable-slot">
      {children}
    </div>
  );
}
