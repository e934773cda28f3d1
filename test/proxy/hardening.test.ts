// Regression tests for the red-team findings of issue 14, over real HTTP on loopback: the proxy (with
// its embeds) served by the Node adapter in front of an upstream that is also a Node server.
// Finding 2 (the adapter's body and connection limits) is in test/server/limits.test.ts.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { createMemoryStore } from '../../src/proxy/cache.js';
import { withEmbeds } from '../../src/proxy/embed.js';
import { createProxy, serve, type ProxyOptions, type RequestLogEntry } from '../../src/proxy/index.js';
import { manualClock } from './support.js';
import { SETTINGS } from '../../src/proxy/settings.js';

const S = SAMPLE_IDS;
const SECRETS = [LOCAL_DEFAULTS.clientSecret, LOCAL_DEFAULTS.accessToken];
const servers: { close: () => Promise<void> }[] = [];
let registryUrl = '';
let fakeUrl = '';
/** Upstream paths (with query) the fake upstream received. */
const fakeSeen: string[] = [];

const OTHER_SUPPLIER = 'spl_OTHERSUPPLIER00001';
const OTHER_PROJECT = 'prj_OTHERPROJECT000001';
const ECHO_PROJECT = 'prj_ECHOECHOECHOECHO0';
const ECHO_SUPPLIER = 'spl_ECHOECHOECHOECHO0';
const CONTROL_ORG = 'org_CONTROLCHARACTERS0';

const quantity = (kg: number) => ({ credits: kg / 1000, credit_kgs: kg });
const balanceOf = (active: number, retired: number) => ({ active_credits_total: quantity(active), retired_credits_total: quantity(retired) });

/** A Registry API stand-in whose answers the tests choose. */
async function fake(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace('/registry/v0', '');
  fakeSeen.push(`${path}${url.search}`);
  const headers = Object.fromEntries(request.headers);
  if (path === `/projects/${ECHO_PROJECT}`) return Response.json({ id: ECHO_PROJECT, debug: { headers } });
  if (path === `/suppliers/${ECHO_SUPPLIER}`) return Response.json({ detail: [{ msg: `bad auth ${headers['authorization'] ?? ''}` }] }, { status: 422 });
  if (path === `/organisations/${CONTROL_ORG}`) return Response.json({ id: CONTROL_ORG, name: 'Evil\u0001\u0008\u001b Org\ud800' });
  if (path === '/retirements') return Response.json({ nodes: [], total_count: 0, page_info: { has_next_page: false, has_previous_page: false, start_cursor: null, end_cursor: null } });
  if (path.endsWith('/credit_balance')) {
    return Response.json({
      total: balanceOf(6000, 600),
      supplier_balances: [
        { supplier_id: S.supplier, total: balanceOf(1000, 100) },
        { supplier_id: OTHER_SUPPLIER, total: balanceOf(5000, 500) },
      ],
      project_balances: [
        { project_id: S.project, total: balanceOf(400, 40) },
        { project_id: OTHER_PROJECT, total: balanceOf(5600, 560) },
      ],
      order_balances: [{ order_id: 'ord_1FAN3S3WV1S0B842', total: balanceOf(6000, 600) }],
    });
  }
  if (path === '/projects') return Response.json({ nodes: [], total_count: 0, page_info: { has_next_page: false, has_previous_page: false, start_cursor: null, end_cursor: null } });
  return Response.json({ id: path.split('/')[2] ?? 'x', name: 'A record' });
}

async function proxyOn(apiUrl: string, options: Partial<ProxyOptions> = {}, embeds = false): Promise<{ url: string; port: number; log: RequestLogEntry[] }> {
  const log: RequestLogEntry[] = [];
  const proxy = createProxy({ apiUrl: `${apiUrl}/registry/v0`, ...LOCAL_DEFAULTS, log: (entry) => log.push(entry), ...options });
  const server = await serve(embeds ? withEmbeds(proxy) : proxy, { port: 0 });
  servers.push(server);
  return { url: server.url, port: Number(new URL(server.url).port), log };
}

before(async () => {
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  const upstream = await serve((request) => registry.handler(request), { port: 0 });
  const fakeServer = await serve(fake, { port: 0 });
  servers.push(upstream, fakeServer);
  registryUrl = upstream.url;
  fakeUrl = fakeServer.url;
});

after(async () => {
  for (const server of servers.reverse()) await server.close();
});

async function errorOf(response: Response): Promise<string> {
  const text = await response.text();
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `leaked a secret: ${text}`);
  return String((JSON.parse(text) as { error?: unknown }).error);
}

/** Sends a raw request line and headers; resolves with the status line's code and the body. */
function raw(port: number, lines: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.write(`${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n`);
  });
}

describe('finding 1: sub-resources are checked against every scope through their parent record', () => {
  it('refuses the documents of another supplier\u2019s project under a supplier scope, and serves its own', async () => {
    const { url } = await proxyOn(registryUrl, { scope: { suppliers: [S.supplier] } });
    const own = await fetch(`${url}/projects/${S.project}/documents`);
    assert.equal(own.status, 200, await own.clone().text());
    const other = await fetch(`${url}/projects/${S.hostileProject}/documents`);
    assert.equal(other.status, 403);
    assert.equal(await errorOf(other), 'out_of_scope');
    // And from the cache, the second time.
    assert.equal((await fetch(`${url}/projects/${S.hostileProject}/documents?first=5`)).status, 403);
  });
});

describe('finding 3: balances under a scope name only what is in scope', () => {
  it('keeps the listed supplier\u2019s entry, withholds projects and orders, and totals the kept entries', async () => {
    const { url } = await proxyOn(fakeUrl, { scope: { suppliers: [S.supplier] } });
    const response = await fetch(`${url}/organisations/${S.organisation}/credit_balance`);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.ok(!text.includes(OTHER_SUPPLIER) && !text.includes(OTHER_PROJECT) && !text.includes('ord_'), text);
    const body = JSON.parse(text) as { total: unknown; supplier_balances: unknown[]; project_balances: unknown[]; order_balances: unknown[] };
    assert.deepEqual(body.total, balanceOf(1000, 100));
    assert.equal(body.supplier_balances.length, 1);
    assert.deepEqual(body.project_balances, []);
    assert.deepEqual(body.order_balances, []);
  });

  it('under a project scope keeps the listed projects and totals them', async () => {
    const { url } = await proxyOn(fakeUrl, { scope: { projects: [S.project] } });
    const body = (await (await fetch(`${url}/organisations/${S.organisation}/credit_balance`)).json()) as { total: unknown; project_balances: { project_id: string }[]; supplier_balances: unknown[] };
    assert.deepEqual(body.total, balanceOf(400, 40));
    assert.deepEqual(body.project_balances.map((entry) => entry.project_id), [S.project]);
    assert.deepEqual(body.supplier_balances, []);
  });

  it('leaves the balance as it is under an organisation scope only', async () => {
    const { url } = await proxyOn(fakeUrl, { scope: { organisations: [S.organisation] } });
    const body = (await (await fetch(`${url}/organisations/${S.organisation}/credit_balance`)).json()) as { supplier_balances: unknown[] };
    assert.equal(body.supplier_balances.length, 2);
  });
});

describe('finding 4: one client cannot flush the cache', () => {
  it('keeps a popular entry through a minute of one client\u2019s distinct reads, under the default settings', async () => {
    const { url } = await proxyOn(fakeUrl);
    const popular = `${url}/projects/${S.project}`;
    assert.equal((await fetch(popular)).headers.get('x-cache'), 'MISS');
    const statuses = new Map<number, number>();
    for (let i = 0; i < 590; i += 1) {
      const status = (await fetch(`${url}/projects?after=c${i}`)).status;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    // The default miss budget (the popular read included) against the default 500 entries.
    const budget = SETTINGS.readMissRateLimitPerMinute.default;
    assert.ok(budget < SETTINGS.cacheMaxEntries.default, 'one client cannot fill the cache in a minute');
    assert.equal(statuses.get(200), budget - 1);
    assert.equal(statuses.get(429), 590 - (budget - 1));
    assert.equal((await fetch(popular)).headers.get('x-cache'), 'HIT');
  });

  it('counts what a cached string holds: two bytes per UTF-16 code unit once it has a character past U+00FF', async () => {
    const store = createMemoryStore({ maxEntries: 10, maxBytes: 1_000_000, now: manualClock().now });
    const body = `${'a'.repeat(1000)}\u20ac`;
    await store.put('/k', { status: 200, body, etag: '"x"', storedAt: 0, size: new TextEncoder().encode(body).byteLength }, 60_000);
    assert.ok(store.bytes >= body.length * 2, `counted ${store.bytes} bytes for ${body.length} code units`);
  });
});

describe('finding 5: an upstream answer holding a credential is never passed on', () => {
  it('answers 502 upstream_leak to a 200 that echoes the request headers, and does not cache it', async () => {
    const { url, log } = await proxyOn(fakeUrl);
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${url}/projects/${ECHO_PROJECT}`);
      assert.equal(response.status, 502);
      assert.equal(await errorOf(response), 'upstream_leak');
    }
    assert.equal(fakeSeen.filter((path) => path === `/projects/${ECHO_PROJECT}`).length, 2, 'not served from a cache');
    assert.ok(log.some((entry) => entry.error === 'upstream_leak'), 'logged');
  });

  it('answers 502 upstream_leak to a 4xx that echoes the token', async () => {
    const { url } = await proxyOn(fakeUrl);
    const response = await fetch(`${url}/suppliers/${ECHO_SUPPLIER}`);
    assert.equal(response.status, 502);
    assert.equal(await errorOf(response), 'upstream_leak');
  });
});

describe('finding 6: the embed route takes no links or prefilled fields unless allowed', () => {
  it('refuses URL-valued and prefill attributes with 400 naming them', async () => {
    const { url } = await proxyOn(registryUrl, {}, true);
    const attributes: [string, string][] = [['supplier-terms-url', 'https://evil.test/terms'], ['success-url', 'https://evil.test/'], ['cancel-url', 'https://evil.test/'], ['allowed-redirect-hosts', 'evil.test'], ['email', 'victim@evil.test'], ['quantity', '999999']];
    for (const [name, value] of attributes) {
      const response = await fetch(`${url}/embed/checkout-button?${name}=${encodeURIComponent(value)}`);
      assert.equal(response.status, 400, name);
      const body = (await response.json()) as { error: string; message: string };
      assert.equal(body.error, 'unknown_parameter');
      assert.ok(body.message.includes(`"${name}"`), body.message);
    }
    assert.equal((await fetch(`${url}/embed/checkout-button?presets=1,5&theme=dark`)).status, 200, 'display options stay');
  });

  it('takes them when embedUnsafeAttributes lists them', async () => {
    const proxy = createProxy({ apiUrl: `${registryUrl}/registry/v0`, ...LOCAL_DEFAULTS });
    const server = await serve(withEmbeds(proxy, { embedUnsafeAttributes: ['email'] }), { port: 0 });
    servers.push(server);
    assert.equal((await fetch(`${server.url}/embed/checkout-button?email=a%40b.test`)).status, 200);
    assert.equal((await fetch(`${server.url}/embed/checkout-button?success-url=https%3A%2F%2Fevil.test`)).status, 400);
  });
});

describe('finding 7: smaller things', () => {
  it('answers //, /\\ and a Host with user-info with 400 bad_path, logged', async () => {
    const { port, log } = await proxyOn(fakeUrl);
    for (const lines of [['GET // HTTP/1.1', 'Host: proxy.test'], ['GET /\\ HTTP/1.1', 'Host: proxy.test'], ['GET //evil.test/projects HTTP/1.1', 'Host: proxy.test'], ['GET /projects HTTP/1.1', 'Host: user@evil.test']]) {
      const answer = await raw(port, lines);
      assert.equal(answer.status, 400, `${lines.join(' / ')}: ${answer.text.slice(0, 200)}`);
      assert.match(answer.text, /"error":"bad_path"/);
    }
    assert.equal(log.filter((entry) => entry.error === 'bad_path').length, 4);
  });

  it('counts invalid checkout attempts, refusing them with 429 past their budget', async () => {
    const { url } = await proxyOn(fakeUrl, { checkout: { urls: ['https://site.test/thanks'], rateLimitPerMinute: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      statuses.push((await fetch(`${url}/stripe/checkout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"quantity_kg":0}' })).status);
    }
    assert.equal(statuses.filter((status) => status === 422).length, 15);
    assert.equal(statuses.filter((status) => status === 429).length, 25);
  });

  it('refuses return URLs with dot-segments hidden by ;params or double encoding', async () => {
    const { url } = await proxyOn(fakeUrl, { checkout: { urls: ['https://site.test/thanks'] } });
    const body = { quantity_kg: 1000, frequency: 'one_time', isometric_terms_and_conditions_accepted: true, supplier_terms_and_conditions_accepted: true, cancel_url: 'https://site.test/thanks/c' };
    for (const success of ['https://site.test/thanks/..;/admin', 'https://site.test/thanks/%252e%252e/admin', 'https://site.test/thanks/.;x/y']) {
      const response = await fetch(`${url}/stripe/checkout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, success_url: success }) });
      assert.equal(response.status, 422, success);
    }
  });

  it('keys X-Forwarded-For spellings of one address alike, and IPv6 clients by /64', async () => {
    const { url } = await proxyOn(fakeUrl, { trustProxy: true, readRateLimitPerMinute: 2 });
    const read = (from: string) => fetch(`${url}/projects/${S.project}`, { headers: { 'x-forwarded-for': from } });
    assert.equal((await read('10.0.0.1')).status, 200);
    assert.equal((await read('010.0.0.1')).status, 200);
    assert.equal((await read('::ffff:10.0.0.1')).status, 429);
    assert.equal((await read('10.0.0.1.')).status, 429);
    assert.equal((await read('2001:db8:1:2::1')).status, 200);
    assert.equal((await read('2001:db8:1:2:ffff::9')).status, 200);
    assert.equal((await read('2001:DB8:1:2:0:0:0:77')).status, 429);
    assert.equal((await read('2001:db8:1:3::1')).status, 200, 'another /64');
  });

  it('strips control characters from a badge, so that it stays XML', async () => {
    const { url } = await proxyOn(fakeUrl, {}, true);
    const response = await fetch(`${url}/badge/organisations/${CONTROL_ORG}/retired.svg`);
    assert.equal(response.status, 200);
    const svg = await response.text();
    assert.ok(svg.includes('Evil Org'), svg);
    assert.doesNotMatch(svg, /(?![\t\n\r])\p{Cc}|[\ud800-\udfff]/u);
  });
});
