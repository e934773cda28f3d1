import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { health } from '../../../src/proxy/stages/health.js';
import { contextFor, run, throwsRefusal } from './support.js';

describe('health stage', () => {
  it('answers /healthz with {"ok":true}, never cached', async () => {
    const context = contextFor('/healthz');
    const { response, reached } = await run(health(), context);
    assert.ok(!reached);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(context.operation, 'healthz');
  });

  it('refuses other methods with 405 and Allow', async () => {
    const refusal = await throwsRefusal(run(health(), contextFor('/healthz', { method: 'POST' })), 'method_not_allowed', 405);
    assert.equal(refusal.toResponse().headers.get('allow'), 'GET, HEAD');
    assert.equal(refusal.message, 'POST is not allowed on /healthz.');
  });

  it('hands other paths on', async () => {
    assert.ok((await run(health(), contextFor('/projects'))).reached);
  });
});
