import { describe, expect, it } from 'vitest';
import type { ClientScoreSummary } from '../../api/types.ts';
import { filterClients, sortClients, type ClientSort } from './portfolio.ts';

// the server always sends `score`, null until the client is scored (openapi.json; the API tests check it)
type Row = { name: string; score: ClientScoreSummary | null };

function scored(value: number, change: number | null): ClientScoreSummary {
  return {
    value,
    quality: value,
    coverage: 0.5,
    authenticityFactor: 1,
    asOf: '2026-12-01',
    computedAt: '2026-12-01T10:00:00Z',
    methodologyVersion: '2026-11.1',
    change,
    changeSince: change === null ? null : '2026-11-01',
    recent: [],
  };
}

const ROWS: Row[] = [
  { name: 'globex', score: scored(40, -2) },
  { name: 'Acme', score: scored(61.2, 3.2) },
  { name: 'Initech', score: null },
  { name: 'Hooli', score: scored(61.2, null) },
  { name: 'Zeta', score: null },
  { name: 'Bluth', score: scored(75, 0) },
];

describe('sortClients', () => {
  it.each<{ sort: ClientSort; expected: string[] }>([
    { sort: 'name', expected: ['Acme', 'Bluth', 'globex', 'Hooli', 'Initech', 'Zeta'] },
    // Ties by name (Acme before Hooli); no score last, by name.
    { sort: 'score', expected: ['Bluth', 'Acme', 'Hooli', 'globex', 'Initech', 'Zeta'] },
    // No earlier score counts as no change figure: last, with the unscored.
    { sort: 'change', expected: ['Acme', 'Bluth', 'globex', 'Hooli', 'Initech', 'Zeta'] },
  ])('by $sort', ({ sort, expected }) => {
    expect(sortClients(ROWS, sort).map((r) => r.name)).toEqual(expected);
  });

  it('leaves its input alone', () => {
    const before = ROWS.map((r) => r.name);
    sortClients(ROWS, 'score');
    expect(ROWS.map((r) => r.name)).toEqual(before);
  });
});

describe('filterClients', () => {
  const rows = [{ name: 'Blue Bottle' }, { name: 'Café Tortoni' }, { name: 'Acme' }];

  it.each([
    { text: '', expected: ['Blue Bottle', 'Café Tortoni', 'Acme'] },
    { text: '   ', expected: ['Blue Bottle', 'Café Tortoni', 'Acme'] },
    { text: 'blue', expected: ['Blue Bottle'] },
    { text: ' BOTTLE ', expected: ['Blue Bottle'] },
    { text: 'cafe', expected: ['Café Tortoni'] },
    { text: 'é', expected: ['Blue Bottle', 'Café Tortoni', 'Acme'] },
    { text: 'c', expected: ['Café Tortoni', 'Acme'] },
    { text: 'xyz', expected: [] },
  ])('"$text" → $expected', ({ text, expected }) => {
    expect(filterClients(rows, text).map((r) => r.name)).toEqual(expected);
  });
});
