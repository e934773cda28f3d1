import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProxyError } from '../../../src/proxy/errors.js';
import type { RequestLogEntry } from '../../../src/proxy/metrics.js';
import { createMetrics } from '../../../src/proxy/metrics.js';
import { observe } from '../../../src/proxy/stages/observe.js';
import { head, refusals } from '../../../src/proxy/stages/respond.js';
import { contextFor, run } from './support.js';

describe('refusals stage', () => {
  it('renders a thrown ProxyError as its JSON reply and notes the code', async () => {
    const context = contextFor('/projects');
    const { response } = await run(refusals(), context, async () => {
      throw new ProxyError('invalid_field', 'quantity_kg must be…', { field: 'quantity_kg' });
    });
    assert.equal(response.status, 422);
    assert.deepEqual(await response.json(), { error: 'invalid_field', message: 'quantity_kg must be…', field: 'quantity_kg' });
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(context.error, 'invalid_field');
  });

  it('answers anything else with a 500 that names nothing internal', async () => {
    const context = contextFor('/projects');
    const { response } = await run(refusals(), context, async () => {
      throw new Error('secret detail');
    });
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), { error: 'internal_error', message: 'The proxy failed unexpectedly.' });
    assert.equal(context.error, 'internal_error');
  });
});

describe('head stage', () => {
  it('drops the body of a HEAD answer, keeping status and headers', async () => {
    const answer = async () => new Response('{"a":1}', { status: 200, headers: { etag: '"x"' } });
    const { response } = await run(head(), contextFor('/projects', { method: 'HEAD' }), answer);
    assert.equal(response.body, null);
    assert.equal(response.headers.get('etag'), '"x"');
    assert.equal(await (await run(head(), contextFor('/projects'), answer)).response.text(), '{"a":1}');
  });
});

describe('observe stage', () => {
  it('logs one entry with the operation, status, cache, error code and attempts, and counts it', async () => {
    const entries: RequestLogEntry[] = [];
    const metrics = createMetrics();
    const context = contextFor('/projects', { method: 'PROPFIND' });
    await run(observe({ metrics, log: (entry) => entries.push(entry), now: () => 0 }), context, async () => {
      Object.assign(context, { operation: 'GET /projects', cache: 'MISS', error: 'upstream_timeout', attempts: 2 });
      return new Response(null, { status: 504 });
    });
    const [entry] = entries;
    assert.ok(entry);
    assert.equal(entry.time, '1970-01-01T00:00:00.000Z');
    assert.deepEqual([entry.method, entry.operation, entry.status, entry.cache, entry.error, entry.upstream_attempts], ['OTHER', 'GET /projects', 504, 'MISS', 'upstream_timeout', 2]);
    assert.match(metrics.render(), /requests_total\{operation="GET \/projects",status="5xx"\} 1/);
  });

  it('survives a failing log sink', async () => {
    const { response } = await run(observe({ log: () => { throw new Error('disk full'); }, now: Date.now }), contextFor('/projects'));
    assert.equal(response.status, 299);
  });
});
