import { unwrap } from '../client.js';
import { query, type Query } from '../query.js';
import type { RetirementPage } from '../types.js';

export interface RetirementsFilter {
  /** Only retirements made for this organisation. */
  beneficiary?: string | null;
  /** Only retirements of credits this organisation owned. */
  owner?: string | null;
  /** The page size, 1 to 50. */
  first: number;
  /** The cursor of the page before; absent for the first page. */
  after?: string | null;
  /** Revalidates past the browser's HTTP cache (a poll for what is new). Not part of the key: the answer is the same data. */
  fresh?: boolean;
}

/** A page of retirements, newest first. */
export const retirementsQuery = ({ beneficiary, owner, first, after, fresh }: RetirementsFilter): Query<RetirementPage> =>
  query('retirements', after ? [beneficiary, owner, first, after] : [beneficiary, owner, first], (client, signal) => {
    // openapi-fetch leaves undefined parameters out of the URL.
    const filters = { first, beneficiary_org_id: beneficiary || undefined, owner_org_id: owner || undefined, after: after || undefined };
    return unwrap(client.GET('/retirements', { params: { query: filters }, signal, cache: fresh ? 'no-cache' : 'default' }));
  });
