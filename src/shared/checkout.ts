/**
 * The checkout rules both sides apply: `<iso-checkout-button>` before it asks for a session and
 * before it opens the redirect, the proxy before it forwards a request and before it passes the
 * upstream's redirect on. One copy, so that what one side accepts the other accepts too. Plain
 * TypeScript (URL and RegExp): no DOM, no Node.
 */

/** The frequencies the API accepts (`StripeSubscriptionFrequency`), in the order they are offered. */
export const CHECKOUT_FREQUENCIES = ['one_time', 'monthly', 'yearly'] as const;

/** One of `CHECKOUT_FREQUENCIES`. */
export type CheckoutFrequency = (typeof CHECKOUT_FREQUENCIES)[number];

/** True when `value` is one of the frequencies the API accepts. */
export function isCheckoutFrequency(value: unknown): value is CheckoutFrequency {
  return CHECKOUT_FREQUENCIES.some((frequency) => frequency === value);
}

/** The longest email address accepted: RFC 5321's 256-octet path less its angle brackets. */
export const EMAIL_MAX_LENGTH = 254;

/**
 * The email addresses accepted: HTML's "valid email address" (what `<input type="email">` checks),
 * except that the domain must have a dot, as every address Stripe can write to does.
 */
export const EMAIL_PATTERN = /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)+$/i;

/** True when `value` is an email address a checkout may carry (as given: callers trim if they wish). */
export function isCheckoutEmail(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(value);
}

/** Quantity bounds, in whole kilograms (1 t = 1000 kg). */
export const CHECKOUT_KG = {
  /** The smallest quantity there is, and the smallest one sold unless the seller says more. */
  min: 1,
  /** The largest quantity sold unless the seller says otherwise: 1,000 t. */
  max: 1_000_000,
  /** The largest bound a seller may set: `quantity_kg` travels as a JSON number, exact up to 2^53 − 1. */
  limit: Number.MAX_SAFE_INTEGER,
} as const;

/** True when `value` is a whole number of kilograms from `minKg` to `maxKg`. */
export function isCheckoutKg(value: unknown, minKg: number, maxKg: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= minKg && value <= maxKg;
}

/** The only host a checkout redirect may point at unless more are allowed. */
export const DEFAULT_REDIRECT_HOSTS: readonly string[] = ['checkout.stripe.com'];

/** The names of this machine, where a checkout simulator may run on plain http. */
const LOCAL_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for `localhost`, `127.0.0.1` and `[::1]` (a URL's `hostname` spells IPv6 in brackets). */
export function isLocalHostname(hostname: string): boolean {
  return LOCAL_HOSTNAMES.has(hostname);
}

// A host-list entry, lower-case: DNS labels (letters and digits, hyphens only inside a label) or an
// IPv6 address in brackets, then an optional port.
const HOST_ENTRY = /^([a-z\d]+(?:(?:-+|\.)[a-z\d]+)*|\[[\da-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * One entry of a host list (`allowed-redirect-hosts`, `ISOMETRIC_CHECKOUT_REDIRECT_HOSTS`), lower-cased:
 * a host name or an IPv6 address in brackets, with an optional port (`checkout.stripe.com`,
 * `localhost:8000`, `[::1]`). Undefined for anything else, such as a URL. An IPv6 address matches
 * only in the shortest form a URL gives it (`[::1]`, not `[0:0:0:0:0:0:0:1]`).
 */
export function parseHost(entry: string): string | undefined {
  const host = entry.trim().toLowerCase();
  return HOST_ENTRY.test(host) ? host : undefined;
}

/** Parses a comma-separated host list; the entries it refuses are returned, as written, under `invalid`. */
export function parseHostList(value: string | null | undefined): { hosts: string[]; invalid: string[] } {
  const hosts: string[] = [];
  const invalid: string[] = [];
  for (const entry of (value ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const host = parseHost(entry);
    if (host === undefined) invalid.push(entry.trim());
    else hosts.push(host);
  }
  return { hosts, invalid };
}

/** How strict the redirect and return-URL rules are. */
export interface CheckoutUrlPolicy {
  /**
   * Allows plain `http:` on this machine (`localhost`, `127.0.0.1`, `[::1]`), for a local checkout
   * simulator: the element always (it follows its page), the proxy only in dev mode.
   */
  readonly allowLocalHttp: boolean;
}

/** Whether `url` is on the host of a host-list entry; `anyPort` lets an entry without a port match every port. */
function onHost(url: URL, entry: string, anyPort: boolean): boolean {
  const [, host, port] = HOST_ENTRY.exec(entry) ?? [];
  // `url.port` is empty for the scheme's default port, which an entry may still spell out.
  return host === url.hostname && (port === undefined ? anyPort || !url.port : +port === +(url.port || (url.protocol === 'https:' ? 443 : 80)));
}

/**
 * Whether a checkout redirect may go to `url`, given the allowed hosts (normalised entries, the
 * defaults included):
 * - `https:` on a listed host, matched exactly: an entry without a port allows only the default port
 *   (443). Another port on the same name may be another service, run by someone else (shared
 *   hosting, a tunnel), so a port is allowed only where it is listed.
 * - plain `http:` only with `allowLocalHttp`, only on a local host (`localhost`, `127.0.0.1`, `[::1]`)
 *   that is listed; a local entry without a port allows any port, because a simulator on this machine
 *   takes whatever port is free and nobody else can serve from it.
 * - never with user-info (`https://user@host/`), which can disguise the host a person sees.
 *
 * The element (`allowed-redirect-hosts`) and the proxy (`checkout.redirectHosts`) both decide with it;
 * before, the element matched an entry without a port by host name alone, on every port.
 */
export function isAllowedRedirect(url: URL, hosts: readonly string[], policy: CheckoutUrlPolicy): boolean {
  const local = url.protocol === 'http:' && policy.allowLocalHttp && isLocalHostname(url.hostname);
  return !url.username && !url.password && (local || url.protocol === 'https:') && hosts.some((entry) => onHost(url, entry, local));
}

/** The redirect URL an API reply carried (`redirect_url`, of any type) when `isAllowedRedirect` lets it through. */
export function checkRedirectUrl(raw: unknown, hosts: readonly string[], policy: CheckoutUrlPolicy): URL | undefined {
  if (typeof raw !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return isAllowedRedirect(url, hosts, policy) ? url : undefined;
}

/** Stripe replaces this in a success URL with the Checkout Session id; it must reach Stripe unencoded. */
export const SESSION_PLACEHOLDER = '{CHECKOUT_SESSION_ID}';

/** The longest success or cancel URL accepted. */
export const RETURN_URL_MAX_LENGTH = 2048;

// Whitespace, control characters and backslashes: places where URL parsers disagree.
const UNSAFE_URL_CHARS = /[\s\p{Cc}\\]/u;

/**
 * Parses an absolute success or cancel URL strictly: `https:` (or, with `allowLocalHttp`, `http:` on
 * this machine), no user-info, no whitespace, control characters or backslashes, no encoded slashes
 * or dots in the path, no segment that is a dot-segment once its `;` parameters are dropped and it is
 * decoded (as often as it is encoded), at most `RETURN_URL_MAX_LENGTH` characters. Undefined for anything else.
 */
export function parseReturnUrl(raw: string, policy: CheckoutUrlPolicy): URL | undefined {
  if (raw.length > RETURN_URL_MAX_LENGTH || UNSAFE_URL_CHARS.test(raw) || !/^https?:\/\/[^/]/i.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const secure = url.protocol === 'https:' || (policy.allowLocalHttp && isLocalHostname(url.hostname));
  return secure && !url.username && !url.password && !/%(2f|5c|2e)/i.test(url.pathname) && !url.pathname.split('/').some(isDotSegment) ? url : undefined;
}

/**
 * Whether a path segment is, or decodes to, a dot-segment or a path of its own: `..;x` (a matrix
 * parameter, which some servers drop), `%252e%252e` (encoded twice), or a segment holding `/` or `\`
 * once decoded. A prefix check on such a path would say nothing about where a server takes it.
 */
function isDotSegment(segment: string): boolean {
  let text = segment;
  for (let round = 0; round < 4; round += 1) {
    const bare = text.split(';')[0] ?? '';
    if (bare === '.' || bare === '..' || /[/\\]/.test(text)) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return true;
    }
    if (decoded === text) return false;
    text = decoded;
  }
  // Still encoded after four rounds: nobody writes a return URL like that.
  return true;
}

/**
 * Whether a parsed URL falls under an allowed prefix: same origin, and the prefix's path is a whole
 * number of path segments of the URL's path (`/blog` matches `/blog` and `/blog/x`, not `/blogger`).
 */
export function isUnderPrefix(url: URL, prefix: string): boolean {
  const base = new URL(prefix);
  if (url.origin !== base.origin) return false;
  const path = base.pathname;
  return path.endsWith('/') ? url.pathname.startsWith(path) : url.pathname === path || url.pathname.startsWith(`${path}/`);
}

/** Whether `raw` is a success or cancel URL under one of the allowed prefixes. */
export function isAllowedReturnUrl(raw: string, prefixes: readonly string[], policy: CheckoutUrlPolicy): boolean {
  const url = parseReturnUrl(raw, policy);
  return url !== undefined && prefixes.some((prefix) => isUnderPrefix(url, prefix));
}
