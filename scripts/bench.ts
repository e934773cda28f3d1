// `npm run bench`: renders 100 project cards in Chromium against the local registry behind the proxy,
// for distinct and for identical projects, with the kit and with a hand-written DOM baseline fed the
// same JSON. Prints time to all-rendered, network requests, and the kit/baseline ratio; then, from a
// separate traced run of each (tracing slows a page, so those runs are not timed), how much of the
// main thread went to layout and to style recalculation, which says where the kit's time goes.
import type { Browser } from 'playwright-core';
import { startDemoServer } from '../demo/server.js';
import { launchBrowser } from '../test/e2e/support.js';

const CARDS = 100;
const RUNS = 5;
const TRACED_RUNS = 3;

type Mode = 'kit' | 'baseline';

interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** One fresh page rendering `ids` in `mode`: the page's own time, its project requests and, when traced, main-thread layout and style ms. */
async function render(browser: Browser, url: string, mode: Mode, ids: string[], traced: boolean): Promise<{ ms: number; requests: number; layout: number; style: number }> {
  const page = await browser.newPage();
  await page.goto(`${url}/bench.html`);
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
  let requests = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/projects/')) requests += 1;
  });
  const cdp = traced ? await page.context().newCDPSession(page) : undefined;
  const events: TraceEvent[] = [];
  let complete: Promise<unknown> = Promise.resolve();
  if (cdp) {
    cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
    complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  }
  const ms = await page.evaluate((args) => (window as unknown as { runBench: (a: unknown) => Promise<number> }).runBench(args), { mode, ids });
  let layout = 0;
  let style = 0;
  if (cdp) {
    await cdp.send('Tracing.end');
    await complete;
    const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')?.tid;
    for (const event of events) {
      if (event.ph !== 'X' || event.tid !== main || !event.dur) continue;
      if (event.name === 'Layout') layout += event.dur / 1000;
      if (event.name === 'UpdateLayoutTree') style += event.dur / 1000;
    }
  }
  await page.close();
  return { ms, requests, layout, style };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const demo = await startDemoServer({ port: 0, env: {} });
const browser = await launchBrowser();
try {
  const listing = (await (await fetch(`${demo.url}/api/projects?first=50`)).json()) as { nodes: { id: string }[] };
  const distinctIds = listing.nodes.map((p) => p.id);
  const scenarios = {
    distinct: Array.from({ length: CARDS }, (_, i) => distinctIds[i % distinctIds.length]!),
    identical: Array.from({ length: CARDS }, () => distinctIds[0]!),
  };

  console.log(`${CARDS} cards, median of ${RUNS} runs each (fresh page per run; ${distinctIds.length} distinct projects in the local registry)\n`);
  console.log('scenario'.padEnd(12), 'kit ms'.padStart(9), 'baseline ms'.padStart(12), 'ratio'.padStart(7), 'kit requests'.padStart(13), 'baseline requests'.padStart(18));
  const breakdown: string[] = [];
  for (const [name, ids] of Object.entries(scenarios)) {
    const times: Record<Mode, number[]> = { kit: [], baseline: [] };
    const requests: Record<Mode, number> = { kit: 0, baseline: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      for (const mode of ['kit', 'baseline'] as const) {
        const result = await render(browser, demo.url, mode, ids, false);
        times[mode].push(result.ms);
        requests[mode] = result.requests;
      }
    }
    const kit = median(times.kit);
    const baseline = median(times.baseline);
    console.log(
      name.padEnd(12),
      kit.toFixed(1).padStart(9),
      baseline.toFixed(1).padStart(12),
      `${(kit / baseline).toFixed(2)}×`.padStart(7),
      String(requests.kit).padStart(13),
      String(requests.baseline).padStart(18),
    );
    if (name === 'identical' && requests.kit !== 1) {
      console.error(`bench: ${CARDS} identical cards made ${requests.kit} requests; expected 1.`);
      process.exitCode = 1;
    }
    for (const mode of ['kit', 'baseline'] as const) {
      const traced = [];
      for (let run = 0; run < TRACED_RUNS; run += 1) traced.push(await render(browser, demo.url, mode, ids, true));
      const layout = median(traced.map((t) => t.layout));
      const style = median(traced.map((t) => t.style));
      const ms = median(traced.map((t) => t.ms));
      breakdown.push(
        `${name.padEnd(12)} ${mode.padEnd(9)} ${ms.toFixed(0).padStart(9)} ${layout.toFixed(0).padStart(10)} ${style.toFixed(0).padStart(9)} ${`${((layout + style) / ms * 100).toFixed(0)}%`.padStart(12)}`,
      );
    }
  }
  console.log(`\nWhere the time goes: median of ${TRACED_RUNS} traced runs (slower than the timed ones), main-thread ms`);
  console.log('scenario'.padEnd(12), 'mode'.padEnd(9), 'total ms'.padStart(9), 'layout ms'.padStart(10), 'style ms'.padStart(9), 'layout+style'.padStart(12));
  for (const line of breakdown) console.log(line);
} finally {
  await browser.close();
  await demo.close();
}
