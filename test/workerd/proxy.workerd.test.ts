// The proxy unchanged in workerd: src/proxy/worker.ts bundled by esbuild, served by `workerd serve`
// on loopback in front of the local registry (a Node server on loopback), then the proxy's contract
// checked over HTTP. Run: node --import tsx --test test/workerd/*.test.ts
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { buildWorker } from '../../scripts/build-worker.js';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { serve } from '../../src/proxy/node.js';

const SECRETS = [LOCAL_DEFAULTS.clientSecret, LOCAL_DEFAULTS.accessToken];
const ORIGIN = 'https://site.test';
const METRICS_TOKEN = 'wd_TEST_metrics_token_0c7a5e91';
const WORKERD = (createRequire(import.meta.url)('workerd') as { default: string }).default;

interface Seen {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const received: { method: string; path: string; headers: Record<string, string> }[] = [];
const responses: Seen[] = [];
const output = { stdout: '', stderr: '' };
let upstream: Awaited<ReturnType<typeof serve>> | undefined;
let workerd: ChildProcess | undefined;
let directory = '';
let port = 0;

/** A workerd config: the bundle as an ES module, settings as text bindings, outbound allowed to loopback. */
function config(bindings: Record<string, string>): string {
  const text = Object.entries(bindings).map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`);
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "proxy", worker = .proxyWorker),
    (name = "internet", network = (allow = ["local", "private"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "proxy")],
);
const proxyWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-01-01",
  globalOutbound = "internet",
  bindings = [${text.join(', ')}],
);
`;
}

/** One request through Node's http client, which sends the target verbatim. */
function send(target: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: target, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const seen = { status: res.statusCode ?? 0, headers: res.headers, body };
        responses.push(seen);
        resolve(seen);
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iso-workerd-'));
  await buildWorker(join(directory, 'worker.js'));
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  upstream = await serve(async (request) => {
    const url = new URL(request.url);
    received.push({ method: request.method, path: `${url.pathname}${url.search}`, headers: Object.fromEntries(request.headers) });
    return registry.handler(request);
  }, { port: 0 });
  await writeFile(
    join(directory, 'config.capnp'),
    config({
      ISOMETRIC_API_URL: `${upstream.url}/registry/v0`,
      ISOMETRIC_CLIENT_SECRET: LOCAL_DEFAULTS.clientSecret,
      ISOMETRIC_ACCESS_TOKEN: LOCAL_DEFAULTS.accessToken,
      ISOMETRIC_BASE_PATH: '/api',
      ISOMETRIC_ALLOWED_ORIGINS: ORIGIN,
      ISOMETRIC_CACHE_TTL: '60',
      ISOMETRIC_METRICS_TOKEN: METRICS_TOKEN,
    }),
  );
  // --control-fd reports the port the socket bound: {"event":"listen","socket":"http","port":N}.
  workerd = spawn(WORKERD, ['serve', join(directory, 'config.capnp'), '--control-fd=3'], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  workerd.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  workerd.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const control = workerd.stdio[3] as Readable;
  control.setEncoding('utf8');
  let events = '';
  const exited = once(workerd, 'exit').then(([code]) => {
    throw new Error(`workerd exited with ${String(code)}: ${output.stderr}`);
  });
  while (port === 0) {
    await Promise.race([once(control, 'data').then(([chunk]) => (events += String(chunk))), exited]);
    for (const line of events.split('\n')) {
      if (!line.trim()) continue;
      const event = JSON.parse(line) as { event: string; socket?: string; port?: number };
      if (event.event === 'listen' && event.socket === 'http' && event.port) port = event.port;
    }
  }
  exited.catch(() => undefined);
});

after(async () => {
  if (workerd && workerd.exitCode === null) {
    const exit = once(workerd, 'exit');
    workerd.kill('SIGTERM');
    await exit;
  }
  await upstream?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('the proxy in workerd', () => {
  it('forwards an allowlisted read with the secrets added server-side', async () => {
    const before = received.length;
    const seen = await send(`/api/projects/${SAMPLE_IDS.project}`, {
      headers: { origin: ORIGIN, cookie: 'session=1', authorization: 'Bearer browser', 'x-client-secret': 'forged' },
    });
    assert.equal(seen.status, 200, seen.body);
    assert.equal((JSON.parse(seen.body) as { id: string }).id, SAMPLE_IDS.project);
    assert.equal(seen.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(seen.headers['x-cache'], 'MISS');
    assert.match(String(seen.headers['etag']), /^"[A-Za-z0-9_-]{43}"$/);
    assert.equal(received.length, before + 1);
    const sent = received.at(-1);
    assert.equal(sent?.path, `/registry/v0/projects/${SAMPLE_IDS.project}`);
    assert.equal(sent?.headers['x-client-secret'], LOCAL_DEFAULTS.clientSecret);
    assert.equal(sent?.headers['authorization'], `Bearer ${LOCAL_DEFAULTS.accessToken}`);
    assert.equal(sent?.headers['cookie'], undefined);
  });

  it('answers the second read from its cache, and 304 to a matching If-None-Match', async () => {
    const before = received.length;
    const first = await send('/api/projects?first=3');
    const second = await send('/api/projects?first=3');
    assert.equal(first.headers['x-cache'], 'MISS');
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(second.body, first.body);
    assert.equal(received.length, before + 1);
    const revalidated = await send('/api/projects?first=3', { headers: { 'if-none-match': String(first.headers['etag']) } });
    assert.equal(revalidated.status, 304);
  });

  it('refuses writes, unknown paths and path tricks before the upstream', async () => {
    const before = received.length;
    const write = await send('/api/retirements', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(write.status, 403);
    assert.equal((JSON.parse(write.body) as { error: string }).error, 'operation_not_allowed');
    const unknown = await send('/api/nothing/here');
    assert.equal(unknown.status, 404);
    assert.equal((JSON.parse(unknown.body) as { error: string }).error, 'not_found');
    for (const trick of ['/api/projects/..%2f..%2fbeneficiaries', '/api/projects//x', '/api/projects/prj_1VJRKMRFEEBVY39C%5c..']) {
      const seen = await send(trick);
      assert.equal(seen.status, 400, trick);
      assert.equal((JSON.parse(seen.body) as { error: string }).error, 'bad_path');
    }
    const encoded = await send('/api/projects?after=%FF');
    assert.equal((JSON.parse(encoded.body) as { error: string }).error, 'invalid_encoding');
    assert.equal(received.length, before);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) => send('/api/projects', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    const ok = await preflight(ORIGIN);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(ok.headers['access-control-allow-methods'], 'GET, HEAD');
    const denied = await preflight('https://evil.test');
    assert.equal(denied.status, 403);
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
  });

  it('serves /healthz, and /metrics only with ISOMETRIC_METRICS_TOKEN, never with CORS headers', async () => {
    assert.equal((await send('/api/healthz')).body, '{"ok":true}');
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${METRICS_TOKEN}x` }, { authorization: `Bearer ${METRICS_TOKEN.slice(1)}` }];
    for (const headers of attempts) {
      const refused = await send('/api/metrics', { headers: { origin: ORIGIN, ...headers } });
      assert.equal(refused.status, 401, JSON.stringify(headers));
      assert.match(String(refused.headers['www-authenticate']), /^Bearer/);
      assert.equal((JSON.parse(refused.body) as { error: string }).error, 'unauthorized');
      assert.equal(refused.headers['access-control-allow-origin'], undefined);
    }
    const metrics = await send('/api/metrics', { headers: { origin: ORIGIN, authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(metrics.status, 200);
    assert.equal(metrics.headers['access-control-allow-origin'], undefined);
    assert.match(metrics.body, /^isometric_proxy_cache_total\{result="hit"\} [1-9]/m);
    assert.match(metrics.body, /^isometric_proxy_requests_total\{operation="metrics",status="4xx"\} 3$/m);
  });

  it('logs one JSON line per request', { timeout: 10_000 }, async () => {
    const lines = () => output.stdout.split('\n').filter((line) => line.startsWith('{'));
    // Log lines arrive through a pipe; wait for them rather than for time.
    while (lines().length < responses.length) await once(workerd?.stdout as Readable, 'data');
    for (const line of lines()) {
      const entry = JSON.parse(line) as { operation: unknown; status: unknown; request_id: unknown };
      assert.equal(typeof entry.operation, 'string');
      assert.equal(typeof entry.status, 'number');
    }
    assert.ok(lines().some((line) => line.includes('"operation":"GET /projects/{id}"')));
    assert.doesNotMatch(output.stdout, /authorization|bearer/i, 'no request header reaches the log');
  });

  it('never sent a secret in any response, nor logged one', () => {
    assert.ok(responses.length >= 17);
    for (const seen of responses) for (const secret of [...SECRETS, METRICS_TOKEN]) assert.ok(!JSON.stringify(seen).includes(secret));
    for (const secret of [...SECRETS, METRICS_TOKEN]) assert.ok(!output.stdout.includes(secret) && !output.stderr.includes(secret));
  });
});
