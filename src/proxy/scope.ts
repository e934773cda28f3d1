/**
 * Scope by id: optional allowlists of organisation, supplier and project ids that confine what the
 * proxy serves. No Node APIs: this file runs at the edge.
 *
 * Each list, when set, confines the records of its kind and the records that belong to them:
 * - projects: projects, their documents, issuances and credit batches;
 * - suppliers: suppliers and their projects, issuances, deliveries, orders and credit batches;
 * - organisations: organisations, their balances, retirements (as beneficiary or owner), transfers
 *   and refunds (either side), deliveries (recipient), orders (buyer) and credit batches (owner or
 *   beneficiary).
 *
 * Three checks, each failing closed with `out_of_scope`:
 * 1. Every id in the path or in a filter that is of a scoped kind must be listed.
 * 2. A paginated list that would enumerate records of a scoped kind must be confined to listed ids by
 *    its path or by a filter (`/retirements` needs `beneficiary_org_id` or `owner_org_id` when
 *    organisations are scoped; `/projects` and `/suppliers` are refused when projects or suppliers
 *    are). Lists are refused rather than filtered: a filtered page would carry wrong counts and cursors.
 * 3. Every record in a successful answer (the record itself, or each node of a list) must belong, for
 *    each scoped kind it relates to, to at least one listed id: a retirement passes when its
 *    beneficiary or its owner is listed; a project of an unlisted supplier does not pass.
 * 4. A sub-resource (`/projects/{id}/documents`, `/retirements/{id}/credit_batches`, …) is served only
 *    when its parent record (`/projects/{id}`) passes check 3, whenever the parent relates to a scoped
 *    kind its id does not name: the documents of another supplier's project are refused under a
 *    supplier scope although a document names only its project. The parent is read through the cache
 *    (whether or not its own operation is allowlisted) and only its verdict is used.
 * Operations without a rule here (and writes other than checkout) are refused whenever a scope is set.
 */
import { isObject } from '../server/json.js';
import { findOperation, operationKey, OPERATIONS, type IdPrefix, type Operation } from './operations.js';
import type { ScopeOptions } from './settings.js';

export type { ScopeOptions } from './settings.js';

export type ScopeKind = 'organisation' | 'supplier' | 'project';

const KIND_OF_PREFIX: Partial<Record<IdPrefix, ScopeKind>> = { org: 'organisation', spl: 'supplier', prj: 'project' };
const PLURAL: Record<ScopeKind, string> = { organisation: 'organisations', supplier: 'suppliers', project: 'projects' };

type Refs = Partial<Record<ScopeKind, string[]>>;
type Entity = 'project' | 'supplier' | 'organisation' | 'retirement' | 'issuance' | 'creditBatch' | 'document' | 'delivery' | 'transfer' | 'order' | 'refund' | 'none';

const str = (value: unknown): string[] => (typeof value === 'string' ? [value] : []);
const idOf = (value: unknown): string[] => (isObject(value) ? str(value['id']) : []);

/** The scoped kinds each record relates to, and where its ids are. */
const ENTITIES: Record<Entity, { kinds: readonly ScopeKind[]; refs: (record: Record<string, unknown>) => Refs }> = {
  project: { kinds: ['project', 'supplier'], refs: (r) => ({ project: str(r['id']), supplier: idOf(r['supplier']) }) },
  supplier: { kinds: ['supplier'], refs: (r) => ({ supplier: str(r['id']) }) },
  organisation: { kinds: ['organisation'], refs: (r) => ({ organisation: str(r['id']) }) },
  retirement: { kinds: ['organisation'], refs: (r) => ({ organisation: [...idOf(r['beneficiary']), ...idOf(r['owner'])] }) },
  issuance: { kinds: ['project', 'supplier'], refs: (r) => ({ project: str(r['project_id']), supplier: idOf(r['supplier']) }) },
  creditBatch: {
    kinds: ['project', 'supplier', 'organisation'],
    refs: (r) => ({ project: str(r['project_id']), supplier: str(r['supplier_id']), organisation: [...idOf(r['owner']), ...idOf(r['beneficiary'])] }),
  },
  document: { kinds: ['project'], refs: (r) => ({ project: str(r['project_id']) }) },
  delivery: { kinds: ['supplier', 'organisation'], refs: (r) => ({ supplier: idOf(r['from_supplier']), organisation: idOf(r['to_organisation']) }) },
  transfer: { kinds: ['organisation'], refs: (r) => ({ organisation: [...idOf(r['from_organisation']), ...idOf(r['to_organisation'])] }) },
  order: { kinds: ['supplier', 'organisation'], refs: (r) => ({ supplier: idOf(r['supplier']), organisation: idOf(r['buyer_organisation']) }) },
  refund: { kinds: ['organisation'], refs: (r) => ({ organisation: [...idOf(r['from_buffer_pool_organisation']), ...idOf(r['to_organisation'])] }) },
  none: { kinds: [], refs: () => ({}) },
};

/**
 * How each read is checked: the record type it answers with, its shape (`one` record, a `list` of
 * `nodes`, or the issuance's two batch lists), and `confine` for paginated lists that enumerate
 * records and so must be confined by path or filter.
 */
interface Rule {
  readonly entity: Entity;
  readonly shape: 'one' | 'list' | 'issuanceBatches';
  readonly confine?: true;
}
const one = (entity: Entity): Rule => ({ entity, shape: 'one' });
const nodes = (entity: Entity): Rule => ({ entity, shape: 'list' });
const page = (entity: Entity): Rule => ({ entity, shape: 'list', confine: true });

const RULES: Readonly<Record<string, Rule>> = {
  'GET /beneficiaries': page('organisation'),
  'GET /credit_batches/{id}': one('creditBatch'),
  'GET /deliveries': page('delivery'),
  'GET /deliveries/{id}': one('delivery'),
  'GET /deliveries/{id}/credit_batches': nodes('creditBatch'),
  'GET /issuances': page('issuance'),
  'GET /issuances/{id}': one('issuance'),
  'GET /issuances/{id}/credit_batches': { entity: 'creditBatch', shape: 'issuanceBatches' },
  'GET /orders/{id}': one('order'),
  // One order's deliveries share its supplier and buyer: checking every node is exact.
  'GET /orders/{id}/deliveries': nodes('delivery'),
  'GET /organisation': one('organisation'),
  'GET /organisations/{id}': one('organisation'),
  'GET /organisations/{id}/credit_balance': one('none'),
  'GET /organisations/{id}/credit_batches': page('creditBatch'),
  'GET /organisations/{id}/orders': page('order'),
  'GET /projects': page('project'),
  'GET /projects/{id}': one('project'),
  'GET /projects/{id}/documents': page('document'),
  'GET /refunds/{id}': one('refund'),
  'GET /refunds/{id}/credit_batches': nodes('creditBatch'),
  'GET /retirements': page('retirement'),
  'GET /retirements/{id}': one('retirement'),
  'GET /retirements/{id}/credit_batches': nodes('creditBatch'),
  // The access token's own supplier configuration: it names no id to check.
  'GET /stripe/configuration': one('none'),
  'GET /supplier': one('supplier'),
  'GET /suppliers': page('supplier'),
  'GET /suppliers/{id}': one('supplier'),
  'GET /suppliers/{id}/deliveries': page('delivery'),
  'GET /suppliers/{id}/issuances': page('issuance'),
  'GET /suppliers/{id}/orders': page('order'),
  'GET /suppliers/{id}/projects': page('project'),
  'GET /transferees': page('organisation'),
  'GET /transfers': page('transfer'),
  'GET /transfers/{id}': one('transfer'),
  'GET /transfers/{id}/credit_batches': nodes('creditBatch'),
  // Checkout creates a session for the access token's own supplier.
  'POST /stripe/checkout': one('none'),
};

/** Each sub-resource read (`GET /x/{id}/y`) with its parent record's read (`GET /x/{id}`). */
const PARENTS: ReadonlyMap<string, Operation> = new Map(
  OPERATIONS.flatMap((operation): [string, Operation][] => {
    const match = /^(\/[a-z_]+\/\{id\})\/[a-z_]+$/.exec(operation.template);
    const parent = match && operation.method === 'GET' ? findOperation(`GET ${match[1] as string}`) : undefined;
    return parent ? [[operationKey(operation), parent]] : [];
  }),
);

/** The scope checks of one proxy. */
export interface Scope {
  /** Whether any kind is confined. */
  readonly active: boolean;
  /** Check 1 and 2: a message when the request is out of scope, else undefined. */
  checkRequest(operation: Operation, pathId: string | undefined, params: URLSearchParams): string | undefined;
  /** Check 3 on a successful answer's parsed body: a message when it is out of scope, else undefined. */
  checkBody(operation: Operation, body: unknown): string | undefined;
  /**
   * The body to serve instead of `text` when the scope narrows it (an organisation's balance under a
   * supplier or project scope: see {@link narrowBalance}); undefined when it is served as it is.
   */
  narrow(operation: Operation, text: string): string | undefined;
  /** Check 4: the read of the parent record whose verdict a sub-resource needs, with its path; undefined when none is needed. */
  parentOf(operation: Operation, path: string): { operation: Operation; path: string } | undefined;
}

/** Builds the checks from validated lists (see `resolveConfig`). */
export function createScope(options: ScopeOptions | undefined): Scope {
  const sets: Partial<Record<ScopeKind, ReadonlySet<string>>> = {};
  if (options?.organisations) sets.organisation = new Set(options.organisations);
  if (options?.suppliers) sets.supplier = new Set(options.suppliers);
  if (options?.projects) sets.project = new Set(options.projects);
  const scoped = Object.keys(sets) as ScopeKind[];
  const active = scoped.length > 0;

  const outside = (kind: ScopeKind, id: string): boolean => sets[kind] !== undefined && !sets[kind].has(id);

  return {
    active,
    checkRequest(operation, pathId, params) {
      if (!active) return undefined;
      const key = operationKey(operation);
      const rule = RULES[key];
      if (!rule) return `${key} is not available on a proxy confined to listed ${scoped.map((kind) => PLURAL[kind]).join(' and ')}.`;
      const confinedBy = new Set<ScopeKind>();
      const pathKind = operation.idPrefix && KIND_OF_PREFIX[operation.idPrefix];
      if (pathKind && pathId !== undefined) {
        if (outside(pathKind, pathId)) return `The ${pathKind} ${pathId} is outside this proxy\u2019s scope.`;
        confinedBy.add(pathKind);
      }
      for (const [name, value] of params) {
        const parameter = operation.query[name];
        const kind = parameter?.kind === 'id' ? KIND_OF_PREFIX[parameter.prefix] : undefined;
        if (!kind) continue;
        if (outside(kind, value)) return `The ${kind} ${value} given in "${name}" is outside this proxy\u2019s scope.`;
        confinedBy.add(kind);
      }
      if (rule.confine) {
        for (const kind of ENTITIES[rule.entity].kinds) {
          if (!sets[kind] || confinedBy.has(kind)) continue;
          const filters = Object.entries(operation.query)
            .filter(([, parameter]) => parameter.kind === 'id' && KIND_OF_PREFIX[parameter.prefix] === kind)
            .map(([name]) => `"${name}"`);
          const hint = filters.length > 0 ? ` unless ${filters.join(' or ')} names a listed ${kind}` : '';
          return `${key} is not confined to this proxy\u2019s listed ${PLURAL[kind]}; it is refused${hint}.`;
        }
      }
      return undefined;
    },
    narrow(operation, text) {
      if (operationKey(operation) !== 'GET /organisations/{id}/credit_balance' || (!sets.supplier && !sets.project)) return undefined;
      return narrowBalance(text, sets.supplier, sets.project);
    },
    parentOf(operation, path) {
      if (!active) return undefined;
      const parent = PARENTS.get(operationKey(operation));
      const rule = parent && RULES[operationKey(parent)];
      if (!parent || !rule) return undefined;
      const named = parent.idPrefix && KIND_OF_PREFIX[parent.idPrefix];
      // The id's own kind was checked against the lists already (check 1); the parent matters for the others.
      if (!ENTITIES[rule.entity].kinds.some((kind) => sets[kind] !== undefined && kind !== named)) return undefined;
      return { operation: parent, path: path.slice(0, path.lastIndexOf('/')) };
    },
    checkBody(operation, body) {
      if (!active) return undefined;
      const rule = RULES[operationKey(operation)];
      if (!rule) return 'The answer cannot be checked against this proxy\u2019s scope.';
      const entity = ENTITIES[rule.entity];
      const relevant = entity.kinds.filter((kind) => sets[kind] !== undefined);
      if (relevant.length === 0) return undefined;
      let records: unknown[];
      // `200 null` is how the API says "not found" (`anyOf[X, null]`): no record, nothing outside the scope.
      if (rule.shape === 'one' && body === null) return undefined;
      if (rule.shape === 'one') records = [body];
      else if (rule.shape === 'list') records = isObject(body) && Array.isArray(body['nodes']) ? body['nodes'] : [undefined];
      else {
        const supplier = isObject(body) ? body['supplier_credit_batches'] : undefined;
        const buffer = isObject(body) ? body['buffer_pool_credit_batches'] : undefined;
        records = Array.isArray(supplier) && Array.isArray(buffer) ? [...supplier, ...buffer] : [undefined];
      }
      for (const record of records) {
        const refs = isObject(record) ? entity.refs(record) : {};
        for (const kind of relevant) {
          const ids = refs[kind] ?? [];
          if (!ids.some((id) => sets[kind]?.has(id))) return `The answer includes a record of ${PLURAL[kind]} outside this proxy\u2019s scope.`;
        }
      }
      return undefined;
    },
  };
}

/** A marker for integers too long for a float, carried through `JSON.parse` as strings. */
const BIG = '\u0000#';
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** JSON text with every integer of more than 15 digits outside strings quoted behind {@link BIG}, so that parsing loses nothing. */
function protectIntegers(text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (char === '"') {
      let end = at + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(at, end + 1);
      at = end + 1;
      continue;
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = at;
      const number = NUMBER.exec(text)?.[0] ?? char;
      out += /^-?\d{16,}$/.test(number) ? `"\\u0000#${number}"` : number;
      at += number.length;
      continue;
    }
    out += char;
    at += 1;
  }
  return out;
}

/** `JSON.stringify` that writes the integers {@link protectIntegers} quoted back as numbers. */
function stringifyProtected(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000#(-?\d+)"/g, '$1');
}

/** A quantity's kilograms, exactly (a protected big integer included); 0 when absent. */
function kgOf(quantity: unknown): bigint {
  const kg = isObject(quantity) ? quantity['credit_kgs'] : undefined;
  if (typeof kg === 'number' && Number.isSafeInteger(kg)) return BigInt(kg);
  if (typeof kg === 'string' && kg.startsWith(BIG)) return BigInt(kg.slice(BIG.length));
  return 0n;
}

/** Kilograms as a `CreditQuantity` (`credits` to 3 decimals), a protected big integer when over 2^53. */
function quantityOf(kg: bigint): { credits: number; credit_kgs: number | string } {
  const safe = kg <= BigInt(Number.MAX_SAFE_INTEGER);
  return { credits: Number(kg) / 1000, credit_kgs: safe ? Number(kg) : `${BIG}${kg}` };
}

/**
 * An organisation's balance narrowed to the scope. Its entries name suppliers, projects and orders
 * other than the listed ones; only what the scope covers is kept, and the total is recomputed to match:
 * - under a project scope, `project_balances` keeps the listed projects, and the total is their sum;
 * - under a supplier scope (and no project scope), `supplier_balances` keeps the listed suppliers, and
 *   the total is their sum; `project_balances` is emptied, since a balance does not say which supplier
 *   a project is of;
 * - `supplier_balances` is also filtered under both scopes, and `order_balances` always emptied (an order
 *   names neither its supplier nor its projects here).
 * Undefined when the body is not a balance (it is then served, and checked, as it is).
 */
export function narrowBalance(text: string, suppliers: ReadonlySet<string> | undefined, projects: ReadonlySet<string> | undefined): string | undefined {
  let balance: unknown;
  try {
    balance = JSON.parse(protectIntegers(text)) as unknown;
  } catch {
    return undefined;
  }
  if (!isObject(balance)) return undefined;
  const entries = (name: string, idField: string, listed: ReadonlySet<string> | undefined): Record<string, unknown>[] => {
    const list = balance[name];
    if (!Array.isArray(list) || !listed) return [];
    return list.filter((entry): entry is Record<string, unknown> => isObject(entry) && typeof entry[idField] === 'string' && listed.has(entry[idField]));
  };
  const supplierBalances = entries('supplier_balances', 'supplier_id', suppliers);
  const projectBalances = entries('project_balances', 'project_id', projects);
  const counted = projects ? projectBalances : supplierBalances;
  const sum = (field: string) => quantityOf(counted.reduce((total, entry) => total + kgOf(isObject(entry['total']) ? entry['total'][field] : undefined), 0n));
  return stringifyProtected({
    ...balance,
    total: { active_credits_total: sum('active_credits_total'), retired_credits_total: sum('retired_credits_total') },
    supplier_balances: supplierBalances,
    project_balances: projectBalances,
    order_balances: [],
  });
}
