import type { ReactNode } from 'react';
import type { LoadState } from '../query/loadState.ts';
import { LoadError, Loading } from './Feedback.tsx';

type Props<T extends readonly unknown[]> = {
  /** The list's load state (`toLoadState` of its query). */
  state: LoadState<T>;
  /** Loads again; offered as "Try again" when loading failed. */
  reload: () => void;
  /** The busy message, e.g. "Loading clients…". */
  loadingLabel: string;
  /** What to say when the list is loaded and empty. */
  empty: ReactNode;
  /** What failed to load, naming its "Try again" button for screen readers when a page has several. */
  what?: string;
  /** Renders the loaded, non-empty list. */
  children: (items: T) => ReactNode;
};

/** A loaded list: a busy message while it loads, the error and "Try again" when that failed, then the list or `empty`. */
export function LoadedList<T extends readonly unknown[]>({ state, reload, loadingLabel, empty, what, children }: Props<T>) {
  switch (state.kind) {
    case 'loading':
      return <Loading label={loadingLabel} />;
    case 'error':
      return (
        <LoadError message={state.message} onRetry={reload} what={what} />
      );
    case 'loaded':
      return state.data.length === 0 ? <p className="empty">{empty}</p> : children(state.data);
  }
}
