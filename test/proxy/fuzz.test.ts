// Several hundred malformed requests, generated deterministically, thrown at the proxy over real HTTP
// (raw sockets, so request lines and headers can be anything) in front of the local registry on
// loopback. Asserts: no 5xx, no secret in any response byte, refusals carry a known error code, and
// nothing outside the allowlist ever reached the upstream.
// The same requests, plus requests built from listed and unlisted ids, then go to proxies confined by
// id (second half of the file), whose answers and upstream traffic are checked against the scope rules.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { components } from '../../src/generated/registry-schema.js';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { createProxy, DEFAULT_OPERATIONS, serve, type ScopeOptions } from '../../src/proxy/index.js';
import { CHECKOUT_OPERATION, matchRoute, OPERATIONS, operationKey, type IdPrefix, type Operation } from '../../src/proxy/operations.js';

const SECRETS = [LOCAL_DEFAULTS.clientSecret, LOCAL_DEFAULTS.accessToken];
const COUNT = 800;
/** The seed of the malformed corpus: every proxy below gets the same requests. */
const CORPUS_SEED = 0x1505eed;
const KNOWN_CODES = new Set([
  'not_found', 'bad_path', 'method_not_allowed', 'method_override', 'operation_not_allowed', 'origin_not_allowed', 'out_of_scope',
  'invalid_id', 'invalid_parameter', 'invalid_encoding', 'unknown_parameter', 'duplicate_parameter', 'uri_too_long', 'headers_too_large',
  'unsupported_media_type', 'payload_too_large', 'invalid_json', 'invalid_body', 'invalid_field', 'rate_limited',
]);
const ALLOWED = new Set([...DEFAULT_OPERATIONS, 'POST /stripe/checkout']);
const UPSTREAM_HEADERS = new Set(['accept', 'authorization', 'user-agent', 'x-client-secret', 'host', 'connection', 'content-length', 'content-type', 'accept-encoding', 'accept-language', 'sec-fetch-mode']);

/** Mulberry32: a small seeded PRNG, so every run sends the same requests. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

const S = SAMPLE_IDS;
const SEGMENTS = [
  'projects', 'suppliers', 'retirements', 'organisations', 'issuances', 'credit_batches', 'documents', 'credit_balance', 'stripe', 'configuration',
  'checkout', 'beneficiaries', 'transfers', 'deliveries', 'orders', 'organisation', 'supplier', 'refunds', 'from_oldest_credits', 'healthz', 'metrics',
  S.project, S.supplier, S.organisation, S.retirement, S.issuance, S.splitCreditBatch, S.order, S.transfer, S.delivery, S.refund,
  'prj_', 'prj_1', 'PRJ_1VJRKMRFEEBVY39C', 'prj_1vjrkmrfeebvy39c', `prj_${'Z'.repeat(40)}`, 'ret_from_oldest',
  '.', '..', '', '%2e', '%2e%2e', '%2E%2e', '%2f', '%2F', '%5c', '%00', '%0a', '%0d%0a', '%FF', '%C0%AE', '%252e%252e', '%u002e',
  'é', '\u202e', '\u{1F600}', '\\', '..\\..', ';x=1', 'a;b', '*', '~', '@', ':', 'registry', 'v0', 'api', '..;', 'x'.repeat(300),
];
const NAMES = [
  'first', 'last', 'after', 'before', 'owner_org_id', 'beneficiary_org_id', 'status', 'supplier_id', 'project_id', 'sort_field', 'sort_direction',
  'issued_after', 'limit', 'offset', '_method', '__proto__', 'constructor', 'callback', 'x-client-secret', 'First', 'first[]', '', '%FF', 'a%00b',
];
const VALUES = [
  '1', '10', '50', '51', '0', '-1', '1e1', '01', ' 1', '', 'abc', 'c'.repeat(513), 'c'.repeat(512), S.organisation, S.supplier, S.project,
  'org_x', '%FF', '%C3%A9', '%zz', '%', '%0a', '%00', '+', '%2B', 'null', 'true', '[]', '{}', 'active', 'split', 'desc', 'up',
  '2024-01-01T00:00:00Z', 'yesterday', '\u00e9', '<script>', "' OR 1=1 --", '../../beneficiaries', 'DELETE', 'x'.repeat(1500),
];
// Node's parser answers 400 itself to the last three; TRACE reaches the adapter, which refuses it.
const METHODS = ['GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'OPTIONS', 'TRACE', 'PROPFIND', 'M-SEARCH', 'BREW', 'get', 'G\u00c9T'];
const TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', ''];

const VALID_CHECKOUT = {
  quantity_kg: 1000,
  frequency: 'one_time',
  isometric_terms_and_conditions_accepted: true,
  supplier_terms_and_conditions_accepted: true,
  success_url: 'https://site.test/thanks/ok',
  cancel_url: 'https://site.test/thanks/cancel',
};

interface Raw {
  method: string;
  target: string;
  headers: [string, string][];
  body?: Buffer;
}

/** One malformed (or, now and then, valid) request. */
function generate(random: ReturnType<typeof prng>, index: number): Raw {
  const { pick, int, chance } = random;
  const kind = index % 8;
  const base = chance(0.85) ? '/api' : pick(['', '/API', '/api/', '//api', '/apí', '/api%2f']);
  let path = base;
  const depth = 1 + int(4);
  for (let i = 0; i < depth; i += 1) path += `/${pick(SEGMENTS)}`;
  if (kind === 0) path = `/api${pick(['/projects', `/projects/${S.project}`, '/suppliers', `/retirements/${S.retirement}`, '/issuances', `/organisations/${S.organisation}`])}`;
  let query = '';
  if (chance(0.6)) {
    const params = Array.from({ length: 1 + int(4) }, () => `${pick(NAMES)}${chance(0.9) ? `=${pick(VALUES)}` : ''}`);
    query = `?${params.join(pick(['&', '&', '&', ';', '&&']))}`;
  }
  let target = `${path}${query}`;
  if (kind === 1) target = pick(['*', 'http://evil.test/api/projects', 'https://127.0.0.1/api/beneficiaries', '//evil.test/api/projects', 'api/projects', '/api/projects#frag', `/api/projects?${'a=1&'.repeat(600)}`, `/api/${'%2e%2e/'.repeat(10)}beneficiaries`]);
  if (kind === 2) target = target.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`);
  if (kind === 0 && chance(0.7)) target = `${path}${chance(0.5) ? `?first=${1 + int(50)}` : `?after=c${int(1e6)}`}`;
  const method = kind === 3 ? pick(['POST', 'PUT', 'PATCH', 'DELETE']) : kind === 0 ? pick(['GET', 'GET', 'HEAD']) : pick(METHODS);
  const headers: [string, string][] = [['Host', kind === 4 && chance(0.5) ? pick(['evil.test', '127.0.0.1:1', 'proxy.test:99999', '[::1]']) : 'proxy.test']];
  if (chance(0.3)) headers.push(['Origin', pick(['https://site.test', 'https://evil.test', 'null', 'https://site.test.evil.test', 'HTTPS://SITE.TEST'])]);
  if (chance(0.15)) headers.push([pick(['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override']), pick(['DELETE', 'POST', 'GET'])]);
  if (chance(0.15)) headers.push(['Access-Control-Request-Method', pick(['GET', 'POST', 'DELETE'])]);
  if (chance(0.2)) headers.push(['Cookie', `session=${'s'.repeat(int(100))}`], ['Authorization', 'Bearer browser-token'], ['X-Client-Secret', 'forged']);
  if (chance(0.1)) headers.push(['X-Forwarded-For', pick(['1.2.3.4', 'not-an-ip', '::1, 10.0.0.1', '\u00ff'])]);
  if (chance(0.1)) headers.push(['If-None-Match', pick(['*', '"x"', 'W/"y", "z"', ',,,', '"'.repeat(50)])]);
  if (kind === 5) headers.push(...Array.from({ length: 1 + int(12) }, (_, i): [string, string] => [`X-Pad-${i}`, 'p'.repeat(int(1500))]));
  if (kind === 6 && chance(0.5)) headers.push(['X-Weird', pick(['\u00e9\u00e8', 'a\u0001b', ' leading', 'trailing ', 'x'.repeat(9000)])]);
  let body: Buffer | undefined;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH' || kind === 7) {
    if (kind === 7 || chance(0.5)) target = pick(['/api/stripe/checkout', '/api/stripe/checkout', '/api/retirements', '/api/projects', '/api/beneficiary']) + (chance(0.2) ? query : '');
    const mutated: Record<string, unknown> = { ...VALID_CHECKOUT };
    for (let i = int(3); i > 0; i -= 1) mutated[pick(Object.keys(VALID_CHECKOUT))] = pick([0, -1, 1.5, '1000', null, true, 'weekly', 'https://evil.test/x', 'javascript:alert(1)', 1e21, [], {}]);
    if (chance(0.2)) mutated['_method'] = 'DELETE';
    const text = pick([
      JSON.stringify(mutated),
      JSON.stringify(VALID_CHECKOUT),
      '{"quantity_kg":',
      '[1,2,3]',
      'null',
      '"text"',
      `{"pad":"${'x'.repeat(int(20_000))}"}`,
      `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      '',
      '{"a":1,"a":2}',
      '\u0000\u0001',
    ]);
    body = chance(0.1) ? Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]) : Buffer.from(text);
    const type = pick(TYPES);
    if (type) headers.push(['Content-Type', type]);
  }
  if (kind === 3 && chance(0.3)) headers.push(['Transfer-Encoding', 'chunked']);
  return { method, target, headers, ...(body ? { body } : {}) };
}

interface Answer {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
  raw: Buffer;
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n', offset);
    if (end < 0) break;
    const size = parseInt(data.subarray(offset, end).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(end + 2, end + 2 + size));
    offset = end + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Sends raw bytes on a fresh connection and reads the answer until the server closes it. */
function send(port: number, request: Raw): Promise<Answer> {
  const head = [`${request.method} ${request.target} HTTP/1.1`, ...request.headers.map(([name, value]) => `${name}: ${value}`), 'Connection: close'];
  const chunked = request.headers.some(([name]) => name === 'Transfer-Encoding');
  if (request.body && !chunked) head.push(`Content-Length: ${request.body.length}`);
  const body = chunked
    ? Buffer.concat([...(request.body?.length ? [Buffer.from(`${request.body.length.toString(16)}\r\n`), request.body, Buffer.from('\r\n')] : []), Buffer.from('0\r\n\r\n')])
    : request.body;
  const bytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), ...(body ? [body] : [])]);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${request.method} ${request.target.slice(0, 80)}`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('close', () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const lines = raw.subarray(0, split < 0 ? raw.length : split).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers = new Map(lines.slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()] as [string, string]));
      const rest = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
      resolve({ status, headers, raw, body: headers.get('transfer-encoding') === 'chunked' ? dechunk(rest) : rest });
    });
    socket.write(bytes);
  });
}

const label = (request: Raw) => `${request.method} ${request.target.slice(0, 160)}`;

/** Sends requests eight at a time, each on its own connection; answers come back in request order. */
async function sendAll<T extends Raw>(port: number, requests: readonly T[]): Promise<{ request: T; answer: Answer }[]> {
  const answered: { request: T; answer: Answer }[] = [];
  for (let start = 0; start < requests.length; start += 8) {
    const batch = requests.slice(start, start + 8);
    const results = await Promise.all(batch.map((request) => send(port, request)));
    results.forEach((answer, i) => answered.push({ request: batch[i] as T, answer }));
  }
  return answered;
}

/** No 5xx (nor a status line missing), and no secret in any byte of any answer. */
function assertSound(answered: readonly { request: Raw; answer: Answer }[]): void {
  for (const { request, answer } of answered) {
    assert.ok(answer.status >= 100 && answer.status < 500, `${label(request)} \u2192 ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`);
    for (const secret of SECRETS) assert.ok(!answer.raw.includes(secret), `${label(request)} leaked a secret`);
  }
}

/** The `error` of a JSON refusal with a body (not HEAD), else undefined. */
function errorCode(request: Raw, answer: Answer): string | undefined {
  if (answer.status < 400 || request.method === 'HEAD' || !answer.headers.get('content-type')?.startsWith('application/json')) return undefined;
  const body = JSON.parse(answer.body.toString('utf8')) as { error?: unknown };
  return typeof body.error === 'string' ? body.error : undefined;
}

/** Checks that every refusal of the proxy carries a known code and a message; returns how many there were. */
function countKnownRefusals(answered: readonly { request: Raw; answer: Answer }[]): number {
  let refusals = 0;
  for (const { request, answer } of answered) {
    if (answer.status < 400 || request.method === 'HEAD' || !answer.headers.get('content-type')?.startsWith('application/json')) continue;
    const body = JSON.parse(answer.body.toString('utf8')) as { error?: unknown; detail?: unknown; message?: unknown };
    // The API's own 404/422 pass through with `detail`; everything else is the proxy's.
    if (body.detail !== undefined) continue;
    assert.ok(typeof body.error === 'string' && KNOWN_CODES.has(body.error), `${request.method} ${request.target.slice(0, 80)}: ${JSON.stringify(body).slice(0, 200)}`);
    assert.equal(typeof body.message, 'string');
    refusals += 1;
  }
  return refusals;
}

interface Received {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: string[];
  secret: string | null;
}

const received: Received[] = [];
const servers: { close: () => Promise<void> }[] = [];
let port = 0;

before(async () => {
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  const upstream = await serve(async (request) => {
    const url = new URL(request.url);
    received.push({ method: request.method, path: url.pathname, search: url.searchParams, headers: [...request.headers.keys()], secret: request.headers.get('x-client-secret') });
    return registry.handler(request);
  }, { port: 0 });
  servers.push(upstream);
  const proxy = createProxy({
    apiUrl: `${upstream.url}/registry/v0`,
    ...LOCAL_DEFAULTS,
    basePath: '/api',
    allowedOrigins: ['https://site.test'],
    dev: true,
    readRateLimitPerMinute: 1_000_000,
    readMissRateLimitPerMinute: 0,
    checkout: { urls: ['https://site.test/thanks'], redirectHosts: ['127.0.0.1'], rateLimitPerMinute: 1_000_000 },
  });
  const server = await serve(proxy, { port: 0 });
  servers.push(server);
  port = Number(new URL(server.url).port);
});

after(async () => {
  for (const server of servers.reverse()) await server.close();
});

describe('fuzz: malformed requests over HTTP', () => {
  const answers: { request: Raw; answer: Answer }[] = [];

  it(`answers ${COUNT} generated requests without a 5xx or a secret`, async () => {
    const random = prng(CORPUS_SEED);
    const requests = Array.from({ length: COUNT }, (_, index) => generate(random, index));
    answers.push(...(await sendAll(port, requests)));
    assert.equal(answers.length, COUNT);
    assertSound(answers);
  });

  it('labels every refusal of the proxy with a known error code', () => {
    const refusals = countKnownRefusals(answers);
    assert.ok(refusals > COUNT / 2, `only ${refusals} JSON refusals`);
  });

  it('let nothing outside the allowlist reach the upstream, and always with the secrets', () => {
    assert.ok(received.length > 20, `only ${received.length} requests reached the upstream: the corpus needs valid ones too`);
    for (const request of received) {
      assert.ok(request.path.startsWith('/registry/v0/'), request.path);
      const match = matchRoute(request.path.slice('/registry/v0/'.length).split('/'));
      const operation = match?.route.operations.get(request.method);
      assert.ok(operation && ALLOWED.has(operationKey(operation)), `${request.method} ${request.path} reached the upstream`);
      for (const name of request.search.keys()) assert.ok(Object.hasOwn(operation.query, name), `${request.method} ${request.path} with ?${name}`);
      assert.equal(request.secret, LOCAL_DEFAULTS.clientSecret);
      for (const name of request.headers) assert.ok(UPSTREAM_HEADERS.has(name), `the upstream received ${name}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Scope by id. The corpus above, plus requests built from listed and unlisted ids in paths and in id
// filters, go to proxies confined by id. Their upstream answers from a small invented world whose
// relations the test decides. What each request should get is restated below from the rules in the
// header of src/proxy/scope.ts and the ISOMETRIC_SCOPE_* entry in docs/proxy.md, without calling scope.ts:
// scope.ts reads the JSON fields of the answers, the model reads the relations they were built from.

type Schemas = components['schemas'];
type Kind = 'organisation' | 'supplier' | 'project';
/** A scope as the model sees it: the listed ids of each confined kind. */
type Lists = Partial<Record<Kind, readonly string[]>>;
type RecordType = 'project' | 'supplier' | 'organisation' | 'balance' | 'retirement' | 'issuance' | 'creditBatch' | 'document' | 'delivery' | 'transfer' | 'order' | 'refund' | 'unscoped';
/** The ids a record relates to, per kind (a retirement's beneficiary and owner are both organisations). */
type Relations = Partial<Record<Kind, string[]>>;
type Unscoped = Exclude<IdPrefix, 'org' | 'spl' | 'prj'>;

const KIND_OF: Partial<Record<IdPrefix, Kind>> = { org: 'organisation', spl: 'supplier', prj: 'project' };
/** The kinds that confine each record type, from the lists in scope.ts's header. */
const BELONGS: Readonly<Record<RecordType, readonly Kind[]>> = {
  project: ['project', 'supplier'],
  supplier: ['supplier'],
  organisation: ['organisation'],
  balance: ['organisation'],
  retirement: ['organisation'],
  issuance: ['project', 'supplier'],
  creditBatch: ['project', 'supplier', 'organisation'],
  document: ['project'],
  delivery: ['supplier', 'organisation'],
  transfer: ['organisation'],
  order: ['supplier', 'organisation'],
  // The header does not list refunds; a refund moves credits between two organisations, as a transfer does.
  refund: ['organisation'],
  unscoped: [],
};
/** Record types with two organisations, either of which may be the listed one ("either side"). */
const TWO_SIDED = new Set<RecordType>(['retirement', 'transfer', 'refund', 'creditBatch']);
const one = (type: RecordType) => ({ type, shape: 'one' as const });
const nodes = (type: RecordType) => ({ type, shape: 'nodes' as const });
/** What each read answers with, from the Registry API reference: one record, a list's `nodes`, or an issuance's two batch lists. */
const READS: Readonly<Record<string, { type: RecordType; shape: 'one' | 'nodes' | 'issuanceBatches' }>> = {
  'GET /beneficiaries': nodes('organisation'),
  'GET /credit_batches/{id}': one('creditBatch'),
  'GET /deliveries': nodes('delivery'),
  'GET /deliveries/{id}': one('delivery'),
  'GET /deliveries/{id}/credit_batches': nodes('creditBatch'),
  'GET /issuances': nodes('issuance'),
  'GET /issuances/{id}': one('issuance'),
  'GET /issuances/{id}/credit_batches': { type: 'creditBatch', shape: 'issuanceBatches' },
  'GET /orders/{id}': one('order'),
  'GET /orders/{id}/deliveries': nodes('delivery'),
  'GET /organisation': one('organisation'),
  'GET /organisations/{id}': one('organisation'),
  'GET /organisations/{id}/credit_balance': one('balance'),
  'GET /organisations/{id}/credit_batches': nodes('creditBatch'),
  'GET /organisations/{id}/orders': nodes('order'),
  'GET /projects': nodes('project'),
  'GET /projects/{id}': one('project'),
  'GET /projects/{id}/documents': nodes('document'),
  'GET /refunds/{id}': one('refund'),
  'GET /refunds/{id}/credit_batches': nodes('creditBatch'),
  'GET /retirements': nodes('retirement'),
  'GET /retirements/{id}': one('retirement'),
  'GET /retirements/{id}/credit_batches': nodes('creditBatch'),
  'GET /stripe/configuration': one('unscoped'),
  'GET /supplier': one('supplier'),
  'GET /suppliers': nodes('supplier'),
  'GET /suppliers/{id}': one('supplier'),
  'GET /suppliers/{id}/deliveries': nodes('delivery'),
  'GET /suppliers/{id}/issuances': nodes('issuance'),
  'GET /suppliers/{id}/orders': nodes('order'),
  'GET /suppliers/{id}/projects': nodes('project'),
  'GET /transferees': nodes('organisation'),
  'GET /transfers': nodes('transfer'),
  'GET /transfers/{id}': one('transfer'),
  'GET /transfers/{id}/credit_batches': nodes('creditBatch'),
};
/**
 * Paginated lists that their parent confines although its id is of no scoped kind: one order's
 * deliveries share its supplier and buyer, so checking each of them (check 3) is exact.
 */
const CONFINED_BY_PARENT = new Set(['GET /orders/{id}/deliveries']);

// The world. Listed ids are sample ids, so the corpus above (built from sample ids) lands inside too.
const IN = { organisation: S.organisation, supplier: S.supplier, project: S.project } as const satisfies Record<Kind, string>;
const OUT = { organisation: 'org_OTHERORGANISATION01', supplier: 'spl_OTHERSUPPLIER00001', project: 'prj_OTHERPROJECT000001' } as const satisfies Record<Kind, string>;
/** A project the first scope lists although its supplier is not listed: reading it must fail check 3. */
const LISTED_FOREIGN_PROJECT = 'prj_LISTEDOTHERSUPPLIER';
/** The supplier of each project; any project not named here is `IN.supplier`'s. */
const SUPPLIER_OF: Readonly<Record<string, string>> = { [LISTED_FOREIGN_PROJECT]: OUT.supplier, [OUT.project]: OUT.supplier };
const TYPE_OF: Readonly<Record<Unscoped, RecordType>> = { bpr: 'refund', ctb: 'creditBatch', dlv: 'delivery', iss: 'issuance', ord: 'order', ret: 'retirement', tfr: 'transfer' };
/** Records of no scoped kind whose answers relate to listed ids only. */
const INSIDE: Readonly<Record<Unscoped, string>> = { bpr: S.refund, ctb: S.splitCreditBatch, dlv: S.delivery, iss: S.issuance, ord: S.order, ret: S.retirement, tfr: S.transfer };
/**
 * Two-sided records whose listed organisation is on the second side (owner, recipient) where the
 * others have it on the first (beneficiary, sender): a scope that read one side only would refuse them.
 */
const SECOND_SIDE: Readonly<Partial<Record<Unscoped, string>>> = { bpr: 'bpr_INSIDESECONDSIDE000', ctb: 'ctb_INSIDESECONDSIDE000', ret: 'ret_INSIDESECONDSIDE000', tfr: 'tfr_INSIDESECONDSIDE000' };
/** The side of a two-sided record each organisation filter names: 0 beneficiary or sender, 1 owner or recipient. */
const FILTER_SIDE: Readonly<Record<string, 0 | 1>> = { beneficiary_org_id: 0, owner_org_id: 1, from_organisation_id: 0, to_organisation_id: 1 };
/**
 * Records of no scoped kind whose answers relate, in one kind, to unlisted ids only
 * (`ret_OUTSIDEORGANISATION…`): the record itself, or the last record of a list it parents or filters.
 */
const OUTSIDE = new Map<string, Kind>(
  (Object.keys(TYPE_OF) as Unscoped[]).flatMap((prefix) => BELONGS[TYPE_OF[prefix]].map((kind): [string, Kind] => [`${prefix}_${`OUTSIDE${kind.toUpperCase()}`.padEnd(24, '0')}`, kind])),
);
/** The ids generated requests use, by prefix. */
const POOL = Object.fromEntries([
  ['org', [IN.organisation, OUT.organisation]],
  ['spl', [IN.supplier, OUT.supplier]],
  ['prj', [IN.project, LISTED_FOREIGN_PROJECT, OUT.project]],
  ...(Object.keys(TYPE_OF) as Unscoped[]).map((prefix) => [
    prefix,
    [INSIDE[prefix], ...(SECOND_SIDE[prefix] ? [SECOND_SIDE[prefix]] : []), ...[...OUTSIDE.keys()].filter((id) => id.startsWith(`${prefix}_`))],
  ]),
]) as Readonly<Record<IdPrefix, readonly string[]>>;

/** The ids a request names, in its path and in its id filters, with their prefixes and the filter's name. */
function namedIds(operation: Operation, pathId: string | undefined, params: URLSearchParams): [IdPrefix, string, string?][] {
  const ids: [IdPrefix, string, string?][] = operation.idPrefix && pathId !== undefined ? [[operation.idPrefix, pathId]] : [];
  for (const [name, value] of params) {
    const rule = operation.query[name];
    if (rule?.kind === 'id') ids.push([rule.prefix, value, name]);
  }
  return ids;
}

interface WorldAnswer {
  readonly type: RecordType;
  readonly shape: 'one' | 'nodes' | 'issuanceBatches';
  readonly records: readonly Relations[];
}

/**
 * What the world answers to a read: its records' relations. Records belong to the scoped ids the
 * request names (path or filter, on the side the filter names); otherwise they relate to listed ids,
 * two-sided ones with an unlisted other side, alternating which side (and `SECOND_SIDE` ids start on the second). Each `OUTSIDE` id the request names turns one record's relations of its kind unlisted.
 * Nothing depends on the order of the query, which the proxy sorts.
 */
function worldAnswer(operation: Operation, pathId: string | undefined, params: URLSearchParams): WorldAnswer {
  const read = READS[operationKey(operation)];
  if (!read) throw new Error(`the world does not know ${operationKey(operation)}`);
  const twoSided = TWO_SIDED.has(read.type);
  const pins: { kind: Kind; side: 0 | 1; id: string }[] = [];
  const outside = new Set<Kind>();
  let flipped = false;
  for (const [prefix, id, name] of namedIds(operation, pathId, params)) {
    const kind = KIND_OF[prefix];
    const unlisted = kind ? undefined : OUTSIDE.get(id);
    if (kind) pins.push({ kind, side: twoSided && kind === 'organisation' && name ? (FILTER_SIDE[name] ?? 0) : 0, id });
    if (unlisted) outside.add(unlisted);
    flipped ||= Object.values(SECOND_SIDE).includes(id);
  }
  const count = read.shape === 'one' ? 1 : 2;
  // An issuance's outside batch is a supplier batch or a buffer-pool one by kind, so that both lists are read.
  const outsideIndex = (kind: Kind) => (read.shape === 'issuanceBatches' && kind === 'project' ? 0 : count - 1);
  const records = Array.from({ length: count }, (_, index) => {
    const relations: Relations = {};
    for (const kind of BELONGS[read.type]) {
      const listedSecond = (index % 2 === 1) !== flipped;
      relations[kind] = kind === 'organisation' && twoSided ? (listedSecond ? [OUT.organisation, IN.organisation] : [IN.organisation, OUT.organisation]) : [IN[kind]];
    }
    for (const { kind, side, id } of pins) {
      const ids = relations[kind];
      if (ids) ids[side] = id;
    }
    if (read.type === 'project' && !pins.some((pin) => pin.kind === 'supplier')) relations.supplier = [SUPPLIER_OF[relations.project?.[0] ?? ''] ?? IN.supplier];
    for (const kind of outside) if (index === outsideIndex(kind)) relations[kind] &&= relations[kind].map(() => OUT[kind]);
    return relations;
  });
  return { ...read, records };
}

const organisation = (id: string): Schemas['Organisation'] => ({ id, name: 'An organisation', domain: null });
// A supplier's organisation is unlisted: suppliers are confined by supplier id only.
const supplier = (id: string): Schemas['Supplier'] => ({ id, organisation: organisation(OUT.organisation), location: null, long_description: null, short_description: null });

/** One record as the API shapes it (only the fields that relate it to others, typed against the spec). */
function render(type: RecordType, relations: Relations, index: number): unknown {
  const [org = OUT.organisation, other = org] = relations.organisation ?? [];
  const spl = relations.supplier?.[0] ?? OUT.supplier;
  const prj = relations.project?.[0] ?? OUT.project;
  const id = `${index}${'0'.repeat(15)}`;
  switch (type) {
    case 'project':
      return { id: prj, supplier: supplier(spl) } satisfies Pick<Schemas['Project'], 'id' | 'supplier'>;
    case 'supplier':
      return supplier(spl);
    case 'organisation':
      return organisation(org);
    case 'balance':
      return { order_balances: [], project_balances: [], supplier_balances: [] } satisfies Partial<Schemas['OrganisationCreditBalance']>;
    case 'retirement':
      return { id: `ret_${id}`, beneficiary: organisation(org), owner: organisation(other) } satisfies Pick<Schemas['Retirement'], 'id' | 'beneficiary' | 'owner'>;
    case 'issuance':
      return { id: `iss_${id}`, project_id: prj, supplier: supplier(spl) } satisfies Pick<Schemas['Issuance'], 'id' | 'project_id' | 'supplier'>;
    case 'creditBatch':
      return {
        id: `ctb_${id}`,
        project_id: prj,
        supplier_id: spl,
        owner: organisation(org),
        beneficiary: relations.organisation?.[1] ? organisation(other) : null,
      } satisfies Pick<Schemas['CreditBatch'], 'id' | 'project_id' | 'supplier_id' | 'owner' | 'beneficiary'>;
    case 'document':
      return { id: `doc_${id}`, project_id: prj } satisfies Pick<Schemas['ProjectDocument'], 'id' | 'project_id'>;
    case 'delivery':
      return { id: `dlv_${id}`, from_supplier: supplier(spl), to_organisation: organisation(org) } satisfies Pick<Schemas['Delivery'], 'id' | 'from_supplier' | 'to_organisation'>;
    case 'transfer':
      return { id: `tfr_${id}`, from_organisation: organisation(org), to_organisation: organisation(other) } satisfies Pick<Schemas['Transfer'], 'id' | 'from_organisation' | 'to_organisation'>;
    case 'order':
      return { id: `ord_${id}`, supplier: supplier(spl), buyer_organisation: organisation(org) } satisfies Pick<Schemas['Order'], 'id' | 'supplier' | 'buyer_organisation'>;
    case 'refund':
      return {
        id: `bpr_${id}`,
        from_buffer_pool_organisation: organisation(org),
        to_organisation: organisation(other),
      } satisfies Pick<Schemas['BufferPoolRefund'], 'id' | 'from_buffer_pool_organisation' | 'to_organisation'>;
    case 'unscoped':
      return { id: `sc_${id}`, account_id: 'acct_test' } satisfies Pick<Schemas['SupplierStripeConfiguration'], 'id' | 'account_id'>;
  }
}

function renderAnswer(answer: WorldAnswer): unknown {
  const records = answer.records.map((relations, index) => render(answer.type, relations, index));
  if (answer.shape === 'one') return records[0];
  if (answer.shape === 'issuanceBatches') return { supplier_credit_batches: records.slice(0, 1), buffer_pool_credit_batches: records.slice(1) };
  return { nodes: records, total_count: records.length, page_info: { has_next_page: false, has_previous_page: false, start_cursor: null, end_cursor: null } };
}

/** What a scoped proxy must do with a well-formed, allowlisted request. */
type Verdict = 'served' | 'refused' | 'refusedParent' | 'refusedAnswer';

/**
 * The record a sub-resource belongs to (`GET /projects/{id}/documents` → `GET /projects/{id}`), whose
 * relations confine it as if they were its own: a document names only its project, yet belongs to that
 * project's supplier too.
 */
function parentOf(operation: Operation): Operation | undefined {
  const match = /^(\/[a-z_]+\/\{id\})\/[a-z_]+$/.exec(operation.template);
  return match && operation.method === 'GET' ? OPERATIONS.find((candidate) => candidate.method === 'GET' && candidate.template === match[1]) : undefined;
}

/** Whether every record of a world answer relates, for each listed kind it belongs to, to a listed id. */
function inScope(lists: Lists, answer: WorldAnswer): boolean {
  return answer.records.every((record) => BELONGS[answer.type].every((kind) => !lists[kind] || (record[kind] ?? []).some((id) => lists[kind]?.includes(id))));
}

/**
 * The scope rules, restated: writes other than checkout are refused; (1) every id of a confined kind in
 * the path or a filter must be listed; (2) a paginated list of records a confined kind owns must be
 * confined to listed ids, by its path or a filter, for each such kind; (3) every record of the answer
 * must relate, for each confined kind it belongs to, to at least one listed id; (4) a sub-resource
 * (`/x/{id}/y`) is served only when its parent record (`/x/{id}`) passes (3), read before it.
 */
function verdict(lists: Lists, operation: Operation, pathId: string | undefined, params: URLSearchParams): Verdict {
  const key = operationKey(operation);
  if (operation.method !== 'GET') return key === CHECKOUT_OPERATION ? 'served' : 'refused';
  const confined = new Set<Kind>();
  for (const [prefix, id] of namedIds(operation, pathId, params)) {
    const kind = KIND_OF[prefix];
    const listed = kind && lists[kind];
    if (!kind || !listed) continue;
    if (!listed.includes(id)) return 'refused';
    confined.add(kind);
  }
  const type = READS[key]?.type ?? 'unscoped';
  const paginated = Object.hasOwn(operation.query, 'first');
  if (paginated && !CONFINED_BY_PARENT.has(key) && BELONGS[type].some((kind) => lists[kind] && !confined.has(kind))) return 'refused';
  const parent = parentOf(operation);
  if (parent && !inScope(lists, worldAnswer(parent, pathId, new URLSearchParams()))) return 'refusedParent';
  return inScope(lists, worldAnswer(operation, pathId, params)) ? 'served' : 'refusedAnswer';
}

/** The request line the proxy would send upstream for a built request: names sorted, then values. */
function upstreamKey(request: Built): string {
  const url = new URL(request.target, 'http://proxy.test');
  const byName = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) byName.set(name, [...(byName.get(name) ?? []), value]);
  const canonical = new URLSearchParams();
  for (const name of [...byName.keys()].sort()) for (const value of (byName.get(name) ?? []).sort()) canonical.append(name, value);
  const query = canonical.toString();
  return `${request.operation.method} ${url.pathname.slice('/api'.length)}${query ? `?${query}` : ''}`;
}

/** A generated request that knows what it asks for; `malformed` ones must fail validation (400/404). */
interface Built extends Raw {
  readonly operation: Operation;
  readonly pathId?: string;
  readonly params: URLSearchParams;
  readonly malformed: boolean;
}

const SCOPED_COUNT = 480;
const SCOPED_SEED = 0x5c09e;
/** Every id filter of the operation table, with the prefix it takes. */
const ID_FILTERS = new Map(OPERATIONS.flatMap((operation) => Object.entries(operation.query).flatMap(([name, rule]) => (rule.kind === 'id' ? [[name, rule.prefix] as const] : []))));
const FILTERED = OPERATIONS.filter((operation) => Object.values(operation.query).some((rule) => rule.kind === 'id'));

/** A well-shaped id of the wrong shape or kind for `prefix`. */
function malformedId(random: ReturnType<typeof prng>, prefix: IdPrefix): string {
  const { pick } = random;
  const valid = POOL[prefix][0] as string;
  const other = pick((Object.keys(POOL) as IdPrefix[]).filter((candidate) => candidate !== prefix));
  return pick([`${prefix}_1`, valid.toLowerCase(), `${prefix}_${'Z'.repeat(34)}`, POOL[other][0] as string, valid.replace('_', '-')]);
}

/**
 * One request built from the operation table: every operation in turn, alternating with one that takes
 * id filters, with listed and unlisted ids (and ids of no scoped kind, inside or outside) in the path and
 * in filters; now and then malformed (a bad id, a repeated or unknown filter, an extra path segment).
 */
function generateScoped(random: ReturnType<typeof prng>, index: number): Built {
  const { pick, int, chance } = random;
  const operation = index % 2 === 0 ? (OPERATIONS[(index / 2) % OPERATIONS.length] as Operation) : pick(FILTERED);
  let malformed = false;
  const idFor = (prefix: IdPrefix): string => {
    if (!chance(0.05)) return pick(POOL[prefix]);
    malformed = true;
    return malformedId(random, prefix);
  };
  const pathId = operation.idPrefix ? idFor(operation.idPrefix) : undefined;
  const entries: [string, string][] = [];
  for (const [name, rule] of Object.entries(operation.query)) {
    if (rule.kind !== 'id' || !chance(0.55)) continue;
    entries.push([name, idFor(rule.prefix)]);
    if (chance(0.04)) {
      entries.push([name, pick(POOL[rule.prefix])]);
      malformed = true;
    }
  }
  if (Object.hasOwn(operation.query, 'first') && chance(0.3)) entries.push(['first', String(1 + int(50))]);
  if (Object.hasOwn(operation.query, 'after') && chance(0.1)) entries.push(['after', `c${int(1000)}`]);
  if (Object.hasOwn(operation.query, 'status') && chance(0.2)) entries.push(['status', 'active'], ...(chance(0.5) ? [['status', 'retired'] as [string, string]] : []));
  const unknown = [...ID_FILTERS].filter(([name]) => !Object.hasOwn(operation.query, name));
  if (unknown.length > 0 && chance(0.04)) {
    const [name, prefix] = pick(unknown);
    entries.push([name, pick(POOL[prefix])]);
    malformed = true;
  }
  for (let i = entries.length - 1; i > 0; i -= 1) {
    const j = int(i + 1);
    [entries[i], entries[j]] = [entries[j] as [string, string], entries[i] as [string, string]];
  }
  const params = new URLSearchParams(entries);
  let path = `/api${operation.template.replace('{id}', pathId ?? '')}`;
  const method = operation.method === 'POST' ? 'POST' : chance(0.1) ? 'HEAD' : 'GET';
  if (method !== 'POST' && chance(0.03)) {
    path += '/x';
    malformed = true;
  }
  const headers: [string, string][] = [['Host', 'proxy.test']];
  if (chance(0.3)) headers.push(['Origin', 'https://site.test']);
  let body: Buffer | undefined;
  if (method === 'POST') {
    headers.push(['Content-Type', 'application/json']);
    body = Buffer.from(JSON.stringify(operationKey(operation) === CHECKOUT_OPERATION ? VALID_CHECKOUT : { quantity_kg: 1000 }));
  }
  const query = params.toString();
  return { method, target: `${path}${query ? `?${query}` : ''}`, headers, ...(body ? { body } : {}), operation, ...(pathId === undefined ? {} : { pathId }), params, malformed };
}

/** The operation, path id and query of a raw request, as the proxy routes it; undefined when it names no operation. */
function parseTarget(request: Raw): { operation: Operation; pathId?: string; params: URLSearchParams } | undefined {
  let url: URL;
  try {
    // The request line goes out as latin1: read the target back the way the server does.
    url = new URL(Buffer.from(request.target, 'latin1').toString('latin1'), 'http://proxy.test');
  } catch {
    return undefined;
  }
  if (!url.pathname.startsWith('/api/')) return undefined;
  const match = matchRoute(url.pathname.slice('/api/'.length).split('/'));
  const operation = match?.route.operations.get(request.method === 'HEAD' ? 'GET' : request.method);
  if (!match || !operation) return undefined;
  return { operation, ...(match.id === undefined ? {} : { pathId: match.id }), params: url.searchParams };
}

const SCOPES: readonly { readonly name: string; readonly lists: Lists }[] = [
  { name: 'one organisation, one supplier and two projects', lists: { organisation: [IN.organisation], supplier: [IN.supplier], project: [IN.project, LISTED_FOREIGN_PROJECT] } },
  { name: 'one supplier only', lists: { supplier: [IN.supplier] } },
  { name: 'one organisation only', lists: { organisation: [IN.organisation] } },
];

function scopeOptions(lists: Lists): ScopeOptions {
  return {
    ...(lists.organisation ? { organisations: lists.organisation } : {}),
    ...(lists.supplier ? { suppliers: lists.supplier } : {}),
    ...(lists.project ? { projects: lists.project } : {}),
  };
}

describe('fuzz: proxies confined by id, over HTTP', () => {
  /** What reached the world upstream, per scope: `METHOD /path?query` and the secret sent. */
  const forwarded: { key: string; secret: string | null }[][] = SCOPES.map(() => []);
  const scopedPorts: number[] = [];
  const scopedServers: { close: () => Promise<void> }[] = [];
  const corpus = (() => {
    const random = prng(CORPUS_SEED);
    return Array.from({ length: COUNT }, (_, index) => generate(random, index));
  })();
  const built = (() => {
    const random = prng(SCOPED_SEED);
    return Array.from({ length: SCOPED_COUNT }, (_, index) => generateScoped(random, index));
  })();

  before(async () => {
    // One upstream for every scope; the first path segment says which proxy is calling.
    const world = await serve(async (request) => {
      const url = new URL(request.url);
      const [, slot = '', ...rest] = url.pathname.split('/');
      const path = `/${rest.join('/')}`;
      const log = forwarded[Number(slot)];
      if (!log || !path.startsWith('/registry/v0/')) return Response.json({ detail: 'Not Found' }, { status: 404 });
      const template = path.slice('/registry/v0'.length);
      log.push({ key: `${request.method} ${template}${url.search}`, secret: request.headers.get('x-client-secret') });
      const match = matchRoute(template.slice(1).split('/'));
      const operation = match?.route.operations.get(request.method);
      if (!match || !operation) return Response.json({ detail: 'Not Found' }, { status: 404 });
      if (operation.method === 'POST') return Response.json(operationKey(operation) === CHECKOUT_OPERATION ? { redirect_url: 'https://127.0.0.1/checkout/cs_test' } : {});
      return Response.json(renderAnswer(worldAnswer(operation, match.id, url.searchParams)));
    }, { port: 0 });
    scopedServers.push(world);
    for (const [slot, { lists }] of SCOPES.entries()) {
      const proxy = createProxy({
        apiUrl: `${world.url}/${slot}/registry/v0`,
        ...LOCAL_DEFAULTS,
        basePath: '/api',
        allowedOrigins: ['https://site.test'],
        dev: true,
        readRateLimitPerMinute: 1_000_000,
        readMissRateLimitPerMinute: 0,
        // Every operation, writes included: what stops them here must be the scope.
        operations: OPERATIONS.map(operationKey),
        checkout: { urls: ['https://site.test/thanks'], redirectHosts: ['127.0.0.1'], rateLimitPerMinute: 1_000_000 },
        scope: scopeOptions(lists),
      });
      const server = await serve(proxy, { port: 0 });
      scopedServers.push(server);
      scopedPorts.push(Number(new URL(server.url).port));
    }
  });

  after(async () => {
    for (const server of scopedServers.reverse()) await server.close();
  });

  it('models every read of the operation table, and generates requests of every verdict', () => {
    for (const operation of OPERATIONS) if (operation.method === 'GET') assert.ok(READS[operationKey(operation)], `the model does not know ${operationKey(operation)}`);
    for (const [slot, { lists }] of SCOPES.entries()) {
      const tally = { malformed: 0, served: 0, refused: 0, refusedParent: 0, refusedAnswer: 0 };
      for (const request of built) tally[request.malformed ? 'malformed' : verdict(lists, request.operation, request.pathId, request.params)] += 1;
      for (const [name, count] of Object.entries(tally)) assert.ok(count >= (name === 'refusedParent' ? 5 : 10), `scope ${slot}: only ${count} ${name} requests`);
    }
  });

  for (const [slot, { name, lists }] of SCOPES.entries()) {
    describe(`confined to ${name}`, () => {
      const corpusAnswers: { request: Raw; answer: Answer }[] = [];
      const builtAnswers: { request: Built; answer: Answer }[] = [];

      it(`answers the ${COUNT} generated requests and ${SCOPED_COUNT} built from listed and unlisted ids without a 5xx or a secret`, async () => {
        const port = scopedPorts[slot] as number;
        corpusAnswers.push(...(await sendAll(port, corpus)));
        builtAnswers.push(...(await sendAll(port, built)));
        assertSound(corpusAnswers);
        assertSound(builtAnswers);
        assert.ok(countKnownRefusals(corpusAnswers) > COUNT / 2);
        countKnownRefusals(builtAnswers);
      });

      it('serves what is in scope and refuses the rest with 403 out_of_scope, before the upstream when the request shows it', () => {
        assert.equal(builtAnswers.length, SCOPED_COUNT);
        const reached = new Set(forwarded[slot]?.map((entry) => entry.key));
        for (const { request, answer } of builtAnswers) {
          const key = upstreamKey(request);
          const code = errorCode(request, answer);
          const what = `${label(request)} \u2192 ${answer.status} ${code ?? ''}`;
          if (request.malformed) {
            assert.ok(answer.status === 400 || answer.status === 404, what);
            assert.notEqual(code, 'out_of_scope', what);
            assert.ok(!reached.has(key), `${what} reached the upstream`);
            continue;
          }
          const expected = verdict(lists, request.operation, request.pathId, request.params);
          if (expected === 'served') {
            assert.equal(answer.status, 200, `${what}: expected to be served`);
            assert.ok(reached.has(key), `${what} was served without reaching the upstream`);
            continue;
          }
          assert.equal(answer.status, 403, `${what}: expected ${expected}`);
          if (request.method !== 'HEAD') assert.equal(code, 'out_of_scope', what);
          if (expected === 'refused' || expected === 'refusedParent') assert.ok(!reached.has(key), `${what} reached the upstream`);
          else assert.ok(reached.has(key), `${what} was refused without reading the answer`);
          const parent = parentOf(request.operation);
          if (expected === 'refusedParent' && parent) assert.ok(reached.has(`GET ${parent.template.replace('{id}', request.pathId ?? '')}`), `${what} without reading its parent`);
        }
      });

      it('answers the malformed corpus as the scope rules say', () => {
        assert.equal(corpusAnswers.length, COUNT);
        const seen = { served: 0, outOfScope: 0 };
        for (const { request, answer } of corpusAnswers) {
          const parsed = parseTarget(request);
          const code = errorCode(request, answer);
          const what = `${label(request)} \u2192 ${answer.status} ${code ?? ''}`;
          if (code === 'out_of_scope') {
            assert.ok(parsed && verdict(lists, parsed.operation, parsed.pathId, parsed.params) !== 'served', `${what}: in scope`);
            seen.outOfScope += 1;
          } else if (parsed && ((answer.status >= 200 && answer.status < 300) || answer.status === 304)) {
            assert.equal(verdict(lists, parsed.operation, parsed.pathId, parsed.params), 'served', what);
            seen.served += 1;
          }
        }
        assert.ok(seen.served >= 3 && seen.outOfScope >= 10, `the corpus touched the scope too little: ${JSON.stringify(seen)}`);
      });

      it('let only allowlisted, in-scope requests reach the upstream, always with the secret', () => {
        const log = forwarded[slot] ?? [];
        assert.ok(log.length > 50, `only ${log.length} requests reached the upstream`);
        for (const { key, secret } of log) {
          const [method = '', target = ''] = key.split(' ');
          const url = new URL(target, 'http://upstream.test');
          const match = matchRoute(url.pathname.slice(1).split('/'));
          const operation = match?.route.operations.get(method);
          assert.ok(match && operation, `${key} reached the upstream`);
          for (const name of url.searchParams.keys()) assert.ok(Object.hasOwn(operation.query, name), `${key} with ?${name}`);
          assert.notEqual(verdict(lists, operation, match.id, url.searchParams), 'refused', `${key} reached the upstream out of scope`);
          assert.equal(secret, LOCAL_DEFAULTS.clientSecret);
        }
      });
    });
  }
});
