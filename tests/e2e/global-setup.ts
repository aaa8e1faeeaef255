// Starts what the end-to-end tests run against, and returns the teardown that stops it all,
// also when a step fails halfway: a mail catcher, a fresh database, the real backend serving
// the built SPA.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHelpDesk, createTestDatabase, dropTestDatabase, dropTestDatabaseSync, startBackend } from './support/backend';
import { envNames, iacsCommand, resultsDir, screenshotsDir, spaDist } from './support/paths';
import { startMailCapture } from './support/smtp';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(spaDist, 'index.html'))) {
    throw new Error('frontend/dist is missing: build the SPA first (`npm run build`; `npm run test:e2e` does it).');
  }
  if (!existsSync(iacsCommand)) {
    throw new Error(`${iacsCommand} is missing: install the backend first (see the README).`);
  }
  if (process.env.DATABASE_URL === undefined || process.env.DATABASE_URL === '') {
    throw new Error('DATABASE_URL must name the PostgreSQL server to create the test database on.');
  }

  const cleanups: { name: string; run: () => Promise<void> }[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup.run();
      } catch (error) {
        console.error(`e2e teardown: ${cleanup.name} failed:`, error);
      }
    }
  };

  try {
    await mkdir(resultsDir, { recursive: true });
    await rm(screenshotsDir, { recursive: true, force: true });
    await mkdir(screenshotsDir, { recursive: true });
    const mailDir = await mkdtemp(join(tmpdir(), 'iacs-e2e-mail-'));
    cleanups.push({ name: 'remove the mail folder', run: () => rm(mailDir, { recursive: true, force: true }) });

    const mail = await startMailCapture(mailDir);
    cleanups.push({ name: 'stop the SMTP server', run: mail.close });

    const databaseName = `iacs_e2e_${randomBytes(6).toString('hex')}`;
    const databaseUrl = await createTestDatabase(databaseName);
    let dropped = false;
    const dropOnExit = () => {
      if (!dropped) dropTestDatabaseSync(databaseName);
    };
    process.once('exit', dropOnExit);
    cleanups.push({
      name: `drop ${databaseName}`,
      run: async () => {
        process.removeListener('exit', dropOnExit);
        await dropTestDatabase(databaseName);
        dropped = true;
      },
    });

    // The help desk of the story (R33), created the only way there is.
    const helpDesk = {
      email: 'helen.desk@example.org',
      name: 'Helen Desk',
      password: `Quill-${randomBytes(6).toString('hex')}-Harbor-Lantern`,
    };
    await createHelpDesk(databaseUrl, helpDesk);

    const backend = await startBackend({
      databaseUrl,
      smtpPort: mail.port,
      staticDir: spaDist,
      logFile: join(resultsDir, 'backend.log'),
    });
    cleanups.push({ name: 'stop iacs serve', run: backend.stop });

    process.env[envNames.baseUrl] = backend.url;
    process.env[envNames.mailDir] = mailDir;
    process.env[envNames.helpDeskEmail] = helpDesk.email;
    process.env[envNames.helpDeskPassword] = helpDesk.password;
    process.env[envNames.databaseUrl] = databaseUrl;
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
