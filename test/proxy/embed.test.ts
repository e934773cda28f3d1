// The embed and badge routes (`withEmbeds`) over real HTTP on loopback, in front of the proxy, in
// front of the local registry (also over HTTP), so allowlist, scope and cache are the real ones.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { BADGE_ACTIONS, BADGE_KIND_LOOKUPS, BADGE_WORDING, formatTonnes } from '../../src/proxy/badge.js';
import { withEmbeds, type EmbedOptions } from '../../src/proxy/embed.js';
import { commonEn } from '../../src/i18n/common.js';
import { claimWording, climateAction, isBufferRetirement } from '../../src/shared/claims.js';
import { ConfigError, createProxy, serve, type ProxyOptions } from '../../src/proxy/index.js';

type Server = Awaited<ReturnType<typeof serve>>;

const servers: Server[] = [];
let registryUrl: string;
let api: string;

async function start(embed: EmbedOptions = {}, proxy: Partial<ProxyOptions> = {}): Promise<string> {
  const handler = createProxy({
    apiUrl: `${registryUrl}/registry/v0`,
    clientSecret: LOCAL_DEFAULTS.clientSecret,
    accessToken: LOCAL_DEFAULTS.accessToken,
    basePath: '/api',
    ...proxy,
  });
  const server = await serve(withEmbeds(handler, { basePath: '/api', ...embed }), { port: 0 });
  servers.push(server);
  return `${server.url}/api`;
}

/** The registry's own answer, read directly with the local credentials. */
async function registry<T>(path: string): Promise<T> {
  const response = await fetch(`${registryUrl}/registry/v0${path}`, {
    headers: { 'x-client-secret': LOCAL_DEFAULTS.clientSecret, authorization: `Bearer ${LOCAL_DEFAULTS.accessToken}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()) as T;
}

async function refusal(url: string, status: number, error: string): Promise<string> {
  const response = await fetch(url);
  const body = (await response.json()) as { error: string; message: string };
  assert.equal(response.status, status, `${url}: ${body.message}`);
  assert.equal(body.error, error);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return body.message;
}

/** The `<title>` text of an SVG, with the XML character references our escaping produces decoded. */
function svgTitle(svg: string): string {
  const match = /<title>([^<]*)<\/title>/.exec(svg);
  assert.ok(match, 'the badge has a <title>');
  return (match[1] as string).replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

/** The texts of an SVG badge: its label and its value. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => (match[1] as string).replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Retirement {
  id: string;
  owner: { id: string; name: string };
  beneficiary: { id: string; name: string };
  credit_batch_size_total: { credit_kgs: number };
}

interface Quantity {
  credit_kgs: number;
}

interface Project {
  id: string;
  name: string;
  pathway: string;
  process_key?: string;
  issued_credits_total: Quantity;
  issued_buffer_pool_credits_total: Quantity;
  retired_credits_total: Quantity;
  retired_buffer_pool_credits_total: Quantity;
}

interface Page<T> {
  nodes: T[];
  page_info: { has_next_page: boolean; end_cursor: string | null };
}

/** Every node of a paginated list of the registry. */
async function allPages<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  do {
    const page: Page<T> = await registry<Page<T>>(`${path}${path.includes('?') ? '&' : '?'}first=50${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    all.push(...page.nodes);
    after = page.page_info.has_next_page ? page.page_info.end_cursor : null;
  } while (after);
  return all;
}

const allProjects = () => allPages<Project>('/projects');

/** What the registry lets an organisation claim (beneficiary, buffer aside), and what its balance counts as retired. */
async function expected(id: string): Promise<{ claimed: Retirement[]; claimedKg: number; ownedRetiredKg: number }> {
  const claimed = (await allPages<Retirement>(`/retirements?beneficiary_org_id=${id}`)).filter((r) => r.beneficiary.id === id && !isBufferRetirement(r));
  const balance = await registry<{ total: { retired_credits_total: Quantity } }>(`/organisations/${id}/credit_balance`);
  return { claimed, claimedKg: claimed.reduce((sum, r) => sum + r.credit_batch_size_total.credit_kgs, 0), ownedRetiredKg: balance.total.retired_credits_total.credit_kgs };
}

/** Per beneficiary (buffer aside): the kinds of climate action of its retirements' batches, and how many retirements it has. */
async function kindsByBeneficiary(): Promise<Map<string, { actions: Set<string>; count: number }>> {
  const actions = new Map((await allProjects()).map((p) => [p.id, climateAction(p.pathway, p.process_key)]));
  const kinds = new Map<string, { actions: Set<string>; count: number }>();
  for (const retirement of (await allPages<Retirement>('/retirements')).filter((r) => !isBufferRetirement(r))) {
    const entry = kinds.get(retirement.beneficiary.id) ?? { actions: new Set<string>(), count: 0 };
    entry.count += 1;
    const { nodes } = await registry<{ nodes: { project_id: string }[] }>(`/retirements/${retirement.id}/credit_batches`);
    for (const batch of nodes) entry.actions.add(actions.get(batch.project_id) ?? 'unknown');
    kinds.set(retirement.beneficiary.id, entry);
  }
  return kinds;
}

const tonnes = (kg: number, digits: number) => `${new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(kg / 1000)} t`;

before(async () => {
  const local = createLocalRegistry({ ...LOCAL_DEFAULTS, basePath: '/registry/v0' });
  const server = await serve(local.handler, { port: 0 });
  servers.push(server);
  registryUrl = server.url;
  api = await start();
});

after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('withEmbeds: the iframe route', () => {
  it('serves a page with just the element, its attributes escaped, under its own strict CSP', async () => {
    const presets = '1,5"><script>alert(1)</script>';
    const response = await fetch(`${api}/embed/checkout-button?presets=${encodeURIComponent(presets)}&inline&theme=dark&heading-level=3`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    assert.match(csp, /frame-ancestors 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await response.text();
    assert.ok(html.includes('<iso-checkout-button presets="1,5&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;" inline theme="dark" heading-level="3"></iso-checkout-button>'), html);
    assert.equal(html.match(/<script/g)?.length, 2, 'only the element script and the resize script');
    assert.ok(html.includes('<script type="module" src="/dist/isometric-widgets.js"></script>'));
    assert.ok(html.includes('<script type="module" src="/api/embed/resize.js"></script>'));
    assert.ok(html.includes('<meta name="iso-endpoint" content="/api">'));
    const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? '';
    const { createHash } = await import('node:crypto');
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the CSP hash matches the inline style');
  });

  it('sets the page language from locale and renders every kind of attribute', async () => {
    const html = await (await fetch(`${api}/embed/project-card?project-id=${SAMPLE_IDS.project}&show-documents&locale=de-DE`)).text();
    assert.match(html, /<html lang="de-DE">/);
    assert.ok(html.includes(`<iso-project-card project-id="${SAMPLE_IDS.project}" show-documents locale="de-DE"></iso-project-card>`), html);
    const plain = await (await fetch(`${api}/embed/impact-counter?organisation-id=${SAMPLE_IDS.organisation}&unit=kg&breakdown=project`)).text();
    assert.match(plain, /<html>/, 'no locale: the browser\u2019s language applies');
    assert.ok(plain.includes(`<iso-impact-counter organisation-id="${SAMPLE_IDS.organisation}" unit="kg" breakdown="project"></iso-impact-counter>`));
  });

  it('refuses unknown, reserved, duplicate and malformed attributes with 400', async () => {
    const card = `${api}/embed/project-card`;
    assert.match(await refusal(`${card}?project-idd=${SAMPLE_IDS.project}`, 400, 'unknown_parameter'), /no attribute "project-idd"/);
    await refusal(`${card}?project-id=${SAMPLE_IDS.project}&endpoint=https://evil.example`, 400, 'unknown_parameter');
    await refusal(`${card}?project-id=${SAMPLE_IDS.project}&project-id=${SAMPLE_IDS.projectWithDocuments}`, 400, 'duplicate_parameter');
    await refusal(`${card}?project-id=project-42`, 400, 'invalid_id');
    await refusal(`${card}?project-id=${SAMPLE_IDS.organisation}`, 400, 'invalid_id');
    await refusal(`${card}?project-id=${SAMPLE_IDS.project}&theme=blue`, 400, 'invalid_parameter');
    await refusal(`${card}?project-id=${SAMPLE_IDS.project}&show-documents=false`, 400, 'invalid_parameter');
    await refusal(`${card}?project-id=${SAMPLE_IDS.project}&heading-level=three`, 400, 'invalid_parameter');
    await refusal(`${card}?project-id=${SAMPLE_IDS.project}&locale=${encodeURIComponent('en_GB!')}`, 400, 'invalid_parameter');
    await refusal(`${api}/embed/checkout-button?presets=${encodeURIComponent('1\n5')}`, 400, 'invalid_parameter');
    await refusal(`${api}/embed/checkout-button?presets=${'1'.repeat(600)}`, 400, 'invalid_parameter');
    await refusal(`${api}/embed/project-card?project-id=${SAMPLE_IDS.project}&x=${'a'.repeat(2100)}`, 414, 'uri_too_long');
  });

  it('answers 404 for unknown elements, 405 for other methods, and serves resize.js', async () => {
    await refusal(`${api}/embed/iso-project-card`, 404, 'not_found');
    await refusal(`${api}/embed/project-card/`, 404, 'not_found');
    const post = await fetch(`${api}/embed/project-card`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    const script = await fetch(`${api}/embed/resize.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    const code = await script.text();
    assert.match(code, /type: 'iso-embed-resize', height/);
    assert.match(code, /ResizeObserver/);
  });

  it('takes the script from a CDN with SRI, frame ancestors and an element list from its options', async () => {
    const integrity = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';
    const base = await start({
      embedScriptUrl: 'https://cdn.example/isometric-widgets@1.2.3/dist/isometric-widgets.js',
      embedScriptIntegrity: integrity,
      frameAncestors: ['https://cms.example', 'https://*.example.org'],
      elements: ['project-card'],
    });
    const response = await fetch(`${base}/embed/project-card?project-id=${SAMPLE_IDS.project}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self' https:\/\/cdn\.example(;|$)/);
    assert.match(csp, /connect-src 'self' https:\/\/cdn\.example(;|$)/, 'the bundle may fetch its translations from the CDN');
    assert.match(csp, /frame-ancestors https:\/\/cms\.example https:\/\/\*\.example\.org(;|$)/);
    const html = await response.text();
    assert.ok(html.includes(`<script type="module" src="https://cdn.example/isometric-widgets@1.2.3/dist/isometric-widgets.js" integrity="${integrity}" crossorigin="anonymous"></script>`));
    await refusal(`${base}/embed/impact-counter?organisation-id=${SAMPLE_IDS.organisation}`, 404, 'not_found');
  });

  it('checks its options once, when it is created', () => {
    const proxy = createProxy({ apiUrl: 'https://api.test/registry/v0', clientSecret: 's', accessToken: 't' });
    assert.throws(() => withEmbeds(proxy, { frameAncestors: ["https://cms.example; script-src 'unsafe-inline'"] }), ConfigError);
    assert.throws(() => withEmbeds(proxy, { frameAncestors: [] }), ConfigError);
    assert.throws(() => withEmbeds(proxy, { embedScriptUrl: 'javascript:alert(1)' }), ConfigError);
    assert.throws(() => withEmbeds(proxy, { embedScriptUrl: 'http://cdn.example/x.js' }), ConfigError);
    assert.throws(() => withEmbeds(proxy, { embedScriptIntegrity: 'md5-abc' }), ConfigError);
    assert.throws(() => withEmbeds(proxy, { elements: ['project-cards'] }), /not an element of the kit/);
    assert.throws(() => withEmbeds(proxy, { badgeMaxAge: -1 }), ConfigError);
    assert.throws(() => withEmbeds(proxy, { basePath: 'api' }), ConfigError);
  });

  it('passes every other request to the proxy unchanged', async () => {
    const response = await fetch(`${api}/projects/${SAMPLE_IDS.project}`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { id: string }).id, SAMPLE_IDS.project);
    await refusal(`${api}/embedded/project-card`, 404, 'not_found');
    assert.equal((await fetch(`${api}/healthz`)).status, 200);
  });
});

describe('withEmbeds: SVG badges', () => {
  it('shows the tonnes retired for an organisation (as beneficiary, buffer aside), not what it owned and retired, cacheable', async () => {
    const organisation = await registry<{ name: string }>(`/organisations/${SAMPLE_IDS.organisation}`);
    const { claimedKg, ownedRetiredKg, claimed } = await expected(SAMPLE_IDS.organisation);
    assert.ok(claimedKg >= 1_000_000, 'over 1000 t was retired for the sample buyer, so the badge shows whole tonnes');
    assert.ok(claimed.length > BADGE_KIND_LOOKUPS, 'the sample buyer has more retirements than a badge looks up');
    assert.notEqual(tonnes(claimedKg, 0), tonnes(ownedRetiredKg, 0), 'the sample buyer retired credits for others, which its balance counts');
    const response = await fetch(`${api}/badge/organisations/${SAMPLE_IDS.organisation}/retired.svg`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=300, stale-while-revalidate=\d+$/);
    assert.match(response.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);
    assert.equal(response.headers.get('content-security-policy'), "default-src 'none'");
    const svg = await response.text();
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*role="img"/);
    const figure = tonnes(claimedKg, 0);
    assert.deepEqual(texts(svg), ['CO₂e retired', figure], 'too many retirements to look up each kind: the safe wording');
    assert.equal(svgTitle(svg), `${figure} of CO₂e retired for ${organisation.name}, from ${claimed.length} retirements with it as beneficiary, in the Isometric Registry.`);

    const again = await fetch(`${api}/badge/organisations/${SAMPLE_IDS.organisation}/retired.svg`, { headers: { 'if-none-match': response.headers.get('etag') ?? '' } });
    assert.equal(again.status, 304);
  });

  it('reads every page of retirements and, for an organisation with many, looks up no batches', async () => {
    const asked: string[] = [];
    const counted = await start({}, { cacheTtl: 0, fetch: (input, init) => (asked.push(new URL(String(input)).pathname), fetch(input, init)) });
    const { claimed } = await expected(SAMPLE_IDS.organisation);
    assert.equal((await fetch(`${counted}/badge/organisations/${SAMPLE_IDS.organisation}/retired.svg`)).status, 200);
    const pages = Math.max(1, Math.ceil(claimed.length / 50));
    assert.equal(asked.filter((path) => path.endsWith('/retirements')).length, pages);
    assert.equal(asked.length, pages + 1, asked.join(' '));
  });

  it('words an organisation badge by the kind of what was retired for it, when it has few retirements', async () => {
    const kinds = await kindsByBeneficiary();
    const cases: [string, (found: Set<string>) => boolean, string][] = [
      ['destruction only', (found) => found.size === 1 && found.has('destruction'), 'CO₂e destroyed'],
      ['shorter-lived removal only', (found) => found.size === 1 && found.has('shorter-removal'), 'CO₂e removed'],
      ['durable removal only', (found) => found.size === 1 && found.has('durable-removal'), 'CO₂e permanently removed'],
      ['removal and destruction', (found) => found.has('destruction') && (found.has('durable-removal') || found.has('shorter-removal')), 'CO₂e retired'],
    ];
    for (const [what, matches, label] of cases) {
      const id = [...kinds].find(([, { actions, count }]) => count <= BADGE_KIND_LOOKUPS && matches(actions))?.[0];
      assert.ok(id, `the local registry has a beneficiary with few retirements of ${what}`);
      const { claimedKg } = await expected(id);
      const svg = await (await fetch(`${api}/badge/organisations/${id}/retired.svg`)).text();
      const [shownLabel, value] = texts(svg);
      assert.equal(shownLabel, label, what);
      assert.equal(value, formatTonnes(claimedKg));
      if (what !== 'durable removal only') assert.doesNotMatch(svg, /permanently/, what);
      if (what === 'destruction only') assert.doesNotMatch(svg, /removed|removal/, what);
    }
  });

  it('leaves the buffer pool’s own retirements out: they are nobody’s claim', async () => {
    const svg = await (await fetch(`${api}/badge/organisations/${SAMPLE_IDS.bufferPoolOrganisation}/retired.svg`)).text();
    assert.deepEqual(texts(svg), ['CO₂e retired', formatTonnes(0)]);
  });

  it('words badges as the common catalog words figures', () => {
    for (const [wording, text] of Object.entries(BADGE_WORDING)) assert.equal(text, commonEn[`claim.${wording}` as keyof typeof commonEn], wording);
    for (const [action, text] of Object.entries(BADGE_ACTIONS)) assert.equal(text, commonEn[`action.${action}` as keyof typeof commonEn], action);
  });

  it("shows a project's tonnes retired by buyers and their share of the credits issued for sale, worded by its kind", async () => {
    const projects = await allProjects();
    const withBuffer = projects.find((p) => p.retired_buffer_pool_credits_total.credit_kgs > 0);
    assert.ok(withBuffer, 'the local registry has a project whose buffer pool retired credits');
    const checked = new Set<string>();
    for (const project of [withBuffer, ...projects.filter((p) => p.retired_credits_total.credit_kgs > 0)] as Project[]) {
      const action = climateAction(project.pathway, project.process_key);
      if (checked.has(action) && project !== withBuffer) continue;
      checked.add(action);
      const retired: number = project.retired_credits_total.credit_kgs - project.retired_buffer_pool_credits_total.credit_kgs;
      const issued: number = project.issued_credits_total.credit_kgs - project.issued_buffer_pool_credits_total.credit_kgs;
      const share: number = (retired / issued) * 100;
      const shareText: string = `${new Intl.NumberFormat('en', { maximumFractionDigits: share < 10 ? 1 : 0 }).format(share)} %`;
      const response: Response = await fetch(`${api}/badge/projects/${project.id}/retired.svg`);
      assert.equal(response.status, 200);
      const svg = await response.text();
      assert.deepEqual(texts(svg), [commonEn[`claim.${claimWording(action)}`], `${formatTonnes(retired)} · ${shareText}`], project.name);
      assert.match(svgTitle(svg), new RegExp(`^${escapeRegExp(project.name)}: ${escapeRegExp(formatTonnes(retired))} of CO₂e retired by buyers \\(${escapeRegExp(BADGE_ACTIONS[action].toLowerCase())}\\), ${escapeRegExp(shareText)} of the .* issued for sale, buffer pool aside, in the Isometric Registry\\.$`));
      if (action === 'destruction') assert.doesNotMatch(svg, /removed|removal/);
      if (action !== 'durable-removal') assert.doesNotMatch(svg, /permanently/);
    }
    assert.ok(['durable-removal', 'shorter-removal', 'destruction'].every((action) => checked.has(action)), `kinds checked: ${[...checked].join(', ')}`);
  });

  it('escapes text from the registry', async () => {
    const svg = await (await fetch(`${api}/badge/projects/${SAMPLE_IDS.hostileProject}/retired.svg`)).text();
    assert.ok(!svg.includes('<img'), 'no markup from the project name');
    assert.match(svgTitle(svg), /^<img src=x onerror=alert\(1\)> Test Kiln: /);
  });

  it('refuses malformed ids and any query with 400 JSON before asking the registry', async () => {
    let asked = 0;
    const api = await start({}, { fetch: (input, init) => ((asked += 1), fetch(input, init)) });
    await refusal(`${api}/badge/projects/prj_lowercase1234567/retired.svg`, 400, 'invalid_id');
    await refusal(`${api}/badge/projects/${SAMPLE_IDS.organisation}/retired.svg`, 400, 'invalid_id');
    await refusal(`${api}/badge/organisations/org_1/retired.svg`, 400, 'invalid_id');
    await refusal(`${api}/badge/projects/${SAMPLE_IDS.project}/retired.svg?label=x`, 400, 'unknown_parameter');
    await refusal(`${api}/badge/suppliers/${SAMPLE_IDS.supplier}/retired.svg`, 404, 'not_found');
    await refusal(`${api}/badge/projects/${SAMPLE_IDS.project}/issued.svg`, 404, 'not_found');
    const post = await fetch(`${api}/badge/projects/${SAMPLE_IDS.project}/retired.svg`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(asked, 0);
    assert.equal((await fetch(`${api}/badge/projects/${SAMPLE_IDS.project}/retired.svg`)).status, 200);
    assert.equal(asked, 1, 'a valid badge asks the registry through the proxy');
  });

  it('answers an unknown id with a 404 "not found" badge, briefly cached', async () => {
    const response = await fetch(`${api}/badge/projects/prj_ZZZZZZZZZZZZZZZZ/retired.svg`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
    assert.ok((await response.text()).includes('>not found</text>'));
  });

  it("keeps the proxy's scope and passes its refusals on", async () => {
    const scoped = await start({}, { scope: { projects: [SAMPLE_IDS.projectWithDocuments] } });
    const response = await fetch(`${scoped}/badge/projects/${SAMPLE_IDS.project}/retired.svg`);
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { error: string }).error, 'out_of_scope');
    assert.equal((await fetch(`${scoped}/badge/projects/${SAMPLE_IDS.projectWithDocuments}/retired.svg`)).status, 200);
  });

  it('shows an "unavailable" badge that is never cached when the registry fails', async () => {
    const failing = await start({}, { upstreamRetries: 0, upstreamTimeoutMs: 2000, fetch: () => Promise.reject(new TypeError('fetch failed')) });
    const response = await fetch(`${failing}/badge/projects/${SAMPLE_IDS.project}/retired.svg`);
    assert.ok(response.status >= 500, `status ${response.status}`);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.ok((await response.text()).includes('>unavailable</text>'));
  });
});
