// Scope by id, against the local registry (in process) as the upstream.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS } from '../../src/local-registry/index.js';
import { ConfigError, createProxy, loadConfig, type ProxyOptions } from '../../src/proxy/index.js';
import { PROXY, refusal } from './support.js';

const S = SAMPLE_IDS;
/** A project of another supplier than `S.supplier`. */
const OTHER_PROJECT = S.hostileProject;
const OTHER_ORG = 'org_HHM1J6BBT9W2EHQ2';

function setup(scope: ProxyOptions['scope'], extra: Partial<ProxyOptions> = {}) {
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  const seen: string[] = [];
  const proxy = createProxy({
    apiUrl: 'http://registry.test/registry/v0',
    ...LOCAL_DEFAULTS,
    scope,
    fetch: async (input, init) => {
      seen.push(new URL(input).pathname + new URL(input).search);
      return registry.handler(new Request(input, init));
    },
    ...extra,
  });
  const call = (path: string) => proxy(new Request(`${PROXY}${path}`));
  return { proxy, call, seen };
}

describe('scope: a supplier\u2019s site (suppliers scoped)', () => {
  const scope = { suppliers: [S.supplier] };

  it('serves the supplier, its projects and their sub-resources', async () => {
    const { call } = setup(scope, { operations: ['+GET /suppliers/{id}/issuances'] });
    for (const path of [`/suppliers/${S.supplier}`, `/suppliers/${S.supplier}/projects?first=5`, `/projects/${S.project}`, `/issuances/${S.issuance}`, `/suppliers/${S.supplier}/issuances`]) {
      assert.equal((await call(path)).status, 200, path);
    }
  });

  it('refuses another supplier by path, before the upstream', async () => {
    const { call, seen } = setup(scope);
    assert.match(await refusal(await call('/suppliers/spl_PNPTRCFK5ESAHW1J'), 403, 'out_of_scope'), /spl_PNPTRCFK5ESAHW1J/);
    await refusal(await call('/suppliers/spl_PNPTRCFK5ESAHW1J/projects'), 403, 'out_of_scope');
    assert.deepEqual(seen, []);
  });

  it('refuses a project of another supplier after reading it, and keeps refusing from the cache', async () => {
    const { call, seen } = setup(scope);
    await refusal(await call(`/projects/${OTHER_PROJECT}`), 403, 'out_of_scope');
    await refusal(await call(`/projects/${OTHER_PROJECT}`), 403, 'out_of_scope');
    assert.equal(seen.length, 1);
  });

  it('refuses lists that would show other suppliers\u2019 records', async () => {
    const { call, seen } = setup(scope);
    assert.match(await refusal(await call('/projects'), 403, 'out_of_scope'), /GET \/projects is not confined to this proxy’s listed suppliers/);
    await refusal(await call('/suppliers?first=3'), 403, 'out_of_scope');
    await refusal(await call('/issuances'), 403, 'out_of_scope');
    assert.deepEqual(seen, []);
  });

  it('checks every batch of a non-paginated list', async () => {
    const { call } = setup({ suppliers: ['spl_3HS0JQCX66MN9HAW'] });
    assert.equal((await call(`/retirements/${S.retirement}/credit_batches`)).status, 200);
    // This retirement's batches come from two suppliers.
    await refusal(await call(`/retirements/${S.retirementTwoProjects}/credit_batches`), 403, 'out_of_scope');
  });
});

describe('scope: organisations', () => {
  const scope = { organisations: [S.organisation, S.supplierOrganisation] };

  it('requires /retirements to be filtered by a listed organisation', async () => {
    const { call, seen } = setup(scope);
    assert.match(await refusal(await call('/retirements'), 403, 'out_of_scope'), /"beneficiary_org_id" or "owner_org_id"/);
    await refusal(await call(`/retirements?owner_org_id=${OTHER_ORG}`), 403, 'out_of_scope');
    await refusal(await call(`/retirements?beneficiary_org_id=${S.organisation}&owner_org_id=${OTHER_ORG}`), 403, 'out_of_scope');
    assert.deepEqual(seen, []);
    assert.equal((await call(`/retirements?beneficiary_org_id=${S.organisation}&first=3`)).status, 200);
    // Every retirement the supplier's organisation owned, whoever the beneficiary: the owner is listed.
    assert.equal((await call(`/retirements?owner_org_id=${S.supplierOrganisation}`)).status, 200);
  });

  it('serves a retirement whose beneficiary or owner is listed, and no other', async () => {
    const { call } = setup(scope);
    assert.equal((await call(`/retirements/${S.retirement}`)).status, 200);
    assert.equal((await call(`/organisations/${S.organisation}/credit_balance`)).status, 200);
    await refusal(await call(`/organisations/${OTHER_ORG}`), 403, 'out_of_scope');
    const narrow = setup({ organisations: [S.supplierOrganisation] });
    await refusal(await narrow.call(`/retirements/${S.retirement}`), 403, 'out_of_scope');
  });

  it('leaves projects and suppliers alone', async () => {
    const { call } = setup(scope);
    assert.equal((await call('/projects')).status, 200);
    assert.equal((await call(`/projects/${OTHER_PROJECT}`)).status, 200);
  });
});

describe('scope: projects', () => {
  it('serves listed projects only, and refuses enumerations of projects', async () => {
    const { call } = setup({ projects: [S.project, S.projectWithDocuments] });
    assert.equal((await call(`/projects/${S.project}`)).status, 200);
    assert.equal((await call(`/projects/${S.projectWithDocuments}/documents?first=2`)).status, 200);
    await refusal(await call(`/projects/${OTHER_PROJECT}`), 403, 'out_of_scope');
    await refusal(await call(`/projects/${OTHER_PROJECT}/documents`), 403, 'out_of_scope');
    await refusal(await call('/projects'), 403, 'out_of_scope');
    await refusal(await call(`/suppliers/${S.supplier}/projects`), 403, 'out_of_scope');
    assert.equal((await call(`/issuances/${S.issuance}`)).status, 200, 'an issuance of a listed project');
  });

  it('checks the project filter of organisation credit batches', async () => {
    const { call } = setup({ projects: [S.project] }, { operations: ['+GET /organisations/{id}/credit_batches'] });
    const base = `/organisations/${S.supplierOrganisation}/credit_batches`;
    await refusal(await call(base), 403, 'out_of_scope');
    await refusal(await call(`${base}?project_id=${OTHER_PROJECT}`), 403, 'out_of_scope');
    assert.equal((await call(`${base}?project_id=${S.project}`)).status, 200);
  });
});

describe('scope: refusals that fail closed', () => {
  it('refuses widened writes and keeps checkout', async () => {
    const { proxy, seen } = setup(
      { suppliers: [S.supplier] },
      { apiUrl: 'http://localhost/registry/v0', operations: ['+POST /retirements'], dev: true, checkout: { urls: ['http://localhost/'], redirectHosts: ['localhost'] } },
    );
    const post = (path: string, body: unknown) => proxy(new Request(`${PROXY}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
    await refusal(await post('/retirements', { quantity_kg: 1 }), 403, 'out_of_scope');
    assert.deepEqual(seen, []);
    const checkout = await post('/stripe/checkout', {
      quantity_kg: 1000,
      frequency: 'one_time',
      isometric_terms_and_conditions_accepted: true,
      supplier_terms_and_conditions_accepted: true,
      success_url: 'http://localhost/thanks',
      cancel_url: 'http://localhost/cart',
    });
    assert.equal(checkout.status, 200, await checkout.clone().text());
  });

  it('does nothing without a scope', async () => {
    const { call } = setup(undefined);
    assert.equal((await call('/projects')).status, 200);
    assert.equal((await call(`/projects/${OTHER_PROJECT}`)).status, 200);
  });
});

describe('scope configuration', () => {
  const ENV = { ISOMETRIC_API_URL: 'https://api.test/registry/v0', ISOMETRIC_CLIENT_SECRET: 'a', ISOMETRIC_ACCESS_TOKEN: 'b' };

  it('reads comma-separated ids, de-duplicated', () => {
    const config = loadConfig({ ...ENV, ISOMETRIC_SCOPE_SUPPLIERS: ` ${S.supplier}, ${S.supplier} `, ISOMETRIC_SCOPE_PROJECTS: S.project });
    assert.deepEqual(config.scope, { suppliers: [S.supplier], projects: [S.project] });
    assert.equal(loadConfig({ ...ENV, ISOMETRIC_SCOPE_ORGANISATIONS: ' ' }).scope, undefined);
  });

  it('refuses ids of the wrong kind or shape, naming the variable', () => {
    const cases: [string, string][] = [
      ['ISOMETRIC_SCOPE_ORGANISATIONS', S.supplier],
      ['ISOMETRIC_SCOPE_SUPPLIERS', 'spl_short'],
      ['ISOMETRIC_SCOPE_PROJECTS', `${S.project},prj_lower_case_1234567`],
      ['ISOMETRIC_SCOPE_PROJECTS', '*'],
    ];
    for (const [name, value] of cases) {
      assert.throws(() => loadConfig({ ...ENV, [name]: value }), (error: unknown) => error instanceof ConfigError && error.message.startsWith(`${name} `), name);
    }
    assert.throws(() => createProxy({ ...ENV, apiUrl: ENV.ISOMETRIC_API_URL, clientSecret: 'a', accessToken: 'b', scope: { projects: [] } }), /scope\.projects must list at least one/);
  });
});
