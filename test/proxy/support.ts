// Shared fixtures for the proxy tests: secrets to hunt for, ids, a recording upstream, a clock.
import assert from 'node:assert/strict';
import type { ProxyOptions, UpstreamFetch } from '../../src/proxy/index.js';

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
