// The demo pages are static HTML under a CSP without inline scripts, so each carries the navigation
// itself: this test keeps them one navigation. Every page (but the benchmark harness) has the same
// links in the same order, marks itself with aria-current="page", and is linked from it.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { describe, test } from 'node:test';

const demo = new URL('../../demo/', import.meta.url);
/** Driven by `npm run bench`, not read by people. */
const HARNESSES = new Set(['bench.html']);

interface Link {
  href: string;
  text: string;
  current: boolean;
}

function navigation(html: string): Link[] | undefined {
  const nav = /<nav class="site-nav" aria-label="Demo pages">([\s\S]*?)<\/nav>/.exec(html)?.[1];
  if (nav === undefined) return undefined;
  return [...nav.matchAll(/<a href="([^"]+)"( aria-current="page")?>([^<]+)<\/a>/g)].map((match) => ({ href: match[1]!, current: !!match[2], text: match[3]!.trim() }));
}

const pages = (await readdir(demo)).filter((name) => name.endsWith('.html') && !HARNESSES.has(name)).sort();
const navs = new Map(await Promise.all(pages.map(async (name) => [name, navigation(await readFile(new URL(name, demo), 'utf8'))] as const)));

describe('demo pages', () => {
  test('every page has the site navigation', () => {
    assert.deepEqual(pages.filter((name) => !navs.get(name)?.length), []);
  });

  test('the navigation is the same on every page, links every page and marks the page it is on', () => {
    const reference = navs.get('index.html')!.map(({ href, text }) => ({ href, text }));
    const linked = reference.map(({ href }) => (href === '/' ? 'index.html' : href.slice(1))).sort();
    assert.deepEqual(linked, pages, 'the navigation links every demo page, and only those');
    for (const name of pages) {
      const links = navs.get(name)!;
      assert.deepEqual(links.map(({ href, text }) => ({ href, text })), reference, `${name} has the same navigation as index.html`);
      const self = name === 'index.html' ? '/' : `/${name}`;
      assert.deepEqual(links.filter((link) => link.current).map((link) => link.href), [self], `${name} marks itself, and only itself, as the current page`);
    }
  });
});
