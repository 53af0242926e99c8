import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The renderer is built once and served by both hosts: Electron loads dist/renderer/index.html from
// the asar, web mode serves the same files from 127.0.0.1. Relative base so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  // Migrations are plain .sql files; esbuild inlines them as text for the bundles, this does it for tests.
  plugins: [
    react(),
    {
      name: 'sql-as-text',
      transform: (code, id) => (id.endsWith('.sql') ? `export default ${JSON.stringify(code)};` : null),
    },
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
