import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Unmount rendered components after each test (Vitest globals are off, so RTL cannot do it itself).
afterEach(() => {
  cleanup();
});
