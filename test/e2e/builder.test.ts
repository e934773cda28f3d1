// The embed builder (demo/builder.html): a form generated from custom-elements.json drives a live
// preview and the copyable snippets; theme colours from TOKENS reach the preview as custom properties.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SAMPLE_IDS } from '../../src/local-registry/index.js';
import { TOKENS } from '../../src/themes/token-docs.js';
import { useDemo } from './support.js';

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; type?: { text: string } }[];
}

const MAJOR = (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version.split('.')[0];
const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement);
const projectCard = declarations.find((declaration) => declaration.tagName === 'iso-project-card')!;

const snippet = (page: Page, kind: 'html' | 'npm' | 'react') => page.locator(`#snippet-${kind}`).textContent().then((text) => text ?? '');
const preview = (page: Page, tag: string) => page.locator(`#builder-preview > ${tag}`);

describe('the embed builder', () => {
  const demo = useDemo();

  async function openBuilder(tag: string, viewport = { width: 1280, height: 720 }): Promise<{ page: Page; errors: string[] }> {
    const context = await demo.browser.newContext({ baseURL: demo.url, viewport });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    await page.goto(`/builder.html#${tag}`);
    await page.locator('#builder[data-ready]').waitFor();
    await preview(page, tag).waitFor();
    return { page, errors };
  }

  test('generates a labelled field of the right kind for every attribute in the manifest', async () => {
    const { page, errors } = await openBuilder('iso-project-card');
    const fields = await page.locator('#builder-attributes [data-attribute]').evaluateAll((controls) =>
      controls.map((control) => ({
        name: control.getAttribute('data-attribute'),
        kind: control instanceof HTMLSelectElement ? 'select' : (control as HTMLInputElement).type,
        label: (control as HTMLInputElement).labels?.[0]?.textContent?.trim(),
        hint: document.getElementById(control.getAttribute('aria-describedby') ?? '')?.querySelector('code')?.textContent,
        options: control instanceof HTMLSelectElement ? [...control.options].map((option) => option.value).filter(Boolean) : undefined,
      })),
    );
    assert.deepEqual(
      fields.map((field) => field.name),
      projectCard.attributes!.map((attribute) => attribute.name),
    );
    // Labelled in words, not by the raw name, which the hint shows as code.
    for (const field of fields) {
      assert.ok(field.label && /^[A-Z]/.test(field.label) && field.label !== field.name, `${field.name} has a label in words (${field.label})`);
      assert.equal(field.hint, field.name, `${field.name} is named in its hint`);
    }
    assert.equal(fields.find((field) => field.name === 'project-id')?.label, 'Project ID');
    const byName = new Map(fields.map((field) => [field.name, field]));
    assert.equal(byName.get('show-documents')?.kind, 'checkbox');
    assert.equal(byName.get('heading-level')?.kind, 'number');
    assert.equal(byName.get('project-id')?.kind, 'text');
    assert.deepEqual(byName.get('theme'), { name: 'theme', kind: 'select', label: 'Theme', hint: 'theme', options: ['light', 'dark'] });
    // Every control in the form has a label, and every group a legend.
    const unlabelled = await page.locator('#builder-form').evaluate((form) =>
      [...form.querySelectorAll('input, select')].filter((control) => ((control as HTMLInputElement).labels?.length ?? 0) === 0).map((control) => control.outerHTML),
    );
    assert.deepEqual(unlabelled, []);
    assert.equal(await page.locator('#builder-form fieldset:not(:has(> legend))').count(), 0);
    assert.equal(await preview(page, 'iso-project-card').getAttribute('project-id'), SAMPLE_IDS.project);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a changed field updates the preview element and every snippet', async () => {
    const { page, errors } = await openBuilder('iso-project-card');
    const card = preview(page, 'iso-project-card');
    assert.match(await snippet(page, 'html'), new RegExp(`<iso-project-card project-id="${SAMPLE_IDS.project}"></iso-project-card>`));

    await page.getByLabel('Show documents', { exact: true }).check();
    assert.equal(await card.getAttribute('show-documents'), '');
    assert.match(await snippet(page, 'html'), /<iso-project-card project-id="[^"]+" show-documents><\/iso-project-card>/);
    assert.match(await snippet(page, 'npm'), /widget\.toggleAttribute\('show-documents', true\);/);
    assert.match(await snippet(page, 'react'), /^\s+show-documents$/m);

    await page.getByLabel('Theme', { exact: true }).selectOption('dark');
    assert.equal(await card.getAttribute('theme'), 'dark');
    assert.match(await snippet(page, 'html'), / theme="dark"/);
    assert.match(await snippet(page, 'react'), /^\s+theme="dark"$/m);

    await page.getByLabel('Heading level', { exact: true }).fill('2');
    assert.equal(await card.getAttribute('heading-level'), '2');
    // The element re-renders on its own schedule, and may still be loading: wait for the heading.
    await page.waitForFunction(() => document.querySelector('#builder-preview > iso-project-card')?.shadowRoot?.querySelector('[part="title"][aria-level="2"]'));
    assert.match(await snippet(page, 'npm'), /widget\.setAttribute\('heading-level', '2'\);/);

    await page.getByLabel('Theme', { exact: true }).selectOption('');
    assert.equal(await card.getAttribute('theme'), null);
    assert.doesNotMatch(await snippet(page, 'html'), /theme=/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a colour change sets the token on the preview and in the snippets', async () => {
    const { page, errors } = await openBuilder('iso-project-card');
    const accent = TOKENS.find((token) => token.name === '--iso-color-accent')!;
    const card = preview(page, 'iso-project-card');
    await card.locator('[part="link"]').waitFor();
    const input = page.getByLabel('Accent colour', { exact: true });
    assert.equal(await input.getAttribute('type'), 'color');
    assert.equal(await input.inputValue(), accent.light);

    await input.fill('#b4451f');
    assert.equal(await card.evaluate((el) => (el as HTMLElement).style.getPropertyValue('--iso-color-accent')), '#b4451f');
    // It takes effect: the link colour follows the token (it contrasts enough with the surface to be used as given).
    assert.equal(await card.evaluate((el) => getComputedStyle(el).getPropertyValue('--iso-color-accent').trim()), '#b4451f');
    const linkColor = await card.locator('[part="link"]').evaluate((link) => {
      // As sRGB bytes, through a canvas: the accent is computed as an oklch() colour.
      const context = document.createElement('canvas').getContext('2d')!;
      context.fillStyle = getComputedStyle(link).color;
      context.fillRect(0, 0, 1, 1);
      return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    });
    assert.deepEqual(linkColor, [180, 69, 31]);
    assert.match(await snippet(page, 'html'), /<style>\n {2}iso-project-card \{\n {4}--iso-color-accent: #b4451f;\n {2}\}\n<\/style>/);
    assert.match(await snippet(page, 'npm'), /widget\.style\.setProperty\('--iso-color-accent', '#b4451f'\);/);
    assert.match(await snippet(page, 'react'), /style=\{\{ '--iso-color-accent': '#b4451f' \}\}/);

    // The second preview shows the same colour in the other scheme.
    const otherScheme = page.locator('#builder-preview-other > iso-project-card');
    assert.equal(await otherScheme.getAttribute('theme'), 'dark');
    assert.equal(await otherScheme.evaluate((el) => (el as HTMLElement).style.getPropertyValue('--iso-color-accent')), '#b4451f');

    // Unchanged colours follow the chosen scheme; the changed one stays.
    const surface = page.getByLabel('Surface colour', { exact: true });
    await page.getByLabel('Theme', { exact: true }).selectOption('dark');
    assert.equal(await otherScheme.getAttribute('theme'), 'light');
    assert.equal(await surface.inputValue(), TOKENS.find((token) => token.name === '--iso-color-surface')!.dark);
    assert.equal(await input.inputValue(), '#b4451f');

    // The theme carries over to another element, and resets.
    const other = declarations.find((declaration) => declaration.tagName !== 'iso-project-card')!.tagName!;
    await page.getByLabel('Element', { exact: true }).selectOption(other);
    await preview(page, other).waitFor();
    assert.equal(await preview(page, other).evaluate((el) => (el as HTMLElement).style.getPropertyValue('--iso-color-accent')), '#b4451f');
    // A working URL: the package's current major on the CDN, and a file the package builds.
    const file = `${other.replace(/^iso-/, '')}.js`;
    assert.ok(await readFile(new URL(`../../dist/${file}`, import.meta.url)), `dist/${file} is built`);
    assert.ok((await snippet(page, 'html')).includes(`<script type="module" src="https://cdn.jsdelivr.net/npm/isometric-widgets@${MAJOR}/dist/${file}"></script>`));
    await page.getByRole('button', { name: 'Reset the theme' }).click();
    assert.equal(await preview(page, other).evaluate((el) => (el as HTMLElement).style.getPropertyValue('--iso-color-accent')), '');
    assert.doesNotMatch(await snippet(page, 'html'), /<style>/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('switching elements regenerates the form from the manifest', async () => {
    const { page } = await openBuilder('iso-project-card');
    for (const declaration of declarations) {
      const tag = declaration.tagName!;
      await page.getByLabel('Element', { exact: true }).selectOption(tag);
      await preview(page, tag).waitFor();
      const names = await page.locator('#builder-attributes [data-attribute]').evaluateAll((controls) => controls.map((control) => control.getAttribute('data-attribute')));
      assert.deepEqual(names, (declaration.attributes ?? []).map((attribute) => attribute.name), `${tag} fields`);
      assert.equal(new URL(page.url()).hash, `#${tag}`);
    }
    await page.context().close();
  });

  test('the preview stays in view while the form scrolls; fields fit their groups at 1280 and 375 px', async () => {
    const { page } = await openBuilder('iso-project-card');
    const last = page.locator('#builder-form input, #builder-form select').last();
    await last.scrollIntoViewIfNeeded();
    assert.ok((await page.evaluate(() => window.scrollY)) > 300, 'the form is taller than the window');
    const box = await page.locator('#builder-preview').boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 720, `the preview is in view at the end of the form (top ${box?.y})`);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 720 });
      const overflowing = await page.locator('#builder-form').evaluate((form) =>
        [...form.querySelectorAll('input, select')].filter((control) => {
          const group = control.closest('fieldset')!.getBoundingClientRect();
          const rect = control.getBoundingClientRect();
          return rect.left < group.left - 0.5 || rect.right > group.right + 0.5;
        }).map((control) => control.id),
      );
      assert.deepEqual(overflowing, [], `at ${width}px`);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `no sideways scroll at ${width}px`);
    }
    await page.context().close();
  });

  test('the copy button puts the snippet on the clipboard and says so', async () => {
    const { page } = await openBuilder('iso-project-card');
    await page.getByRole('button', { name: 'Copy HTML' }).click();
    // Said beside the button, in a status region (announced), and visible where the person looks.
    const status = page.locator('#snippet-html-status', { hasText: 'Copied the HTML page or CMS snippet.' });
    await status.waitFor();
    assert.equal(await status.getAttribute('role'), 'status');
    const [button, said] = await Promise.all([page.getByRole('button', { name: 'Copy HTML' }).boundingBox(), status.boundingBox()]);
    assert.ok(button && said && Math.abs(said.y + said.height / 2 - (button.y + button.height / 2)) < button.height, 'the status is on the button\'s line');
    const viewport = page.viewportSize()!;
    assert.ok(said.y >= 0 && said.y + said.height <= viewport.height && said.x + said.width <= viewport.width, 'the status is on screen');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await snippet(page, 'html'));
    await page.context().close();
  });
});

describe('the themes page', () => {
  const demo = useDemo();

  test('shows light, dark and brand themes through the tokens, under the strict CSP', async () => {
    const context = await demo.browser.newContext({ baseURL: demo.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto('/themes.html');
    // Every widget on the page has loaded.
    await page.waitForFunction(() => {
      const widgets = [...document.querySelectorAll('.theme-panel > *')].filter((el) => el.localName.startsWith('iso-'));
      return widgets.length === 12 && widgets.every((el) => el.shadowRoot?.querySelector('[part~="base"][aria-busy="false"]') && !el.shadowRoot.querySelector('[part~="error"]'));
    });
    const token = (name: string) => TOKENS.find((candidate) => candidate.name === name)!;
    // The surface each widget paints with, resolved inside its shadow root (its scheme, its tokens), as #rrggbb.
    const surfaces = await page.evaluate(() => {
      const context = document.createElement('canvas').getContext('2d')!;
      return [...document.querySelectorAll('.theme-panel')].map((panel) =>
        [...panel.querySelectorAll('iso-project-card, iso-impact-counter, iso-retirement-feed')].map((el) => {
          // A probe styled through the CSSOM (the page's CSP allows no style attributes), read through a canvas.
          const probe = document.createElement('span');
          probe.style.color = 'var(--_color-surface)';
          el.shadowRoot!.append(probe);
          context.fillStyle = getComputedStyle(probe).color;
          probe.remove();
          context.fillRect(0, 0, 1, 1);
          return `#${[...context.getImageData(0, 0, 1, 1).data.slice(0, 3)].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
        }),
      );
    });
    const brand = await page.locator('.brand-fjord').evaluate((el) => getComputedStyle(el).getPropertyValue('--iso-color-surface').trim());
    assert.deepEqual(surfaces, [
      Array(3).fill(token('--iso-color-surface').light),
      Array(3).fill(token('--iso-color-surface').dark),
      // One colour: the default surface of the visitor's scheme (light here).
      Array(3).fill(token('--iso-color-surface').light),
      Array(3).fill(brand),
    ]);
    assert.notEqual(brand, token('--iso-color-surface').light);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
