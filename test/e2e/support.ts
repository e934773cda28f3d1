import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDemo } from '../../scripts/demo-process.js';

export { launchBrowser, startDemo };

/** The demo server and a browser shared by one `describe` block. */
export interface DemoContext {
  readonly url: string;
  readonly browser: Browser;
}

/** Starts the demo and a browser before the block's tests and stops both after them. */
export function useDemo(): DemoContext {
  let demo: Awaited<ReturnType<typeof startDemo>> | undefined;
  let browser: Browser | undefined;
  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });
  return {
    get url() {
      if (!demo) throw new Error('the demo is not running: use the context inside a test');
      return demo.url;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running: use the context inside a test');
      return browser;
    },
  };
}
