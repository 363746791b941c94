import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Sparkline } from '../../components/Sparkline.tsx';
import { authenticityWarning, formatDateTime, formatDay, formatPercent, formatScore, scoreChange } from '../format.ts';
import { isPartial, type PortfolioRow, type SortDirection, type SortKey } from './portfolio.ts';
import { RowMenu, type MenuItem } from './RowMenu.tsx';

/** Every row is this tall (CSS holds it too), so the virtualiser places rows without measuring them. */
export const ROW_HEIGHT = 48;
/** Rows drawn above and below the visible ones, so that a quick scroll shows no blank. */
const OVERSCAN = 8;
/** The height assumed for a scroll box that has none yet (not laid out: hidden, or a DOM without layout). */
const UNMEASURED_HEIGHT = 20 * ROW_HEIGHT;

type Column = { key: SortKey; label: string };

/** The sortable columns, in order (the selection and actions columns frame them). */
export const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Client' },
  { key: 'score', label: 'Zoom Factor' },
  { key: 'change', label: 'Change' },
  { key: 'trend', label: 'Trend' },
  { key: 'coverage', label: 'Coverage' },
  { key: 'authenticity', label: 'Authenticity' },
  { key: 'goals', label: 'Goals' },
  { key: 'lastData', label: 'Last data' },
];

const ARROWS: Record<SortDirection, string> = { asc: '▲', desc: '▼' };
const DIRECTION_WORDS = { up: 'Up', down: 'Down', flat: 'Flat' } as const;

export type RowActions = {
  canWrite: boolean;
  canDelete: boolean;
  onEdit: (row: PortfolioRow) => void;
  onDelete: (row: PortfolioRow) => void;
};

type Props = RowActions & {
  rows: readonly PortfolioRow[];
  sort: SortKey;
  direction: SortDirection;
  periodLabel: string;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
};

/**
 * The portfolio as a real table, its rows virtualised: only the rows in view (and a few around) are in the DOM, spacer
 * rows keep the scroll height, and aria-rowcount / aria-rowindex tell assistive technology where a row is in the whole.
 */
export function PortfolioTable({ rows, sort, direction, periodLabel, onSort, selected, onSelect, onSelectAll, canWrite, canDelete, onEdit, onDelete }: Props) {
  const actions = useMemo(() => ({ canWrite, canDelete, onEdit, onDelete }), [canWrite, canDelete, onEdit, onDelete]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // read afresh on every render (the rows are memoised by hand below), which is what this rule warns about
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // a box not laid out yet draws a screenful of rows rather than none
    observeElementRect: (instance, onRect) =>
      observeElementRect(instance, (rect) => {
        onRect(rect.height > 0 ? rect : { ...rect, height: UNMEASURED_HEIGHT });
      }),
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const someSelected = !allSelected && rows.some((row) => selected.has(row.id));
  const columnCount = COLUMNS.length + 2;

  return (
    <div className="portfolio-scroll" ref={scrollRef} tabIndex={-1}>
      <table className="portfolio-table" aria-rowcount={rows.length + 1} aria-label="Clients">
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="col-select">
              <input
                type="checkbox"
                aria-label={`Select all ${String(rows.length)} shown clients`}
                checked={allSelected}
                ref={(input) => {
                  if (input !== null) {
                    input.indeterminate = someSelected;
                  }
                }}
                onChange={(event) => {
                  onSelectAll(event.target.checked);
                }}
              />
            </th>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={`col-${column.key}`}
                aria-sort={sort === column.key ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="sort-button" onClick={() => {
                  onSort(column.key);
                }}>
                  {column.label}
                  {column.key === 'change' || column.key === 'trend' ? <span className="muted"> ({periodLabel})</span> : null}
                  <span className="sort-arrow" aria-hidden="true">
                    {sort === column.key ? ARROWS[direction] : ''}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columnCount} style={{ height: top }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            return row === undefined ? null : (
              // keyed by position, not client: a sort or filter redraws the same few rows (their sparklines take
              // new data) instead of building new ones
              <PortfolioTableRow
                key={item.index - (items[0]?.index ?? 0)}
                row={row}
                rowIndex={item.index + 2}
                selected={selected.has(row.id)}
                onSelect={onSelect}
                actions={actions}
              />
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columnCount} style={{ height: bottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = {
  row: PortfolioRow;
  rowIndex: number;
  selected: boolean;
  onSelect: (id: string, on: boolean) => void;
  actions: RowActions;
};

/** One client's row; memoised, so that a live update or a selection redraws only the rows it changed (keep `actions` stable). */
const PortfolioTableRow = memo(function PortfolioTableRow({ row, rowIndex, selected, onSelect, actions }: RowProps) {
  const navigate = useNavigate();
  const href = `/clients/${encodeURIComponent(row.id)}`;
  const items: MenuItem[] = [
    {
      label: 'Open',
      onSelect: () => {
        void navigate(href);
      },
    },
  ];
  if (actions.canWrite) {
    items.push({
      label: 'Edit',
      onSelect: () => {
        actions.onEdit(row);
      },
    });
  }
  if (actions.canDelete) {
    items.push({
      label: 'Delete',
      danger: true,
      onSelect: () => {
        actions.onDelete(row);
      },
    });
  }
  return (
    <tr aria-rowindex={rowIndex} className={selected ? 'selected' : undefined} data-client-id={row.id}>
      <td className="col-select">
        <input
          type="checkbox"
          aria-label={`Select ${row.name}`}
          checked={selected}
          onChange={(event) => {
            onSelect(row.id, event.target.checked);
          }}
        />
      </td>
      <th scope="row" className="col-name">
        <Link to={href}>{row.name}</Link>
        {row.demo && <span className="badge badge-demo">Demo</span>}
      </th>
      <td className="col-score">
        <ScoreCell row={row} />
      </td>
      <td className="col-change">
        <ChangeCell change={row.change} since={row.changeSince} scored={row.score !== null} />
      </td>
      <td className="col-trend">
        {row.trend.length === 0 ? <span className="muted">—</span> : <Sparkline values={row.trend} label={`${row.name}’s Zoom Factor`} />}
      </td>
      <td className="col-coverage">{row.coverage === null ? <span className="muted">—</span> : formatPercent(row.coverage)}</td>
      <td className="col-authenticity">
        <AuthenticityCell factor={row.authenticity} />
      </td>
      <td className="col-goals">
        <GoalsCell goals={row.goals} />
      </td>
      <td className="col-lastData">
        {row.lastData === null ? (
          <span className="muted">—</span>
        ) : (
          <time dateTime={row.lastData} title={formatDateTime(row.lastData)}>
            {formatDay(row.lastData.slice(0, 10))}
          </time>
        )}
      </td>
      <td className="col-actions">
        <RowMenu label={`Actions for ${row.name}`} items={items} />
      </td>
    </tr>
  );
});

function ScoreCell({ row }: { row: PortfolioRow }) {
  if (row.score === null) {
    return <span className="muted">not scored yet</span>;
  }
  const partial = isPartial(row) && row.coverage !== null;
  return (
    <>
      <span className="portfolio-value">{formatScore(row.score)}</span>
      {partial && (
        <span className="partial-marker" title={partialNote(row.coverage ?? 0)}>
          <span aria-hidden="true"> ◐</span>
          <span className="visually-hidden">: {partialNote(row.coverage ?? 0)}</span>
        </span>
      )}
    </>
  );
}

/** "scored on 25% of the catalogue: not comparable with fully covered clients". */
export function partialNote(coverage: number): string {
  return `scored on ${formatPercent(coverage)} of the catalogue: not comparable with fully covered clients`;
}

function ChangeCell({ change, since, scored }: { change: number | null; since: string | null; scored: boolean }) {
  if (change === null) {
    return <span className="muted">{scored ? 'no earlier score' : '—'}</span>;
  }
  const { direction, text } = scoreChange(change);
  const tone = direction === 'flat' ? 'neutral' : direction === 'up' ? 'good' : 'bad';
  return (
    <span className={`trend trend-${direction} trend-${tone}`} title={since === null ? undefined : `since ${formatDay(since)}`}>
      <span className="visually-hidden">{DIRECTION_WORDS[direction]} </span>
      {text}
      {since !== null && <span className="visually-hidden"> since {formatDay(since)}</span>}
    </span>
  );
}

function AuthenticityCell({ factor }: { factor: number | null }) {
  if (factor === null) {
    return <span className="muted">—</span>;
  }
  const warning = authenticityWarning(factor);
  return warning === null ? <span className="muted">OK</span> : <span className="portfolio-warning">{warning}</span>;
}

function GoalsCell({ goals }: { goals: PortfolioRow['goals'] }) {
  if (goals === null) {
    return <span className="muted">—</span>;
  }
  if (goals.total === 0) {
    return <span className="muted">none</span>;
  }
  if (goals.behind > 0) {
    return <span className="goals-behind">{`${String(goals.behind)} of ${String(goals.total)} behind`}</span>;
  }
  return <span>{goals.reached === goals.total ? `all ${String(goals.total)} reached` : `${String(goals.total)}, none behind`}</span>;
}
