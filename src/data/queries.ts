import { unwrap, type RegistryClient } from './client.js';
import type { CreditBatchList, Organisation, OrganisationCreditBalance, Project, ProjectDocument, Retirement, RetirementPage, StripeConfiguration, Supplier } from './types.js';

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

const byId = (id: string) => ({ path: { id } });

/** A project (`GET /projects/{id}`); the card, the certificate and the counter's breakdown share it. */
export const projectQuery = (id: string): Query<Project> =>
  query('project', [id], (client, signal) => unwrap(client.GET('/projects/{id}', { params: byId(id), signal })));

/** How many documents a card lists: the first page, which the API allows to be 50 long. */
const DOCUMENTS_PAGE = 50;

/** A project's public documents; entries that are not objects are dropped. */
export const projectDocumentsQuery = (id: string): Query<ProjectDocument[]> =>
  query('project-documents', [id], async (client, signal) => {
    const page = await unwrap(client.GET('/projects/{id}/documents', { params: { path: { id }, query: { first: DOCUMENTS_PAGE } }, signal }));
    const nodes: unknown = page.nodes;
    return Array.isArray(nodes) ? nodes.filter((doc): doc is ProjectDocument => typeof doc === 'object' && doc !== null) : [];
  });

/** A supplier, for its organisation's name. */
export const supplierQuery = (id: string): Query<Supplier> =>
  query('supplier', [id], (client, signal) => unwrap(client.GET('/suppliers/{id}', { params: byId(id), signal })));

/** An organisation. */
export const organisationQuery = (id: string): Query<Organisation> =>
  query('organisation', [id], (client, signal) => unwrap(client.GET('/organisations/{id}', { params: byId(id), signal })));

/** An organisation's credit balance, in total and per supplier and project. */
export const creditBalanceQuery = (organisationId: string): Query<OrganisationCreditBalance> =>
  query('organisation-credit-balance', [organisationId], (client, signal) =>
    unwrap(client.GET('/organisations/{id}/credit_balance', { params: byId(organisationId), signal })),
  );

/** A retirement. */
export const retirementQuery = (id: string): Query<Retirement> =>
  query('retirement', [id], (client, signal) => unwrap(client.GET('/retirements/{id}', { params: byId(id), signal })));

/** The credit batches a retirement retired. */
export const retirementBatchesQuery = (id: string): Query<CreditBatchList> =>
  query('retirement-credit-batches', [id], (client, signal) => unwrap(client.GET('/retirements/{id}/credit_batches', { params: byId(id), signal })));

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
    const filters = { first, ...(beneficiary ? { beneficiary_org_id: beneficiary } : {}), ...(owner ? { owner_org_id: owner } : {}), ...(after ? { after } : {}) };
    return unwrap(client.GET('/retirements', { params: { query: filters }, signal, cache: fresh ? 'no-cache' : 'default' }));
  });

/** The supplier's Stripe set-up: prices, currency and terms. */
export const stripeConfigurationQuery = (): Query<StripeConfiguration> =>
  query('stripe-configuration', [], (client, signal) => unwrap(client.GET('/stripe/configuration', { signal })));
