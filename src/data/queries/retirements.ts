import { byId } from '../query.js';

/** A retirement. */
export const retirementQuery = byId('retirement', '/retirements/{id}');

/** The credit batches a retirement retired. */
export const retirementBatchesQuery = byId('retirement-credit-batches', '/retirements/{id}/credit_batches');
