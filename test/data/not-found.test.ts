// "Not found" as the Registry API says it: `GET /projects/{id}`, `/suppliers/{id}` and
// `/organisations/{id}` answer an unknown id with `200 null` (their 200 schema is `anyOf[X, null]`);
// the other reads answer 404. The data layer makes both the final, non-retryable kind `not-found`;
// a `null` from a read that never answers it stays an invalid response.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { clientFor, unwrap } from '../../src/data/client.js';
import { configure } from '../../src/data/config.js';
import { RegistryError } from '../../src/data/errors.js';
import {
  creditBalanceQuery,
  organisationQuery,
  projectQuery,
  retirementQuery,
  retirementsQuery,
  stripeConfigurationQuery,
  supplierQuery,
  type Query,
} from '../../src/data/queries.js';

const ENDPOINT = 'https://proxy.test/api';

/** Loads `query` against a fetch that answers `body` (raw text) with `status`. */
function load<T>(query: Query<T>, body: string, status: number, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<T> {
  configure({ fetch: async () => new Response(body, { status, headers }) });
  return query.load(clientFor(ENDPOINT), new AbortController().signal);
}

async function kindOf(promise: Promise<unknown>): Promise<{ kind: string; retryable: boolean; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RegistryError, String(error));
    return { kind: error.kind, retryable: error.retryable, status: error.status };
  }
  assert.fail('the load did not fail');
}

describe('not found', () => {
  afterEach(() => configure({ fetch: undefined }));

  const nullable: [operation: string, query: Query<unknown>][] = [
    ['GET /projects/{id}', projectQuery('prj_ZZZZZZZZZZZZZZZZ')],
    ['GET /suppliers/{id}', supplierQuery('spl_ZZZZZZZZZZZZZZZZ')],
    ['GET /organisations/{id}', organisationQuery('org_ZZZZZZZZZZZZZZZZ')],
  ];

  for (const [operation, query] of nullable) {
    test(`${operation}: a 200 null is not-found, final (no retry)`, async () => {
      assert.deepEqual(await kindOf(load(query, 'null', 200)), { kind: 'not-found', retryable: false, status: 200 });
      // With a body of a known length, as a proxy or the local registry sends it.
      assert.deepEqual(await kindOf(load(query, 'null', 200, { 'content-type': 'application/json', 'content-length': '4' })), { kind: 'not-found', retryable: false, status: 200 });
    });

    test(`${operation}: a 404 is the same not-found`, async () => {
      assert.deepEqual(await kindOf(load(query, JSON.stringify({ detail: 'Not found' }), 404)), { kind: 'not-found', retryable: false, status: 404 });
    });
  }

  test('a 404 of another read is not-found too', async () => {
    assert.deepEqual(await kindOf(load(retirementQuery('ret_ZZZZZZZZZZZZZZZZ'), JSON.stringify({ detail: 'Retirement not found' }), 404)), {
      kind: 'not-found',
      retryable: false,
      status: 404,
    });
  });

  test('a null body from a read that never answers null is an invalid response, which may be retried', async () => {
    for (const query of [retirementQuery('ret_ZZZZZZZZZZZZZZZZ'), retirementsQuery({ first: 10 }), creditBalanceQuery('org_ZZZZZZZZZZZZZZZZ'), stripeConfigurationQuery()] as Query<unknown>[]) {
      assert.deepEqual(await kindOf(load(query, 'null', 200)), { kind: 'invalid-response', retryable: true, status: 200 }, query.key);
    }
    configure({ fetch: async () => new Response('null', { status: 200, headers: { 'content-type': 'application/json' } }) });
    const found = await kindOf(unwrap(clientFor(ENDPOINT).GET('/projects/{id}', { params: { path: { id: 'prj_ZZZZZZZZZZZZZZZZ' } } })));
    assert.equal(found.kind, 'invalid-response', 'unwrap reads null as not found only when told the operation answers it');
  });

  test('an empty body or a JSON scalar is still an invalid response, which may be retried', async () => {
    for (const body of ['', '"text"', '42', 'true']) {
      const found = await kindOf(load(projectQuery('prj_ZZZZZZZZZZZZZZZZ'), body, 200));
      assert.equal(found.kind, 'invalid-response', JSON.stringify(body));
      assert.equal(found.retryable, true);
    }
  });

  test('unwrap returns a record as it is', async () => {
    const record = { id: 'prj_1VJRKMRFEEBVY39C', name: 'A project' };
    configure({ fetch: async () => new Response(JSON.stringify(record), { status: 200, headers: { 'content-type': 'application/json' } }) });
    assert.deepEqual(await unwrap(clientFor(ENDPOINT).GET('/projects/{id}', { params: { path: { id: record.id } } })), record);
  });
});
