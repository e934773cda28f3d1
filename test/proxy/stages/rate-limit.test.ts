import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics } from '../../../src/proxy/metrics.js';
import { createLimits, rateLimit } from '../../../src/proxy/stages/rate-limit.js';
import { manualClock } from '../support.js';
import { config, contextFor, run, throwsRefusal } from './support.js';

const PEER = { clientAddress: '203.0.113.7' };

describe('rate-limit stage', () => {
  it('spends the read budget per address and answers 429 with Retry-After past it', async () => {
    const clock = manualClock();
    const metrics = createMetrics();
    const stage = rateLimit(createLimits(config({ readRateLimitPerMinute: 2 }), { now: clock.now, metrics }));
    assert.ok((await run(stage, contextFor('/projects', {}, PEER))).reached);
    assert.ok((await run(stage, contextFor('/projects', {}, PEER))).reached);
    const refusal = await throwsRefusal(run(stage, contextFor('/projects', {}, PEER)), 'rate_limited', 429);
    assert.equal(refusal.message, 'Too many requests from this address; try again in 60 s.');
    const response = refusal.toResponse();
    assert.equal(response.headers.get('retry-after'), '60');
    assert.match(metrics.render(), /isometric_proxy_rate_limited_total\{limit="read"\} 1/);
    assert.ok((await run(stage, contextFor('/projects', {}, { clientAddress: '203.0.113.8' }))).reached, 'another address has its own budget');
    clock.advance(60_000);
    assert.ok((await run(stage, contextFor('/projects', {}, PEER))).reached, 'a new window');
  });

  it('counts neither unknown addresses nor checkout creations', async () => {
    const stage = rateLimit(createLimits(config({ readRateLimitPerMinute: 1 }), { now: Date.now }));
    for (let i = 0; i < 3; i += 1) assert.ok((await run(stage, contextFor('/projects'))).reached);
    for (let i = 0; i < 3; i += 1) assert.ok((await run(stage, contextFor('/stripe/checkout', { method: 'POST' }, PEER))).reached);
  });

  it('keys on X-Forwarded-For only when the proxy is trusted', async () => {
    const limits = createLimits(config({ readRateLimitPerMinute: 1, trustProxy: true }), { now: Date.now });
    const forwarded = (address: string) => contextFor('/projects', { headers: { 'x-forwarded-for': `${address}, 10.0.0.1` } }, PEER);
    limits.spend('read', forwarded('198.51.100.1'));
    limits.spend('read', forwarded('198.51.100.2'));
    await throwsRefusal((async () => limits.spend('read', forwarded('198.51.100.1')))(), 'rate_limited', 429);
  });

  it('gives checkout creations their own budget, unknown addresses sharing one', async () => {
    const limits = createLimits(config({ checkout: { urls: ['https://shop.test/'], rateLimitPerMinute: 1 } }), { now: Date.now });
    limits.spend('checkout', contextFor('/stripe/checkout'));
    const refusal = await throwsRefusal((async () => limits.spend('checkout', contextFor('/stripe/checkout')))(), 'rate_limited', 429);
    assert.equal(refusal.message, 'Too many checkout sessions from this address; try again in 60 s.');
  });
});
