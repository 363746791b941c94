import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { matchTimeZones, TimeZonePicker, timeZoneChoices } from './TimeZonePicker.tsx';

function Picker({ initial }: { initial: string }) {
  const [zone, setZone] = useState(initial);
  return (
    <>
      <TimeZonePicker id="tz" value={zone} onChange={setZone} />
      <output data-testid="chosen">{zone}</output>
    </>
  );
}

function options(): string[] {
  return Array.from(screen.getByLabelText<HTMLSelectElement>('Time zone').options, (option) => option.value);
}

describe('timeZoneChoices', () => {
  it('puts the browser zone first, UTC second, then the rest by name, each once', () => {
    const zones = timeZoneChoices('Europe/Paris');
    expect(zones.slice(0, 2)).toEqual(['Europe/Paris', 'UTC']);
    expect(zones.filter((zone) => zone === 'Europe/Paris')).toHaveLength(1);
    const rest = zones.slice(2);
    expect(rest).toEqual([...rest].sort());
    expect(rest).toContain('America/New_York');
  });

  it('lists UTC once when the browser is on UTC', () => {
    const zones = timeZoneChoices('UTC');
    expect(zones[0]).toBe('UTC');
    expect(zones.filter((zone) => zone === 'UTC')).toHaveLength(1);
  });
});

describe('matchTimeZones', () => {
  it.each([
    ['', ['Europe/Paris', 'America/New_York', 'UTC']],
    ['paris', ['Europe/Paris']],
    ['new york', ['America/New_York']],
    ['NEW_YORK', ['America/New_York']],
    ['america york', ['America/New_York']],
    ['atlantis', []],
  ])('"%s" keeps %j', (filter, expected) => {
    expect(matchTimeZones(['Europe/Paris', 'America/New_York', 'UTC'], filter)).toEqual(expected);
  });
});

describe('TimeZonePicker', () => {
  it('is a labelled select of every zone with the value selected', () => {
    render(<Picker initial="Asia/Tokyo" />);
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Time zone' });
    expect(select.value).toBe('Asia/Tokyo');
    expect(options()).toContain('UTC');
    expect(options().length).toBeGreaterThan(300);
    expect(screen.getByRole('searchbox', { name: 'Find a time zone' })).toBeDefined();
  });

  it('narrows the list as one types, keeps the chosen zone listed, and picks from what is left', async () => {
    const user = userEvent.setup();
    render(<Picker initial="UTC" />);

    await user.type(screen.getByLabelText('Find a time zone'), 'los ang');
    expect(options()).toEqual(['UTC', 'America/Los_Angeles']);
    expect(screen.getByText('1 matching "los ang"')).toBeDefined();

    await user.selectOptions(screen.getByLabelText('Time zone'), 'America/Los_Angeles');
    expect(screen.getByTestId('chosen').textContent).toBe('America/Los_Angeles');
    expect(options()).toEqual(['America/Los_Angeles']);
  });
});
