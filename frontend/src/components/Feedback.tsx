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
