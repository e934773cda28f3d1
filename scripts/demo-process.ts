// The built demo server and the system Chromium, started as a person and CI would: shared by the
// end-to-end suite (test/e2e/support.ts) and `npm run screenshots`.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chromium, type Browser } from 'playwright-core';

const root = new URL('../', import.meta.url);

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
