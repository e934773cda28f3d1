import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findOperation } from '../../../src/proxy/operations.js';
import { readJsonBody } from '../../../src/proxy/stages/body.js';
import { write } from '../../../src/proxy/stages/write.js';
import type { Upstream } from '../../../src/proxy/upstream.js';
import { contextFor, run, throwsRefusal } from './support.js';

function posted(init: RequestInit) {
  const context = contextFor('/retirements', { method: 'POST', ...init });
  const operation = findOperation('POST /retirements');
  assert.ok(operation);
  context.target = { operation, path: '/retirements', query: '' };
  return context;
}

describe('write stage', () => {
  it('forwards the JSON body as sent and passes the answer on', async () => {
    const calls: { path: string; body?: string }[] = [];
    const upstream: Upstream = async (path, init) => {
      calls.push({ path, ...(init.body === undefined ? {} : { body: init.body }) });
      return { reply: { status: 201, body: '{"id":"ret_1"}' }, attempts: 1 };
    };
    const { response } = await run(write(upstream), posted({ headers: { 'content-type': 'application/json' }, body: '{"a": 1}' }));
    assert.equal(response.status, 201);
    assert.deepEqual(calls, [{ path: '/retirements', body: '{"a": 1}' }]);
  });

  it('refuses bodies that are not a JSON object of bounded size', async () => {
    const json = { 'content-type': 'application/json' };
    await throwsRefusal(readJsonBody(new Request('http://x.test', { method: 'POST', body: '{}' }), 10), 'unsupported_media_type', 415);
    await throwsRefusal(readJsonBody(new Request('http://x.test', { method: 'POST', headers: json, body: '{"a":"long"}' }), 10), 'payload_too_large', 413);
    await throwsRefusal(readJsonBody(new Request('http://x.test', { method: 'POST', headers: json, body: '{' }), 10), 'invalid_json', 400);
    await throwsRefusal(readJsonBody(new Request('http://x.test', { method: 'POST', headers: json, body: '[1]' }), 10), 'invalid_body', 400);
    await throwsRefusal(readJsonBody(new Request('http://x.test', { method: 'POST', headers: json, body: new Uint8Array([0x22, 0xff, 0x22]) }), 10), 'invalid_json', 400);
  });
});
