// The npm package as it would be published: what `npm pack` includes, that every `exports` target
// exists and ships with what it imports, and that publint and arethetypeswrong find nothing wrong.
// Needs a build; when an export target is missing it runs `npm run build` first.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const ELEMENTS = ['checkout-button', 'impact-counter', 'project-card', 'retirement-certificate', 'retirement-feed'];

interface Manifest {
  name: string;
  main: string;
  module: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  sideEffects: string[];
  customElements: string;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

/** Every file an `exports` entry, `main`, `module`, `types`, `bin` or `customElements` points at. */
function targets(): string[] {
  const all = new Set<string>([pkg.main, pkg.module, pkg.types, pkg.customElements, ...Object.values(pkg.bin)]);
  for (const value of Object.values(pkg.exports)) {
    for (const target of typeof value === 'string' ? [value] : Object.values(value)) all.add(target);
  }
  return [...all].map((target) => normalize(target).replace(/^\.\//, ''));
}

/** Relative imports of a built module or declaration file (`from './x.js'`, `import('./x.js')`, `import './x.js'`). */
function relativeImports(code: string): string[] {
  return [...code.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((match) => match[1] as string);
}

let packed: Set<string>;

before(async () => {
  if (targets().some((target) => !existsSync(join(root, target)))) await run(npm, ['run', 'build'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const { stdout } = await run(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const [result] = JSON.parse(stdout) as { files: { path: string }[] }[];
  packed = new Set(result!.files.map((file) => file.path));
});

describe('the npm package', () => {
  test('every exports, main, types, bin and customElements target exists and is packed', () => {
    for (const target of targets()) {
      assert.ok(existsSync(join(root, target)), `${target} exists after a build`);
      assert.ok(packed.has(target), `${target} is in the package`);
    }
  });

  test('exports: the bundle, the autoloader, each element, React, Preact and Vue types, the proxy', () => {
    const keys = Object.keys(pkg.exports);
    for (const key of ['.', './isometric-widgets.js', './autoloader.js', './react', './preact', './vue', './proxy', './proxy/embed', './custom-elements.json', './package.json']) {
      assert.ok(keys.includes(key), `exports ${key}`);
    }
    for (const name of ELEMENTS) {
      const entry = pkg.exports[`./${name}.js`];
      assert.deepEqual(entry, { types: `./dist/types/elements/${name}/${name}.d.ts`, default: `./dist/${name}.js` }, `exports ./${name}.js`);
    }
    for (const [key, value] of Object.entries(pkg.exports)) {
      if (typeof value !== 'string' && !key.endsWith('.json')) assert.equal(Object.keys(value)[0], 'types', `${key}: "types" comes first`);
    }
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.equal(pkg.peerDependenciesMeta?.react?.optional, true, 'react is an optional peer');
  });

  test('ships the built code, types and manifests, and no sources, tests, demo, spec or deploy copies', () => {
    const files = [...packed];
    for (const required of ['package.json', 'README.md', 'custom-elements.json', 'vscode.html-custom-data.json', 'dist/isometric-widgets.js', 'dist/autoloader.js', 'dist/index.js']) {
      assert.ok(packed.has(required), `${required} is packed`);
    }
    // The local registry's command ships, and with it the compiled seed it needs.
    assert.ok(files.some((file) => file.startsWith('dist/server/src/local-registry/seed/')), 'the local registry seed ships');
    const forbidden = [
      /^src\//, // TypeScript sources: the compiled JS, the .d.ts files and the source maps' sourcesContent are enough
      /^test\//,
      /^demo\//,
      /^dist\/server\/demo\//, // the demo server is for this repository, not for users
      /^dist\/worker\//, // built per deployment from src/proxy/worker.ts
      /^dist\/v\d/, // the versioned copy is for uploading to a CDN, which npm CDNs make themselves
      /^dist\/server\/.*\.map$/, // maps to TypeScript files that are not shipped
      /^openapi\//, // the spec is compiled into the types; nothing reads it at run time
      /^scripts\//,
      /^\.cache\//,
      /^node_modules\//,
      /\.test\.[jt]s$/,
      /\.tgz$/,
    ];
    for (const file of files) {
      const rule = forbidden.find((pattern) => pattern.test(file));
      assert.equal(rule, undefined, `${file} should not be in the package (${rule})`);
    }
  });

  test('each packed browser module and declaration file finds what it imports in the package', () => {
    for (const file of packed) {
      if (!/^dist\/(?:[^/]+\.js|chunks\/.+\.js|types\/.+\.d\.ts|server\/src\/.+\.(?:js|d\.ts))$/.test(file)) continue;
      for (const specifier of relativeImports(readFileSync(join(root, file), 'utf8'))) {
        const resolved = normalize(join(dirname(file), specifier));
        const candidates = file.endsWith('.d.ts') ? [resolved.replace(/\.js$/, '.d.ts'), resolved] : [resolved];
        assert.ok(candidates.some((candidate) => packed.has(candidate)), `${file} imports ${specifier}, which is not packed`);
      }
    }
  });

  test('the script-tag bundle and the autoloader import nothing', () => {
    for (const file of ['dist/isometric-widgets.js', 'dist/autoloader.js']) {
      assert.deepEqual(relativeImports(readFileSync(join(root, file), 'utf8')).filter((s) => !s.includes('${')), [], `${file} is self-contained`);
      assert.doesNotMatch(readFileSync(join(root, file), 'utf8'), /\bfrom\s*["'][^."']/, `${file} has no bare imports`);
    }
  });

  test('sideEffects covers the modules that define elements, not the proxy', () => {
    assert.deepEqual(pkg.sideEffects, ['./dist/*.js', './dist/chunks/*.js']);
    assert.ok(!pkg.sideEffects.some((pattern) => pattern.includes('server')), 'the proxy and its types are side-effect free');
  });

  test('publint (strict) and arethetypeswrong (ESM only) report no problem', async () => {
    const publint = await run(process.execPath, [join(root, 'node_modules/publint/src/cli.js'), '--strict'], { cwd: root });
    assert.match(publint.stdout, /All good!/, publint.stdout);
    // attw exits non-zero on any problem in the resolutions it checks (node16 ESM and bundler).
    await run(process.execPath, [join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), '--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
  });
});
