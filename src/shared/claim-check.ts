/**
 * A retirement's claim checked against the registry records behind it: before a page states "12.5 t
 * retired for Acme", the retirement's credit batches must support it. The rules come from the spec
 * (docs/claims.md): a retirement's credits come from one supplier, its amount is the sum of its
 * batches, each batch is retired into this retirement for the same beneficiary, and a buffer-pool
 * retirement is nobody's claim.
 *
 * Plain TypeScript over structural types, like claims.ts: the certificate and the badges share it.
 */
import { isBufferRetirement, kilograms, type QuantityRef, type RetirementRef } from './claims.js';

/** What the check verifies, in the order a list of them reads. */
export type ClaimRule = 'sum' | 'retired' | 'one-supplier' | 'retirement-id' | 'beneficiary' | 'not-buffer';

/** Every rule, in the order they are checked and listed. */
export const CLAIM_RULES: readonly ClaimRule[] = ['sum', 'retired', 'one-supplier', 'retirement-id', 'beneficiary', 'not-buffer'];

/** The fields of a retirement the check reads. */
export interface CheckedRetirement extends RetirementRef {
  readonly id?: unknown;
  readonly credit_batch_size_total?: QuantityRef | null;
}

/** The fields of a credit batch the check reads. */
export interface CheckedBatch {
  readonly id?: unknown;
  readonly status?: unknown;
  readonly size?: QuantityRef | null;
  readonly supplier_id?: unknown;
  readonly retirement_id?: unknown;
  readonly beneficiary?: { readonly id?: unknown } | null;
}

/** A rule the records break, with what it found. Batch lists hold batch ids (or `?` for a batch without one). */
export type ClaimFailure =
  /** The batches add up to `batchesKgs`, not the retirement's `retirementKgs` (or there are no batches). */
  | { rule: 'sum'; retirementKgs: bigint; batchesKgs: bigint; batchCount: number }
  /** These batches are not `retired`; `status` is what the record says (`unknown` when it says nothing readable). */
  | { rule: 'retired'; batches: readonly { id: string; status: string }[] }
  /** The batches name more than one supplier, or a batch names none (`undefined` in `supplierIds`). */
  | { rule: 'one-supplier'; supplierIds: readonly (string | undefined)[] }
  /** These batches name another retirement, or none. */
  | { rule: 'retirement-id'; batchIds: readonly string[] }
  /** These batches name a beneficiary other than the retirement's. */
  | { rule: 'beneficiary'; batchIds: readonly string[] }
  /** Owner and beneficiary are the buffer pool: a reversal's compensation, not a buyer's claim. */
  | { rule: 'not-buffer' };

/** The outcome: the rules checked, and the ones the records break (none when the claim holds). */
export interface ClaimCheck {
  readonly rules: readonly ClaimRule[];
  readonly failures: readonly ClaimFailure[];
  readonly passed: boolean;
}

export interface ClaimCheckOptions {
  /** The buffer pool's organisation ids, where known; else the buffer pool is known by its name (claims.ts). */
  bufferPoolIds?: readonly string[];
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function batchId(batch: CheckedBatch): string {
  return idOf(batch.id) ?? '?';
}

/**
 * Checks a retirement against its credit batches as the registry returned them. Amounts compare
 * as exact kilograms (`credit_kgs`); a batch beneficiary that is not given is not compared, but a
 * batch without a supplier or a retirement id fails the rule that needs it, since nothing then
 * shows that it belongs.
 */
export function checkRetirementClaim(retirement: CheckedRetirement, batches: readonly CheckedBatch[], options: ClaimCheckOptions = {}): ClaimCheck {
  const failures: ClaimFailure[] = [];

  const retirementKgs = kilograms(retirement.credit_batch_size_total);
  const batchesKgs = batches.reduce((sum, batch) => sum + kilograms(batch.size), 0n);
  if (batches.length === 0 || batchesKgs !== retirementKgs) failures.push({ rule: 'sum', retirementKgs, batchesKgs, batchCount: batches.length });

  const notRetired = batches.filter((batch) => batch.status !== 'retired').map((batch) => ({ id: batchId(batch), status: idOf(batch.status) ?? 'unknown' }));
  if (notRetired.length > 0) failures.push({ rule: 'retired', batches: notRetired });

  const supplierIds = [...new Set(batches.map((batch) => idOf(batch.supplier_id)))];
  if (supplierIds.length > 1 || supplierIds[0] === undefined) {
    if (batches.length > 0) failures.push({ rule: 'one-supplier', supplierIds });
  }

  const ownId = idOf(retirement.id);
  const elsewhere = batches.filter((batch) => ownId === undefined || idOf(batch.retirement_id) !== ownId).map(batchId);
  if (elsewhere.length > 0) failures.push({ rule: 'retirement-id', batchIds: elsewhere });

  const beneficiaryId = idOf(retirement.beneficiary?.id);
  const otherBeneficiary = batches
    .filter((batch) => {
      const given = idOf(batch.beneficiary?.id);
      return given !== undefined && given !== beneficiaryId;
    })
    .map(batchId);
  if (otherBeneficiary.length > 0) failures.push({ rule: 'beneficiary', batchIds: otherBeneficiary });

  if (isBufferRetirement(retirement, options.bufferPoolIds)) failures.push({ rule: 'not-buffer' });

  return { rules: CLAIM_RULES, failures, passed: failures.length === 0 };
}
