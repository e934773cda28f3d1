// Every element in custom-elements.json, in German, French and Arabic (right to left), in a 360px-wide
// container: nothing overflows horizontally, no English-only catalog string shows, and Arabic lays out
// right to left. Elements get sample attributes
// from demo/samples.js (keyed by attribute name), so a new element is covered without editing this file.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CSP } from '../../demo/static.js';
import { common } from '../../src/i18n/common.js';
import type { Catalog, Messages, Translated } from '../../src/i18n/localize.js';
import { SAMPLE_IDS } from '../../src/local-registry/index.js';
import { launchBrowser, startDemo } from './support.js';

const WIDTH = 360;
const LOCALES = [
  { locale: 'de', dir: 'ltr' },
  { locale: 'fr', dir: 'ltr' },
  { locale: 'ar', dir: 'rtl' },
] as const;

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string }[];
  events?: { name?: string }[];
}

const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as { modules: { path: string; declarations?: Declaration[] }[] };
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName).map((declaration) => ({ tag: declaration.tagName!, path: module.path })),
);

/** A catalog with its translations loaded. */
type Loaded = { readonly en: Catalog } & Readonly<Record<Translated, Catalog>>;

async function loaded(messages: Messages<Catalog>): Promise<Loaded> {
  const [de, fr, ar] = await Promise.all([messages.load('de'), messages.load('fr'), messages.load('ar')]);
  return { en: messages.en, de: de.default, fr: fr.default, ar: ar.default };
}

/** The element's own catalog (next to its module, by the one-folder-per-element convention) and the shared one. */
async function catalogsOf(path: string): Promise<Loaded[]> {
  const file = new URL(`../../${path.replace(/\.ts$/, '.messages.ts')}`, import.meta.url);
  const own = existsSync(file) ? ((await import(file.href)) as { messages: Messages<Catalog> }).messages : undefined;
  return Promise.all((own ? [own, common] : [common]).map(loaded));
}

const LETTERS = /\p{L}/gu;

function letterCount(text: string): number {
  return text.match(LETTERS)?.length ?? 0;
}

/**
 * The pieces of English that must not appear in `language`: for each message whose English differs
 * from its translation, the English text between placeholders, when it is long enough to be telling
 * and not also part of some translation (`Insetting`, `CO₂e`).
 */
function englishOnly(catalogs: Loaded[], language: Translated): string[] {
  const translations = catalogs.flatMap((catalog) => Object.values(catalog[language]));
  const pieces = new Set<string>();
  for (const catalog of catalogs) {
    for (const [key, english] of Object.entries(catalog.en)) {
      if (catalog[language][key] === english) continue;
      for (const fragment of english.split(/\{\w+\}/)) {
        const piece = fragment.trim().replace(/^[\s(:,.;–—-]+|[\s(:,.;–—-]+$/gu, '');
        if (letterCount(piece) < 4) continue;
        if (translations.some((translation) => translation.includes(piece))) continue;
        pieces.add(piece);
      }
    }
  }
  return [...pieces];
}

/** Translations that show the element speaks `language`: whole messages without placeholders, unlike English. */
function translated(catalogs: Loaded[], language: Translated): string[] {
  return catalogs.flatMap((catalog) =>
    Object.entries(catalog[language])
      .filter(([key, value]) => value !== catalog.en[key] && !/\{\w+\}/.test(value) && letterCount(value) >= 4)
      .map(([, value]) => value),
  );
}

/** A pattern for `piece` as a whole word. */
function wordPattern(piece: string): RegExp {
  const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
}

function containsWord(text: string, piece: string): boolean {
  return wordPattern(piece).test(text);
}

interface Rendered {
  error?: string;
  direction: string;
  text: string;
  overflow: string[];
  broken: string[];
}

/**
 * Builds the element in a container of `width` with `lang`/`dir`, waits for it to load, and measures it.
 * Translations arrive by dynamic import after the first render, so it also waits (at most 10 s) until
 * none of `english` (regular expression sources) shows: the assertions then report what is left.
 */
function render(page: Page, tag: string, locale: string, dir: string, english: string[] = []): Promise<Rendered> {
  return page.evaluate(
    async ({ tag, locale, dir, width, samplesUrl, english }) => {
      const samples = await import(samplesUrl);
      const element = samples.customElementsOf(await samples.loadManifest()).find((candidate: { tagName: string }) => candidate.tagName === tag);
      await samples.loadElement(element);
      const container = document.createElement('div');
      container.lang = locale;
      container.dir = dir;
      container.style.setProperty('inline-size', `${width}px`);
      const node = samples.createExample(element, samples.sampleAttributes(element, { showcase: true }));
      const documentsLoad = (element.events ?? []).some((event: { name?: string }) => event.name === 'iso-load');
      const outcome = new Promise<string | undefined>((resolve, reject) => {
        if (!documentsLoad) return resolve(undefined);
        node.addEventListener('iso-load', () => resolve(undefined), { once: true });
        node.addEventListener('iso-error', (event: Event) => resolve(`iso-error: ${JSON.stringify((event as CustomEvent).detail)}`), { once: true });
        // A bound on the wait, not a pause: the test fails instead of hanging when neither event comes.
        setTimeout(() => reject(new Error(`<${tag}> sent neither iso-load nor iso-error within 20 s`)), 20_000);
      });
      container.append(node);
      document.body.append(container);
      const error = await outcome;
      await (node as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const patterns = english.map((source) => new RegExp(source, 'u'));
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
        const shown: string[] = [];
        const pending = [node.shadowRoot];
        while (pending.length > 0) {
          for (const child of pending.pop()?.querySelectorAll('*') ?? []) {
            if (child.shadowRoot) pending.push(child.shadowRoot);
            // API data and notes may be English in any language, as the check below allows: waiting on them would only time out.
            if (child.closest('[dir="auto"], [part~="note"]')) continue;
            if (child.localName !== 'style') shown.push(...[...child.childNodes].map((text) => (text.nodeType === Node.TEXT_NODE ? (text.textContent ?? '') : '')));
            shown.push(child.getAttribute('aria-label') ?? '', child.getAttribute('title') ?? '');
          }
        }
        const text = shown.join('\n');
        if (!patterns.some((pattern) => pattern.test(text))) break;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }

      // The shadow tree, nested shadow roots included. (No named inner functions: tsx would wrap them
      // in a helper that does not exist in the page.)
      const all: Element[] = [];
      const roots = [node.shadowRoot];
      while (roots.length > 0) {
        const root = roots.pop();
        for (const child of root?.querySelectorAll('*') ?? []) {
          all.push(child);
          if (child.shadowRoot) roots.push(child.shadowRoot);
        }
      }

      // Horizontal overflow: the container (the host is too wide), the host, and every box in its shadow tree
      // except those that clip their content on purpose (overflow hidden or clip: bars, visually hidden text).
      const overflow: string[] = [];
      for (const el of [container, node, ...all]) {
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.display === 'contents' || style.overflowX === 'hidden' || style.overflowX === 'clip') continue;
        if (el.scrollWidth <= el.clientWidth + 1) continue;
        const label = el === container ? `the ${width}px container` : `<${el.localName}${el.getAttribute('part') ? ` part="${el.getAttribute('part')}"` : ''}${el.getAttribute('class') ? ` class="${el.getAttribute('class')}"` : ''}>`;
        overflow.push(`${label}: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      }

      // Words and figures broken across lines (`Ausgegeben|e`, `9.024,3|4 t`): a run without spaces,
      // hyphens or slashes, short enough to fit any column, whose characters sit on more than one line.
      // Automatic hyphenation (`hyphens: auto`) is a proper break.
      const broken: string[] = [];
      for (const el of all) {
        if (el.getClientRects().length === 0 || getComputedStyle(el).hyphens === 'auto') continue;
        for (const child of el.childNodes) {
          if (child.nodeType !== Node.TEXT_NODE) continue;
          for (const match of (child.textContent ?? '').matchAll(/[^ \t\n\r]+/g)) {
            if (match[0].length > 20 || /[-/_–—]/.test(match[0])) continue;
            const range = document.createRange();
            range.setStart(child, match.index);
            range.setEnd(child, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
            if (tops.size > 1) broken.push(`"${match[0]}" in <${el.localName}${el.getAttribute('class') ? ` class="${el.getAttribute('class')}"` : ''}>`);
          }
        }
      }

      // Visible text and accessible names, leaving out API data (marked dir="auto") and notes.
      const texts: string[] = [];
      const data = '[dir="auto"], [part~="note"]';
      for (const el of all) {
        if (el.closest(data) || el.localName === 'style' || el.localName === 'script') continue;
        for (const child of el.childNodes) if (child.nodeType === Node.TEXT_NODE) texts.push(child.textContent ?? '');
        for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
          const value = el.getAttribute(name);
          if (value) texts.push(value);
        }
      }
      const base = node.shadowRoot?.querySelector('[part~="base"]') ?? node;
      const result = { error, direction: getComputedStyle(base).direction, text: texts.join('\n'), overflow, broken };
      container.remove();
      return result;
    },
    { tag, locale, dir, width: WIDTH, samplesUrl: '/samples.js', english },
  );
}

/** Opens an empty page on the demo's origin, under the demo's Content-Security-Policy. */
async function openFixture(page: Page): Promise<void> {
  await page.route('**/i18n-fixture.html', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': DEMO_CSP },
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="iso-endpoint" content="/api"><title>i18n</title></head><body></body></html>',
    }),
  );
  await page.goto('/i18n-fixture.html');
}

/**
 * A deliberately faulty element for the self-check: an English string whatever the language, a box
 * wider than its container, and a word squeezed into a column too narrow for it.
 */
const PROBE_MODULE = `
const sheet = new CSSStyleSheet();
sheet.replaceSync('.wide { display: block; inline-size: max-content; white-space: nowrap; } .narrow { display: block; inline-size: 3ch; overflow-wrap: anywhere; }');
customElements.define('iso-i18n-probe', class extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = '<div part="base"><p>Try again</p><p class="id"></p><span class="wide">' + 'x'.repeat(120) + '</span><span class="narrow">Wortumbruch</span></div>';
    root.querySelector('.id').textContent = this.getAttribute('project-id');
    queueMicrotask(() => this.dispatchEvent(new Event('iso-load')));
  }
});
`;

describe('elements in German, French and Arabic', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
    const context = await browser.newContext({ baseURL: demo.url, viewport: { width: 1024, height: 800 } });
    page = await context.newPage();
    await openFixture(page);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the manifest has elements to check', () => {
    assert.ok(elements.length > 0);
  });

  test('the checks catch a new element that overflows, breaks a word and shows English in German', async () => {
    const probe = await page.context().newPage();
    // The probe joins the manifest with a module of its own, as a new element would.
    await probe.route('**/custom-elements.json', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as typeof manifest;
      json.modules.push({
        path: 'src/elements/i18n-probe/i18n-probe.ts',
        declarations: [{ customElement: true, tagName: 'iso-i18n-probe', attributes: [{ name: 'project-id' }], events: [{ name: 'iso-load' }] } as Declaration],
      });
      await route.fulfill({ response, json });
    });
    await probe.route('**/dist/i18n-probe.js', (route) => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: PROBE_MODULE }));
    await openFixture(probe);
    const rendered = await render(probe, 'iso-i18n-probe', 'de', 'ltr');
    assert.match(rendered.text, new RegExp(SAMPLE_IDS.project), 'the probe got its project-id from the sample table');
    assert.deepEqual(englishOnly([await loaded(common)], 'de').filter((piece) => containsWord(rendered.text, piece)), ['Try again']);
    assert.ok(rendered.overflow.some((line) => line.startsWith('<div part="base">')), rendered.overflow.join('\n'));
    assert.deepEqual(rendered.broken, ['"Wortumbruch" in <span class="narrow">']);
    await probe.close();
  });

  test('the languages page shows each section in its language and direction', async () => {
    const demoPage = await page.context().newPage();
    const errors: string[] = [];
    demoPage.on('pageerror', (error) => errors.push(error.message));
    demoPage.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const card = await loaded((await import('../../src/elements/project-card/project-card.messages.js')).messages);
    await demoPage.goto('/rtl.html');
    await demoPage.waitForFunction(() => {
      const widgets = [...document.querySelectorAll('.locale-section *')].filter((el) => el.localName.startsWith('iso-'));
      return widgets.length > 0 && widgets.every((el) => el.shadowRoot?.querySelector('[part~="base"][aria-busy="false"]'));
    });
    // The Arabic, German and French strings load after the first render.
    await demoPage
      .waitForFunction(
        (expected) => expected.every(([id, text]) => document.querySelector(`.locale-section#${id} iso-project-card`)?.shadowRoot?.querySelector('.card__facts dt')?.textContent?.trim() === text),
        [['ar', card.ar.action], ['de', card.de.action], ['fr', card.fr.action]],
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    const sections = await demoPage.evaluate(() =>
      [...document.querySelectorAll('.locale-section')].map((section) => ({
        id: section.id,
        directions: [...new Set([...section.querySelectorAll('*')].filter((el) => el.localName.startsWith('iso-')).map((el) => getComputedStyle(el.shadowRoot!.querySelector('[part~="base"]')!).direction))],
        card: section.querySelector('iso-project-card')?.shadowRoot?.querySelector('.card__facts dt')?.textContent?.trim(),
      })),
    );
    assert.deepEqual(sections, [
      { id: 'ar', directions: ['rtl'], card: card.ar.action },
      { id: 'de', directions: ['ltr'], card: card.de.action },
      { id: 'fr', directions: ['ltr'], card: card.fr.action },
    ]);
    assert.deepEqual(errors, []);
    await demoPage.close();
  });

  for (const { tag, path } of elements) {
    for (const { locale, dir } of LOCALES) {
      test(`<${tag}> in ${locale}: no overflow or broken words at ${WIDTH}px, no untranslated strings${dir === 'rtl' ? ', right to left' : ''}`, async () => {
        const catalogs = await catalogsOf(path);
        const rendered = await render(page, tag, locale, dir, englishOnly(catalogs, locale).map((piece) => wordPattern(piece).source));
        assert.equal(rendered.error, undefined, `<${tag}> loaded its sample data`);
        assert.deepEqual(rendered.overflow, [], `<${tag}> fits ${WIDTH}px in ${locale}`);
        assert.deepEqual(rendered.broken, [], `<${tag}> breaks no word or figure across lines at ${WIDTH}px in ${locale}`);
        assert.equal(rendered.direction, dir, `<${tag}> lays out ${dir} in ${locale}`);
        const untranslated = englishOnly(catalogs, locale).filter((piece) => containsWord(rendered.text, piece));
        assert.deepEqual(untranslated, [], `<${tag}> shows English strings in ${locale}`);
        assert.ok(translated(catalogs, locale).some((value) => rendered.text.includes(value)), `<${tag}> shows ${locale} strings`);
        // A translation is not isolated as left-to-right text, as English in a right-to-left layout is.
        if (dir === 'rtl') assert.doesNotMatch(rendered.text, /\u2066\p{Script=Arabic}/u, `<${tag}> isolates Arabic strings as left-to-right`);
      });
    }
  }
});
