// `npm run screenshots`: builds the package, starts the demo server (as `npm start` does, on a free
// port) and writes a full-page PNG of every demo page at 375 and 1280 px, in light and dark, to
// `screenshots/` (ignored by git). Each shot waits for its widgets to finish loading (every `iso-*`
// element defined and no longer busy, also inside same-origin iframes), for fonts, and for the network
// to go quiet (translations arrive after the first render); motion is reduced, so counters show their
// final value. Not part of `npm test`: it is for looking, in review and in pull requests.
//
//   npm run screenshots                     every page
//   npm run screenshots -- rtl builder      pages whose file name contains one of the words
//   npm run screenshots -- --no-build       reuse dist/ from an earlier build
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, startDemo } from './demo-process.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(root, 'screenshots');
const WIDTHS = [375, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;
/** Pages that are harnesses for other scripts, not pages a person reads. */
const SKIPPED = new Set(['bench.html']);
/** How long one page may take to settle before the script gives up on it (a bound, not a pause). */
const TIMEOUT = 30_000;

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const filters = args.filter((arg) => !arg.startsWith('--'));

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed (${result.status ?? result.signal})`);
}

/**
 * Resolves when every `iso-*` element in the frame is defined and rendered, and none is busy: its
 * base part has `aria-busy="false"`, or it shows an error (the demo's failing examples).
 */
async function widgetsSettled(frame: Frame): Promise<void> {
  await frame.waitForFunction(
    () => {
      if (document.readyState !== 'complete') return false;
      const widgets = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('iso-'));
      return widgets.every((el) => {
        if (!customElements.get(el.localName)) return false;
        const base = el.shadowRoot?.querySelector('[part~="base"]');
        return !!base && base.getAttribute('aria-busy') !== 'true';
      });
    },
    undefined,
    { timeout: TIMEOUT, polling: 'raf' },
  );
  await frame.evaluate(async () => {
    await document.fonts.ready;
    const widgets = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('iso-'));
    await Promise.all(widgets.map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  });
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  for (const frame of page.frames()) {
    // Cross-origin or blank frames have no widgets of ours to wait for.
    if (frame.url().startsWith(new URL(page.url()).origin)) await widgetsSettled(frame);
  }
  // Translations and the country table load after the first render; the demo polls nothing faster
  // than networkidle's 500 ms. A page that keeps a request open (the live feed on a busy machine) is
  // still captured: its widgets have settled above.
  await page.waitForLoadState('networkidle', { timeout: TIMEOUT / 3 }).catch(() => console.warn(`${page.url()}: the network did not go quiet; captured anyway`));
  for (const frame of page.frames()) {
    if (frame.url().startsWith(new URL(page.url()).origin)) await widgetsSettled(frame);
  }
}

/**
 * Makes the viewport as tall as the page. Cards use `content-visibility: auto`, so a full-page shot
 * of a page taller than its viewport would show the cards far from it as empty boxes; laid out, they
 * change the page's height, so this repeats until the height holds.
 */
async function showWholePage(page: Page, width: number): Promise<void> {
  let height = 0;
  for (let round = 0; round < 5; round += 1) {
    const next = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    if (next === height) return;
    height = next;
    await page.setViewportSize({ width, height });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
}

async function main(): Promise<void> {
  if (build) run('npm', ['run', 'build']);
  const pages = readdirSync(join(root, 'demo'))
    .filter((name) => name.endsWith('.html') && !SKIPPED.has(name))
    .filter((name) => filters.length === 0 || filters.some((word) => name.includes(word)))
    .sort();
  if (pages.length === 0) throw new Error(`no demo page matches ${filters.join(', ')}`);
  mkdirSync(OUT, { recursive: true });

  const server = await startDemo();
  const browser = await launchBrowser();
  const failures: string[] = [];
  try {
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce', baseURL: server.url });
        for (const name of pages) {
          const file = join(OUT, `${name.replace(/\.html$/, '')}-${width}-${scheme}.png`);
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(error.message));
          try {
            await page.goto(`/${name === 'index.html' ? '' : name}`);
            await settle(page);
            await showWholePage(page, width);
            await page.screenshot({ path: file, fullPage: true });
            console.log(`${file.slice(root.length)}${errors.length > 0 ? `  (page errors: ${errors.join('; ')})` : ''}`);
          } catch (error) {
            failures.push(`${name} at ${width}px, ${scheme}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
          } finally {
            await page.close();
          }
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  if (failures.length > 0) {
    console.error(`\nNot captured:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
