import { useMemo, useState } from 'react';

/** The browser's own IANA zone, or UTC when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone this browser knows: its own first, then UTC, then the rest by name. */
export function timeZoneChoices(own: string = browserTimeZone()): string[] {
  let known: string[];
  try {
    known = Intl.supportedValuesOf('timeZone');
  } catch {
    known = [];
  }
  const rest = known.filter((zone) => zone !== own && zone !== 'UTC').sort();
  return own === 'UTC' ? ['UTC', ...rest] : [own, 'UTC', ...rest];
}

/** Zones whose name holds every word of `filter`, ignoring case and "_" versus space. */
export function matchTimeZones(zones: readonly string[], filter: string): string[] {
  const words = filter.toLowerCase().replaceAll('_', ' ').split(/\s+/).filter((word) => word !== '');
  return zones.filter((zone) => {
    const name = zone.toLowerCase().replaceAll('_', ' ');
    return words.every((word) => name.includes(word));
  });
}

type Props = {
  /** The select's id, which its label points at. */
  id: string;
  value: string;
  onChange: (zone: string) => void;
};

/**
 * A time-zone picker: a native select of the browser's IANA zones (its own zone first, UTC second), with a search
 * box that narrows the list. A native select keeps keyboard and screen-reader use as the platform makes it.
 */
export function TimeZonePicker({ id, value, onChange }: Props) {
  const [filter, setFilter] = useState('');
  const zones = useMemo(() => timeZoneChoices(), []);
  const matching = matchTimeZones(zones, filter);
  // the select always holds its value, or the browser would show another zone than the one saved
  const shown = matching.includes(value) ? matching : [value, ...matching];
  const filterId = `${id}-filter`;

  return (
    <div className="field time-zone-picker">
      <label htmlFor={id}>Time zone</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        {shown.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
      <label htmlFor={filterId} className="visually-hidden">
        Find a time zone
      </label>
      <input
        id={filterId}
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder="Find a zone: Paris, New York…"
        aria-controls={id}
        aria-describedby={`${filterId}-count`}
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value);
        }}
      />
      <p id={`${filterId}-count`} className="hint" role="status">
        {filter === '' ? `${String(zones.length)} zones` : `${String(matching.length)} matching "${filter}"`}
      </p>
    </div>
  );
}
