// Showcase pages versus fixtures (finding 7). The hostile fixtures stay in the seed, for the tests and
// for demo/hostile-data.html; the showcase pages never meet them, and their live feed opens on a
// retirement minutes old. The ids are read from the pages themselves and resolved in the local registry.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { createLocalRegistry, DEFAULT_BASE_PATH, LOCAL_DEFAULTS, type LocalRegistry, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { AUTH_HEADERS } from './support.js';

const SHOWCASE = ['index.html', 'sustainability.html', 'checkout.html', 'themes.html', 'rtl.html', 'live-feed.html'];
const demoFile = (name: string) => readFile(new URL(`../../demo/${name}`, import.meta.url), 'utf8');

/** Markup or a script-like string in text: what a showcase must not show. */
const MARKUP = /<\s*[a-z!/]|javascript:/i;

interface Widget {
  tag: string;
  attributes: Record<string, string>;
}

/** The `iso-*` elements of a page and their attributes (the demo pages are plain, well-formed HTML). */
function widgets(html: string): Widget[] {
  // Code samples show escaped markup (`&lt;iso-…`); only real elements count.
  return [...html.matchAll(/<(iso-[a-z-]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/g)].map((match) => ({
    tag: match[1] ?? '',
    attributes: Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1] ?? '', a[2] ?? ''])),
  }));
}

/** Every string anywhere in a value. */
function strings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, found));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([key, v]) => key !== 'url' && strings(v, found));
  return found;
}

describe('showcase pages and the hostile fixtures', () => {
  let registry: LocalRegistry;
  let startedAt: number;
  const get = async <T>(path: string): Promise<T> => {
    const response = await registry.handler(new Request(`http://registry.test${DEFAULT_BASE_PATH}${path}`, { headers: AUTH_HEADERS }));
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  };

  before(() => {
    startedAt = Date.now();
    registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  });

  it('keeps the hostile fixtures in the seed', async () => {
    const project = await get<{ name: string; url: string }>(`/projects/${SAMPLE_IDS.hostileProject}`);
    assert.match(project.name, MARKUP);
    const retirement = await get<{ notes: string | null }>(`/retirements/${SAMPLE_IDS.retirementHostileNote}`);
    assert.match(retirement.notes ?? '', /<b>/);
    // Exactly these two records carry markup: no drawn retirement does.
    assert.deepEqual(
      registry.data.retirements.filter((r) => MARKUP.test(r.notes ?? '')).map((r) => r.id),
      [SAMPLE_IDS.retirementHostileNote],
    );
  });

  for (const page of SHOWCASE) {
    it(`${page} shows no hostile fixture`, async () => {
      const found = widgets(await demoFile(page));
      assert.ok(found.length > 0, 'the page has widgets');
      const answers: unknown[] = [];
      for (const { tag, attributes } of found) {
        if (attributes['endpoint']) continue; // a deliberately failing endpoint, not the registry
        const id = (name: string) => attributes[name];
        const project = id('project-id');
        if (project?.startsWith('prj_')) answers.push(await get(`/projects/${project}`));
        const retirement = id('retirement-id');
        if (retirement) answers.push(await get(`/retirements/${retirement}`), await get(`/retirements/${retirement}/credit_batches`));
        const organisation = id('organisation-id');
        if (organisation) {
          answers.push(await get(`/organisations/${organisation}`));
          const balance = await get<{ project_balances: { project_id: string }[]; supplier_balances: { supplier_id: string }[] }>(`/organisations/${organisation}/credit_balance`);
          for (const { project_id } of balance.project_balances) answers.push(await get(`/projects/${project_id}`));
          for (const { supplier_id } of balance.supplier_balances) answers.push(await get(`/suppliers/${supplier_id}`));
        }
        if (tag === 'iso-checkout-button') answers.push(await get('/stripe/configuration'));
        if (tag === 'iso-retirement-feed') {
          const query = new URLSearchParams({ first: id('page-size') || '10' });
          if (id('beneficiary-id')) query.set('beneficiary_org_id', id('beneficiary-id') ?? '');
          if (id('owner-id')) query.set('owner_org_id', id('owner-id') ?? '');
          answers.push(await get(`/retirements?${query}`));
        }
      }
      assert.ok(answers.length > 0, 'the page loads registry data');
      assert.deepEqual(strings(answers).filter((text) => MARKUP.test(text)), []);
      for (const { attributes } of found) assert.notEqual(attributes['project-id'], SAMPLE_IDS.hostileProject);
    });
  }

  it("opens the live feed on a retirement made minutes before the registry started", async () => {
    const feeds = widgets(await demoFile('live-feed.html')).filter((w) => w.tag === 'iso-retirement-feed' && !w.attributes['beneficiary-id'] && !w.attributes['owner-id']);
    assert.ok(feeds.length > 0, 'the live page has an unfiltered feed');
    const page = await get<{ nodes: { id: string; retired_at: string }[] }>('/retirements?first=1');
    const newest = page.nodes[0];
    assert.equal(newest?.id, SAMPLE_IDS.recentRetirement);
    const age = startedAt - Date.parse(newest.retired_at);
    assert.ok(age > 0 && age < 15 * 60_000, `the newest entry is ${Math.round(age / 60_000)} minutes old`);
  });

  it('links the hostile-data test page from the demo index under "Test pages"', async () => {
    const index = await demoFile('index.html');
    const section = /<section aria-labelledby="test-pages">([\s\S]*?)<\/section>/.exec(index)?.[1] ?? '';
    assert.match(section, /<h2 id="test-pages">Test pages<\/h2>/);
    assert.match(section, /href="\/hostile-data\.html"/);
    const hostile = widgets(await demoFile('hostile-data.html'));
    assert.ok(hostile.some((w) => w.attributes['project-id'] === SAMPLE_IDS.hostileProject));
    assert.ok(hostile.some((w) => w.attributes['retirement-id'] === SAMPLE_IDS.retirementHostileNote));
    const beneficiary = registry.data.retirements.find((r) => r.id === SAMPLE_IDS.retirementHostileNote)?.beneficiary.id;
    assert.ok(hostile.some((w) => w.tag === 'iso-retirement-feed' && w.attributes['beneficiary-id'] === beneficiary));
  });
});
