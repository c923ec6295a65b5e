/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Django runs on :8000 in development; the SPA talks to it on the same origin through this proxy,
// exactly as it does in production where Django serves dist/.
const backend = 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The shell (React, MUI, RTK Query, router) is one ~620 kB / ~200 kB gzip chunk; pages are lazy.
    chunkSizeWarningLimit: 700,
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
