// The layout's boundaries are enforced by the tools, and these tests show that they bite: a wrong
// import fails lint in every folder that forbids it, a Node API in edge code fails the edge type
// check, and a DOM API in server code fails the server type check. Probes are linted and compiled
// in memory under the real configurations; nothing is written to src/.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('lint boundaries (eslint.config.js)', () => {
  const eslint = new ESLint({ cwd: root });

  /** The no-restricted-imports messages for `code` linted as if it were the file at `filePath`. */
  async function refusals(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
    return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
  }

  const wrong: [file: string, specifier: string, because: RegExp][] = [
    ['src/elements/project-card/probe.ts', '../../proxy/handler.js', /Browser code may not import server code/],
    ['src/elements/shared/probe.ts', '../../server/node.js', /Browser code may not import server code/],
    ['src/elements/project-card/probe.ts', 'node:crypto', /Node APIs are server-side/],
    ['src/data/probe.ts', '../local-registry/registry.js', /Browser code may not import server code/],
    ['src/data/probe.ts', '../elements/shared/iso-element.js', /data layer may not import elements/],
    ['src/i18n/probe.ts', '../proxy/errors.js', /Browser code may not import server code/],
    ['src/probe.ts', './proxy/index.js', /Browser code may not import server code/],
    ['src/shared/probe.ts', '../data/client.js', /src\/shared imports nothing outside itself/],
    ['src/shared/probe.ts', '../proxy/operations.js', /src\/shared imports nothing outside itself/],
    ['src/shared/probe.ts', 'lit', /Lit is for elements/],
    ['src/shared/probe.ts', 'node:fs', /Node APIs are server-side/],
    ['src/server/probe.ts', '../proxy/handler.js', /src\/server is below the proxy/],
    ['src/server/probe.ts', '../data/format.js', /Server code may not import browser code/],
    ['src/proxy/probe.ts', '../elements/project-card/project-card.js', /Server code may not import browser code/],
    ['src/proxy/stages/probe.ts', '../../data/client.js', /Server code may not import browser code/],
    ['src/proxy/probe.ts', '../local-registry/registry.js', /proxy may not import the local registry/],
    ['src/proxy/probe.ts', 'lit', /Lit is for elements/],
    ['src/local-registry/probe.ts', '../proxy/node.js', /local registry may not import the proxy/],
    ['src/local-registry/seed/probe.ts', '../../i18n/common.js', /Server code may not import browser code/],
  ];
  for (const [file, specifier, because] of wrong) {
    test(`${file} may not import ${specifier}`, async () => {
      const found = await refusals(file, `import * as probe from '${specifier}';\nexport const used = probe;\n`);
      assert.equal(found.length, 1, `expected one refusal, got ${JSON.stringify(found)}`);
      assert.match(found[0] ?? '', because);
    });
  }

  const right: [file: string, specifier: string][] = [
    ['src/elements/project-card/probe.ts', '../../data/queries.js'],
    ['src/elements/project-card/probe.ts', '../shared/iso-element.js'],
    ['src/elements/checkout-button/probe.ts', '../../shared/checkout.js'],
    ['src/data/probe.ts', '../shared/ids.js'],
    ['src/proxy/stages/probe.ts', '../../server/json.js'],
    ['src/proxy/probe.ts', '../shared/checkout.js'],
    ['src/proxy/probe.ts', '../generated/registry-schema.js'],
    ['src/local-registry/probe.ts', '../server/node.js'],
    ['src/server/probe.ts', 'node:http'],
    ['src/shared/probe.ts', './ids.js'],
  ];
  for (const [file, specifier] of right) {
    test(`${file} may import ${specifier}`, async () => {
      assert.deepEqual(await refusals(file, `import * as probe from '${specifier}';\nexport const used = probe;\n`), []);
    });
  }
});

describe('per-area type checks (tsconfig.edge.json, tsconfig.server.json, tsconfig.json)', () => {
  /** Diagnostics of one in-memory probe compiled with the options of `config`. */
  function diagnose(config: string, probe: string): string[] {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(root, config), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => assert.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    });
    assert.ok(parsed, config);
    const file = join(root, 'src/proxy/__boundary_probe__.ts');
    const host = ts.createCompilerHost(parsed.options);
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    host.readFile = (name) => (name === file ? probe : read(name));
    host.fileExists = (name) => name === file || exists(name);
    const program = ts.createProgram({ rootNames: [file], options: { ...parsed.options, noEmit: true }, host });
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
  }

  const WEB = `export async function probe(request: Request): Promise<Response> {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(new URL(request.url).pathname));
    return new Response(String(digest.byteLength), { headers: new Headers({ 'x-probe': '1' }) });
  }\n`;

  test('edge: Web-platform code type-checks', () => {
    assert.deepEqual(diagnose('tsconfig.edge.json', WEB), []);
  });

  test('edge: a Node module is a type error', () => {
    const errors = diagnose('tsconfig.edge.json', `import { createHash } from 'node:crypto';\nexport const hash = createHash('sha256');\n`);
    assert.ok(errors.some((error) => /Cannot find module 'node:crypto'/.test(error)), errors.join('\n'));
  });

  test('edge: Node globals (process, Buffer) are type errors', () => {
    const errors = diagnose('tsconfig.edge.json', `export const secret = process.env['X'];\nexport const bytes = Buffer.from('x');\n`);
    assert.ok(errors.some((error) => /Cannot find name 'process'/.test(error)), errors.join('\n'));
    assert.ok(errors.some((error) => /Cannot find name 'Buffer'/.test(error)), errors.join('\n'));
  });

  test('edge: DOM globals are type errors', () => {
    const errors = diagnose('tsconfig.edge.json', `export const title = document.title;\n`);
    assert.ok(errors.some((error) => /Cannot find name 'document'/.test(error)), errors.join('\n'));
  });

  test('server: Web-platform and Node code type-check', () => {
    assert.deepEqual(diagnose('tsconfig.server.json', `${WEB}import { createServer } from 'node:http';\nexport const server = createServer;\n`), []);
  });

  test('server: DOM globals are type errors', () => {
    const errors = diagnose('tsconfig.server.json', `export const title = document.title;\nexport const element: HTMLElement | undefined = undefined;\n`);
    assert.ok(errors.some((error) => /Cannot find name 'document'/.test(error)), errors.join('\n'));
    assert.ok(errors.some((error) => /Cannot find name 'HTMLElement'/.test(error)), errors.join('\n'));
  });

  test('edge: the check covers src/shared, src/server but its Node adapter, and the proxy but its CLI and Node entry points', async () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.edge.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => assert.fail('tsconfig.edge.json') });
    assert.ok(parsed);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const checked = new Set(program.getSourceFiles().map((file) => file.fileName));
    const { readdir } = await import('node:fs/promises');
    const expected: string[] = [];
    const nodeOnly = ['src/server/node.ts', 'src/proxy/node.ts', 'src/proxy/cli.ts', 'src/proxy/index.ts'].map((file) => join(root, file));
    for (const folder of ['src/shared', 'src/server', 'src/proxy', 'src/proxy/stages']) {
      for (const name of await readdir(join(root, folder))) {
        const file = join(root, folder, name);
        if (name.endsWith('.ts') && !nodeOnly.includes(file)) expected.push(file);
      }
    }
    assert.ok(expected.length >= 30, `only ${expected.length} modules found`);
    for (const file of expected) assert.ok(checked.has(file), `${file} is not covered by tsconfig.edge.json`);
    for (const file of nodeOnly) assert.ok(!checked.has(file), `${file} is Node-only and must stay out of what the edge reaches`);
  });

  test('browser: Node globals are type errors', () => {
    const errors = diagnose('tsconfig.json', `export const secret = process.env['X'];\n`);
    assert.ok(errors.some((error) => /Cannot find name 'process'/.test(error)), errors.join('\n'));
  });
});
