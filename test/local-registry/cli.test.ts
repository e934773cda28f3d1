// The `isometric-widgets-registry` CLI, run as a child process: it serves the registry where the
// environment says, with the credentials it says, and refuses a malformed PORT by name.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'src/local-registry/cli.ts';

function startCli(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the first stdout match of `pattern`; rejects if the process exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${output}`)));
  });
}

/** Stops a child this test started and waits until it is gone. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill();
  await exited;
}

async function collect(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('isometric-widgets-registry CLI', () => {
  it('serves the registry on the given host and port with the given credentials, and prints the URL', { timeout: 30_000 }, async () => {
    const child = startCli({ PORT: '0', HOST: '127.0.0.1', ISOMETRIC_CLIENT_SECRET: 'cli-secret', ISOMETRIC_ACCESS_TOKEN: 'cli-token' });
    try {
      const [, url] = await waitForOutput(child, /listening on (http:\/\/127\.0\.0\.1:\d+\/registry\/v0)\n/);
      const ok = await fetch(`${url}/projects?first=1`, { headers: { 'x-client-secret': 'cli-secret', authorization: 'Bearer cli-token' } });
      assert.equal(ok.status, 200);
      assert.equal(((await ok.json()) as { nodes: unknown[] }).nodes.length, 1);
      const defaults = await fetch(`${url}/projects`, { headers: { 'x-client-secret': 'local-client-secret', authorization: 'Bearer local-access-token' } });
      await defaults.body?.cancel();
      assert.equal(defaults.status, 403);
    } finally {
      await stop(child);
    }
  });

  it('uses the local default credentials when none are set', { timeout: 30_000 }, async () => {
    const child = startCli({ PORT: '0' });
    try {
      const [, url] = await waitForOutput(child, /listening on (http:\/\/\S+)\n/);
      const response = await fetch(`${url}/organisation`, { headers: { 'x-client-secret': 'local-client-secret', authorization: 'Bearer local-access-token' } });
      assert.equal(response.status, 200);
      await response.body?.cancel();
    } finally {
      await stop(child);
    }
  });

  for (const port of ['abc', '80.5', '-1', '65536']) {
    it(`refuses PORT=${port}, naming the variable`, { timeout: 30_000 }, async () => {
      const { code, stderr } = await collect(startCli({ PORT: port }));
      assert.equal(code, 1);
      assert.match(stderr, /PORT/);
    });
  }
});
