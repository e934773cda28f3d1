import { unwrap } from '../client.js';
import { query, type Query } from '../query.js';
import type { Retirement } from '../types.js';

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 50;

/**
 * A runaway guard: pages of one list the kit reads before it gives up (500 × 50 = 25,000
 * retirements). A figure is never shown from a list it could not read to the end.
 */
const MAX_PAGES = 500;

/**
 * Every retirement for a `beneficiary` or of an `owner` (one of the two), all pages of 50 read in
 * order (the cursors chain), as one cache entry. A list that does not end (a cursor that repeats, a
 * page that says there is more but brings nothing) is refused rather than shown in part.
 */
export const allRetirementsQuery = ({ beneficiary, owner }: { beneficiary?: string; owner?: string }): Query<Retirement[]> =>
  query('all-retirements', [beneficiary, owner], async (client, signal) => {
    const all: Retirement[] = [];
    const cursors = new Set<string>();
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const filters = { first: MAX_PAGE_SIZE, beneficiary_org_id: beneficiary, owner_org_id: owner, after };
      const answer = await unwrap(client.GET('/retirements', { params: { query: filters }, signal }));
      const nodes: unknown = answer.nodes;
      if (!Array.isArray(nodes)) throw new TypeError('not a page of retirements');
      for (const node of nodes) if (typeof node === 'object' && node !== null) all.push(node as Retirement);
      const next = answer.page_info?.has_next_page ? answer.page_info.end_cursor : undefined;
      if (!next) return all;
      if (nodes.length === 0 || cursors.has(next)) throw new TypeError('a list of retirements that does not end');
      cursors.add(next);
      after = next;
    }
    throw new TypeError('a list of retirements longer than the kit reads');
  });
