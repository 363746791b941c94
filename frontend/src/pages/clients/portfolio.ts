import type { Client, Goal } from '../../api/types.ts';
import { AUTHENTICITY_WARNING_BELOW } from '../format.ts';

// The portfolio as a table: one row per client, which rows are shown (the filters), in what order (the sort), and
// the view as URL search parameters, so that a reload or a copied link shows the same table.

/** The periods a change can be shown over, in days (what `ScoreSummary.changes` answers). */
export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

/** The columns the table sorts by. */
export const SORT_KEYS = ['name', 'score', 'change', 'trend', 'coverage', 'authenticity', 'goals', 'lastData'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

/** What the status filter can ask for. */
export const STATUSES = ['all', 'scored', 'unscored', 'warning', 'goals-behind'] as const;
export type StatusFilter = (typeof STATUSES)[number];

/** Below this coverage a score is not comparable with a fully covered client's: the table says so. */
export const PARTIAL_COVERAGE_BELOW = 0.5;

/** The view of the table a URL holds. Coverage bounds are whole percentages, both included. */
export type PortfolioView = {
  sort: SortKey;
  direction: SortDirection;
  search: string;
  channel: string | null;
  status: StatusFilter;
  coverageMin: number;
  coverageMax: number;
  period: Period;
};

export const DEFAULT_VIEW: PortfolioView = {
  sort: 'name',
  direction: 'asc',
  search: '',
  channel: null,
  status: 'all',
  coverageMin: 0,
  coverageMax: 100,
  period: 30,
};

/** The direction a column sorts in when first clicked: names A–Z, figures best (highest) first. */
export function firstDirection(sort: SortKey): SortDirection {
  return sort === 'name' ? 'asc' : 'desc';
}

/** Goal statuses that mean a goal is behind. */
const BEHIND = new Set(['at_risk', 'off_track', 'missed']);

/** A client's goals at a glance. */
export type GoalsSummary = { total: number; behind: number; reached: number };

/** One row of the table: the client and the figures its columns show and sort by. */
export type PortfolioRow = {
  client: Client;
  id: string;
  name: string;
  score: number | null;
  change: number | null;
  /** The day of the score the change is measured against. */
  changeSince: string | null;
  /** The daily scores over the period, oldest first (the sparkline). */
  trend: number[];
  /** The last minus the first score of `trend`: what the sparkline shows; null with fewer than two days. */
  trendChange: number | null;
  coverage: number | null;
  authenticity: number | null;
  /** Null when the goals could not be loaded. */
  goals: GoalsSummary | null;
  lastData: string | null;
  demo: boolean;
};

function isOneOf<T extends string | number>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/** Whether the API marked the client as the demo client (a field newer servers send). */
function isDemo(client: Client): boolean {
  return 'demo' in client && (client as { demo?: unknown }).demo === true;
}

/** The goals summary of one client's goals. */
export function summariseGoals(goals: readonly Goal[]): GoalsSummary {
  return {
    total: goals.length,
    behind: goals.filter((g) => BEHIND.has(g.status)).length,
    reached: goals.filter((g) => g.status === 'reached').length,
  };
}

/** The day `days` days before the day of `iso` (yyyy-mm-dd, UTC). */
function daysBefore(iso: string, days: number): string {
  const time = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(time) ? '' : new Date(time - days * 86_400_000).toISOString().slice(0, 10);
}

/** A client as its row reads over `period`; `goals` is null when they could not be loaded. */
export function toRow(client: Client, goals: readonly Goal[] | null, period: Period): PortfolioRow {
  const score = client.score ?? null;
  const periodChange = score?.changes.find((c) => c.days === period) ?? null;
  const change = periodChange ?? (period === 30 && score !== null ? { change: score.change, since: score.changeSince } : null);
  let trend: number[] = [];
  if (score !== null) {
    const from = daysBefore(score.computedAt, period);
    const days = score.recentDays;
    trend = days.length === score.recent.length ? score.recent.filter((_, i) => (days[i] ?? '') >= from) : [...score.recent];
  }
  const first = trend[0];
  const last = trend[trend.length - 1];
  return {
    client,
    id: client.id,
    name: client.name,
    score: score?.value ?? null,
    change: change?.change ?? null,
    changeSince: change?.since ?? null,
    trend,
    trendChange: trend.length >= 2 && first !== undefined && last !== undefined ? last - first : null,
    coverage: score?.coverage ?? null,
    authenticity: score?.authenticityFactor ?? null,
    goals: goals === null ? null : summariseGoals(goals),
    lastData: score?.dataChangedAt ?? null,
    demo: isDemo(client),
  };
}

/** Lower case without accents, for searching names. */
function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
}

/** Whether the view filters anything out. */
export function isFiltered(view: PortfolioView): boolean {
  return (
    view.search.trim() !== '' ||
    view.channel !== null ||
    view.status !== 'all' ||
    view.coverageMin > DEFAULT_VIEW.coverageMin ||
    view.coverageMax < DEFAULT_VIEW.coverageMax
  );
}

function matchesStatus(row: PortfolioRow, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'scored':
      return row.score !== null;
    case 'unscored':
      return row.score === null;
    case 'warning':
      return row.authenticity !== null && row.authenticity < AUTHENTICITY_WARNING_BELOW;
    case 'goals-behind':
      return row.goals !== null && row.goals.behind > 0;
  }
}

/**
 * The rows the view's filters let through: the name contains the search (any case and accents), the client has the
 * channel, the status matches, and the coverage is within the range (a client without a score only when the range
 * is the whole 0–100 %).
 */
export function filterRows(rows: readonly PortfolioRow[], view: PortfolioView): PortfolioRow[] {
  const wanted = fold(view.search.trim());
  const wholeRange = view.coverageMin <= 0 && view.coverageMax >= 100;
  return rows.filter((row) => {
    if (wanted !== '' && !fold(row.name).includes(wanted)) {
      return false;
    }
    if (view.channel !== null && !row.client.channels.includes(view.channel as Client['channels'][number])) {
      return false;
    }
    if (!matchesStatus(row, view.status)) {
      return false;
    }
    if (wholeRange) {
      return true;
    }
    if (row.coverage === null) {
      return false;
    }
    const percent = row.coverage * 100;
    return percent >= view.coverageMin - 1e-9 && percent <= view.coverageMax + 1e-9;
  });
}

/** The figure a row sorts by in a column other than the name; null sorts last either way. */
function figure(row: PortfolioRow, sort: Exclude<SortKey, 'name'>): number | null {
  switch (sort) {
    case 'score':
      return row.score;
    case 'change':
      return row.change;
    case 'trend':
      return row.trendChange;
    case 'coverage':
      return row.coverage;
    case 'authenticity':
      return row.authenticity;
    case 'goals':
      // most goals behind first when descending; then most goals
      return row.goals === null || row.goals.total === 0 ? null : row.goals.behind * 1000 + row.goals.total;
    case 'lastData': {
      const time = row.lastData === null ? NaN : Date.parse(row.lastData);
      return Number.isNaN(time) ? null : time;
    }
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * A copy of `rows` sorted by the column in the direction; rows without a figure last whatever the direction; ties by
 * name, then id (so that the order is stable across reloads).
 */
export function sortRows(rows: readonly PortfolioRow[], sort: SortKey, direction: SortDirection): PortfolioRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: PortfolioRow, b: PortfolioRow) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (sort === 'name') {
    return [...rows].sort((a, b) => sign * byName(a, b));
  }
  const keyed = rows.map((row) => ({ row, value: figure(row, sort) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || byName(a.row, b.row);
    }
    return sign * (a.value - b.value) || byName(a.row, b.row);
  });
  return keyed.map((k) => k.row);
}

/** Whether the rows' order puts a partially covered score beside fully covered ones: sorted by score or change. */
export function comparesScores(sort: SortKey): boolean {
  return sort === 'score' || sort === 'change' || sort === 'trend';
}

/** Whether a row's score is on too little of the catalogue to compare with fully covered clients. */
export function isPartial(row: Pick<PortfolioRow, 'coverage'>): boolean {
  return row.coverage !== null && row.coverage < PARTIAL_COVERAGE_BELOW;
}

function percentParam(value: string | null, fallback: number): number {
  if (value === null || !/^\d{1,3}$/.test(value)) {
    return fallback;
  }
  return Math.min(100, Number(value));
}

/** The view a URL's search parameters hold; anything missing or unreadable is the default. */
export function viewFromParams(params: URLSearchParams): PortfolioView {
  const sort = params.get('sort');
  const direction = params.get('dir');
  const status = params.get('status');
  const period = Number(params.get('period'));
  const channel = params.get('channel');
  const validSort = isOneOf(SORT_KEYS, sort) ? sort : DEFAULT_VIEW.sort;
  const coverageMin = percentParam(params.get('covMin'), DEFAULT_VIEW.coverageMin);
  const coverageMax = percentParam(params.get('covMax'), DEFAULT_VIEW.coverageMax);
  return {
    sort: validSort,
    direction: direction === 'asc' || direction === 'desc' ? direction : firstDirection(validSort),
    search: params.get('q') ?? '',
    channel: channel === null || channel === '' ? null : channel,
    status: isOneOf(STATUSES, status) ? status : DEFAULT_VIEW.status,
    coverageMin: Math.min(coverageMin, coverageMax),
    coverageMax: Math.max(coverageMin, coverageMax),
    period: isOneOf(PERIODS, period) ? period : DEFAULT_VIEW.period,
  };
}

/** The search parameters of a view: only what differs from the default, so that a plain link stays plain. */
export function viewToParams(view: PortfolioView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.sort !== DEFAULT_VIEW.sort || view.direction !== firstDirection(view.sort)) {
    params.set('sort', view.sort);
    params.set('dir', view.direction);
  }
  if (view.search !== '') {
    params.set('q', view.search);
  }
  if (view.channel !== null) {
    params.set('channel', view.channel);
  }
  if (view.status !== DEFAULT_VIEW.status) {
    params.set('status', view.status);
  }
  if (view.coverageMin !== DEFAULT_VIEW.coverageMin) {
    params.set('covMin', String(view.coverageMin));
  }
  if (view.coverageMax !== DEFAULT_VIEW.coverageMax) {
    params.set('covMax', String(view.coverageMax));
  }
  if (view.period !== DEFAULT_VIEW.period) {
    params.set('period', String(view.period));
  }
  return params;
}

/** The view after a click on a column's header: the same column reverses, another starts in its first direction. */
export function toggledSort(view: PortfolioView, sort: SortKey): PortfolioView {
  if (view.sort === sort) {
    return { ...view, direction: view.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { ...view, sort, direction: firstDirection(sort) };
}

/** A CSV field: quoted when it holds a comma, quote or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Text typed by people (a name): a leading = + - @ would be read as a formula by spreadsheets, so it is defused. */
function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The rows as CSV (a header line, then one line per row), with the change over the view's period. */
export function rowsToCsv(rows: readonly PortfolioRow[], period: Period): string {
  const header = ['id', 'name', 'score', `change_${String(period)}d`, 'change_since', 'coverage', 'authenticity_factor', 'goals', 'goals_behind', 'last_data', 'channels'];
  const number = (value: number | null, digits: number) => (value === null ? '' : value.toFixed(digits));
  const lines = rows.map((row) =>
    [
      row.id,
      csvText(row.name),
      number(row.score, 1),
      number(row.change, 1),
      row.changeSince ?? '',
      number(row.coverage, 3),
      number(row.authenticity, 3),
      row.goals === null ? '' : String(row.goals.total),
      row.goals === null ? '' : String(row.goals.behind),
      row.lastData ?? '',
      row.client.channels.join(' '),
    ]
      .map(csvField)
      .join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
