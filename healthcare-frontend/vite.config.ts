/// <reference types="vitest/config" />
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Django runs on :8000 in development; the SPA talks to it on the same origin through this proxy,
// exactly as it does in production where Django serves dist/.
const backend = 'http://127.0.0.1:8000';

/**
 * Writes `.gz` and `.br` copies of the built text files. Django serves dist/ through WhiteNoise
 * (WHITENOISE_ROOT), which sends a precompressed copy when one exists and the browser accepts it,
 * but compresses nothing on the fly: without these the ~600 kB of JavaScript went out raw.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
      for (const entry of entries) {
        if (!entry.isFile() || !/\.(js|css|html|svg|json|txt)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const data = await readFile(file);
        if (data.length < 1024) continue;
        await writeFile(`${file}.gz`, gzipSync(data, { level: 9 }));
        await writeFile(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // First load: index (layout, store, the MUI parts the shell uses) + react-vendor, ~200 kB gzip
    // together; every page is a lazy chunk, and recharts only ever loads with the reports page.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // React, the router and Redux change far less often than the app: their own chunk stays
        // cached across deploys. (MUI is not split out: one MUI chunk would hold every component
        // any page uses, and the first load would grow.)
        manualChunks(id) {
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-redux|@reduxjs\/toolkit|redux|immer|reselect)\//.test(id)) {
            return 'react-vendor';
          }
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': backend,
      '/admin': backend,
      '/swagger': backend,
      '/static': backend,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 15000,
    environmentOptions: { jsdom: { url: 'http://localhost:3000/' } },
  },
});
