import { quantityKgs } from '../../data/format.js';
import { describeIdProblem } from '../../data/ids.js';
import { rangeProblem, type AttributeProblem } from '../../data/problems.js';
import { RegistryError } from '../../data/errors.js';
import { retirementsQuery } from '../../data/queries.js';
import type { Query } from '../../data/query.js';
import type { Retirement, RetirementPage } from '../../data/types.js';
import { isBufferRetirement } from '../../shared/claims.js';

/** Nodes an untrusted page may carry: only objects with a string id are retirements we can key. */
export function retirementsOf(nodes: unknown): Retirement[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.filter((node): node is Retirement => typeof node === 'object' && node !== null && typeof (node as { id?: unknown }).id === 'string');
}

/** `list` followed by the nodes it does not hold yet, each id once. */
export function appendUnique(list: readonly Retirement[], nodes: readonly Retirement[]): Retirement[] {
  const seen = new Set(list.map((entry) => entry.id));
  const result = [...list];
  for (const node of nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    result.push(node);
  }
  return result;
}

/** The nodes `list` does not hold yet, in their order, each id once. */
export function unseen(list: readonly Retirement[], nodes: readonly Retirement[]): Retirement[] {
  return appendUnique(list, nodes).slice(list.length);
}

/** Total retired kilograms of the entries, summed on integers. */
export function sumKgs(list: readonly Retirement[]): bigint {
  return list.reduce((sum, entry) => sum + quantityKgs(entry.credit_batch_size_total), 0n);
}

/** The API allows pages of 1 to 50 items. */
export const MAX_PAGE_SIZE = 50;

/** The page size is a whole number the API accepts. */
export function pageSizeProblem(size: number): AttributeProblem | undefined {
  return Number.isInteger(size) && size >= 1 && size <= MAX_PAGE_SIZE ? undefined : rangeProblem('page-size', 1, MAX_PAGE_SIZE, String(size));
}

/** Filters are optional, but a given one must be an organisation id. */
export function filterProblem(attribute: string, value: string | null): AttributeProblem | undefined {
  return value ? describeIdProblem(attribute, 'organisation', value) : undefined;
}

/** The cursor of the page after `page`, or null on the last page (or when the page cannot say). */
export function nextCursor(page: RetirementPage): string | null {
  const info: { has_next_page?: unknown; end_cursor?: unknown } | null | undefined = page.page_info;
  if (typeof info !== 'object' || info === null || info.has_next_page !== true) return null;
  return typeof info.end_cursor === 'string' && info.end_cursor !== '' ? info.end_cursor : null;
}

/** A count the API gave, when it is one. */
export function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** How many pages a load or "Show more" fetches on past pages whose entries are all hidden before it shows what it has. */
export const SKIP_PAGES = 10;

export /** The first pages of a list: as many as it took to find an entry to show (or the last one asked for). */
interface FeedStart {
  first: RetirementPage;
  last: RetirementPage;
  nodes: Retirement[];
}

/** A failure as the feed reports it: a RegistryError, or an unreadable failure made one. */
export function asRegistryError(error: unknown): RegistryError {
  return error instanceof RegistryError ? error : new RegistryError('unavailable', 'Could not load data from the registry proxy.', { cause: error });
}

/**
 * The first pages of a feed: pages of hidden entries only (buffer-pool retirements without
 * `withBuffer`) are fetched past, up to SKIP_PAGES, so the feed never opens on an empty page.
 */
export async function loadFeedStart(
  query: <T>(query: Query<T>) => Promise<T>,
  { beneficiary, owner, first, withBuffer }: { beneficiary: string | null; owner: string | null; first: number; withBuffer: boolean },
): Promise<FeedStart> {
  const pages: RetirementPage[] = [];
  const shows = (node: Retirement) => withBuffer || !isBufferRetirement(node);
  let after: string | null = null;
  do {
    const page: RetirementPage = await query(retirementsQuery({ beneficiary, owner, first, after }));
    if (!Array.isArray(page.nodes)) throw new TypeError('not a page of retirements');
    pages.push(page);
    after = nextCursor(page);
  } while (after && pages.length < SKIP_PAGES && !pages.some((page) => retirementsOf(page.nodes).some(shows)));
  return { first: pages[0]!, last: pages.at(-1)!, nodes: pages.flatMap((page) => retirementsOf(page.nodes)) };
}
