import { unwrap, type RegistryClient } from './client.js';
import type { paths } from '../generated/registry-schema.js';
import type { ProjectDocument, Retirement, RetirementPage, StripeConfiguration } from './types.js';

/**
 * One registry read: `key` names its result in the page-wide request cache (identical keys share one
 * request and one answer), `load` makes the request. Elements ask the RegistryController for a query
 * (`context.query(projectQuery(id))`); none writes a key or calls the client itself.
 */
export interface Query<T> {
  readonly key: string;
  readonly load: (client: RegistryClient, signal: AbortSignal) => Promise<T>;
}

/**
 * Declares a query. The key is the query's name and its parameters, so two queries share a cache
 * entry exactly when they ask the same thing; an absent parameter is written `*`.
 */
function query<T>(name: string, params: readonly (string | number | null | undefined)[], load: Query<T>['load']): Query<T> {
  return { key: [name, ...params.map((param) => param ?? '*')].join(' '), load };
}

/** The reads of one resource by its id. */
type ByIdPath = '/projects/{id}' | '/suppliers/{id}' | '/organisations/{id}' | '/organisations/{id}/credit_balance' | '/retirements/{id}' | '/retirements/{id}/credit_batches';

/** What a path answers, from the generated schema. */
type Answer<P extends ByIdPath> = NonNullable<paths[P]['get']['responses'][200]['content']['application/json']>;

/** Declares the query `GET path` with `{id}` filled in, named `name <id>` in the cache. */
function byId<P extends ByIdPath>(name: string, path: P): (id: string) => Query<Answer<P>> {
  return (id) => query(name, [id], (client, signal) => unwrap(client.GET(path as ByIdPath, { params: { path: { id } }, signal })) as Promise<Answer<P>>);
}

/** A project; the card, the certificate and the counter's breakdown share it. */
export const projectQuery = byId('project', '/projects/{id}');

/** A supplier, for its organisation's name. */
export const supplierQuery = byId('supplier', '/suppliers/{id}');

/** An organisation. */
export const organisationQuery = byId('organisation', '/organisations/{id}');

/** An organisation's credit balance, in total and per supplier and project. */
export const creditBalanceQuery = byId('organisation-credit-balance', '/organisations/{id}/credit_balance');

/** A retirement. */
export const retirementQuery = byId('retirement', '/retirements/{id}');

/** The credit batches a retirement retired. */
export const retirementBatchesQuery = byId('retirement-credit-batches', '/retirements/{id}/credit_batches');

/** How many documents a card lists: the first page, which the API allows to be 50 long. */
const DOCUMENTS_PAGE = 50;

/** A project's public documents; entries that are not objects are dropped. */
export const projectDocumentsQuery = (id: string): Query<ProjectDocument[]> =>
  query('project-documents', [id], async (client, signal) => {
    const page = await unwrap(client.GET('/projects/{id}/documents', { params: { path: { id }, query: { first: DOCUMENTS_PAGE } }, signal }));
    const nodes: unknown = page.nodes;
    return Array.isArray(nodes) ? nodes.filter((doc): doc is ProjectDocument => typeof doc === 'object' && doc !== null) : [];
  });

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

/** The supplier's Stripe set-up: prices, currency and terms. */
export const stripeConfigurationQuery = (): Query<StripeConfiguration> =>
  query('stripe-configuration', [], (client, signal) => unwrap(client.GET('/stripe/configuration', { signal })));

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
