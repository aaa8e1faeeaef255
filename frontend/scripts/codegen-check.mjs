// Fails when frontend/src/gql (persisted-documents.json included) is not what codegen makes from
// schema.graphql and the operations:
// generates into a temporary folder and compares, so it works on any checkout, staged or not.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const committed = join(repoRoot, 'frontend', 'src', 'gql');
const fresh = mkdtempSync(join(tmpdir(), 'iacs-codegen-'));

function listFiles(dir) {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();
  } catch {
    return [];
  }
}

try {
  const codegen = join(repoRoot, 'node_modules', '.bin', 'graphql-codegen');
  const run = spawnSync(codegen, ['--config', join(repoRoot, 'frontend', 'codegen.ts'), '--silent'], {
    cwd: repoRoot,
    env: { ...process.env, CODEGEN_OUT_DIR: `${fresh}/` },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    console.error('codegen:check: graphql-codegen failed (see above).');
    process.exit(1);
  }

  const expected = listFiles(fresh);
  const actual = listFiles(committed);
  const problems = [];
  for (const file of new Set([...expected, ...actual])) {
    if (!expected.includes(file)) problems.push(`${file}: not generated any more (delete it)`);
    else if (!actual.includes(file)) problems.push(`${file}: missing`);
    else if (readFileSync(join(fresh, file), 'utf8') !== readFileSync(join(committed, file), 'utf8')) {
      problems.push(`${file}: differs`);
    }
  }
  if (problems.length > 0) {
    console.error('codegen:check: frontend/src/gql is stale; run `npm run codegen` and commit the result.');
    for (const problem of problems) console.error(`  frontend/src/gql/${problem}`);
    process.exit(1);
  }
  console.log(`codegen:check: frontend/src/gql is up to date (${String(expected.length)} files).`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
