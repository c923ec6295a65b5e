import { defineConfig, devices } from '@playwright/test';

// The backend (Django serving the built SPA) is started by the CI script; there is no webServer here.
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8000';
const screenshots = process.env.SCREENSHOTS === '1';

export default defineConfig({
  testDir: './e2e',
  // The journeys share one backend database; run them one after another.
  fullyParallel: false,
  workers: 1,
  // On CI a stray test.only fails the run instead of silently skipping the rest.
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  grep: screenshots ? /@screens/ : undefined,
  grepInvert: screenshots ? undefined : /@screens/,
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking'],
    },
  },
});
