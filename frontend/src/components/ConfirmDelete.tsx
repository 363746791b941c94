import type { ReactNode } from 'react';
import { useAction } from '../hooks/useAction.ts';
import { ErrorAlert } from './Feedback.tsx';

type Props = {
  /** The group's accessible name, e.g. "Confirm deleting the goal: Page views". */
  label: string;
  /** What is about to go, as a question. */
  question: ReactNode;
  /** The server's refusal, if any. */
  error: string | null;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** The action's word when it is not "Delete" (e.g. "Revoke": "Confirm revoke"). */
  verb?: string;
};

/** The second step of every delete: the question, "Confirm delete" and "Cancel". */
export function ConfirmDelete({ label, question, error, pending, onConfirm, onCancel, verb = 'Delete' }: Props) {
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{question} This cannot be undone.</p>
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="button" className="button-danger" disabled={pending} onClick={onConfirm}>
          Confirm {verb.toLowerCase()}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

type ButtonsProps = {
  what: string;
  /** No "Edit" button without it. */
  onEdit?: () => void;
  /** No "Delete" button without it. */
  onDelete?: () => void;
  /** The delete button's word when it is not "Delete" (e.g. "Revoke"). */
  verb?: string;
};

/** The first step: "Edit" and "Delete" for one item, named for screen readers ("Edit goal: Page views"). */
export function EditDeleteButtons({ what, onEdit, onDelete, verb = 'Delete' }: ButtonsProps) {
  return (
    <>
      {onEdit !== undefined && (
        <button type="button" className="button-secondary" aria-label={`Edit ${what}`} onClick={onEdit}>
          Edit
        </button>
      )}
      {onDelete !== undefined && (
        <button type="button" className="button-danger-outline" aria-label={`${verb} ${what}`} onClick={onDelete}>
          {verb}
        </button>
      )}
    </>
  );
}

type ItemProps = {
  label: string;
  question: ReactNode;
  /** The delete request. */
  remove: () => Promise<unknown>;
  /** Once the server agreed. */
  onDeleted: () => void;
  /** Back to the item (the refusal, if any, is forgotten). */
  onCancel: () => void;
  /** The action's word when it is not "Delete". */
  verb?: string;
};

/** A list item's confirm step with its delete request: pending, the server's refusal, and what follows. */
export function ConfirmItemDelete({ label, question, remove, onDeleted, onCancel, verb }: ItemProps) {
  const action = useAction();
  return (
    <ConfirmDelete
      label={label}
      question={question}
      verb={verb}
      error={action.error}
      pending={action.pending}
      onConfirm={() =>
        void action.run(remove).then((ok) => {
          if (ok) {
            onDeleted();
          }
        })}
      onCancel={() => {
        action.setError(null);
        onCancel();
      }}
    />
  );
}
