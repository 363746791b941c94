import { describe, expect, it } from 'vitest';
import { insertMention, MAX_SUGGESTIONS, mentionCandidates, mentionQuery } from './mentions.ts';

const ADA = { id: 'u-1', name: 'Ada Lovelace' };
const GRACE = { id: 'u-2', name: 'Grace Hopper' };
const PEOPLE = [
  ADA,
  GRACE,
  { id: 'u-3', name: 'Alan Turing' },
  { id: 'u-4', name: 'Émilie du Châtelet' },
];

describe('mentionQuery', () => {
  it.each([
    ['@', 1, { start: 0, query: '' }],
    ['Hi @gr', 6, { start: 3, query: 'gr' }],
    ['Hi @Ada Lo', 10, { start: 3, query: 'Ada Lo' }],
    ['Hi @gr and more', 6, { start: 3, query: 'gr' }],
    ['line\n@al', 8, { start: 5, query: 'al' }],
  ])('finds the @name being typed in %j at %i', (text, caret, expected) => {
    expect(mentionQuery(text, caret)).toEqual(expected);
  });

  it.each([
    ['mail ada@example.com', 20],
    ['no at sign', 10],
    ['@Ada Lovelace and', 17],
    ['Hi @gr', 2],
  ])('finds none in %j at %i', (text, caret) => {
    expect(mentionQuery(text, caret)).toBeNull();
  });
});

describe('mentionCandidates', () => {
  it('offers, by name, those a word of whose name starts with the letters, ignoring case and accents', () => {
    expect(mentionCandidates(PEOPLE, 'a', []).map((p) => p.name)).toEqual(['Ada Lovelace', 'Alan Turing']);
    expect(mentionCandidates(PEOPLE, 'HOP', []).map((p) => p.name)).toEqual(['Grace Hopper']);
    expect(mentionCandidates(PEOPLE, 'chat', []).map((p) => p.name)).toEqual(['Émilie du Châtelet']);
    expect(mentionCandidates(PEOPLE, 'Ada Lo', []).map((p) => p.name)).toEqual(['Ada Lovelace']);
    expect(mentionCandidates(PEOPLE, 'zed', [])).toEqual([]);
  });

  it('leaves out who is mentioned already, and offers at most a handful', () => {
    expect(mentionCandidates(PEOPLE, '', ['u-1', 'u-4']).map((p) => p.id)).toEqual(['u-3', 'u-2']);
    const many = Array.from({ length: 20 }, (_, i) => ({ id: `p-${String(i)}`, name: `Person ${String(i).padStart(2, '0')}` }));
    expect(mentionCandidates(many, 'per', [])).toHaveLength(MAX_SUGGESTIONS);
  });
});

describe('insertMention', () => {
  it('replaces the typed @letters by @Name and a space, keeping the rest', () => {
    const text = 'Ask @gr about it';
    expect(insertMention(text, 7, { start: 4, query: 'gr' }, GRACE)).toEqual({ text: 'Ask @Grace Hopper about it', caret: 18 });
    expect(insertMention('@', 1, { start: 0, query: '' }, ADA)).toEqual({ text: '@Ada Lovelace ', caret: 14 });
  });
});
