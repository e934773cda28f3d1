import type { components } from '../generated/registry-schema.js';
import { CHECKOUT_FREQUENCIES } from '../shared/checkout.js';
import { exampleId, hasIdPrefix, type IdPrefix as AnyIdPrefix } from '../shared/ids.js';

type Schemas = components['schemas'];

/** An HTTP method the Registry API uses. */
export type HttpMethod = 'GET' | 'POST';

/** Values of `StripeSubscriptionFrequency`: the shared checkout rule, checked against the schema. */
export const FREQUENCIES = CHECKOUT_FREQUENCIES satisfies readonly Schemas['StripeSubscriptionFrequency'][];
/** The id prefixes the allowlisted paths and filters take: no path or filter names a document, removal or Stripe configuration id. */
export type IdPrefix = Exclude<AnyIdPrefix, 'pjd' | 'rmv' | 'ssc'>;

/** How the proxy validates one query parameter before anything reaches the upstream. */
export type ParamRule =
  | { readonly kind: 'count' }
  | { readonly kind: 'cursor' }
  | { readonly kind: 'id'; readonly prefix: IdPrefix }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly repeated?: boolean };

/** One operation of the Registry API, as the proxy routes and validates it. */
export interface Operation {
  readonly method: HttpMethod;
  /** The spec's path template, e.g. `/projects/{id}`. */
  readonly template: string;
  readonly operationId: string;
  /** The prefix the `{id}` path parameter must carry, when the template has one. */
  readonly idPrefix?: IdPrefix;
  readonly query: Readonly<Record<string, ParamRule>>;
}

/** Values of `CreditBatchStatus`, checked against the generated type (and against the spec by a test). */
export const CREDIT_BATCH_STATUSES = ['active', 'split', 'retired'] as const satisfies readonly Schemas['CreditBatchStatus'][];
const SORT_FIELDS = ['issued_at'] as const satisfies readonly Schemas['CreditBatchSortField'][];
const SORT_DIRECTIONS = ['asc', 'desc'] as const satisfies readonly Schemas['SortDirection'][];

const count: ParamRule = { kind: 'count' };
const cursor: ParamRule = { kind: 'cursor' };
const datetime: ParamRule = { kind: 'datetime' };
const id = (prefix: IdPrefix): ParamRule => ({ kind: 'id', prefix });
const PAGE = { first: count, last: count, after: cursor, before: cursor };

function op(key: `${HttpMethod} /${string}`, operationId: string, extra: { id?: IdPrefix; query?: Record<string, ParamRule> } = {}): Operation {
  const [method, template] = key.split(' ') as [HttpMethod, string];
  return { method, template, operationId, ...(extra.id ? { idPrefix: extra.id } : {}), query: extra.query ?? {} };
}

/** Every operation of `openapi/isometric-registry-v0.json`, in spec order; a test keeps it equal to the spec. */
export const OPERATIONS: readonly Operation[] = [
  op('GET /beneficiaries', 'beneficiaries_beneficiaries_get', { query: PAGE }),
  op('POST /beneficiary', 'create_beneficiary_beneficiary_post'),
  op('GET /credit_batches/{id}', 'credit_batch_credit_batches__id__get', { id: 'ctb' }),
  op('GET /deliveries', 'deliveries_deliveries_get', { query: { from_supplier_id: id('spl'), to_organisation_id: id('org'), ...PAGE } }),
  op('POST /deliveries', 'create_delivery_deliveries_post'),
  op('GET /deliveries/{id}', 'delivery_deliveries__id__get', { id: 'dlv' }),
  op('GET /deliveries/{id}/credit_batches', 'delivery_credit_batches_deliveries__id__credit_batches_get', { id: 'dlv' }),
  op('GET /issuances', 'issuances_issuances_get', { query: PAGE }),
  op('GET /issuances/{id}', 'issuance_issuances__id__get', { id: 'iss' }),
  op('GET /issuances/{id}/credit_batches', 'issuance_credit_batches_issuances__id__credit_batches_get', { id: 'iss' }),
  op('GET /orders/{id}', 'order_orders__id__get', { id: 'ord' }),
  op('GET /orders/{id}/deliveries', 'order_deliveries_orders__id__deliveries_get', { id: 'ord', query: PAGE }),
  op('GET /organisation', 'current_organisation_organisation_get'),
  op('GET /organisations/{id}', 'organisation_organisations__id__get', { id: 'org' }),
  op('GET /organisations/{id}/credit_balance', 'organisation_credit_balance_organisations__id__credit_balance_get', { id: 'org' }),
  op('GET /organisations/{id}/credit_batches', 'organisation_credit_batches_organisations__id__credit_batches_get', {
    id: 'org',
    query: {
      supplier_id: id('spl'),
      project_id: id('prj'),
      issuance_id: id('iss'),
      delivery_id: id('dlv'),
      order_id: id('ord'),
      retirement_id: id('ret'),
      status: { kind: 'enum', values: CREDIT_BATCH_STATUSES, repeated: true },
      issued_after: datetime,
      issued_before: datetime,
      ...PAGE,
      sort_field: { kind: 'enum', values: SORT_FIELDS },
      sort_direction: { kind: 'enum', values: SORT_DIRECTIONS },
    },
  }),
  op('GET /organisations/{id}/orders', 'organisation_orders_organisations__id__orders_get', { id: 'org', query: PAGE }),
  op('GET /projects', 'projects_projects_get', { query: PAGE }),
  op('GET /projects/{id}', 'project_projects__id__get', { id: 'prj' }),
  op('GET /projects/{id}/documents', 'project_documents_projects__id__documents_get', { id: 'prj', query: PAGE }),
  op('GET /refunds/{id}', 'refund_refunds__id__get', { id: 'bpr' }),
  op('GET /refunds/{id}/credit_batches', 'refund_credit_batches_refunds__id__credit_batches_get', { id: 'bpr' }),
  op('GET /retirements', 'retirements_retirements_get', { query: { beneficiary_org_id: id('org'), owner_org_id: id('org'), ...PAGE } }),
  op('POST /retirements', 'create_retirement_retirements_post'),
  op('POST /retirements/from_oldest_credits', 'create_retirement_from_oldest_credits_retirements_from_oldest_credits_post'),
  op('GET /retirements/{id}', 'retirement_retirements__id__get', { id: 'ret' }),
  op('GET /retirements/{id}/credit_batches', 'retirement_credit_batches_retirements__id__credit_batches_get', { id: 'ret' }),
  op('POST /stripe/checkout', 'create_stripe_checkout_session_stripe_checkout_post'),
  op('GET /stripe/configuration', 'get_stripe_configuration_stripe_configuration_get'),
  op('GET /supplier', 'current_supplier_supplier_get'),
  op('GET /suppliers', 'suppliers_suppliers_get', { query: PAGE }),
  op('GET /suppliers/{id}', 'supplier_suppliers__id__get', { id: 'spl' }),
  op('GET /suppliers/{id}/deliveries', 'supplier_deliveries_suppliers__id__deliveries_get', { id: 'spl', query: PAGE }),
  op('GET /suppliers/{id}/issuances', 'supplier_issuances_suppliers__id__issuances_get', { id: 'spl', query: PAGE }),
  op('GET /suppliers/{id}/orders', 'supplier_orders_suppliers__id__orders_get', { id: 'spl', query: PAGE }),
  op('GET /suppliers/{id}/projects', 'supplier_projects_suppliers__id__projects_get', { id: 'spl', query: PAGE }),
  op('GET /transferees', 'transferees_transferees_get', { query: PAGE }),
  op('GET /transfers', 'transfers_transfers_get', { query: { from_organisation_id: id('org'), to_organisation_id: id('org'), ...PAGE } }),
  op('POST /transfers', 'create_transfer_transfers_post'),
  op('GET /transfers/{id}', 'transfer_transfers__id__get', { id: 'tfr' }),
  op('GET /transfers/{id}/credit_batches', 'transfer_credit_batches_transfers__id__credit_batches_get', { id: 'tfr' }),
];

/** The checkout operation: allowlisted by default only when checkout is configured. */
export const CHECKOUT_OPERATION = 'POST /stripe/checkout';

/** The public reads the widgets need: the default allowlist, as `METHOD /template` keys. */
export const DEFAULT_OPERATIONS: readonly string[] = [
  'GET /projects',
  'GET /projects/{id}',
  'GET /projects/{id}/documents',
  'GET /suppliers',
  'GET /suppliers/{id}',
  'GET /suppliers/{id}/projects',
  'GET /retirements',
  'GET /retirements/{id}',
  'GET /retirements/{id}/credit_batches',
  'GET /organisations/{id}',
  'GET /organisations/{id}/credit_balance',
  'GET /issuances',
  'GET /issuances/{id}',
  'GET /credit_batches/{id}',
  'GET /stripe/configuration',
];

/** The `METHOD /template` key of an operation, as used by the allowlist and `ISOMETRIC_OPERATIONS`. */
export function operationKey(operation: Pick<Operation, 'method' | 'template'>): string {
  return `${operation.method} ${operation.template}`;
}

const BY_KEY = new Map(OPERATIONS.map((operation) => [operationKey(operation), operation]));

/** Looks an operation up by its `METHOD /template` key. */
export function findOperation(key: string): Operation | undefined {
  return BY_KEY.get(key);
}

/** All operations sharing one path template. */
export interface Route {
  readonly template: string;
  readonly segments: readonly string[];
  readonly operations: ReadonlyMap<string, Operation>;
}

const ROUTES: readonly Route[] = (() => {
  const byTemplate = new Map<string, Map<string, Operation>>();
  for (const operation of OPERATIONS) {
    const methods = byTemplate.get(operation.template) ?? new Map<string, Operation>();
    methods.set(operation.method, operation);
    byTemplate.set(operation.template, methods);
  }
  return [...byTemplate].map(([template, operations]) => ({ template, segments: template.split('/').slice(1), operations }));
})();

/**
 * Finds the route whose template matches the path segments (`['projects', 'prj_…']`), with the raw
 * `{id}` segment if it has one. Literal segments win over `{id}`, as OpenAPI requires
 * (`/retirements/from_oldest_credits` is not a retirement id).
 */
export function matchRoute(segments: readonly string[]): { route: Route; id?: string } | undefined {
  let best: { route: Route; id?: string; literals: number } | undefined;
  for (const route of ROUTES) {
    if (route.segments.length !== segments.length) continue;
    let literals = 0;
    let id: string | undefined;
    const matches = route.segments.every((part, index) => {
      const segment = segments[index] as string;
      if (part === '{id}') {
        id = segment;
        return true;
      }
      literals += 1;
      return part === segment;
    });
    if (matches && (!best || literals > best.literals)) best = { route, literals, ...(id === undefined ? {} : { id }) };
  }
  return best && { route: best.route, ...(best.id === undefined ? {} : { id: best.id }) };
}

/** A refusal produced while validating a request's parameters. */
export interface ParamError {
  readonly error: 'invalid_id' | 'invalid_parameter' | 'unknown_parameter' | 'duplicate_parameter';
  readonly message: string;
}

const CURSOR_MAX = 512;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
// Printable characters only: a cursor is opaque, but never needs control characters.
const PRINTABLE = /^[^\p{Cc}]+$/u;

function checkValue(name: string, value: string, rule: ParamRule): ParamError | undefined {
  switch (rule.kind) {
    case 'count':
      return /^[1-9]\d?$/.test(value) && Number(value) <= 50 ? undefined : invalid(name, 'must be an integer from 1 to 50');
    case 'cursor':
      return value.length <= CURSOR_MAX && PRINTABLE.test(value) ? undefined : invalid(name, `must be a non-empty cursor of at most ${CURSOR_MAX} characters`);
    case 'id':
      return hasIdPrefix(rule.prefix, value) ? undefined : { error: 'invalid_id', message: `Query parameter "${name}" must be an id like ${exampleId(rule.prefix)}.` };
    case 'datetime':
      return DATETIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : invalid(name, 'must be an ISO 8601 timestamp with a time zone');
    case 'enum':
      return rule.values.includes(value) ? undefined : invalid(name, `must be one of ${rule.values.join(', ')}`);
  }
}

function invalid(name: string, rule: string): ParamError {
  return { error: 'invalid_parameter', message: `Query parameter "${name}" ${rule}.` };
}

/**
 * Validates a request's `{id}` segment and query against an operation and returns the upstream path
 * and a canonical query string (names sorted, so equivalent requests share one cache entry).
 */
export function validateRequest(operation: Operation, id: string | undefined, params: URLSearchParams): { path: string; query: string } | ParamError {
  if (operation.idPrefix && !hasIdPrefix(operation.idPrefix, id)) {
    return { error: 'invalid_id', message: `Path parameter "id" must be an id like ${exampleId(operation.idPrefix)}.` };
  }
  const values = new Map<string, string[]>();
  for (const [name, value] of params) values.set(name, [...(values.get(name) ?? []), value]);
  const canonical = new URLSearchParams();
  for (const name of [...values.keys()].sort()) {
    const rule = operation.query[name];
    const given = values.get(name) ?? [];
    if (!Object.hasOwn(operation.query, name) || !rule) return { error: 'unknown_parameter', message: `Query parameter "${name}" is not accepted by ${operationKey(operation)}.` };
    const repeatable = rule.kind === 'enum' && rule.repeated === true;
    if (given.length > 1 && (!repeatable || new Set(given).size !== given.length)) {
      return { error: 'duplicate_parameter', message: `Query parameter "${name}" is given more than once${repeatable ? ' with the same value' : ''}.` };
    }
    for (const value of given) {
      const problem = value === '' ? invalid(name, 'must not be empty') : checkValue(name, value, rule);
      if (problem) return problem;
    }
    for (const value of [...given].sort()) canonical.append(name, value);
  }
  const search = canonical.toString();
  return { path: operation.template.replace('{id}', id ?? ''), query: search ? `?${search}` : '' };
}
