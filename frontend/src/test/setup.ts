import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { resetPlots } from './fakeUplot.ts';

// jsdom has no canvas (and uPlot reads matchMedia as it loads): every test gets the fake uPlot of
// fakeUplot.ts, whose `plots` records the charts drawn.
vi.mock('uplot', async () => (await import('./fakeUplot.ts')).uplotModule);

// Unmount rendered components after each test (Vitest globals are off, so RTL cannot do it itself).
afterEach(() => {
  cleanup();
  resetPlots();
});
