/** A polite "busy" message for content that is on its way. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

/** An API error (or any failure) shown next to the form or list it concerns; nothing when null. */
export function ErrorAlert({ message }: { message: string | null }) {
  if (message === null) {
    return null;
  }
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

/**
 * A failed load with its way out: the error and a "Try again" button (named "Try again: <what>" for screen readers
 * when a page has several).
 */
export function LoadError({ message, onRetry, what }: { message: string; onRetry: () => void; what?: string }) {
  return (
    <div className="load-error">
      <ErrorAlert message={message} />
      <button
        type="button"
        className="button-secondary"
        {...(what === undefined ? {} : { 'aria-label': `Try again: ${what}` })}
        onClick={onRetry}
      >
        Try again
      </button>
    </div>
  );
}
