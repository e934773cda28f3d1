// The theming contract: TOKENS (src/themes/token-docs.ts) plus each element's documented
// `--iso-<element>-*` custom properties (custom-elements.json). Element styles may read only what the
// contract defines, every token is used by some element, and every documented property is read.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { TOKENS, TOKEN_GROUPS } from '../../src/themes/token-docs.js';
import { privateVariable } from '../../src/themes/tokens.js';
import { tokensJson, TOKENS_JSON } from '../../scripts/generate-tokens.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const THEMES_FILE = 'src/themes/tokens.ts';

/** A source file by its path relative to the repository root. */
type Sources = ReadonlyMap<string, string>;

interface ManifestElement {
  tagName: string;
  /** The element's folder under src/elements, from its module path. */
  folder: string;
  cssProperties: string[];
}

interface Contract {
  /** `--iso-*` names of the global tokens. */
  tokens: readonly string[];
  elements: readonly ManifestElement[];
}

interface Use {
  name: string;
  file: string;
  line: number;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

function matches(sources: Sources, files: Iterable<string>, pattern: RegExp): Use[] {
  const uses: Use[] = [];
  for (const file of files) {
    const text = sources.get(file) ?? '';
    for (const match of text.matchAll(pattern)) uses.push({ name: match[1]!, file, line: lineOf(text, match.index) });
  }
  return uses;
}

/** Custom properties read with `var(--x…)`. */
const READ = /var\(\s*(--[\w-]+)/g;
/** Custom properties declared in CSS (`--x: …`), as `styleProps({ '--x': … })` keys, or with `style.setProperty('--x', …)`. */
const DEFINE = [/(?<![\w(-])(--[\w-]+)\s*:/g, /['"](--[\w-]+)['"]\s*:/g, /setProperty\(\s*['"](--[\w-]+)['"]/g];
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The element's own files plus everything under src/elements and src/themes they import, transitively. */
function scopeOf(sources: Sources, folder: string): Set<string> {
  const start = [...sources.keys()].filter((file) => file.startsWith(`src/elements/${folder}/`));
  const scope = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (scope.has(file) || !sources.has(file)) continue;
    scope.add(file);
    for (const match of sources.get(file)!.matchAll(IMPORT)) {
      const target = relative(root, resolve(root, dirname(file), (match[1] ?? match[2])!)).replace(/\.js$/, '.ts');
      if (target.startsWith('src/elements/') || target.startsWith('src/themes/')) queue.push(target);
    }
  }
  return scope;
}

function where(use: Use): string {
  return `${use.file}:${use.line}`;
}

/**
 * Every way the sources break the contract, as readable lines; empty when they keep it.
 * `sources` holds the files under src/elements and src/themes/tokens.ts.
 */
function contractProblems(sources: Sources, contract: Contract): string[] {
  const problems: string[] = [];
  const tokens = new Set(contract.tokens);
  const derived = new Set<string>(contract.tokens.map(privateVariable));
  const folders = new Set([...sources.keys()].filter((file) => file.startsWith('src/elements/') && !file.startsWith('src/elements/shared/')).map((file) => file.split('/')[2]!));

  for (const folder of [...folders].sort()) {
    const element = contract.elements.find((candidate) => candidate.folder === folder);
    const label = element ? `<${element.tagName}>` : `src/elements/${folder}`;
    const documented = new Set(element?.cssProperties ?? []);
    const scope = scopeOf(sources, folder);
    const own = [...scope].filter((file) => file.startsWith(`src/elements/${folder}/`));
    const defined = new Set(DEFINE.flatMap((pattern) => matches(sources, scope, pattern)).map((use) => use.name));
    const reads = matches(sources, scope, READ);

    for (const use of reads) {
      if (use.name.startsWith('--_')) {
        if (!derived.has(use.name) && !defined.has(use.name)) {
          problems.push(`${label}: ${where(use)} reads ${use.name}, which neither TOKENS derives nor the element's styles define`);
        }
      } else if (use.name.startsWith('--iso-')) {
        if (tokens.has(use.name)) {
          if (use.file !== THEMES_FILE) problems.push(`${label}: ${where(use)} reads the global token ${use.name} directly; read it through ${privateVariable(use.name)}`);
        } else if (!documented.has(use.name)) {
          problems.push(`${label}: ${where(use)} reads ${use.name}, which is neither in TOKENS nor a @cssproperty of the element in custom-elements.json`);
        }
      }
    }

    for (const name of documented) {
      if (!name.startsWith(`--iso-${folder}-`)) problems.push(`${label}: @cssproperty ${name} must be named --iso-${folder}-…`);
      if (!matches(sources, own, READ).some((use) => use.name === name)) {
        problems.push(`${label}: documents @cssproperty ${name}, but its styles never read it`);
      }
    }

    const readNames = new Set(reads.map((use) => use.name));
    for (const definition of DEFINE.flatMap((pattern) => matches(sources, own, pattern))) {
      if (definition.name.startsWith('--_') && !derived.has(definition.name) && !readNames.has(definition.name)) {
        problems.push(`${label}: ${where(definition)} defines ${definition.name}, which nothing reads`);
      }
    }
  }

  for (const element of contract.elements) {
    if (!folders.has(element.folder)) problems.push(`<${element.tagName}> is in custom-elements.json but src/elements/${element.folder} has no sources`);
  }

  // themeStyles declares every derived variable by construction; a token is used when some element's
  // styles, the shared styles or themeStyles' own rules read its derived variable.
  const allReads = new Set(matches(sources, sources.keys(), READ).map((use) => use.name));
  for (const token of contract.tokens) {
    if (!allReads.has(privateVariable(token))) problems.push(`TOKENS lists ${token}, but no element reads ${privateVariable(token)}`);
  }
  return problems;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

async function loadSources(): Promise<Map<string, string>> {
  const files = [...(await filesUnder('src/elements')), THEMES_FILE];
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(join(root, file), 'utf8')] as const)));
}

async function loadContract(): Promise<Contract> {
  const manifest = JSON.parse(await readFile(join(root, 'custom-elements.json'), 'utf8')) as {
    modules: { path: string; declarations?: { customElement?: boolean; tagName?: string; cssProperties?: { name: string }[] }[] }[];
  };
  const elements = manifest.modules.flatMap((module) =>
    (module.declarations ?? [])
      .filter((declaration) => declaration.customElement && declaration.tagName)
      .map((declaration) => ({
        tagName: declaration.tagName!,
        folder: module.path.split('/')[2]!,
        // The element's own properties: the manifest also lists the global tokens for each element.
        cssProperties: (declaration.cssProperties ?? []).map((property) => property.name).filter((name) => !TOKENS.some((token) => token.name === name)),
      })),
  );
  return { tokens: TOKENS.map((token) => token.name), elements };
}

describe('theme contract', () => {
  test('the elements read only contract variables, use every token, and read every documented custom property', async () => {
    const problems = contractProblems(await loadSources(), await loadContract());
    assert.deepEqual(problems, []);
  });

  test('TOKENS is a well-formed table', () => {
    const names = TOKENS.map((token) => token.name);
    assert.equal(new Set(names).size, names.length, 'token names are unique');
    const prefixes: Record<string, RegExp> = {
      color: /^--iso-color-[a-z]+(-[a-z]+)*$/,
      typography: /^--iso-font-[a-z]+(-[a-z]+)*$/,
      radius: /^--iso-radius(-[a-z]+)*$/,
      spacing: /^--iso-space(-[a-z]+)*$/,
      elevation: /^--iso-shadow(-[a-z]+)*$/,
    };
    for (const group of TOKEN_GROUPS) assert.ok(TOKENS.some((token) => token.group === group), `some token is in group ${group}`);
    for (const token of TOKENS) {
      assert.match(token.name, prefixes[token.group]!, `${token.name} is named for its group ${token.group}`);
      assert.ok(token.light.trim() && token.dark.trim() && token.description.trim(), `${token.name} has light and dark values and a description`);
      // The embed builder edits colours with <input type="color">, which takes only #rrggbb.
      if (token.group === 'color') assert.match(`${token.light} ${token.dark}`, /^#[0-9a-f]{6} #[0-9a-f]{6}$/, `${token.name} has #rrggbb values`);
    }
  });

  test('custom-elements.json lists every global token for every element, after its own custom properties', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'custom-elements.json'), 'utf8')) as {
      modules: { declarations?: { customElement?: boolean; tagName?: string; cssProperties?: { name: string; description?: string; default?: string }[] }[] }[];
    };
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement);
    assert.ok(elements.length >= 5);
    for (const element of elements) {
      const listed = element.cssProperties ?? [];
      const globals = listed.slice(listed.length - TOKENS.length);
      assert.deepEqual(globals.map((property) => property.name), TOKENS.map((token) => token.name), `<${element.tagName}> lists the global tokens last`);
      for (const [index, token] of TOKENS.entries()) {
        assert.ok(globals[index]!.description?.includes(token.description), `<${element.tagName}> describes ${token.name}`);
        assert.ok(globals[index]!.default?.startsWith(token.light), `<${element.tagName}> gives ${token.name}'s default`);
      }
    }
  });

  test('demo/tokens.json is generated from TOKENS and current', async () => {
    assert.equal(await readFile(TOKENS_JSON, 'utf8'), tokensJson(), 'stale: run `node --import tsx scripts/generate-tokens.ts`');
  });

  test('the theming documentation lists every token', async () => {
    // The token table lives in docs/theming.md; a missing file fails here rather than passing empty.
    const docs = await readFile(join(root, 'docs/theming.md'), 'utf8');
    const missing = TOKENS.map((token) => token.name).filter((name) => !docs.includes(`\`${name}\``));
    assert.deepEqual(missing, [], 'tokens missing from docs/theming.md');
  });

  describe('the checker itself', () => {
    const contract: Contract = {
      tokens: ['--iso-color-accent', '--iso-radius'],
      elements: [{ tagName: 'iso-demo', folder: 'demo', cssProperties: ['--iso-demo-gap', '--iso-demo-unused'] }],
    };
    const good = new Map([
      [THEMES_FILE, 'a { color: var(--_color-accent); }'],
      ['src/elements/demo/demo.ts', "import { styles } from './demo.styles.js';\nhtml`<i ${styleProps({ '--_fill': '4%' })}></i>`"],
      ['src/elements/demo/demo.styles.ts', 'css`:host { --_gap: var(--iso-demo-gap, 1rem); --_unused: var(--iso-demo-unused); } .x { gap: var(--_gap); border-radius: var(--_radius); inline-size: var(--_fill); margin: var(--_unused); }`'],
    ]);

    test('accepts sources that keep the contract', () => {
      assert.deepEqual(contractProblems(good, contract), []);
    });

    test('finds undefined private variables, unknown and direct token reads, unread properties and unused tokens', () => {
      const bad = new Map(good);
      bad.set(
        'src/elements/demo/demo.styles.ts',
        'css`:host {\n --_gap: var(--iso-demo-gap, 1rem);\n --_dead: 1px; }\n .x { gap: var(--_gap); color: var(--_colour-accent); margin: var(--iso-demo-margin); outline-color: var(--iso-color-accent); }`',
      );
      bad.set(THEMES_FILE, '');
      const problems = contractProblems(bad, contract).join('\n');
      assert.match(problems, /demo\.styles\.ts:4 reads --_colour-accent, which neither TOKENS derives/);
      assert.match(problems, /reads --iso-demo-margin, which is neither in TOKENS nor a @cssproperty/);
      assert.match(problems, /reads the global token --iso-color-accent directly; read it through --_color-accent/);
      assert.match(problems, /documents @cssproperty --iso-demo-unused, but its styles never read it/);
      assert.match(problems, /demo\.styles\.ts:3 defines --_dead, which nothing reads/);
      assert.match(problems, /TOKENS lists --iso-radius, but no element reads --_radius/);
    });

    test('counts a shared file only for the elements that import it', () => {
      const sources = new Map(good);
      sources.set('src/elements/shared/bar.styles.ts', 'css`.bar { fill: var(--_bar-color); }`');
      assert.deepEqual(contractProblems(sources, contract), []);
      sources.set('src/elements/demo/demo.ts', `import { barStyles } from '../shared/bar.styles.js';\n${good.get('src/elements/demo/demo.ts')}`);
      assert.match(contractProblems(sources, contract).join('\n'), /bar\.styles\.ts:1 reads --_bar-color/);
    });
  });
});
