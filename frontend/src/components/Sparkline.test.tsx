import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline, sparklinePoints, sparklineSummary } from './Sparkline.tsx';

describe('sparklineSummary', () => {
  it.each([
    [[], 'Zoom Factor: no history yet'],
    [[61.23], 'Zoom Factor: 1 day, 61.2'],
    [[55.1, 58, 61.25], 'Zoom Factor: 3 days, from 55.1 to 61.3'],
  ])('%j → %s', (values, expected) => {
    expect(sparklineSummary('Zoom Factor', values)).toBe(expected);
  });
});

describe('sparklinePoints', () => {
  it.each([
    ['nothing', [], ''],
    ['one value: a flat line across the middle', [70], '1,16 119,16'],
    ['a flat series: the middle', [50, 50, 50], '1,16 60,16 119,16'],
    ['low at the bottom, high at the top, evenly spaced', [40, 60, 50], '1,31 60,1 119,16'],
    ['a fall', [80, 20], '1,1 119,31'],
  ])('%s', (_, values, expected) => {
    expect(sparklinePoints(values, 120, 32)).toBe(expected);
  });
});

describe('Sparkline', () => {
  it('draws the series as one polyline, described by its summary, and follows new values', () => {
    const { rerender, getByRole, container } = render(<Sparkline values={[50, 52]} label="Zoom Factor" />);
    expect(getByRole('img').getAttribute('aria-label')).toBe('Zoom Factor: 2 days, from 50.0 to 52.0');
    expect(container.querySelector('polyline')?.getAttribute('points')).toBe('1,31 119,1');

    rerender(<Sparkline values={[50, 52, 51]} label="Zoom Factor" />);
    expect(container.querySelectorAll('polyline')).toHaveLength(1);
    expect(container.querySelector('polyline')?.getAttribute('points')).toBe('1,31 60,1 119,16');
    expect(getByRole('img').getAttribute('aria-label')).toBe('Zoom Factor: 3 days, from 50.0 to 51.0');
  });
});
