// `npm run bench`: renders 100 project cards in Chromium against the local registry behind the proxy,
// for distinct and for identical projects, with the kit and with a hand-written DOM baseline fed the
// same JSON. Prints time to all-rendered, network requests, and the kit/baseline ratio.
import { startDemoServer } from '../demo/server.js';
import { launchBrowser } from '../test/e2e/support.js';

const CARDS = 100;
const RUNS = 5;

const demo = await startDemoServer({ port: 0, env: {} });
const browser = await launchBrowser();
try {
  const listing = (await (await fetch(`${demo.url}/api/projects?first=50`)).json()) as { nodes: { id: string }[] };
  const distinctIds = listing.nodes.map((p) => p.id);
  const scenarios = {
    distinct: Array.from({ length: CARDS }, (_, i) => distinctIds[i % distinctIds.length]!),
    identical: Array.from({ length: CARDS }, () => distinctIds[0]!),
  };

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`${CARDS} cards, median of ${RUNS} runs each (fresh page per run; ${distinctIds.length} distinct projects in the local registry)\n`);
  console.log('scenario'.padEnd(12), 'kit ms'.padStart(9), 'baseline ms'.padStart(12), 'ratio'.padStart(7), 'kit requests'.padStart(13), 'baseline requests'.padStart(18));
  for (const [name, ids] of Object.entries(scenarios)) {
    const times: Record<'kit' | 'baseline', number[]> = { kit: [], baseline: [] };
    const requests: Record<'kit' | 'baseline', number> = { kit: 0, baseline: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      for (const mode of ['kit', 'baseline'] as const) {
        const page = await browser.newPage();
        await page.goto(`${demo.url}/bench.html`);
        await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
        let count = 0;
        page.on('request', (request) => {
          if (new URL(request.url()).pathname.startsWith('/api/projects/')) count += 1;
        });
        const ms = await page.evaluate(
          (args) => (window as unknown as { runBench: (a: unknown) => Promise<number> }).runBench(args),
          { mode, ids },
        );
        times[mode].push(ms);
        requests[mode] = count;
        await page.close();
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
  }
} finally {
  await browser.close();
  await demo.close();
}
