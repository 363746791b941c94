import { useAction } from '../hooks/useAction.ts';
import { ErrorAlert } from './Feedback.tsx';

type Props = {
  /** The visible text, e.g. "Revoke". */
  label: string;
  /** The accessible name when the visible text alone is ambiguous, e.g. "Revoke CI export". */
  accessibleName?: string;
  className?: string;
  /** The work the button does; a rejection is shown in an alert after the button. */
  action: () => Promise<unknown>;
  /** Called once `action` succeeded. */
  onDone: () => void;
};

/** A button running one API call (disabled while it runs), with its own error alert. */
export function ActionButton({ label, accessibleName, className, action, onDone }: Props) {
  const { run, pending, error } = useAction();
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={accessibleName}
        disabled={pending}
        onClick={() =>
          void run(action).then((ok) => {
            if (ok) {
              onDone();
            }
          })
        }
      >
        {label}
      </button>
      <ErrorAlert message={error} />
    </>
  );
}
