// The proxy unchanged in workerd: src/proxy/worker.ts bundled by esbuild (scripts/build-worker.ts) and
// served by `workerd serve` on loopback, in front of the local registry (a Node server on loopback that
// can also fail, hang or answer checkout on cue), then the proxy's contract checked over HTTP.
// Two workerd processes: the shipped workerd/config.capnp with its settings in the environment, and a
// generated config with one Worker per setting under test (rate limits, scope, upstream faults, trust).
// Run: node --import tsx --test test/workerd/*.test.ts
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { buildWorker } from '../../scripts/build-worker.js';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { createProxy, loadConfig } from '../../src/proxy/index.js';
import { serve } from '../../src/proxy/node.js';
import { CHECKOUT_REQUEST, CHECKOUT_URL, deferred, REFUSALS } from '../proxy/support.js';
import { send as sendTo, startWorkerd, workerdConfig, type Seen, type Workerd } from './launch.js';

const S = SAMPLE_IDS;
const SECRETS = [LOCAL_DEFAULTS.clientSecret, LOCAL_DEFAULTS.accessToken];
const ORIGIN = 'https://site.test';
const METRICS_TOKEN = 'wd_TEST_metrics_token_0c7a5e91';
/** Project ids the upstream answers with a 500 (with a secret in the body), or never. */
const FAIL = 'prj_FA1LFA1LFA1LFA1L0';
const HANG = 'prj_HANGHANGHANGHANG0';
/** A project id the upstream answers with 200 and the request's headers echoed in the body. */
const ECHO = 'prj_ECHOECHOECHOECHO0';
/** A checkout quantity the upstream answers with a redirect to a host the proxy must not allow. */
const EVIL_KG = 666;
const STRIPE_REDIRECT = 'https://checkout.stripe.com/c/pay/cs_test_1';
const FAULT_TIMEOUT_MS = 500;

interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const received: Received[] = [];
/** Upstream paths that answer 500 from now on. */
const failing = new Set<string>();
const hang = deferred();
/** Every response, for the secret check; those of the shipped config's Worker, for the log check. */
const responses: Seen[] = [];
const mainResponses: Seen[] = [];
const processes: Workerd[] = [];
let upstream: Awaited<ReturnType<typeof serve>> | undefined;
/** The Node proxy with the shipped config's settings, to hold workerd's answers against. */
let nodeTwin: Awaited<ReturnType<typeof serve>> | undefined;
let nodePort = 0;
let shipped: Workerd;
let workers: Workerd;
let directory = '';

/** The settings of the shipped config's Worker, passed as workerd's environment; the Node twin gets the same. */
function mainSettings(apiUrl: string): Record<string, string> {
  return {
    ISOMETRIC_API_URL: apiUrl,
    ISOMETRIC_CLIENT_SECRET: LOCAL_DEFAULTS.clientSecret,
    ISOMETRIC_ACCESS_TOKEN: LOCAL_DEFAULTS.accessToken,
    ISOMETRIC_BASE_PATH: '/api',
    ISOMETRIC_ALLOWED_ORIGINS: ORIGIN,
    ISOMETRIC_CACHE_TTL: '60',
    ISOMETRIC_METRICS_TOKEN: METRICS_TOKEN,
    ISOMETRIC_CHECKOUT_URLS: CHECKOUT_URL,
  };
}

/** The Workers of the generated config, by socket name. */
function workerSettings(apiUrl: string): Record<string, Record<string, string>> {
  const common = {
    ISOMETRIC_API_URL: apiUrl,
    ISOMETRIC_CLIENT_SECRET: LOCAL_DEFAULTS.clientSecret,
    ISOMETRIC_ACCESS_TOKEN: LOCAL_DEFAULTS.accessToken,
    ISOMETRIC_BASE_PATH: '/api',
    ISOMETRIC_LOG: 'false',
  };
  return {
    limited: { ...common, ISOMETRIC_RATE_LIMIT_READS: '3', ISOMETRIC_CHECKOUT_URLS: CHECKOUT_URL, ISOMETRIC_CHECKOUT_RATE_LIMIT: '1' },
    forwarded: { ...common, ISOMETRIC_RATE_LIMIT_READS: '1', ISOMETRIC_TRUST_PROXY: 'true' },
    untrusted: { ...common, ISOMETRIC_RATE_LIMIT_READS: '1', ISOMETRIC_TRUST_PROXY: 'false' },
    misconfigured: { ...common, ISOMETRIC_TRUST_PROXY: 'yes' },
    scoped: { ...common, ISOMETRIC_SCOPE_SUPPLIERS: S.supplier },
    missing: { ...common, ISOMETRIC_RATE_LIMIT_MISSES: '2' },
    faulty: { ...common, ISOMETRIC_CACHE_TTL: '1', ISOMETRIC_STALE_IF_ERROR: '60', ISOMETRIC_UPSTREAM_RETRIES: '0' },
    // Only for the upstream that never answers: a short timeout would turn any slow answer into a 504.
    impatient: { ...common, ISOMETRIC_UPSTREAM_TIMEOUT_MS: String(FAULT_TIMEOUT_MS) },
  };
}

/** A request to one of the generated config's Workers. */
async function send(worker: string, target: string, init: Parameters<typeof sendTo>[2] = {}): Promise<Seen> {
  const port = workers.ports[worker];
  assert.ok(port, `no socket ${worker}`);
  const seen = await sendTo(port, target, init);
  responses.push(seen);
  return seen;
}

/** A request to the shipped config's Worker. */
async function sendMain(target: string, init: Parameters<typeof sendTo>[2] = {}): Promise<Seen> {
  const seen = await sendTo(shipped.ports['http'] ?? 0, target, init);
  responses.push(seen);
  mainResponses.push(seen);
  return seen;
}

function errorOf(seen: Seen): string {
  assert.match(String(seen.headers['content-type']), /^application\/json/, seen.body);
  const body = JSON.parse(seen.body) as { error: unknown; message: unknown };
  assert.equal(typeof body.message, 'string');
  return String(body.error);
}

function postCheckout(body: unknown, from?: string): Parameters<typeof sendTo>[2] {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...(from ? { 'cf-connecting-ip': from } : {}) }, body: JSON.stringify(body) };
}

/** Answers like the Registry API (the local registry), except for the fault and checkout cues above. */
async function registryWithCues(handler: (request: Request) => Promise<Response>, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = `${url.pathname}${url.search}`;
  const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
  received.push({ method: request.method, path, headers: Object.fromEntries(request.headers), body });
  if (path.includes(HANG)) await hang.promise;
  if (path.includes(ECHO)) return Response.json({ id: ECHO, debug: Object.fromEntries(request.headers) });
  if (path.includes(FAIL) || failing.has(path)) return new Response(`Traceback: token=${LOCAL_DEFAULTS.accessToken}`, { status: 500 });
  if (request.method === 'POST' && url.pathname === '/registry/v0/stripe/checkout') {
    const kg = (JSON.parse(body) as { quantity_kg?: unknown }).quantity_kg;
    return Response.json({ redirect_url: kg === EVIL_KG ? 'https://evil.test/pay' : STRIPE_REDIRECT });
  }
  return handler(request);
}

before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iso-workerd-'));
  // The shipped config embeds ../dist/worker/worker.js: lay the copy out the same way.
  await mkdir(join(directory, 'workerd'));
  await copyFile(new URL('../../workerd/config.capnp', import.meta.url), join(directory, 'workerd', 'config.capnp'));
  await buildWorker(join(directory, 'dist', 'worker', 'worker.js'));
  const shippedText = await readFile(join(directory, 'workerd', 'config.capnp'), 'utf8');
  const compatibilityDate = /compatibilityDate = "([^"]+)"/.exec(shippedText)?.[1];
  assert.ok(compatibilityDate, 'workerd/config.capnp names a compatibility date');

  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  upstream = await serve((request) => registryWithCues((r) => registry.handler(r), request), { port: 0 });
  const apiUrl = `${upstream.url}/registry/v0`;
  nodeTwin = await serve(createProxy(loadConfig(mainSettings(apiUrl))), { port: 0 });
  nodePort = Number(new URL(nodeTwin.url).port);

  const settings = workerSettings(apiUrl);
  await writeFile(join(directory, 'workers.capnp'), workerdConfig('dist/worker/worker.js', compatibilityDate, settings));
  const started = await Promise.allSettled([
    startWorkerd(join(directory, 'workerd', 'config.capnp'), { sockets: ['http'], args: ['--socket-addr', 'http=127.0.0.1:0'], env: mainSettings(apiUrl) }),
    startWorkerd(join(directory, 'workers.capnp'), { sockets: Object.keys(settings) }),
  ]);
  // Keep whichever did start, so that after() stops it even when the other failed.
  for (const outcome of started) if (outcome.status === 'fulfilled') processes.push(outcome.value);
  for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
  [shipped, workers] = processes as [Workerd, Workerd];
});

after(async () => {
  hang.resolve();
  await Promise.all(processes.map((child) => child.stop()));
  await Promise.all([upstream?.close(), nodeTwin?.close()]);
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('the proxy in workerd (workerd/config.capnp, settings from the environment)', () => {
  it('forwards an allowlisted read with the secrets added server-side', async () => {
    const before = received.length;
    const seen = await sendMain(`/api/projects/${S.project}`, {
      headers: { origin: ORIGIN, cookie: 'session=1', authorization: 'Bearer browser', 'x-client-secret': 'forged' },
    });
    assert.equal(seen.status, 200, seen.body);
    assert.equal((JSON.parse(seen.body) as { id: string }).id, S.project);
    assert.equal(seen.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(seen.headers['x-cache'], 'MISS');
    assert.match(String(seen.headers['etag']), /^"[A-Za-z0-9_-]{43}"$/);
    assert.equal(received.length, before + 1);
    const sent = received.at(-1);
    assert.equal(sent?.path, `/registry/v0/projects/${S.project}`);
    assert.equal(sent?.headers['x-client-secret'], LOCAL_DEFAULTS.clientSecret);
    assert.equal(sent?.headers['authorization'], `Bearer ${LOCAL_DEFAULTS.accessToken}`);
    assert.equal(sent?.headers['cookie'], undefined);
  });

  it('answers HEAD like GET, without a body', async () => {
    const get = await sendMain(`/api/projects/${S.project}`);
    const head = await sendMain(`/api/projects/${S.project}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['etag'], get.headers['etag']);
    assert.equal(head.headers['x-cache'], 'HIT');
  });

  it('answers the second read from its cache, and 304 to a matching If-None-Match', async () => {
    const before = received.length;
    const first = await sendMain('/api/projects?first=3');
    const second = await sendMain('/api/projects?first=3');
    assert.equal(first.headers['x-cache'], 'MISS');
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(second.body, first.body);
    assert.equal(received.length, before + 1);
    const revalidated = await sendMain('/api/projects?first=3', { headers: { 'if-none-match': String(first.headers['etag']) } });
    assert.equal(revalidated.status, 304);
  });

  describe('refuses what the Node proxy refuses, the same way, before the upstream (test/proxy/support.ts REFUSALS)', () => {
    for (const row of REFUSALS) {
      it(`${row.name} \u2192 ${row.status} ${row.error}`, async () => {
        const before = received.length;
        const init = { method: row.method, ...(row.headers ? { headers: row.headers } : {}), ...(row.body === undefined ? {} : { body: row.body }) };
        const edge = await sendMain(`/api${row.target}`, init);
        const node = await sendTo(nodePort, `/api${row.target}`, init);
        responses.push(node);
        for (const [runtime, seen] of [['workerd', edge], ['node', node]] as const) {
          assert.equal(seen.status, row.status, `${runtime}: ${seen.body}`);
          assert.equal(errorOf(seen), row.error, runtime);
          if (row.status === 405) assert.equal(seen.headers['allow'], 'GET, HEAD', runtime);
        }
        assert.equal(received.length, before, 'nothing reached the upstream');
      });
    }
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) => sendMain('/api/projects', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    const ok = await preflight(ORIGIN);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers['access-control-allow-origin'], ORIGIN);
    assert.equal(ok.headers['access-control-allow-methods'], 'GET, HEAD');
    const denied = await preflight('https://evil.test');
    assert.equal(denied.status, 403);
    assert.equal(denied.headers['access-control-allow-origin'], undefined);
  });

  it('creates a checkout session through the upstream, forwarding only the validated body', async () => {
    const before = received.length;
    const seen = await sendMain('/api/stripe/checkout', postCheckout({ ...CHECKOUT_REQUEST, extra: 'dropped' }));
    assert.equal(seen.status, 200, seen.body);
    assert.deepEqual(JSON.parse(seen.body), { redirect_url: STRIPE_REDIRECT });
    assert.equal(seen.headers['cache-control'], 'no-store');
    assert.equal(received.length, before + 1);
    const sent = received.at(-1);
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.path, '/registry/v0/stripe/checkout');
    assert.deepEqual(JSON.parse(sent?.body ?? ''), CHECKOUT_REQUEST);
    assert.equal(sent?.headers['x-client-secret'], LOCAL_DEFAULTS.clientSecret);
  });

  it('answers 502 bad_redirect when the upstream redirects checkout to a host that is not allowed', async () => {
    const seen = await sendMain('/api/stripe/checkout', postCheckout({ ...CHECKOUT_REQUEST, quantity_kg: EVIL_KG }));
    assert.equal(seen.status, 502);
    assert.equal(errorOf(seen), 'bad_redirect');
    assert.doesNotMatch(seen.body, /evil/);
  });

  it('serves /healthz, and /metrics only with ISOMETRIC_METRICS_TOKEN, never with CORS headers', async () => {
    assert.equal((await sendMain('/api/healthz')).body, '{"ok":true}');
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${METRICS_TOKEN}x` }, { authorization: `Bearer ${METRICS_TOKEN.slice(1)}` }];
    for (const headers of attempts) {
      const refused = await sendMain('/api/metrics', { headers: { origin: ORIGIN, ...headers } });
      assert.equal(refused.status, 401, JSON.stringify(headers));
      assert.match(String(refused.headers['www-authenticate']), /^Bearer/);
      assert.equal(errorOf(refused), 'unauthorized');
      assert.equal(refused.headers['access-control-allow-origin'], undefined);
    }
    const metrics = await sendMain('/api/metrics', { headers: { origin: ORIGIN, authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(metrics.status, 200);
    assert.equal(metrics.headers['access-control-allow-origin'], undefined);
    assert.match(metrics.body, /^isometric_proxy_cache_total\{result="hit"\} [1-9]/m);
    assert.match(metrics.body, /^isometric_proxy_requests_total\{operation="metrics",status="4xx"\} 3$/m);
  });

  it('logs one JSON line per request', { timeout: 10_000 }, async () => {
    const lines = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('{'));
    // Log lines arrive through a pipe; wait for them rather than for time.
    await shipped.until('stdout', (stdout) => lines(stdout).length >= mainResponses.length);
    const logged = lines(shipped.output.stdout);
    assert.equal(logged.length, mainResponses.length);
    for (const line of logged) {
      const entry = JSON.parse(line) as { operation: unknown; status: unknown };
      assert.equal(typeof entry.operation, 'string');
      assert.equal(typeof entry.status, 'number');
    }
    assert.ok(logged.some((line) => line.includes('"operation":"GET /projects/{id}"')));
    assert.ok(logged.some((line) => line.includes('"error":"headers_too_large"')));
    assert.doesNotMatch(shipped.output.stdout, /authorization|bearer/i, 'no request header reaches the log');
  });
});

describe('the proxy in workerd: rate limits and the client address', () => {
  it('limits reads per CF-Connecting-IP with 429 and Retry-After, whatever X-Forwarded-For says', async () => {
    const from = (ip: string, forwarded = '198.51.100.1') => ({ headers: { 'cf-connecting-ip': ip, 'x-forwarded-for': forwarded } });
    for (let i = 0; i < 3; i += 1) assert.equal((await send('limited', '/api/projects?first=2', from('203.0.113.9'))).status, 200);
    for (const forwarded of ['198.51.100.1', '198.51.100.2']) {
      const limited = await send('limited', '/api/projects?first=2', from('203.0.113.9', forwarded));
      assert.equal(limited.status, 429);
      assert.equal(errorOf(limited), 'rate_limited');
      assert.match(String(limited.headers['retry-after']), /^[1-9]\d*$/);
      assert.ok(Number(limited.headers['retry-after']) <= 60);
    }
    assert.equal((await send('limited', '/api/projects?first=2', from('203.0.113.10'))).status, 200, 'another address has its own budget');
    // Without CF-Connecting-IP the address is unknown, and such reads are not counted.
    for (let i = 0; i < 5; i += 1) assert.equal((await send('limited', '/api/projects?first=2')).status, 200);
  });

  it('limits checkout creations per CF-Connecting-IP, before the upstream', async () => {
    assert.equal((await send('limited', '/api/stripe/checkout', postCheckout(CHECKOUT_REQUEST, '203.0.113.20'))).status, 200);
    const before = received.length;
    const limited = await send('limited', '/api/stripe/checkout', postCheckout(CHECKOUT_REQUEST, '203.0.113.20'));
    assert.equal(limited.status, 429);
    assert.equal(errorOf(limited), 'rate_limited');
    assert.match(String(limited.headers['retry-after']), /^[1-9]\d*$/);
    assert.equal(received.length, before);
    assert.equal((await send('limited', '/api/stripe/checkout', postCheckout(CHECKOUT_REQUEST, '203.0.113.21'))).status, 200);
  });

  it('with ISOMETRIC_TRUST_PROXY=true keys on X-Forwarded-For and ignores CF-Connecting-IP', async () => {
    const from = (forwarded: string, ip: string) => ({ headers: { 'x-forwarded-for': forwarded, 'cf-connecting-ip': ip } });
    assert.equal((await send('forwarded', '/api/projects?first=2', from('192.0.2.1, 10.0.0.1', '203.0.113.30'))).status, 200);
    assert.equal((await send('forwarded', '/api/projects?first=2', from('192.0.2.2', '203.0.113.30'))).status, 200);
    const limited = await send('forwarded', '/api/projects?first=2', from('192.0.2.1', '203.0.113.31'));
    assert.equal(limited.status, 429);
    assert.equal(errorOf(limited), 'rate_limited');
  });

  it('with ISOMETRIC_TRUST_PROXY=false trusts neither header, so reads are not rate-limited', async () => {
    for (let i = 0; i < 3; i += 1) {
      const seen = await send('untrusted', '/api/projects?first=2', { headers: { 'cf-connecting-ip': '203.0.113.40', 'x-forwarded-for': '203.0.113.40' } });
      assert.equal(seen.status, 200, seen.body);
    }
  });

  it('answers 500 to any other ISOMETRIC_TRUST_PROXY value, naming it in the log only', { timeout: 10_000 }, async () => {
    const seen = await send('misconfigured', '/api/healthz');
    assert.equal(seen.status, 500);
    assert.equal(errorOf(seen), 'internal_error');
    assert.doesNotMatch(seen.body, /TRUST_PROXY/);
    // The report reaches workerd's stderr through a pipe; wait for it rather than for time.
    await workers.until('stderr', (stderr) => stderr.includes('isometric-widgets-proxy: '));
    assert.match(workers.output.stderr, /isometric-widgets-proxy: ISOMETRIC_TRUST_PROXY must be "cloudflare", "true" or "false" in a Worker \(got "yes"\)/);
  });
});

describe('the proxy in workerd: issue 14\u2019s findings', () => {
  it('keys X-Forwarded-For spellings of one address alike, and IPv6 clients by /64', async () => {
    const from = (forwarded: string) => ({ headers: { 'x-forwarded-for': forwarded } });
    assert.equal((await send('forwarded', '/api/projects?first=2', from('192.0.2.77'))).status, 200);
    assert.equal((await send('forwarded', '/api/projects?first=2', from('::ffff:192.0.2.77'))).status, 429);
    assert.equal((await send('forwarded', '/api/projects?first=2', from('2001:db8:5:6::1'))).status, 200);
    assert.equal((await send('forwarded', '/api/projects?first=2', from('2001:db8:5:6:0:0:0:2'))).status, 429);
  });

  it('counts invalid checkout attempts per CF-Connecting-IP, with 429 past their budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await send('limited', '/api/stripe/checkout', postCheckout({ ...CHECKOUT_REQUEST, quantity_kg: 0 }, '203.0.113.50'))).status);
    assert.deepEqual(statuses, [...Array.from({ length: 10 }, () => 422), 429, 429]);
  });

  it('spends a per-client budget on reads the cache cannot answer, never on hits', async () => {
    const from = { headers: { 'cf-connecting-ip': '203.0.113.60' } };
    assert.equal((await send('missing', `/api/projects/${S.project}`, from)).headers['x-cache'], 'MISS');
    assert.equal((await send('missing', '/api/projects?first=3', from)).status, 200);
    const limited = await send('missing', '/api/projects?first=4', from);
    assert.equal(limited.status, 429);
    assert.equal(errorOf(limited), 'rate_limited');
    assert.equal((await send('missing', `/api/projects/${S.project}`, from)).headers['x-cache'], 'HIT');
  });

  it('answers 502 upstream_leak, uncached, when the upstream echoes the credentials', async () => {
    const before = received.length;
    for (let i = 0; i < 2; i += 1) {
      const seen = await send('faulty', `/api/projects/${ECHO}`);
      assert.equal(seen.status, 502);
      assert.equal(errorOf(seen), 'upstream_leak');
    }
    assert.equal(received.length, before + 2);
  });

  it('answers // with 400 bad_path', async () => {
    const seen = await send('faulty', '//api/projects');
    assert.equal(seen.status, 400, seen.body);
    assert.equal(errorOf(seen), 'bad_path');
  });
});

describe('the proxy in workerd: scope (ISOMETRIC_SCOPE_SUPPLIERS)', () => {
  it('serves the listed supplier and its projects', async () => {
    for (const path of [`/api/suppliers/${S.supplier}`, `/api/suppliers/${S.supplier}/projects?first=5`, `/api/projects/${S.project}`]) {
      const seen = await send('scoped', path);
      assert.equal(seen.status, 200, `${path}: ${seen.body}`);
    }
  });

  it('refuses another supplier and unconfined lists with 403 out_of_scope, before the upstream', async () => {
    const before = received.length;
    for (const path of ['/api/suppliers/spl_PNPTRCFK5ESAHW1J', '/api/projects?first=5', '/api/suppliers']) {
      const seen = await send('scoped', path);
      assert.equal(seen.status, 403, path);
      assert.equal(errorOf(seen), 'out_of_scope', path);
    }
    assert.equal(received.length, before);
  });

  it('refuses a project of another supplier after reading it, and keeps refusing from the cache', async () => {
    const before = received.length;
    for (let i = 0; i < 2; i += 1) {
      const seen = await send('scoped', `/api/projects/${S.hostileProject}`);
      assert.equal(seen.status, 403);
      assert.equal(errorOf(seen), 'out_of_scope');
      assert.doesNotMatch(seen.body, /Test Kiln/);
    }
    assert.equal(received.length, before + 1);
  });

  it('refuses the documents of another supplier\u2019s project through its parent record, and serves its own', async () => {
    assert.equal((await send('scoped', `/api/projects/${S.project}/documents`)).status, 200);
    const seen = await send('scoped', `/api/projects/${S.hostileProject}/documents`);
    assert.equal(seen.status, 403, seen.body);
    assert.equal(errorOf(seen), 'out_of_scope');
  });

  it('narrows an organisation\u2019s balance to the listed supplier', async () => {
    const seen = await send('scoped', `/api/organisations/${S.organisation}/credit_balance`);
    assert.equal(seen.status, 200, seen.body);
    const body = JSON.parse(seen.body) as { supplier_balances: { supplier_id: string }[]; project_balances: unknown[]; order_balances: unknown[] };
    for (const entry of body.supplier_balances) assert.equal(entry.supplier_id, S.supplier);
    assert.deepEqual(body.project_balances, []);
    assert.deepEqual(body.order_balances, []);
  });
});

describe('the proxy in workerd: upstream faults', () => {
  it('answers 502 upstream_error for an upstream 500, without its body', async () => {
    const seen = await send('faulty', `/api/projects/${FAIL}`);
    assert.equal(seen.status, 502);
    assert.equal(errorOf(seen), 'upstream_error');
    assert.doesNotMatch(seen.body, /Traceback/);
  });

  it('answers 504 upstream_timeout when the upstream does not answer within ISOMETRIC_UPSTREAM_TIMEOUT_MS', async () => {
    const seen = await send('impatient', `/api/projects/${HANG}`);
    assert.equal(seen.status, 504);
    assert.equal(errorOf(seen), 'upstream_timeout');
    assert.match(JSON.parse(seen.body).message, new RegExp(`${FAULT_TIMEOUT_MS} ms`));
  });

  it('serves a stale copy, marked X-Cache: STALE, when the upstream fails after the TTL', { timeout: 10_000 }, async () => {
    const target = `/api/projects/${S.projectWithDocuments}`;
    const fresh = await send('faulty', target);
    assert.equal(fresh.status, 200, fresh.body);
    assert.equal(fresh.headers['x-cache'], 'MISS');
    failing.add(`/registry/v0/projects/${S.projectWithDocuments}`);
    const before = received.length;
    // ISOMETRIC_CACHE_TTL is 1 s: hits until the copy goes stale, which the Worker's own clock decides.
    let seen = await send('faulty', target);
    while (seen.headers['x-cache'] === 'HIT') {
      assert.equal(seen.status, 200);
      await delay(50);
      seen = await send('faulty', target);
    }
    assert.equal(seen.status, 200, seen.body);
    assert.equal(seen.headers['x-cache'], 'STALE');
    assert.equal(seen.body, fresh.body);
    assert.match(String(seen.headers['x-isometric-stale']), /^\d+$/);
    assert.equal(seen.headers['cache-control'], 'no-store');
    assert.equal(received.length, before + 1, 'the upstream was asked once, and failed');
  });
});

describe('the proxy in workerd: secrets', () => {
  it('never sent a secret in any response, nor logged one', () => {
    assert.ok(responses.length >= 80, String(responses.length));
    for (const seen of responses) for (const secret of [...SECRETS, METRICS_TOKEN]) assert.ok(!JSON.stringify(seen).includes(secret));
    for (const child of processes) {
      for (const secret of [...SECRETS, METRICS_TOKEN]) assert.ok(!child.output.stdout.includes(secret) && !child.output.stderr.includes(secret));
    }
  });
});
