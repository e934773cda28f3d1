// Shared fixtures for the proxy tests: secrets to hunt for, ids, a recording upstream, a clock, and the
// refusal contract as a table that every deployment of the proxy is checked against.
import assert from 'node:assert/strict';
import type { ProxyErrorCode, ProxyOptions, UpstreamFetch } from '../../src/proxy/index.js';

export const CLIENT_SECRET = 'cs_TEST_client_secret_9f8e7d';
export const ACCESS_TOKEN = 'eyJhbGciOi.TEST_access_token.c2lnbmF0dXJl';
export const API_URL = 'https://api.test/registry/v0';
export const PROXY = 'http://proxy.test';

export const IDS = {
  project: 'prj_1CTWZQGKE1S0VAXA',
  supplier: 'spl_1CC712KFS1S0YKPS',
  organisation: 'org_1GB56M1ST1S0GVNA',
  retirement: 'ret_1FYBH4QDT1S0SVKF',
  issuance: 'iss_1EWT8R5FY1S0GFCY',
  creditBatch: 'ctb_1DRBTYA8Q1S07CBY',
  order: 'ord_1FAN3S3WV1S0B842',
  delivery: 'dlv_1C454ZXA61S03Z9T',
  transfer: 'tfr_1FJGWSY271S0QSMR',
} as const;

/** Options every test starts from. */
export function baseOptions(extra: Partial<ProxyOptions> = {}): ProxyOptions {
  return { apiUrl: API_URL, clientSecret: CLIENT_SECRET, accessToken: ACCESS_TOKEN, ...extra };
}

/** A request as the upstream received it. */
export interface Recorded {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export async function record(request: Request): Promise<Recorded> {
  const url = new URL(request.url);
  return {
    method: request.method,
    url: request.url,
    path: `${url.pathname}${url.search}`,
    headers: Object.fromEntries(request.headers),
    body: request.body ? await request.text() : '',
  };
}

/** Answers like the Registry API, with headers a browser must never see. */
export function apiAnswer(request: Recorded): Response {
  return new Response(JSON.stringify({ nodes: [], total_count: 0, path: request.path }), {
    status: 200,
    headers: {
      'content-type': 'application/json',
      etag: '"v1"',
      'set-cookie': 'upstream_session=abc; HttpOnly',
      server: 'uvicorn',
      'x-powered-by': 'FastAPI',
      'www-authenticate': 'Bearer',
      'x-request-id': 'req_123',
      'access-control-allow-origin': '*',
      'x-client-secret-echo': CLIENT_SECRET,
    },
  });
}

/** An injectable upstream `fetch` that records every request. */
export function recordingFetch(answer: (request: Recorded) => Response | Promise<Response> = apiAnswer) {
  const calls: Recorded[] = [];
  const fetch: UpstreamFetch = async (input, init) => {
    const recorded = await record(new Request(input, init));
    calls.push(recorded);
    return answer(recorded);
  };
  return { fetch, calls };
}

/** A hand-driven clock for TTLs and rate-limit windows. */
export function manualClock(start = 1_700_000_000_000) {
  const clock = { time: start, now: () => clock.time, advance: (ms: number) => void (clock.time += ms) };
  return clock;
}

/** Asserts that nothing in a response could give a secret away; returns the body text. */
export async function assertNoSecrets(response: Response): Promise<string> {
  const text = await response.text();
  for (const secret of [CLIENT_SECRET, ACCESS_TOKEN]) {
    assert.ok(!text.includes(secret), `body leaks a secret: ${text}`);
    response.headers.forEach((value, name) => assert.ok(!value.includes(secret) && !name.includes(secret), `header ${name} leaks a secret`));
  }
  return text;
}

/** Reads a refusal body and checks its shape. */
export async function refusal(response: Response, status: number, error: string): Promise<string> {
  const text = await assertNoSecrets(response);
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = JSON.parse(text) as { error: unknown; message: unknown };
  assert.equal(body.error, error);
  assert.equal(typeof body.message, 'string');
  return body.message as string;
}

/** Resolves once `condition` holds, checking after each turn of the event loop (never a timed sleep). */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let turns = 0; !condition(); turns += 1) {
    if (turns > 100_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A promise with its resolver exposed. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The checkout return-URL prefix {@link REFUSALS} assumes (`checkout.urls` / `ISOMETRIC_CHECKOUT_URLS`). */
export const CHECKOUT_URL = 'https://site.test/thanks';

/** A checkout body the proxy accepts under {@link CHECKOUT_URL}. */
export const CHECKOUT_REQUEST = {
  quantity_kg: 2500,
  frequency: 'monthly',
  isometric_terms_and_conditions_accepted: true,
  supplier_terms_and_conditions_accepted: true,
  success_url: `${CHECKOUT_URL}?session={CHECKOUT_SESSION_ID}`,
  cancel_url: `${CHECKOUT_URL}/cancelled`,
  customer_email: 'buyer@site.test',
} as const;

/** One request the proxy must refuse before the upstream, and the refusal it must answer with. */
export interface RefusalCase {
  readonly name: string;
  readonly method: string;
  /** Path and query under the proxy's base path, sent verbatim. */
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly status: number;
  readonly error: ProxyErrorCode;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const checkoutCase = (name: string, body: string, status: number, error: ProxyErrorCode, headers: Record<string, string> = JSON_HEADERS): RefusalCase => ({
  name,
  method: 'POST',
  target: '/stripe/checkout',
  headers,
  body,
  status,
  error,
});

/**
 * The proxy's refusal contract as a table, for running against every deployment of it over HTTP
 * (test/workerd runs it against workerd and against Node with the same settings). It assumes the
 * default allowlist, no scope, checkout configured for {@link CHECKOUT_URL}, and a client whose read
 * budget is not spent.
 */
export const REFUSALS: readonly RefusalCase[] = [
  { name: 'GET /beneficiaries (not allowlisted)', method: 'GET', target: '/beneficiaries', status: 403, error: 'operation_not_allowed' },
  { name: 'POST /retirements (a write)', method: 'POST', target: '/retirements', headers: JSON_HEADERS, body: '{}', status: 403, error: 'operation_not_allowed' },
  { name: 'GET /nothing/here (unknown path)', method: 'GET', target: '/nothing/here', status: 404, error: 'not_found' },
  { name: 'DELETE /projects/{id}', method: 'DELETE', target: `/projects/${IDS.project}`, status: 405, error: 'method_not_allowed' },
  { name: 'a malformed project id', method: 'GET', target: '/projects/prj_nope', status: 400, error: 'invalid_id' },
  { name: 'first=500 (out of range)', method: 'GET', target: '/projects?first=500', status: 400, error: 'invalid_parameter' },
  { name: 'an unknown query parameter', method: 'GET', target: '/projects?limit=5', status: 400, error: 'unknown_parameter' },
  { name: 'a duplicated query parameter', method: 'GET', target: '/projects?first=1&first=2', status: 400, error: 'duplicate_parameter' },
  { name: 'a query that is not UTF-8', method: 'GET', target: '/projects?after=%FF', status: 400, error: 'invalid_encoding' },
  { name: 'X-HTTP-Method-Override', method: 'GET', target: '/projects', headers: { 'x-http-method-override': 'DELETE' }, status: 400, error: 'method_override' },
  { name: '_method in the query', method: 'GET', target: `/projects/${IDS.project}?_method=DELETE`, status: 400, error: 'method_override' },
  { name: 'encoded slashes in the path', method: 'GET', target: '/projects/..%2f..%2fbeneficiaries', status: 400, error: 'bad_path' },
  { name: 'an empty path segment', method: 'GET', target: '/projects//x', status: 400, error: 'bad_path' },
  { name: 'an encoded backslash in the path', method: 'GET', target: `/projects/${IDS.project}%5c..`, status: 400, error: 'bad_path' },
  { name: 'a request target over 2 KiB', method: 'GET', target: `/projects?${Array.from({ length: 5 }, () => `after=${'c'.repeat(500)}`).join('&')}`, status: 414, error: 'uri_too_long' },
  {
    name: 'over 8 KiB of request headers',
    method: 'GET',
    target: '/projects',
    headers: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`x-pad-${i}`, 'p'.repeat(1000)])),
    status: 431,
    error: 'headers_too_large',
  },
  checkoutCase('checkout sent as text/plain', JSON.stringify(CHECKOUT_REQUEST), 415, 'unsupported_media_type', { 'content-type': 'text/plain' }),
  checkoutCase('a checkout body over 8 KiB', JSON.stringify({ ...CHECKOUT_REQUEST, pad: 'x'.repeat(9000) }), 413, 'payload_too_large'),
  checkoutCase('a checkout body that is not JSON', '{"quantity_kg":', 400, 'invalid_json'),
  checkoutCase('a checkout body that is not an object', JSON.stringify([CHECKOUT_REQUEST]), 400, 'invalid_body'),
  checkoutCase('a checkout quantity of 0', JSON.stringify({ ...CHECKOUT_REQUEST, quantity_kg: 0 }), 422, 'invalid_field'),
  checkoutCase('a checkout return URL on another host', JSON.stringify({ ...CHECKOUT_REQUEST, success_url: 'https://site.test.evil.test/thanks' }), 422, 'invalid_field'),
];
