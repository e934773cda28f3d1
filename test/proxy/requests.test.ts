// Hostile requests and per-client budgets: each refusal is a clear 4xx that reaches nothing upstream.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProxy, type ProxyOptions } from '../../src/proxy/index.js';
import { createRateLimiter } from '../../src/proxy/rate-limit.js';
import { baseOptions, IDS, manualClock, PROXY, recordingFetch, refusal } from './support.js';

function setup(options: Partial<ProxyOptions> = {}) {
  const upstream = recordingFetch();
  const clock = manualClock();
  const proxy = createProxy(baseOptions({ fetch: upstream.fetch, now: clock.now, ...options }));
  const call = (path: string, init: RequestInit & { from?: string } = {}) => proxy(new Request(`${PROXY}${path}`, init), init.from ? { clientAddress: init.from } : {});
  return { upstream, clock, call };
}

describe('bad requests', () => {
  it('refuses a request target over 2 KiB with 414', async () => {
    const { upstream, call } = setup();
    const cursor = 'c'.repeat(500);
    const query = Array.from({ length: 5 }, () => `after=${cursor}`).join('&');
    await refusal(await call(`/projects?${query}`), 414, 'uri_too_long');
    await refusal(await call(`/projects/${'x'.repeat(2100)}`), 414, 'uri_too_long');
    assert.equal(upstream.calls.length, 0);
    const longest = `/projects?after=${'c'.repeat(512)}`;
    assert.equal((await call(longest)).status, 200);
  });

  it('refuses more than 8 KiB of request headers with 431', async () => {
    const { upstream, call } = setup();
    const headers = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`x-pad-${i}`, 'p'.repeat(1000)]));
    await refusal(await call('/projects', { headers }), 431, 'headers_too_large');
    assert.equal(upstream.calls.length, 0);
    assert.equal((await call('/projects', { headers: { 'x-pad': 'p'.repeat(7000) } })).status, 200);
    // Cookies are never read or forwarded; a site's own large cookies must not break its widgets.
    assert.equal((await call('/projects', { headers: { cookie: `big=${'c'.repeat(12_000)}` } })).status, 200);
  });

  it('refuses query strings that are not percent-encoded UTF-8', async () => {
    const { upstream, call } = setup();
    for (const query of ['after=%FF', 'after=%C3%28', 'after=%zz', 'after=50%', 'after=%E2%82', '%FF=1', 'first=1&after=%80abc']) {
      await refusal(await call(`/projects?${query}`), 400, 'invalid_encoding');
    }
    assert.equal(upstream.calls.length, 0);
    assert.equal((await call('/projects?after=caf%C3%A9')).status, 200);
    assert.equal(upstream.calls[0]?.path, '/registry/v0/projects?after=caf%C3%A9');
  });

  it('refuses method overrides in headers and in the query', async () => {
    const { upstream, call } = setup({ operations: ['+POST /retirements'] });
    for (const name of ['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override']) {
      await refusal(await call('/projects', { headers: { [name]: 'DELETE' } }), 400, 'method_override');
      await refusal(await call('/retirements', { method: 'POST', headers: { [name]: 'GET', 'content-type': 'application/json' }, body: '{}' }), 400, 'method_override');
    }
    await refusal(await call('/projects?_method=DELETE'), 400, 'method_override');
    await refusal(await call(`/projects/${IDS.project}?_method=POST`), 400, 'method_override');
    assert.equal(upstream.calls.length, 0);
  });

  it('refuses unknown, duplicated and invalid parameters, and bad bodies', async () => {
    const { upstream, call } = setup({ operations: ['+POST /retirements'] });
    await refusal(await call('/projects?first=1&first=1'), 400, 'duplicate_parameter');
    await refusal(await call('/projects?First=1'), 400, 'unknown_parameter');
    await refusal(await call('/projects?first=%201'), 400, 'invalid_parameter');
    const post = (body: BodyInit, type = 'application/json') => call('/retirements', { method: 'POST', body, headers: { 'content-type': type } });
    await refusal(await post('{}', 'text/json'), 415, 'unsupported_media_type');
    await refusal(await post('{"a":'), 400, 'invalid_json');
    await refusal(await post(new Uint8Array([0x7b, 0xff, 0x7d])), 400, 'invalid_json');
    await refusal(await post('"string"'), 400, 'invalid_body');
    await refusal(await post(`{"pad":"${'x'.repeat(70 * 1024)}"}`), 413, 'payload_too_large');
    assert.equal(upstream.calls.length, 0);
  });
});

describe('read rate limit', () => {
  it('gives each client address its budget per minute, with Retry-After', async () => {
    const { upstream, clock, call } = setup({ readRateLimitPerMinute: 3, cacheTtl: 3600 });
    const from = '203.0.113.9';
    for (let i = 0; i < 3; i += 1) assert.equal((await call('/projects', { from })).status, 200);
    clock.advance(15_000);
    const limited = await call('/projects', { from });
    await refusal(limited.clone(), 429, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '45');
    assert.equal((await call('/projects', { from: '198.51.100.2' })).status, 200, 'another address has its own budget');
    clock.advance(45_000);
    assert.equal((await call('/projects', { from })).status, 200);
    assert.equal(upstream.calls.length, 1, 'the other reads were cache hits, which count too');
  });

  it('counts refusals and preflights too, but not /healthz or /metrics', async () => {
    const { call } = setup({ readRateLimitPerMinute: 2 });
    const from = '203.0.113.10';
    await refusal(await call('/beneficiaries', { from }), 403, 'operation_not_allowed');
    assert.equal((await call('/projects', { method: 'OPTIONS', from })).status, 204);
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await call('/healthz', { from })).status, 200);
      assert.equal((await call('/metrics', { from })).status, 200);
    }
    await refusal(await call('/projects', { from }), 429, 'rate_limited');
  });

  it('is off at 0, and does not count requests whose address is unknown', async () => {
    const off = setup({ readRateLimitPerMinute: 0 });
    for (let i = 0; i < 20; i += 1) assert.equal((await off.call('/projects', { from: '203.0.113.11' })).status, 200);
    const anonymous = setup({ readRateLimitPerMinute: 1 });
    for (let i = 0; i < 5; i += 1) assert.equal((await anonymous.call('/projects')).status, 200);
  });

  it('keys on X-Forwarded-For only when the proxy is trusted', async () => {
    const untrusted = setup({ readRateLimitPerMinute: 1 });
    assert.equal((await untrusted.call('/projects', { from: '10.0.0.1', headers: { 'x-forwarded-for': '1.1.1.1' } })).status, 200);
    await refusal(await untrusted.call('/projects', { from: '10.0.0.1', headers: { 'x-forwarded-for': '2.2.2.2' } }), 429, 'rate_limited');
    const trusted = setup({ readRateLimitPerMinute: 1, trustProxy: true });
    assert.equal((await trusted.call('/projects', { from: '10.0.0.1', headers: { 'x-forwarded-for': '1.1.1.1' } })).status, 200);
    assert.equal((await trusted.call('/projects', { from: '10.0.0.1', headers: { 'x-forwarded-for': '2.2.2.2, 10.0.0.1' } })).status, 200);
    await refusal(await trusted.call('/projects', { from: '10.0.0.1', headers: { 'x-forwarded-for': '1.1.1.1' } }), 429, 'rate_limited');
  });

  it('does not let checkout creations spend the read budget', async () => {
    const { call } = setup({ readRateLimitPerMinute: 1, checkout: { urls: ['https://shop.test/'] } });
    const from = '203.0.113.12';
    const body = JSON.stringify({ quantity_kg: 0 });
    for (let i = 0; i < 3; i += 1) {
      await refusal(await call('/stripe/checkout', { method: 'POST', body, headers: { 'content-type': 'application/json' }, from }), 422, 'invalid_field');
    }
    assert.equal((await call('/projects', { from })).status, 200);
  });
});

describe('createRateLimiter', () => {
  it('bounds its memory: expired windows go first, then the oldest live ones', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, now: clock.now, maxKeys: 100 });
    for (let i = 0; i < 1_000; i += 1) assert.equal(limiter.take(`k${i}`), 0);
    assert.equal(limiter.size, 100);
    assert.ok(limiter.take('k999') > 0, 'a recent key keeps its window');
    assert.equal(limiter.take('k0'), 0, 'the oldest was forgotten');
    clock.advance(60_000);
    limiter.take('fresh');
    assert.equal(limiter.size, 1, 'expired windows are dropped');
  });
});
