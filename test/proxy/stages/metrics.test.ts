import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics } from '../../../src/proxy/metrics.js';
import { metricsEndpoint } from '../../../src/proxy/stages/metrics.js';
import { createLimits } from '../../../src/proxy/stages/rate-limit.js';
import { config, contextFor, run, throwsRefusal } from './support.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const PEER = { clientAddress: '203.0.113.7' };

function endpoint(options: Parameters<typeof config>[0] = {}, metrics = createMetrics()) {
  const resolved = config(options);
  return metricsEndpoint(resolved, metrics, createLimits(resolved, { now: Date.now, metrics }));
}

describe('metrics stage', () => {
  it('serves the counters as Prometheus text and marks the request as metrics', async () => {
    const context = contextFor('/metrics');
    const { response, reached } = await run(endpoint(), context);
    assert.ok(!reached);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(await response.text(), /^# HELP isometric_proxy_requests_total/);
    assert.equal(context.operation, 'metrics');
  });

  it('asks for the bearer token, naming the error only when a wrong one is presented', async () => {
    const stage = endpoint({ metricsToken: TOKEN });
    const missing = await throwsRefusal(run(stage, contextFor('/metrics', {}, PEER)), 'unauthorized', 401);
    assert.equal(missing.toResponse().headers.get('www-authenticate'), 'Bearer');
    const wrong = await throwsRefusal(run(stage, contextFor('/metrics', { headers: { authorization: 'Bearer nope' } }, PEER)), 'unauthorized', 401);
    assert.equal(wrong.toResponse().headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    const right = await run(stage, contextFor('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }, PEER));
    assert.equal(right.response.status, 200);
  });

  it('counts refused attempts against the read limit', async () => {
    const stage = endpoint({ metricsToken: TOKEN, readRateLimitPerMinute: 1 });
    await throwsRefusal(run(stage, contextFor('/metrics', {}, PEER)), 'unauthorized', 401);
    await throwsRefusal(run(stage, contextFor('/metrics', {}, PEER)), 'rate_limited', 429);
  });

  it('leaves /metrics to the router when metrics are off, and other paths alone', async () => {
    const off = config({ metrics: false });
    assert.ok((await run(metricsEndpoint(off, undefined, createLimits(off, { now: Date.now })), contextFor('/metrics'))).reached);
    assert.ok((await run(endpoint(), contextFor('/projects'))).reached);
  });
});
