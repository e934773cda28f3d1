// Upstream revalidation, over loopback HTTP on both sides: once a cached read is stale, the next miss
// asks the upstream with If-None-Match / If-Modified-Since; a 304 makes the stored reply fresh again,
// a 200 replaces it. Also the local registry in the upstream's place, answering with real 304s.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createLocalRegistry, LOCAL_DEFAULTS } from '../../src/local-registry/index.js';
import { createWebCacheStore, createProxy, serve, type ProxyOptions, type StoredReply, type WebCache } from '../../src/proxy/index.js';
import type { RequestLogEntry } from '../../src/proxy/metrics.js';
import { ACCESS_TOKEN, CLIENT_SECRET, deferred, manualClock, until } from './support.js';

type Server = Awaited<ReturnType<typeof serve>>;

const TTL_MS = 10_000;
const HOUR_MS = 3_600_000;
const LAST_MODIFIED = 'Tue, 01 Jul 2025 12:00:00 GMT';

/** What the fake Registry API serves, what it received and what it answered. */
const api = {
  body: '{"nodes":[{"id":"prj_1"}],"total_count":1}',
  etag: '"rev-1"' as string | undefined,
  lastModified: undefined as string | undefined,
  /** Answers 500 when set (an outage during revalidation). */
  failing: false,
  /** Answers 304 whatever was asked (a misbehaving upstream). */
  alwaysNotModified: false,
  gate: undefined as Promise<void> | undefined,
  received: [] as { path: string; ifNoneMatch: string | null; ifModifiedSince: string | null }[],
  answered: [] as number[],
};

/** Honours If-None-Match (weak comparison) before If-Modified-Since, as RFC 9110 §13.2.2 orders them. */
function notModified(request: Request): boolean {
  const inm = request.headers.get('if-none-match');
  if (inm !== null) return api.etag !== undefined && inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === api.etag?.replace(/^W\//, ''));
  const ims = request.headers.get('if-modified-since');
  return ims !== null && api.lastModified !== undefined && Date.parse(api.lastModified) <= Date.parse(ims);
}

async function fakeApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  api.received.push({ path: `${url.pathname}${url.search}`, ifNoneMatch: request.headers.get('if-none-match'), ifModifiedSince: request.headers.get('if-modified-since') });
  if (api.gate) await api.gate;
  const validators = { ...(api.etag ? { etag: api.etag } : {}), ...(api.lastModified ? { 'last-modified': api.lastModified } : {}) };
  let response: Response;
  if (api.failing) response = new Response('{"detail":"boom"}', { status: 500, headers: { 'content-type': 'application/json' } });
  else if (api.alwaysNotModified || notModified(request)) response = new Response(null, { status: 304, headers: validators });
  else response = new Response(api.body, { headers: { 'content-type': 'application/json', ...validators } });
  api.answered.push(response.status);
  return response;
}

let upstream: Server;
const proxies: Server[] = [];

before(async () => {
  upstream = await serve(fakeApi, { port: 0 });
});

after(async () => {
  await Promise.all(proxies.map((server) => server.close()));
  await upstream.close();
});

beforeEach(() => {
  Object.assign(api, { body: '{"nodes":[{"id":"prj_1"}],"total_count":1}', etag: '"rev-1"', lastModified: undefined, failing: false, alwaysNotModified: false, gate: undefined, received: [], answered: [] });
});

/** A proxy on loopback in front of `apiUrl`, with a hand-driven clock and its log kept. */
async function start(options: Partial<ProxyOptions> = {}, apiUrl = `${upstream.url}/registry/v0`) {
  const clock = manualClock();
  const lines: RequestLogEntry[] = [];
  const proxy = createProxy({
    apiUrl,
    clientSecret: CLIENT_SECRET,
    accessToken: ACCESS_TOKEN,
    cacheTtl: TTL_MS / 1000,
    now: clock.now,
    readRateLimitPerMinute: 0,
    log: (entry) => lines.push(entry),
    ...options,
  });
  const arrivals = { count: 0 };
  const server = await serve((request, info) => {
    arrivals.count += 1;
    return proxy(request, info);
  }, { port: 0 });
  proxies.push(server);
  const call = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, { headers });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  return { clock, lines, call, arrivals };
}

describe('upstream revalidation', () => {
  it('sends the stored ETag as If-None-Match once the entry is stale; a 304 gives the client the stored body and renews its freshness', async () => {
    const { clock, call } = await start();
    const first = await call('/projects');
    assert.equal(first.headers.get('x-cache'), 'MISS');
    assert.deepEqual(api.received.map((r) => r.ifNoneMatch), [null], 'the first read is unconditional');
    clock.advance(TTL_MS);
    const revalidated = await call('/projects');
    assert.deepEqual(api.received.map((r) => r.ifNoneMatch), [null, '"rev-1"']);
    assert.deepEqual(api.answered, [200, 304]);
    assert.equal(revalidated.status, 200);
    assert.equal(revalidated.body, first.body);
    assert.equal(revalidated.headers.get('x-cache'), 'REVALIDATED');
    assert.equal(revalidated.headers.get('etag'), '"rev-1"');
    assert.equal(revalidated.headers.get('cache-control'), 'public, max-age=10, stale-while-revalidate=50, stale-if-error=300');
    clock.advance(TTL_MS - 1);
    assert.equal((await call('/projects')).headers.get('x-cache'), 'HIT', 'fresh for another TTL from the 304');
    assert.equal(api.received.length, 2);
    clock.advance(1);
    assert.equal((await call('/projects')).headers.get('x-cache'), 'REVALIDATED');
    assert.equal(api.received.length, 3);
  });

  it('answers 304 to a client whose own If-None-Match matches the revalidated entry', async () => {
    const { clock, call } = await start();
    const first = await call('/projects');
    clock.advance(TTL_MS + 1);
    const response = await call('/projects', { 'if-none-match': first.headers.get('etag') ?? '' });
    assert.equal(response.status, 304);
    assert.equal(response.body, '');
    assert.equal(response.headers.get('x-cache'), 'REVALIDATED');
    assert.equal(response.headers.get('etag'), '"rev-1"');
    assert.deepEqual(api.answered, [200, 304]);
  });

  it('replaces the entry when the upstream answers 200 with a changed body, and revalidates with the new ETag next', async () => {
    const { clock, call } = await start();
    const first = await call('/projects');
    api.body = '{"nodes":[{"id":"prj_1"},{"id":"prj_2"}],"total_count":2}';
    api.etag = '"rev-2"';
    clock.advance(TTL_MS);
    const changed = await call('/projects', { 'if-none-match': '"rev-1"' });
    assert.equal(api.received.at(-1)?.ifNoneMatch, '"rev-1"');
    assert.deepEqual(api.answered, [200, 200]);
    assert.equal(changed.status, 200, 'the client\u2019s old tag no longer matches');
    assert.equal(changed.headers.get('x-cache'), 'MISS');
    assert.equal(changed.headers.get('etag'), '"rev-2"');
    assert.notEqual(changed.body, first.body);
    assert.equal(changed.body, api.body);
    const hit = await call('/projects');
    assert.equal(hit.headers.get('x-cache'), 'HIT');
    assert.equal(hit.body, api.body, 'the cache holds the new body');
    clock.advance(TTL_MS);
    assert.equal((await call('/projects')).headers.get('x-cache'), 'REVALIDATED');
    assert.equal(api.received.at(-1)?.ifNoneMatch, '"rev-2"');
  });

  it('sends If-Modified-Since when the upstream gave Last-Modified and no ETag', async () => {
    api.etag = undefined;
    api.lastModified = LAST_MODIFIED;
    const { clock, call } = await start();
    const first = await call('/projects');
    assert.match(first.headers.get('etag') ?? '', /^"[A-Za-z0-9_-]{43}"$/, 'the proxy\u2019s own tag for the client');
    clock.advance(TTL_MS);
    const revalidated = await call('/projects');
    assert.deepEqual(api.received.at(-1), { path: '/registry/v0/projects', ifNoneMatch: null, ifModifiedSince: LAST_MODIFIED });
    assert.equal(revalidated.headers.get('x-cache'), 'REVALIDATED');
    assert.equal(revalidated.body, first.body);
    assert.equal(revalidated.headers.get('etag'), first.headers.get('etag'));
  });

  it('sends both validators when the upstream gave both', async () => {
    api.lastModified = LAST_MODIFIED;
    const { clock, call } = await start();
    await call('/projects');
    clock.advance(TTL_MS);
    await call('/projects');
    assert.deepEqual(api.received.at(-1), { path: '/registry/v0/projects', ifNoneMatch: '"rev-1"', ifModifiedSince: LAST_MODIFIED });
  });

  it('refetches in full when the upstream gave no validator, and treats an unasked-for 304 as an upstream error', async () => {
    api.etag = undefined;
    const { clock, call } = await start();
    await call('/projects');
    clock.advance(TTL_MS);
    assert.equal((await call('/projects')).headers.get('x-cache'), 'MISS');
    assert.deepEqual(api.received.map((r) => [r.ifNoneMatch, r.ifModifiedSince]), [[null, null], [null, null]]);
    api.alwaysNotModified = true;
    const refused = await call('/projects?first=1');
    assert.equal(refused.status, 502);
    assert.equal((JSON.parse(refused.body) as { error: string }).error, 'upstream_error');
  });

  it('keeps validated entries for an hour past freshness even with stale-if-error off, but serves them stale only within that window', async () => {
    const { clock, call } = await start({ staleIfError: 0 });
    await call('/projects');
    clock.advance(TTL_MS + HOUR_MS - 1);
    assert.equal((await call('/projects')).headers.get('x-cache'), 'REVALIDATED');
    assert.equal(api.received.at(-1)?.ifNoneMatch, '"rev-1"');
    clock.advance(TTL_MS);
    api.failing = true;
    const failed = await call('/projects');
    assert.equal(failed.status, 502, 'no stale-if-error window');
    api.failing = false;
    clock.advance(HOUR_MS);
    assert.equal((await call('/projects')).headers.get('x-cache'), 'MISS', 'past the revalidation window the entry is gone');
    assert.equal(api.received.at(-1)?.ifNoneMatch, null);
  });

  it('still serves the stale copy when the revalidation fails, and revalidates once the upstream recovers', async () => {
    const { clock, call } = await start({ staleIfError: 60 });
    const first = await call('/projects');
    clock.advance(TTL_MS + 5_000);
    api.failing = true;
    const stale = await call('/projects');
    assert.equal(stale.headers.get('x-cache'), 'STALE');
    assert.equal(stale.body, first.body);
    assert.equal(api.received.at(-1)?.ifNoneMatch, '"rev-1"');
    api.failing = false;
    assert.equal((await call('/projects')).headers.get('x-cache'), 'REVALIDATED');
  });

  it('coalesces concurrent revalidations into one conditional request', async () => {
    const { clock, call, arrivals } = await start();
    const first = await call('/projects');
    clock.advance(TTL_MS);
    const gate = deferred();
    api.gate = gate.promise;
    const pending = Array.from({ length: 6 }, () => call('/projects'));
    await until(() => api.received.length === 2 && arrivals.count === 7, 'the conditional request and every client request');
    gate.resolve();
    const answers = await Promise.all(pending);
    assert.deepEqual(answers.map((a) => [a.status, a.headers.get('x-cache'), a.body === first.body]), Array(6).fill([200, 'REVALIDATED', true]));
    assert.equal(api.received.length, 2);
    assert.deepEqual(api.answered, [200, 304]);
  });

  it('counts revalidations in the log and in /metrics', async () => {
    const { clock, lines, call } = await start();
    await call('/projects');
    clock.advance(TTL_MS);
    await call('/projects');
    await call('/projects');
    assert.deepEqual(lines.map((line) => [line.cache, line.upstream_attempts]), [['MISS', 1], ['REVALIDATED', 1], ['HIT', undefined]]);
    const text = (await call('/metrics')).body;
    for (const [result, count] of [['hit', 1], ['miss', 1], ['stale', 0], ['revalidated', 1]] as const) {
      assert.match(text, new RegExp(`^isometric_proxy_cache_total\\{result="${result}"\\} ${count}$`, 'm'));
    }
  });

  it('renews the entry in the Web Cache API tier too, so another isolate finds it fresh', async () => {
    const entries = new Map<string, { body: string; headers: [string, string][] }>();
    const cache: WebCache = {
      async match(url) {
        const entry = entries.get(url);
        return entry && new Response(entry.body, { headers: entry.headers });
      },
      async put(url, response) {
        entries.set(url, { body: await response.text(), headers: [...response.headers] });
      },
    };
    const global = globalThis as { caches?: unknown };
    global.caches = { default: cache };
    try {
      const one = await start();
      await one.call('/projects');
      one.clock.advance(TTL_MS);
      assert.equal((await one.call('/projects')).headers.get('x-cache'), 'REVALIDATED');
      await until(() => [...entries.values()].some((entry) => new Headers(entry.headers).get('x-isometric-stored-at') === String(one.clock.time)), 'the shared write');
      const other = await start();
      other.clock.time = one.clock.time + 1;
      assert.equal((await other.call('/projects')).headers.get('x-cache'), 'HIT');
      assert.equal(api.received.length, 2);
    } finally {
      delete global.caches;
    }
  });
});

describe('stores keep the validators', () => {
  it('round-trips them through the Web Cache store, and entries without them too', async () => {
    const stored: StoredReply = { status: 200, body: '{}', etag: '"e"', storedAt: 5, size: 2, validators: { etag: 'W/"e"', lastModified: LAST_MODIFIED } };
    const entries = new Map<string, Response>();
    const web = createWebCacheStore(
      { match: async (url) => entries.get(url)?.clone(), put: async (url, response) => void entries.set(url, response) },
      async () => 'https://cache.test',
    );
    await web.put('/k', stored, 5_000);
    assert.deepEqual(await web.get('/k'), stored);
    const plain: StoredReply = { status: 200, body: '{}', etag: '"e"', storedAt: 5, size: 2 };
    await web.put('/plain', plain, 5_000);
    assert.deepEqual(await web.get('/plain'), plain);
  });
});

describe('revalidation against the local registry', () => {
  let registryServer: Server;
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  const seen: { path: string; ifNoneMatch: string | null; status: number }[] = [];

  before(async () => {
    registryServer = await serve(async (request) => {
      const response = await registry.handler(request);
      const url = new URL(request.url);
      seen.push({ path: `${url.pathname}${url.search}`, ifNoneMatch: request.headers.get('if-none-match'), status: response.status });
      return response;
    }, { port: 0 });
  });
  after(() => registryServer.close());

  it('gets a 304 from the local registry for an unchanged list, and the new list after a retirement', async () => {
    const { clock, call } = await start({ clientSecret: LOCAL_DEFAULTS.clientSecret, accessToken: LOCAL_DEFAULTS.accessToken }, `${registryServer.url}/registry/v0`);
    const target = '/retirements?first=5';
    const first = await call(target);
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[A-Za-z0-9_-]{43}"$/);
    clock.advance(TTL_MS);
    const revalidated = await call(target);
    assert.equal(revalidated.headers.get('x-cache'), 'REVALIDATED');
    assert.equal(revalidated.body, first.body);
    assert.deepEqual(seen.map((s) => [s.ifNoneMatch, s.status]), [[null, 200], [etag, 304]]);
    const retirement = registry.addRetirement();
    clock.advance(TTL_MS);
    const changed = await call(target, { 'if-none-match': etag ?? '' });
    assert.equal(changed.status, 200);
    assert.equal(changed.headers.get('x-cache'), 'MISS');
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal((JSON.parse(changed.body) as { nodes: { id: string }[] }).nodes[0]?.id, retirement.id);
    assert.deepEqual(seen.at(-1), { path: '/registry/v0/retirements?first=5', ifNoneMatch: etag, status: 200 });
  });
});
