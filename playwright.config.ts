import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real window in Debian's Chromium through the web shell, which each
 * test starts on a fresh temporary library (tests/e2e/fixtures.ts). Playwright's own browser
 * download cannot run here, hence the system binary.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test owns a server, a library and a browser context; two at a time suit a 2-core machine.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
