/**
 * The Registry API operations the local registry serves: every read in the spec plus the two Stripe
 * operations. Each operation first reads its query (collecting 422 errors), then resolves, so a bad
 * request is a 422 before an unknown id is answered, as in FastAPI.
 *
 * An unknown id is answered as the spec says: `200 null` where the 200 schema is `anyOf[X, null]`
 * (`GET /projects/{id}`, `/suppliers/{id}`, `/organisations/{id}`), `404 {"detail": …}` for the other
 * path ids, and an empty list for a filter (a filter narrows a list; it names nothing that must exist).
 */
import { type CheckoutSessions, parseCheckoutRequest } from './checkout.js';
import { NotFoundError } from './http.js';
import { alphabetical, byInstant, newestFirst, type Ordering, paginate, readPageRequest } from './pagination.js';
import { ErrorCollector, type IdPrefix, ID_PREFIX, type QueryReader, RequestValidationError } from './params.js';
import type { RegistryStore } from './store.js';
import type {
  CreditBatch,
  CreditBatchStatus,
  Delivery,
  Issuance,
  ListResourceCreditBatch,
  Order,
  Organisation,
  Project,
  ProjectDocument,
  Retirement,
  Supplier,
  Transfer,
} from './types.js';

/** What an operation sees besides its parsed query. */
export interface RouteContext {
  store: RegistryStore;
  request: Request;
  /** The path id, already validated against the route's prefix. */
  id: string;
  /** The supplier the access token belongs to, and its organisation. */
  current: { supplier: Supplier; organisation: Organisation };
  checkout: { sessions: CheckoutSessions; pageUrl: (sessionId: string) => string };
}

/** One method of a route: parse the query, then handle. */
export interface Operation<Q = unknown> {
  query?: (reader: QueryReader) => Q;
  handle: (context: RouteContext, query: Q) => unknown;
}

export interface Route {
  /** Path below the base path, with `{id}` for the one path parameter. */
  path: string;
  /** The id prefix `{id}` must carry. */
  idPrefix?: IdPrefix;
  methods: Partial<Record<'GET' | 'POST', Operation>>;
}

const operation = <Q>(op: Operation<Q>): Operation => op as Operation;

/** The item with this id, or `null`: for the operations whose 200 schema is `anyOf[X, null]`. */
function findOrNull<T>(items: ReadonlyMap<string, T>, id: string): T | null {
  return items.get(id) ?? null;
}

function find<T>(items: ReadonlyMap<string, T>, id: string, kind: string): T {
  const item = items.get(id);
  if (item === undefined) throw new NotFoundError(`${kind} not found`);
  return item;
}

/** A Relay-paginated list: reads the page arguments, then cuts a page of the items. */
function paginatedList<T extends { id: string }>(ordering: Ordering<T>, items: (context: RouteContext) => readonly T[]): Operation {
  return operation({ query: readPageRequest, handle: (context, page) => paginate(items(context), ordering, page) });
}

/** A paginated list with filters: reads the page arguments and the filters, then filters and cuts a page. */
function filteredList<T extends { id: string }, F>(
  ordering: Ordering<T>,
  filters: (reader: QueryReader) => F,
  items: (context: RouteContext, filters: F) => readonly T[],
): Operation {
  return operation({
    query: (reader) => ({ page: readPageRequest(reader), filters: filters(reader) }),
    handle: (context, { page, filters: parsed }) => paginate(items(context, parsed), ordering, page),
  });
}

function listResource(nodes: CreditBatch[]): ListResourceCreditBatch {
  return { nodes, total_count: nodes.length };
}

const byName = alphabetical<Organisation>((o) => o.name);
const suppliersByName = alphabetical<Supplier>((s) => s.organisation.name);
const projectsByName = alphabetical<Project>((p) => p.name);
const deliveriesNewestFirst = newestFirst<Delivery>((d) => d.delivered_at);
const issuancesNewestFirst = newestFirst<Issuance>((i) => i.issued_at);
const ordersByPlacementDesc = newestFirst<Order>((o) => o.effective_contract_date);
const retirementsNewestFirst = newestFirst<Retirement>((r) => r.retired_at);
const transfersNewestFirst = newestFirst<Transfer>((t) => t.transferred_at);
const documentsByName = alphabetical<ProjectDocument>((d) => d.display_name);

const BATCH_STATUSES: readonly CreditBatchStatus[] = ['active', 'split', 'retired'];

export function createRoutes(): Route[] {
  return [
    { path: '/beneficiaries', methods: { GET: paginatedList(byName, ({ store, current }) => store.beneficiariesOf(current.organisation.id)) } },
    { path: '/beneficiary', methods: {} },
    {
      path: '/credit_batches/{id}',
      idPrefix: ID_PREFIX.creditBatch,
      methods: { GET: operation({ handle: ({ store, id }) => store.ledger.get(id) ?? notFound('Credit batch') }) },
    },
    {
      path: '/deliveries',
      methods: {
        GET: filteredList(
          deliveriesNewestFirst,
          (q) => ({ from: q.id('from_supplier_id', ID_PREFIX.supplier), to: q.id('to_organisation_id', ID_PREFIX.organisation) }),
          ({ store }, f) => store.data.deliveries.filter((d) => (!f.from || d.from_supplier.id === f.from) && (!f.to || d.to_organisation.id === f.to)),
        ),
      },
    },
    { path: '/deliveries/{id}', idPrefix: ID_PREFIX.delivery, methods: { GET: operation({ handle: ({ store, id }) => find(store.deliveries, id, 'Delivery') }) } },
    {
      path: '/deliveries/{id}/credit_batches',
      idPrefix: ID_PREFIX.delivery,
      methods: {
        GET: operation({
          handle: ({ store, id }) => listResource(store.batchesById(store.data.links.deliveryBatchIds[find(store.deliveries, id, 'Delivery').id] ?? [])),
        }),
      },
    },
    { path: '/issuances', methods: { GET: paginatedList(issuancesNewestFirst, ({ store }) => store.data.issuances) } },
    { path: '/issuances/{id}', idPrefix: ID_PREFIX.issuance, methods: { GET: operation({ handle: ({ store, id }) => find(store.issuances, id, 'Issuance') }) } },
    {
      path: '/issuances/{id}/credit_batches',
      idPrefix: ID_PREFIX.issuance,
      methods: {
        GET: operation({
          handle: ({ store, id }) => {
            const issuance = find(store.issuances, id, 'Issuance');
            const links = store.data.links.issuanceBatchIds[issuance.id] ?? { supplier: [], bufferPool: [] };
            return {
              issuance_id: issuance.id,
              supplier_credit_batches: store.batchesById(links.supplier),
              supplier_credit_batch_size_total: issuance.supplier_credit_batch_size_total,
              buffer_pool_credit_batches: store.batchesById(links.bufferPool),
              buffer_pool_credit_batch_size_total: issuance.buffer_pool_credit_batch_size_total,
              credit_batch_size_total: issuance.credit_batch_size_total,
            };
          },
        }),
      },
    },
    { path: '/orders/{id}', idPrefix: ID_PREFIX.order, methods: { GET: operation({ handle: ({ store, id }) => find(store.orders, id, 'Order') }) } },
    {
      path: '/orders/{id}/deliveries',
      idPrefix: ID_PREFIX.order,
      methods: {
        GET: paginatedList(deliveriesNewestFirst, ({ store, id }) => {
          const order = find(store.orders, id, 'Order');
          return store.data.deliveries.filter((d) => d.order_id === order.id);
        }),
      },
    },
    { path: '/organisation', methods: { GET: operation({ handle: ({ current }) => current.organisation }) } },
    {
      path: '/organisations/{id}',
      idPrefix: ID_PREFIX.organisation,
      methods: { GET: operation({ handle: ({ store, id }) => findOrNull(store.organisations, id) }) },
    },
    {
      path: '/organisations/{id}/credit_balance',
      idPrefix: ID_PREFIX.organisation,
      methods: { GET: operation({ handle: ({ store, id }) => store.creditBalance(find(store.organisations, id, 'Organisation').id) }) },
    },
    { path: '/organisations/{id}/credit_batches', idPrefix: ID_PREFIX.organisation, methods: { GET: organisationCreditBatches() } },
    {
      path: '/organisations/{id}/orders',
      idPrefix: ID_PREFIX.organisation,
      methods: {
        GET: paginatedList(ordersByPlacementDesc, ({ store, id }) => {
          const organisation = find(store.organisations, id, 'Organisation');
          return store.data.orders.filter((o) => o.buyer_organisation.id === organisation.id);
        }),
      },
    },
    { path: '/projects', methods: { GET: paginatedList(projectsByName, ({ store }) => store.data.projects) } },
    { path: '/projects/{id}', idPrefix: ID_PREFIX.project, methods: { GET: operation({ handle: ({ store, id }) => findOrNull(store.projects, id) }) } },
    {
      path: '/projects/{id}/documents',
      idPrefix: ID_PREFIX.project,
      methods: {
        GET: paginatedList(documentsByName, ({ store, id }) => {
          const project = find(store.projects, id, 'Project');
          return store.data.projectDocuments.filter((d) => d.project_id === project.id);
        }),
      },
    },
    { path: '/refunds/{id}', idPrefix: ID_PREFIX.refund, methods: { GET: operation({ handle: ({ store, id }) => find(store.refunds, id, 'Refund') }) } },
    {
      path: '/refunds/{id}/credit_batches',
      idPrefix: ID_PREFIX.refund,
      methods: {
        GET: operation({ handle: ({ store, id }) => listResource(store.batchesById(store.data.links.refundBatchIds[find(store.refunds, id, 'Refund').id] ?? [])) }),
      },
    },
    {
      path: '/retirements',
      methods: {
        GET: filteredList(
          retirementsNewestFirst,
          (q) => ({ beneficiary: q.id('beneficiary_org_id', ID_PREFIX.organisation), owner: q.id('owner_org_id', ID_PREFIX.organisation) }),
          ({ store }, f) => store.data.retirements.filter((r) => (!f.beneficiary || r.beneficiary.id === f.beneficiary) && (!f.owner || r.owner.id === f.owner)),
        ),
      },
    },
    { path: '/retirements/from_oldest_credits', methods: {} },
    { path: '/retirements/{id}', idPrefix: ID_PREFIX.retirement, methods: { GET: operation({ handle: ({ store, id }) => find(store.retirements, id, 'Retirement') }) } },
    {
      path: '/retirements/{id}/credit_batches',
      idPrefix: ID_PREFIX.retirement,
      methods: {
        GET: operation({
          handle: ({ store, id }) => {
            const retirement = find(store.retirements, id, 'Retirement');
            return listResource(store.data.creditBatches.filter((b) => b.retirement_id === retirement.id));
          },
        }),
      },
    },
    { path: '/stripe/checkout', methods: { POST: stripeCheckout() } },
    {
      path: '/stripe/configuration',
      methods: {
        GET: operation({ handle: ({ store, current }) => store.data.stripeConfigurations[current.supplier.id] ?? notFound('Stripe configuration') }),
      },
    },
    { path: '/supplier', methods: { GET: operation({ handle: ({ current }) => current.supplier }) } },
    { path: '/suppliers', methods: { GET: paginatedList(suppliersByName, ({ store }) => store.data.suppliers) } },
    { path: '/suppliers/{id}', idPrefix: ID_PREFIX.supplier, methods: { GET: operation({ handle: ({ store, id }) => findOrNull(store.suppliers, id) }) } },
    {
      path: '/suppliers/{id}/deliveries',
      idPrefix: ID_PREFIX.supplier,
      methods: { GET: paginatedList(deliveriesNewestFirst, ({ store, id }) => supplierItems(store, id, store.data.deliveries, (d) => d.from_supplier.id)) },
    },
    {
      path: '/suppliers/{id}/issuances',
      idPrefix: ID_PREFIX.supplier,
      methods: { GET: paginatedList(issuancesNewestFirst, ({ store, id }) => supplierItems(store, id, store.data.issuances, (i) => i.supplier.id)) },
    },
    {
      path: '/suppliers/{id}/orders',
      idPrefix: ID_PREFIX.supplier,
      methods: { GET: paginatedList(ordersByPlacementDesc, ({ store, id }) => supplierItems(store, id, store.data.orders, (o) => o.supplier.id)) },
    },
    {
      path: '/suppliers/{id}/projects',
      idPrefix: ID_PREFIX.supplier,
      methods: {
        GET: operation({
          query: readPageRequest,
          handle: ({ store, id }, page) => {
            const createdAt = (p: Project): string => store.data.links.projectCreatedAt[p.id] ?? '';
            return paginate(supplierItems(store, id, store.data.projects, (p) => p.supplier.id), newestFirst(createdAt), page);
          },
        }),
      },
    },
    {
      path: '/transferees',
      methods: { GET: paginatedList(byName, ({ store, current }) => store.transfereesOf(current.organisation.id)) },
    },
    {
      path: '/transfers',
      methods: {
        GET: filteredList(
          transfersNewestFirst,
          (q) => ({ from: q.id('from_organisation_id', ID_PREFIX.organisation), to: q.id('to_organisation_id', ID_PREFIX.organisation) }),
          ({ store }, f) => store.data.transfers.filter((t) => (!f.from || t.from_organisation.id === f.from) && (!f.to || t.to_organisation.id === f.to)),
        ),
      },
    },
    { path: '/transfers/{id}', idPrefix: ID_PREFIX.transfer, methods: { GET: operation({ handle: ({ store, id }) => find(store.transfers, id, 'Transfer') }) } },
    {
      path: '/transfers/{id}/credit_batches',
      idPrefix: ID_PREFIX.transfer,
      methods: {
        GET: operation({
          handle: ({ store, id }) => listResource(store.batchesById(store.data.links.transferBatchIds[find(store.transfers, id, 'Transfer').id] ?? [])),
        }),
      },
    },
  ];
}

function notFound(kind: string): never {
  throw new NotFoundError(`${kind} not found`);
}

function supplierItems<T>(store: RegistryStore, id: string, items: readonly T[], supplierIdOf: (item: T) => string): T[] {
  const supplier = find(store.suppliers, id, 'Supplier');
  return items.filter((item) => supplierIdOf(item) === supplier.id);
}

/** `GET /organisations/{id}/credit_batches`: intersecting filters, `split` excluded unless asked for. */
function organisationCreditBatches(): Operation {
  return operation({
    query: (q) => ({
      page: readPageRequest(q),
      supplierId: q.id('supplier_id', ID_PREFIX.supplier),
      projectId: q.id('project_id', ID_PREFIX.project),
      issuanceId: q.id('issuance_id', ID_PREFIX.issuance),
      deliveryId: q.id('delivery_id', ID_PREFIX.delivery),
      orderId: q.id('order_id', ID_PREFIX.order),
      retirementId: q.id('retirement_id', ID_PREFIX.retirement),
      status: q.enumList('status', BATCH_STATUSES) ?? ['active', 'retired'],
      issuedAfter: q.dateTime('issued_after'),
      issuedBefore: q.dateTime('issued_before'),
      sortField: q.enumValue('sort_field', ['issued_at'] as const, 'issued_at'),
      descending: q.enumValue('sort_direction', ['asc', 'desc'] as const, 'desc') === 'desc',
    }),
    handle: ({ store, id }, f) => {
      const organisation = find(store.organisations, id, 'Organisation');
      const orderOf = (b: CreditBatch): string | undefined => (b.delivery_id ? store.deliveries.get(b.delivery_id)?.order_id : undefined);
      const statuses = new Set<CreditBatchStatus>(f.status);
      const batches = store.organisationBatches(organisation.id).filter((b) => {
        const issuedAt = Date.parse(b.issued_at);
        return (
          statuses.has(b.status) &&
          (!f.supplierId || b.supplier_id === f.supplierId) &&
          (!f.projectId || b.project_id === f.projectId) &&
          (!f.issuanceId || b.issuance_id === f.issuanceId) &&
          (!f.deliveryId || b.delivery_id === f.deliveryId) &&
          (!f.orderId || orderOf(b) === f.orderId) &&
          (!f.retirementId || b.retirement_id === f.retirementId) &&
          (f.issuedAfter === undefined || issuedAt > f.issuedAfter) &&
          (f.issuedBefore === undefined || issuedAt < f.issuedBefore)
        );
      });
      return paginate(batches, byInstant((b: CreditBatch) => b[f.sortField], f.descending), f.page);
    },
  });
}

const MAX_CHECKOUT_BODY = 64 * 1024;

/** `POST /stripe/checkout`: validates the body, opens a simulator session, returns its URL. */
function stripeCheckout(): Operation {
  return operation({
    handle: async ({ store, current, request, checkout }) => {
      const text = await request.text();
      const errors = new ErrorCollector();
      let body: unknown;
      if (text.length > MAX_CHECKOUT_BODY) errors.add(['body'], 'too_long', 'Request body too large', null);
      else {
        try {
          body = JSON.parse(text);
        } catch (error) {
          errors.add(['body', 0], 'json_invalid', 'JSON decode error', {}, { error: error instanceof Error ? error.message : 'invalid JSON' });
        }
      }
      const parsed = errors.errors.length === 0 ? parseCheckoutRequest(body, errors) : undefined;
      if (!parsed) throw new RequestValidationError(errors.errors);
      const configuration = store.data.stripeConfigurations[current.supplier.id] ?? notFound('Stripe configuration');
      const session = checkout.sessions.create(parsed, current.supplier, configuration);
      return { redirect_url: checkout.pageUrl(session.id) };
    },
  });
}
