import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';

/**
 * Where the pointer is on a plot: the index of the nearest point, the pointer's position within the plot's
 * container (CSS pixels), and the x value under it with how much x one pixel is worth.
 */
export type Hover = { idx: number; left: number; top: number; width: number; seconds: number; secondsPerPixel: number };

/**
 * The life of one uPlot plot in the returned container: created once per `makeOptions` (keep it stable,
 * e.g. a `useCallback` over what changes the axes), new `data` handed to it with `setData` (no new plot),
 * as wide as its container (a ResizeObserver), destroyed on unmount. `onHover` hears where the pointer is
 * (null when it leaves), for a legend that shows only while hovering.
 */
export function usePlot(
  makeOptions: (element: HTMLElement) => uPlot.Options,
  data: uPlot.AlignedData,
  height: number,
  markers: readonly number[] = NO_MARKERS,
  onHover?: (hover: Hover | null) => void,
): RefObject<HTMLDivElement | null> {
  const containerRef = useRef<HTMLDivElement>(null);
  /** The x values of the vertical markers (annotations) the draw hook reads; new ones redraw the same plot. */
  const markersRef = useRef(markers);
  /** The latest listener, read by the cursor hook (a new listener needs no new plot). */
  const hoverRef = useRef(onHover);
  useEffect(() => {
    hoverRef.current = onHover;
  }, [onHover]);
  /** The data the plot should show; read when the plot is (re)created. */
  const latestData = useRef(data);
  const plotRef = useRef<{ plot: uPlot; data: uPlot.AlignedData } | null>(null);

  useEffect(() => {
    const element = containerRef.current;
    if (element === null) {
      return;
    }
    const shown = latestData.current;
    const options = makeOptions(element);
    const plugins = [...(options.plugins ?? []), markerPlugin(markersRef, chartColours(element).annotation), hoverPlugin(hoverRef)];
    const plot = new uPlot({ ...options, plugins }, shown, element);
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

  useEffect(() => {
    if (markersRef.current === markers) {
      return;
    }
    markersRef.current = markers;
    // Drawn by the hook below; the plot stays, only its canvas is painted again.
    plotRef.current?.plot.redraw(false);
  }, [markers]);

  return containerRef;
}

const NO_MARKERS: readonly number[] = [];

/**
 * A uPlot plugin drawing a dashed vertical line at each x value of `markers` (read at every draw, so
 * changing them needs only a redraw), within the plotting area.
 */
export function markerPlugin(markers: { readonly current: readonly number[] }, colour: string): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (plot: uPlot) => {
          const xs = markers.current;
          if (xs.length === 0) {
            return;
          }
          const { ctx, bbox } = plot;
          ctx.save();
          ctx.strokeStyle = colour;
          ctx.lineWidth = 2;
          ctx.setLineDash([6, 4]);
          for (const x of xs) {
            const left = Math.round(plot.valToPos(x, 'x', true));
            if (!Number.isFinite(left) || left < bbox.left || left > bbox.left + bbox.width) {
              continue;
            }
            ctx.beginPath();
            ctx.moveTo(left, bbox.top);
            ctx.lineTo(left, bbox.top + bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}

/** A uPlot plugin telling `listener` where the pointer is at each cursor move (null when off the data). */
export function hoverPlugin(listener: { readonly current: ((hover: Hover | null) => void) | undefined }): uPlot.Plugin {
  return {
    hooks: {
      setCursor: [
        (plot: uPlot) => {
          const { idx, left, top } = plot.cursor;
          if (listener.current === undefined) {
            return;
          }
          // uPlot moves the cursor to a negative left when the pointer leaves the plot.
          if (idx === null || idx === undefined || left === undefined || top === undefined || left < 0) {
            listener.current(null);
            return;
          }
          const seconds = plot.posToVal(left, 'x');
          listener.current({
            idx,
            left: left + plot.over.offsetLeft,
            top: top + plot.over.offsetTop,
            width: plot.width,
            seconds,
            secondsPerPixel: plot.posToVal(left + 1, 'x') - seconds,
          });
        },
      ],
    },
  };
}

/** A day either side of a single moment, in seconds. */
const ONE_DAY = 86_400;

/**
 * The time axis of a chart: the data's own span, or a day either side when it holds one moment. (For one moment
 * uPlot 1.6 widens the axis by 86,400 / ms, which in seconds is 1,000 days: a lone first score sat at the left of
 * three empty years.)
 */
export const TIME_SCALE: uPlot.Scale = {
  time: true,
  range: (plot, min, max) => {
    const xs = plot.data[0];
    const first = xs.at(0);
    return first !== undefined && first === xs.at(-1) ? [first - ONE_DAY, first + ONE_DAY] : [min, max];
  },
};

/** The width a chart starts with when its container has none yet (hidden, or not laid out). */
const FALLBACK_WIDTH = 320;

export function widthOf(element: HTMLElement): number {
  const width = Math.floor(element.clientWidth);
  return width > 0 ? width : FALLBACK_WIDTH;
}

/** The chart colours from the CSS custom properties `--chart-*` (canvas cannot use CSS). */
export function chartColours(element: HTMLElement): {
  line: string;
  axis: string;
  grid: { stroke: string; width: number };
  marker: string;
  annotation: string;
  previous: string;
  surface: string;
} {
  const css = getComputedStyle(element);
  const colour = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    line: colour('--chart-line', '#1d4ed8'),
    axis: colour('--chart-axis', '#5d6270'),
    grid: { stroke: colour('--chart-grid', '#dcdfe6'), width: 1 },
    marker: colour('--chart-marker', '#b45309'),
    annotation: colour('--chart-annotation', '#7c3aed'),
    previous: colour('--chart-previous', '#93a9dc'),
    // The inside of a hollow (partial) point: the panel the chart sits on.
    surface: colour('--panel', '#ffffff'),
  };
}
