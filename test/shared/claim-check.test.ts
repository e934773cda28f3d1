import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLAIM_RULES, checkRetirementClaim, type CheckedBatch, type CheckedRetirement, type ClaimFailure } from '../../src/shared/claim-check.js';

const BUYER = { id: 'org_1BUYERBUYERBUYER', name: 'Acme' };
const MARKETPLACE = { id: 'org_1MARKETMARKETMK', name: 'Market' };

const retirement: CheckedRetirement = {
  id: 'ret_1AAAAAAAAAAAAAAA',
  owner: MARKETPLACE,
  beneficiary: BUYER,
  credit_batch_size_total: { credits: 3.5, credit_kgs: 3500 },
};

/** A batch of `kg` that belongs to `retirement`, with `overrides` (any value the API might send). */
function batch(id: string, kg: number, overrides: Readonly<Record<string, unknown>> = {}): CheckedBatch {
  return { id, status: 'retired', size: { credits: kg / 1000, credit_kgs: kg }, supplier_id: 'spl_1SUPPLIERSUPPLI', retirement_id: retirement.id, beneficiary: BUYER, ...overrides } as CheckedBatch;
}

const good = [batch('ctb_1ONEONEONEONEONE', 1000), batch('ctb_1TWOTWOTWOTWOTW', 2500)];

function failure<R extends ClaimFailure['rule']>(failures: readonly ClaimFailure[], rule: R): Extract<ClaimFailure, { rule: R }> | undefined {
  return failures.find((found): found is Extract<ClaimFailure, { rule: R }> => found.rule === rule);
}

describe('claim check: a retirement against its credit batches', () => {
  test('a retirement its batches support passes every rule', () => {
    const check = checkRetirementClaim(retirement, good);
    assert.equal(check.passed, true);
    assert.deepEqual(check.failures, []);
    assert.deepEqual(check.rules, CLAIM_RULES);
  });

  test('batches that do not add up to the amount, in exact kilograms', () => {
    const check = checkRetirementClaim(retirement, [good[0]!, batch('ctb_1TWOTWOTWOTWOTW', 2499)]);
    assert.equal(check.passed, false);
    assert.deepEqual(check.failures, [{ rule: 'sum', retirementKgs: 3500n, batchesKgs: 3499n, batchCount: 2 }]);
    // credit_kgs is the figure: a float of tonnes that rounds to the same value does not hide a missing kilogram.
    const floats = checkRetirementClaim(retirement, [batch('ctb_1ONEONEONEONEONE', 1000), { ...batch('ctb_1TWOTWOTWOTWOTW', 2499), size: { credits: 2.5, credit_kgs: 2499 } }]);
    assert.equal(failure(floats.failures, 'sum')?.batchesKgs, 3499n);
  });

  test('no batches at all do not support any amount', () => {
    const check = checkRetirementClaim(retirement, []);
    assert.deepEqual(check.failures, [{ rule: 'sum', retirementKgs: 3500n, batchesKgs: 0n, batchCount: 0 }]);
  });

  test('a batch that is not retired', () => {
    const check = checkRetirementClaim(retirement, [good[0]!, batch('ctb_1TWOTWOTWOTWOTW', 2500, { status: 'active' })]);
    assert.deepEqual(check.failures, [{ rule: 'retired', batches: [{ id: 'ctb_1TWOTWOTWOTWOTW', status: 'active' }] }]);
    const unreadable = checkRetirementClaim(retirement, [good[0]!, batch('ctb_1TWOTWOTWOTWOTW', 2500, { status: 42 })]);
    assert.deepEqual(failure(unreadable.failures, 'retired')?.batches, [{ id: 'ctb_1TWOTWOTWOTWOTW', status: 'unknown' }]);
  });

  test('batches from two suppliers, or a batch without one', () => {
    const two = checkRetirementClaim(retirement, [good[0]!, batch('ctb_1TWOTWOTWOTWOTW', 2500, { supplier_id: 'spl_1OTHEROTHEROTHE' })]);
    assert.deepEqual(two.failures, [{ rule: 'one-supplier', supplierIds: ['spl_1SUPPLIERSUPPLI', 'spl_1OTHEROTHEROTHE'] }]);
    const none = checkRetirementClaim(retirement, good.map((each) => ({ ...each, supplier_id: null })));
    assert.deepEqual(none.failures, [{ rule: 'one-supplier', supplierIds: [undefined] }]);
  });

  test('a batch that names another retirement, or none', () => {
    const check = checkRetirementClaim(retirement, [good[0]!, batch('ctb_1TWOTWOTWOTWOTW', 2500, { retirement_id: 'ret_1OTHEROTHEROTHE' })]);
    assert.deepEqual(check.failures, [{ rule: 'retirement-id', batchIds: ['ctb_1TWOTWOTWOTWOTW'] }]);
    const none = checkRetirementClaim(retirement, [batch('ctb_1ONEONEONEONEONE', 1000, { retirement_id: null }), good[1]!]);
    assert.deepEqual(failure(none.failures, 'retirement-id')?.batchIds, ['ctb_1ONEONEONEONEONE']);
  });

  test('a batch retired for another beneficiary; a batch that names none is not compared', () => {
    const check = checkRetirementClaim(retirement, [good[0]!, batch('ctb_1TWOTWOTWOTWOTW', 2500, { beneficiary: MARKETPLACE })]);
    assert.deepEqual(check.failures, [{ rule: 'beneficiary', batchIds: ['ctb_1TWOTWOTWOTWOTW'] }]);
    assert.equal(checkRetirementClaim(retirement, [good[0]!, batch('ctb_1TWOTWOTWOTWOTW', 2500, { beneficiary: null })]).passed, true);
  });

  test('a buffer-pool retirement is not a buyer’s claim, by name or by configured id', () => {
    const pool = { id: 'org_1POOLPOOLPOOLPO', name: 'Isometric Buffer Pool' };
    const buffer = { ...retirement, owner: pool, beneficiary: pool };
    const batches = good.map((each) => ({ ...each, beneficiary: pool }));
    assert.deepEqual(checkRetirementClaim(buffer, batches).failures, [{ rule: 'not-buffer' }]);
    const unnamed = { ...buffer, owner: { id: pool.id, name: 'Reserve' }, beneficiary: { id: pool.id, name: 'Reserve' } };
    assert.equal(checkRetirementClaim(unnamed, batches).passed, true);
    assert.deepEqual(checkRetirementClaim(unnamed, batches, { bufferPoolIds: [pool.id] }).failures, [{ rule: 'not-buffer' }]);
  });

  test('every broken rule is reported, in the order of the rules', () => {
    const bad = [batch('ctb_1ONEONEONEONEONE', 1, { status: 'split', supplier_id: 'spl_1OTHEROTHEROTHE', retirement_id: null, beneficiary: MARKETPLACE }), good[1]!];
    const check = checkRetirementClaim(retirement, bad);
    assert.deepEqual(
      check.failures.map((found) => found.rule),
      CLAIM_RULES.filter((rule) => rule !== 'not-buffer'),
    );
  });
});
