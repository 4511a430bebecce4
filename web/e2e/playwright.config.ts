import { defineConfig } from '@playwright/test';
import { baseURL } from './support/server';

// Debian's Chromium: Playwright's own browser downloads are not available here. The flags keep
// Chromium from reaching out to the network at start-up.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/e2e',
  // One worker: the specs share one server, and one of them restarts it.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // One retry under CI: the specs drive two browsers and a server on two shared cores, and a
  // retried pass is still reported as flaky in the output.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.NATTER_E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    // A trace records a screencast and a DOM snapshot at every step: on this suite it cost 40 %
    // of each spec's time (11 specs: 2.2 min with it, 1.4 min without). Under CI a failed spec
    // is retried with the trace on, so a failure still leaves one; locally, pass --trace on.
    trace: process.env.CI ? 'on-first-retry' : 'off',
    screenshot: 'only-on-failure',
  },
});
