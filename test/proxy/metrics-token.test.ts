// ISOMETRIC_METRICS_TOKEN: /metrics behind a bearer token, over loopback HTTP, never readable
// cross-origin, never logged; and its start-up checks.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ConfigError, createProxy, loadConfig, resolveConfig, serve, type ProxyOptions } from '../../src/proxy/index.js';
import type { RequestLogEntry } from '../../src/proxy/metrics.js';
import { ACCESS_TOKEN, baseOptions, CLIENT_SECRET, recordingFetch, refusal } from './support.js';

const TOKEN = 'mt_TEST_metrics_token_5b1c9e0f';
const ENV = { ISOMETRIC_API_URL: 'https://api.test/registry/v0', ISOMETRIC_CLIENT_SECRET: CLIENT_SECRET, ISOMETRIC_ACCESS_TOKEN: ACCESS_TOKEN };

const servers: Awaited<ReturnType<typeof serve>>[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

/** The proxy on a loopback port, in front of a recording upstream, with its log kept. */
async function start(options: Partial<ProxyOptions> = {}) {
  const upstream = recordingFetch();
  const lines: RequestLogEntry[] = [];
  const server = await serve(createProxy(baseOptions({ fetch: upstream.fetch, log: (entry) => lines.push(entry), metricsToken: TOKEN, ...options })), { port: 0 });
  servers.push(server);
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  return { upstream, lines, call };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('/metrics with ISOMETRIC_METRICS_TOKEN', () => {
  it('answers 401 JSON with a Bearer challenge to a request without the token, reaching nothing upstream', async () => {
    const { upstream, call } = await start();
    const cases: [Record<string, string>, string][] = [
      [{}, 'Bearer'],
      [{ authorization: `Basic ${btoa(`metrics:${TOKEN}`)}` }, 'Bearer'],
      [{ authorization: 'Bearer' }, 'Bearer'],
      [{ authorization: `Token ${TOKEN}` }, 'Bearer'],
      [bearer('mt_TEST_metrics_token_5b1c9e0g'), 'Bearer error="invalid_token"'],
      [bearer(TOKEN.slice(0, -1)), 'Bearer error="invalid_token"'],
      [bearer(`${TOKEN}x`), 'Bearer error="invalid_token"'],
      [bearer(TOKEN.toUpperCase()), 'Bearer error="invalid_token"'],
      [bearer(CLIENT_SECRET), 'Bearer error="invalid_token"'],
      [bearer(ACCESS_TOKEN), 'Bearer error="invalid_token"'],
      [{ authorization: `Bearer ${TOKEN}, Bearer ${TOKEN}` }, 'Bearer'],
    ];
    for (const [headers, challenge] of cases) {
      const response = await call('/metrics', { headers });
      const label = JSON.stringify(headers);
      assert.equal(response.headers.get('www-authenticate'), challenge, label);
      assert.equal(response.headers.get('cache-control'), 'no-store', label);
      const message = await refusal(response, 401, 'unauthorized');
      assert.ok(!message.includes(TOKEN), label);
    }
    const head = await call('/metrics', { method: 'HEAD' });
    assert.equal(head.status, 401);
    assert.equal(await head.text(), '');
    assert.equal(upstream.calls.length, 0);
  });

  it('serves the counters to Authorization: Bearer <token> (scheme in any case), HEAD too', async () => {
    const { call } = await start();
    assert.equal((await call('/projects')).status, 200);
    for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER  ${TOKEN} `]) {
      const response = await call('/metrics', { headers: { authorization } });
      assert.equal(response.status, 200, authorization);
      assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      assert.match(await response.text(), /^isometric_proxy_requests_total\{operation="GET \/projects",status="2xx"\} 1$/m);
    }
    const text = await (await call('/metrics', { headers: bearer(TOKEN) })).text();
    assert.match(text, /^isometric_proxy_requests_total\{operation="metrics",status="2xx"\} 3$/m);
    assert.ok(!text.includes(TOKEN));
    const head = await call('/metrics', { method: 'HEAD', headers: bearer(TOKEN) });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  it('never gives /metrics CORS headers, with a token or without, and refuses its preflight', async () => {
    for (const [allowedOrigins, metricsToken] of [['*', TOKEN], ['*', undefined], [['https://site.test'], TOKEN], [['https://site.test'], undefined]] as const) {
      const label = `${JSON.stringify(allowedOrigins)} ${metricsToken ? 'with' : 'without'} a token`;
      const { call } = await start({ allowedOrigins, ...(metricsToken ? { metricsToken } : { metricsToken: undefined }) });
      const origin = { origin: 'https://site.test' };
      const read = await call('/projects', { headers: origin });
      assert.equal(read.headers.get('access-control-allow-origin'), allowedOrigins === '*' ? '*' : 'https://site.test', `${label}: reads still have CORS`);
      const answers = [
        await call('/metrics', { headers: { ...origin, ...bearer(TOKEN) } }),
        await call('/metrics', { headers: origin }),
        await call('/metrics', { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } }),
      ];
      assert.equal(answers[0]?.status, 200, label);
      assert.equal(answers[1]?.status, metricsToken ? 401 : 200, label);
      assert.equal(answers[2]?.status, 405, label);
      for (const response of answers) {
        for (const name of response.headers.keys()) assert.ok(!name.startsWith('access-control-'), `${label}: /metrics sent ${name}`);
        await response.body?.cancel();
      }
    }
  });

  it('never logs the token or the Authorization header, and counts 401s like other refusals', async () => {
    const { lines, call } = await start();
    await (await call('/metrics', { headers: bearer(TOKEN) })).text();
    await (await call('/metrics', { headers: bearer(`${TOKEN}-guess`) })).text();
    await (await call('/metrics')).text();
    assert.equal(lines.length, 3);
    assert.deepEqual(
      lines.map((line) => [line.operation, line.status, line.error]),
      [['metrics', 200, undefined], ['metrics', 401, 'unauthorized'], ['metrics', 401, 'unauthorized']],
    );
    const text = JSON.stringify(lines);
    for (const forbidden of [TOKEN, 'authorization', 'Bearer']) assert.ok(!text.toLowerCase().includes(forbidden.toLowerCase()), `the log carries ${forbidden}`);
    const metrics = await (await call('/metrics', { headers: bearer(TOKEN) })).text();
    assert.match(metrics, /^isometric_proxy_requests_total\{operation="metrics",status="4xx"\} 2$/m);
  });

  it('charges failed attempts to the client\u2019s read rate limit; the right token is never limited', async () => {
    const { call } = await start({ readRateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i += 1) await refusal(await call('/metrics', { headers: bearer(`guess-${i}-0000000000000`) }), 401, 'unauthorized');
    const limited = await call('/metrics', { headers: bearer('guess-3-0000000000000') });
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    await refusal(limited, 429, 'rate_limited');
    for (let i = 0; i < 5; i += 1) assert.equal((await call('/metrics', { headers: bearer(TOKEN) })).status, 200);
    const text = await (await call('/metrics', { headers: bearer(TOKEN) })).text();
    assert.match(text, /^isometric_proxy_rate_limited_total\{limit="read"\} 1$/m);
  });

  it('is public without a token, and 404 when metrics are off whatever the token', async () => {
    const open = await start({ metricsToken: undefined });
    assert.equal((await open.call('/metrics')).status, 200);
    const off = await start({ metrics: false });
    await refusal(await off.call('/metrics', { headers: bearer(TOKEN) }), 404, 'not_found');
  });
});

describe('ISOMETRIC_METRICS_TOKEN settings', () => {
  function rejects(value: string, pattern: RegExp): void {
    assert.throws(
      () => loadConfig({ ...ENV, ISOMETRIC_METRICS_TOKEN: value }),
      (error: unknown) => error instanceof ConfigError && error.message.startsWith('ISOMETRIC_METRICS_TOKEN ') && pattern.test(error.message) && (value === '' || !error.message.includes(value)),
      JSON.stringify(value),
    );
  }

  it('is unset by default and read verbatim when set', () => {
    assert.equal(loadConfig(ENV).metricsToken, undefined);
    const config = loadConfig({ ...ENV, ISOMETRIC_METRICS_TOKEN: TOKEN });
    assert.equal(config.metricsToken, TOKEN);
    assert.deepEqual(resolveConfig(config), config, 'still idempotent');
  });

  it('stops start-up for a short, long, blank or non-ASCII token, or one that is an upstream credential, without echoing it', () => {
    rejects('', /16 to 256 characters/);
    rejects('0123456789abcde', /16 to 256 characters/);
    rejects('x'.repeat(257), /16 to 256 characters/);
    rejects(`${TOKEN} `, /visible ASCII/);
    rejects(`${TOKEN}\n`, /visible ASCII/);
    rejects('mt_TEST_metrics_tökén_5b1c9e0f', /visible ASCII/);
    rejects(CLIENT_SECRET, /must differ from ISOMETRIC_CLIENT_SECRET and ISOMETRIC_ACCESS_TOKEN/);
    rejects(ACCESS_TOKEN, /must differ/);
    assert.throws(() => resolveConfig(baseOptions({ metricsToken: 'short' })), /^ConfigError: metricsToken must be 16 to 256 characters/);
  });
});
