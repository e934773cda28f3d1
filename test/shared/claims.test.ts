import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  batchDates,
  claimWording,
  climateAction,
  combinedAction,
  isBufferPool,
  isBufferRetirement,
  isClaimFor,
  isDurable,
  isRemoval,
  kilograms,
  percentDown,
  partsWording,
  projectFigures,
  retirementFigures,
  retirementParts,
  retirementRole,
  serialYear,
  vintage,
} from '../../src/shared/claims.js';
import schema from '../../openapi/isometric-registry-v0.json' with { type: 'json' };

const PATHWAYS = (schema.components.schemas.Pathway as { enum: string[] }).enum;

describe('claim semantics: kinds of climate action', () => {
  test('every pathway of the spec has a known kind', () => {
    for (const pathway of PATHWAYS) assert.notEqual(climateAction(pathway), 'unknown', pathway);
  });

  test('destruction is never removal; reforestation is removal but not durable; storage pathways are durable', () => {
    assert.equal(climateAction('superpollutants'), 'destruction');
    assert.equal(isRemoval(climateAction('superpollutants')), false);
    assert.equal(climateAction('reforestation'), 'shorter-removal');
    assert.equal(isRemoval(climateAction('reforestation')), true);
    assert.equal(isDurable(climateAction('reforestation')), false);
    for (const pathway of ['biomass_carbon_removal_and_storage', 'direct_air_capture', 'enhanced_weathering', 'carbon_mineralization']) {
      assert.equal(isDurable(climateAction(pathway)), true, pathway);
    }
  });

  test('a process key that destroys or stores in trees decides over the pathway; biochar in soil stays durable', () => {
    assert.equal(climateAction('marine', 'methane_destruction'), 'destruction');
    assert.equal(climateAction('biomass_carbon_removal_and_storage', 'agroforestry_planting'), 'shorter-removal');
    assert.equal(climateAction('biomass_carbon_removal_and_storage', 'biochar_soil_application'), 'durable-removal');
    assert.equal(climateAction('superpollutants', 'hfc_refrigerant_destruction'), 'destruction');
  });

  test('an unknown pathway is unknown, and its wording is only "retired"', () => {
    assert.equal(climateAction('ocean_iron_fertilisation'), 'unknown');
    assert.equal(climateAction(undefined), 'unknown');
    assert.equal(claimWording('unknown'), 'retired');
  });

  test('wording follows the kind, and a mix uses only what every kind allows', () => {
    assert.equal(claimWording('durable-removal'), 'removed-durably');
    assert.equal(claimWording('shorter-removal'), 'removed');
    assert.equal(claimWording('destruction'), 'destroyed');
    const removals = ['durable-removal', 'shorter-removal'] as const;
    assert.equal(combinedAction(removals), 'mixed');
    assert.equal(claimWording(combinedAction(removals), removals), 'removed');
    const withDestruction = ['durable-removal', 'destruction'] as const;
    assert.equal(claimWording(combinedAction(withDestruction), withDestruction), 'retired');
    assert.equal(combinedAction(['destruction', 'destruction']), 'destruction');
    assert.equal(combinedAction([]), undefined);
  });
});

describe('claim semantics: owner, beneficiary and buffer', () => {
  const buyer = { id: 'org_BUYER000000000001', name: 'Buyer' };
  const market = { id: 'org_MARKET00000000001', name: 'Marketplace' };
  const pool = { id: 'org_POOL000000000001', name: 'Isometric Buffer Pool' };

  test('only retirements for an organisation are its claim', () => {
    assert.equal(retirementRole({ owner: buyer, beneficiary: buyer }, buyer.id), 'for-itself');
    assert.equal(retirementRole({ owner: market, beneficiary: buyer }, buyer.id), 'for-it-by-another');
    assert.equal(retirementRole({ owner: market, beneficiary: buyer }, market.id), 'by-it-for-another');
    assert.equal(retirementRole({ owner: market, beneficiary: buyer }, pool.id), 'unrelated');
    assert.equal(isClaimFor({ owner: market, beneficiary: buyer }, buyer.id), true);
    assert.equal(isClaimFor({ owner: market, beneficiary: buyer }, market.id), false);
  });

  test('a buffer retirement is the pool retiring its own credits, and is nobody’s claim', () => {
    assert.equal(isBufferRetirement({ owner: pool, beneficiary: pool }), true);
    assert.equal(isBufferRetirement({ owner: pool, beneficiary: buyer }), false);
    assert.equal(isClaimFor({ owner: pool, beneficiary: pool }, pool.id), false);
    // Known by id when ids are configured: the name then decides nothing.
    assert.equal(isBufferPool(pool, [market.id]), false);
    assert.equal(isBufferPool(market, [market.id]), true);
    assert.equal(isBufferPool({ id: 'org_X', name: 'Buffering Solutions Ltd' }), false);
  });
});

describe('claim semantics: figures and dates', () => {
  test('project figures keep the buffer apart and compare like with like', () => {
    const figures = projectFigures({
      issued_credits_total: { credit_kgs: 10_000_000 },
      issued_buffer_pool_credits_total: { credit_kgs: 1_000_000 },
      retired_credits_total: { credit_kgs: 3_100_000 },
      retired_buffer_pool_credits_total: { credit_kgs: 400_000 },
    });
    assert.equal(figures.issuedOrdinary, 9_000_000n);
    assert.equal(figures.retiredOrdinary, 2_700_000n);
    assert.equal(figures.retiredBuffer, 400_000n);
    assert.equal(figures.retiredShare, 30);
    assert.equal(projectFigures({}).retiredShare, undefined);
  });

  test('a share is rounded down, never up, on integers', () => {
    assert.equal(percentDown(846n, 10_000n), 8.4);
    assert.equal(percentDown(8_499n, 100_000n), 8.4);
    assert.equal(percentDown(1n, 3n, 0), 33);
    assert.equal(percentDown(2n, 3n, 3), 66.666);
    assert.equal(percentDown(57n, 100n), 57);
    assert.equal(percentDown(10n, 10n), 100);
    assert.equal(percentDown(1n, 0n), undefined);
    assert.equal(percentDown(-5n, 10n), 0);
    // The displayed share of projectFigures' parts never exceeds its exact value.
    const figures = projectFigures({ issued_credits_total: { credit_kgs: 2_999 }, retired_credits_total: { credit_kgs: 1_000 } });
    assert.equal(percentDown(figures.retiredOrdinary, figures.issuedOrdinary), 33.3);
  });

  test('kilograms come from credit_kgs, else credits × 1000, and unreadable quantities count as 0', () => {
    assert.equal(kilograms({ credit_kgs: 9_007_199_254_740_991 }), 9_007_199_254_740_991n);
    assert.equal(kilograms({ credits: 12.345 }), 12_345n);
    assert.equal(kilograms({ credit_kgs: Number.POSITIVE_INFINITY, credits: 2 }), 2_000n);
    assert.equal(kilograms({ credit_kgs: '12' }), 0n);
    assert.equal(kilograms(null), 0n);
  });

  test('removal date, issue date and serial year are kept apart; the vintage is the removal year', () => {
    const batch = { sequestered_on: '2024-11-30', issued_at: '2025-02-15T10:00:00Z', serial_number: 'ISO-1-BCHAR-DEU-LBW-2025-0-1000' };
    assert.deepEqual(batchDates(batch), { removedOn: '2024-11-30', issuedOn: '2025-02-15', serialYear: 2025 });
    assert.equal(vintage(batch), 2024);
    assert.equal(vintage({ issued_at: '2025-02-15T10:00:00Z' }), undefined);
    assert.equal(serialYear('ISO-1-EWAGR-GBR-HBW-2024-1200-4400'), 2024);
    assert.equal(serialYear('no year here 12345'), undefined);
  });
});

describe('claim semantics: an organisation\'s retirements', () => {
  const org = (id: string, name = id) => ({ id, name });
  const kg = (credit_kgs: number) => ({ credit_kgs, credits: credit_kgs / 1000 });
  const me = org('org_ME');
  const other = org('org_OTHER');
  const pool = org('org_POOL', 'Isometric Buffer Pool');

  test('counts by beneficiary, keeps retirements for others apart, leaves out the buffer and counts a retirement listed twice once', () => {
    const forItself = { id: 'ret_1', owner: me, beneficiary: me, credit_batch_size_total: kg(1000) };
    const forItByAnother = { id: 'ret_2', owner: other, beneficiary: me, credit_batch_size_total: kg(250) };
    const byItForAnother = { id: 'ret_3', owner: me, beneficiary: other, credit_batch_size_total: kg(400) };
    const unrelated = { id: 'ret_4', owner: other, beneficiary: other, credit_batch_size_total: kg(7) };
    const buffer = { id: 'ret_5', owner: pool, beneficiary: pool, credit_batch_size_total: kg(90) };
    const figures = retirementFigures([forItself, forItByAnother, byItForAnother, unrelated, forItself, byItForAnother], me.id);
    assert.equal(figures.claimedKgs, 1250n);
    assert.deepEqual(figures.claimed.map((r) => r.id), ['ret_1', 'ret_2']);
    assert.equal(figures.forOthersKgs, 400n);
    assert.deepEqual(figures.forOthers.map((r) => r.id), ['ret_3']);
    assert.equal(retirementFigures([buffer], pool.id).claimedKgs, 0n);
  });

  test('splits a retirement by its batches when they add up to it, else keeps it whole with what its batches agree on', () => {
    const retirement = { credit_batch_size_total: kg(1000) };
    const actions: Record<string, 'durable-removal' | 'destruction'> = { prj_A: 'durable-removal', prj_B: 'destruction' };
    const batches = [
      { size: kg(600), project_id: 'prj_A', supplier_id: 'spl_S' },
      { size: kg(300), project_id: 'prj_B', supplier_id: 'spl_S' },
      { size: kg(100), project_id: 'prj_A', supplier_id: 'spl_S' },
    ];
    assert.deepEqual(retirementParts(retirement, batches, (id) => actions[id]), [
      { kgs: 700n, projectId: 'prj_A', supplierId: 'spl_S', action: 'durable-removal' },
      { kgs: 300n, projectId: 'prj_B', supplierId: 'spl_S', action: 'destruction' },
    ]);
    // Original batches that were split since add up to more than the retirement: it stays whole.
    assert.deepEqual(retirementParts(retirement, [{ size: kg(5000), project_id: 'prj_A', supplier_id: 'spl_S' }], (id) => actions[id]), [
      { kgs: 1000n, projectId: 'prj_A', supplierId: 'spl_S', action: 'durable-removal' },
    ]);
    assert.deepEqual(retirementParts(retirement, [...batches, { size: kg(1), project_id: 'prj_B', supplier_id: 'spl_S' }], (id) => actions[id]), [
      { kgs: 1000n, projectId: undefined, supplierId: 'spl_S', action: undefined },
    ]);
    assert.deepEqual(retirementParts(retirement, undefined, (id) => actions[id]), [{ kgs: 1000n, projectId: undefined, supplierId: undefined, action: undefined }]);
  });

  test('a figure over parts uses only the words every part allows; an unattributed part makes it "retired"', () => {
    const part = (action: 'durable-removal' | 'shorter-removal' | 'destruction' | undefined, kgs = 1n) => ({ action, kgs });
    assert.equal(partsWording([part('durable-removal'), part('durable-removal')]).wording, 'removed-durably');
    assert.equal(partsWording([part('shorter-removal')]).wording, 'removed');
    assert.equal(partsWording([part('destruction')]).wording, 'destroyed');
    assert.deepEqual(partsWording([part('durable-removal'), part('shorter-removal')]), { action: 'mixed', wording: 'removed', kinds: ['durable-removal', 'shorter-removal'] });
    assert.equal(partsWording([part('durable-removal'), part('destruction')]).wording, 'retired');
    assert.equal(partsWording([part('durable-removal'), part(undefined)]).wording, 'retired');
    assert.equal(partsWording([part('durable-removal'), part('destruction', 0n)]).wording, 'removed-durably');
    assert.deepEqual(partsWording([]), { action: undefined, wording: 'retired', kinds: [] });
  });
});
