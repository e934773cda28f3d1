// The Worker entry builds the proxy from its bindings (here called in Node; test/workerd runs it in
// workerd). That every module the Worker reaches is free of Node APIs is the edge type check's job
// (tsconfig.edge.json; test/contract/boundaries.test.ts shows it covers them and bites).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serve } from '../../src/proxy/node.js';
import worker, { createWorker } from '../../src/proxy/worker.js';
import { ACCESS_TOKEN, CLIENT_SECRET } from './support.js';

describe('worker entry', () => {
  const env = {
    ISOMETRIC_API_URL: 'http://127.0.0.1:9/registry/v0',
    ISOMETRIC_CLIENT_SECRET: CLIENT_SECRET,
    ISOMETRIC_ACCESS_TOKEN: ACCESS_TOKEN,
    ISOMETRIC_BASE_PATH: '/api',
    ISOMETRIC_LOG: 'false',
    A_SERVICE_BINDING: { fetch: () => undefined },
  };
  const ctx = { waitUntil: () => undefined };

  it('exports fetch(request, env, ctx) that serves the proxy built from string bindings', async () => {
    const health = await worker.fetch(new Request('http://edge.test/api/healthz'), env, ctx);
    assert.deepEqual(await health.json(), { ok: true });
    const refused = await worker.fetch(new Request('http://edge.test/api/beneficiaries'), env, ctx);
    assert.equal(refused.status, 403);
  });

  it('answers 500 on a configuration error and reports the variable, never a secret', async () => {
    const reports: string[] = [];
    const broken = createWorker((message) => reports.push(message));
    const response = await broken.fetch(new Request('http://edge.test/api/healthz'), { ...env, ISOMETRIC_CACHE_TTL: 'soon' }, ctx);
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.equal(JSON.parse(text).error, 'internal_error');
    assert.doesNotMatch(text, /ISOMETRIC_CACHE_TTL|soon/);
    assert.match(reports[0] ?? '', /^isometric-widgets-proxy: ISOMETRIC_CACHE_TTL must be a whole number/);
    assert.ok(!reports.join('').includes(CLIENT_SECRET));
  });

  it('keys the rate limit on CF-Connecting-IP and hands cache writes to waitUntil', async () => {
    const upstream = await serve(async () => Response.json({ nodes: [] }), { port: 0 });
    try {
      const waited: Promise<unknown>[] = [];
      const limited = createWorker();
      const bindings = { ...env, ISOMETRIC_RATE_LIMIT_READS: '2', ISOMETRIC_API_URL: `${upstream.url}/registry/v0` };
      const context = { waitUntil: (promise: Promise<unknown>) => void waited.push(promise) };
      const from = (ip: string) => new Request('http://edge.test/api/projects', { headers: { 'cf-connecting-ip': ip } });
      const first = await limited.fetch(from('192.0.2.1'), bindings, context);
      assert.equal(first.headers.get('x-cache'), 'MISS');
      assert.equal(waited.length, 1, 'the cache write went to waitUntil');
      await Promise.all(waited);
      assert.equal((await limited.fetch(from('192.0.2.1'), bindings, context)).headers.get('x-cache'), 'HIT');
      assert.equal((await limited.fetch(from('192.0.2.1'), bindings, context)).status, 429);
      assert.equal((await limited.fetch(from('192.0.2.2'), bindings, context)).status, 200);
    } finally {
      await upstream.close();
    }
  });
});
