// Ways of putting the kit on a page, in Chromium against the built demo server (`npm run build` first):
// the one-file bundle, the autoloader, loading twice, a strict CSP, fallback content, the iframe
// embed and the badges.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CSP } from '../../demo/static.js';
import type * as Autoloader from '../../src/autoloader.js';
import { SAMPLE_IDS } from '../../src/local-registry/index.js';
import { regionNamed } from '../support/regions.js';
import { launchBrowser, startDemo } from './support.js';

const TAGS = ['iso-checkout-button', 'iso-impact-counter', 'iso-project-card', 'iso-retirement-certificate', 'iso-retirement-feed'];
const dist = new URL('../../dist/', import.meta.url);

/** The chunks a built entry imports statically, as server paths (`/dist/chunks/shared-….js`). */
function staticImports(entry: string): string[] {
  const code = readFileSync(new URL(entry, dist), 'utf8');
  return [...code.matchAll(/from\s*["']\.\/(chunks\/[^"']+)["']/g)].map((match) => `/dist/${match[1]}`);
}

interface Watched {
  scripts: string[];
  errors: string[];
  warnings: string[];
}

/** Records script requests, page errors, console errors and warnings of a page (and its frames). */
function watch(page: Page): Watched {
  const watched: Watched = { scripts: [], errors: [], warnings: [] };
  page.on('request', (request) => {
    if (request.resourceType() === 'script') watched.scripts.push(new URL(request.url()).pathname);
  });
  page.on('pageerror', (error) => watched.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(message.text());
    if (message.type() === 'warning') watched.warnings.push(message.text());
  });
  return watched;
}

const defined = (page: Page, tags: string[]) => page.waitForFunction((names) => names.every((name) => customElements.get(name)), tags);

describe('embedding the kit, in Chromium', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  let projectName: string;

  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
    const project = await fetch(`${demo.url}/api/projects/${SAMPLE_IDS.project}`);
    projectName = ((await project.json()) as { name: string }).name;
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('the one-file bundle defines every element and requests no chunk', async () => {
    const page = await browser.newPage();
    const watched = watch(page);
    await page.goto(`${demo.url}/fallback.html`);
    await defined(page, TAGS);
    assert.deepEqual(watched.scripts, ['/dist/isometric-widgets.js']);
    const exported = await page.evaluate(async (url) => Object.keys(await import(url)).sort(), '/dist/isometric-widgets.js');
    for (const name of ['IsoProjectCard', 'IsoCheckoutButton', 'configure']) assert.ok(exported.includes(name), `the bundle exports ${name}`);
    assert.deepEqual(watched.errors, []);
    await page.close();
  });

  test('the bundle carries English only; a German card fetches its strings and country codes as JSON checked against the bundle\'s SRI hashes', async () => {
    const bundle = readFileSync(new URL('isometric-widgets.js', dist), 'utf8');
    const files = [...bundle.matchAll(/["'`](i18n\/[\w.-]+\.json)["'`],\s*["'`](sha384-[\w+/=]+)["'`]/g)].map(([, file, integrity]) => ({ file: file!, integrity: integrity! }));
    assert.equal(files.filter(({ file }) => /\.(?:de|fr)-/.test(file)).length, 12, 'common and five element catalogs, in German and French');
    assert.equal(files.filter(({ file }) => /^i18n\/countries-/.test(file)).length, 1, 'and the country code table');
    for (const { file, integrity } of files) {
      const body = readFileSync(new URL(file, dist));
      assert.equal(integrity, `sha384-${createHash('sha384').update(body).digest('base64')}`, `${file}: the hash in the bundle is the file's`);
    }
    assert.doesNotMatch(bundle, /Stillgelegte Zertifikate|Crédits retirés/, 'no German or French string is in the bundle');

    // The page: one card under the demo's CSP, served by the demo server (only the HTML is routed).
    const html = (lang: string) => `<!doctype html><html lang="${lang}"><head><meta name="iso-endpoint" content="/api">
      <script type="module" src="/dist/isometric-widgets.js"></script></head>
      <body><iso-project-card project-id="${SAMPLE_IDS.project}"></iso-project-card></body></html>`;
    const open = async (lang: string, tamper = false) => {
      const page = await browser.newPage();
      const watched = watch(page);
      const fetched: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/dist/i18n/')) fetched.push(new URL(request.url()).pathname);
      });
      await page.route(`${demo.url}/translated.html`, (route) => route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': DEMO_CSP }, body: html(lang) }));
      if (tamper) {
        await page.route(/\/dist\/i18n\/project-card\.messages\.de-/, async (route) => {
          const response = await route.fetch();
          const strings = (await response.json()) as Record<string, string>;
          await route.fulfill({ response, json: { ...strings, issued: '<img src=x onerror=alert(1)>' } });
        });
      }
      // The warning a refused translation gives; undefined if none comes (or the page closes first).
      const refused = page.waitForEvent('console', { predicate: (message) => message.type() === 'warning' && message.text().includes('[iso-locale-load]') }).catch(() => undefined);
      await page.goto(`${demo.url}/translated.html`);
      await page.locator('iso-project-card').locator('[part="title"]', { hasText: projectName }).waitFor();
      return { page, watched, fetched, refused };
    };
    const issuedLabel = (page: Page) => page.locator('iso-project-card').locator('[part="figures"] dt').first();

    const english = await open('en');
    assert.equal(await issuedLabel(english.page).textContent(), 'Issued for sale');
    assert.deepEqual(english.fetched, [], 'an English page fetches no strings');
    assert.deepEqual(english.watched.errors, []);
    await english.page.close();

    const german = await open('de');
    await german.page.waitForFunction(() => document.querySelector('iso-project-card')?.shadowRoot?.textContent?.includes('Zum Verkauf ausgegeben'));
    const wanted = files.filter(({ file }) => /^i18n\/(?:(?:common|project-card\.messages)\.de|countries)-/.test(file)).map(({ file }) => `/dist/${file}`);
    assert.equal(wanted.length, 3);
    // The country is named by Intl once the code table is there ("Kanada"), not as the registry names it in English.
    const project = (await (await fetch(`${demo.url}/api/projects/${SAMPLE_IDS.project}`)).json()) as { location: { country_name: string } };
    const inGerman = regionNamed(project.location.country_name, 'de');
    await german.page.waitForFunction((name) => document.querySelector('iso-project-card')?.shadowRoot?.querySelector('[part="facts"] dd:nth-of-type(2)')?.textContent?.includes(name), inGerman);
    assert.deepEqual([...german.fetched].sort(), wanted.sort(), 'the card\'s German strings, the common ones and the country codes, once each');
    assert.deepEqual(german.watched.errors, []);
    await german.page.close();

    // A file changed on the way (a compromised CDN): the browser refuses it, the card stays English and says why.
    const tampered = await open('de', true);
    // The common strings arrive untouched (a status in German), the card's are refused.
    await tampered.page.waitForFunction(() => document.querySelector('iso-project-card')?.shadowRoot?.querySelector('[part~="status"]')?.textContent === 'Validiert');
    assert.match((await tampered.refused)?.text() ?? '(no warning)', /"de"/, 'the refused file is reported');
    assert.equal(await issuedLabel(tampered.page).textContent(), 'Issued for sale');
    assert.equal(await tampered.page.locator('iso-project-card').locator('img').count(), 0);
    await tampered.page.close();
  });

  test('every element works under a strict CSP: no violation, no console error, the checkout dialog opens', async () => {
    const page = await browser.newPage();
    const watched = watch(page);
    // Init scripts run through the debugger protocol, outside the page's CSP.
    await page.addInitScript(() => {
      const record = window as unknown as { violations: string[]; loaded: string[] };
      record.violations = [];
      record.loaded = [];
      document.addEventListener('securitypolicyviolation', (event) => record.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
      document.addEventListener('iso-load', (event) => record.loaded.push((event.target as Element).localName));
    });
    const response = await page.goto(`${demo.url}/csp.html`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // Six elements: the project card, counter, certificate, feed and two checkout buttons.
    await page.waitForFunction(() => (window as unknown as { loaded: string[] }).loaded.length >= 6);
    const loaded = await page.evaluate(() => [...new Set((window as unknown as { loaded: string[] }).loaded)].sort());
    assert.deepEqual(loaded, TAGS);
    await page.locator('iso-checkout-button:not([inline])').locator('[part~="button"]').click();
    await page.locator('iso-checkout-button:not([inline])').locator('dialog[open]').waitFor();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), []);
    assert.deepEqual(watched.errors, []);
    await page.close();
  });

  test('the autoloader loads only the card on a card-only page, then elements added later and in shadow roots', async () => {
    const page = await browser.newPage();
    const watched = watch(page);
    await page.goto(`${demo.url}/autoloader.html`);
    await page.locator('iso-project-card').locator('[part="title"]', { hasText: projectName }).waitFor();
    const cardFiles = ['/dist/autoloader.js', '/dist/project-card.js', ...staticImports('project-card.js')];
    assert.deepEqual([...watched.scripts].sort(), [...cardFiles].sort(), 'only the autoloader, the card and the chunks it imports');

    // A card added later: the MutationObserver sees it; the shared chunk is not fetched again.
    await page.evaluate((id) => {
      const counter = document.createElement('iso-impact-counter');
      counter.setAttribute('organisation-id', id);
      document.querySelector('#cards')!.append(counter);
    }, SAMPLE_IDS.organisation);
    await defined(page, ['iso-impact-counter']);
    const later = watched.scripts.slice(cardFiles.length);
    assert.deepEqual(later.filter((path) => path !== '/dist/impact-counter.js'), staticImports('impact-counter.js').filter((path) => !cardFiles.includes(path)));

    // Inside an open shadow root: discover(root) defines what is there and watches the root from then on.
    const upgraded = await page.evaluate(async (ids) => {
      const autoloader = (await import(ids.autoloader)) as typeof Autoloader;
      const host = document.createElement('div');
      document.body.append(host);
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = `<iso-retirement-certificate retirement-id="${ids.retirement}"></iso-retirement-certificate>`;
      await autoloader.discover(root);
      const certificate = root.querySelector('iso-retirement-certificate')!;
      const feed = document.createElement('iso-retirement-feed');
      feed.setAttribute('beneficiary-id', ids.organisation);
      root.append(feed);
      await customElements.whenDefined('iso-retirement-feed');
      const Checkout = await autoloader.whenDefined('iso-checkout-button');
      await autoloader.ready;
      return {
        certificate: certificate instanceof customElements.get('iso-retirement-certificate')!,
        feed: root.querySelector('iso-retirement-feed') instanceof customElements.get('iso-retirement-feed')!,
        checkout: Checkout === customElements.get('iso-checkout-button'),
      };
    }, { retirement: SAMPLE_IDS.retirement, organisation: SAMPLE_IDS.organisation, autoloader: '/dist/autoloader.js' });
    assert.deepEqual(upgraded, { certificate: true, feed: true, checkout: true });
    for (const name of ['retirement-certificate', 'retirement-feed', 'checkout-button']) assert.ok(watched.scripts.includes(`/dist/${name}.js`), `${name}.js loaded on demand`);
    assert.equal(new Set(watched.scripts).size, watched.scripts.length, 'no file is fetched twice');
    await page.evaluate(async (url) => {
      const autoloader = (await import(url)) as typeof Autoloader;
      await autoloader.whenDefined('iso-not-ours' as 'iso-project-card').then(
        () => Promise.reject(new Error('whenDefined accepted an unknown tag')),
        (error: unknown) => {
          if (!(error instanceof TypeError)) throw error;
        },
      );
    }, '/dist/autoloader.js');
    assert.deepEqual(watched.errors, []);
    await page.close();
  });

  test('loading the kit twice (bundle, then per-element modules) warns once per tag and keeps the first definition', async () => {
    const page = await browser.newPage();
    const watched = watch(page);
    await page.goto(`${demo.url}/fallback.html`);
    await defined(page, TAGS);
    const first = await page.evaluate(async (url) => (await import(url)).IsoProjectCard === customElements.get('iso-project-card'), '/dist/isometric-widgets.js');
    assert.equal(first, true);

    await page.addScriptTag({ type: 'module', url: '/dist/project-card.js' });
    // The module graph's index.js shares project-card.js and its guard, then defines the other four.
    await page.addScriptTag({ type: 'module', url: '/dist/index.js' });
    // (No named functions inside page functions: tsx would wrap them in a helper the page lacks.)
    const kept = await page.evaluate(async ([bundleUrl, cardUrl]) => {
      const bundle = await import(bundleUrl);
      const second = await import(cardUrl);
      return { first: bundle.IsoProjectCard === customElements.get('iso-project-card'), secondIsOther: second.IsoProjectCard !== bundle.IsoProjectCard };
    }, ['/dist/isometric-widgets.js', '/dist/project-card.js'] as const);
    assert.deepEqual(kept, { first: true, secondIsOther: true });
    const repeats = (tag: string) => watched.warnings.filter((text) => text.includes(`<${tag}> is already defined`)).length;
    for (const tag of TAGS) assert.equal(repeats(tag), 1, `one warning for <${tag}>`);
    assert.deepEqual(watched.errors, [], 'no NotSupportedError or other error');

    // A card made after all that is still the first definition and renders.
    await page.evaluate((id) => {
      const card = document.createElement('iso-project-card');
      card.id = 'late';
      card.setAttribute('project-id', id);
      document.body.append(card);
    }, SAMPLE_IDS.project);
    await page.locator('#late').locator('[part="title"]', { hasText: projectName }).waitFor();
    await page.close();
  });

  test('the main entry exports ready and whenDefined', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/fallback.html`);
    const result = await page.evaluate(async (url) => {
      const kit = (await import(url)) as { ready: Promise<void>; whenDefined: (tag: string) => Promise<unknown> };
      await kit.ready;
      return (await kit.whenDefined('iso-project-card')) === customElements.get('iso-project-card');
    }, '/dist/isometric-widgets.js');
    assert.equal(result, true);
    await page.close();
  });

  test('fallback content shows without JavaScript and before the script runs, and is hidden once defined', async () => {
    const fallbacks = ['iso-project-card', 'iso-impact-counter', 'iso-retirement-certificate', 'iso-retirement-feed'];
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const still = await noScript.newPage();
    await still.goto(`${demo.url}/fallback.html`);
    for (const tag of fallbacks) assert.equal(await still.locator(`${tag} > .fallback`).isVisible(), true, `${tag}'s fallback shows without JavaScript`);
    assert.equal(await still.locator('main').getByText('Buy carbon removal').isVisible(), true);
    await noScript.close();

    const page = await browser.newPage();
    const watched = watch(page);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/dist/isometric-widgets.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${demo.url}/fallback.html`, { waitUntil: 'commit' });
    for (const tag of fallbacks) await page.locator(`${tag} > .fallback`).waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => customElements.get('iso-project-card')), undefined, 'still not defined');
    release();
    await defined(page, TAGS);
    for (const tag of fallbacks) await page.locator(`${tag} > .fallback`).waitFor({ state: 'hidden' });
    // The checkout button's default slot is its label: the same text, now the button's name.
    await page.getByRole('button', { name: 'Buy carbon removal' }).waitFor();
    assert.deepEqual(watched.errors, []);
    await page.close();
  });

  test('the iframe embed renders a working card and sizes its frame from the resize message', async () => {
    const page = await browser.newPage();
    const watched = watch(page);
    await page.addInitScript(() => {
      const record = window as unknown as { resizes: unknown[] };
      record.resizes = [];
      if (window.top === window) addEventListener('message', (event) => record.resizes.push(event.data));
    });
    await page.goto(`${demo.url}/embed.html`);
    const frame = page.frameLocator('iframe[data-iso-embed]');
    await frame.locator('iso-project-card').locator('[part="title"]', { hasText: projectName }).waitFor();
    // The frame's height follows its content once the card has rendered.
    await page.waitForFunction(() => {
      const iframe = document.querySelector<HTMLIFrameElement>('iframe[data-iso-embed]')!;
      const content = Math.ceil(iframe.contentDocument!.documentElement.getBoundingClientRect().height);
      return content > 150 && iframe.style.height === `${content}px`;
    });
    const messages = await page.evaluate(() => (window as unknown as { resizes: { type: string; height: number }[] }).resizes);
    assert.ok(messages.length > 0 && messages.every((m) => m.type === 'iso-embed-resize' && Number.isInteger(m.height)), JSON.stringify(messages));
    const embedCsp = await page.evaluate(async () => (await fetch(document.querySelector<HTMLIFrameElement>('iframe[data-iso-embed]')!.src)).headers.get('content-security-policy'));
    assert.match(embedCsp ?? '', /frame-ancestors 'self'/);
    assert.deepEqual(watched.errors, [], 'no error and no CSP violation in the page or the frame');
    await page.close();
  });

  test('badges load in <img> and parse as SVG with an accessible title', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/embed.html`);
    await page.waitForFunction(() => [...document.querySelectorAll('img')].every((img) => img.complete));
    const images = await page.evaluate(async () =>
      Promise.all(
        [...document.querySelectorAll('img')].map(async (img) => {
          const text = await (await fetch(img.src)).text();
          const svg = new DOMParser().parseFromString(text, 'image/svg+xml');
          return {
            width: img.naturalWidth,
            parseError: svg.querySelector('parsererror') !== null,
            root: svg.documentElement.localName,
            title: svg.querySelector('title')?.textContent ?? '',
            label: svg.documentElement.getAttribute('aria-label'),
            texts: [...svg.querySelectorAll('text')].map((t) => t.textContent),
          };
        }),
      ),
    );
    assert.equal(images.length, 2);
    for (const image of images) {
      assert.ok(image.width > 40, 'the image rendered');
      assert.equal(image.parseError, false);
      assert.equal(image.root, 'svg');
      assert.ok(image.title.includes('Isometric Registry'));
      assert.equal(image.label, image.title);
      assert.match(image.texts[1] ?? '', /^[\d,.]+ t/);
    }
    assert.match(images[0]!.title, /^[\d,.]+ t of CO₂e retired for Northwind Traders\b/);
    await page.close();
  });
});
