// The proxy over real HTTP on loopback, in front of a fake Registry API that records what reaches it.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createProxy, serve, type ProxyOptions } from '../../src/proxy/index.js';
import { ACCESS_TOKEN, CLIENT_SECRET, deferred, IDS, record, until, type Recorded } from './support.js';

type Server = Awaited<ReturnType<typeof serve>>;

const HANG = 'prj_HANGHANGHANGHANG0';
const FAIL = 'prj_FA1LFA1LFA1LFA1L0';
const UPSTREAM_ONLY_HEADERS = new Set(['accept', 'authorization', 'user-agent', 'x-client-secret', 'host', 'connection', 'content-length', 'content-type', 'accept-encoding', 'accept-language', 'sec-fetch-mode']);

interface Seen {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const state = {
  seen: [] as Recorded[],
  responses: [] as Seen[],
  hang: deferred(),
  gate: undefined as Promise<void> | undefined,
  redirect: 'https://checkout.stripe.com/c/pay/cs_test_1',
};

/** Answers like the Registry API under /registry/v0, with headers a browser must not see. */
async function fakeRegistry(request: Request): Promise<Response> {
  const recorded = await record(request);
  state.seen.push(recorded);
  const noisy = { 'content-type': 'application/json', 'set-cookie': 'sid=upstream', server: 'uvicorn', 'x-powered-by': 'FastAPI', 'x-leak': CLIENT_SECRET };
  if (recorded.path.includes(HANG)) await state.hang.promise;
  if (recorded.path.includes(FAIL)) return new Response(`Traceback: token=${ACCESS_TOKEN}`, { status: 500, headers: noisy });
  if (state.gate) await state.gate;
  if (recorded.path === '/registry/v0/stripe/checkout') return Response.json({ redirect_url: state.redirect }, { headers: noisy });
  return new Response(JSON.stringify({ nodes: [], path: recorded.path }), { headers: { ...noisy, etag: '"e1"' } });
}

let upstream: Server;
const proxies: Server[] = [];

async function startProxy(options: Partial<ProxyOptions> = {}, wrap = (handler: (r: Request) => Promise<Response>) => handler): Promise<string> {
  const handler = createProxy({ apiUrl: `${upstream.url}/registry/v0/`, clientSecret: CLIENT_SECRET, accessToken: ACCESS_TOKEN, ...options });
  const server = await serve(wrap(handler), { port: 0 });
  proxies.push(server);
  return server.url;
}

/** One request through Node's http client, which sends the request target verbatim. */
function send(base: string, target: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Seen> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path: target, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const seen = { status: res.statusCode ?? 0, headers: res.headers, body };
        state.responses.push(seen);
        for (const secret of [CLIENT_SECRET, ACCESS_TOKEN]) assert.ok(!JSON.stringify(seen).includes(secret), `response to ${target} leaks a secret`);
        resolve(seen);
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function errorOf(seen: Seen): { error: string; message: string } {
  assert.match(String(seen.headers['content-type']), /^application\/json/);
  return JSON.parse(seen.body) as { error: string; message: string };
}

/** Sends a request and asserts that nothing reached the upstream. */
async function refusedLocally(base: string, target: string, init: Parameters<typeof send>[2] = {}): Promise<Seen> {
  const before = state.seen.length;
  const seen = await send(base, target, init);
  assert.equal(state.seen.length, before, `${init.method ?? 'GET'} ${target} reached the upstream`);
  return seen;
}

let proxy: string;

before(async () => {
  upstream = await serve(fakeRegistry, { port: 0 });
  proxy = await startProxy({
    basePath: '/api',
    allowedOrigins: ['https://site.test'],
    checkout: { urls: ['https://site.test/thanks'], rateLimitPerMinute: 1000 },
  });
});

after(async () => {
  state.hang.resolve();
  await Promise.all(proxies.map((server) => server.close()));
  await upstream.close();
});

describe('proxy over HTTP: forwarding', () => {
  const { project: prj, supplier: spl, organisation: org, retirement: ret, issuance: iss, creditBatch: ctb } = IDS;
  const routes: [string, string][] = [
    ['/projects?first=5&after=abc', '/projects?after=abc&first=5'],
    [`/projects/${prj}`, `/projects/${prj}`],
    [`/projects/${prj}/documents?last=3&before=xyz`, `/projects/${prj}/documents?before=xyz&last=3`],
    ['/suppliers', '/suppliers'],
    [`/suppliers/${spl}`, `/suppliers/${spl}`],
    [`/suppliers/${spl}/projects?first=50`, `/suppliers/${spl}/projects?first=50`],
    [`/retirements?owner_org_id=${org}&first=10&beneficiary_org_id=${org}`, `/retirements?beneficiary_org_id=${org}&first=10&owner_org_id=${org}`],
    [`/retirements/${ret}`, `/retirements/${ret}`],
    [`/retirements/${ret}/credit_batches`, `/retirements/${ret}/credit_batches`],
    [`/organisations/${org}`, `/organisations/${org}`],
    [`/organisations/${org}/credit_balance`, `/organisations/${org}/credit_balance`],
    ['/issuances?first=1', '/issuances?first=1'],
    [`/issuances/${iss}`, `/issuances/${iss}`],
    [`/credit_batches/${ctb}`, `/credit_batches/${ctb}`],
    ['/stripe/configuration', '/stripe/configuration'],
  ];
  for (const [path, upstreamPath] of routes) {
    it(`forwards GET ${path} with the secrets added`, async () => {
      const before = state.seen.length;
      const seen = await send(proxy, `/api${path}`, {
        headers: { cookie: 'session=browser', authorization: 'Bearer browser-token', origin: 'https://site.test', referer: 'https://site.test/', 'x-custom': 'yes', 'x-forwarded-for': '6.6.6.6' },
      });
      assert.equal(seen.status, 200, seen.body);
      assert.equal(state.seen.length, before + 1);
      const received = state.seen.at(-1) as Recorded;
      assert.equal(received.method, 'GET');
      assert.equal(received.path, `/registry/v0${upstreamPath}`);
      assert.equal(received.headers['x-client-secret'], CLIENT_SECRET);
      assert.equal(received.headers['authorization'], `Bearer ${ACCESS_TOKEN}`);
      assert.equal(received.headers['user-agent'], 'isometric-widgets-proxy');
      for (const name of Object.keys(received.headers)) assert.ok(UPSTREAM_ONLY_HEADERS.has(name), `the upstream received ${name}`);
      assert.equal(seen.headers['access-control-allow-origin'], 'https://site.test');
      assert.equal(seen.headers['etag'], '"e1"');
      for (const name of ['set-cookie', 'server', 'x-powered-by', 'x-leak']) assert.equal(seen.headers[name], undefined, name);
    });
  }
});

describe('proxy over HTTP: refusals reach nothing upstream', () => {
  const refused: [string, string, number, string][] = [
    ['POST', '/retirements', 403, 'operation_not_allowed'],
    ['POST', '/retirements/from_oldest_credits', 403, 'operation_not_allowed'],
    ['POST', '/beneficiary', 403, 'operation_not_allowed'],
    ['POST', '/transfers', 403, 'operation_not_allowed'],
    ['POST', '/deliveries', 403, 'operation_not_allowed'],
    ['GET', '/beneficiaries', 403, 'operation_not_allowed'],
    ['GET', '/transferees', 403, 'operation_not_allowed'],
    ['GET', '/organisation', 403, 'operation_not_allowed'],
    ['GET', '/supplier', 403, 'operation_not_allowed'],
    ['GET', `/orders/${IDS.order}`, 403, 'operation_not_allowed'],
    ['GET', `/orders/${IDS.order}/deliveries`, 403, 'operation_not_allowed'],
    ['GET', '/deliveries', 403, 'operation_not_allowed'],
    ['GET', `/deliveries/${IDS.delivery}`, 403, 'operation_not_allowed'],
    ['GET', '/transfers', 403, 'operation_not_allowed'],
    ['GET', `/transfers/${IDS.transfer}/credit_batches`, 403, 'operation_not_allowed'],
    ['GET', `/suppliers/${IDS.supplier}/orders`, 403, 'operation_not_allowed'],
    ['GET', '/nothing/here', 404, 'not_found'],
    ['GET', `/projects/${IDS.project}/secrets`, 404, 'not_found'],
    ['DELETE', `/projects/${IDS.project}`, 405, 'method_not_allowed'],
    ['PUT', '/projects', 405, 'method_not_allowed'],
    ['PATCH', `/retirements/${IDS.retirement}`, 405, 'method_not_allowed'],
    ['GET', '/projects/prj_nope', 400, 'invalid_id'],
    ['GET', '/projects?first=500', 400, 'invalid_parameter'],
    ['GET', '/projects?limit=5', 400, 'unknown_parameter'],
    ['GET', '/projects?first=1&first=2', 400, 'duplicate_parameter'],
  ];
  for (const [method, path, status, code] of refused) {
    it(`${method} ${path} \u2192 ${status} ${code}`, async () => {
      const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
      const seen = await refusedLocally(proxy, `/api${path}`, { method, ...(body ? { body, headers: { 'content-type': 'application/json' } } : {}) });
      assert.equal(seen.status, status, seen.body);
      const refusal = errorOf(seen);
      assert.equal(refusal.error, code);
      assert.ok(refusal.message.length > 10);
      if (status === 405) assert.equal(seen.headers['allow'], method === 'PATCH' ? 'GET, HEAD' : 'GET, HEAD');
    });
  }

  it('names the refused operation', async () => {
    const message = errorOf(await refusedLocally(proxy, '/api/beneficiaries')).message;
    assert.match(message, /GET \/beneficiaries/);
  });

  it('cannot be steered to another upstream path', async () => {
    const tricks: [string, number][] = [
      ['/api/projects/..%2f..%2fbeneficiaries', 400],
      ['/api/projects/..%2F..%2Forganisation', 400],
      ['/api/projects/%2e%2e/x', 404],
      ['/api/projects/%2e%2e/%2e%2e/registry/v0/beneficiaries', 404],
      ['/api/projects/prj_1CTWZQGKE1S0VAXA/../../beneficiaries', 403],
      ['/api/projects/prj_1CTWZQGKE1S0VAXA/../../../registry/v0/beneficiaries', 404],
      ['/api/projects\\..\\beneficiaries', 403],
      ['/api/projects/prj_1CTWZQGKE1S0VAXA%5c..%5cbeneficiaries', 400],
      ['/api/projects%2fprj_1CTWZQGKE1S0VAXA', 400],
      ['//api/projects', 400],
      ['/api//projects', 400],
      ['/api/projects/', 400],
      ['/api/projects/./prj_1CTWZQGKE1S0VAXA/documents?first=9', 200],
      ['http://evil.test/api/projects', 400],
      ['http://evil.test/registry/v0/beneficiaries', 400],
      ['https://127.0.0.1/api/beneficiaries', 400],
    ];
    for (const [target, status] of tricks) {
      const before = state.seen.length;
      const seen = await send(proxy, target);
      assert.equal(seen.status, status, `${target}: ${seen.body}`);
      const reached = state.seen.slice(before).map((request) => request.path);
      // Only the harmless `./` read may reach the upstream, and only at its own path.
      assert.deepEqual(reached, status === 200 ? [`/registry/v0/projects/${IDS.project}/documents?first=9`] : [], target);
    }
  });
});

describe('proxy over HTTP: CORS', () => {
  const preflight = (origin: string) => ({ method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'content-type' } });

  it('answers an allowed origin\u2019s preflight', async () => {
    const seen = await refusedLocally(proxy, '/api/projects', preflight('https://site.test'));
    assert.equal(seen.status, 204);
    assert.equal(seen.headers['access-control-allow-origin'], 'https://site.test');
    assert.equal(seen.headers['access-control-allow-methods'], 'GET, HEAD');
    assert.equal(seen.headers['access-control-allow-headers'], 'content-type');
    assert.ok(seen.headers['access-control-max-age']);
    assert.equal(seen.headers['vary'], 'Origin');
  });

  it('refuses another origin\u2019s preflight and never reflects it', async () => {
    const seen = await refusedLocally(proxy, '/api/projects', preflight('https://evil.test'));
    assert.equal(seen.status, 403);
    assert.equal(errorOf(seen).error, 'origin_not_allowed');
    assert.equal(seen.headers['access-control-allow-origin'], undefined);
    const actual = await send(proxy, '/api/projects?first=7', { headers: { origin: 'https://evil.test' } });
    assert.equal(actual.status, 200);
    assert.equal(actual.headers['access-control-allow-origin'], undefined);
  });
});

describe('proxy over HTTP: cache', () => {
  it('misses, then hits', async () => {
    const before = state.seen.length;
    const first = await send(proxy, '/api/suppliers?first=3');
    const second = await send(proxy, '/api/suppliers?first=3');
    assert.equal(first.headers['x-cache'], 'MISS');
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(first.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300, stale-if-error=300');
    assert.equal(second.body, first.body);
    assert.equal(state.seen.length, before + 1);
  });

  it('coalesces concurrent identical requests into one upstream request', async () => {
    const gate = deferred();
    let arrived = 0;
    const base = await startProxy({}, (handler) => (request) => {
      arrived += 1;
      return handler(request);
    });
    const before = state.seen.length;
    state.gate = gate.promise;
    const pending = Array.from({ length: 6 }, () => send(base, '/issuances?first=4'));
    await until(() => arrived === 6 && state.seen.length === before + 1, 'all requests at the proxy, one upstream');
    state.gate = undefined;
    gate.resolve();
    const responses = await Promise.all(pending);
    assert.deepEqual(responses.map((seen) => seen.status), Array(6).fill(200));
    assert.equal(state.seen.length, before + 1);
  });
});

describe('proxy over HTTP: upstream failures', () => {
  it('answers 504 when the upstream does not answer in time', async () => {
    const base = await startProxy({ upstreamTimeoutMs: 100 });
    const seen = await send(base, `/projects/${HANG}`);
    assert.equal(seen.status, 504);
    assert.equal(errorOf(seen).error, 'upstream_timeout');
  });

  it('answers 502 when the upstream is down', async () => {
    const gone = await serve(async () => new Response(''), { port: 0 });
    await gone.close();
    const down = createProxy({ apiUrl: gone.url, clientSecret: CLIENT_SECRET, accessToken: ACCESS_TOKEN });
    const server = await serve(down, { port: 0 });
    proxies.push(server);
    const seen = await send(server.url, '/projects');
    assert.equal(seen.status, 502);
    assert.equal(errorOf(seen).error, 'upstream_unavailable');
  });

  it('answers 502 for an upstream 500 without leaking its body', async () => {
    const seen = await send(proxy, `/api/projects/${FAIL}`);
    assert.equal(seen.status, 502);
    assert.equal(errorOf(seen).error, 'upstream_error');
    assert.doesNotMatch(seen.body, /Traceback/);
  });
});

describe('proxy over HTTP: checkout', () => {
  const valid = {
    quantity_kg: 2500,
    frequency: 'monthly',
    isometric_terms_and_conditions_accepted: true,
    supplier_terms_and_conditions_accepted: true,
    success_url: 'https://site.test/thanks?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://site.test/thanks/cancelled',
    customer_email: 'buyer@site.test',
  };
  const post = (base: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    send(base, base === proxy ? '/api/stripe/checkout' : '/stripe/checkout', { method: 'POST', headers, body: JSON.stringify(body) });

  it('creates a session, forwarding the validated body', async () => {
    const seen = await post(proxy, { ...valid, extra: 'dropped' });
    assert.equal(seen.status, 200, seen.body);
    assert.deepEqual(JSON.parse(seen.body), { redirect_url: state.redirect });
    assert.equal(seen.headers['cache-control'], 'no-store');
    const received = state.seen.at(-1) as Recorded;
    assert.equal(received.method, 'POST');
    assert.equal(received.path, '/registry/v0/stripe/checkout');
    assert.deepEqual(JSON.parse(received.body), valid);
    assert.equal(received.headers['x-client-secret'], CLIENT_SECRET);
  });

  it('refuses bad bodies and open redirects before the upstream', async () => {
    const before = state.seen.length;
    const cases: [unknown, number, string][] = [
      [{ ...valid, quantity_kg: 0 }, 422, 'invalid_field'],
      [{ ...valid, frequency: 'daily' }, 422, 'invalid_field'],
      [{ ...valid, supplier_terms_and_conditions_accepted: false }, 422, 'invalid_field'],
      [{ ...valid, success_url: 'https://site.test.evil.test/thanks' }, 422, 'invalid_field'],
      [{ ...valid, success_url: 'https://site.test@evil.test/thanks' }, 422, 'invalid_field'],
      [{ ...valid, cancel_url: '//evil.test/thanks' }, 422, 'invalid_field'],
      [{ ...valid, cancel_url: 'https://site.test/thanksgiving' }, 422, 'invalid_field'],
      [[valid], 400, 'invalid_body'],
    ];
    for (const [body, status, code] of cases) {
      const seen = await post(proxy, body);
      assert.equal(seen.status, status, seen.body);
      assert.equal(errorOf(seen).error, code);
    }
    const plain = await post(proxy, valid, { 'content-type': 'text/plain' });
    assert.equal(plain.status, 415);
    const big = await post(proxy, { ...valid, pad: 'x'.repeat(9000) });
    assert.equal(big.status, 413);
    assert.equal(state.seen.length, before);
  });

  it('refuses a redirect to a host that is not allowed', async () => {
    state.redirect = 'https://evil.test/pay';
    try {
      const seen = await post(proxy, valid);
      assert.equal(seen.status, 502);
      assert.equal(errorOf(seen).error, 'bad_redirect');
      assert.doesNotMatch(seen.body, /evil/);
    } finally {
      state.redirect = 'https://checkout.stripe.com/c/pay/cs_test_1';
    }
  });

  it('rate-limits creations with 429 and Retry-After', async () => {
    const base = await startProxy({ checkout: { urls: ['https://site.test/thanks'], rateLimitPerMinute: 2 } });
    assert.equal((await post(base, valid)).status, 200);
    assert.equal((await post(base, valid)).status, 200);
    const before = state.seen.length;
    const limited = await post(base, valid);
    assert.equal(limited.status, 429);
    assert.equal(errorOf(limited).error, 'rate_limited');
    assert.match(String(limited.headers['retry-after']), /^[1-9]\d*$/);
    assert.ok(Number(limited.headers['retry-after']) <= 60);
    assert.equal(state.seen.length, before);
  });
});

describe('proxy over HTTP: secrets', () => {
  it('never sent a secret in any response', () => {
    assert.ok(state.responses.length > 70, `only ${state.responses.length} responses were checked`);
    for (const seen of state.responses) {
      const text = JSON.stringify(seen);
      assert.ok(!text.includes(CLIENT_SECRET) && !text.includes(ACCESS_TOKEN));
    }
  });
});
