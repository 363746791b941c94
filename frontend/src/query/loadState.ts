import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../api/client.ts';

/** What a screen shows of one read: a busy message, its error, or its data. */
export type LoadState<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; data: T };

/**
 * A read resource as lists and panels take it (`LoadedList`, `EditableList`; `useQueryResource` makes one): its load
 * state, "load again", and "change it in place" after a change of ours answered.
 */
export type ApiGet<T> = {
  state: LoadState<T>;
  /** Loads again. */
  reload: () => void;
  /** Changes the loaded data in place, e.g. after a create, edit or delete answered. */
  update: (change: (data: T) => T) => void;
};

/**
 * A query's state as a screen shows it: data already read stays on screen while it is read again,
 * and when that fails (a live event's refetch must not blank a list); an error shows only without data.
 */
export function toLoadState<T>(query: Pick<UseQueryResult<T>, 'data' | 'error'>): LoadState<T> {
  if (query.data !== undefined) {
    return { kind: 'loaded', data: query.data };
  }
  return query.error === null ? { kind: 'loading' } : { kind: 'error', message: errorMessage(query.error) };
}
