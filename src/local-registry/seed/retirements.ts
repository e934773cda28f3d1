/**
 * Drawing retirements: who retires how much of which credits, for whom, why, and with what note.
 * Shared by the seed and by `addRetirement`, so live retirements follow the seed's rules.
 */
import type { CreditLedger } from '../ledger.js';
import type { CreditBatch, Organisation, Retirement, RetirementPurpose } from '../types.js';
import { isoDateTime, quantity, sumKg } from '../units.js';
import { type FeaturedRetirementSpec, ORGANISATIONS, RETIREMENT_NOTES, RETIREMENT_OWNERS, type RetirementOwnerSpec, SUBSIDIARIES } from './catalogue.js';
import type { Random } from './random.js';

export const REGISTRY_ORIGIN = 'https://registry.isometric.com';

/** What drawing a retirement needs: randomness, the credits, and the catalogue's organisations by key. */
export interface DrawContext {
  random: Random;
  ledger: CreditLedger;
  organisation: (key: string) => Organisation;
}

/**
 * Draws a plausible retirement at `atMs` by one of the catalogue's retiring organisations that still
 * holds credits, retiring the batches in the ledger. `undefined` when nobody holds enough.
 */
export function drawRetirement(context: DrawContext, id: string, atMs: number): Retirement | undefined {
  const { random, ledger, organisation } = context;
  const holders = RETIREMENT_OWNERS.filter((o) => ledger.availableKg(organisation(o.organisation).id) >= 1000);
  if (holders.length === 0) return undefined;
  const spec = random.weighted(holders, holders.map((o) => o.weight));
  const owner = organisation(spec.organisation);
  const wantedKg = Math.max(50, Math.round(random.logUniform(spec.tonnes[0], spec.tonnes[1]) * 1000));
  const parts = takeForRetirement(ledger, random, owner, wantedKg, random.chance(0.1) ? 2 : 1);
  if (!parts) return undefined;
  return makeRetirement(ledger, id, atMs, owner, pickBeneficiary(random, spec, organisation), parts, pickPurposes(random, spec), pickNote(random, spec));
}

/** Retires the batches in the ledger and returns the retirement that records it. */
export function makeRetirement(
  ledger: CreditLedger,
  id: string,
  atMs: number,
  owner: Organisation,
  beneficiary: Organisation,
  parts: CreditBatch[][],
  purposes: RetirementPurpose[],
  notes: string | null,
): Retirement {
  const retiredAt = isoDateTime(atMs);
  const batches = parts.flat();
  ledger.retire(batches, id, beneficiary, retiredAt);
  return {
    id,
    retired_at: retiredAt,
    purposes,
    beneficiary,
    owner,
    credit_batch_size_total: quantity(sumKg(batches, (b) => b.size.credit_kgs)),
    url: `${REGISTRY_ORIGIN}/retirement/${id}`,
    notes,
  };
}

/** Projects the owner holds active credits in, most held first. */
export function holdingsByProject(ledger: CreditLedger, owner: Organisation, where: (batch: CreditBatch) => boolean = () => true): [projectId: string, kg: number][] {
  const held = new Map<string, number>();
  for (const batch of ledger.active(owner.id, where)) held.set(batch.project_id, (held.get(batch.project_id) ?? 0) + batch.size.credit_kgs);
  return [...held].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** A supplier's share of an owner's active credits: its id, what the owner holds of it, and per project (most held first). */
export interface SupplierHolding {
  supplierId: string;
  kg: number;
  projects: [projectId: string, kg: number][];
}

/**
 * The owner's active credits grouped by supplier, most held first. All credits of a retirement or a
 * transfer must come from one supplier (the API's rule), so every draw starts by choosing one of these.
 */
export function holdingsBySupplier(ledger: CreditLedger, owner: Organisation): SupplierHolding[] {
  const suppliers = new Map<string, Map<string, number>>();
  for (const batch of ledger.active(owner.id)) {
    let projects = suppliers.get(batch.supplier_id);
    if (!projects) suppliers.set(batch.supplier_id, (projects = new Map()));
    projects.set(batch.project_id, (projects.get(batch.project_id) ?? 0) + batch.size.credit_kgs);
  }
  return [...suppliers]
    .map(([supplierId, projects]) => ({
      supplierId,
      kg: [...projects.values()].reduce((sum, kg) => sum + kg, 0),
      projects: [...projects].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    }))
    .sort((a, b) => b.kg - a.kg || (a.supplierId < b.supplierId ? -1 : 1));
}

/**
 * Takes credits for a retirement from one supplier: from one of its projects (drawn in proportion to
 * the owner's holdings) or from two (the two largest holdings of a supplier the owner holds two
 * projects of), never more than 60 % of what the owner holds there.
 */
function takeForRetirement(ledger: CreditLedger, random: Random, owner: Organisation, wantedKg: number, projectCount: 1 | 2): CreditBatch[][] | undefined {
  const suppliers = holdingsBySupplier(ledger, owner);
  if (suppliers.length === 0) return undefined;
  const spread = projectCount === 2 ? suppliers.filter((s) => s.projects.length >= 2) : [];
  const plan =
    spread.length > 0
      ? splitBetween(random.weighted(spread, spread.map((s) => s.kg)).projects.slice(0, 2), wantedKg, Math.round(wantedKg * (0.4 + random.float() * 0.3)))
      : [random.weighted(suppliers, suppliers.map((s) => s.kg))].map(({ projects }) => {
          const [projectId, held] = random.weighted(projects, projects.map(([, kg]) => kg));
          return { projectId, kg: Math.min(wantedKg, Math.floor(held * 0.6)) };
        });
  // At most three batches in all (two from the first project of two), as the seed has always drawn:
  // `take` uses the oldest batches first, so capping at their sizes caps the count.
  const capped = plan.map(({ projectId, kg }, i) => ({ projectId, kg: Math.min(kg, oldestKg(ledger, owner, projectId, plan.length === 1 ? MAX_BATCHES : MAX_BATCHES - plan.length + 1 - i)) }));
  if (capped.some(({ kg }) => kg < 10)) return undefined;
  return capped.map(({ projectId, kg }) => ledger.take(owner.id, kg, (b) => b.project_id === projectId) ?? []);
}

/** The most batches a drawn retirement takes. */
const MAX_BATCHES = 3;

/** What the owner's `count` oldest active batches of a project hold. */
function oldestKg(ledger: CreditLedger, owner: Organisation, projectId: string, count: number): number {
  return ledger
    .active(owner.id, (b) => b.project_id === projectId)
    .slice(0, count)
    .reduce((sum, b) => sum + b.size.credit_kgs, 0);
}

function splitBetween(holdings: [projectId: string, kg: number][], wantedKg: number, firstKg: number): { projectId: string; kg: number }[] {
  return holdings.map(([projectId, held], i) => ({ projectId, kg: Math.min(i === 0 ? firstKg : wantedKg - firstKg, Math.floor(held * 0.6)) }));
}

/**
 * Takes the credits for a featured retirement from one supplier (the spec's, else the one the owner
 * holds most of); throws if the seed no longer provides them.
 */
export function takeFeatured(ledger: CreditLedger, owner: Organisation, spec: FeaturedRetirementSpec, supplierId?: string): CreditBatch[][] {
  const candidates = holdingsBySupplier(ledger, owner).filter((s) => (supplierId ? s.supplierId === supplierId : true) && s.projects.length >= spec.projects);
  const supplier = candidates[0];
  if (!supplier) throw new Error(`seed: ${spec.id} needs credits in ${spec.projects} projects of one supplier`);
  const perProject = Math.round((spec.tonnes * 1000) / spec.projects);
  return supplier.projects.slice(0, spec.projects).map(([projectId, held]) => {
    const batches = ledger.take(owner.id, Math.min(perProject, Math.floor(held * 0.8)), (b) => b.project_id === projectId);
    if (!batches) throw new Error(`seed: ${spec.id} found no credits`);
    return batches;
  });
}

function pickBeneficiary(random: Random, spec: RetirementOwnerSpec, organisation: (key: string) => Organisation): Organisation {
  if (spec.beneficiaries === 'self') {
    const subsidiary = SUBSIDIARIES[spec.organisation];
    return subsidiary && random.chance(0.15) ? organisation(subsidiary) : organisation(spec.organisation);
  }
  const weights = spec.organisation === 'carbonfolio' ? { business: 3, individual: 2 } : { business: 1, individual: 3 };
  const candidates = ORGANISATIONS.filter((o) => o.kind === 'business' || o.kind === 'individual');
  const picked = random.weighted(candidates, candidates.map((o) => (o.kind === 'business' ? weights.business : weights.individual)));
  return organisation(picked.key);
}

function pickPurposes(random: Random, spec: RetirementOwnerSpec): RetirementPurpose[] {
  return random.sample(spec.purposes, random.weighted([1, 2, 3], [55, 35, 10]));
}

function pickNote(random: Random, spec: RetirementOwnerSpec): string | null {
  if (random.chance(spec.beneficiaries === 'customers' ? 0.45 : 0.25)) return null;
  if (spec.language && random.chance(0.6)) return random.pick(RETIREMENT_NOTES[spec.language]);
  const pool = random.chance(0.15) ? [...RETIREMENT_NOTES.de, ...RETIREMENT_NOTES.ja, ...RETIREMENT_NOTES.ar] : RETIREMENT_NOTES.en;
  return random.pick(pool);
}
