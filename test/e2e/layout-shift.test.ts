// Layout shift while the widgets load (issue 13): every demo page, at a phone's width and a
// laptop's, opened with no input, its Cumulative Layout Shift summed from navigation until every
// `iso-*` element has loaded (or failed) and the page has settled. Each element reserves its final
// box before its data arrives, so the sum stays under 0.02 (Web Vitals call 0.1 "good").
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { useDemo } from './support.js';

/** Highest CLS allowed on a demo page. */
const LIMIT = 0.02;

/**
 * Pages left out, with why. `hostile-data.html` is a deliberately broken fixture (markup in names, a
 * huge note) that tests safety, not a page a customer builds; `bench.html` renders nothing until
 * `npm run bench` drives it.
 */
const SKIPPED = new Set(['hostile-data.html', 'bench.html']);

const PAGES = readdirSync(new URL('../../demo/', import.meta.url))
  .filter((name) => name.endsWith('.html') && !SKIPPED.has(name))
  .sort();

/**
 * Pages whose shift comes from an element this suite does not own yet, run as `todo` (reported, not
 * failing) until that element reserves its box: on checkout.html the inline checkout form grows from
 * its ~312 px skeleton to its loaded ~880 px (issue 13, the checkout's part).
 */
const TODO: Readonly<Record<string, string>> = {
  'checkout.html': 'the inline <iso-checkout-button> grows from its skeleton (312 px) to its loaded form (~880 px)',
};

const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 800 },
];

/**
 * Installed in every frame before its scripts run: sums `layout-shift` entries without recent input
 * (as CLS does) and records, for the report, the nodes that moved; and records every element that
 * fired `iso-load` or `iso-error` (both bubble and are composed). A string, not a function: tsx's
 * name helpers would not exist in the page.
 */
const OBSERVE = `(() => {
  const state = { cls: 0, shifts: [], settled: new Set() };
  window.__layoutShift = state;
  const name = (node) => {
    let element = node && (node.nodeType === 1 ? node : node.parentElement);
    const path = [];
    while (element && path.length < 5) {
      path.unshift(element.localName + (element.id ? '#' + element.id : '') + (typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/).join('.') : ''));
      const parent = element.parentNode;
      if (parent instanceof ShadowRoot) path.unshift('»');
      element = parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
    }
    return path.join(' ');
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      state.cls += entry.value;
      state.shifts.push(entry.value.toFixed(4) + ' at ' + Math.round(entry.startTime) + ' ms: ' + (entry.sources || []).map((source) => name(source.node)).join(' | '));
    }
  }).observe({ type: 'layout-shift', buffered: true });
  for (const type of ['iso-load', 'iso-error']) document.addEventListener(type, (event) => state.settled.add(event.composedPath()[0] || event.target), true);
})();`;

/** Waits until every `iso-*` element of `frame`'s document (its widgets, not their inner parts) has loaded or failed. */
async function widgetsLoaded(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => {
    const state = (window as unknown as { __layoutShift?: { settled: Set<EventTarget> } }).__layoutShift;
    if (!state || document.readyState !== 'complete') return false;
    const widgets = [...document.querySelectorAll('*')].filter((element) => element.localName.startsWith('iso-') && customElements.get(element.localName));
    return widgets.every((widget) => state.settled.has(widget));
  });
}

/** Two animation frames: layout-shift entries of the last layout are delivered by then. */
function frames(frame: Frame): Promise<unknown> {
  return frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function measure(page: Page, url: string): Promise<{ cls: number; shifts: string[] }> {
  await page.goto(url, { waitUntil: 'load' });
  for (const frame of page.frames()) await widgetsLoaded(frame);
  // Settled: nothing left to fetch (a polling feed waits its interval, well over the 500 ms idle), then laid out.
  await page.waitForLoadState('networkidle');
  for (const frame of page.frames()) await widgetsLoaded(frame);
  for (const frame of page.frames()) await frames(frame);
  let cls = 0;
  const shifts: string[] = [];
  // A shift inside an embedded frame moves what the visitor sees too: it counts.
  for (const frame of page.frames()) {
    const result = await frame.evaluate(() => {
      const state = (window as unknown as { __layoutShift?: { cls: number; shifts: string[] } }).__layoutShift;
      return state ? { cls: state.cls, shifts: state.shifts } : { cls: 0, shifts: [] };
    });
    cls += result.cls;
    shifts.push(...result.shifts.map((shift) => (frame === page.mainFrame() ? shift : `[frame ${new URL(frame.url()).pathname}] ${shift}`)));
  }
  return { cls, shifts };
}

describe('layout shift while the widgets load', () => {
  const demo = useDemo();

  for (const name of PAGES) {
    for (const viewport of WIDTHS) {
      test(`/${name} at ${viewport.width} px: CLS ≤ ${LIMIT}`, { todo: TODO[name] }, async () => {
        const context = await demo.browser.newContext({ viewport, reducedMotion: 'no-preference' });
        try {
          const page = await context.newPage();
          await page.addInitScript({ content: OBSERVE });
          const { cls, shifts } = await measure(page, `${demo.url}/${name === 'index.html' ? '' : name}`);
          if (process.env.CLS_REPORT) process.stdout.write(`CLS /${name} ${viewport.width}: ${cls.toFixed(4)}\n`);
          assert.ok(cls <= LIMIT, `CLS ${cls.toFixed(4)} > ${LIMIT}:\n  ${shifts.join('\n  ')}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});
