import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { repoRoot, resultsDir } from './support/paths';

// The machine's Chromium, never a downloaded browser.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(
    `Chromium was not found at ${chromiumPath}. Install it with \`apt-get install -y chromium\`, ` +
      'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: join(resultsDir, 'artifacts'),
  globalSetup: './global-setup.ts',
  // Everything is bounded: a test, each wait, and the whole run. A story of several people and pages takes
  // 20-60 s alone and two to three times that beside another worker on a 2-core CI machine, so a test gets
  // 3 minutes unless it says otherwise; each wait stays at 10 s, so a real hang still fails fast.
  timeout: 180_000,
  globalTimeout: 20 * 60_000,
  expect: { timeout: 10_000 },
  // The story (one long test) and the foundation tests run side by side; each makes its own people.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: process.env.CI !== undefined,
  reporter: [['list'], ['html', { outputFolder: join(repoRoot, 'playwright-report'), open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
