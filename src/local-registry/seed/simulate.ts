/**
 * Builds the seeded data set by replaying a credit history in time order: issuances create batches,
 * deliveries hand them to buyers, transfers move them, retirements and refunds consume them. Because
 * every quantity is taken from batches that exist at that moment, totals and lineage stay consistent.
 */
import type { RegistryDataSet } from '../data.js';
import { carbonData, CreditLedger } from '../ledger.js';
import type {
  BufferPoolRefund,
  CreditBatch,
  Delivery,
  Issuance,
  Order,
  Organisation,
  Project,
  ProjectDocument,
  Retirement,
  RetirementPurpose,
  Supplier,
  SupplierStripeConfiguration,
  Transfer,
} from '../types.js';
import { addDays, addMonths, isoDate, isoDateTime, quantity, sumKg, toMs } from '../units.js';
import {
  DELIVERY_NOTES,
  FEATURED_RETIREMENTS,
  ORDERS,
  ORDER_TONNES,
  ORGANISATIONS,
  PROJECTS,
  REFUNDS,
  RETIREMENT_NOTES,
  RETIREMENT_OWNERS,
  REVERSAL,
  SEED,
  SEED_BASE_DATE,
  SUBSIDIARIES,
  SUPPLIERS,
  TRANSFER_PAIRS,
  type FeaturedRetirementSpec,
  type RetirementOwnerSpec,
} from './catalogue.js';
import { isometricId, Random, shortCode } from './random.js';
import { SAMPLE_IDS } from './sample-ids.js';

/** How many retirements the seed plans besides the featured ones; a few may find no credits. */
const PLANNED_RETIREMENTS = 330;
const REGISTRY_ORIGIN = 'https://registry.isometric.com';
const TERMS_URL = 'https://isometric.com/legal/stripe-checkout-terms';

/** Lower-case, hyphenated, ASCII-only: for url paths. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface ScheduledEvent {
  at: number;
  order: number;
  run: (at: number) => void;
}

/** Builds the whole seeded data set. Pure: the same output on every call. */
export function simulate(): RegistryDataSet {
  const random = new Random(SEED);
  const baseMs = toMs(SEED_BASE_DATE);
  const ledger = new CreditLedger();

  const organisations = new Map<string, Organisation>();
  for (const spec of ORGANISATIONS) organisations.set(spec.key, { id: organisationId(spec.key), name: spec.name, domain: spec.domain });
  const org = (key: string): Organisation => {
    const found = organisations.get(key);
    if (!found) throw new Error(`seed: unknown organisation ${key}`);
    return found;
  };
  const bufferPool = org('buffer-pool');

  const suppliers = new Map<string, Supplier>();
  const stripeConfigurations: Record<string, SupplierStripeConfiguration> = {};
  for (const spec of SUPPLIERS) {
    const supplier: Supplier = {
      id: spec.id ?? isometricId('spl', spec.key),
      short_description: spec.shortDescription,
      long_description: spec.longDescription,
      organisation: org(spec.organisation),
      location: spec.location,
    };
    suppliers.set(spec.key, supplier);
    if (spec.stripe) {
      stripeConfigurations[supplier.id] = {
        id: isometricId('ssc', spec.key),
        account_id: `acct_${isometricId('acct', spec.key).slice(5)}`,
        credit_product_price_per_tonne: spec.stripe.creditPrice,
        verification_product_price_per_tonne: spec.stripe.verificationPrice,
        currency: spec.stripe.currency,
        isometric_terms_and_conditions_url: TERMS_URL,
      };
    }
  }
  const supplierOf = (key: string): Supplier => {
    const found = suppliers.get(key);
    if (!found) throw new Error(`seed: unknown supplier ${key}`);
    return found;
  };

  const projects = new Map<string, Project>();
  const projectCreatedAt: Record<string, string> = {};
  const projectDocuments: ProjectDocument[] = [];
  for (const spec of PROJECTS) {
    const id = spec.id ?? isometricId('prj', spec.key);
    projects.set(spec.key, {
      id,
      name: spec.name,
      supplier: supplierOf(spec.supplier),
      status: spec.status,
      short_code: shortCode(spec.key),
      url: spec.url ?? `${REGISTRY_ORIGIN}/project/${slugify(spec.name)}`,
      process_key: spec.processKey,
      pathway: spec.pathway,
      protocol_slug: spec.protocolSlug,
      country_code: spec.countryCode,
      validator_name: spec.validator,
      current_verifier_name: spec.verifier,
      crediting_period_start: spec.crediting?.[0] ?? null,
      crediting_period_end: spec.crediting?.[1] ?? null,
      issued_credits_total: quantity(0),
      retired_credits_total: quantity(0),
      issued_buffer_pool_credits_total: quantity(0),
      retired_buffer_pool_credits_total: quantity(0),
      location: spec.location,
    });
    projectCreatedAt[id] = spec.createdAt;
    spec.documents.forEach((name, i) => {
      const documentId = isometricId('pjd', `${spec.key}:${i}`);
      projectDocuments.push({
        id: documentId,
        display_name: name,
        project_id: id,
        url: `${REGISTRY_ORIGIN}/documents/${documentId}/${slugify(name)}.pdf`,
      });
    });
  }
  const projectOf = (key: string): Project => {
    const found = projects.get(key);
    if (!found) throw new Error(`seed: unknown project ${key}`);
    return found;
  };

  const issuances: Issuance[] = [];
  const orders: Order[] = [];
  const deliveries: Delivery[] = [];
  const retirements: Retirement[] = [];
  const transfers: Transfer[] = [];
  const refunds: BufferPoolRefund[] = [];
  const links: RegistryDataSet['links'] = {
    projectCreatedAt,
    issuanceBatchIds: {},
    deliveryBatchIds: {},
    transferBatchIds: {},
    refundBatchIds: {},
  };

  const events: ScheduledEvent[] = [];
  const schedule = (at: number, run: (at: number) => void): void => {
    if (at <= baseMs) events.push({ at, order: events.length, run });
  };

  // Issuances.
  for (const spec of PROJECTS) {
    const plan = spec.issuances;
    if (!plan) continue;
    const project = projectOf(spec.key);
    const supplier = supplierOf(spec.supplier);
    let serial = random.int(1_000, 90_000);
    for (let n = 0; n < plan.count; n++) {
      const at = addMonths(toMs(`${plan.first}T00:00:00Z`), n * plan.everyMonths) + random.int(8 * 60, 17 * 60) * 60_000;
      const totalKg = random.int(plan.minTonnes, plan.maxTonnes) * 1000 + random.int(0, 999);
      const bufferKg = Math.round(totalKg * plan.bufferShare);
      const parts = random.int(1, 3);
      const periodEnd = addDays(at, -random.int(20, 45));
      const periodStart = addDays(addMonths(periodEnd, -plan.everyMonths), 1);
      schedule(at, () => {
        const id = spec.key === 'lausitz' && n === 0 ? SAMPLE_IDS.issuance : isometricId('iss', `${spec.key}:${n}`);
        const issuedAt = isoDateTime(at);
        const vintage = new Date(periodEnd).getUTCFullYear();
        const batch = (key: string, kg: number, owner: Organisation, withCarbon: boolean): CreditBatch => {
          const start = serial;
          serial += kg;
          const profile = withCarbon ? plan.carbon : null;
          const vary = (share: number): number => Math.round(kg * share * (0.85 + random.float() * 0.3));
          return ledger.add({
            id: key === 's0' && id === SAMPLE_IDS.issuance ? SAMPLE_IDS.splitCreditBatch : isometricId('ctb', `${id}:${key}`),
            serial_number: `ISO-1-${spec.serialCode}-${spec.countryCode}-${project.short_code}-${vintage}-${start}-${start + kg}`,
            status: 'active',
            size: quantity(kg),
            issued_at: issuedAt,
            retired_at: null,
            delivered_at: null,
            sequestered_on: isoDate(periodStart + random.float() * (periodEnd - periodStart)),
            country_of_issue: spec.countryCode,
            supplier_id: supplier.id,
            parent_id: null,
            left_child_id: null,
            right_child_id: null,
            issuance_id: id,
            delivery_id: null,
            beneficiary: null,
            retirement_id: null,
            removal_id: isometricId('rmv', `${id}:${key}`),
            owner,
            project_id: project.id,
            carbon_removal_data: profile ? carbonData(kg, vary(profile.emissions), vary(profile.counterfactuals), vary(profile.losses)) : null,
            ccp_approved: spec.ccpApproved,
          });
        };
        const supplierKg = totalKg - bufferKg;
        const supplierBatches = splitAmount(random, supplierKg, parts).map((kg, i) => batch(`s${i}`, kg, supplier.organisation, true));
        const bufferBatches = bufferKg > 0 ? [batch('b0', bufferKg, bufferPool, false)] : [];
        links.issuanceBatchIds[id] = { supplier: supplierBatches.map((b) => b.id), bufferPool: bufferBatches.map((b) => b.id) };
        issuances.push({
          id,
          issued_at: issuedAt,
          supplier,
          project_id: project.id,
          reporting_period_start_at: isoDate(periodStart),
          reporting_period_end_at: isoDate(periodEnd),
          supplier_credit_batch_size_total: quantity(supplierKg),
          buffer_pool_credit_batch_size_total: quantity(bufferKg),
          credit_batch_size_total: quantity(totalKg),
        });
      });
    }
  }

  // Orders and their deliveries.
  const firstOrderMs = toMs('2024-03-01T00:00:00Z');
  const lastOrderMs = toMs('2026-04-30T00:00:00Z');
  ORDERS.forEach((spec, i) => {
    const supplier = supplierOf(spec.supplier);
    const buyer = org(spec.buyer);
    const contractMs = spec.contractDate ? toMs(`${spec.contractDate}T00:00:00Z`) : firstOrderMs + random.float() * (lastOrderMs - firstOrderMs);
    const [minT, maxT] = ORDER_TONNES[spec.supplier] ?? [100, 1000];
    const orderedKg = random.int(minT, maxT) * 1000;
    const order: Order = {
      id: spec.id ?? isometricId('ord', `${spec.buyer}:${spec.supplier}:${i}`),
      effective_contract_date: isoDate(contractMs),
      fulfilled_at: null,
      buyer_organisation: buyer,
      supplier,
      status: 'placed',
      credits_ordered: quantity(orderedKg),
      credits_delivered: quantity(0),
    };
    orders.push(order);
    // Pinned orders always deliver; one in ten of the others is still waiting for its first delivery.
    if (!spec.contractDate && random.chance(0.1)) return;
    const count = spec.contractDate ? random.int(2, 4) : random.int(1, 4);
    const offsets = Array.from({ length: count }, () => random.int(45, 540)).sort((a, b) => a - b);
    const planned = splitAmount(random, orderedKg, count);
    offsets.forEach((days, n) => {
      const plannedKg = planned[n] ?? 0;
      const note = random.pick(DELIVERY_NOTES);
      schedule(contractMs + days * 86_400_000 + random.int(9 * 60, 16 * 60) * 60_000, (at) => {
        const remaining = order.credits_ordered.credit_kgs - order.credits_delivered.credit_kgs;
        // A delivery comes from one project, drawn in proportion to the supplier's stock.
        const stock = holdingsByProject(ledger, supplier.organisation);
        if (stock.length === 0) return;
        const [projectId, held] = random.weighted(stock, stock.map(([, kg]) => kg));
        const kg = Math.min(plannedKg, remaining, held);
        if (kg < 1000) return;
        const id = order.id === SAMPLE_IDS.order && n === 0 ? SAMPLE_IDS.delivery : isometricId('dlv', `${order.id}:${n}`);
        const batches = ledger.take(supplier.organisation.id, kg, (b) => b.project_id === projectId) ?? [];
        const deliveredAt = isoDateTime(at);
        ledger.deliver(batches, id, buyer, deliveredAt);
        links.deliveryBatchIds[id] = batches.map((b) => b.id);
        deliveries.push({
          id,
          delivered_at: deliveredAt,
          order_id: order.id,
          from_supplier: supplier,
          to_organisation: buyer,
          credit_batch_size_total: quantity(kg),
          url: `${REGISTRY_ORIGIN}/delivery/${id}`,
          notes: note,
        });
        order.credits_delivered = quantity(order.credits_delivered.credit_kgs + kg);
        if (order.credits_delivered.credit_kgs === order.credits_ordered.credit_kgs) {
          order.status = 'completed';
          order.fulfilled_at = deliveredAt;
        } else {
          order.status = 'in_progress';
        }
      });
    });
  });

  // Retirements.
  const draw: DrawContext = { random, ledger, organisation: org };
  const retirementStartMs = toMs('2024-07-01T00:00:00Z');
  for (let n = 0; n < PLANNED_RETIREMENTS; n++) {
    // Activity grows over time, as it does on a young registry.
    const at = retirementStartMs + Math.sqrt(random.float()) * (baseMs - 3_600_000 - retirementStartMs);
    schedule(at, (when) => {
      const retirement = drawRetirement(draw, isometricId('ret', `seed:${n}`), when);
      if (retirement) retirements.push(retirement);
    });
  }

  for (const spec of FEATURED_RETIREMENTS) {
    schedule(toMs(spec.at), (at) => {
      const owner = org(spec.owner);
      const parts = takeFeatured(ledger, owner, spec);
      retirements.push(makeRetirement(ledger, spec.id, at, owner, org(spec.beneficiary), parts, [...spec.purposes], spec.notes));
    });
  }

  // Transfers between buyers and to their subsidiaries.
  const firstTransferMs = toMs('2024-10-01T00:00:00Z');
  TRANSFER_PAIRS.forEach(([fromKey, toKey], i) => {
    const at = i === 0 ? toMs('2025-08-19T11:00:00Z') : firstTransferMs + random.float() * (baseMs - 2 * 86_400_000 - firstTransferMs);
    const share = 0.1 + random.float() * 0.2;
    const notes = random.chance(0.5) ? null : `Reallocation of credits to ${org(toKey).name}.`;
    schedule(at, (when) => {
      const from = org(fromKey);
      const available = ledger.availableKg(from.id);
      if (available < 2000) {
        if (i === 0) throw new Error('seed: the sample transfer found no credits');
        return;
      }
      const id = i === 0 ? SAMPLE_IDS.transfer : isometricId('tfr', `${i}`);
      const kg = Math.round(available * share);
      const batches = ledger.take(from.id, kg) ?? [];
      ledger.transfer(batches, org(toKey));
      links.transferBatchIds[id] = batches.map((b) => b.id);
      transfers.push({
        id,
        transferred_at: isoDateTime(when),
        from_organisation: from,
        to_organisation: org(toKey),
        credit_batch_size_total: quantity(kg),
        notes,
      });
    });
  });

  // Buffer-pool refunds to suppliers, and one reversal the buffer pool covered.
  REFUNDS.forEach((spec, i) => {
    const project = projectOf(spec.project);
    schedule(toMs(spec.at), (at) => {
      const inProject = (b: CreditBatch): boolean => b.project_id === project.id;
      const oldest = ledger.active(bufferPool.id, inProject)[0];
      if (!oldest) throw new Error(`seed: no buffer credits to refund in ${spec.project}`);
      const id = i === 0 ? SAMPLE_IDS.refund : isometricId('bpr', `${i}`);
      const kg = Math.round(oldest.size.credit_kgs * 0.25);
      const batches = ledger.take(bufferPool.id, kg, inProject) ?? [];
      ledger.transfer(batches, project.supplier.organisation);
      links.refundBatchIds[id] = batches.map((b) => b.id);
      refunds.push({
        id,
        refunded_at: isoDateTime(at),
        from_buffer_pool_organisation: bufferPool,
        to_organisation: project.supplier.organisation,
        credit_batch_size_total: quantity(kg),
        notes: spec.notes,
      });
    });
  });

  schedule(toMs(REVERSAL.at), (at) => {
    const project = projectOf(REVERSAL.project);
    const inProject = (b: CreditBatch): boolean => b.project_id === project.id;
    const kg = Math.min(REVERSAL.tonnes * 1000, ledger.availableKg(bufferPool.id, inProject));
    const batches = ledger.take(bufferPool.id, kg, inProject);
    if (!batches) throw new Error('seed: no buffer credits for the reversal');
    retirements.push(makeRetirement(ledger, isometricId('ret', 'reversal'), at, bufferPool, bufferPool, [batches], ['other'], REVERSAL.notes));
  });

  events.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const event of events) event.run(event.at);

  const projectList = [...projects.values()];
  for (const project of projectList) updateProjectTotals(project, issuances, ledger.batches, bufferPool.id);

  return {
    organisations: [...organisations.values()],
    suppliers: [...suppliers.values()],
    projects: projectList,
    projectDocuments,
    issuances,
    creditBatches: ledger.batches,
    orders,
    deliveries,
    retirements,
    transfers,
    refunds,
    stripeConfigurations,
    links,
  };
}

/**
 * Recomputes a project's totals from its issuances and retired batches. Buffer-pool retirements are
 * the retired batches the buffer pool itself owned (credits refunded to a supplier first count as the
 * supplier's).
 */
export function updateProjectTotals(project: Project, issuances: readonly Issuance[], batches: readonly CreditBatch[], bufferPoolId: string): void {
  const own = issuances.filter((i) => i.project_id === project.id);
  const retired = batches.filter((b) => b.project_id === project.id && b.status === 'retired');
  project.issued_credits_total = quantity(sumKg(own, (i) => i.credit_batch_size_total.credit_kgs));
  project.issued_buffer_pool_credits_total = quantity(sumKg(own, (i) => i.buffer_pool_credit_batch_size_total.credit_kgs));
  project.retired_credits_total = quantity(sumKg(retired, (b) => b.size.credit_kgs));
  project.retired_buffer_pool_credits_total = quantity(sumKg(retired.filter((b) => b.owner.id === bufferPoolId), (b) => b.size.credit_kgs));
}

/** Splits `total` into `parts` positive integers of random size that add up to it. */
function splitAmount(random: Random, total: number, parts: number): number[] {
  if (parts <= 1 || total < parts * 1000) return [total];
  const weights = Array.from({ length: parts }, () => 0.5 + random.float());
  const sum = weights.reduce((a, b) => a + b, 0);
  const amounts = weights.map((w) => Math.floor((total * w) / sum));
  amounts[amounts.length - 1] = total - amounts.slice(0, -1).reduce((a, b) => a + b, 0);
  return amounts;
}

/** The id of a catalogue organisation. */
export function organisationId(key: string): string {
  const spec = ORGANISATIONS.find((o) => o.key === key);
  if (!spec) throw new Error(`seed: unknown organisation ${key}`);
  return spec.id ?? isometricId('org', key);
}

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

function makeRetirement(
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
function holdingsByProject(ledger: CreditLedger, owner: Organisation): [projectId: string, kg: number][] {
  const held = new Map<string, number>();
  for (const batch of ledger.active(owner.id)) held.set(batch.project_id, (held.get(batch.project_id) ?? 0) + batch.size.credit_kgs);
  return [...held].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/**
 * Takes credits for a retirement from one project (drawn in proportion to the owner's holdings) or
 * from two (the two largest holdings), never more than 60 % of what the owner holds there.
 */
function takeForRetirement(ledger: CreditLedger, random: Random, owner: Organisation, wantedKg: number, projectCount: 1 | 2): CreditBatch[][] | undefined {
  const holdings = holdingsByProject(ledger, owner);
  if (holdings.length === 0) return undefined;
  const plan =
    projectCount === 2 && holdings.length >= 2
      ? splitBetween(holdings.slice(0, 2), wantedKg, Math.round(wantedKg * (0.4 + random.float() * 0.3)))
      : [random.weighted(holdings, holdings.map(([, held]) => held))].map(([projectId, held]) => ({ projectId, kg: Math.min(wantedKg, Math.floor(held * 0.6)) }));
  if (plan.some(({ kg }) => kg < 10)) return undefined;
  return plan.map(({ projectId, kg }) => ledger.take(owner.id, kg, (b) => b.project_id === projectId) ?? []);
}

function splitBetween(holdings: [projectId: string, kg: number][], wantedKg: number, firstKg: number): { projectId: string; kg: number }[] {
  return holdings.map(([projectId, held], i) => ({ projectId, kg: Math.min(i === 0 ? firstKg : wantedKg - firstKg, Math.floor(held * 0.6)) }));
}

function takeFeatured(ledger: CreditLedger, owner: Organisation, spec: FeaturedRetirementSpec): CreditBatch[][] {
  const holdings = holdingsByProject(ledger, owner);
  if (holdings.length < spec.projects) throw new Error(`seed: ${spec.id} needs credits in ${spec.projects} projects`);
  const perProject = Math.round((spec.tonnes * 1000) / spec.projects);
  return holdings.slice(0, spec.projects).map(([projectId, held]) => {
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
