import { invalidIdProblem, requiredProblem, type AttributeProblem } from './problems.js';

/**
 * Registry ids are a resource prefix, an underscore and upper-case alphanumerics, 20–37 characters
 * in all (API-NOTES: `prj_1CTWZQGKE1S0VAXA`). Shared by the elements and the proxy, so both refuse
 * the same malformed ids before any request is made.
 */
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

export type IdKind = keyof typeof ID_PREFIXES;

const ID_BODY = /^[0-9A-Z]+$/;

/** True when `value` is a well-formed id of the given kind. */
export function isRegistryId(kind: IdKind, value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 20 || value.length > 37) return false;
  const prefix = `${ID_PREFIXES[kind]}_`;
  return value.startsWith(prefix) && ID_BODY.test(value.slice(prefix.length));
}

/** Returns the problem with an id attribute, or `undefined` when it is well-formed. */
export function describeIdProblem(attribute: string, kind: IdKind, value: string | null | undefined): AttributeProblem | undefined {
  if (value === null || value === undefined || value.trim() === '') return requiredProblem(attribute);
  if (isRegistryId(kind, value)) return undefined;
  return invalidIdProblem(attribute, value, `${ID_PREFIXES[kind]}_1CTWZQGKE1S0VAXA`);
}
