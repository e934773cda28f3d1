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
  Supplier,
  SupplierStripeConfiguration,
  Transfer,
} from '../types.js';
import { addDays, addMonths, isoDate, isoDateTime, quantity, sumKg, toMs } from '../units.js';
import {
  DELIVERY_NOTES,
  FEATURED_RETIREMENTS,
  organisationId,
  ORDERS,
  ORDER_TONNES,
  ORGANISATIONS,
  type ProjectSpec,
  PROJECTS,
  RECENT_RETIREMENT,
  REFUNDS,
  REVERSAL,
  SEED,
  SEED_BASE_DATE,
  SUPPLIERS,
  TRANSFER_PAIRS,
} from './catalogue.js';
import { isometricId, Random, shortCode } from './random.js';
import { drawRetirement, holdingsByProject, holdingsBySupplier, makeRetirement, REGISTRY_ORIGIN, takeFeatured } from './retirements.js';
import { SAMPLE_IDS } from './sample-ids.js';

/** How many retirements the seed plans besides the featured ones; a few may find no credits. */
const PLANNED_RETIREMENTS = 330;
const TERMS_URL = 'https://isometric.com/legal/stripe-checkout-terms';
const DAY_MS = 86_400_000;

/**
 * Builds the whole seeded data set. Pure: the same `nowMs` gives the same output. `nowMs` dates only
 * the one recent retirement (RECENT_RETIREMENT, a few minutes before it); everything else is fixed.
 */
export function simulate(nowMs: number): RegistryDataSet {
  return new Simulation().run(nowMs);
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

interface ScheduledEvent {
  at: number;
  order: number;
  run: (at: number) => void;
}

/**
 * One run of the seed. The catalogue's entities are built first; each later phase only schedules
 * events (drawing the random numbers that do not depend on state), and `run` replays them in time order.
 */
class Simulation {
  private readonly random = new Random(SEED);
  private readonly baseMs = toMs(SEED_BASE_DATE);
  private readonly ledger = new CreditLedger();
  private readonly events: ScheduledEvent[] = [];

  private readonly organisations = new Map<string, Organisation>();
  private readonly suppliers = new Map<string, Supplier>();
  private readonly projects = new Map<string, Project>();
  private readonly stripeConfigurations: Record<string, SupplierStripeConfiguration> = {};
  private readonly projectDocuments: ProjectDocument[] = [];
  private readonly issuances: Issuance[] = [];
  private readonly orders: Order[] = [];
  private readonly deliveries: Delivery[] = [];
  private readonly retirements: Retirement[] = [];
  private readonly transfers: Transfer[] = [];
  private readonly refunds: BufferPoolRefund[] = [];
  private readonly links: RegistryDataSet['links'] = {
    projectCreatedAt: {},
    issuanceBatchIds: {},
    deliveryBatchIds: {},
    transferBatchIds: {},
    refundBatchIds: {},
  };

  run(nowMs: number): RegistryDataSet {
    this.buildCatalogue();
    for (const spec of PROJECTS) this.scheduleIssuances(spec);
    ORDERS.forEach((spec, i) => this.scheduleOrder(spec, i));
    this.scheduleRetirements();
    TRANSFER_PAIRS.forEach(([from, to], i) => this.scheduleTransfer(from, to, i));
    this.scheduleBufferPoolEvents();

    this.events.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const event of this.events) event.run(event.at);
    this.addRecentRetirement(nowMs);

    const projects = [...this.projects.values()];
    for (const project of projects) updateProjectTotals(project, this.issuances, this.ledger.batches, this.bufferPool.id);
    return {
      organisations: [...this.organisations.values()],
      suppliers: [...this.suppliers.values()],
      projects,
      projectDocuments: this.projectDocuments,
      issuances: this.issuances,
      creditBatches: this.ledger.batches,
      orders: this.orders,
      deliveries: this.deliveries,
      retirements: this.retirements,
      transfers: this.transfers,
      refunds: this.refunds,
      stripeConfigurations: this.stripeConfigurations,
      links: this.links,
    };
  }

  private schedule(at: number, run: (at: number) => void): void {
    if (at <= this.baseMs) this.events.push({ at, order: this.events.length, run });
  }

  private get bufferPool(): Organisation {
    return this.organisation('buffer-pool');
  }

  private organisation = (key: string): Organisation => lookup(this.organisations, key, 'organisation');
  private supplier = (key: string): Supplier => lookup(this.suppliers, key, 'supplier');
  private project = (key: string): Project => lookup(this.projects, key, 'project');

  /** Organisations, suppliers (with Stripe set-ups), projects and their documents, from the catalogue. */
  private buildCatalogue(): void {
    for (const spec of ORGANISATIONS) this.organisations.set(spec.key, { id: organisationId(spec.key), name: spec.name, domain: spec.domain });
    for (const spec of SUPPLIERS) {
      const supplier: Supplier = {
        id: spec.id ?? isometricId('spl', spec.key),
        short_description: spec.shortDescription,
        long_description: spec.longDescription,
        organisation: this.organisation(spec.organisation),
        location: spec.location,
      };
      this.suppliers.set(spec.key, supplier);
      if (!spec.stripe) continue;
      this.stripeConfigurations[supplier.id] = {
        id: isometricId('ssc', spec.key),
        account_id: `acct_${isometricId('acct', spec.key).slice(5)}`,
        credit_product_price_per_tonne: spec.stripe.creditPrice,
        verification_product_price_per_tonne: spec.stripe.verificationPrice,
        currency: spec.stripe.currency,
        isometric_terms_and_conditions_url: TERMS_URL,
      };
    }
    for (const spec of PROJECTS) {
      const id = spec.id ?? isometricId('prj', spec.key);
      this.projects.set(spec.key, {
        id,
        name: spec.name,
        supplier: this.supplier(spec.supplier),
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
      this.links.projectCreatedAt[id] = spec.createdAt;
      spec.documents.forEach((name, i) => {
        const documentId = isometricId('pjd', `${spec.key}:${i}`);
        this.projectDocuments.push({ id: documentId, display_name: name, project_id: id, url: `${REGISTRY_ORIGIN}/documents/${documentId}/${slugify(name)}.pdf` });
      });
    }
  }

  /** A project's issuances: supplier batches for its supplier, a buffer-pool batch for the buffer pool. */
  private scheduleIssuances(spec: ProjectSpec): void {
    const plan = spec.issuances;
    if (!plan) return;
    const { random } = this;
    const project = this.project(spec.key);
    const supplier = this.supplier(spec.supplier);
    let serial = random.int(1_000, 90_000);
    const [creditingStart, creditingEnd] = (spec.crediting ?? []).map((day) => toMs(`${day}T00:00:00Z`));
    if (creditingStart === undefined || creditingEnd === undefined) throw new Error(`seed: ${spec.key} issues credits without a crediting period`);
    for (let n = 0; n < plan.count; n++) {
      const at = addMonths(toMs(`${plan.first}T00:00:00Z`), n * plan.everyMonths) + random.int(8 * 60, 17 * 60) * 60_000;
      const totalKg = random.int(plan.minTonnes, plan.maxTonnes) * 1000 + random.int(0, 999);
      const bufferKg = Math.round(totalKg * plan.bufferShare);
      const parts = random.int(1, 3);
      const periodEnd = addDays(at, -random.int(20, 45));
      // A reporting period lies inside the crediting period: the first one starts when crediting does.
      const periodStart = Math.max(creditingStart, addDays(addMonths(periodEnd, -plan.everyMonths), 1));
      if (periodEnd <= periodStart || periodEnd > creditingEnd) throw new Error(`seed: issuance ${n} of ${spec.key} falls outside its crediting period`);
      this.schedule(at, () => {
        const id = spec.key === 'lausitz' && n === 0 ? SAMPLE_IDS.issuance : isometricId('iss', `${spec.key}:${n}`);
        const issuedAt = isoDateTime(at);
        // The serial number's year is the year of issue, so every batch of an issuance (and every split child) shares it.
        const serialYear = new Date(at).getUTCFullYear();
        const batch = (key: string, kg: number, owner: Organisation, withCarbon: boolean): CreditBatch => {
          const start = serial;
          serial += kg;
          const profile = withCarbon ? plan.carbon : null;
          const vary = (share: number): number => Math.round(kg * share * (0.85 + random.float() * 0.3));
          return this.ledger.add({
            id: key === 's0' && id === SAMPLE_IDS.issuance ? SAMPLE_IDS.splitCreditBatch : isometricId('ctb', `${id}:${key}`),
            serial_number: `ISO-1-${spec.serialCode}-${spec.countryCode}-${project.short_code}-${serialYear}-${start}-${start + kg}`,
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
        const bufferBatches = bufferKg > 0 ? [batch('b0', bufferKg, this.bufferPool, false)] : [];
        this.links.issuanceBatchIds[id] = { supplier: supplierBatches.map((b) => b.id), bufferPool: bufferBatches.map((b) => b.id) };
        this.issuances.push({
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

  /** An order and its planned deliveries; each delivers what the supplier holds then, up to the plan. */
  private scheduleOrder(spec: (typeof ORDERS)[number], index: number): void {
    const { random } = this;
    const supplier = this.supplier(spec.supplier);
    const buyer = this.organisation(spec.buyer);
    const firstOrderMs = toMs('2024-03-01T00:00:00Z');
    const lastOrderMs = toMs('2026-04-30T00:00:00Z');
    const contractMs = spec.contractDate ? toMs(`${spec.contractDate}T00:00:00Z`) : firstOrderMs + random.float() * (lastOrderMs - firstOrderMs);
    const [minTonnes, maxTonnes] = ORDER_TONNES[spec.supplier] ?? [100, 1000];
    const orderedKg = random.int(minTonnes, maxTonnes) * 1000;
    const order: Order = {
      id: spec.id ?? isometricId('ord', `${spec.buyer}:${spec.supplier}:${index}`),
      effective_contract_date: isoDate(contractMs),
      fulfilled_at: null,
      buyer_organisation: buyer,
      supplier,
      status: 'placed',
      credits_ordered: quantity(orderedKg),
      credits_delivered: quantity(0),
    };
    this.orders.push(order);
    // Pinned orders always deliver; one in ten of the others is still waiting for its first delivery.
    if (!spec.contractDate && random.chance(0.1)) return;
    const count = spec.contractDate ? random.int(2, 4) : random.int(1, 4);
    const offsets = Array.from({ length: count }, () => random.int(45, 540)).sort((a, b) => a - b);
    const planned = splitAmount(random, orderedKg, count);
    offsets.forEach((days, n) => {
      const plannedKg = planned[n] ?? 0;
      const notes = random.pick(DELIVERY_NOTES);
      this.schedule(contractMs + days * DAY_MS + random.int(9 * 60, 16 * 60) * 60_000, (at) => {
        const id = order.id === SAMPLE_IDS.order && n === 0 ? SAMPLE_IDS.delivery : isometricId('dlv', `${order.id}:${n}`);
        this.deliver(order, id, plannedKg, notes, at);
      });
    });
  }

  private deliver(order: Order, id: string, plannedKg: number, notes: string | null, at: number): void {
    const from = order.supplier.organisation;
    // A delivery comes from one project, drawn in proportion to the supplier's stock.
    const stock = holdingsByProject(this.ledger, from);
    if (stock.length === 0) return;
    const [projectId, held] = this.random.weighted(stock, stock.map(([, kg]) => kg));
    const kg = Math.min(plannedKg, order.credits_ordered.credit_kgs - order.credits_delivered.credit_kgs, held);
    if (kg < 1000) return;
    const batches = this.ledger.take(from.id, kg, (b) => b.project_id === projectId) ?? [];
    const deliveredAt = isoDateTime(at);
    this.ledger.deliver(batches, id, order.buyer_organisation, deliveredAt);
    this.links.deliveryBatchIds[id] = batches.map((b) => b.id);
    this.deliveries.push({
      id,
      delivered_at: deliveredAt,
      order_id: order.id,
      from_supplier: order.supplier,
      to_organisation: order.buyer_organisation,
      credit_batch_size_total: quantity(kg),
      url: `${REGISTRY_ORIGIN}/delivery/${id}`,
      notes,
    });
    order.credits_delivered = quantity(order.credits_delivered.credit_kgs + kg);
    const complete = order.credits_delivered.credit_kgs === order.credits_ordered.credit_kgs;
    order.status = complete ? 'completed' : 'in_progress';
    if (complete) order.fulfilled_at = deliveredAt;
  }

  /** Drawn retirements, more of them as time goes on, plus the featured ones at their fixed dates. */
  private scheduleRetirements(): void {
    const context = { random: this.random, ledger: this.ledger, organisation: this.organisation };
    const startMs = toMs('2024-07-01T00:00:00Z');
    for (let n = 0; n < PLANNED_RETIREMENTS; n++) {
      // Activity grows over time, as it does on a young registry.
      const at = startMs + Math.sqrt(this.random.float()) * (this.baseMs - 3_600_000 - startMs);
      this.schedule(at, (when) => {
        const retirement = drawRetirement(context, isometricId('ret', `seed:${n}`), when);
        if (retirement) this.retirements.push(retirement);
      });
    }
    for (const spec of FEATURED_RETIREMENTS) {
      this.schedule(toMs(spec.at), (at) => {
        const owner = this.organisation(spec.owner);
        const parts = takeFeatured(this.ledger, owner, spec, spec.supplier ? this.supplier(spec.supplier).id : undefined);
        this.retirements.push(makeRetirement(this.ledger, spec.id, at, owner, this.organisation(spec.beneficiary), parts, [...spec.purposes], spec.notes));
      });
    }
  }

  /** A transfer of 10–30 % of what the sender holds then; the first one is SAMPLE_IDS.transfer. */
  private scheduleTransfer(fromKey: string, toKey: string, index: number): void {
    const firstMs = toMs('2024-10-01T00:00:00Z');
    const at = index === 0 ? toMs('2025-08-19T11:00:00Z') : firstMs + this.random.float() * (this.baseMs - 2 * DAY_MS - firstMs);
    const share = 0.1 + this.random.float() * 0.2;
    const notes = this.random.chance(0.5) ? null : `Reallocation of credits to ${this.organisation(toKey).name}.`;
    this.schedule(at, (when) => {
      const from = this.organisation(fromKey);
      const to = this.organisation(toKey);
      // All credits of a transfer come from one supplier: the one the sender holds most of.
      const supplier = holdingsBySupplier(this.ledger, from)[0];
      const available = supplier?.kg ?? 0;
      if (!supplier || available < 2000) {
        if (index === 0) throw new Error('seed: the sample transfer found no credits');
        return;
      }
      const id = index === 0 ? SAMPLE_IDS.transfer : isometricId('tfr', `${index}`);
      const kg = Math.round(available * share);
      const batches = this.ledger.take(from.id, kg, (b) => b.supplier_id === supplier.supplierId) ?? [];
      this.ledger.transfer(batches, to);
      this.links.transferBatchIds[id] = batches.map((b) => b.id);
      this.transfers.push({ id, transferred_at: isoDateTime(when), from_organisation: from, to_organisation: to, credit_batch_size_total: quantity(kg), notes });
    });
  }

  /**
   * RECENT_RETIREMENT, dated a few minutes before `nowMs` (or a second after the newest retirement when
   * the clock is behind the seed), so the newest entry of a live feed is recent when the registry starts.
   */
  private addRecentRetirement(nowMs: number): void {
    const spec = RECENT_RETIREMENT;
    const newest = Math.max(...this.retirements.map((r) => toMs(r.retired_at)));
    const at = Math.max(nowMs - spec.minutesAgo * 60_000, newest + 1000);
    const owner = this.organisation(spec.owner);
    const parts = takeFeatured(this.ledger, owner, spec);
    this.retirements.push(makeRetirement(this.ledger, spec.id, at, owner, this.organisation(spec.beneficiary), parts, [...spec.purposes], spec.notes));
  }

  /** Buffer-pool refunds to suppliers, and one reversal the buffer pool covered by retiring credits. */
  private scheduleBufferPoolEvents(): void {
    const bufferPool = this.bufferPool;
    REFUNDS.forEach((spec, i) => {
      const project = this.project(spec.project);
      this.schedule(toMs(spec.at), (at) => {
        const inProject = (b: CreditBatch): boolean => b.project_id === project.id;
        const oldest = this.ledger.active(bufferPool.id, inProject)[0];
        if (!oldest) throw new Error(`seed: no buffer credits to refund in ${spec.project}`);
        const id = i === 0 ? SAMPLE_IDS.refund : isometricId('bpr', `${i}`);
        const kg = Math.round(oldest.size.credit_kgs * 0.25);
        const batches = this.ledger.take(bufferPool.id, kg, inProject) ?? [];
        this.ledger.transfer(batches, project.supplier.organisation);
        this.links.refundBatchIds[id] = batches.map((b) => b.id);
        this.refunds.push({
          id,
          refunded_at: isoDateTime(at),
          from_buffer_pool_organisation: bufferPool,
          to_organisation: project.supplier.organisation,
          credit_batch_size_total: quantity(kg),
          notes: spec.notes,
        });
      });
    });

    this.schedule(toMs(REVERSAL.at), (at) => {
      const project = this.project(REVERSAL.project);
      const inProject = (b: CreditBatch): boolean => b.project_id === project.id;
      const kg = Math.min(REVERSAL.tonnes * 1000, this.ledger.availableKg(bufferPool.id, inProject));
      const batches = this.ledger.take(bufferPool.id, kg, inProject);
      if (!batches) throw new Error('seed: no buffer credits for the reversal');
      this.retirements.push(makeRetirement(this.ledger, isometricId('ret', 'reversal'), at, bufferPool, bufferPool, [batches], ['other'], REVERSAL.notes));
    });
  }
}

function lookup<T>(items: ReadonlyMap<string, T>, key: string, kind: string): T {
  const found = items.get(key);
  if (found === undefined) throw new Error(`seed: unknown ${kind} ${key}`);
  return found;
}

/** Lower-case, hyphenated, ASCII-only: for url paths. */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
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
