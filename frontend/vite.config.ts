import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const backend = 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  // `@/lib/viewer` is frontend/src/lib/viewer.ts (also in tsconfig.json's paths; vitest reads this file too).
  resolve: { alias: { '@/': fileURLToPath(new URL('src/', import.meta.url)) } },
  build: {
    // Every asset is a file of its own: no data: URLs, so a strict Content-Security-Policy
    // (font-src/img-src 'self') covers the bundle.
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      // Two pages: the SPA, and GraphiQL (served by the backend at GET /graphql), each with its own
      // scripts; GraphiQL's editor (Monaco) never loads with the SPA.
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('graphiql.html', import.meta.url)),
      },
      onLog(level, log, handler) {
        // GraphiQL's packages start modules with React Compiler's "use no memo", which a bundle cannot keep
        // (and need not: nothing of ours compiles them again).
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.id?.includes('node_modules') === true) return;
        handler(level, log);
      },
    },
    // GraphiQL's editor (Monaco) is one chunk of ~2.8 MB that only graphiql.html loads; the SPA's own
    // budget is checked on its initial JS by scripts/check-bundle-size.mjs.
    chunkSizeWarningLimit: 3000,
  },
  // Monaco's web workers (GraphiQL) are files of this build, started from this origin.
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: backend, ws: true, changeOrigin: false },
      '/healthz': { target: backend },
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    css: false,
    // A form test types into a dozen fields in jsdom: about a second alone, 4-5 s beside the Python suite on a
    // 2-core CI machine, where vitest's 5 s default failed them. Each `findBy` still waits at most 1 s.
    testTimeout: 15_000,
  },
});
