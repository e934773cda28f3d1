// `npm run size`: what each way of loading the kit costs a page, checked against size-budgets.json.
// A row is a set of built files: an entry with every chunk it statically imports (transitively), or a
// page made of several entries. Sizes are minified bytes and gzip (level 9) of each file on its own,
// added up: every file is a separate response, compressed separately, so this is what is transferred.
// Run `npm run build:client` first (npm run size does).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const budgets = JSON.parse(await readFile(join(root, 'size-budgets.json'), 'utf8'));

// Static `import … from "./x.js"`, `export … from "./x.js"` and bare `import "./x.js"` in minified output.
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w${},*\s]*?from\s*)?["']([^"']+)["']/g;

/** The entry file and every file it statically imports, transitively; bare specifiers are errors. */
async function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = await readFile(file, 'utf8');
  for (const [, specifier] of code.matchAll(STATIC_IMPORT)) {
    if (!specifier.startsWith('.')) throw new Error(`${relative(dist, file)} imports "${specifier}": a browser file must be self-contained.`);
    await closure(resolve(dirname(file), specifier), seen);
  }
  return seen;
}

async function measure(entries) {
  const files = new Set();
  for (const entry of entries) for (const file of await closure(join(dist, entry))) files.add(file);
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const body = await readFile(file);
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { files: [...files].map((f) => relative(dist, f)), raw, gz };
}

const rows = [];
for (const [entry, budget] of Object.entries(budgets.entries)) rows.push({ label: entry, entries: [entry], budget, alone: budgets.selfContained.includes(entry) });
for (const [label, page] of Object.entries(budgets.pages)) rows.push({ label, entries: page.files, budget: page.budget, alone: false });

const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
let failed = false;
console.log('files (with what they import)'.padEnd(46), 'min'.padStart(10), 'gzip'.padStart(10), 'budget'.padStart(10), '  used');
for (const row of rows) {
  let result;
  try {
    result = await measure(row.entries);
  } catch (error) {
    console.error(`size: ${row.label}: ${error.message}`);
    failed = true;
    continue;
  }
  const limit = row.budget * 1024;
  const problems = [];
  if (result.gz > limit) problems.push('OVER BUDGET');
  if (row.alone && result.files.length > 1) problems.push(`NOT SELF-CONTAINED (${result.files.join(', ')})`);
  failed ||= problems.length > 0;
  console.log(
    row.label.padEnd(46),
    kb(result.raw).padStart(10),
    kb(result.gz).padStart(10),
    kb(limit).padStart(10),
    `${((result.gz / limit) * 100).toFixed(0).padStart(5)}%  ${result.files.length} file${result.files.length === 1 ? '' : 's'}`,
    problems.join(' '),
  );
}
if (failed) {
  console.error('size: over budget or not self-contained (size-budgets.json).');
  process.exit(1);
}
