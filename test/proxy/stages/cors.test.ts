import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cors, preflight } from '../../../src/proxy/stages/cors.js';
import { matchRoute } from '../../../src/proxy/operations.js';
import { config, contextFor, run, throwsRefusal } from './support.js';

const SITE = 'https://site.test';
const ok = async () => new Response('{}', { status: 200 });

describe('cors stage', () => {
  it('allows listed origins, varies on Origin, and never reflects another', async () => {
    const stage = cors(config({ allowedOrigins: [SITE] }));
    const allowed = (await run(stage, contextFor('/projects', { headers: { origin: SITE } }), ok)).response;
    assert.equal(allowed.headers.get('access-control-allow-origin'), SITE);
    assert.equal(allowed.headers.get('access-control-expose-headers'), 'retry-after, x-cache, x-isometric-stale');
    assert.equal(allowed.headers.get('vary'), 'Origin');
    const other = (await run(stage, contextFor('/projects', { headers: { origin: 'https://evil.test' } }), ok)).response;
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    assert.equal(other.headers.get('vary'), 'Origin');
  });

  it('answers any origin with * when configured so, and adds nothing without origins', async () => {
    const any = (await run(cors(config({ allowedOrigins: '*' })), contextFor('/projects', { headers: { origin: SITE } }), ok)).response;
    assert.equal(any.headers.get('access-control-allow-origin'), '*');
    const none = (await run(cors(config()), contextFor('/projects', { headers: { origin: SITE } }), ok)).response;
    assert.deepEqual([...none.headers.keys()].filter((name) => name.startsWith('access-control-') || name === 'vary'), []);
  });

  it('leaves /metrics without CORS headers', async () => {
    const context = contextFor('/metrics', { headers: { origin: SITE } });
    const response = (await run(cors(config({ allowedOrigins: '*' })), context, async () => ((context.operation = 'metrics'), ok()))).response;
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('preflight stage', () => {
  const stage = preflight(config({ allowedOrigins: [SITE] }));
  const routed = (path: string, init: RequestInit, methods: string[]) => {
    const context = contextFor(path, init);
    const match = matchRoute(path.slice(1).split('/'));
    assert.ok(match);
    context.route = { ...match, methods };
    return context;
  };
  const ask = { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'GET' } };

  it('answers an allowed preflight with the allowed methods', async () => {
    const { response, reached } = await run(stage, routed('/projects', ask, ['GET', 'HEAD']));
    assert.ok(!reached);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, HEAD');
    assert.equal(response.headers.get('access-control-max-age'), '600');
  });

  it('answers a plain OPTIONS with Allow', async () => {
    const { response } = await run(stage, routed('/projects', { method: 'OPTIONS' }, ['GET', 'HEAD']));
    assert.equal(response.headers.get('allow'), 'GET, HEAD, OPTIONS');
  });

  it('refuses other origins and paths with nothing allowed', async () => {
    await throwsRefusal(run(stage, routed('/projects', { ...ask, headers: { ...ask.headers, origin: 'https://evil.test' } }, ['GET'])), 'origin_not_allowed', 403);
    await throwsRefusal(run(stage, routed('/beneficiaries', ask, [])), 'operation_not_allowed', 403);
  });

  it('hands on everything but OPTIONS on a matched path', async () => {
    assert.ok((await run(stage, routed('/projects', {}, ['GET']))).reached);
    assert.ok((await run(stage, contextFor('/nope', { method: 'OPTIONS' }))).reached);
  });
});
