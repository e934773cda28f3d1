import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { CHECKOUT_OPERATION, CREDIT_BATCH_STATUSES, DEFAULT_OPERATIONS, FREQUENCIES, findOperation, matchRoute, OPERATIONS, operationKey } from '../../src/proxy/operations.js';

interface SpecParameter {
  name: string;
  in: string;
  schema: { $ref?: string };
}
interface SpecSchema {
  $ref?: string;
  example?: string;
  enum?: string[];
}
interface Spec {
  paths: Record<string, Record<string, { operationId: string; parameters?: SpecParameter[] }>>;
  components: { schemas: Record<string, SpecSchema> };
}

const spec = JSON.parse(await readFile(new URL('../../openapi/isometric-registry-v0.json', import.meta.url), 'utf8')) as Spec;
const specOperations = Object.entries(spec.paths).flatMap(([template, item]) =>
  Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), template, operation })),
);

function schema(ref: string): SpecSchema {
  const found = spec.components.schemas[ref.replace('#/components/schemas/', '')];
  assert.ok(found, `schema ${ref}`);
  return found.$ref ? schema(found.$ref) : found;
}

describe('proxy operation table', () => {
  it('lists exactly the spec\u2019s 41 operations, in order, with their operationIds', () => {
    assert.equal(specOperations.length, 41);
    assert.deepEqual(
      OPERATIONS.map(({ method, template, operationId }) => ({ method, template, operationId })),
      specOperations.map(({ method, template, operation }) => ({ method, template, operationId: operation.operationId })),
    );
  });

  it('knows each operation\u2019s query parameters and path-id prefix as the spec declares them', () => {
    for (const { method, template, operation } of specOperations) {
      const entry = findOperation(`${method} ${template}`);
      assert.ok(entry);
      const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in !== 'header');
      const query = parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
      assert.deepEqual(Object.keys(entry.query).sort(), query.sort(), `${method} ${template} query parameters`);
      const path = parameters.find((parameter) => parameter.in === 'path');
      const prefix = path?.schema.$ref ? schema(path.schema.$ref).example?.split('_')[0] : undefined;
      assert.equal(entry.idPrefix, prefix, `${method} ${template} id prefix`);
      for (const [name, rule] of Object.entries(entry.query)) {
        if (rule.kind !== 'id') continue;
        const declared = (operation.parameters ?? []).find((parameter) => parameter.name === name) as unknown as { schema: { anyOf: { $ref?: string }[] } };
        const ref = declared.schema.anyOf.find((option) => option.$ref)?.$ref;
        assert.equal(schema(ref ?? '').example?.split('_')[0], rule.prefix, `${method} ${template} ${name}`);
      }
    }
  });

  it('uses the spec\u2019s enum values', () => {
    assert.deepEqual([...CREDIT_BATCH_STATUSES], schema('CreditBatchStatus').enum);
    assert.deepEqual([...FREQUENCIES], schema('StripeSubscriptionFrequency').enum);
  });

  it('has a default allowlist of public reads drawn from the table', () => {
    assert.equal(DEFAULT_OPERATIONS.length, 15);
    for (const key of DEFAULT_OPERATIONS) assert.equal(findOperation(key)?.method, 'GET', key);
    assert.ok(findOperation(CHECKOUT_OPERATION));
    assert.ok(!DEFAULT_OPERATIONS.includes(CHECKOUT_OPERATION));
  });

  it('matches literal segments before {id}', () => {
    const literal = matchRoute(['retirements', 'from_oldest_credits']);
    assert.equal(literal?.route.template, '/retirements/from_oldest_credits');
    const byId = matchRoute(['retirements', 'ret_1FYBH4QDT1S0SVKF']);
    assert.equal(byId?.route.template, '/retirements/{id}');
    assert.equal(byId?.id, 'ret_1FYBH4QDT1S0SVKF');
    assert.equal(matchRoute(['nope']), undefined);
    assert.equal(operationKey({ method: 'GET', template: '/projects' }), 'GET /projects');
  });
});

describe('proxy edge-runtime boundary', () => {
  it('keeps handler.ts, config.ts and operations.ts free of Node APIs', async () => {
    for (const file of ['handler.ts', 'config.ts', 'operations.ts']) {
      const source = await readFile(new URL(`../../src/proxy/${file}`, import.meta.url), 'utf8');
      assert.doesNotMatch(source, /from 'node:|require\(|\bprocess\.|\bBuffer\b/, file);
    }
  });
});
