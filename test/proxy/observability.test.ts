// The request log and the Prometheus counters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProxy, type ProxyOptions } from '../../src/proxy/index.js';
import type { RequestLogEntry } from '../../src/proxy/metrics.js';
import { ACCESS_TOKEN, baseOptions, CLIENT_SECRET, IDS, PROXY, recordingFetch, refusal } from './support.js';

function setup(options: Partial<ProxyOptions> = {}) {
  const upstream = recordingFetch();
  const lines: RequestLogEntry[] = [];
  const proxy = createProxy(baseOptions({ fetch: upstream.fetch, log: (entry) => lines.push(entry), ...options }));
  const call = (path: string, init?: RequestInit) => proxy(new Request(`${PROXY}${path}`, init), { clientAddress: '203.0.113.1' });
  return { upstream, lines, call };
}

describe('request log', () => {
  it('writes one entry per request with the template, never the raw path, query or a secret', async () => {
    const { lines, call } = setup({ basePath: '/api' });
    await call(`/api/projects/${IDS.project}?`);
    await call(`/api/projects/${IDS.project}`);
    await call('/api/projects?after=private-cursor-value&first=3');
    await call('/api/beneficiaries');
    await call('/api/nope/x');
    await call('/api/healthz');
    assert.equal(lines.length, 6);
    const [miss, hit, list, refused, unmatched, health] = lines as [RequestLogEntry, RequestLogEntry, RequestLogEntry, RequestLogEntry, RequestLogEntry, RequestLogEntry];
    assert.equal(miss.operation, 'GET /projects/{id}');
    assert.equal(miss.method, 'GET');
    assert.equal(miss.status, 200);
    assert.equal(miss.cache, 'MISS');
    assert.equal(miss.upstream_attempts, 1);
    assert.equal(typeof miss.duration_ms, 'number');
    assert.match(miss.request_id, /^[0-9a-f-]{36}$/);
    assert.ok(!Number.isNaN(Date.parse(miss.time)));
    assert.equal(hit.cache, 'HIT');
    assert.equal(hit.upstream_attempts, undefined);
    assert.equal(list.operation, 'GET /projects');
    assert.deepEqual([refused.status, refused.error, refused.operation], [403, 'operation_not_allowed', 'GET /beneficiaries']);
    assert.deepEqual([unmatched.status, unmatched.error, unmatched.operation], [404, 'not_found', 'other']);
    assert.equal(health.operation, 'healthz');
    assert.notEqual(miss.request_id, hit.request_id);
    const text = JSON.stringify(lines);
    for (const forbidden of [IDS.project, 'private-cursor-value', CLIENT_SECRET, ACCESS_TOKEN, '/api/']) assert.ok(!text.includes(forbidden), `the log carries ${forbidden}`);
  });

  it('names odd methods OTHER and survives a sink that throws', async () => {
    const { lines, call } = setup();
    await call('/projects', { method: 'PROPFIND' });
    assert.equal(lines[0]?.method, 'OTHER');
    const broken = setup({
      log: () => {
        throw new Error('disk full');
      },
    });
    assert.equal((await broken.call('/projects')).status, 200);
  });

  it('is silent without a log option', async () => {
    const upstream = recordingFetch();
    const proxy = createProxy(baseOptions({ fetch: upstream.fetch }));
    assert.equal((await proxy(new Request(`${PROXY}/projects`))).status, 200);
  });
});

describe('metrics', () => {
  it('serves Prometheus counters under the base path', async () => {
    const { call } = setup({ basePath: '/api', readRateLimitPerMinute: 2 });
    await call('/api/projects');
    await call('/api/projects');
    await refusal(await call('/api/projects'), 429, 'rate_limited');
    const response = await call('/api/metrics');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const text = await response.text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}()[\].+*?^$|\\/]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    assert.equal(value('isometric_proxy_requests_total{operation="GET /projects",status="2xx"}'), 2);
    assert.equal(value('isometric_proxy_requests_total{operation="other",status="4xx"}'), 1);
    assert.equal(value('isometric_proxy_cache_total{result="hit"}'), 1);
    assert.equal(value('isometric_proxy_cache_total{result="miss"}'), 1);
    assert.equal(value('isometric_proxy_cache_total{result="stale"}'), 0);
    assert.equal(value('isometric_proxy_rate_limited_total{limit="read"}'), 1);
    assert.equal(value('isometric_proxy_request_duration_seconds_count'), 3);
    assert.equal(value('isometric_proxy_request_duration_seconds_bucket{le="+Inf"}'), 3);
    const buckets = [...text.matchAll(/_bucket\{le="[^"]+"\} (\d+)/g)].map((match) => Number(match[1]));
    assert.deepEqual(buckets, [...buckets].sort((a, b) => a - b), 'buckets are cumulative');
    for (const line of text.trimEnd().split('\n')) assert.match(line, /^(# (HELP|TYPE) isometric_proxy_\w+ .+|isometric_proxy_\w+(\{[^}]*\})? [0-9.e+-]+)$/, line);
    for (const secret of [CLIENT_SECRET, ACCESS_TOKEN]) assert.ok(!text.includes(secret));
  });

  it('keeps label values to a fixed set, whatever the client sends', async () => {
    const { call } = setup({ readRateLimitPerMinute: 0 });
    for (let i = 0; i < 30; i += 1) await call(`/random-${i}/x"y`, { method: i % 2 ? 'BREW' : 'GET' });
    const text = await (await call('/metrics')).text();
    assert.doesNotMatch(text, /random|BREW/);
  });

  it('can be turned off, leaving /metrics to the 404 of unknown paths', async () => {
    const { upstream, call } = setup({ metrics: false });
    await refusal(await call('/metrics'), 404, 'not_found');
    assert.equal(upstream.calls.length, 0);
    assert.equal((await call('/healthz')).status, 200);
  });
});
