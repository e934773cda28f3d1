// `npm run size`: min+gzip size of each built entry with the chunks it statically imports, checked
// against the budgets in size-budgets.json. Run `npm run build:client` first (npm run size does).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const budgets = JSON.parse(await readFile(join(root, 'size-budgets.json'), 'utf8'));

const IMPORT = /(?:import|export)\s*(?:[^'"]*?from\s*)?["'](\.[^"']+)["']/g;

/** The entry file and every file it statically imports, transitively. */
async function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = await readFile(file, 'utf8');
  for (const match of code.matchAll(IMPORT)) await closure(resolve(dirname(file), match[1]), seen);
  return seen;
}

function gzipBytes(buffers) {
  return gzipSync(Buffer.concat(buffers), { level: 9 }).length;
}

const rows = [];
let failed = false;
for (const [entry, budget] of Object.entries(budgets)) {
  const files = [...(await closure(join(dist, entry)))];
  const buffers = await Promise.all(files.map((f) => readFile(f)));
  const raw = buffers.reduce((sum, b) => sum + b.length, 0);
  const gz = gzipBytes(buffers);
  const over = gz > budget * 1024;
  failed ||= over;
  rows.push({ entry, files: files.map((f) => relative(dist, f)).length, raw, gz, budget, over });
}

const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
console.log('entry (with its static imports)'.padEnd(42), 'min'.padStart(10), 'min+gzip'.padStart(10), 'budget'.padStart(9), ' used');
for (const row of rows) {
  console.log(
    row.entry.padEnd(42),
    kb(row.raw).padStart(10),
    kb(row.gz).padStart(10),
    kb(row.budget * 1024).padStart(9),
    `${((row.gz / (row.budget * 1024)) * 100).toFixed(0).padStart(4)}%${row.over ? '  OVER BUDGET' : ''}`,
  );
}
if (failed) {
  console.error('size: an entry is over its budget (size-budgets.json).');
  process.exit(1);
}
