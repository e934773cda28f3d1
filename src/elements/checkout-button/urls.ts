/**
 * Success/cancel URL building and redirect checks for `<iso-checkout-button>`. Pure functions; no DOM.
 */

/** How a person came back from Stripe Checkout. */
export type CheckoutReturn = 'success' | 'cancel';

/** The query parameter the default return URLs carry: `iso_checkout=success` or `iso_checkout=cancel`. */
export const RETURN_PARAM = 'iso_checkout';

/** The query parameter the default success URL fills with Stripe's session id. */
export const SESSION_PARAM = 'iso_checkout_session';

/** Stripe replaces this in a success URL with the Checkout Session id; it must reach Stripe unencoded. */
export const SESSION_PLACEHOLDER = '{CHECKOUT_SESSION_ID}';

/** The only host a checkout redirect may point at unless the page allows more. */
export const DEFAULT_REDIRECT_HOSTS: readonly string[] = ['checkout.stripe.com'];

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

function paramName(pair: string): string {
  const raw = pair.split('=')[0] ?? '';
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

/**
 * The page URL with `iso_checkout=<status>` (and, for success, `iso_checkout_session={CHECKOUT_SESSION_ID}`)
 * added. The rest of the query is kept byte for byte and earlier `iso_checkout*` parameters are
 * dropped; the string is joined by hand because `URLSearchParams` would encode the placeholder's braces.
 * Undefined for a page that is not http(s).
 */
export function defaultReturnUrl(pageUrl: string, status: CheckoutReturn): string | undefined {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const beforeQuery = url.href.slice(0, url.href.length - url.search.length - url.hash.length);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && paramName(pair) !== RETURN_PARAM && paramName(pair) !== SESSION_PARAM);
  kept.push(`${RETURN_PARAM}=${status}`);
  if (status === 'success') kept.push(`${SESSION_PARAM}=${SESSION_PLACEHOLDER}`);
  return `${beforeQuery}?${kept.join('&')}${url.hash}`;
}

/** An absolute or page-relative link resolved against `base`, when it is http(s); undefined otherwise. */
export function resolveHttpUrl(raw: string | null | undefined, base: string): string | undefined {
  if (!raw?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/**
 * A return URL given by the page (`success-url`, `cancel-url`), resolved against the page and
 * required to be http(s). URL parsing percent-encodes braces in a path, so the session placeholder is
 * put back wherever it was written.
 */
export function resolveReturnUrl(raw: string, base: string): string | undefined {
  return resolveHttpUrl(raw, base)?.replaceAll('%7BCHECKOUT_SESSION_ID%7D', SESSION_PLACEHOLDER);
}

/** `success` or `cancel` when the page URL's query says the person came back from checkout. */
export function readReturnStatus(search: string): CheckoutReturn | undefined {
  const value = new URLSearchParams(search).get(RETURN_PARAM);
  return value === 'success' || value === 'cancel' ? value : undefined;
}

/**
 * Parses a comma-separated host list (`allowed-redirect-hosts`): lower-case host names, each with an
 * optional port. Returns the entries it refuses under `invalid`.
 */
export function parseHostList(value: string | null | undefined): { hosts: string[]; invalid: string[] } {
  const hosts: string[] = [];
  const invalid: string[] = [];
  for (const entry of (value ?? '').split(',')) {
    const host = entry.trim().toLowerCase();
    if (host === '') continue;
    if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/.test(host)) hosts.push(host);
    else invalid.push(entry.trim());
  }
  return { hosts, invalid };
}

function matchesHost(url: URL, entry: string): boolean {
  return entry.includes(':') ? url.host === entry : url.hostname === entry;
}

/**
 * The checkout URL when it may be opened: `https:` on `checkout.stripe.com` or on one of `extraHosts`;
 * an extra host may also be plain `http:` when it is `localhost` or `127.0.0.1` (a local checkout
 * simulator). URLs with user-info are refused. Undefined otherwise.
 */
export function checkRedirect(raw: unknown, extraHosts: readonly string[] = []): URL | undefined {
  if (typeof raw !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:') return [...DEFAULT_REDIRECT_HOSTS, ...extraHosts].some((host) => matchesHost(url, host)) ? url : undefined;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return extraHosts.some((host) => matchesHost(url, host)) ? url : undefined;
  return undefined;
}
