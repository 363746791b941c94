import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';

/**
 * The life of one uPlot plot in the returned container: created once per `makeOptions` (keep it stable,
 * e.g. a `useCallback` over what changes the axes), new `data` handed to it with `setData` (no new plot),
 * as wide as its container (a ResizeObserver), destroyed on unmount.
 */
export function usePlot(
  makeOptions: (element: HTMLElement) => uPlot.Options,
  data: uPlot.AlignedData,
  height: number,
): RefObject<HTMLDivElement | null> {
  const containerRef = useRef<HTMLDivElement>(null);
  /** The data the plot should show; read when the plot is (re)created. */
  const latestData = useRef(data);
  const plotRef = useRef<{ plot: uPlot; data: uPlot.AlignedData } | null>(null);

  useEffect(() => {
    const element = containerRef.current;
    if (element === null) {
      return;
    }
    const shown = latestData.current;
    const plot = new uPlot(makeOptions(element), shown, element);
    plotRef.current = { plot, data: shown };

    let observer: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver((entries) => {
        const width = Math.floor(entries[0]?.contentRect.width ?? 0);
        if (width > 0 && width !== plot.width) {
          plot.setSize({ width, height });
        }
      });
      observer.observe(element);
    }
    return () => {
      observer?.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [makeOptions, height]);

  useEffect(() => {
    latestData.current = data;
    const current = plotRef.current;
    if (current !== null && current.data !== data) {
      current.plot.setData(data);
      current.data = data;
    }
  }, [data]);

  return containerRef;
}

/** The width a chart starts with when its container has none yet (hidden, or not laid out). */
const FALLBACK_WIDTH = 320;

export function widthOf(element: HTMLElement): number {
  const width = Math.floor(element.clientWidth);
  return width > 0 ? width : FALLBACK_WIDTH;
}

/** The chart colours from the CSS custom properties `--chart-*` (canvas cannot use CSS). */
export function chartColours(element: HTMLElement): { line: string; axis: string; grid: { stroke: string; width: number }; marker: string } {
  const css = getComputedStyle(element);
  const colour = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    line: colour('--chart-line', '#1d4ed8'),
    axis: colour('--chart-axis', '#5d6270'),
    grid: { stroke: colour('--chart-grid', '#dcdfe6'), width: 1 },
    marker: colour('--chart-marker', '#b45309'),
  };
}
