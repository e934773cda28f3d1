import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  members?: { kind: string; name: string; privacy?: string; static?: boolean; description?: string }[];
  attributes?: { name: string; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string }[];
  events?: { name: string; description?: string }[];
  slots?: { name: string; description?: string }[];
}

async function generate(): Promise<{ modules: { path: string; declarations?: Declaration[] }[] }> {
  // The analyzer resolves --outdir against the working directory, so use a git-ignored folder in the repo.
  await mkdir(new URL('.cache/', root), { recursive: true });
  const outdir = relative(fileURLToPath(root), await mkdtemp(join(fileURLToPath(root), '.cache', 'manifest-')));
  await run(process.execPath, [
    'node_modules/@custom-elements-manifest/analyzer/cem.js',
    'analyze',
    '--config',
    'custom-elements-manifest.config.js',
    '--outdir',
    outdir,
  ], { cwd: root });
  return JSON.parse(await readFile(join(fileURLToPath(root), outdir, 'custom-elements.json'), 'utf8'));
}

test('custom-elements.json is current and documents every element fully', async () => {
  const fresh = await generate();
  const committed = JSON.parse(await readFile(new URL('custom-elements.json', root), 'utf8'));
  assert.deepEqual(committed, fresh, 'stale: run `npm run manifest` and commit custom-elements.json');

  const elements = fresh.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
  const folders = (await readdir(new URL('src/elements/', root), { withFileTypes: true }))
    .filter((d) => d.isDirectory() && d.name !== 'shared')
    .map((d) => `iso-${d.name}`)
    .sort();
  assert.deepEqual(elements.map((e) => e.tagName).sort(), folders, 'every element folder has a documented element');

  for (const element of elements) {
    const where = `<${element.tagName}>`;
    assert.ok(element.summary, `${where} has a @summary`);
    assert.ok((element.cssParts ?? []).some((p) => p.name === 'base'), `${where} documents part "base"`);
    assert.ok((element.cssProperties ?? []).length > 0, `${where} documents custom properties`);
    for (const list of [element.attributes, element.cssParts, element.cssProperties, element.events, element.slots]) {
      for (const entry of list ?? []) assert.ok(entry.description?.trim(), `${where} describes ${entry.name}`);
    }
    for (const member of element.members ?? []) {
      if (member.kind === 'field' && member.privacy === undefined && !member.static) {
        assert.ok(member.description?.trim(), `${where} describes its public property ${member.name}`);
      }
    }
    for (const attribute of ['endpoint', 'locale', 'theme']) {
      assert.ok((element.attributes ?? []).some((a) => a.name === attribute), `${where} has the shared attribute ${attribute}`);
    }
  }
});
