// The real backend for the end-to-end tests: a throwaway database and `iacs serve`.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { iacsCommand, repoRoot } from './paths';

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** `iacs test-db create NAME`: creates and migrates the database, prints its URL. */
export async function createTestDatabase(name: string): Promise<string> {
  const { stdout } = await run(iacsCommand, ['test-db', 'create', name], {
    cwd: repoRoot,
    timeout: 180_000,
    env: process.env,
  });
  const url = stdout.trim().split('\n').at(-1)?.trim() ?? '';
  if (!/^postgres(ql)?(\+\w+)?:\/\//.test(url)) {
    throw new Error(`iacs test-db create printed no database URL:\n${stdout}`);
  }
  return url;
}

/**
 * R33: the only way to a help-desk account is the command line:
 * `IACS_PASSWORD=<pw> iacs create-user --email E --name N --help-desk`, here against the test database.
 */
export async function createHelpDesk(databaseUrl: string, person: { email: string; name: string; password: string }): Promise<void> {
  await run(iacsCommand, ['create-user', '--email', person.email, '--name', person.name, '--help-desk'], {
    cwd: repoRoot,
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: databaseUrl, IACS_PASSWORD: person.password },
  });
}

/** `iacs seed-demo`: the demo world of `make run` (and its locked person, locked now) in the database. */
export async function seedDemo(databaseUrl: string): Promise<void> {
  await run(iacsCommand, ['seed-demo'], { cwd: repoRoot, timeout: 120_000, env: { ...process.env, DATABASE_URL: databaseUrl } });
}

export async function dropTestDatabase(name: string): Promise<void> {
  await run(iacsCommand, ['test-db', 'drop', name], { cwd: repoRoot, timeout: 60_000, env: process.env });
}

/** For a process exit without teardown (Ctrl-C): the same, synchronously. */
export function dropTestDatabaseSync(name: string): void {
  spawnSync(iacsCommand, ['test-db', 'drop', name], { cwd: repoRoot, timeout: 30_000, stdio: 'ignore' });
}

export interface Backend {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export interface BackendOptions {
  databaseUrl: string;
  /** The mail catcher's port; without it, no IACS_SMTP_URL: mail goes to the server's output, as on `make run`. */
  smtpPort?: number;
  staticDir: string;
  logFile: string;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`iacs serve exited (${String(child.exitCode ?? child.signalCode)}) before it was healthy:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /healthz answered ${String(response.status)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`iacs serve was not healthy within ${String(timeoutMs)} ms (${lastProblem}):\n${output()}`);
}

/** Starts `iacs serve` in its own process group and waits until GET /healthz answers 200. */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}`;
  const child = spawn(iacsCommand, ['serve', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: repoRoot,
    detached: true, // its own process group, so that stop() ends uvicorn and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      IACS_SMTP_URL: options.smtpPort === undefined ? '' : `smtp://127.0.0.1:${String(options.smtpPort)}`,
      IACS_ENV: 'development',
      IACS_STATIC_DIR: options.staticDir,
    },
  });
  const log = createWriteStream(options.logFile);
  let recent = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    recent = (recent + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    resolve();
  }));

  // If the runner dies without its teardown, do not leave the server behind.
  const killOnExit = () => {
    signalGroup(child, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(child, 'SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(r, 10_000, false))]);
      if (stopped !== true) {
        signalGroup(child, 'SIGKILL');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      }
    } else {
      signalGroup(child, 'SIGKILL'); // children it may have left
    }
    log.end();
  };

  try {
    await waitForHealth(url, child, () => recent, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}
