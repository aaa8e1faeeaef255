// Initial JavaScript budget (docs/performance.md: < 250 KB gzip): the entry script of dist/index.html (the SPA)
// and every module it preloads, gzipped as a server would send them. GraphiQL (dist/graphiql.html, the
// developers' page served at GET /graphql) is a separate entry that the SPA never loads: its size is
// reported below, not counted against the SPA's budget.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budgetBytes = 250 * 1000;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

const gzipped = (src) => gzipSync(readFileSync(join(dist, src.replace(/^\//, ''))), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/** The module script of a built page and the modules it preloads: what the browser fetches first. */
function initialScripts(page) {
  const html = readFileSync(join(dist, page), 'utf8');
  const scripts = new Set();
  for (const match of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g)) scripts.add(match[1]);
  for (const match of html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g)) scripts.add(match[1]);
  if (scripts.size === 0) {
    console.error(`check-bundle-size: no module script found in dist/${page}`);
    process.exit(1);
  }
  return scripts;
}

/** Every script a page can load later (dynamic imports, web workers), following references between chunks. */
function reachableScripts(start) {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const text = readFileSync(join(dist, queue.pop().replace(/^\//, '')), 'utf8');
    for (const match of text.matchAll(/["'`](?:\/?assets\/|\.\/)([\w.-]+\.js)["'`]/g)) {
      const src = `/assets/${match[1]}`;
      if (!seen.has(src) && existsSync(join(dist, src))) {
        seen.add(src);
        queue.push(src);
      }
    }
  }
  return seen;
}

let total = 0;
for (const src of initialScripts('index.html')) {
  const size = gzipped(src);
  total += size;
  console.log(`  ${src}: ${kb(size)} gzip`);
}
const verdict = total <= budgetBytes ? 'within' : 'OVER';
console.log(`Initial JS: ${kb(total)} gzip (${verdict} the budget of ${budgetBytes / 1000} KB)`);

if (existsSync(join(dist, 'graphiql.html'))) {
  const first = initialScripts('graphiql.html');
  const all = reachableScripts(first);
  const sum = (sources) => [...sources].reduce((bytes, src) => bytes + gzipped(src), 0);
  console.log(
    `GraphiQL (graphiql.html, not part of the SPA's budget): initial JS ${kb(sum(first))} gzip, ` +
      `${kb(sum(all))} gzip with everything it may load (Monaco editor and its workers, Prettier)`,
  );
}
if (total > budgetBytes) process.exit(1);
