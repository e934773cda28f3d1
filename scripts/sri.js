// `npm run sri`: the Subresource Integrity value (sha384) of the built script-tag files, with the
// snippet to paste. Build first (`npm run build:client`). The value changes with every build of a
// different source, so pin it together with the versioned URL.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

for (const file of ['isometric-widgets.js', 'autoloader.js']) {
  let body;
  try {
    body = readFileSync(join(root, 'dist', file));
  } catch {
    console.error(`sri: dist/${file} is missing; run \`npm run build:client\` first.`);
    process.exit(1);
  }
  const integrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
  console.log(`dist/${file}  ${integrity}`);
  console.log(`  <script type="module" src="https://cdn.jsdelivr.net/npm/${name}@${version}/dist/${file}"`);
  console.log(`          integrity="${integrity}" crossorigin="anonymous"></script>`);
}
console.log('\nThe integrity covers that one file. The autoloader imports element modules at run time, which it');
console.log('cannot cover; pin the full bundle (isometric-widgets.js) when every byte must be checked.');
