import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SeriesPoint } from '../api/types.ts';
// uPlot is the fake of src/test/fakeUplot.ts in every test (see src/test/setup.ts).
import { plots } from '../test/fakeUplot.ts';
import { CHART_HEIGHT, chartData, chartSummary, dayToSeconds, MetricChart, secondsToDay } from './MetricChart.tsx';


const october: SeriesPoint[] = [
  { date: '2026-10-01', value: 10 },
  { date: '2026-10-02', value: 12 },
];
const november: SeriesPoint[] = [
  { date: '2026-11-01', value: 20 },
  { date: '2026-11-02', value: 18 },
  { date: '2026-11-03', value: 25 },
];

/** A ResizeObserver stand-in whose callback the test calls. */
function fakeResizeObserver() {
  const observers: { callback: ResizeObserverCallback; observed: Element[]; disconnected: boolean }[] = [];
  vi.stubGlobal(
    'ResizeObserver',
    vi.fn(function (this: unknown, callback: ResizeObserverCallback) {
      const entry = { callback, observed: [] as Element[], disconnected: false };
      observers.push(entry);
      return {
        observe: (element: Element) => entry.observed.push(element),
        unobserve: () => undefined,
        disconnect: () => {
          entry.disconnected = true;
        },
      };
    }),
  );
  const resize = (width: number) => {
    for (const { callback } of observers) {
      callback([{ contentRect: { width, height: CHART_HEIGHT } } as ResizeObserverEntry], {} as ResizeObserver);
    }
  };
  return { observers, resize };
}

describe('MetricChart', () => {
  it('creates one plot, then updates it in place with setData when the points change', () => {
    fakeResizeObserver();
    const { rerender } = render(<MetricChart label="Page views" unit="count" points={october} verdict="up" />);

    expect(plots).toHaveLength(1);
    const [plot] = plots;
    expect(plot?.data).toEqual(chartData(october));
    expect(plot?.options.series[1]?.label).toBe('Page views');
    expect(plot?.target.closest('[role="img"]')).not.toBeNull();

    rerender(<MetricChart label="Page views" unit="count" points={november} verdict="down" />);

    expect(plots).toHaveLength(1);
    expect(plot?.setData).toHaveBeenCalledTimes(1);
    expect(plot?.setData).toHaveBeenLastCalledWith(chartData(november));
    expect(plot?.destroy).not.toHaveBeenCalled();

    // The same points again (a re-render): nothing to update.
    rerender(<MetricChart label="Page views" unit="count" points={november} verdict="down" />);
    expect(plot?.setData).toHaveBeenCalledTimes(1);
  });

  it('destroys the plot and stops observing on unmount', () => {
    const resizing = fakeResizeObserver();
    const { unmount } = render(<MetricChart label="Page views" unit="count" points={october} verdict="up" />);
    const [plot] = plots;

    unmount();

    expect(plot?.destroy).toHaveBeenCalledTimes(1);
    expect(resizing.observers[0]?.disconnected).toBe(true);
  });

  it('follows the width of its container', () => {
    const resizing = fakeResizeObserver();
    render(<MetricChart label="Page views" unit="count" points={october} verdict="up" />);
    const [plot] = plots;
    expect(resizing.observers[0]?.observed).toEqual([plot?.target]);

    resizing.resize(512.7);

    expect(plot?.setSize).toHaveBeenCalledWith({ width: 512, height: CHART_HEIGHT });
    expect(plots).toHaveLength(1);
  });

  it('works without ResizeObserver', () => {
    vi.stubGlobal('ResizeObserver', undefined);

    const { unmount } = render(<MetricChart label="Bounce rate" unit="ratio" points={october} verdict="flat" />);
    unmount();

    expect(plots[0]?.destroy).toHaveBeenCalledTimes(1);
  });

  it('is an image named by a summary', () => {
    fakeResizeObserver();
    render(<MetricChart label="Page views" unit="count" points={november} verdict="up" />);

    expect(screen.getByRole('img', { name: 'Page views, 3 points, trend up' })).toBeDefined();
  });

  it.each([
    { count: 90, verdict: 'up' as const, expected: 'Page views, 90 points, trend up' },
    { count: 1, verdict: 'flat' as const, expected: 'Page views, 1 point, trend flat' },
    { count: 0, verdict: 'down' as const, expected: 'Page views, 0 points, trend down' },
  ])('summarises $count points trending $verdict', ({ count, verdict, expected }) => {
    expect(chartSummary('Page views', count, verdict)).toBe(expected);
  });

  it('puts days at local midnight, so uPlot labels them with that day', () => {
    const seconds = dayToSeconds('2026-10-05');
    const date = new Date(seconds * 1000);
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([2026, 9, 5, 0]);
    expect(secondsToDay(seconds)).toBe('2026-10-05');
    expect(chartData(october)).toEqual([[dayToSeconds('2026-10-01'), dayToSeconds('2026-10-02')], [10, 12], [null, null], [null, null]]);
  });

  it('marks the annotations within its days with vertical lines, redrawing the same plot when they change', () => {
    fakeResizeObserver();
    const { rerender } = render(
      <MetricChart label="Page views" unit="count" points={november} verdict="up" annotations={['2026-11-02', '2026-10-15', '2026-11-03']} />,
    );
    expect(screen.getByRole('img', { name: 'Page views, 3 points, trend up, 2 annotations' })).toBeDefined();
    const [plot] = plots;
    expect(plot?.draw()).toEqual([dayToSeconds('2026-11-02'), dayToSeconds('2026-11-03')]);

    // the same days again (a new array): nothing to redraw
    rerender(<MetricChart label="Page views" unit="count" points={november} verdict="up" annotations={['2026-11-02', '2026-10-15', '2026-11-03']} />);
    expect(plot?.redraw).not.toHaveBeenCalled();

    rerender(<MetricChart label="Page views" unit="count" points={november} verdict="up" annotations={['2026-11-01']} />);
    expect(plots).toHaveLength(1);
    expect(plot?.redraw).toHaveBeenCalledTimes(1);
    expect(plot?.draw()).toEqual([dayToSeconds('2026-11-01')]);
    expect(screen.getByRole('img', { name: 'Page views, 3 points, trend up, 1 annotation' })).toBeDefined();

    rerender(<MetricChart label="Page views" unit="count" points={november} verdict="up" annotations={[]} />);
    expect(plot?.draw()).toEqual([]);
    expect(screen.getByRole('img', { name: 'Page views, 3 points, trend up' })).toBeDefined();
    expect(plot?.destroy).not.toHaveBeenCalled();
  });

  it('counts the annotations in its name', () => {
    expect(chartSummary('Page views', 2, 'up', 1)).toBe('Page views, 2 points, trend up, 1 annotation');
  });
});

/** Weekly points from Monday 2 Nov to Monday 23 Nov 2026, asked for Thursday 5 to Wednesday 25 Nov: both ends cut. */
const weeks: SeriesPoint[] = [
  { date: '2026-11-02', value: 40 },
  { date: '2026-11-09', value: 100 },
  { date: '2026-11-16', value: 110 },
  { date: '2026-11-23', value: 30 },
];
const PERIOD = { from: '2026-11-05', to: '2026-11-25' };
/** The 21 days before, by week: weeks of 12, 19 and 26 Oct (15 Oct is a Thursday). */
const BEFORE = { from: '2026-10-15', to: '2026-11-04', points: [{ date: '2026-10-12', value: 50 }, { date: '2026-10-19', value: 90 }, { date: '2026-10-26', value: 95 }] };

describe('MetricChart with periods', () => {
  it('draws the cut first and last weeks dashed, not as part of the line, and says so in its key', () => {
    fakeResizeObserver();
    render(<MetricChart label="Page views" unit="count" points={weeks} verdict="up" granularity="week" period={PERIOD} today="2026-12-06" />);
    const [plot] = plots;
    const data = plot?.data as (number | null)[][];
    expect(data[1]).toEqual([null, 100, 110, null]);
    expect(data[2]).toEqual([40, 100, 110, 30]);
    expect(plot?.options.series.map((s) => s.label)).toEqual([undefined, 'Page views', 'Partial', 'Previous period']);
    expect(screen.getByText('Dashed, hollow point: partial week, not comparable')).toBeDefined();
  });

  it('overlays the previous period on the same weeks, on by default, and hides it on request without a new plot', () => {
    fakeResizeObserver();
    render(<MetricChart label="Page views" unit="count" points={weeks} verdict="up" granularity="week" period={PERIOD} previous={BEFORE} today="2026-12-06" />);
    const [plot] = plots;
    expect((plot?.data as (number | null)[][])[3]).toEqual([50, 90, 95, null]);
    expect(screen.getByText('Lighter line: the previous period (15 Oct – 4 Nov 2026)')).toBeDefined();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare with the previous period' }));

    expect(plots).toHaveLength(1);
    expect(plot?.setData).toHaveBeenLastCalledWith([expect.any(Array), [null, 100, 110, null], [40, 100, 110, 30], [null, null, null, null]]);
    expect(screen.queryByText(/Lighter line/)).toBeNull();
  });

  it('has no legend row; the hovered point\'s values show next to the pointer and go when it leaves', () => {
    fakeResizeObserver();
    render(
      <MetricChart
        label="Page views"
        unit="count"
        points={weeks}
        verdict="up"
        granularity="week"
        period={PERIOD}
        previous={BEFORE}
        today="2026-12-06"
        annotations={[{ date: '2026-11-06', text: 'Newsletter sent' }, '2026-11-18']}
      />,
    );
    const [plot] = plots;
    expect((plot?.options as { legend?: { show?: boolean } }).legend?.show).toBe(false);
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();

    act(() => {
      plot?.hover(0, dayToSeconds('2026-11-02'));
    });
    const tooltip = screen.getByTestId('chart-tooltip');
    expect([...tooltip.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      '5–8 Nov 2026 (partial week)',
      'Page views: 40',
      'Previous period (15–18 Oct 2026): 50',
      '6 Nov 2026: Newsletter sent',
    ]);

    act(() => {
      plot?.hover(2, dayToSeconds('2026-11-16'));
    });
    expect([...screen.getByTestId('chart-tooltip').querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      '16–22 Nov 2026',
      'Page views: 110',
      'Previous period (26 Oct – 1 Nov 2026): 95',
      '18 Nov 2026: annotation',
    ]);

    act(() => {
      plot?.hover(null);
    });
    expect(screen.queryByTestId('chart-tooltip')).toBeNull();
  });

  it('shows its values in a table when asked', () => {
    fakeResizeObserver();
    render(<MetricChart label="Page views" unit="count" points={weeks} verdict="up" granularity="week" period={PERIOD} previous={BEFORE} today="2026-12-06" annotations={[{ date: '2026-11-06', text: 'Newsletter sent' }]} />);
    expect(screen.queryByRole('table')).toBeNull();
    const details = screen.getByText('Values as a table').closest('details');
    if (details === null) {
      throw new Error('no disclosure');
    }
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const rows = screen.getAllByRole('row').map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Week', 'Page views', 'Previous period', 'Note'],
      ['5–8 Nov 2026', '40', '50', 'partial week; Newsletter sent'],
      ['9–15 Nov 2026', '100', '90', ''],
      ['16–22 Nov 2026', '110', '95', ''],
      ['23–25 Nov 2026', '30', '—', 'partial week'],
    ]);
  });

  it('ticks the time axis at weeks or coarser for weekly data', () => {
    fakeResizeObserver();
    render(<MetricChart label="Page views" unit="count" points={weeks} verdict="up" granularity="week" period={PERIOD} />);
    const axis = (plots[0]?.options as unknown as { axes: { splits: (...args: unknown[]) => number[]; values: (...args: unknown[]) => string[] }[] }).axes[0];
    const ticks = axis?.splits({ bbox: { width: 2000 } }, 0, dayToSeconds('2026-11-02'), dayToSeconds('2026-11-23')) ?? [];
    expect(axis?.values({}, ticks)).toEqual(['2 Nov', '9 Nov', '16 Nov', '23 Nov']);
  });
});
