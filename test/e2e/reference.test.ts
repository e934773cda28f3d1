// The API reference (demo/reference.html) is generated from custom-elements.json: every element with
// all its attributes, properties, events, slots, parts and custom properties, and a live example.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SAMPLE_IDS } from '../../src/local-registry/index.js';
import { TOKENS } from '../../src/themes/token-docs.js';
import { useDemo } from './support.js';

interface Named {
  name?: string;
}
interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: (Named & { type?: { text: string } })[];
  members?: (Named & { kind: string; privacy?: string; static?: boolean })[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const manifestText = await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName);

/** Collects script errors and CSP violations (reported as console errors). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  return errors;
}

async function openReference(page: Page): Promise<void> {
  await page.goto('/reference.html');
  await page.locator('#reference[data-ready]').waitFor();
}

function rowKeys(page: Page, tag: string, attribute: string): Promise<string[]> {
  return page.locator(`section[data-element="${tag}"] tr[${attribute}]`).evaluateAll((rows, name) => rows.map((row) => row.getAttribute(name)!), attribute);
}

describe('the API reference page', () => {
  const demo = useDemo();

  async function newPage(): Promise<Page> {
    const context = await demo.browser.newContext({ baseURL: demo.url });
    return context.newPage();
  }

  test('documents every element of custom-elements.json with all of its API', async () => {
    assert.ok(elements.length > 0, 'the manifest has elements');
    const page = await newPage();
    const errors = watchErrors(page);
    await openReference(page);
    const listed = await page.locator('section[data-element]').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-element')));
    assert.deepEqual(listed, elements.map((element) => element.tagName));

    const names = (items: Named[] | undefined) => (items ?? []).map((item) => item.name ?? '');
    for (const element of elements) {
      const tag = element.tagName!;
      assert.deepEqual(await rowKeys(page, tag, 'data-attribute'), names(element.attributes).filter(Boolean), `${tag} attributes`);
      const fields = (element.members ?? []).filter((member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public');
      assert.deepEqual(await rowKeys(page, tag, 'data-property'), names(fields), `${tag} properties`);
      assert.deepEqual(await rowKeys(page, tag, 'data-event'), names(element.events).filter(Boolean), `${tag} events`);
      assert.deepEqual(await rowKeys(page, tag, 'data-slot'), names(element.slots), `${tag} slots`);
      assert.deepEqual(await rowKeys(page, tag, 'data-part'), names(element.cssParts), `${tag} parts`);
      assert.deepEqual(await rowKeys(page, tag, 'data-css-property'), names(element.cssProperties), `${tag} custom properties`);
    }
    // Union types list their values; the shared `theme` attribute is one.
    const theme = page.locator('section[data-element="iso-project-card"] tr[data-attribute="theme"] td').nth(2);
    assert.deepEqual(await theme.locator('code').allTextContents(), ['light', 'dark']);
    // The global tokens come from TOKENS, through demo/tokens.json.
    assert.deepEqual(await page.locator('#theme-tokens tr[data-token]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-token'))), TOKENS.map((token) => token.name));
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('renders a live example of every element with sample data', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await openReference(page);
    for (const element of elements) {
      const tag = element.tagName!;
      // Loaded: the element is defined, rendered its base part, and is neither busy nor failed.
      await page.waitForFunction((tag) => {
        const example = document.querySelector(`[data-example="${tag}"] > ${tag}`);
        const root = example?.shadowRoot;
        return !!customElements.get(tag) && !!root?.querySelector('[part~="base"]') && !root.querySelector('[aria-busy="true"], [part~="error"]');
      }, tag);
    }
    const card = page.locator(`[data-example="iso-project-card"] > iso-project-card`);
    assert.equal(await card.getAttribute('project-id'), SAMPLE_IDS.project);
    assert.notEqual((await card.locator('[part="title"]').textContent())?.trim(), '');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('shows what the manifest says without hand-written parts, as text only', async () => {
    const page = await newPage();
    const edited = JSON.parse(manifestText) as Manifest;
    const first = edited.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.customElement)!;
    first.attributes = [
      ...(first.attributes ?? []),
      { name: 'made-up', type: { text: "'small' | 'large' | null" }, description: 'A new attribute <img src=x data-injected>.' } as Named,
    ];
    edited.modules.push({
      path: 'src/elements/not-built/not-built.ts',
      declarations: [{ customElement: true, tagName: 'iso-not-built', attributes: [{ name: 'project-id', type: { text: 'string | null' } }], cssParts: [{ name: 'base' }] } as Declaration],
    });
    await page.route('**/custom-elements.json', (route) => route.fulfill({ json: edited }));
    await openReference(page);

    const row = page.locator(`section[data-element="${first.tagName}"] tr[data-attribute="made-up"]`);
    assert.deepEqual(await row.locator('td').nth(2).locator('code').allTextContents(), ['small', 'large']);
    assert.match((await row.textContent()) ?? '', /A new attribute <img src=x data-injected>\./);
    assert.equal(await page.locator('[data-injected]').count(), 0, 'manifest text never becomes markup');

    const missing = page.locator('section[data-element="iso-not-built"]');
    assert.deepEqual(await rowKeys(page, 'iso-not-built', 'data-attribute'), ['project-id']);
    await missing.locator('[data-example][data-missing]').waitFor({ state: 'attached' });
    assert.match((await missing.locator('.example__note').textContent()) ?? '', /No built module at .*\/dist\/not-built\.js/);
    await page.context().close();
  });

  test('the sample values of demo/samples.js are the local registry’s SAMPLE_IDS', async () => {
    const page = await newPage();
    await page.goto('/reference.html');
    const samples = (await page.evaluate(async (url) => {
      const module = await import(url);
      return { values: module.SAMPLE_VALUES, keys: module.SAMPLE_ID_KEYS };
    }, '/samples.js')) as { values: Record<string, string>; keys: Record<string, keyof typeof SAMPLE_IDS> };
    assert.deepEqual(Object.keys(samples.keys).sort(), Object.keys(samples.values).sort());
    for (const [attribute, key] of Object.entries(samples.keys)) {
      assert.equal(samples.values[attribute], SAMPLE_IDS[key], `${attribute} is SAMPLE_IDS.${key}`);
    }
    await page.context().close();
  });
});
