// "Not found" through the proxy. The API answers an unknown project, supplier or organisation with
// `200 null` (their 200 schema is `anyOf[X, null]`) and other unknown ids with 404. A `200 null` is a
// 200 like any other: passed on, cached for the TTL, never an upstream error nor out of scope. A 404
// passes through and is never cached, so a record that appears later is served at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { withEmbeds } from '../../src/proxy/embed.js';
import { createProxy, type ProxyOptions } from '../../src/proxy/index.js';
import { manualClock, PROXY, recordingFetch, type Recorded } from './support.js';

const REGISTRY = 'http://registry.test/registry/v0';
const UNKNOWN = { project: 'prj_ZZZZZZZZZZZZZZZZ', supplier: 'spl_ZZZZZZZZZZZZZZZZ', organisation: 'org_ZZZZZZZZZZZZZZZZ', retirement: 'ret_ZZZZZZZZZZZZZZZZ' };
const TTL = 60;

/** The proxy in front of the local registry (or of `answer`), with a hand-driven clock. */
function setup(options: Partial<ProxyOptions> = {}, answer?: (request: Recorded) => Response | Promise<Response>) {
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  const upstream = recordingFetch(answer ?? ((request) => registry.handler(new Request(request.url, { headers: request.headers }))));
  const clock = manualClock();
  const proxy = withEmbeds(createProxy({ apiUrl: REGISTRY, ...LOCAL_DEFAULTS, fetch: upstream.fetch, now: clock.now, cacheTtl: TTL, readRateLimitPerMinute: 0, ...options }), {});
  const get = async (path: string) => {
    const response = await proxy(new Request(`${PROXY}${path}`));
    return { status: response.status, cache: response.headers.get('x-cache'), text: await response.text(), cacheControl: response.headers.get('cache-control') };
  };
  return { registry, upstream, clock, get };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the proxy and "not found"', () => {
  for (const [path, what] of [
    [`/projects/${UNKNOWN.project}`, 'project'],
    [`/suppliers/${UNKNOWN.supplier}`, 'supplier'],
    [`/organisations/${UNKNOWN.organisation}`, 'organisation'],
  ] as const) {
    it(`passes on a 200 null for an unknown ${what} and caches it like any 200`, async () => {
      const { upstream, get } = setup();
      const first = await get(path);
      assert.deepEqual([first.status, first.text, first.cache], [200, 'null', 'MISS']);
      assert.match(first.cacheControl ?? '', /max-age=60/);
      const second = await get(path);
      assert.deepEqual([second.status, second.text, second.cache], [200, 'null', 'HIT']);
      assert.equal(upstream.calls.length, 1);
    });
  }

  it('serves a record that appears after a 200 null once the TTL is over', async () => {
    let found = false;
    const { clock, get } = setup({}, () => json(found ? { id: SAMPLE_IDS.project, name: 'Now here' } : null));
    assert.equal((await get(`/projects/${SAMPLE_IDS.project}`)).text, 'null');
    found = true;
    clock.advance(TTL * 1000);
    const later = await get(`/projects/${SAMPLE_IDS.project}`);
    assert.equal(later.status, 200);
    assert.equal(JSON.parse(later.text).name, 'Now here');
  });

  it('keeps a 200 null inside a scope that lists the id: it reveals no record', async () => {
    const { get } = setup({ scope: { projects: [UNKNOWN.project, SAMPLE_IDS.project] } });
    const answer = await get(`/projects/${UNKNOWN.project}`);
    assert.deepEqual([answer.status, answer.text], [200, 'null']);
    assert.equal((await get(`/projects/${SAMPLE_IDS.project}`)).status, 200);
  });

  it('passes a 404 through and never caches it', async () => {
    const { upstream, get } = setup();
    const first = await get(`/retirements/${UNKNOWN.retirement}`);
    assert.equal(first.status, 404);
    assert.equal(JSON.parse(first.text).detail, 'Retirement not found');
    assert.notEqual(first.cacheControl, `public, max-age=${TTL}`);
    assert.equal((await get(`/retirements/${UNKNOWN.retirement}`)).status, 404);
    assert.equal(upstream.calls.length, 2, 'each 404 asks the upstream again');
  });

  it('serves a record at once after a 404, without waiting for a TTL', async () => {
    let found = false;
    const { get } = setup({}, () => (found ? json({ id: SAMPLE_IDS.retirement }) : json({ detail: 'Retirement not found' }, 404)));
    assert.equal((await get(`/retirements/${SAMPLE_IDS.retirement}`)).status, 404);
    found = true;
    const now = await get(`/retirements/${SAMPLE_IDS.retirement}`);
    assert.deepEqual([now.status, now.cache], [200, 'MISS']);
  });

  it('shows a "not found" badge for an unknown project or organisation', async () => {
    const { get } = setup();
    for (const path of [`/badge/projects/${UNKNOWN.project}/retired.svg`, `/badge/organisations/${UNKNOWN.organisation}/retired.svg`]) {
      const badge = await get(path);
      assert.equal(badge.status, 404, path);
      assert.ok(badge.text.includes('>not found</text>'), path);
    }
  });
});
