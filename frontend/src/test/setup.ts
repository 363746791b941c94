import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { resetPlots } from './fakeUplot.ts';

// jsdom has no canvas (and uPlot reads matchMedia as it loads): every test gets the fake uPlot of
// fakeUplot.ts, whose `plots` records the charts drawn.
vi.mock('uplot', async () => (await import('./fakeUplot.ts')).uplotModule);

// jsdom lays nothing out, so it has no scrollIntoView: a spy stands in (tests can see what was brought into view).
Element.prototype.scrollIntoView = vi.fn();

// findBy… and waitFor give up after 1 s by default, which a loaded 2-core machine can exceed.
configure({ asyncUtilTimeout: 5_000 });

// Unmount rendered components after each test (Vitest globals are off, so RTL cannot do it itself).
afterEach(() => {
  cleanup();
  resetPlots();
});
