import { vi } from 'vitest';

/**
 * What every test gets in place of uPlot (jsdom has no canvas; see `setup.ts`, which mocks 'uplot'
 * with `uplotModule`): a class recording its instances and calls. Tests read `plots` (every plot
 * created since the last test) to assert on.
 */
export class FakePlot {
  static readonly instances: FakePlot[] = [];
  readonly setData = vi.fn((data: unknown) => {
    this.data = data;
  });
  readonly setSize = vi.fn((size: { width: number; height: number }) => {
    this.width = size.width;
    this.height = size.height;
  });
  readonly destroy = vi.fn();
  readonly redraw = vi.fn();
  /** The pointer, as `hover` leaves it (uPlot's cursor). */
  cursor: { idx: number | null; left: number; top: number } = { idx: null, left: -10, top: -10 };
  /** The plotting area's element, at the container's top left. */
  readonly over = { offsetLeft: 0, offsetTop: 0 };
  /** The plotting area; `valToPos` is the identity, so a marker's line is drawn at its x value. */
  readonly bbox = { left: 0, top: 0, width: Number.MAX_SAFE_INTEGER, height: 100 };
  /** The vertical lines drawn by the last `draw()`, as their x. */
  lines: number[] = [];
  ctx = recordingContext(this);
  width: number;
  height: number;
  readonly options: {
    width: number;
    height: number;
    series: { label?: string }[];
    plugins?: { hooks: { draw?: ((plot: FakePlot) => void)[]; setCursor?: ((plot: FakePlot) => void)[] } }[];
  };
  data: unknown;
  readonly target: HTMLElement;

  constructor(options: FakePlot['options'], data: unknown, target: HTMLElement) {
    this.options = options;
    this.data = data;
    this.target = target;
    this.width = options.width;
    this.height = options.height;
    FakePlot.instances.push(this);
  }

  valToPos(value: number): number {
    return value;
  }

  /** The inverse of `valToPos`: one pixel is one unit of x. */
  posToVal(position: number): number {
    return position;
  }

  /** Moves the pointer onto point `idx` at `left` (null: off the plot) and runs the plugins' cursor hooks, as uPlot does. */
  hover(idx: number | null, left = 0): void {
    this.cursor = idx === null ? { idx: null, left: -10, top: -10 } : { idx, left, top: 10 };
    for (const plugin of this.options.plugins ?? []) {
      for (const hook of plugin.hooks.setCursor ?? []) {
        hook(this);
      }
    }
  }

  /** Runs the plugins' draw hooks (what uPlot does on every paint) and returns the vertical lines drawn. */
  draw(): number[] {
    this.lines = [];
    for (const plugin of this.options.plugins ?? []) {
      for (const hook of plugin.hooks.draw ?? []) {
        hook(this);
      }
    }
    return this.lines;
  }
}

/** Just enough of a canvas context for the marker plugin: a `moveTo` starts a line at its x. */
function recordingContext(plot: FakePlot) {
  const noop = () => undefined;
  return {
    strokeStyle: '',
    lineWidth: 1,
    save: noop,
    restore: noop,
    setLineDash: noop,
    beginPath: noop,
    lineTo: noop,
    stroke: noop,
    moveTo: (x: number) => {
      plot.lines.push(x);
    },
  };
}

export const uplotModule = { default: FakePlot };

/** The plots created so far (cleared by `resetPlots`). */
export const plots = FakePlot.instances;

export function resetPlots(): void {
  FakePlot.instances.length = 0;
}
