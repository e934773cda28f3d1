import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProxyContext } from '../../../src/proxy/context.js';
import { ProxyError } from '../../../src/proxy/errors.js';
import { findOperation } from '../../../src/proxy/operations.js';
import type { ReadResult, Reads } from '../../../src/proxy/reads.js';
import { read } from '../../../src/proxy/stages/read.js';
import { config, contextFor, run, throwsRefusal } from './support.js';

const STORED = { status: 200, body: '{"nodes":[]}', etag: '"abc"', storedAt: 0, size: 12 };

function target(context: ProxyContext, key = 'GET /projects'): ProxyContext {
  const operation = findOperation(key);
  assert.ok(operation);
  context.target = { operation, path: operation.template, query: '' };
  return context;
}

function reads(result: ReadResult, seen: string[] = []): Reads {
  return async (_operation, key) => {
    seen.push(key);
    return result;
  };
}

describe('read stage', () => {
  const resolved = config({ cacheTtl: 60, staleIfError: 300 });

  it('serves a hit with its ETag, X-Cache and the shared-cache policy', async () => {
    const seen: string[] = [];
    const context = target(contextFor('/projects'));
    const { response, reached } = await run(read(resolved, reads({ served: STORED, cache: 'HIT' }, seen)), context);
    assert.ok(!reached);
    assert.deepEqual(seen, ['/projects']);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), STORED.body);
    assert.equal(response.headers.get('etag'), '"abc"');
    assert.equal(response.headers.get('x-cache'), 'HIT');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=300, stale-if-error=300');
    assert.equal(context.cache, 'HIT');
  });

  it('answers a matching If-None-Match with 304', async () => {
    const context = target(contextFor('/projects', { headers: { 'if-none-match': 'W/"abc"' } }));
    const { response } = await run(read(resolved, reads({ served: STORED, cache: 'MISS', attempts: 1 })), context);
    assert.equal(response.status, 304);
    assert.equal(response.headers.get('etag'), '"abc"');
    assert.equal(context.attempts, 1);
  });

  it('marks a stale copy with its age and keeps it out of shared caches', async () => {
    const { response } = await run(read(resolved, reads({ served: STORED, cache: 'STALE', age: 90_500 })), target(contextFor('/projects')));
    assert.equal(response.headers.get('x-isometric-stale'), '90');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('throws an upstream refusal with X-Cache, and refuses an out-of-scope answer', async () => {
    const failed = new ProxyError('upstream_timeout', 'late');
    const refusal = await throwsRefusal(run(read(resolved, reads({ served: failed, cache: 'MISS' })), target(contextFor('/projects'))), 'upstream_timeout', 504);
    assert.equal(refusal.toResponse().headers.get('x-cache'), 'MISS');
    await throwsRefusal(run(read(resolved, reads({ served: { ...STORED, outOfScope: true }, cache: 'HIT' })), target(contextFor('/projects'))), 'out_of_scope', 403);
  });

  it('passes an upstream 404 through uncached', async () => {
    const { response } = await run(read(resolved, reads({ served: { status: 404, body: '{"detail":"Project not found"}' }, cache: 'MISS' })), target(contextFor('/projects')));
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('hands writes and untargeted requests on', async () => {
    const stage = read(resolved, reads({ served: STORED, cache: 'HIT' }));
    assert.ok((await run(stage, target(contextFor('/stripe/checkout', { method: 'POST' }), 'POST /stripe/checkout'))).reached);
    assert.ok((await run(stage, contextFor('/projects'))).reached);
  });
});
