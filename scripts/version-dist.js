// Copies the browser files of dist/ (modules, chunks, the bundle's i18n/ strings) into
// dist/v<version>/, a path whose contents never change, so a CDN or a static host can serve it with
// `Cache-Control: public, max-age=31536000, immutable`.
// dist/*.js stays the evergreen copy (short cache). Run after both Vite builds (`npm run build:client`).
// Also writes dist/v<version>/integrity.json: the sha384 SRI value of every file in the copy.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const target = join(dist, `v${version}`);

/** Browser files: top-level modules and chunks. `react.js` imports bare specifiers and is for bundlers only. */
const isBrowserFile = (name) => /\.js(?:\.map)?$/.test(name) && !name.startsWith('react.js');

function sri(file) {
  return `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}

rmSync(target, { recursive: true, force: true });
const files = [];
for (const name of readdirSync(dist)) {
  if (isBrowserFile(name)) files.push(name);
}
for (const name of readdirSync(join(dist, 'chunks'))) files.push(`chunks/${name}`);
// The one-file bundle's translations (JSON, fetched next to it with their SRI hash).
for (const name of readdirSync(join(dist, 'i18n'))) files.push(`i18n/${name}`);
for (const file of files) cpSync(join(dist, file), join(target, file));

const integrity = Object.fromEntries(files.filter((f) => /\.(?:js|json)$/.test(f)).sort().map((f) => [f, sri(join(target, f))]));
writeFileSync(join(target, 'integrity.json'), `${JSON.stringify(integrity, null, 2)}\n`);
console.log(`version-dist: ${files.length} files → ${relative(root, target)}/`);
