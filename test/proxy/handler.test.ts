import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProxy, type ProxyOptions } from '../../src/proxy/index.js';
import { ACCESS_TOKEN, API_URL, assertNoSecrets, baseOptions, CLIENT_SECRET, deferred, IDS, manualClock, PROXY, recordingFetch, refusal, until, type Recorded } from './support.js';

function setup(options: Partial<ProxyOptions> = {}, answer?: (request: Recorded) => Response | Promise<Response>) {
  const upstream = recordingFetch(answer);
  const proxy = createProxy(baseOptions({ fetch: upstream.fetch, ...options }));
  const call = (path: string, init?: RequestInit) => proxy(new Request(`${PROXY}${path}`, init));
  return { upstream, proxy, call };
}

const ALLOWED_HEADERS = new Set(['content-type', 'cache-control', 'etag', 'x-cache', 'x-content-type-options', 'vary', 'access-control-allow-origin', 'access-control-expose-headers']);

describe('createProxy: forwarding', () => {
  it('adds the secrets server-side and sends only accept and user-agent besides', async () => {
    const { upstream, call } = setup();
    const response = await call(`/projects/${IDS.project}`, {
      headers: { cookie: 'session=1', authorization: 'Bearer browser-token', 'x-client-secret': 'forged', 'x-forwarded-for': '1.2.3.4', referer: 'https://site.test/', 'x-custom': '1' },
    });
    assert.equal(response.status, 200);
    assert.equal(upstream.calls.length, 1);
    const [sent] = upstream.calls;
    assert.equal(sent?.url, `${API_URL}/projects/${IDS.project}`);
    assert.deepEqual(sent?.headers, {
      accept: 'application/json',
      authorization: `Bearer ${ACCESS_TOKEN}`,
      'user-agent': 'isometric-widgets-proxy',
      'x-client-secret': CLIENT_SECRET,
    });
  });

  it('returns only safe headers and never a secret', async () => {
    const { call } = setup();
    const response = await call('/projects');
    const names = [...response.headers.keys()];
    for (const name of names) assert.ok(ALLOWED_HEADERS.has(name), `unexpected header ${name}`);
    assert.equal(response.headers.get('etag'), '"v1"');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const body = JSON.parse(await assertNoSecrets(response)) as { path: string };
    assert.equal(body.path, '/registry/v0/projects');
  });

  it('re-serialises the query from validated parameters, in a canonical order', async () => {
    const { upstream, call } = setup();
    await call(`/retirements?owner_org_id=${IDS.organisation}&first=5&after=cursor%2Bx%20y`);
    assert.equal(upstream.calls[0]?.path, `/registry/v0/retirements?after=cursor%2Bx+y&first=5&owner_org_id=${IDS.organisation}`);
  });

  it('passes 2xx bodies through verbatim, so big integers survive', async () => {
    const text = '{"credit_kgs": 123456789012345678901234567890, "name":"x"}';
    const { call } = setup({}, () => new Response(text, { headers: { 'content-type': 'application/json' } }));
    assert.equal(await (await call('/projects')).text(), text);
  });

  it('serves HEAD for allowed GETs, without a body', async () => {
    const { upstream, call } = setup();
    const response = await call('/projects', { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
    assert.equal(upstream.calls[0]?.method, 'GET');
  });

  it('answers /healthz itself, under the base path', async () => {
    const { upstream, call } = setup({ basePath: '/api' });
    const response = await call('/api/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
    await refusal(await call('/api/healthz', { method: 'POST' }), 405, 'method_not_allowed');
    assert.equal(upstream.calls.length, 0);
  });

  it('mirrors the API under the base path and nowhere else', async () => {
    const { upstream, call } = setup({ basePath: '/api' });
    assert.equal((await call('/api/projects')).status, 200);
    assert.equal(upstream.calls[0]?.path, '/registry/v0/projects');
    await refusal(await call('/projects'), 404, 'not_found');
    await refusal(await call('/apiprojects'), 404, 'not_found');
    await refusal(await call('/api'), 404, 'not_found');
    assert.equal(upstream.calls.length, 1);
  });
});

describe('createProxy: refusals', () => {
  const refused: [string, string, number, string, RegExp][] = [
    ['GET', '/beneficiaries', 403, 'operation_not_allowed', /GET \/beneficiaries/],
    ['GET', '/transferees', 403, 'operation_not_allowed', /GET \/transferees/],
    ['GET', '/organisation', 403, 'operation_not_allowed', /GET \/organisation\b/],
    ['GET', '/supplier', 403, 'operation_not_allowed', /GET \/supplier\b/],
    ['GET', `/orders/${IDS.order}`, 403, 'operation_not_allowed', /GET \/orders\/\{id\}/],
    ['GET', '/deliveries', 403, 'operation_not_allowed', /GET \/deliveries/],
    ['GET', '/transfers', 403, 'operation_not_allowed', /GET \/transfers/],
    ['GET', `/organisations/${IDS.organisation}/credit_batches`, 403, 'operation_not_allowed', /credit_batches/],
    ['POST', '/retirements', 403, 'operation_not_allowed', /POST \/retirements/],
    ['POST', '/beneficiary', 403, 'operation_not_allowed', /POST \/beneficiary/],
    ['POST', '/transfers', 403, 'operation_not_allowed', /POST \/transfers/],
    ['POST', '/deliveries', 403, 'operation_not_allowed', /POST \/deliveries/],
    ['POST', '/retirements/from_oldest_credits', 403, 'operation_not_allowed', /from_oldest_credits/],
    ['POST', '/stripe/checkout', 403, 'operation_not_allowed', /POST \/stripe\/checkout/],
    ['DELETE', `/projects/${IDS.project}`, 405, 'method_not_allowed', /DELETE/],
    ['PUT', '/retirements', 405, 'method_not_allowed', /PUT/],
    ['POST', '/projects', 405, 'method_not_allowed', /POST/],
    ['PATCH', '/beneficiaries', 403, 'operation_not_allowed', /\/beneficiaries/],
    ['GET', '/nope', 404, 'not_found', /\/nope/],
    ['GET', '/projects/prj_1CTWZQGKE1S0VAXA/extra', 404, 'not_found', /extra/],
    ['GET', '/', 404, 'not_found', /\//],
  ];
  for (const [method, path, status, code, names] of refused) {
    it(`${method} ${path} \u2192 ${status} ${code}, nothing upstream`, async () => {
      const { upstream, call } = setup();
      const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
      const message = await refusal(await call(path, { method, ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}) }), status, code);
      assert.match(message, names);
      assert.equal(upstream.calls.length, 0);
    });
  }

  it('sends Allow with 405', async () => {
    const { call } = setup();
    const response = await call('/projects', { method: 'DELETE' });
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
  });

  it('refuses HEAD on an operation that is not allowed, without a body', async () => {
    const { upstream, call } = setup();
    const response = await call('/beneficiaries', { method: 'HEAD' });
    assert.equal(response.status, 403);
    assert.equal(await response.text(), '');
    assert.equal(upstream.calls.length, 0);
  });

  it('refuses path tricks before matching', async () => {
    const { upstream, proxy } = setup();
    const tricks: [string, number, string][] = [
      ['/projects/..%2f..%2fbeneficiaries', 400, 'bad_path'],
      ['/projects/..%2F..%2Fbeneficiaries', 400, 'bad_path'],
      ['/projects/prj_1CTWZQGKE1S0VAXA%5c..', 400, 'bad_path'],
      ['/projects/%70rj_1CTWZQGKE1S0VAXA', 400, 'bad_path'],
      ['/projects//prj_1CTWZQGKE1S0VAXA', 400, 'bad_path'],
      ['/projects/', 400, 'bad_path'],
      // WHATWG URL parsing resolves these before the handler runs; the result must still be refused.
      ['/projects/%2e%2e/beneficiaries', 403, 'operation_not_allowed'],
      ['/projects/prj_1CTWZQGKE1S0VAXA/../../beneficiaries', 403, 'operation_not_allowed'],
      ['/projects\\..\\beneficiaries', 403, 'operation_not_allowed'],
      ['/projects/%2e%2e/x', 404, 'not_found'],
    ];
    for (const [path, status, code] of tricks) await refusal(await proxy(new Request(`${PROXY}${path}`)), status, code);
    // An absolute-form target reaches a Web handler as a URL whose host is not the Host header.
    await refusal(await proxy(new Request('http://evil.com/projects', { headers: { host: 'proxy.test' } })), 400, 'bad_path');
    assert.equal(upstream.calls.length, 0);
  });

  it('validates ids, naming the parameter', async () => {
    const { upstream, call } = setup();
    for (const id of ['spl_1CC712KFS1S0YKPS', 'prj_short', 'prj_1ctwzqgke1s0vaxa', `prj_${'A'.repeat(34)}`, 'prj_1CTWZQGKE1S0VAX-', 'from_oldest']) {
      assert.match(await refusal(await call(`/projects/${id}`), 400, 'invalid_id'), /"id"/);
    }
    assert.match(await refusal(await call('/retirements?owner_org_id=prj_1CTWZQGKE1S0VAXA'), 400, 'invalid_id'), /owner_org_id/);
    assert.match(await refusal(await call('/retirements?beneficiary_org_id=org_x'), 400, 'invalid_id'), /beneficiary_org_id/);
    assert.equal(upstream.calls.length, 0);
  });

  it('validates pagination and refuses unknown or repeated parameters', async () => {
    const { upstream, call } = setup();
    const cases: [string, string, RegExp][] = [
      ['first=0', 'invalid_parameter', /first/],
      ['first=51', 'invalid_parameter', /first/],
      ['last=1.5', 'invalid_parameter', /last/],
      ['first=01', 'invalid_parameter', /first/],
      ['first=', 'invalid_parameter', /first/],
      ['after=', 'invalid_parameter', /after/],
      [`before=${'c'.repeat(513)}`, 'invalid_parameter', /before/],
      ['after=a%0Ab', 'invalid_parameter', /after/],
      ['foo=1', 'unknown_parameter', /foo/],
      ['owner_org_id=org_1GB56M1ST1S0GVNA', 'unknown_parameter', /owner_org_id/],
      ['first=1&first=2', 'duplicate_parameter', /first/],
      ['__proto__=1', 'unknown_parameter', /__proto__/],
    ];
    for (const [query, code, names] of cases) assert.match(await refusal(await call(`/projects?${query}`), 400, code), names);
    assert.equal(upstream.calls.length, 0);
    assert.equal((await call(`/projects?first=50&before=${'c'.repeat(512)}`)).status, 200);
  });

  it('validates the filters of widened operations too', async () => {
    const { upstream, call } = setup({ operations: ['+GET /organisations/{id}/credit_batches'] });
    const base = `/organisations/${IDS.organisation}/credit_batches`;
    await refusal(await call(`${base}?status=active&status=active`), 400, 'duplicate_parameter');
    await refusal(await call(`${base}?status=gone`), 400, 'invalid_parameter');
    await refusal(await call(`${base}?issued_after=yesterday`), 400, 'invalid_parameter');
    await refusal(await call(`${base}?sort_direction=up`), 400, 'invalid_parameter');
    await refusal(await call(`${base}?project_id=spl_1CC712KFS1S0YKPS`), 400, 'invalid_id');
    assert.equal(upstream.calls.length, 0);
    const ok = await call(`${base}?status=retired&status=active&issued_after=2024-01-01T00:00:00Z&project_id=${IDS.project}&sort_direction=asc`);
    assert.equal(ok.status, 200);
    assert.equal(upstream.calls[0]?.path, `/registry/v0${base}?issued_after=2024-01-01T00%3A00%3A00Z&project_id=${IDS.project}&sort_direction=asc&status=active&status=retired`);
  });

  it('follows ISOMETRIC_OPERATIONS-style narrowing and widening', async () => {
    const { upstream, call } = setup({ operations: ['-GET /issuances', `+GET /orders/{id}`] });
    await refusal(await call('/issuances'), 403, 'operation_not_allowed');
    assert.equal((await call(`/orders/${IDS.order}`)).status, 200);
    assert.deepEqual(upstream.calls.map((call) => call.path), [`/registry/v0/orders/${IDS.order}`]);
  });

  it('forwards a widened write with its JSON body and the content type', async () => {
    const { upstream, call } = setup({ operations: ['+POST /retirements'] });
    const body = '{"quantity_kg": 123456789012345678901234567890}';
    await refusal(await call('/retirements', { method: 'POST', body }), 415, 'unsupported_media_type');
    const response = await call('/retirements', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(upstream.calls[0]?.body, body);
    assert.equal(upstream.calls[0]?.headers['content-type'], 'application/json');
  });
});

describe('createProxy: upstream failures', () => {
  const text = (status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => () => new Response(body, { status, headers });

  it('passes the API\u2019s own 404 and 422 through, re-serialised and uncached', async () => {
    const { upstream, call } = setup({}, text(404, '{ "detail" :  "Not Found" }'));
    const response = await call(`/projects/${IDS.project}`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(await response.text(), '{"detail":"Not Found"}');
    await call(`/projects/${IDS.project}`);
    assert.equal(upstream.calls.length, 2);
    const invalid = setup({}, text(422, '{"detail":[{"loc":["query","first"],"msg":"bad","type":"x"}]}'));
    const validation = await invalid.call('/projects');
    assert.equal(validation.status, 422);
    assert.deepEqual(await validation.json(), { detail: [{ loc: ['query', 'first'], msg: 'bad', type: 'x' }] });
  });

  it('turns upstream 5xx, non-JSON answers and redirects into 502 without leaking the body', async () => {
    for (const answer of [text(500, 'Traceback: db password hunter2'), text(503, '{"internal":"hunter2"}'), text(200, '<html>hunter2</html>'), text(404, 'hunter2 not found'), text(302, '', { location: 'https://evil.test/' })]) {
      const { call } = setup({}, answer);
      const body = await refusal(await call('/projects'), 502, 'upstream_error');
      assert.doesNotMatch(body, /hunter2|Traceback|evil/);
    }
  });

  it('reports upstream 401/403 as our misconfiguration', async () => {
    for (const status of [401, 403]) {
      const { call } = setup({}, text(status, '{"detail":"Invalid token"}'));
      const message = await refusal(await call('/projects'), 502, 'upstream_auth');
      assert.doesNotMatch(message, /Invalid token/);
    }
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const { call } = setup({}, () => {
      throw new TypeError('fetch failed');
    });
    await refusal(await call('/projects'), 502, 'upstream_unavailable');
  });

  it('answers 504 when the upstream does not answer in time, even if it ignores the signal', async () => {
    const { call } = setup({ upstreamTimeoutMs: 50 }, () => new Promise<Response>(() => {}));
    await refusal(await call('/projects'), 504, 'upstream_timeout');
  });

  it('does not cache failures', async () => {
    let status = 500;
    const { upstream, call } = setup({}, () => new Response('{}', { status }));
    assert.equal((await call('/projects')).status, 502);
    status = 200;
    const response = await call('/projects');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-cache'), 'MISS');
    assert.equal(upstream.calls.length, 2);
  });
});

describe('createProxy: caching', () => {
  it('sets CDN cache headers from the TTL and answers repeats from memory', async () => {
    const clock = manualClock();
    const { upstream, call } = setup({ cacheTtl: 30, now: clock.now });
    const first = await call('/projects?first=2');
    assert.equal(first.headers.get('x-cache'), 'MISS');
    assert.equal(first.headers.get('cache-control'), 'public, max-age=30, stale-while-revalidate=150, stale-if-error=300');
    const second = await call('/projects?first=2');
    assert.equal(second.headers.get('x-cache'), 'HIT');
    assert.equal(second.headers.get('etag'), '"v1"');
    assert.equal(await second.text(), await first.text());
    assert.equal(upstream.calls.length, 1);
    clock.advance(29_999);
    assert.equal((await call('/projects?first=2')).headers.get('x-cache'), 'HIT');
    clock.advance(1);
    assert.equal((await call('/projects?first=2')).headers.get('x-cache'), 'MISS');
    assert.equal(upstream.calls.length, 2);
  });

  it('keys the cache by the canonical upstream URL', async () => {
    const { upstream, call } = setup();
    await call(`/retirements?first=2&owner_org_id=${IDS.organisation}`);
    assert.equal((await call(`/retirements?owner_org_id=${IDS.organisation}&first=2`)).headers.get('x-cache'), 'HIT');
    assert.equal((await call('/retirements?first=3')).headers.get('x-cache'), 'MISS');
    assert.equal(upstream.calls.length, 2);
  });

  it('coalesces concurrent identical misses into one upstream request', async () => {
    const gate = deferred();
    const { upstream, call } = setup({}, async (request) => {
      await gate.promise;
      return new Response(JSON.stringify({ path: request.path }), { headers: { 'content-type': 'application/json' } });
    });
    const pending = Array.from({ length: 8 }, () => call('/suppliers'));
    await until(() => upstream.calls.length === 1, 'the first upstream request');
    gate.resolve();
    const responses = await Promise.all(pending);
    assert.deepEqual(responses.map((response) => response.status), Array(8).fill(200));
    assert.equal(upstream.calls.length, 1);
  });

  it('evicts the oldest entries beyond 500', async () => {
    const { upstream, call } = setup();
    for (let page = 0; page <= 500; page += 1) await call(`/projects?after=c${page}`);
    assert.equal((await call('/projects?after=c500')).headers.get('x-cache'), 'HIT');
    assert.equal((await call('/projects?after=c0')).headers.get('x-cache'), 'MISS');
    assert.equal(upstream.calls.length, 502);
  });

  it('turns caching off with a TTL of 0', async () => {
    const { upstream, call } = setup({ cacheTtl: 0 });
    await call('/projects');
    const again = await call('/projects');
    assert.equal(again.headers.get('x-cache'), 'MISS');
    assert.equal(again.headers.get('cache-control'), 'no-store');
    assert.equal(upstream.calls.length, 2);
  });
});

describe('createProxy: CORS', () => {
  const origins = { allowedOrigins: ['https://site.test', 'http://localhost:5173'] };
  const preflight = (origin: string, method = 'GET') => ({ method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' } });

  it('answers preflights from allowed origins only', async () => {
    const { upstream, call } = setup(origins);
    const ok = await call('/projects', preflight('https://site.test'));
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://site.test');
    assert.equal(ok.headers.get('access-control-allow-methods'), 'GET, HEAD');
    assert.equal(ok.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(ok.headers.get('access-control-max-age'), '600');
    assert.equal(ok.headers.get('vary'), 'Origin');
    assert.equal(ok.headers.get('access-control-allow-credentials'), null);
    const denied = await call('/projects', preflight('https://evil.test'));
    await refusal(denied, 403, 'origin_not_allowed');
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
    await refusal(await call('/beneficiaries', preflight('https://site.test')), 403, 'operation_not_allowed');
    assert.equal(upstream.calls.length, 0);
  });

  it('sets Allow-Origin on actual responses for allowed origins only, never reflecting others', async () => {
    const { call } = setup(origins);
    const allowed = await call('/projects', { headers: { origin: 'http://localhost:5173' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.equal(allowed.headers.get('vary'), 'Origin');
    for (const origin of ['https://evil.test', 'https://site.test.evil.test', 'null', 'https://SITE.test']) {
      const other = await call('/projects', { headers: { origin } });
      assert.equal(other.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(other.headers.get('vary'), 'Origin');
    }
    const refused = await call('/beneficiaries', { headers: { origin: 'https://site.test' } });
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://site.test', 'refusals stay readable by allowed pages');
  });

  it('with *, allows any origin without credentials', async () => {
    const { call } = setup({ allowedOrigins: '*' });
    const response = await call('/projects', { headers: { origin: 'https://anyone.test' } });
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.equal((await call('/projects', preflight('https://anyone.test'))).status, 204);
  });

  it('without allowed origins, sends no CORS headers and refuses preflights', async () => {
    const { call } = setup();
    const response = await call('/projects', { headers: { origin: 'https://site.test' } });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await refusal(await call('/projects', preflight('https://site.test')), 403, 'origin_not_allowed');
  });

  it('lists POST in preflights for checkout when it is configured', async () => {
    const { call } = setup({ ...origins, checkout: { urls: ['https://site.test/thanks'] } });
    const ok = await call('/stripe/checkout', preflight('https://site.test', 'POST'));
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-methods'), 'POST');
  });
});

describe('createProxy: internal failures', () => {
  it('answers 500 without details when something unexpected throws', async () => {
    const proxy = createProxy(baseOptions({ fetch: recordingFetch().fetch }));
    const broken = new Request(`${PROXY}/projects`);
    Object.defineProperty(broken, 'url', { get: () => { throw new Error(`boom ${CLIENT_SECRET}`); } });
    await refusal(await proxy(broken), 500, 'internal_error');
  });
});
