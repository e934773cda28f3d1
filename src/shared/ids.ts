/**
 * Registry ids, as both sides check them: the elements before they ask for anything, the proxy before
 * it forwards a path or a query. An id is a resource prefix, an underscore and 16–33 upper-case
 * alphanumerics, 20–37 characters in all (API-NOTES: `prj_1CTWZQGKE1S0VAXA`). Plain TypeScript: no DOM,
 * no Node.
 */

/** The prefix of each kind of id. */
export const ID_PREFIXES = {
  project: 'prj',
  supplier: 'spl',
  organisation: 'org',
  retirement: 'ret',
  issuance: 'iss',
  delivery: 'dlv',
  order: 'ord',
  creditBatch: 'ctb',
  transfer: 'tfr',
  refund: 'bpr',
  projectDocument: 'pjd',
  removal: 'rmv',
  stripeConfiguration: 'ssc',
} as const;

/** A kind of registry resource that has ids. */
export type IdKind = keyof typeof ID_PREFIXES;

/** An id prefix (`prj`, `spl`, …). */
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

// Every prefix is three letters, so the body is 16–33 characters.
const ID_BODY = /^[0-9A-Z]{16,33}$/;

/** The example body messages show after a prefix: `prj_1CTWZQGKE1S0VAXA`. */
const EXAMPLE_BODY = '1CTWZQGKE1S0VAXA';

/** True when `value` is a well-formed id with the given prefix (the proxy knows prefixes, not kinds). */
export function hasIdPrefix(prefix: IdPrefix, value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${prefix}_`) && ID_BODY.test(value.slice(prefix.length + 1));
}

/** True when `value` is a well-formed id of the given kind. */
export function isRegistryId(kind: IdKind, value: unknown): value is string {
  return hasIdPrefix(ID_PREFIXES[kind], value);
}

/** A well-formed example id for messages: `exampleId('prj')` is `prj_1CTWZQGKE1S0VAXA`. */
export function exampleId(prefix: IdPrefix): string {
  return `${prefix}_${EXAMPLE_BODY}`;
}
