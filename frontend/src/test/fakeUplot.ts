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
  width: number;
  height: number;
  readonly options: { width: number; height: number; series: { label?: string }[] };
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
}

export const uplotModule = { default: FakePlot };

/** The plots created so far (cleared by `resetPlots`). */
export const plots = FakePlot.instances;

export function resetPlots(): void {
  FakePlot.instances.length = 0;
}
