/**
 * Success/cancel URL building and redirect checks for `<iso-checkout-button>`. Pure functions; no DOM.
 */
import { checkRedirectUrl, DEFAULT_REDIRECT_HOSTS, SESSION_PLACEHOLDER } from '../../shared/checkout.js';

/** How a person came back from Stripe Checkout. */
export type CheckoutReturn = 'success' | 'cancel';

/** The query parameter the default return URLs carry: `iso_checkout=success` or `iso_checkout=cancel`. */
export const RETURN_PARAM = 'iso_checkout';

/** The query parameter the default success URL fills with Stripe's session id. */
export const SESSION_PARAM = 'iso_checkout_session';

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
 * The checkout URL when it may be opened (src/shared/checkout.ts says when): `https:` on
 * `checkout.stripe.com` or one of `extraHosts`, or plain `http:` on a listed host of this machine (a
 * local checkout simulator). Undefined otherwise.
 */
export function checkRedirect(raw: unknown, extraHosts: readonly string[] = []): URL | undefined {
  return checkRedirectUrl(raw, [...DEFAULT_REDIRECT_HOSTS, ...extraHosts], { allowLocalHttp: true });
}

/**
 * `href` without the `iso_checkout` and `iso_checkout_session` query parameters; the rest of the
 * URL (path, every other parameter, the fragment) is kept byte for byte, and a query left empty
 * is dropped with its `?`.
 */
export function withoutReturnParams(href: string): string {
  const hashAt = href.indexOf('#');
  const hash = hashAt === -1 ? '' : href.slice(hashAt);
  const beforeHash = hashAt === -1 ? href : href.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt === -1) return href;
  const kept = beforeHash
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => paramName(pair) !== RETURN_PARAM && paramName(pair) !== SESSION_PARAM);
  const query = kept.join('&');
  return `${beforeHash.slice(0, queryAt)}${query ? `?${query}` : ''}${hash}`;
}

/** The Stripe Checkout session id the success URL came back with, when it is one (not the unfilled placeholder). */
export function readSessionId(search: string): string | undefined {
  const value = new URLSearchParams(search).get(SESSION_PARAM);
  return value && /^[A-Za-z0-9_]{1,255}$/.test(value) ? value : undefined;
}
