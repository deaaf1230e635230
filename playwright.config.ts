import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// `npm test` runs the browser tier as two groups of files at once, each with its own server, database and mail
// catcher: the second group's ports are shifted by E2E_PORT_OFFSET (scripts/test.mjs).
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
const PORT = 3210 + PORT_OFFSET;
const baseURL = `http://127.0.0.1:${PORT}`;

// The mail catcher (e2e/mail-catcher.ts): the app sends real SMTP to it, tests read it over HTTP.
const MAIL_SMTP_PORT = 3225 + PORT_OFFSET;
const MAIL_HTTP_PORT = 3226 + PORT_OFFSET;

// A fresh embedded database per run, so the demo data is always the starting point. Playwright
// loads this file in the runner and in each worker: create the directory once and hand it on.
process.env.RENTLEDGER_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'rentledger-e2e-'));
const dataDir = process.env.RENTLEDGER_E2E_DATA_DIR;

// Debian's Chromium when installed; otherwise Playwright's own build, which `npm test` installs when it must.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const executablePath = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;

// Playwright starts the server with this process's environment: DEMO_DATA must be unset so the
// demo companies and sign-ins load.
delete process.env.DEMO_DATA;

export default defineConfig({
  testDir: 'e2e',
  // *.e2e.ts, so vitest's default *.test.ts / *.spec.ts patterns never pick these up.
  testMatch: '**/*.e2e.ts',
  outputDir: `test-results/playwright${PORT_OFFSET ? `-${PORT_OFFSET}` : ''}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: `playwright-report${PORT_OFFSET ? `-${PORT_OFFSET}` : ''}` }]],
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
          executablePath,
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
  // In this order: the mail catcher listens before the app starts sending its start-up invitations.
  webServer: [
    {
      command: 'npx tsx e2e/mail-catcher.ts',
      url: `http://127.0.0.1:${MAIL_HTTP_PORT}/health`,
      env: { MAIL_CATCHER_SMTP_PORT: String(MAIL_SMTP_PORT), MAIL_CATCHER_HTTP_PORT: String(MAIL_HTTP_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The compiled server, as `npm start` runs it (`npm run test:e2e` and `npm test` build it first).
      command: 'node --enable-source-maps --max-semi-space-size=4 apps/server/dist/main.js',
      url: `${baseURL}/api/health`,
      env: {
        PORT: String(PORT),
        DATA_DIR: dataDir,
        // Real email delivery to the mail catcher, with links that point at this test server.
        SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}`,
        APP_URL: baseURL,
        // Warnings and errors only: a request log per click would bury the test report.
        LOG_LEVEL: 'warn',
        // Every browser test signs up from 127.0.0.1; the limit itself is an integration test.
        SIGNUP_LIMIT_PER_IP: '1000',
      },
      reuseExistingServer: false,
      timeout: 120_000,
      // SIGTERM, so the server stops its embedded PostgreSQL (Playwright's default SIGKILL left every run's behind).
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
