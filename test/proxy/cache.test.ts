// The read cache: bounded in entries and bytes, ETags and 304s, and the Web Cache API tier.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createMemoryStore, createWebCacheStore, type StoredReply, type WebCache } from '../../src/proxy/cache.js';
import { createProxy, type ProxyOptions } from '../../src/proxy/index.js';
import { baseOptions, manualClock, PROXY, recordingFetch, type Recorded } from './support.js';

/** An upstream that answers a body of `size` bytes, without an ETag. */
function sized(size: number) {
  return (request: Recorded) => {
    const body = JSON.stringify({ path: request.path, pad: 'x'.repeat(Math.max(0, size - request.path.length - 21)) });
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  };
}

function setup(options: Partial<ProxyOptions> = {}, answer?: (request: Recorded) => Response) {
  const upstream = recordingFetch(answer);
  const clock = manualClock();
  const proxy = createProxy(baseOptions({ fetch: upstream.fetch, now: clock.now, readRateLimitPerMinute: 0, ...options }));
  const call = (path: string, init?: RequestInit) => proxy(new Request(`${PROXY}${path}`, init));
  const cacheOf = async (path: string) => (await call(path)).headers.get('x-cache');
  return { upstream, clock, call, cacheOf };
}

function reply(size: number, storedAt = 0): StoredReply {
  return { status: 200, body: 'x'.repeat(size), etag: '"t"', storedAt, size };
}

describe('memory store', () => {
  it('stays within its entry and byte bounds, evicting the least recently used', async () => {
    const clock = manualClock();
    const store = createMemoryStore({ maxEntries: 50, maxBytes: 20_000, now: clock.now });
    for (let i = 0; i < 500; i += 1) {
      await store.put(`/k${i}`, reply(100 + (i % 7) * 300), 60_000);
      assert.ok(store.entries <= 50 && store.bytes <= 20_000, `over bounds after ${i}: ${store.entries} entries, ${store.bytes} bytes`);
    }
    const small = createMemoryStore({ maxEntries: 3, maxBytes: 1_000_000, now: clock.now });
    for (const key of ['a', 'b', 'c']) await small.put(key, reply(10), 60_000);
    assert.ok(await small.get('a'), 'a is now the most recently used');
    await small.put('d', reply(10), 60_000);
    assert.equal(await small.get('b'), undefined);
    assert.ok(await small.get('a'));
    await small.put('huge', reply(2_000_000), 60_000);
    assert.equal(await small.get('huge'), undefined, 'an entry larger than the bound is not kept');
    clock.advance(60_000);
    assert.equal(await small.get('a'), undefined, 'entries expire after keepMs');
  });

  it('bounds the proxy\u2019s cache by ISOMETRIC_CACHE_MAX_BYTES', async () => {
    const { upstream, cacheOf } = setup({ cacheMaxBytes: 4096 }, sized(1500));
    await cacheOf('/projects?first=1');
    await cacheOf('/projects?first=2');
    assert.equal(await cacheOf('/projects?first=1'), 'HIT');
    await cacheOf('/projects?first=3');
    assert.equal(await cacheOf('/projects?first=2'), 'MISS', 'the least recently used was evicted');
    assert.equal(await cacheOf('/projects?first=3'), 'HIT');
    assert.equal(upstream.calls.length, 4);
    const tiny = setup({ cacheMaxBytes: 1024 }, sized(2000));
    await tiny.cacheOf('/projects');
    assert.equal(await tiny.cacheOf('/projects'), 'MISS', 'too large to keep');
  });

  it('bounds the proxy\u2019s cache by ISOMETRIC_CACHE_MAX_ENTRIES', async () => {
    const { cacheOf } = setup({ cacheMaxEntries: 2 });
    for (const n of [1, 2, 3]) await cacheOf(`/projects?first=${n}`);
    assert.equal(await cacheOf('/projects?first=1'), 'MISS');
    assert.equal(await cacheOf('/projects?first=3'), 'HIT');
  });
});

describe('ETag and If-None-Match', () => {
  const plain = (request: Recorded) => new Response(JSON.stringify({ path: request.path }), { headers: { 'content-type': 'application/json' } });

  it('computes a strong ETag from the body when the API sends none, stable from miss to hit', async () => {
    const { call } = setup({}, plain);
    const miss = await call('/projects');
    const body = await miss.text();
    const expected = `"${createHash('sha256').update(body).digest('base64url')}"`;
    assert.equal(miss.headers.get('etag'), expected);
    assert.equal((await call('/projects')).headers.get('etag'), expected);
    const uncached = setup({ cacheTtl: 0 }, plain);
    assert.equal((await uncached.call('/projects')).headers.get('etag'), expected);
  });

  it('answers 304 without a body when If-None-Match matches', async () => {
    const { call } = setup({}, plain);
    const etag = (await call('/projects')).headers.get('etag') as string;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await call('/projects', { headers: { 'if-none-match': header } });
      assert.equal(response.status, 304, header);
      assert.equal(await response.text(), '');
      assert.equal(response.headers.get('etag'), etag);
      assert.equal(response.headers.get('x-cache'), 'HIT');
      assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=60/);
    }
    const changed = await call('/projects', { headers: { 'if-none-match': '"stale-tag"' } });
    assert.equal(changed.status, 200);
    const uncached = setup({ cacheTtl: 0 }, plain);
    assert.equal((await uncached.call('/projects', { headers: { 'if-none-match': etag } })).status, 304);
  });

  it('keeps the API\u2019s own ETag and never answers 304 to a refusal', async () => {
    const { call } = setup();
    const response = await call('/projects', { headers: { 'if-none-match': '"v1"' } });
    assert.equal(response.status, 304);
    assert.equal(response.headers.get('etag'), '"v1"');
    assert.equal((await call('/beneficiaries', { headers: { 'if-none-match': '*' } })).status, 403);
  });
});

/** A Web Cache stand-in: a Map of URLs to bodies and headers, honouring nothing but presence. */
function fakeWebCache(options: { broken?: boolean } = {}) {
  const entries = new Map<string, { body: string; headers: [string, string][] }>();
  const cache: WebCache = {
    async match(url) {
      if (options.broken) throw new Error('No Cache was configured');
      const entry = entries.get(url);
      return entry && new Response(entry.body, { headers: entry.headers });
    },
    async put(url, response) {
      if (options.broken) throw new Error('No Cache was configured');
      entries.set(url, { body: await response.text(), headers: [...response.headers] });
    },
  };
  return { cache, entries };
}

describe('Web Cache API tier', () => {
  it('round-trips a reply through a Web Cache, with its max-age', async () => {
    const { cache, entries } = fakeWebCache();
    const store = createWebCacheStore(cache, async () => 'https://cache.test/base');
    const stored: StoredReply = { status: 200, body: '{"a":"é"}', etag: '"e"', storedAt: 1234, size: 10, outOfScope: true };
    await store.put('/projects?first=1', stored, 90_500);
    assert.deepEqual([...entries.keys()], ['https://cache.test/base/projects?first=1']);
    assert.equal(new Headers(entries.get('https://cache.test/base/projects?first=1')?.headers).get('cache-control'), 'max-age=90');
    assert.deepEqual(await store.get('/projects?first=1'), stored);
    assert.equal(await store.get('/nothing'), undefined);
  });

  it('is used behind the memory tier when the runtime has caches.default, shared across proxies with the same credentials', async () => {
    const { cache, entries } = fakeWebCache();
    const global = globalThis as { caches?: unknown };
    global.caches = { default: cache };
    try {
      const first = setup();
      assert.equal(await first.cacheOf('/projects?first=4'), 'MISS');
      assert.equal(entries.size, 1);
      const [key] = entries.keys();
      assert.match(key ?? '', /^https:\/\/isometric-proxy\.cache\/[A-Za-z0-9_-]{22}\/projects\?first=4$/);
      assert.doesNotMatch(key ?? '', /TEST/, 'the key never carries a credential');
      const second = setup();
      assert.equal(await second.cacheOf('/projects?first=4'), 'HIT', 'another isolate finds it in the shared cache');
      assert.equal(second.upstream.calls.length, 0);
      const other = setup({ accessToken: 'another-token' });
      assert.equal(await other.cacheOf('/projects?first=4'), 'MISS', 'other credentials, other keys');
      const confined = setup({ scope: { organisations: ['org_1CTWZQGKE1S0VAXA'] } });
      await confined.call('/projects?first=4');
      assert.equal(confined.upstream.calls.length, 1, 'another scope, other keys: the verdict stored with a reply is not shared');
      assert.equal(new Set([...entries.keys()].map((k) => k.split('/')[3])).size, 3);
    } finally {
      delete global.caches;
    }
  });

  it('treats a cache that throws as a miss (workerd without a configured cache)', async () => {
    const global = globalThis as { caches?: unknown };
    global.caches = { default: fakeWebCache({ broken: true }).cache };
    try {
      const { cacheOf } = setup();
      assert.equal(await cacheOf('/projects'), 'MISS');
      assert.equal(await cacheOf('/projects'), 'HIT', 'the memory tier still works');
    } finally {
      delete global.caches;
    }
  });
});
