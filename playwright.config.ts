import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const PORT = 3210;
const baseURL = `http://127.0.0.1:${PORT}`;

// A fresh embedded database per run, so the demo data is always the starting point. Playwright
// loads this file in the runner and in each worker: create the directory once and hand it on.
process.env.RENTLEDGER_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'rentledger-e2e-'));
const dataDir = process.env.RENTLEDGER_E2E_DATA_DIR;

// Playwright starts the server with this process's environment: DEMO_DATA must be unset so the
// demo companies and sign-ins load.
delete process.env.DEMO_DATA;

export default defineConfig({
  testDir: 'e2e',
  // *.e2e.ts, so vitest's default *.test.ts / *.spec.ts patterns never pick these up.
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx apps/server/src/main.ts',
    url: `${baseURL}/api/health`,
    env: { PORT: String(PORT), DATA_DIR: dataDir },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
