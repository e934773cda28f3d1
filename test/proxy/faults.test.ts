// The proxy in front of a deliberately misbehaving Registry API on loopback: every fault becomes a
// clear JSON answer (or a stale hit) within the deadline, with retries only where they are safe.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createProxy, type ProxyOptions } from '../../src/proxy/index.js';
import { ACCESS_TOKEN, assertNoSecrets, CLIENT_SECRET, IDS, manualClock, PROXY, refusal } from './support.js';

type Fault = (req: IncomingMessage, res: ServerResponse) => void;

const GOOD = JSON.stringify({ nodes: [], total_count: 0 });
const JSON_HEADERS = { 'content-type': 'application/json' };

/** What the upstream does next, per request path; everything it received, in order. */
const upstream = {
  server: undefined as Server | undefined,
  url: '',
  fault: ((_req, res) => res.writeHead(200, JSON_HEADERS).end(GOOD)) as Fault,
  received: [] as { method: string; path: string; secret: string | undefined }[],
  timers: new Set<ReturnType<typeof setInterval>>(),
};

const ok: Fault = (_req, res) => res.writeHead(200, JSON_HEADERS).end(GOOD);
const status = (code: number, headers: Record<string, string> = {}, body = '{"detail":"x"}'): Fault => (_req, res) => res.writeHead(code, { ...JSON_HEADERS, ...headers }).end(body);
/** Fails the first `times` requests with `fault`, then answers normally. */
function flaky(times: number, fault: Fault): Fault {
  let left = times;
  return (req, res) => {
    if (left > 0) {
      left -= 1;
      fault(req, res);
    } else ok(req, res);
  };
}

before(async () => {
  const server = createServer((req, res) => {
    upstream.received.push({ method: req.method ?? '', path: req.url ?? '', secret: req.headers['x-client-secret'] as string | undefined });
    req.resume();
    upstream.fault(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.server = server;
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/registry/v0`;
  // Node loads its fetch implementation on first use; do it here, outside any deadline under test.
  await (await fetch(`${upstream.url}/warm-up`)).text();
});

after(async () => {
  for (const timer of upstream.timers) clearInterval(timer);
  upstream.server?.closeAllConnections();
  await new Promise((resolve) => upstream.server?.close(resolve));
});

beforeEach(() => {
  upstream.fault = ok;
  upstream.received = [];
});

function setup(options: Partial<ProxyOptions> = {}) {
  const proxy = createProxy({
    apiUrl: upstream.url,
    clientSecret: CLIENT_SECRET,
    accessToken: ACCESS_TOKEN,
    // Generous, so that only the tests about deadlines depend on one (each sets its own).
    upstreamTimeoutMs: 2_000,
    random: () => 0,
    readRateLimitPerMinute: 0,
    ...options,
  });
  const call = (path: string, init?: RequestInit) => proxy(new Request(`${PROXY}${path}`, init));
  return { proxy, call };
}

describe('upstream faults', () => {
  it('times out an upstream that never answers: 504, one attempt', async () => {
    upstream.fault = () => {};
    const { call } = setup({ upstreamTimeoutMs: 150 });
    await refusal(await call('/projects'), 504, 'upstream_timeout');
    assert.equal(upstream.received.length, 1);
  });

  it('bounds the whole body read: a slow trickle is cut off at the deadline', async () => {
    upstream.fault = (_req, res) => {
      res.writeHead(200, JSON_HEADERS);
      res.write('{"nodes":[');
      const timer = setInterval(() => res.write(' '), 10);
      upstream.timers.add(timer);
      res.on('close', () => {
        clearInterval(timer);
        upstream.timers.delete(timer);
      });
    };
    const { call } = setup({ upstreamTimeoutMs: 150 });
    await refusal(await call('/projects'), 504, 'upstream_timeout');
    assert.equal((await call('/projects?first=1', { method: 'HEAD' })).status, 504);
  });

  it('answers 502 when the connection is refused, after the bounded retries', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    let draws = 0;
    const { call } = setup({ apiUrl: `http://127.0.0.1:${port}/registry/v0`, random: () => (draws += 1, 0) });
    await refusal(await call('/projects'), 502, 'upstream_unavailable');
    assert.equal(draws, 2, 'two jittered backoffs for two retries');
  });

  it('retries a reset connection and succeeds when the upstream recovers', async () => {
    upstream.fault = flaky(2, (req) => req.socket.destroy());
    const { call } = setup();
    const response = await call('/projects');
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(upstream.received.length, 3);
  });

  it('gives up on a connection reset mid-body after 1 + ISOMETRIC_UPSTREAM_RETRIES attempts', async () => {
    upstream.fault = (req, res) => {
      res.writeHead(200, { ...JSON_HEADERS, 'content-length': '1000' });
      res.write('{"nodes":[');
      setImmediate(() => req.socket.destroy());
    };
    const { call } = setup({ upstreamRetries: 3 });
    await refusal(await call('/projects'), 502, 'upstream_unavailable');
    assert.equal(upstream.received.length, 4);
  });

  for (const code of [502, 503, 504]) {
    it(`retries an upstream ${code}, then answers 502 upstream_error`, async () => {
      upstream.fault = status(code, {}, '{"secret":"hunter2"}');
      const { call } = setup();
      const message = await refusal(await call(`/projects/${IDS.project}`), 502, 'upstream_error');
      assert.doesNotMatch(message, /hunter2/);
      assert.equal(upstream.received.length, 3);
    });
  }

  it('does not retry a 500 or any 4xx', async () => {
    upstream.fault = status(500);
    const { call } = setup();
    await refusal(await call('/projects'), 502, 'upstream_error');
    assert.equal(upstream.received.length, 1);
    for (const [code, expected] of [[404, 404], [422, 422], [401, 502], [403, 502]] as const) {
      upstream.received = [];
      upstream.fault = status(code);
      const response = await call('/projects');
      assert.equal(response.status, expected);
      assert.equal(upstream.received.length, 1, `${code} was retried`);
    }
  });

  it('never retries a write', async () => {
    upstream.fault = status(503);
    const { call } = setup({ operations: ['+POST /retirements'] });
    const response = await call('/retirements', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    await refusal(response, 502, 'upstream_error');
    assert.deepEqual(upstream.received.map((r) => r.method), ['POST']);
  });

  it('stops retrying when the backoff would overrun the deadline', async () => {
    upstream.fault = status(503);
    const { call } = setup({ retryBaseMs: 10_000, random: () => 0.99, upstreamTimeoutMs: 300 });
    await refusal(await call('/projects'), 502, 'upstream_error');
    assert.equal(upstream.received.length, 1);
  });

  it('turns an upstream 429 into 503 with its Retry-After, or a default, without retrying', async () => {
    const { call } = setup();
    upstream.fault = status(429, { 'retry-after': '7' });
    const passed = await call('/projects');
    await refusal(passed.clone(), 503, 'upstream_rate_limited');
    assert.equal(passed.headers.get('retry-after'), '7');
    assert.equal(upstream.received.length, 1);
    upstream.fault = status(429);
    assert.equal((await call('/projects')).headers.get('retry-after'), '30');
    upstream.fault = status(429, { 'retry-after': 'soon' });
    assert.equal((await call('/projects')).headers.get('retry-after'), '30');
    upstream.fault = status(429, { 'retry-after': '999999' });
    assert.equal((await call('/projects')).headers.get('retry-after'), '3600');
    const clock = manualClock(Date.parse('2030-01-01T00:00:00Z'));
    const dated = setup({ now: clock.now });
    upstream.fault = status(429, { 'retry-after': 'Tue, 01 Jan 2030 00:01:30 GMT' });
    assert.equal((await dated.call('/projects')).headers.get('retry-after'), '90');
  });

  it('answers 502 for malformed JSON and for bytes that are not UTF-8', async () => {
    const { call } = setup();
    for (const body of ['{"nodes": [', '<html>oops</html>', '']) {
      upstream.fault = status(200, {}, body);
      await refusal(await call('/projects'), 502, 'upstream_error');
    }
    upstream.fault = (_req, res) => res.writeHead(200, JSON_HEADERS).end(Buffer.from([0x22, 0xff, 0xfe, 0x22]));
    await refusal(await call('/projects'), 502, 'upstream_error');
  });

  it('refuses a body above the bound, declared or streamed, without buffering it', async () => {
    const { call } = setup({ upstreamMaxBytes: 2048 });
    upstream.fault = (_req, res) => res.writeHead(200, { ...JSON_HEADERS, 'content-length': String(1 << 20) }).end();
    assert.match(await refusal(await call('/projects'), 502, 'upstream_error'), /too large/);
    let written = 0;
    upstream.fault = (_req, res) => {
      res.writeHead(200, JSON_HEADERS);
      const chunk = `"${'x'.repeat(1022)}",`;
      const pump = () => {
        // Stops once the proxy hangs up: it must not read (or wait for) the whole thing.
        while (written < 64 << 20 && res.write(chunk)) written += chunk.length;
        if (written < 64 << 20 && !res.destroyed) res.once('drain', pump);
      };
      res.write('[');
      pump();
    };
    assert.match(await refusal(await call('/projects'), 502, 'upstream_error'), /too large/);
    assert.ok(written < 64 << 20, 'the proxy kept reading an oversized body');
  });

  it('passes 4xx bodies re-serialised and still hides 5xx bodies', async () => {
    const { call } = setup();
    upstream.fault = status(404, {}, '{ "detail" : "Not Found" }');
    const response = await call(`/projects/${IDS.project}`);
    assert.equal(response.status, 404);
    assert.equal(await assertNoSecrets(response), '{"detail":"Not Found"}');
  });

  it('counts upstream errors and retries in /metrics', async () => {
    const { call } = setup();
    upstream.fault = status(503);
    await call('/projects');
    upstream.fault = status(429);
    await call('/projects');
    const text = await (await call('/metrics')).text();
    assert.match(text, /^isometric_proxy_upstream_errors_total\{kind="status"\} 1$/m);
    assert.match(text, /^isometric_proxy_upstream_errors_total\{kind="rate_limited"\} 1$/m);
    assert.match(text, /^isometric_proxy_upstream_retries_total 2$/m);
    assert.match(text, /^isometric_proxy_requests_total\{operation="GET \/projects",status="5xx"\} 2$/m);
  });
});

describe('stale-if-error', () => {
  function staleSetup(extra: Partial<ProxyOptions> = {}) {
    const clock = manualClock();
    return { clock, ...setup({ cacheTtl: 10, staleIfError: 60, now: clock.now, ...extra }) };
  }

  const failures: [string, Fault, Partial<ProxyOptions>?][] = [
    ['a 500', status(500)],
    ['a 503 after retries', status(503)],
    ['a reset', (req) => req.socket.destroy()],
    ['a timeout', () => {}, { upstreamTimeoutMs: 150 }],
    ['a 429', status(429, { 'retry-after': '5' })],
    ['malformed JSON', status(200, {}, '{')],
  ];
  for (const [name, fault, extra] of failures) {
    it(`serves the stale copy on ${name}, saying so`, async () => {
      const { clock, call } = staleSetup(extra);
      const fresh = await call('/projects?first=2');
      assert.equal(fresh.headers.get('x-cache'), 'MISS');
      const body = await fresh.text();
      clock.advance(10_000 + 15_000);
      upstream.fault = fault;
      const stale = await call('/projects?first=2');
      assert.equal(stale.status, 200);
      assert.equal(stale.headers.get('x-cache'), 'STALE');
      assert.equal(stale.headers.get('x-isometric-stale'), '25');
      assert.equal(stale.headers.get('cache-control'), 'no-store');
      assert.equal(await stale.text(), body);
    });
  }

  it('stops serving stale after the window, and never for refused credentials', async () => {
    const { clock, call } = staleSetup();
    await call('/projects');
    upstream.fault = status(401);
    clock.advance(11_000);
    await refusal(await call('/projects'), 502, 'upstream_auth');
    upstream.fault = status(500);
    assert.equal((await call('/projects')).headers.get('x-cache'), 'STALE');
    clock.advance(59_000);
    await refusal(await call('/projects'), 502, 'upstream_error');
  });

  it('is off with ISOMETRIC_STALE_IF_ERROR=0', async () => {
    const { clock, call } = staleSetup({ staleIfError: 0 });
    const fresh = await call('/projects');
    assert.equal(fresh.headers.get('cache-control'), 'public, max-age=10, stale-while-revalidate=50');
    clock.advance(10_000);
    upstream.fault = status(500);
    await refusal(await call('/projects'), 502, 'upstream_error');
  });

  it('refreshes the copy once the upstream recovers', async () => {
    const { clock, call } = staleSetup();
    await call('/projects');
    clock.advance(20_000);
    upstream.fault = status(500);
    assert.equal((await call('/projects')).headers.get('x-cache'), 'STALE');
    upstream.fault = ok;
    assert.equal((await call('/projects')).headers.get('x-cache'), 'MISS');
    assert.equal((await call('/projects')).headers.get('x-cache'), 'HIT');
  });

  it('gives every coalesced waiter the stale copy when the shared miss fails', async () => {
    const { clock, call } = staleSetup();
    await call('/projects');
    clock.advance(20_000);
    upstream.fault = status(500);
    upstream.received = [];
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('/projects')));
    assert.deepEqual(answers.map((r) => r.headers.get('x-cache')), Array(5).fill('STALE'));
    assert.equal(upstream.received.length, 1);
  });
});
