// Localisation: every catalog is complete in every shipped language, and no element template shows
// text that bypasses the catalogs (LocaleController + defineMessages).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import ts from 'typescript';
import * as problems from '../../src/data/problems.js';
import { PROBLEM_CODES, type AttributeProblem } from '../../src/data/problems.js';
import { common } from '../../src/i18n/common.js';
import { LANGUAGES, type Catalog, type Messages } from '../../src/i18n/localize.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Attributes whose value people read or hear; a literal one must come from a catalog. */
const VISIBLE_ATTRIBUTES = new Set([
  'alt',
  'aria-description',
  'aria-label',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'label',
  'placeholder',
  'title',
]);

const LETTER = /\p{L}/u;
const ENTITY = /&(?:[a-z][a-z0-9]*|#\d+|#x[\da-f]+);/gi;

interface Finding {
  file: string;
  line: number;
  text: string;
  where: string;
}

function hasLetters(text: string): boolean {
  return LETTER.test(text.replace(ENTITY, ''));
}

/** The string literals an expression may evaluate to directly: `'a'`, `x ? 'a' : 'b'`, `x ?? 'a'`. */
function literalOutcomes(expression: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) {
    return literalOutcomes(expression.expression);
  }
  if (ts.isConditionalExpression(expression)) return [...literalOutcomes(expression.whenTrue), ...literalOutcomes(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      return [...literalOutcomes(expression.left), ...literalOutcomes(expression.right)];
    }
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return literalOutcomes(expression.right);
    return [];
  }
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression) || ts.isTemplateExpression(expression)) return [expression];
  return [];
}

function literalText(node: ts.Expression): string {
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return (node as ts.StringLiteral).text;
}

type State =
  | { kind: 'text' }
  | { kind: 'comment' }
  | { kind: 'raw'; tag: string }
  | { kind: 'tag-name'; name: string; closing: boolean }
  | { kind: 'tag' ; tag: string }
  | { kind: 'attr-name'; tag: string; name: string }
  | { kind: 'after-attr-name'; tag: string; name: string }
  | { kind: 'before-value'; tag: string; name: string }
  | { kind: 'value'; tag: string; name: string; quote: '"' | "'" | '' };

/**
 * Scans the `html` and `svg` templates of a TypeScript source for text that people see but that no
 * catalog supplies: text nodes with letters outside `${…}`, literal values with letters of visible
 * attributes (`aria-label`, `title`, `alt`, `placeholder`, …), and string literals with letters bound
 * in those places (`${'Close'}`, `${x ?? 'Unknown'}`). Nested templates are scanned on their own.
 */
function scanTemplates(file: string, source: string): Finding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const lineAt = (position: number) => sourceFile.getLineAndCharacterOfPosition(position).line + 1;

  function report(text: string, where: string, position: number): void {
    const leading = text.length - text.trimStart().length;
    findings.push({ file, line: lineAt(position + leading), text: text.trim().replace(/\s+/g, ' '), where });
  }

  function checkExpression(expression: ts.Expression, where: string): void {
    for (const outcome of literalOutcomes(expression)) {
      const text = literalText(outcome);
      if (hasLetters(text)) report(text, `${where} (string literal)`, outcome.getStart());
    }
  }

  function scanTemplate(template: ts.TemplateLiteral): void {
    const parts: { text: string; start: number }[] = ts.isNoSubstitutionTemplateLiteral(template)
      ? [{ text: template.rawText ?? template.text, start: template.getStart() + 1 }]
      : [
          { text: template.head.rawText ?? template.head.text, start: template.head.getStart() + 1 },
          ...template.templateSpans.map((span) => ({ text: span.literal.rawText ?? span.literal.text, start: span.literal.getStart() + 1 })),
        ];
    const expressions = ts.isNoSubstitutionTemplateLiteral(template) ? [] : template.templateSpans.map((span) => span.expression);

    let state: State = { kind: 'text' };
    let buffer = '';
    let bufferStart = 0;

    const flushText = () => {
      if (hasLetters(buffer)) report(buffer, 'text', bufferStart);
      buffer = '';
    };
    const flushValue = (tag: string, name: string) => {
      if (VISIBLE_ATTRIBUTES.has(name.toLowerCase()) && hasLetters(buffer)) report(buffer, `<${tag} ${name}="…">`, bufferStart);
      buffer = '';
    };

    parts.forEach(({ text, start }, index) => {
      for (let i = 0; i < text.length; i += 1) {
        const c = text[i]!;
        const position = start + i;
        switch (state.kind) {
          case 'text':
            if (c === '<' && text.startsWith('!--', i + 1)) {
              flushText();
              state = { kind: 'comment' };
              i += 3;
            } else if (c === '<' && /[a-z/]/i.test(text[i + 1] ?? '')) {
              flushText();
              const closing = text[i + 1] === '/';
              if (closing) i += 1;
              state = { kind: 'tag-name', name: '', closing };
            } else {
              if (buffer === '') bufferStart = position;
              buffer += c;
            }
            break;
          case 'comment':
            if (text.startsWith('-->', i)) {
              state = { kind: 'text' };
              i += 2;
            }
            break;
          case 'raw':
            if (text.slice(i, i + state.tag.length + 2).toLowerCase() === `</${state.tag}`) {
              state = { kind: 'tag-name', name: '', closing: true };
              i += 1;
            }
            break;
          case 'tag-name':
            if (/[\w:-]/.test(c)) state.name += c;
            else if (c === '>') state = !state.closing && /^(style|script)$/i.test(state.name) ? { kind: 'raw', tag: state.name.toLowerCase() } : { kind: 'text' };
            else state = { kind: 'tag', tag: state.name };
            break;
          case 'tag':
          case 'after-attr-name':
            if (c === '>') state = /^(style|script)$/i.test(state.tag) ? { kind: 'raw', tag: state.tag.toLowerCase() } : { kind: 'text' };
            else if (c === '=' && state.kind === 'after-attr-name') state = { kind: 'before-value', tag: state.tag, name: state.name };
            else if (/\s|\//.test(c)) {
              /* between attributes */
            } else state = { kind: 'attr-name', tag: state.tag, name: c };
            break;
          case 'attr-name':
            if (c === '=') state = { kind: 'before-value', tag: state.tag, name: state.name };
            else if (c === '>') state = { kind: 'text' };
            else if (/\s/.test(c)) state = { kind: 'after-attr-name', tag: state.tag, name: state.name };
            else state.name += c;
            break;
          case 'before-value':
            if (/\s/.test(c)) break;
            buffer = '';
            bufferStart = position;
            if (c === '"' || c === "'") state = { kind: 'value', tag: state.tag, name: state.name, quote: c };
            else {
              state = { kind: 'value', tag: state.tag, name: state.name, quote: '' };
              i -= 1;
            }
            break;
          case 'value':
            if (state.quote ? c === state.quote : /[\s>]/.test(c)) {
              flushValue(state.tag, state.name);
              const tag = state.tag;
              if (c === '>') state = /^(style|script)$/i.test(tag) ? { kind: 'raw', tag: tag.toLowerCase() } : { kind: 'text' };
              else state = { kind: 'tag', tag };
            } else {
              if (buffer === '') bufferStart = position;
              buffer += c;
            }
            break;
        }
      }

      const expression = expressions[index];
      if (!expression) return;
      // An expression ends a text run, or stands for (part of) an attribute value.
      if (state.kind === 'text') {
        flushText();
        checkExpression(expression, 'text');
      } else if (state.kind === 'before-value' || state.kind === 'value') {
        if (VISIBLE_ATTRIBUTES.has(state.name.toLowerCase())) checkExpression(expression, `<${state.tag} ${state.name}=\${…}>`);
        if (state.kind === 'before-value') {
          // An unquoted binding (`title=${x}`) is the whole value.
          state = { kind: 'tag', tag: state.tag };
        }
      }
    });
    if (state.kind === 'text') flushText();
  }

  function visit(node: ts.Node): void {
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = ts.isIdentifier(node.tag) ? node.tag.text : ts.isPropertyAccessExpression(node.tag) ? node.tag.name.text : '';
      if (tag === 'html' || tag === 'svg') scanTemplate(node.template);
      if (tag === 'css') {
        // Generated content (`content: 'Note'`) is visible text too.
        const text = node.template.getText();
        for (const match of text.matchAll(/content\s*:\s*(['"])(.*?)\1/g)) {
          if (hasLetters(match[2]!)) report(match[2]!, 'css content', node.template.getStart() + match.index);
        }
      }
    }
    ts.forEachChild(node, visit);
  }
  visit(sourceFile);
  return findings;
}

/** Splits a CSS value at top-level whitespace: `0 calc(1px / 2) 0` → three values. */
function cssValues(value: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of value.trim()) {
    if (c === '(') depth += 1;
    if (c === ')') depth -= 1;
    if (/\s/.test(c) && depth === 0) {
      if (current) values.push(current);
      current = '';
    } else current += c;
  }
  if (current) values.push(current);
  return values;
}

/** Why a declaration would not mirror in a right-to-left layout, or undefined when it does. */
function physicalProblem(property: string, value: string): string | undefined {
  const values = cssValues(value.replace(/!important/, ''));
  if (/^(margin|padding|border|inset|scroll-margin|scroll-padding)-(left|right)(-|$)/.test(property) || /^(left|right)$/.test(property)) {
    return 'use the logical property (inline-start / inline-end)';
  }
  if (/^(text-align|float|clear)$/.test(property) && /^(left|right)$/.test(values[0] ?? '')) return 'use start / end';
  if (/^(margin|padding|inset|scroll-margin|scroll-padding|border-width|border-style|border-color)$/.test(property) && values.length === 4 && values[1] !== values[3]) {
    return 'its right and left values differ: use the -inline-start / -inline-end longhands';
  }
  let outside = value;
  while (/\([^()]*\)/.test(outside)) outside = outside.replace(/\([^()]*\)/g, '');
  // `a / b` gives elliptical corners; compare only the simple form.
  if (property === 'border-radius' && !outside.includes('/')) {
    const [a, b, c] = values;
    const mirrored = values.length === 4 ? a === b && c === values[3] : values.length === 3 ? a === b && b === c : values.length === 2 ? a === b : true;
    if (!mirrored) return 'its corners differ between left and right: use border-start-start-radius and friends';
  }
  return undefined;
}

/** Declarations in `css` templates that would not mirror in a right-to-left layout. */
function scanPhysicalStyles(file: string, source: string): Finding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  function visit(node: ts.Node): void {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'css') {
      const text = node.template.getText();
      for (const match of text.matchAll(/(?:^|[;{\s])([a-z-]+)\s*:\s*([^;{}]+);/g)) {
        const problem = physicalProblem(match[1]!, match[2]!);
        if (!problem) continue;
        const position = node.template.getStart() + match.index + match[0].indexOf(match[1]!);
        findings.push({ file, line: sourceFile.getLineAndCharacterOfPosition(position).line + 1, text: `${match[1]}: ${match[2]!.trim()}`, where: problem });
      }
    }
    ts.forEachChild(node, visit);
  }
  visit(sourceFile);
  return findings;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

/** Problems with one catalog: keys, empty strings and placeholders that differ between languages. */
async function catalogProblems(name: string, messages: Messages<Catalog>): Promise<string[]> {
  const problems: string[] = [];
  const english = Object.keys(messages.en).sort();
  for (const language of LANGUAGES) {
    let catalog: Catalog | undefined;
    try {
      catalog = language === 'en' ? messages.en : (await messages.load(language)).default;
    } catch (error) {
      problems.push(`${name}: the ${language} catalog does not load: ${String(error)}`);
      continue;
    }
    if (!catalog) {
      problems.push(`${name}: no ${language} catalog`);
      continue;
    }
    const keys = Object.keys(catalog).sort();
    const missing = english.filter((key) => !keys.includes(key));
    const extra = keys.filter((key) => !english.includes(key));
    if (missing.length > 0) problems.push(`${name}.${language} lacks ${missing.join(', ')}`);
    if (extra.length > 0) problems.push(`${name}.${language} has keys English lacks: ${extra.join(', ')}`);
    for (const key of keys) {
      const value = catalog[key];
      if (typeof value !== 'string' || value.trim() === '') {
        problems.push(`${name}.${language}.${key} is empty`);
        continue;
      }
      const english = messages.en[key];
      if (english !== undefined && placeholders(value).join() !== placeholders(english).join()) {
        problems.push(`${name}.${language}.${key} has placeholders {${placeholders(value).join('}, {')}} but English has {${placeholders(english).join('}, {')}}`);
      }
    }
  }
  return problems;
}

async function elementFolders(): Promise<string[]> {
  const entries = await readdir(join(root, 'src/elements'), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && entry.name !== 'shared').map((entry) => entry.name).sort();
}

async function templateSources(): Promise<string[]> {
  const entries = await readdir(join(root, 'src/elements'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.messages.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

describe('localisation', () => {
  test('every element has a catalog, and every catalog is complete in en, de, fr and ar (each translation a module of its own)', async () => {
    const problems = await catalogProblems('common', common);
    for (const folder of await elementFolders()) {
      const file = join(root, 'src/elements', folder, `${folder}.messages.ts`);
      if (!existsSync(file)) {
        problems.push(`src/elements/${folder} has no ${folder}.messages.ts`);
        continue;
      }
      const module = (await import(pathToFileURL(file).href)) as { messages?: Messages<Catalog> };
      if (!module.messages) problems.push(`src/elements/${folder}/${folder}.messages.ts does not export messages`);
      else problems.push(...(await catalogProblems(folder, module.messages)));
    }
    assert.deepEqual(problems, []);
  });

  test('the Arabic catalogs are written in Arabic: every string with words has Arabic script', async () => {
    const catalogs: [string, Messages<Catalog>][] = [['common', common]];
    for (const folder of await elementFolders()) {
      const module = (await import(pathToFileURL(join(root, 'src/elements', folder, `${folder}.messages.ts`)).href)) as { messages: Messages<Catalog> };
      catalogs.push([folder, module.messages]);
    }
    const english: string[] = [];
    for (const [name, messages] of catalogs) {
      const arabic = (await messages.load('ar')).default;
      for (const [key, value] of Object.entries(arabic)) {
        // Placeholders, symbols and units (`{amount} {claim}`, `t`) have no words to translate.
        const words = value.replace(/\{\w+\}/g, '').replace(/<[^>]*>/g, '');
        if (/\p{L}{2,}/u.test(words) && !/\p{Script=Arabic}/u.test(words)) english.push(`${name}.${key}: ${value}`);
      }
    }
    assert.deepEqual(english, []);
  });

  test('every attribute problem is said through the common catalog, and its console English is the catalog English', async () => {
    // One of each, from every factory problems.ts exports: a new factory must be added here.
    const samples: Record<string, AttributeProblem> = {
      requiredProblem: problems.requiredProblem('project-id'),
      invalidIdProblem: problems.invalidIdProblem('project-id', 'prj_x', 'prj_1CTWZQGKE1S0VAXA'),
      oneOfProblem: problems.oneOfProblem('breakdown', ['supplier', 'project'], 'country'),
      rangeProblem: problems.rangeProblem('page-size', 1, 50, '0'),
      tonnesProblem: problems.tonnesProblem('quantity', 'abc'),
      minimumProblem: problems.minimumProblem('min', '0.001', '0'),
      maximumProblem: problems.maximumProblem('max', '9007199254740.991', '1e20'),
      notBelowProblem: problems.notBelowProblem('max', '1', 'min', '2'),
      listOneOfProblem: problems.listOneOfProblem('frequencies', ['one_time', 'monthly'], 'weekly'),
      listEmptyProblem: problems.listEmptyProblem('frequencies', ['one_time', 'monthly']),
      hostProblem: problems.hostProblem('allowed-redirect-hosts', 'a b', 'checkout.stripe.com'),
      urlProblem: problems.urlProblem('success-url', 'javascript:alert(1)'),
    };
    const factories = Object.keys(problems).filter((name) => name.endsWith('Problem')).sort();
    assert.deepEqual(Object.keys(samples).sort(), factories, 'a factory in src/data/problems.ts has no sample here');
    assert.deepEqual([...new Set(Object.values(samples).map((problem) => problem.code))].sort(), [...PROBLEM_CODES].sort());
    const english = common.en as Record<string, string>;
    const translations = await Promise.all((['de', 'fr', 'ar'] as const).map(async (language) => (await common.load(language)).default as Record<string, string>));
    for (const [name, problem] of Object.entries(samples)) {
      const template = english[`problem.${problem.code}`];
      assert.ok(template, `${name}: no problem.${problem.code} in the common catalog`);
      const filled = template.replace(/\{(\w+)\}/g, (match, key: string) => problem.params[key] ?? match);
      assert.equal(filled, problem.message, `${name}: the console English differs from the catalog English`);
      for (const translation of translations) assert.notEqual(translation[`problem.${problem.code}`], template, `${name}: problem.${problem.code} is not translated`);
    }
  });

  test('element templates show no literal text: every visible string comes from a catalog', async () => {
    const findings: string[] = [];
    for (const file of await templateSources()) {
      for (const finding of scanTemplates(file, await readFile(join(root, file), 'utf8'))) {
        findings.push(`${finding.file}:${finding.line} ${finding.where}: "${finding.text}"`);
      }
    }
    assert.deepEqual(findings, []);
  });

  test('element styles mirror in right-to-left layouts (logical properties only)', async () => {
    const findings: string[] = [];
    for (const file of [...(await templateSources()), 'src/themes/tokens.ts']) {
      for (const finding of scanPhysicalStyles(file, await readFile(join(root, file), 'utf8'))) {
        findings.push(`${finding.file}:${finding.line} ${finding.text} (${finding.where})`);
      }
    }
    assert.deepEqual(findings, []);
  });

  test('the right-to-left style check finds physical directions and accepts logical ones', () => {
    const scan = (source: string) => scanPhysicalStyles('snippet.ts', source).map(({ line, text }) => `${line} ${text}`);
    const bad = [
      'css`.a { margin-left: 1rem; }',
      '.b { padding: 0.25rem 0.5rem 0.25rem 0; }',
      '.c { border-radius: 0 calc(var(--_radius) / 2) calc(var(--_radius) / 2) 0; }',
      '.d { text-align: right; right: 0; }`',
    ].join('\n');
    assert.deepEqual(scan(bad), [
      '1 margin-left: 1rem',
      '2 padding: 0.25rem 0.5rem 0.25rem 0',
      '3 border-radius: 0 calc(var(--_radius) / 2) calc(var(--_radius) / 2) 0',
      '4 text-align: right',
      '4 right: 0',
    ]);
    const good = [
      'css`:host { --_card-padding: var(--iso-card-padding, calc(var(--_space) * 1.25)); }',
      '.a { padding: 0.5rem 1rem; margin: 0 auto 1rem; border-radius: 4px 4px 0 0; text-align: start; }',
      '.b { padding-inline-start: 1rem; border-inline-start: 3px solid; inset-inline-end: 0; }',
      'a:focus-visible, button:focus-visible { outline: 2px solid; }',
      '@media (prefers-color-scheme: dark) { :host { color-scheme: dark; } }`',
    ].join('\n');
    assert.deepEqual(scan(good), []);
  });

  describe('the template scanner itself', () => {
    const scan = (source: string) => scanTemplates('snippet.ts', source).map(({ line, where, text }) => `${line} ${where}: ${text}`);

    test('finds literal text nodes, also in nested templates and after expressions', () => {
      assert.deepEqual(scan('html`<p>${t("a")}</p>\n<p>Hello</p>`'), ['2 text: Hello']);
      assert.deepEqual(scan('html`<ul>${items.map((item) => html`<li>Item ${item}</li>`)}</ul>`'), ['1 text: Item']);
      assert.deepEqual(scan('html`<span>${count} results</span>`'), ['1 text: results']);
      assert.deepEqual(scan('svg`<text x="1">Label</text>`'), ['1 text: Label']);
      assert.deepEqual(scan('html`<span aria-hidden="true">t</span>`'), ['1 text: t']);
    });

    test('finds literal visible attributes, whole or around an expression', () => {
      assert.deepEqual(scan('html`<button aria-label="Close">×</button>`'), ['1 <button aria-label="…">: Close']);
      assert.deepEqual(scan('html`<img alt=Logo src=${src}>`'), ['1 <img alt="…">: Logo']);
      assert.deepEqual(scan('html`<abbr title="Tonnes: ${unit}">t</abbr>`'), ['1 <abbr title="…">: Tonnes:', '1 text: t']);
      assert.deepEqual(scan("html`<input placeholder='Search'>`"), ['1 <input placeholder="…">: Search']);
    });

    test('finds string literals bound as text or visible attributes', () => {
      assert.deepEqual(scan("html`<p>${error ? 'Oops' : t('ok')}</p>`"), ["1 text (string literal): Oops"]);
      assert.deepEqual(scan("html`<p title=${name ?? 'Unknown'}></p>`"), ['1 <p title=${…}> (string literal): Unknown']);
    });

    test('finds letters in generated CSS content', () => {
      assert.deepEqual(scan("css`.x::after { content: 'New'; }`"), ['1 css content: New']);
    });

    test('accepts localised templates, markup without words, comments and code around them', () => {
      const good = [
        "const EMAIL = /^[a-z'`]+@x$/;",
        "html`<article part=\"base\" class=\"card ${extra}\" aria-label=${t('label')} lang=${locale ?? nothing} dir=${dir}>",
        '  <!-- A comment with words is not shown. -->',
        "  <span class=\"visually-hidden\" role=\"status\">${t('loading')}…</span>",
        "  <p>${amount}&nbsp;— ${share}%</p>",
        "  <button type=\"button\" @click=${() => go('Home')} ?disabled=${busy} .value=${'Text'}>${t('retry')}</button>",
        "  <div class=${ok ? 'card__status--validated' : 'card__status'}>${value ?? '—'}</div>",
        '</article>`;',
        "css`.a::after { content: ' — ' attr(href); }`",
      ].join('\n');
      assert.deepEqual(scan(good), []);
    });
  });
});
