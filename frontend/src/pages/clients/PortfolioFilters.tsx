import { CHANNELS } from '../../api/constants.ts';
import { SelectField, TextField, type SelectOption } from '../../components/FormFields.tsx';
import { DEFAULT_VIEW, isFiltered, PERIODS, type Period, type PortfolioView, type StatusFilter } from './portfolio.ts';

const ANY_CHANNEL = 'any';

const CHANNEL_OPTIONS: readonly SelectOption<string>[] = [
  { value: ANY_CHANNEL, label: 'Any channel' },
  ...CHANNELS.map((c) => ({ value: c.key, label: c.label })),
];

const STATUS_OPTIONS: readonly SelectOption<StatusFilter>[] = [
  { value: 'all', label: 'Any status' },
  { value: 'scored', label: 'Scored' },
  { value: 'unscored', label: 'Not scored yet' },
  { value: 'warning', label: 'Authenticity warning' },
  { value: 'goals-behind', label: 'Goals behind' },
];

const PERIOD_OPTIONS: readonly SelectOption<`${Period}`>[] = PERIODS.map((p) => ({ value: `${p}`, label: `${String(p)} days` }));

/** A whole percentage typed in a bound field, clamped to 0–100; the fallback when the field is empty or not a number. */
function percent(text: string, fallback: number): number {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) ? fallback : Math.min(100, Math.max(0, Math.round(value)));
}

type Props = { idPrefix: string; view: PortfolioView; onChange: (view: PortfolioView) => void };

/** The table's search, filters and period: each change is a new view (the page keeps it in the URL). */
export function PortfolioFilters({ idPrefix, view, onChange }: Props) {
  return (
    <div className="field-row portfolio-controls" role="search" aria-label="Filter the clients">
      <TextField
        id={`${idPrefix}-search`}
        label="Search by name"
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={view.search}
        onChange={(search) => {
          onChange({ ...view, search });
        }}
      />
      <SelectField
        id={`${idPrefix}-channel`}
        label="Channel"
        value={view.channel ?? ANY_CHANNEL}
        options={CHANNEL_OPTIONS}
        onChange={(channel) => {
          onChange({ ...view, channel: channel === ANY_CHANNEL ? null : channel });
        }}
      />
      <SelectField
        id={`${idPrefix}-status`}
        label="Status"
        value={view.status}
        options={STATUS_OPTIONS}
        onChange={(status) => {
          onChange({ ...view, status });
        }}
      />
      <TextField
        id={`${idPrefix}-cov-min`}
        label="Coverage from (%)"
        type="number"
        min={0}
        max={100}
        inputMode="numeric"
        value={String(view.coverageMin)}
        onChange={(text) => {
          const min = percent(text, DEFAULT_VIEW.coverageMin);
          onChange({ ...view, coverageMin: min, coverageMax: Math.max(min, view.coverageMax) });
        }}
      />
      <TextField
        id={`${idPrefix}-cov-max`}
        label="Coverage to (%)"
        type="number"
        min={0}
        max={100}
        inputMode="numeric"
        value={String(view.coverageMax)}
        onChange={(text) => {
          const max = percent(text, DEFAULT_VIEW.coverageMax);
          onChange({ ...view, coverageMax: max, coverageMin: Math.min(max, view.coverageMin) });
        }}
      />
      <SelectField
        id={`${idPrefix}-period`}
        label="Change over"
        value={`${view.period}`}
        options={PERIOD_OPTIONS}
        onChange={(period) => {
          onChange({ ...view, period: Number(period) as Period });
        }}
      />
      {isFiltered(view) && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            onChange({ ...view, search: '', channel: null, status: 'all', coverageMin: 0, coverageMax: 100 });
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
