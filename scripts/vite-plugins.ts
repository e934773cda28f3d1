// Build-only Vite plugins for the browser bundles (vite.config.ts): minified Lit template literals,
// translations as integrity-checked JSON files next to the one-file bundle, and a clean slate for
// the browser files in dist/ (dist/server and dist/worker belong to other builds).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform as transformCss } from 'lightningcss';
import MagicString from 'magic-string';
import { transformWithOxc, type Plugin } from 'vite';

interface TemplateElement {
  start: number;
  end: number;
  value: { raw: string; cooked: string | null };
}

interface TaggedTemplate {
  type: 'TaggedTemplateExpression';
  tag: { type: string; name?: string };
  quasi: { quasis: TemplateElement[]; expressions: unknown[] };
}

/** Escapes text for the inside of a template literal. */
function toRaw(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** A stylesheet without interpolations, minified by lightningcss; `undefined` if it does not parse. */
function minifyStylesheet(text: string): string | undefined {
  try {
    return transformCss({ filename: 'literal.css', code: Buffer.from(text), minify: true }).code.toString();
  } catch {
    return undefined;
  }
}

/**
 * Whitespace that contains a line break, reduced to one line break. Rendering is unchanged under
 * `white-space: normal`, `nowrap` and `pre-line` (the only modes the elements use); a CSS string
 * cannot span lines, so stylesheet parts with interpolations are safe too.
 */
function collapseLines(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, '\n');
}

function* taggedTemplates(node: unknown): Generator<TaggedTemplate> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* taggedTemplates(child);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.type === 'TaggedTemplateExpression') yield record as unknown as TaggedTemplate;
  for (const key in record) {
    if (key !== 'type' && key !== 'start' && key !== 'end') yield* taggedTemplates(record[key]);
  }
}

/**
 * Minifies Lit's `css` and `html`/`svg` tagged templates at build time: stylesheets without
 * interpolations go through lightningcss, the rest lose the indentation between lines. Rolldown's
 * minifier leaves template contents alone, so this is where the whitespace goes.
 */
export function minifyLitTemplates(): Plugin {
  return {
    name: 'isometric:minify-lit-templates',
    apply: 'build',
    enforce: 'post',
    transform: {
      filter: { id: /[\\/]src[\\/].*\.ts$/, code: /\b(?:css|html|svg)`/ },
      handler(code, id) {
        const program = this.parse(code);
        const output = new MagicString(code);
        let changed = false;
        for (const template of taggedTemplates(program)) {
          const tag = template.tag.type === 'Identifier' ? template.tag.name : undefined;
          if (tag !== 'css' && tag !== 'html' && tag !== 'svg') continue;
          const { quasis, expressions } = template.quasi;
          // Offsets must address the raw text exactly; anything else is left as it is.
          if (!quasis.every((quasi) => code.slice(quasi.start, quasi.end) === quasi.value.raw)) continue;
          const single = quasis.length === 1 ? quasis[0] : undefined;
          if (tag === 'css' && single && expressions.length === 0 && single.value.cooked !== null) {
            const minified = minifyStylesheet(single.value.cooked);
            if (minified !== undefined && minified !== single.value.cooked) {
              output.overwrite(single.start, single.end, toRaw(minified));
              changed = true;
              continue;
            }
          }
          for (const quasi of quasis) {
            // Raw text keeps escapes as written; collapsing whitespace in it cannot break one.
            const collapsed = collapseLines(quasi.value.raw);
            if (collapsed !== quasi.value.raw) {
              output.overwrite(quasi.start, quasi.end, collapsed);
              changed = true;
            }
          }
        }
        if (!changed) return null;
        return { code: output.toString(), map: output.generateMap({ source: id, hires: 'boundary', includeContent: true }) };
      },
    },
  };
}

/**
 * Removes the previous browser build from `dist/` (top-level `.js`/`.js.map`, `chunks/`, `i18n/`,
 * `v*` copies) before writing, so stale hashed chunks never ship; `dist/server` and `dist/worker` stay.
 */
export function cleanBrowserDist(dist: string): Plugin {
  return {
    name: 'isometric:clean-browser-dist',
    apply: 'build',
    buildStart() {
      let names: string[];
      try {
        names = readdirSync(dist);
      } catch {
        return;
      }
      for (const name of names) {
        if (/\.js(?:\.map)?$/.test(name) || name === 'chunks' || name === 'i18n' || /^v\d/.test(name)) {
          rmSync(join(dist, name), { recursive: true, force: true });
        }
      }
    },
  };
}

/**
 * For the one-file bundle: English stays inline, and every other language, like the country code
 * table, becomes a JSON file, `i18n/<name>-<hash>.json` next to the bundle, fetched the first time
 * an element needs it. A dynamic `import('./x.de.js')` (or `.fr.js`, `.ar.js`, or `…/countries.js`) turns into
 * `fetchTranslation(file, integrity)` (src/i18n/fetch-translation.ts) with the file's SHA-384, so a
 * page that pins the bundle with SRI pins these too. The module is compiled and evaluated here; its
 * default export must be an object of strings, and it may import nothing but types.
 */
/** A dynamic import of a data module: a translation (`./x.de.js`) or the country code table. */
const DATA_IMPORT = /\bimport\((['"])(\.{1,2}\/(?:[\w-]+\/)*([\w.-]+\.(?:de|fr|ar)|countries))\.js\1\)/g;

export function translationFiles(): Plugin {
  const loader = fileURLToPath(new URL('../src/i18n/fetch-translation.ts', import.meta.url));
  return {
    name: 'isometric:translation-files',
    apply: 'build',
    transform: {
      // Without the g flag: a filter is tested again and again, and a global regex keeps its lastIndex.
      filter: { id: /[\\/]src[\\/].*\.ts$/, code: new RegExp(DATA_IMPORT.source) },
      async handler(code, id) {
        const output = new MagicString(code);
        for (const match of code.matchAll(DATA_IMPORT)) {
          const source = join(dirname(id), `${match[2]}.ts`);
          this.addWatchFile(source);
          const compiled = await transformWithOxc(readFileSync(source, 'utf8'), source, { lang: 'ts' });
          const module = (await import(`data:text/javascript;base64,${Buffer.from(compiled.code).toString('base64')}`)) as { default?: unknown };
          const strings = module.default;
          if (typeof strings !== 'object' || strings === null || !Object.values(strings).every((value) => typeof value === 'string')) {
            this.error(`${source}: the default export must be an object of strings.`);
          }
          const json = JSON.stringify(strings);
          const digest = (algorithm: string, encoding: 'hex' | 'base64') => createHash(algorithm).update(json).digest(encoding);
          const fileName = `i18n/${match[3]}-${digest('sha256', 'hex').slice(0, 8)}.json`;
          this.emitFile({ type: 'asset', fileName, source: json });
          const call = `fetchTranslation(${JSON.stringify(fileName)}, ${JSON.stringify(`sha384-${digest('sha384', 'base64')}`)})`;
          output.overwrite(match.index, match.index + match[0].length, call);
        }
        if (!output.hasChanged()) return null;
        output.prepend(`import { fetchTranslation } from ${JSON.stringify(loader)};\n`);
        return { code: output.toString(), map: output.generateMap({ source: id, hires: 'boundary', includeContent: true }) };
      },
    },
  };
}
