/**
 * The proxy's copies of the rules the browser side shares: id checks, checkout frequencies, kg bounds,
 * e-mail and host syntax, and the return-URL and redirect-host policy. Nothing else belongs here:
 * src/shared (ids.ts, checkout.ts) will own these rules, and this file's body then becomes imports.
 * No Node APIs: this file runs at the edge.
 */
import type { components } from '../generated/registry-schema.js';

type Schemas = components['schemas'];

/** The prefix of an Isometric id (`prj_1CTWZQGKE1S0VAXA` is a project). */
export type IdPrefix = 'bpr' | 'ctb' | 'dlv' | 'iss' | 'ord' | 'org' | 'prj' | 'ret' | 'spl' | 'tfr';

/** Whether `value` is an Isometric id with the given prefix: `prj_` and 16–33 upper-case alphanumerics. */
export function isIsometricId(value: string, prefix: IdPrefix): boolean {
  return new RegExp(`^${prefix}_[0-9A-Z]{16,33}$`).test(value);
}

/** Values of `StripeSubscriptionFrequency`. */
export const FREQUENCIES = ['one_time', 'monthly', 'yearly'] as const satisfies readonly Schemas['StripeSubscriptionFrequency'][];

/** The default bounds of a checkout's `quantity_kg`. */
export const DEFAULT_MIN_KG = 1;
export const DEFAULT_MAX_KG = 1_000_000;

/** Where a checkout may redirect unless configured otherwise. */
export const DEFAULT_REDIRECT_HOSTS: readonly string[] = ['checkout.stripe.com'];

/** The longest `customer_email` accepted. */
export const MAX_EMAIL_LENGTH = 254;
export const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A lower-case host name with an optional port (`checkout.stripe.com`, `localhost:8788`): a redirect-host entry. */
export const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** Whether a hostname is one that dev mode relaxes (`localhost`, `127.0.0.1`). */
export function isLocalHostname(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname);
}

// Whitespace, control characters and backslashes: places where URL parsers disagree.
const UNSAFE_URL_CHARS = /[\s\p{Cc}\\]/u;

/**
 * Parses an absolute checkout return URL strictly: `https:` (or, in dev, `http:` on localhost), no
 * user-info, no whitespace, control characters or backslashes, no encoded slashes or dots in the path.
 * Returns `undefined` for anything else.
 */
export function parseReturnUrl(raw: string, dev: boolean): URL | undefined {
  if (raw.length > 2048 || UNSAFE_URL_CHARS.test(raw) || !/^https?:\/\/[^/]/i.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const local = dev && url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local) return undefined;
  if (url.username || url.password || /%(2f|5c|2e)/i.test(url.pathname)) return undefined;
  return url;
}

/**
 * Whether a parsed URL falls under a configured prefix: same origin, and the prefix's path is a whole
 * number of path segments of the URL's path (`/blog` matches `/blog` and `/blog/x`, not `/blogger`).
 */
export function matchesPrefix(url: URL, prefix: string): boolean {
  const base = new URL(prefix);
  if (url.origin !== base.origin) return false;
  if (base.pathname.endsWith('/')) return url.pathname.startsWith(base.pathname);
  return url.pathname === base.pathname || url.pathname.startsWith(`${base.pathname}/`);
}

/** Whether `raw` is an acceptable checkout return URL under the configuration. */
export function isAllowedReturnUrl(raw: string, prefixes: readonly string[], dev: boolean): boolean {
  const url = parseReturnUrl(raw, dev);
  if (!url) return false;
  return prefixes.some((prefix) => matchesPrefix(url, prefix));
}

/**
 * Whether a checkout redirect may go to `url`: `https:` and exactly an allowed host (a port only when
 * the entry names it). In dev mode a local entry (`localhost`) also allows `http:` and any port.
 */
export function isAllowedRedirect(url: URL, hosts: readonly string[], dev: boolean): boolean {
  if (url.username || url.password) return false;
  const local = dev && isLocalHostname(url.hostname) && hosts.includes(url.hostname);
  if (local) return url.protocol === 'https:' || url.protocol === 'http:';
  return url.protocol === 'https:' && hosts.includes(url.host);
}
