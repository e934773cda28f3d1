/**
 * The local registry's seeded data set: deterministic (a seeded PRNG and a fixed base date, never the
 * clock), consistent (every total is the sum of the batches behind it) and varied enough to exercise
 * the widgets: all pathways and statuses, split lineage, long and non-Latin notes, a hostile fixture.
 */
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
} from './types.js';
import { simulate } from './seed/simulate.js';

export { SAMPLE_IDS, type SampleIds } from './seed/sample-ids.js';
export { SEED_BASE_DATE } from './seed/catalogue.js';

/**
 * Everything the local registry serves. Entities are the API's own shapes; nested organisations and
 * suppliers are shared objects. Arrays are in creation order; the registry sorts per endpoint.
 */
export interface RegistryDataSet {
  organisations: Organisation[];
  suppliers: Supplier[];
  projects: Project[];
  projectDocuments: ProjectDocument[];
  issuances: Issuance[];
  creditBatches: CreditBatch[];
  orders: Order[];
  deliveries: Delivery[];
  retirements: Retirement[];
  transfers: Transfer[];
  refunds: BufferPoolRefund[];
  /** Stripe Connect set-up by supplier id; a supplier without one has no entry. */
  stripeConfigurations: Record<string, SupplierStripeConfiguration>;
  /** Relations the API shapes do not carry. */
  links: {
    /** Creation instant by project id (supplier projects are listed newest created first). */
    projectCreatedAt: Record<string, string>;
    /** The batches each issuance created, as issued (some are split since). */
    issuanceBatchIds: Record<string, { supplier: string[]; bufferPool: string[] }>;
    /** The batches each delivery handed over, as delivered (some are split since). */
    deliveryBatchIds: Record<string, string[]>;
    /** The batches each transfer moved. */
    transferBatchIds: Record<string, string[]>;
    /** The batches each buffer-pool refund moved. */
    refundBatchIds: Record<string, string[]>;
  };
}

/**
 * Builds a fresh copy of the seeded data set; calls with the same `nowMs` return equal data. `nowMs`
 * (default the clock) dates only SAMPLE_IDS.recentRetirement, a few minutes before it.
 */
export function createDataSet(nowMs: number = Date.now()): RegistryDataSet {
  return simulate(nowMs);
}
