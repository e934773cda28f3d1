import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

const root = new URL('../../', import.meta.url);

/** Starts the built demo server exactly as `npm start` does after building, on a free port. */
export async function startDemo(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['dist/server/demo/server.js'], {
    cwd: root,
    env: { ...process.env, PORT: '0', ISOMETRIC_API_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/[\d.:a-z[\]]+)\//.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`demo server exited (${code}): ${output}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Launches the system Chromium (CHROME_PATH, else /usr/bin/chromium) headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

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
