// The CLI's request log (one JSON line per request on stdout) and its start-up errors for new settings.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ACCESS_TOKEN, CLIENT_SECRET } from './support.js';

const CLI = fileURLToPath(new URL('../../src/proxy/cli.ts', import.meta.url));
const VALID = { ISOMETRIC_API_URL: 'http://127.0.0.1:9/registry/v0', ISOMETRIC_CLIENT_SECRET: CLIENT_SECRET, ISOMETRIC_ACCESS_TOKEN: ACCESS_TOKEN, PORT: '0' };

function start(env: Record<string, string>) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ISOMETRIC_') && name !== 'PORT' && name !== 'HOST'));
  const child = spawn(process.execPath, ['--import', 'tsx', CLI], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  /** Resolves once stdout holds `count` lines; fails if the CLI exits first. */
  const lines = async (count: number) => {
    while (output.stdout.split('\n').length - 1 < count) {
      const exited = once(child, 'exit').then(() => 'exit' as const);
      if ((await Promise.race([exited, once(child.stdout, 'data').then(() => 'data' as const)])) === 'exit') assert.fail(`the CLI exited: ${output.stderr}`);
    }
    return output.stdout.split('\n').slice(0, count);
  };
  return { child, output, lines };
}

describe('isometric-widgets-proxy (cli): logging and new settings', () => {
  it('logs one JSON line per request, without the raw path or a secret', async () => {
    const { child, output, lines } = start(VALID);
    try {
      const [banner] = await lines(1);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(banner ?? '')?.[1];
      assert.ok(url, banner);
      await (await fetch(`${url}healthz`)).text();
      await (await fetch(`${url}projects/prj_1CTWZQGKE1S0VAXA?x=private`)).text();
      const [, health, refused] = (await lines(3)).map((line, index) => (index === 0 ? {} : (JSON.parse(line) as Record<string, unknown>)));
      assert.equal(health?.['operation'], 'healthz');
      assert.equal(refused?.['operation'], 'GET /projects/{id}');
      assert.equal(refused?.['error'], 'unknown_parameter');
      assert.doesNotMatch(output.stdout, /private|prj_1CTWZQGKE1S0VAXA/);
      assert.ok(!output.stdout.includes(CLIENT_SECRET) && !output.stdout.includes(ACCESS_TOKEN));
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });

  it('guards /metrics with ISOMETRIC_METRICS_TOKEN and never logs the token', async () => {
    const token = 'cli_TEST_metrics_token_7d41';
    const { child, output, lines } = start({ ...VALID, ISOMETRIC_METRICS_TOKEN: token });
    try {
      const [banner] = await lines(1);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(banner ?? '')?.[1];
      assert.ok(url, banner);
      const refused = await fetch(`${url}metrics`, { headers: { authorization: `Bearer ${token}-wrong` } });
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      await refused.text();
      const served = await fetch(`${url}metrics`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(served.status, 200);
      assert.match(await served.text(), /^isometric_proxy_requests_total\{operation="metrics",status="4xx"\} 1$/m);
      const entries = (await lines(3)).slice(1).map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(entries.map((entry) => [entry['operation'], entry['status']]), [['metrics', 401], ['metrics', 200]]);
      assert.ok(!output.stdout.includes(token) && !output.stderr.includes(token), 'the token reached the log');
      assert.doesNotMatch(output.stdout, /authorization|bearer/i);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });

  it('exits 1 naming a bad new setting', async () => {
    for (const [name, value] of [['ISOMETRIC_RATE_LIMIT_READS', 'many'], ['ISOMETRIC_LOG', 'loud'], ['ISOMETRIC_SCOPE_PROJECTS', 'spl_11ETTCDYC3BAWRXK'], ['ISOMETRIC_METRICS_TOKEN', 'short-token']] as const) {
      const { child, output } = start({ ...VALID, [name]: value });
      const [code] = await once(child, 'exit');
      assert.equal(code, 1);
      assert.match(output.stderr, new RegExp(`^isometric-widgets-proxy: ${name} `));
      if (name === 'ISOMETRIC_METRICS_TOKEN') assert.ok(!output.stderr.includes(value), 'the token is not echoed');
    }
  });
});
