import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The backend (Vert.x) listens on 8080 during development; `npm run dev` proxies the API to it.
const backend = 'http://localhost:8080';

export default defineConfig({
  // Absolute asset URLs (/assets/...) so deep links served via history fallback still load them.
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false, ws: true },
    },
  },
  build: {
    // Maven packages target/classes into the module jar, so the SPA ends up under webroot/ in it.
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    // Never inline assets as data: URIs; the server's CSP only allows 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    unstubGlobals: true,
    restoreMocks: true,
    // CI machines are small and shared: a slow run must not read as a failure
    testTimeout: 15_000,
  },
});
