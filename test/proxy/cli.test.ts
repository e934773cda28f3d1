import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ACCESS_TOKEN, CLIENT_SECRET } from './support.js';

const CLI = fileURLToPath(new URL('../../src/proxy/cli.ts', import.meta.url));

/** Starts the CLI with a clean environment: no ISOMETRIC_* variables but those given. */
function start(env: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ISOMETRIC_') && name !== 'PORT' && name !== 'HOST'));
  const child = spawn(process.execPath, ['--import', 'tsx', CLI], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  return { child, output };
}

const VALID = {
  ISOMETRIC_API_URL: 'http://127.0.0.1:9/registry/v0',
  ISOMETRIC_CLIENT_SECRET: CLIENT_SECRET,
  ISOMETRIC_ACCESS_TOKEN: ACCESS_TOKEN,
};

describe('isometric-widgets-proxy (cli)', () => {
  it('exits 1 naming the missing variable', async () => {
    const { child, output } = start({});
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.match(output.stderr, /^isometric-widgets-proxy: ISOMETRIC_API_URL is required/);
    assert.equal(output.stdout, '');
  });

  it('exits 1 on a bad PORT or setting, without echoing secrets', async () => {
    for (const [env, name] of [[{ ...VALID, PORT: 'http' }, 'PORT'], [{ ...VALID, ISOMETRIC_CACHE_TTL: '-5' }, 'ISOMETRIC_CACHE_TTL']] as const) {
      const { child, output } = start(env);
      const [code] = await once(child, 'exit');
      assert.equal(code, 1);
      assert.match(output.stderr, new RegExp(`^isometric-widgets-proxy: ${name} `));
      assert.ok(!output.stderr.includes(CLIENT_SECRET) && !output.stderr.includes(ACCESS_TOKEN));
    }
  });

  it('serves the proxy and prints its URL', async () => {
    const { child, output } = start({ ...VALID, PORT: '0', HOST: '127.0.0.1', ISOMETRIC_BASE_PATH: '/api' });
    try {
      while (!output.stdout.includes('\n')) {
        const exited = once(child, 'exit').then(() => 'exit' as const);
        const data = once(child.stdout, 'data').then(() => 'data' as const);
        if ((await Promise.race([exited, data])) === 'exit') assert.fail(`the CLI exited: ${output.stderr}`);
      }
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/api\/)/.exec(output.stdout)?.[1];
      assert.ok(url, output.stdout);
      const health = await fetch(`${url}healthz`);
      assert.deepEqual(await health.json(), { ok: true });
      const refused = await fetch(`${url}beneficiaries`);
      assert.equal(refused.status, 403);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });
});
