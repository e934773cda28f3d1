// Build-only Vite plugins for the browser bundles (vite.config.ts): minified Lit template literals,
// translations imported statically into the one-file bundle, and a clean slate for the browser files
// in dist/ (dist/server and dist/worker belong to other builds).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { transform as transformCss } from 'lightningcss';
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

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
 * Removes the previous browser build from `dist/` (top-level `.js`/`.js.map`, `chunks/`, `v*`
 * copies) before writing, so stale hashed chunks never ship; `dist/server` and `dist/worker` stay.
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
        if (/\.js(?:\.map)?$/.test(name) || name === 'chunks' || /^v\d/.test(name)) {
          rmSync(join(dist, name), { recursive: true, force: true });
        }
      }
    },
  };
}

/**
 * For the one-file bundle: turns a catalog's `import('./x.de.js')` into a static import of the same
 * module. With `codeSplitting: false` Rolldown would inline the module anyway, but wrapped for lazy
 * evaluation, which costs more bytes than the strings it defers.
 */
export function staticTranslations(): Plugin {
  return {
    name: 'isometric:static-translations',
    apply: 'build',
    transform: {
      filter: { id: /[\\/]src[\\/].*\.ts$/, code: /\bimport\(['"]\.\/[\w.-]+\.(?:de|fr)\.js['"]\)/ },
      handler(code, id) {
        const output = new MagicString(code);
        const names: string[] = [];
        for (const match of code.matchAll(/\bimport\((['"])(\.\/[\w.-]+\.(?:de|fr)\.js)\1\)/g)) {
          const name = `__translation${names.length}`;
          output.prepend(`import ${name} from ${JSON.stringify(match[2])};\n`);
          output.overwrite(match.index, match.index + match[0].length, `Promise.resolve({ default: ${name} })`);
          names.push(name);
        }
        return { code: output.toString(), map: output.generateMap({ source: id, hires: 'boundary', includeContent: true }) };
      },
    },
  };
}
