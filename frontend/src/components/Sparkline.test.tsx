import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
// uPlot is the fake of src/test/fakeUplot.ts in every test (see src/test/setup.ts).
import { plots } from '../test/fakeUplot.ts';
import { Sparkline, sparklineSummary } from './Sparkline.tsx';

describe('sparklineSummary', () => {
  it.each([
    [[], 'Zoom Factor: no history yet'],
    [[61.23], 'Zoom Factor: 1 day, 61.2'],
    [[55.1, 58, 61.25], 'Zoom Factor: 3 days, from 55.1 to 61.3'],
  ])('%j → %s', (values, expected) => {
    expect(sparklineSummary('Zoom Factor', values)).toBe(expected);
  });
});

describe('Sparkline', () => {
  it('draws one plot and updates its data in place', () => {
    const { rerender, getByRole } = render(<Sparkline values={[50, 52]} label="Zoom Factor" />);
    expect(plots).toHaveLength(1);
    expect(plots[0]?.data).toEqual([[0, 1], [50, 52]]);
    expect(getByRole('img').getAttribute('aria-label')).toBe('Zoom Factor: 2 days, from 50.0 to 52.0');

    rerender(<Sparkline values={[50, 52, 57]} label="Zoom Factor" />);
    expect(plots).toHaveLength(1);
    expect(plots[0]?.setData).toHaveBeenCalledWith([[0, 1, 2], [50, 52, 57]]);
  });
});
