// Initial JavaScript budget (docs/performance.md: < 250 KB gzip): the entry script of dist/index.html and
// every module it preloads, gzipped as a server would send them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budgetBytes = 250 * 1000;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const scripts = new Set();
for (const match of html.matchAll(/<script[^>]*\stype="module"[^>]*\ssrc="([^"]+)"/g)) scripts.add(match[1]);
for (const match of html.matchAll(/<link[^>]*\srel="modulepreload"[^>]*\shref="([^"]+)"/g)) scripts.add(match[1]);
if (scripts.size === 0) {
  console.error('check-bundle-size: no module script found in dist/index.html');
  process.exit(1);
}

let total = 0;
for (const src of scripts) {
  const size = gzipSync(readFileSync(join(dist, src.replace(/^\//, ''))), { level: 9 }).length;
  total += size;
  console.log(`  ${src}: ${(size / 1000).toFixed(1)} KB gzip`);
}
const verdict = total <= budgetBytes ? 'within' : 'OVER';
console.log(`Initial JS: ${(total / 1000).toFixed(1)} KB gzip (${verdict} the budget of ${budgetBytes / 1000} KB)`);
if (total > budgetBytes) process.exit(1);
