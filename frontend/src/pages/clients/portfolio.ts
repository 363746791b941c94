import type { Client } from '../../api/types.ts';
import type { SelectOption } from '../../components/FormFields.tsx';

// The Clients page as a portfolio: which clients are shown (a filter by name) and in what order.

export type ClientSort = 'name' | 'score' | 'change';

export const CLIENT_SORTS: readonly SelectOption<ClientSort>[] = [
  { value: 'name', label: 'Name (A–Z)' },
  { value: 'score', label: 'Zoom Factor (highest first)' },
  { value: 'change', label: 'Change (biggest rise first)' },
];

function byName(a: Pick<Client, 'name'>, b: Pick<Client, 'name'>): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

/** Highest first; clients without a figure (no score, no earlier score) last. */
function descending(a: number | null, b: number | null): number {
  if (a === null || b === null) {
    return a === null ? (b === null ? 0 : 1) : -1;
  }
  return b - a;
}

/** A copy of `clients` in the chosen order; ties (and clients without a figure) go by name. */
export function sortClients<C extends Pick<Client, 'name' | 'score'>>(clients: readonly C[], sort: ClientSort): C[] {
  const figure = (client: C): number | null => {
    const score = client.score ?? null;
    if (sort === 'score') {
      return score?.value ?? null;
    }
    return score?.change ?? null;
  };
  return [...clients].sort((a, b) => (sort === 'name' ? 0 : descending(figure(a), figure(b))) || byName(a, b));
}

/** The clients whose name contains `text` (trimmed; any case and accents); all of them for an empty text. */
export function filterClients<C extends Pick<Client, 'name'>>(clients: readonly C[], text: string): C[] {
  const fold = (value: string) => value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
  const wanted = fold(text.trim());
  return wanted === '' ? [...clients] : clients.filter((client) => fold(client.name).includes(wanted));
}
