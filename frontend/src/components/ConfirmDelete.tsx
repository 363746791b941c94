import type { ReactNode } from 'react';
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
};

/** The second step of every delete: the question, "Confirm delete" and "Cancel". */
export function ConfirmDelete({ label, question, error, pending, onConfirm, onCancel }: Props) {
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{question} This cannot be undone.</p>
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="button" className="button-danger" disabled={pending} onClick={onConfirm}>
          Confirm delete
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The first step: "Edit" and "Delete" for one item, named for screen readers ("Edit goal: Page views"). */
export function EditDeleteButtons({ what, onEdit, onDelete }: { what: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <button type="button" className="button-secondary" aria-label={`Edit ${what}`} onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="button-danger-outline" aria-label={`Delete ${what}`} onClick={onDelete}>
        Delete
      </button>
    </>
  );
}
