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
  projectFigures,
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
