/**
 * The data set with its indexes and the queries the routes need: lookups by id, an organisation's
 * batches and balances, and minting live retirements.
 */
import type { RegistryDataSet } from './data.js';
import { CreditLedger } from './ledger.js';
import { SAMPLE_IDS } from './seed/sample-ids.js';
import { hashString, isometricId, Random } from './seed/random.js';
import { organisationId } from './seed/catalogue.js';
import { drawRetirement } from './seed/retirements.js';
import { updateProjectTotals } from './seed/simulate.js';
import type { CreditBalance, CreditBatch, Organisation, OrganisationCreditBalance, Retirement } from './types.js';
import { quantity, toMs } from './units.js';

type WithId = { id: string };

function indexById<T extends WithId>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export class RegistryStore {
  readonly ledger: CreditLedger;
  readonly organisations: Map<string, RegistryDataSet['organisations'][number]>;
  readonly suppliers: Map<string, RegistryDataSet['suppliers'][number]>;
  readonly projects: Map<string, RegistryDataSet['projects'][number]>;
  readonly issuances: Map<string, RegistryDataSet['issuances'][number]>;
  readonly orders: Map<string, RegistryDataSet['orders'][number]>;
  readonly deliveries: Map<string, RegistryDataSet['deliveries'][number]>;
  readonly retirements: Map<string, RegistryDataSet['retirements'][number]>;
  readonly transfers: Map<string, RegistryDataSet['transfers'][number]>;
  readonly refunds: Map<string, RegistryDataSet['refunds'][number]>;

  constructor(readonly data: RegistryDataSet) {
    this.ledger = new CreditLedger(data.creditBatches);
    this.organisations = indexById(data.organisations);
    this.suppliers = indexById(data.suppliers);
    this.projects = indexById(data.projects);
    this.issuances = indexById(data.issuances);
    this.orders = indexById(data.orders);
    this.deliveries = indexById(data.deliveries);
    this.retirements = indexById(data.retirements);
    this.transfers = indexById(data.transfers);
    this.refunds = indexById(data.refunds);
  }

  /** Batches by id, in the given order, skipping none (links only name existing batches). */
  batchesById(ids: readonly string[]): CreditBatch[] {
    return ids.map((id) => this.ledger.get(id)).filter((b): b is CreditBatch => b !== undefined);
  }

  /**
   * The batches an organisation owns or that were retired on its behalf, in any status: what
   * `GET /organisations/{id}/credit_batches` filters and the credit balance sums (split parents aside).
   */
  organisationBatches(organisationId: string): CreditBatch[] {
    return this.data.creditBatches.filter((b) => b.owner.id === organisationId || (b.status === 'retired' && b.beneficiary?.id === organisationId));
  }

  /**
   * Active and retired credits an organisation owns (the spec: "credits owned by the given
   * organisation"), in total and by supplier, project and order. Credits retired on its behalf by
   * another owner are that owner's; the retirements list by beneficiary says what it may claim.
   */
  creditBalance(organisationId: string): OrganisationCreditBalance {
    const batches = this.data.creditBatches.filter((b) => b.owner.id === organisationId && b.status !== 'split');
    const orderOf = (b: CreditBatch): string | undefined => {
      const order = b.delivery_id ? this.orders.get(this.deliveries.get(b.delivery_id)?.order_id ?? '') : undefined;
      return order && order.buyer_organisation.id === organisationId ? order.id : undefined;
    };
    const group = (keyOf: (b: CreditBatch) => string | undefined): [string, CreditBalance][] => {
      const groups = new Map<string, CreditBatch[]>();
      for (const batch of batches) {
        const key = keyOf(batch);
        if (key === undefined) continue;
        const members = groups.get(key);
        if (members) members.push(batch);
        else groups.set(key, [batch]);
      }
      return [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, members]) => [key, balanceOf(members)]);
    };
    return {
      total: balanceOf(batches),
      supplier_balances: group((b) => b.supplier_id).map(([supplier_id, total]) => ({ supplier_id, total })),
      project_balances: group((b) => b.project_id).map(([project_id, total]) => ({ project_id, total })),
      order_balances: group(orderOf).map(([order_id, total]) => ({ order_id, total })),
    };
  }

  /** Organisations the given one has retired for, itself excluded, for `GET /beneficiaries`. */
  beneficiariesOf(organisationId: string): Organisation[] {
    return uniqueById(this.data.retirements.filter((r) => r.owner.id === organisationId).map((r) => r.beneficiary)).filter((o) => o.id !== organisationId);
  }

  /** Organisations the given one has delivered or transferred credits to, for `GET /transferees`. */
  transfereesOf(organisationId: string): Organisation[] {
    const delivered = this.data.deliveries.filter((d) => d.from_supplier.organisation.id === organisationId).map((d) => d.to_organisation);
    const transferred = this.data.transfers.filter((t) => t.from_organisation.id === organisationId).map((t) => t.to_organisation);
    return uniqueById([...delivered, ...transferred]).filter((o) => o.id !== organisationId);
  }

  /**
   * Mints a plausible retirement dated `nowMs` (or one second after the newest, if the clock is
   * behind the seed) from credits someone still holds, and records it like any other.
   */
  addRetirement(nowMs: number): Retirement {
    const count = this.data.retirements.length;
    const newest = Math.max(...this.data.retirements.map((r) => toMs(r.retired_at)));
    const at = Math.max(nowMs, newest + 1000);
    const context = { random: new Random(hashString(`live:${count}`)), ledger: this.ledger, organisation: (key: string) => this.organisationByKey(key) };
    let id = isometricId('ret', `live:${count}`);
    for (let n = 1; this.retirements.has(id); n++) id = isometricId('ret', `live:${count}:${n}`);
    const retirement = drawRetirement(context, id, at);
    if (!retirement) throw new Error('The local registry has no active credits left to retire.');
    this.data.retirements.push(retirement);
    this.retirements.set(retirement.id, retirement);
    const touched = new Set(this.data.creditBatches.filter((b) => b.retirement_id === retirement.id).map((b) => b.project_id));
    for (const projectId of touched) {
      const project = this.projects.get(projectId);
      if (project) updateProjectTotals(project, this.data.issuances, this.data.creditBatches, SAMPLE_IDS.bufferPoolOrganisation);
    }
    return retirement;
  }

  private organisationByKey(key: string): Organisation {
    const found = this.organisations.get(organisationId(key));
    if (!found) throw new Error(`unknown organisation ${key}`);
    return found;
  }
}

function balanceOf(batches: readonly CreditBatch[]): CreditBalance {
  let active = 0;
  let retired = 0;
  for (const batch of batches) {
    if (batch.status === 'active') active += batch.size.credit_kgs;
    else if (batch.status === 'retired') retired += batch.size.credit_kgs;
  }
  return { active_credits_total: quantity(active), retired_credits_total: quantity(retired) };
}

function uniqueById<T extends WithId>(items: readonly T[]): T[] {
  return [...indexById(items).values()];
}
