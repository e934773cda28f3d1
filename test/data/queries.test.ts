import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { clientFor } from '../../src/data/client.js';
import { configure } from '../../src/data/config.js';
import { RegistryError } from '../../src/data/errors.js';
import {
  creditBalanceQuery,
  organisationQuery,
  projectDocumentsQuery,
  projectQuery,
  retirementBatchesQuery,
  retirementQuery,
  retirementsQuery,
  stripeConfigurationQuery,
  supplierQuery,
  type Query,
} from '../../src/data/queries.js';

const ENDPOINT = 'https://proxy.test/api';
const PROJECT = 'prj_1CTWZQGKE1S0VAXA';
const ORGANISATION = 'org_1GB56M1ST1S0GVNA';
const RETIREMENT = 'ret_1FYBH4QDT1S0SVKF';
const SUPPLIER = 'spl_1CTWZQGKE1S0VAXA';

/** Runs `query` against a fetch that records the request and answers `body` with `status`. */
async function run<T>(query: Query<T>, body: unknown = {}, status = 200): Promise<{ request: Request; url: URL; result: T }> {
  const requests: Request[] = [];
  configure({
    fetch: async (input, init) => {
      requests.push(input instanceof Request ? input : new Request(input, init));
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });
  const result = await query.load(clientFor(ENDPOINT), new AbortController().signal);
  assert.equal(requests.length, 1, 'one request per load');
  const request = requests[0]!;
  return { request, url: new URL(request.url), result };
}

/** One of each query, with the path and search parameters its load must request. */
const CASES: { query: Query<unknown>; path: string; search?: Record<string, string> }[] = [
  { query: projectQuery(PROJECT), path: `/api/projects/${PROJECT}` },
  { query: projectDocumentsQuery(PROJECT), path: `/api/projects/${PROJECT}/documents`, search: { first: '50' } },
  { query: supplierQuery(SUPPLIER), path: `/api/suppliers/${SUPPLIER}` },
  { query: organisationQuery(ORGANISATION), path: `/api/organisations/${ORGANISATION}` },
  { query: creditBalanceQuery(ORGANISATION), path: `/api/organisations/${ORGANISATION}/credit_balance` },
  { query: retirementQuery(RETIREMENT), path: `/api/retirements/${RETIREMENT}` },
  { query: retirementBatchesQuery(RETIREMENT), path: `/api/retirements/${RETIREMENT}/credit_batches` },
  { query: retirementsQuery({ first: 10 }), path: '/api/retirements', search: { first: '10' } },
  {
    query: retirementsQuery({ beneficiary: ORGANISATION, owner: ORGANISATION, first: 5, after: 'cursor-1' }),
    path: '/api/retirements',
    search: { first: '5', beneficiary_org_id: ORGANISATION, owner_org_id: ORGANISATION, after: 'cursor-1' },
  },
  { query: stripeConfigurationQuery(), path: '/api/stripe/configuration' },
];

describe('registry queries', () => {
  afterEach(() => configure({ fetch: undefined }));

  for (const { query, path, search = {} } of CASES) {
    test(`"${query.key}" requests GET ${path}${Object.keys(search).length ? `?${new URLSearchParams(search)}` : ''}`, async () => {
      const { request, url } = await run(query);
      assert.equal(request.method, 'GET');
      assert.equal(url.origin + url.pathname, `https://proxy.test${path}`);
      assert.deepEqual(Object.fromEntries(url.searchParams), search);
      assert.equal(request.headers.get('x-client-secret'), null, 'the browser never sends the secret');
    });
  }

  test('keys are distinct across queries and parameters', () => {
    const keys = [
      ...CASES.map((c) => c.query.key),
      projectQuery('prj_2CTWZQGKE1S0VAXA').key,
      retirementsQuery({ beneficiary: ORGANISATION, first: 10 }).key,
      retirementsQuery({ owner: ORGANISATION, first: 10 }).key,
      retirementsQuery({ first: 20 }).key,
      retirementsQuery({ first: 10, after: 'cursor-2' }).key,
    ];
    assert.equal(new Set(keys).size, keys.length, keys.join('\n'));
  });

  test('keys are stable: the same question gives the same key, whoever asks', () => {
    // The project card, the certificate and the impact counter share one request for a project.
    assert.equal(projectQuery(PROJECT).key, projectQuery(PROJECT).key);
    assert.equal(projectQuery(PROJECT).key, `project ${PROJECT}`);
    // The checkout still asks its Stripe configuration under this key until it moves to the query.
    assert.equal(stripeConfigurationQuery().key, 'stripe-configuration');
    // An absent filter and a null one are the same question; freshness is no part of it.
    assert.equal(retirementsQuery({ first: 10 }).key, retirementsQuery({ beneficiary: null, owner: null, first: 10, after: null }).key);
    assert.equal(retirementsQuery({ first: 10, fresh: true }).key, retirementsQuery({ first: 10 }).key);
  });

  test('a fresh retirements page revalidates past the HTTP cache; others use it', async () => {
    assert.equal((await run(retirementsQuery({ first: 10, fresh: true }))).request.cache, 'no-cache');
    assert.equal((await run(retirementsQuery({ first: 10 }))).request.cache, 'default');
  });

  test('project documents keep only objects', async () => {
    const { result } = await run(projectDocumentsQuery(PROJECT), { nodes: [{ id: 'pjd_1', display_name: 'PDD' }, null, 'x', 3] });
    assert.deepEqual(result, [{ id: 'pjd_1', display_name: 'PDD' }]);
    assert.deepEqual((await run(projectDocumentsQuery(PROJECT), { nodes: 'not a list' })).result, []);
  });

  test('loads return the data and turn failures into RegistryErrors', async () => {
    assert.deepEqual((await run(projectQuery(PROJECT), { id: PROJECT, name: 'A project' })).result, { id: PROJECT, name: 'A project' });
    await assert.rejects(run(projectQuery(PROJECT), { message: 'No such project.' }, 404), (error: unknown) => {
      assert.ok(error instanceof RegistryError);
      assert.equal(error.kind, 'not-found');
      return true;
    });
  });
});
