import { isometricId } from './seed/random.js';
import type { CarbonRemovalData, CreditBatch, Organisation } from './types.js';
import { quantity } from './units.js';

/** Selects batches, e.g. by project. */
export type BatchFilter = (batch: CreditBatch) => boolean;

const byIssuedThenId = (a: CreditBatch, b: CreditBatch): number =>
  a.issued_at < b.issued_at ? -1 : a.issued_at > b.issued_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The credit batches and the only operations that change them, so every change keeps the registry's
 * invariants: a batch is split, never shrunk; a split parent keeps its size and points at two children
 * that share its supplier, project and issuance and add up to it (size, serial range, carbon data).
 */
export class CreditLedger {
  readonly batches: CreditBatch[];
  private readonly index = new Map<string, CreditBatch>();
  /** Active batches by owner id; kept in step by every method that changes a status or an owner. */
  private readonly activeByOwner = new Map<string, Set<CreditBatch>>();

  constructor(batches: CreditBatch[] = []) {
    this.batches = batches;
    for (const batch of batches) {
      this.index.set(batch.id, batch);
      this.track(batch);
    }
  }

  get(id: string): CreditBatch | undefined {
    return this.index.get(id);
  }

  add(batch: CreditBatch): CreditBatch {
    if (this.index.has(batch.id)) throw new Error(`duplicate credit batch id ${batch.id}`);
    this.batches.push(batch);
    this.index.set(batch.id, batch);
    this.track(batch);
    return batch;
  }

  /** Active batches the organisation owns, oldest issued first (the order "from oldest credits" uses). */
  active(ownerId: string, where: BatchFilter = () => true): CreditBatch[] {
    return [...(this.activeByOwner.get(ownerId) ?? [])].filter(where).sort(byIssuedThenId);
  }

  availableKg(ownerId: string, where: BatchFilter = () => true): number {
    let total = 0;
    for (const batch of this.activeByOwner.get(ownerId) ?? []) if (where(batch)) total += batch.size.credit_kgs;
    return total;
  }

  /**
   * Splits an active batch in two: the left child holds `kg`, the right child the rest.
   * Returns the children; the parent becomes `split`.
   */
  split(parent: CreditBatch, kg: number): [CreditBatch, CreditBatch] {
    const size = parent.size.credit_kgs;
    if (parent.status !== 'active' || !Number.isInteger(kg) || kg <= 0 || kg >= size) {
      throw new RangeError(`cannot split ${kg} kg off ${parent.status} batch ${parent.id} of ${size} kg`);
    }
    const serial = /^(.*)-(\d+)-(\d+)$/.exec(parent.serial_number);
    const [prefix, start] = serial ? [serial[1], Number(serial[2])] : [parent.serial_number, 0];
    const [leftCarbon, rightCarbon] = splitCarbon(parent.carbon_removal_data, kg, size);
    const child = (side: 'L' | 'R', childKg: number, from: number, carbon: CarbonRemovalData | null): CreditBatch => ({
      ...parent,
      status: 'active',
      id: isometricId('ctb', `${parent.id}:${side}`),
      serial_number: `${prefix}-${from}-${from + childKg}`,
      size: quantity(childKg),
      parent_id: parent.id,
      left_child_id: null,
      right_child_id: null,
      carbon_removal_data: carbon,
    });
    this.untrack(parent);
    parent.status = 'split';
    const left = this.add(child('L', kg, start, leftCarbon));
    const right = this.add(child('R', size - kg, start + kg, rightCarbon));
    parent.left_child_id = left.id;
    parent.right_child_id = right.id;
    return [left, right];
  }

  /**
   * Takes exactly `kg` from the organisation's active batches, oldest first, splitting the last one
   * used. Returns the batches that now hold exactly that amount, or `undefined` (changing nothing)
   * when the organisation holds less.
   */
  take(ownerId: string, kg: number, where?: BatchFilter): CreditBatch[] | undefined {
    const candidates = this.active(ownerId, where);
    if (kg <= 0 || candidates.reduce((sum, b) => sum + b.size.credit_kgs, 0) < kg) return undefined;
    const taken: CreditBatch[] = [];
    let remaining = kg;
    for (const batch of candidates) {
      if (remaining === 0) break;
      if (batch.size.credit_kgs <= remaining) {
        taken.push(batch);
        remaining -= batch.size.credit_kgs;
      } else {
        taken.push(this.split(batch, remaining)[0]);
        remaining = 0;
      }
    }
    return taken;
  }

  /** Hands batches to a buyer as part of a delivery. */
  deliver(batches: CreditBatch[], deliveryId: string, to: Organisation, at: string): void {
    for (const batch of batches) {
      this.untrack(batch);
      Object.assign(batch, { owner: to, delivery_id: deliveryId, delivered_at: at });
      this.track(batch);
    }
  }

  /** Moves batches to another owner (a transfer or a buffer-pool refund). */
  transfer(batches: CreditBatch[], to: Organisation): void {
    for (const batch of batches) {
      this.untrack(batch);
      batch.owner = to;
      this.track(batch);
    }
  }

  /** Retires batches on behalf of a beneficiary; the owner stays who retired them. */
  retire(batches: CreditBatch[], retirementId: string, beneficiary: Organisation, at: string): void {
    for (const batch of batches) {
      this.untrack(batch);
      Object.assign(batch, { status: 'retired', retirement_id: retirementId, retired_at: at, beneficiary });
    }
  }

  private track(batch: CreditBatch): void {
    if (batch.status !== 'active') return;
    let owned = this.activeByOwner.get(batch.owner.id);
    if (!owned) this.activeByOwner.set(batch.owner.id, (owned = new Set()));
    owned.add(batch);
  }

  private untrack(batch: CreditBatch): void {
    this.activeByOwner.get(batch.owner.id)?.delete(batch);
  }
}

/** Divides carbon-removal data between two children so each side's figures, and the two sides' sums, stay exact. */
function splitCarbon(data: CarbonRemovalData | null, leftKg: number, totalKg: number): [CarbonRemovalData | null, CarbonRemovalData | null] {
  if (!data) return [null, null];
  const share = (value: number): number => Math.round((value * leftKg) / totalKg);
  const left = carbonData(leftKg, share(data.emissions_kg), share(data.counterfactuals_kg), share(data.losses_kg));
  const right = carbonData(
    data.net_carbon_removed_kg - leftKg,
    data.emissions_kg - left.emissions_kg,
    data.counterfactuals_kg - left.counterfactuals_kg,
    data.losses_kg - left.losses_kg,
  );
  return [left, right];
}

/** Carbon-removal data whose gross is, by construction, net + emissions + counterfactuals + losses. */
export function carbonData(netKg: number, emissionsKg: number, counterfactualsKg: number, lossesKg: number): CarbonRemovalData {
  return {
    gross_carbon_removed_kg: netKg + emissionsKg + counterfactualsKg + lossesKg,
    net_carbon_removed_kg: netKg,
    emissions_kg: emissionsKg,
    counterfactuals_kg: counterfactualsKg,
    losses_kg: lossesKg,
  };
}
