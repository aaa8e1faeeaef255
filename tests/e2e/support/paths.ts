import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const iacsCommand = join(repoRoot, '.venv', 'bin', 'iacs');
export const spaDist = join(repoRoot, 'frontend', 'dist');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');
/** Screenshots of the main pages, taken by the story (not committed: test-results/ is ignored). */
export const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');

/** What global setup hands to the test workers (through their environment). */
export const envNames = {
  baseUrl: 'IACS_E2E_BASE_URL',
  mailDir: 'IACS_E2E_MAIL_DIR',
  helpDeskEmail: 'IACS_E2E_HELP_DESK_EMAIL',
  helpDeskPassword: 'IACS_E2E_HELP_DESK_PASSWORD',
  /** The test database, for the few states a browser test cannot wait for (a role due in a year). */
  databaseUrl: 'IACS_E2E_DATABASE_URL',
} as const;

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: run the tests with \`npm run test:e2e\` (global setup sets it).`);
  }
  return value;
}
