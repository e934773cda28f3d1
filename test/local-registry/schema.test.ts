// Schema conformance: every GET operation of the spec, served with real ids, answers JSON that
// validates against the spec's own response schema; so do its filtered and second pages and its 422s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_IDS } from '../../src/local-registry/index.js';
import { AUTH_HEADERS, getOperations, type PageBody, responseSchema, schemaErrors, type SpecOperation, type SpecParameter, startRegistry, type RegistryServer } from './support.js';

/** A real id for each entity an id parameter names (`IsometricIDPathParam_Project_` → Project). */
const SAMPLE_BY_ENTITY: Record<string, string> = {
  BufferPoolRefund: SAMPLE_IDS.refund,
  CreditBatch: SAMPLE_IDS.splitCreditBatch,
  Delivery: SAMPLE_IDS.delivery,
  Issuance: SAMPLE_IDS.issuance,
  Order: SAMPLE_IDS.order,
  Organisation: SAMPLE_IDS.organisation,
  Project: SAMPLE_IDS.projectWithDocuments,
  Retirement: SAMPLE_IDS.retirementTwoProjects,
  Supplier: SAMPLE_IDS.supplier,
  Transfer: SAMPLE_IDS.transfer,
};

const PAGINATION = new Set(['first', 'after', 'last', 'before']);

/** The entity an id parameter refers to, from its schema's `$ref` (directly or inside `anyOf`). */
function idEntity(parameter: SpecParameter): string | undefined {
  const text = JSON.stringify(parameter.schema);
  return /IsometricID(?:Path|Query)Param_(\w+?)_"/.exec(text)?.[1];
}

/** A plausible value for each non-pagination query parameter, for a filtered request. */
function filterValue(parameter: SpecParameter): string[] {
  const entity = idEntity(parameter);
  if (entity) {
    const id = SAMPLE_BY_ENTITY[entity];
    assert.ok(id, `no sample id for ${entity}`);
    return [id];
  }
  switch (parameter.name) {
    case 'status':
      return ['active', 'split', 'retired'];
    case 'issued_after':
      return ['2024-01-01T00:00:00Z'];
    case 'issued_before':
      return ['2027-01-01T00:00:00Z'];
    case 'sort_field':
      return ['issued_at'];
    case 'sort_direction':
      return ['asc'];
    default:
      throw new Error(`no test value for query parameter ${parameter.name}`);
  }
}

function concretePath(path: string, operation: SpecOperation): string {
  const idParameter = operation.parameters?.find((p) => p.in === 'path');
  if (!idParameter) return path;
  const entity = idEntity(idParameter);
  const id = entity && SAMPLE_BY_ENTITY[entity];
  assert.ok(id, `no sample id for ${path}`);
  return path.replace('{id}', id);
}

/** A well-formed id of the kind the path takes that names nothing: the sample id's prefix, then 16 Z. */
function unknownId(path: string, operation: SpecOperation): string {
  const sample = concretePath(path, operation).split('/').find((segment) => /^[a-z]+_[0-9A-Z]{16}$/.test(segment)) ?? '';
  return `${sample.split('_')[0]}_ZZZZZZZZZZZZZZZZ`;
}

const operations = getOperations();

describe('local registry: schema conformance', () => {
  let server: RegistryServer;
  before(async () => {
    server = await startRegistry();
  });
  after(() => server.close());

  it('finds the 35 GET operations of the spec', () => {
    assert.equal(operations.length, 35);
  });

  it('answers 200 null for an unknown id on exactly the operations whose 200 schema allows null', async () => {
    const nullable = operations.filter(({ operation }) => JSON.stringify(responseSchema(operation, '200') ?? {}).includes('"type":"null"')).map(({ path }) => path);
    // Read from the spec, not typed in: these are the three the spec makes `anyOf[X, null]` today.
    assert.ok(nullable.length > 0);
    const answered: string[] = [];
    for (const { path, operation } of operations.filter((o) => o.path.includes('{id}'))) {
      const { status, body } = await server.json(path.replace('{id}', unknownId(path, operation)));
      if (status === 200 && body === null) answered.push(path);
    }
    assert.deepEqual(answered.sort(), nullable.sort());
  });

  it('has a validator that rejects non-conforming bodies (so passing means something)', async () => {
    const { body } = await server.json<Record<string, unknown>>(`/projects/${SAMPLE_IDS.project}`);
    assert.equal(schemaErrors('Project', body), '');
    assert.notEqual(schemaErrors('Project', { ...body, status: 'bogus' }), '');
    assert.notEqual(schemaErrors('Project', { ...body, supplier: { ...(body['supplier'] as object), organisation: null } }), '');
    assert.notEqual(schemaErrors('HTTPValidationError', { detail: [{ loc: ['query'], msg: 'x' }] }), '');
  });

  it('serves every GET operation of the spec (no 404 or 405)', async () => {
    const unserved: string[] = [];
    for (const { path, operation } of operations) {
      const response = await server.request(concretePath(path, operation));
      await response.body?.cancel();
      if (response.status !== 200) unserved.push(`${path}: ${response.status}`);
    }
    assert.deepEqual(unserved, []);
  });

  for (const { path, operation } of operations) {
    describe(`GET ${path}`, () => {
      const schema = responseSchema(operation, '200');
      const queryParameters = (operation.parameters ?? []).filter((p) => p.in === 'query' && !PAGINATION.has(p.name));
      const paginated = (operation.parameters ?? []).some((p) => p.name === 'first');

      it('answers 200 JSON that validates against the response schema', async () => {
        assert.ok(schema, 'the spec documents a 200 schema');
        const { status, body, response } = await server.json(concretePath(path, operation));
        assert.equal(status, 200);
        assert.equal(response.headers.get('content-type'), 'application/json');
        assert.equal(schemaErrors(schema, body), '');
      });

      if (paginated) {
        it('serves a second page that validates and does not repeat the first', async () => {
          assert.ok(schema);
          const url = concretePath(path, operation);
          const first = await server.json<PageBody>(`${url}?first=2`);
          assert.equal(schemaErrors(schema, first.body), '');
          if (!first.body.page_info.has_next_page) {
            assert.ok(first.body.total_count <= 2, 'no next page only when the list fits one page');
            return;
          }
          const second = await server.json<PageBody>(`${url}?first=2&after=${first.body.page_info.end_cursor}`);
          assert.equal(second.status, 200);
          assert.equal(schemaErrors(schema, second.body), '');
          assert.ok(second.body.nodes.length > 0);
          const firstIds = new Set(first.body.nodes.map((n) => n.id));
          assert.ok(second.body.nodes.every((n) => !firstIds.has(n.id)));
          assert.equal(second.body.page_info.has_previous_page, true);
        });

        it('answers 422 with an HTTPValidationError for first=0', async () => {
          const { status, body } = await server.json(`${concretePath(path, operation)}?first=0`);
          assert.equal(status, 422);
          assert.equal(schemaErrors(responseSchema(operation, '422') ?? 'HTTPValidationError', body), '');
        });
      }

      for (const parameter of queryParameters) {
        it(`validates when filtered by ${parameter.name}`, async () => {
          assert.ok(schema);
          const query = new URLSearchParams(filterValue(parameter).map((value) => [parameter.name, value]));
          const { status, body } = await server.json(`${concretePath(path, operation)}?${query}`);
          assert.equal(status, 200);
          assert.equal(schemaErrors(schema, body), '');
        });
      }

      if (path.includes('{id}')) {
        // The spec's way of saying "not found": `200 null` where the 200 schema allows null
        // (`anyOf[X, null]`), and nothing documented elsewhere, where FastAPI's 404 {"detail"} stands.
        const nullable = JSON.stringify(schema ?? {}).includes('"type":"null"');
        it(nullable ? 'answers 200 null, valid against the schema, for an unknown id' : 'answers 404 {"detail": …} for an unknown id', async () => {
          assert.ok(schema);
          const { status, body, response } = await server.json(path.replace('{id}', unknownId(path, operation)));
          if (nullable) {
            assert.equal(status, 200);
            assert.equal(response.headers.get('content-type'), 'application/json');
            assert.equal(body, null);
            assert.equal(schemaErrors(schema, body), '');
          } else {
            assert.equal(status, 404);
            assert.equal(typeof (body as { detail?: unknown }).detail, 'string');
          }
        });

        it('answers 422 with an HTTPValidationError for a malformed id', async () => {
          const { status, body } = await server.json(path.replace('{id}', 'xyz_1234567890ABCDEF'));
          assert.equal(status, 422);
          assert.equal(schemaErrors(responseSchema(operation, '422') ?? 'HTTPValidationError', body), '');
        });
      }
    });
  }

  it('answers POST /stripe/checkout with a StripeCheckoutResponse, and bad bodies with an HTTPValidationError', async () => {
    const checkout = (body: unknown) =>
      server.json('/stripe/checkout', {
        method: 'POST',
        headers: { ...AUTH_HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const valid = {
      quantity_kg: 1000,
      frequency: 'monthly',
      isometric_terms_and_conditions_accepted: true,
      supplier_terms_and_conditions_accepted: true,
      success_url: 'https://example.com/success',
      cancel_url: 'https://example.com/cancel',
    };
    const ok = await checkout(valid);
    assert.equal(ok.status, 200);
    assert.equal(schemaErrors('StripeCheckoutResponse', ok.body), '');
    const bad = await checkout({ ...valid, frequency: 'weekly', supplier_terms_and_conditions_accepted: false });
    assert.equal(bad.status, 422);
    assert.equal(schemaErrors('HTTPValidationError', bad.body), '');
  });
});
