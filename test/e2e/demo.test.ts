import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SAMPLE_IDS } from '../../src/local-registry/index.js';
import { useDemo } from './support.js';

describe('the demo (`npm start`) in Chromium', () => {
  const demo = useDemo();

  test('a project card shows the project name from the local registry, loaded from the built bundle', async () => {
    const expected = (await (await fetch(`${demo.url}/registry/v0/projects/${SAMPLE_IDS.project}`, {
      headers: { 'x-client-secret': 'local-client-secret', authorization: 'Bearer local-access-token' },
    })).json()) as { name: string };

    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    const failed = new Set<string>();
    page.on('response', (response) => {
      if (response.status() >= 400) failed.add(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(`${demo.url}/`);
    const title = page.locator(`iso-project-card[project-id="${SAMPLE_IDS.project}"]`).first().locator('[part="title"]');
    await title.waitFor();
    await page.waitForFunction(
      (id) => document.querySelector(`iso-project-card[project-id="${id}"]`)?.shadowRoot?.querySelector('[part="title"]')?.textContent?.trim() !== '',
      SAMPLE_IDS.project,
    );
    assert.equal((await title.textContent())?.trim(), expected.name);
    assert.ok(scripts.includes('/dist/isometric-widgets.js'), `the page loads the built bundle (loaded: ${scripts.join(', ')})`);
    // The page runs under a strict CSP; a violation or a script error would show here.
    assert.deepEqual(errors.filter((e) => !e.startsWith('Failed to load resource')), []);
    await page.waitForFunction(() => document.querySelectorAll('iso-project-card').length > 0 && [...document.querySelectorAll('iso-project-card')].every((card) => card.shadowRoot?.querySelector('[aria-busy="false"]')));
    // Only the card that demonstrates a failing endpoint fails: the unknown project is a `200 null`, as the API answers it.
    assert.deepEqual([...failed].sort(), [`503 /demo-faults/projects/${SAMPLE_IDS.project}`]);
    await page.close();
  });

  test('error, not-found and hostile cases render safely', async () => {
    const page = await demo.browser.newPage();
    await page.goto(`${demo.url}/`);
    const kind = (id: string, endpoint?: string) =>
      page.waitForFunction(
        ([id, endpoint]) => {
          const selector = endpoint ? `iso-project-card[project-id="${id}"][endpoint="${endpoint}"]` : `iso-project-card[project-id="${id}"]:not([endpoint])`;
          return document.querySelector(selector)?.shadowRoot?.querySelector('[part="error"]')?.getAttribute('data-error-kind');
        },
        [id, endpoint] as const,
      );
    assert.equal(await (await kind('project-42')).jsonValue(), 'invalid-input');
    assert.equal(await (await kind('prj_ZZZZZZZZZZZZZZZZ')).jsonValue(), 'not-found');
    assert.equal(await (await kind(SAMPLE_IDS.project, '/demo-faults')).jsonValue(), 'unavailable');
    // Not found is final: no retry button; the failing endpoint offers one.
    const retry = (selector: string) =>
      page.evaluate((selector) => !!document.querySelector(selector)?.shadowRoot?.querySelector('[part~="retry-button"]'), selector);
    assert.equal(await retry('iso-project-card[project-id="prj_ZZZZZZZZZZZZZZZZ"]'), false);
    assert.equal(await retry('iso-project-card[endpoint="/demo-faults"]'), true);

    // The showcase shows no hostile fixture; the test page linked under "Test pages" does.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('iso-project-card:not([endpoint])')].every((card) => card.shadowRoot?.querySelector('[aria-busy="false"]')),
    );
    const titles = await page.evaluate(() => [...document.querySelectorAll('iso-project-card')].map((card) => card.shadowRoot?.querySelector('[part="title"]')?.textContent ?? ''));
    assert.ok(titles.some((title) => title.trim() !== ''));
    assert.deepEqual(titles.filter((title) => /[<>]/.test(title)), []);
    assert.equal(await page.locator(`iso-project-card[project-id="${SAMPLE_IDS.hostileProject}"]`).count(), 0);
    const testPages = page.locator('section[aria-labelledby="test-pages"] a[href="/hostile-data.html"]');
    assert.equal(await testPages.count(), 1);
    await testPages.click();
    await page.waitForURL(`${demo.url}/hostile-data.html`);

    const hostile = await page.waitForFunction((id) => {
      const root = document.querySelector(`iso-project-card[project-id="${id}"]`)?.shadowRoot;
      const title = root?.querySelector('[part="title"]')?.textContent?.trim();
      return title ? { title, images: root!.querySelectorAll('img').length, link: !!root!.querySelector('[part="link"]') } : undefined;
    }, SAMPLE_IDS.hostileProject);
    const result = (await hostile.jsonValue()) as { title: string; images: number; link: boolean };
    assert.match(result.title, /<img/);
    assert.equal(result.images, 0);
    assert.equal(result.link, false);
    const note = await page.waitForFunction(() => {
      const root = document.querySelector('iso-retirement-certificate')?.shadowRoot;
      const note = root?.querySelector('[part~="note"]');
      const text = note?.textContent ?? '';
      return text.includes('<b>') ? { text, bold: note!.querySelectorAll('b, a').length } : undefined;
    });
    assert.equal(((await note.jsonValue()) as { bold: number }).bold, 0, 'the note\'s markup is text');
    await page.close();
  });
});
