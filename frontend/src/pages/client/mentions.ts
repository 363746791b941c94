import type { Person } from '../../api/types.ts';

/** The most people the autocomplete offers at once. */
export const MAX_SUGGESTIONS = 8;

/** An `@name` being typed: where its `@` is and the letters after it. */
export type MentionQuery = { start: number; query: string };

/**
 * The mention being typed just before the caret: an `@` at the start or after a space, followed by letters (a name
 * may hold one space, "@Ada Lo"); null when the caret is not in one (an e-mail address is not a mention).
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)@([\p{L}\p{N}'’.-]*(?: [\p{L}\p{N}'’.-]*)?)$/u.exec(before);
  if (match === null) {
    return null;
  }
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Whether a name answers what was typed: any of its words, or the whole name, starts with it (case and accents aside). */
function answers(name: string, query: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const q = fold(query.trim());
  const n = fold(name);
  return q === '' || n.startsWith(q) || n.split(/\s+/).some((word) => word.startsWith(q));
}

/** The people offered for `query`: those whose name answers it, not mentioned yet, by name, at most MAX_SUGGESTIONS. */
export function mentionCandidates(people: readonly Person[], query: string, mentioned: readonly string[]): Person[] {
  return people
    .filter((p) => !mentioned.includes(p.id) && answers(p.name, query))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_SUGGESTIONS);
}

/** The text with the typed `@query` replaced by `@Name `, and where the caret goes after it. */
export function insertMention(text: string, caret: number, at: MentionQuery, person: Person): { text: string; caret: number } {
  const inserted = `@${person.name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, at.start) + inserted + after, caret: at.start + inserted.length };
}
