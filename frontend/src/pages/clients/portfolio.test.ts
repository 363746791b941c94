import { describe, expect, it } from 'vitest';
import type { Client, ClientScoreSummary, Goal } from '../../api/types.ts';
import {
  DEFAULT_VIEW,
  filterRows,
  isFiltered,
  rowsToCsv,
  sortRows,
  toggledSort,
  toRow,
  viewFromParams,
  viewToParams,
  type PortfolioRow,
  type PortfolioView,
  type SortDirection,
  type SortKey,
} from './portfolio.ts';

function summary(value: number, over: Partial<ClientScoreSummary> = {}): ClientScoreSummary {
  return {
    value,
    quality: value,
    coverage: 0.8,
    authenticityFactor: 1,
    asOf: '2026-12-06',
    computedAt: '2026-12-06T08:00:00Z',
    methodologyVersion: '2026-11.1',
    change: null,
    changeSince: null,
    changes: [],
    recent: [],
    recentDays: [],
    dataChangedAt: null,
    ...over,
  };
}

function client(id: string, name: string, score: ClientScoreSummary | null, channels: Client['channels'] = []): Client {
  return { id, name, website: null, timeZone: 'UTC', channels, demo: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', score };
}

function goal(clientId: string, status: Goal['status']): Goal {
  return { id: `${clientId}-${status}`, clientId, status } as Goal;
}

const changes = (d7: number | null, d30: number | null, d90: number | null): ClientScoreSummary['changes'] => [
  { days: 7, change: d7, since: d7 === null ? null : '2026-11-29' },
  { days: 30, change: d30, since: d30 === null ? null : '2026-11-06' },
  { days: 90, change: d90, since: d90 === null ? null : '2026-09-07' },
];

const acme = client('a', 'Acme', summary(80.64, {
  coverage: 0.25,
  changes: changes(1, 5, -2),
  recent: [70, 75, 80.64],
  recentDays: ['2026-09-10', '2026-11-30', '2026-12-06'],
  dataChangedAt: '2026-12-05T10:00:00Z',
}), ['website']);
const borealis = client('b', 'Borealis', summary(55, {
  coverage: 1,
  authenticityFactor: 0.8,
  changes: changes(-3, 10, 20),
  dataChangedAt: '2026-12-01T10:00:00Z',
}), ['twitter', 'website']);
const ecole = client('c', 'École Ouest', summary(91, { coverage: 0.6, changes: changes(null, null, null) }), ['newsletter']);
const dune = client('d', 'dune', null);
const goals = new Map<string, Goal[]>([
  ['a', [goal('a', 'on_track'), goal('a', 'reached')]],
  ['b', [goal('b', 'off_track'), goal('b', 'at_risk'), goal('b', 'reached')]],
  ['c', [goal('c', 'missed')]],
]);
const rows = (period: PortfolioView['period'] = 30): PortfolioRow[] =>
  [acme, borealis, ecole, dune].map((c) => toRow(c, goals.get(c.id) ?? [], period));
const names = (list: readonly PortfolioRow[]) => list.map((r) => r.name);

describe('portfolio rows', () => {
  it.each<{ period: PortfolioView['period']; change: number | null; since: string | null; trend: number[] }>([
    { period: 7, change: 1, since: '2026-11-29', trend: [75, 80.64] },
    { period: 30, change: 5, since: '2026-11-06', trend: [75, 80.64] },
    { period: 90, change: -2, since: '2026-09-07', trend: [70, 75, 80.64] },
  ])('over $period days: change $change since $since, sparkline $trend', ({ period, change, since, trend }) => {
    const row = toRow(acme, [], period);
    expect(row).toMatchObject({ change, changeSince: since, trend, score: 80.64, coverage: 0.25 });
  });

  it('reads the goals, the last data and the demo mark', () => {
    const [a, b, , d] = rows();
    expect(a?.goals).toEqual({ total: 2, behind: 0, reached: 1 });
    expect(b?.goals).toEqual({ total: 3, behind: 2, reached: 1 });
    expect(toRow(acme, null, 30).goals).toBeNull();
    expect(a?.lastData).toBe('2026-12-05T10:00:00Z');
    expect(d).toMatchObject({ score: null, change: null, trend: [], lastData: null, demo: false });
    expect(toRow({ ...dune, demo: true }, [], 30).demo).toBe(true);
  });
});

describe('sorting', () => {
  it.each<{ sort: SortKey; direction: SortDirection; expected: string[] }>([
    { sort: 'name', direction: 'asc', expected: ['Acme', 'Borealis', 'dune', 'École Ouest'] },
    { sort: 'name', direction: 'desc', expected: ['École Ouest', 'dune', 'Borealis', 'Acme'] },
    { sort: 'score', direction: 'desc', expected: ['École Ouest', 'Acme', 'Borealis', 'dune'] },
    // without a figure: last whatever the direction
    { sort: 'score', direction: 'asc', expected: ['Borealis', 'Acme', 'École Ouest', 'dune'] },
    { sort: 'change', direction: 'desc', expected: ['Borealis', 'Acme', 'dune', 'École Ouest'] },
    { sort: 'coverage', direction: 'desc', expected: ['Borealis', 'École Ouest', 'Acme', 'dune'] },
    { sort: 'authenticity', direction: 'asc', expected: ['Borealis', 'Acme', 'École Ouest', 'dune'] },
    { sort: 'goals', direction: 'desc', expected: ['Borealis', 'École Ouest', 'Acme', 'dune'] },
    { sort: 'lastData', direction: 'desc', expected: ['Acme', 'Borealis', 'dune', 'École Ouest'] },
    { sort: 'trend', direction: 'desc', expected: ['Acme', 'Borealis', 'dune', 'École Ouest'] },
  ])('by $sort $direction', ({ sort, direction, expected }) => {
    expect(names(sortRows(rows(), sort, direction))).toEqual(expected);
  });

  it('sorts the change of the chosen period', () => {
    expect(names(sortRows(rows(7), 'change', 'desc')).slice(0, 2)).toEqual(['Acme', 'Borealis']);
    expect(names(sortRows(rows(90), 'change', 'desc')).slice(0, 2)).toEqual(['Borealis', 'Acme']);
  });

  it.each<{ view: Pick<PortfolioView, 'sort' | 'direction'>; click: SortKey; expected: Pick<PortfolioView, 'sort' | 'direction'> }>([
    { view: { sort: 'name', direction: 'asc' }, click: 'name', expected: { sort: 'name', direction: 'desc' } },
    { view: { sort: 'name', direction: 'asc' }, click: 'score', expected: { sort: 'score', direction: 'desc' } },
    { view: { sort: 'score', direction: 'desc' }, click: 'score', expected: { sort: 'score', direction: 'asc' } },
  ])('a click on $click after $view.sort $view.direction', ({ view, click, expected }) => {
    expect(toggledSort({ ...DEFAULT_VIEW, ...view }, click)).toMatchObject(expected);
  });
});

describe('filtering', () => {
  it.each<{ filter: Partial<PortfolioView>; expected: string[] }>([
    { filter: {}, expected: ['Acme', 'Borealis', 'École Ouest', 'dune'] },
    { filter: { search: ' ecole ' }, expected: ['École Ouest'] },
    { filter: { search: 'E' }, expected: ['Acme', 'Borealis', 'École Ouest', 'dune'] },
    { filter: { channel: 'website' }, expected: ['Acme', 'Borealis'] },
    { filter: { status: 'unscored' }, expected: ['dune'] },
    { filter: { status: 'scored' }, expected: ['Acme', 'Borealis', 'École Ouest'] },
    { filter: { status: 'warning' }, expected: ['Borealis'] },
    { filter: { status: 'goals-behind' }, expected: ['Borealis', 'École Ouest'] },
    { filter: { coverageMin: 50 }, expected: ['Borealis', 'École Ouest'] },
    { filter: { coverageMax: 25 }, expected: ['Acme'] },
    { filter: { coverageMin: 60, coverageMax: 60 }, expected: ['École Ouest'] },
    { filter: { channel: 'website', coverageMin: 50 }, expected: ['Borealis'] },
  ])('$filter', ({ filter, expected }) => {
    const view = { ...DEFAULT_VIEW, ...filter };
    expect(names(filterRows(rows(), view))).toEqual(expected);
    expect(isFiltered(view)).toBe(Object.keys(filter).length > 0);
  });
});

describe('the view in the URL', () => {
  it.each<{ query: string; view: Partial<PortfolioView> }>([
    { query: '', view: {} },
    { query: 'sort=score&dir=desc', view: { sort: 'score', direction: 'desc' } },
    { query: 'sort=name&dir=desc', view: { sort: 'name', direction: 'desc' } },
    { query: 'q=acme&channel=website&status=warning', view: { search: 'acme', channel: 'website', status: 'warning' } },
    { query: 'covMin=20&covMax=80&period=7', view: { coverageMin: 20, coverageMax: 80, period: 7 } },
  ])('"$query" round-trips', ({ query, view }) => {
    const expected = { ...DEFAULT_VIEW, ...view };
    expect(viewFromParams(new URLSearchParams(query))).toEqual(expected);
    expect(viewToParams(expected).toString()).toBe(query);
  });

  it.each<{ query: string; view: Partial<PortfolioView> }>([
    { query: 'sort=bogus&dir=up', view: {} },
    { query: 'sort=coverage', view: { sort: 'coverage', direction: 'desc' } },
    { query: 'status=nope&period=14', view: {} },
    { query: 'covMin=-5&covMax=500', view: { coverageMax: 100 } },
    { query: 'covMin=90&covMax=10', view: { coverageMin: 10, coverageMax: 90 } },
    { query: 'channel=', view: {} },
  ])('an unreadable "$query" falls back to the defaults', ({ query, view }) => {
    expect(viewFromParams(new URLSearchParams(query))).toEqual({ ...DEFAULT_VIEW, ...view });
  });
});

describe('CSV export', () => {
  it('writes one line per row with the chosen period, quoting and defusing names', () => {
    const odd = toRow(client('x', '=SUM(A1), "quoted"', summary(50.04, { changes: changes(-1.25, null, null) })), null, 7);
    const csv = rowsToCsv([toRow(acme, goals.get('a') ?? [], 7), odd], 7);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,score,change_7d,change_since,coverage,authenticity_factor,goals,goals_behind,last_data,channels');
    expect(lines[1]).toBe('a,Acme,80.6,1.0,2026-11-29,0.250,1.000,2,0,2026-12-05T10:00:00Z,website');
    expect(lines[2]).toBe(`x,"'=SUM(A1), ""quoted""",50.0,-1.3,2026-11-29,0.800,1.000,,,,`);
  });
});
