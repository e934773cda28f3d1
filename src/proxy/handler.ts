import type { components } from '../data/registry-schema.js';
import { createMemoryStore, createTieredStore, createWebCacheStore, defaultWebCache, type ReplyStore, type StoredReply } from './cache.js';
import { isAllowedReturnUrl, isLocalHostname, resolveConfig, type ProxyConfig, type ProxyOptions, type UpstreamFetch } from './config.js';
import type { ProxyErrorCode } from './errors.js';
import { createMetrics, type CacheResult, type RequestLogEntry, type UpstreamFailure } from './metrics.js';
import { CHECKOUT_OPERATION, FREQUENCIES, matchRoute, operationKey, validateRequest, type Operation, type Route } from './operations.js';
import { createRateLimiter } from './rate-limit.js';
import { createScope } from './scope.js';
import { createUpstream, readCapped, type Reply } from './upstream.js';

type CheckoutRequest = components['schemas']['CreateStripeCheckoutSessionRequest'];

/** What the server adapter knows about the connection; all optional. */
export interface ClientInfo {
  /**
   * The peer's IP address: the rate limits' key unless `trustProxy` is set. Without it, reads are not
   * rate-limited and checkout creations share one budget.
   */
  readonly clientAddress?: string;
  /** Keeps the runtime alive for work that ends after the response (workerd's `ctx.waitUntil`); cache writes use it. */
  readonly waitUntil?: (promise: Promise<unknown>) => void;
}

/** The proxy: a Web-standard fetch handler. */
export type ProxyHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

/** Refusal bodies' `error` codes (a module of their own so the upstream client can share them). */
export type { ProxyErrorCode } from './errors.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const USER_AGENT = 'isometric-widgets-proxy';
const CHECKOUT_MAX_BYTES = 8 * 1024;
const WRITE_MAX_BYTES = 64 * 1024;
const PREFLIGHT_MAX_AGE = '600';
const WINDOW_MS = 60_000;
/** Longest request target (path and query) served; longer ones get 414. */
const MAX_TARGET_LENGTH = 2048;
/** Largest total of request header names and values (cookies aside); more gets 431. */
const MAX_HEADER_BYTES = 8 * 1024;
const METHOD_OVERRIDES = ['x-http-method-override', 'x-http-method', 'x-method-override'];
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const EXPOSED_HEADERS = 'retry-after, x-cache, x-isometric-stale';
/**
 * How long past its freshness a reply with upstream validators is kept so that it can be revalidated
 * (a 304 costs the upstream no body), when the stale-if-error window is shorter. The store's bounds
 * still apply: stale entries are the least recently used and go first.
 */
const REVALIDATE_WINDOW_MS = 3_600_000;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The error code of each refusal this module built, for the request log. */
const codes = new WeakMap<Response, ProxyErrorCode>();

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });
}

/** A refusal: `{"error": code, "message": sentence}`, never cached. */
function refuse(status: number, error: ProxyErrorCode, message: string, extra: { headers?: Record<string, string>; field?: string } = {}): Response {
  const response = json(status, { error, message, ...(extra.field ? { field: extra.field } : {}) }, extra.headers);
  codes.set(response, error);
  return response;
}

function replyError(status: number, error: ProxyErrorCode, message: string): Reply {
  return { status, body: JSON.stringify({ error, message }), error };
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The client's address: the first `X-Forwarded-For` entry when the proxy is trusted, else the peer's. */
function clientAddressOf(request: Request, info: ClientInfo, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const first = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
    if (/^[0-9A-Fa-f:.]{2,45}$/.test(first)) return first;
  }
  return info.clientAddress;
}

/**
 * The size of the request's headers, without `Cookie`: the proxy never reads or forwards cookies, and a
 * site that mounts it on its own origin may carry large ones (the server still caps the total).
 */
function headerBytes(headers: Headers): number {
  let total = 0;
  headers.forEach((value, name) => {
    if (name !== 'cookie') total += name.length + value.length + 4;
  });
  return total;
}

/** Whether every percent-escape in the query decodes as UTF-8 (`%FF`, `%zz` and lone `%` do not). */
function wellEncoded(search: string): boolean {
  if (!search.includes('%')) return true;
  for (const part of search.slice(1).split(/[&=]/)) {
    if (!part.includes('%')) continue;
    try {
      decodeURIComponent(part);
    } catch {
      return false;
    }
  }
  return true;
}

/** A strong entity tag from the body: base64url of its SHA-256. */
async function strongEtag(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}

/** SHA-256 of a string's UTF-8 bytes. */
async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Whether two digests are equal, looking at every byte whatever differs. */
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** `If-None-Match` against an entity tag, with the weak comparison RFC 9110 prescribes for it. */
function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

type Checked<T> = { ok: T } | { refusal: Response };

function fieldError(field: string, message: string): { refusal: Response } {
  return { refusal: refuse(422, 'invalid_field', message, { field }) };
}

function validateCheckout(body: Record<string, unknown>, config: ProxyConfig): Checked<CheckoutRequest> {
  const checkout = config.checkout as NonNullable<ProxyConfig['checkout']>;
  const { quantity_kg: kg, frequency, success_url: success, cancel_url: cancel, customer_email: email } = body;
  if (typeof kg !== 'number' || !Number.isSafeInteger(kg) || kg < checkout.minKg || kg > checkout.maxKg) {
    return fieldError('quantity_kg', `quantity_kg must be a whole number of kilograms from ${checkout.minKg} to ${checkout.maxKg}.`);
  }
  if (!FREQUENCIES.some((value) => value === frequency)) return fieldError('frequency', `frequency must be one of ${FREQUENCIES.join(', ')}.`);
  for (const field of ['isometric_terms_and_conditions_accepted', 'supplier_terms_and_conditions_accepted'] as const) {
    if (body[field] !== true) return fieldError(field, `${field} must be true: the buyer has to accept the terms and conditions.`);
  }
  for (const [field, value] of [['success_url', success], ['cancel_url', cancel]] as const) {
    if (typeof value !== 'string' || !isAllowedReturnUrl(value, checkout.urls, config.dev)) {
      return fieldError(field, `${field} must be an https URL under one of the proxy\u2019s allowed checkout URLs.`);
    }
  }
  if (email !== undefined && email !== null && (typeof email !== 'string' || email.length > 254 || !EMAIL.test(email))) {
    return fieldError('customer_email', 'customer_email must be a valid email address of at most 254 characters.');
  }
  return {
    ok: {
      quantity_kg: kg,
      frequency: frequency as CheckoutRequest['frequency'],
      isometric_terms_and_conditions_accepted: true,
      supplier_terms_and_conditions_accepted: true,
      // Forwarded exactly as sent: Stripe's {CHECKOUT_SESSION_ID} placeholder must survive unencoded.
      success_url: success as string,
      cancel_url: cancel as string,
      ...(typeof email === 'string' ? { customer_email: email } : {}),
    },
  };
}

async function readJsonBody(request: Request, max: number): Promise<Checked<{ value: Record<string, unknown>; text: string }>> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { refusal: refuse(415, 'unsupported_media_type', 'The request body must be sent as content-type: application/json.') };
  const tooLarge = { refusal: refuse(413, 'payload_too_large', `The request body must be at most ${max} bytes.`) };
  if (Number(request.headers.get('content-length') ?? 0) > max) return tooLarge;
  const bytes = await readCapped(request.body, max);
  if (!bytes) return tooLarge;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { refusal: refuse(400, 'invalid_json', 'The request body is not valid UTF-8 JSON.') };
  }
  const parsed = parseJson(text);
  if (!parsed) return { refusal: refuse(400, 'invalid_json', 'The request body is not valid JSON.') };
  if (!isObject(parsed.value)) return { refusal: refuse(400, 'invalid_body', 'The request body must be a JSON object.') };
  return { ok: { value: parsed.value, text } };
}

/**
 * Whether a checkout redirect may go to `url`: `https:` and exactly an allowed host (a port only when
 * the entry names it). In dev mode a local entry (`localhost`) also allows `http:` and any port.
 */
function isAllowedRedirect(url: URL, hosts: readonly string[], dev: boolean): boolean {
  if (url.username || url.password) return false;
  const local = dev && isLocalHostname(url.hostname) && hosts.includes(url.hostname);
  if (local) return url.protocol === 'https:' || url.protocol === 'http:';
  return url.protocol === 'https:' && hosts.includes(url.host);
}

/** Checks the `redirect_url` of a checkout reply, else turns it into a `bad_redirect` reply. */
function screenRedirect(reply: Reply, hosts: readonly string[], dev: boolean): Reply {
  if (reply.status < 200 || reply.status >= 300) return reply;
  const parsed = parseJson(reply.body);
  const raw = parsed && isObject(parsed.value) ? parsed.value['redirect_url'] : undefined;
  let url: URL | undefined;
  try {
    url = typeof raw === 'string' ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !isAllowedRedirect(url, hosts, dev)) {
    return replyError(502, 'bad_redirect', 'The Registry API returned a checkout redirect to a host the proxy does not allow.');
  }
  return reply;
}

function sameHost(url: URL, host: string | null): boolean {
  if (host === null) return true;
  try {
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

/** Splits a path into segments, or returns `undefined` for anything that could steer the upstream path. */
function safeSegments(path: string): string[] | undefined {
  if (path.includes('%') || path.includes('\\')) return undefined;
  const segments = path.slice(1).split('/');
  return segments.some((segment) => segment === '' || segment === '.' || segment === '..') ? undefined : segments;
}

/** What one request did, for the log and the metrics. */
interface Trace {
  operation: string;
  cache?: CacheResult;
  attempts?: number;
}

/** A read as served: a stored reply, or the proxy's own error reply. */
type Served = Reply & { readonly outOfScope?: boolean };

/** The result of fetching one read; `stored` is set when it may be cached. */
interface Fetched {
  readonly reply: Served;
  readonly attempts: number;
  readonly failure?: UpstreamFailure;
  readonly stored?: StoredReply;
  /** The upstream answered 304: `stored` is the previous entry, fresh again. */
  readonly revalidated?: boolean;
}

/**
 * Creates the proxy: a pure `(request, info?) => Promise<Response>` that forwards allowlisted Registry
 * API operations with the client secret and access token added server-side. Configuration is
 * validated here, once.
 *
 * Refusals are JSON `{"error": ProxyErrorCode, "message": sentence}` (checkout field errors add
 * `field`). Successful reads carry an `ETag` (the API's, else a SHA-256 of the body) and answer
 * `If-None-Match` with 304. They are cached for `cacheTtl` seconds in a store bounded in entries and
 * bytes (keyed by the canonical upstream URL; identical concurrent misses share one upstream request)
 * and marked `X-Cache: HIT|MISS`. A stale read whose upstream answer had an `ETag` or `Last-Modified`
 * is revalidated: the next miss sends `If-None-Match` / `If-Modified-Since`, and an upstream 304 makes
 * the stored reply fresh again (`X-Cache: REVALIDATED`) while a 200 replaces it. When the upstream
 * fails, a cached read up to `staleIfError` seconds past its freshness is served instead, marked
 * `X-Cache: STALE` and `X-Isometric-Stale: <age in s>`. Nothing else is cached, not even the API's
 * 404s: a record created a moment later must not stay invisible, and refusals are cheap to recompute.
 *
 * `{base}/healthz` answers `{"ok":true}`; `{base}/metrics` serves Prometheus counters unless
 * `metrics` is false, only to `Authorization: Bearer <metricsToken>` when that is set, and never with
 * CORS headers. `log`, when given, receives one entry per request.
 *
 * @example
 * // An edge runtime that exposes its variables as `env` (see worker.ts):
 * const proxy = createProxy(loadConfig(env));
 * export default { fetch: (request: Request) => proxy(request) };
 * @throws {ConfigError} when the options are invalid.
 */
export function createProxy(options: ProxyOptions): ProxyHandler {
  const config = resolveConfig(options);
  const upstreamFetch: UpstreamFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const log = options.log;
  const metrics = config.metrics ? createMetrics() : undefined;
  const allowed = new Set(config.operations);
  const scope = createScope(config.scope);
  const ttl = config.cacheTtl;
  const ttlMs = ttl * 1000;
  /** Past this age a stored read is no longer served when the upstream fails. */
  const staleLimitMs = ttlMs + config.staleIfError * 1000;
  /** How long a store keeps a reply: long enough to serve it stale on error and, with validators, to revalidate it. */
  const keepFor = (reply: StoredReply): number => (reply.validators ? ttlMs + Math.max(config.staleIfError * 1000, REVALIDATE_WINDOW_MS) : staleLimitMs);
  const store = ttl > 0 ? (options.cacheStore ?? defaultStore()) : undefined;
  const inflight = new Map<string, Promise<Fetched>>();
  const checkoutLimiter = config.checkout && createRateLimiter({ limit: config.checkout.rateLimitPerMinute, windowMs: WINDOW_MS, now });
  const readLimiter = config.readRateLimitPerMinute > 0 ? createRateLimiter({ limit: config.readRateLimitPerMinute, windowMs: WINDOW_MS, now }) : undefined;
  const staleIfError = config.staleIfError > 0 ? `, stale-if-error=${config.staleIfError}` : '';
  const readCacheControl = ttl > 0 ? `public, max-age=${ttl}, stale-while-revalidate=${ttl * 5}${staleIfError}` : 'no-store';
  const upstream = createUpstream({
    apiUrl: config.apiUrl,
    headers: {
      accept: 'application/json',
      'user-agent': USER_AGENT,
      'x-client-secret': config.clientSecret,
      authorization: `Bearer ${config.accessToken}`,
    },
    fetch: upstreamFetch,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    retryBaseMs: config.retryBaseMs,
    maxBytes: config.upstreamMaxBytes,
    random: options.random ?? Math.random,
    now,
    ...(metrics ? { onRetry: () => metrics.upstreamRetry(), onFailure: (failure: UpstreamFailure) => metrics.upstreamError(failure) } : {}),
  });

  function defaultStore(): ReplyStore {
    const memory = createMemoryStore({ maxEntries: config.cacheMaxEntries, maxBytes: config.cacheMaxBytes, now });
    const web = defaultWebCache();
    if (!web) return memory;
    // Keys in the shared cache name the upstream, the credentials (never in clear) and the scope, whose
    // verdict is stored with each reply: two deployments confined differently never share entries.
    let base: Promise<string> | undefined;
    const keyBase = () =>
      (base ??= strongEtag(`${config.apiUrl}\n${config.accessToken}\n${config.clientSecret}\n${JSON.stringify(config.scope ?? {})}`).then(
        (tag) => `https://isometric-proxy.cache/${tag.slice(1, 23)}`,
      ));
    return createTieredStore(memory, createWebCacheStore(web, keyBase), keepFor, now);
  }

  let metricsDigest: Promise<Uint8Array> | undefined;

  /**
   * Checks `Authorization: Bearer <metricsToken>`: `ok`, `missing` (no bearer credential) or `invalid`.
   * Compares SHA-256 digests, so neither the token's length nor the position of a first difference
   * shows in the time taken.
   */
  async function checkMetricsToken(request: Request, token: string): Promise<'ok' | 'missing' | 'invalid'> {
    const presented = /^Bearer +([\x21-\x7e]+) *$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const [expected, given] = await Promise.all([(metricsDigest ??= sha256(token)), sha256(presented ?? '')]);
    if (presented === undefined) return 'missing';
    return sameDigest(expected, given) ? 'ok' : 'invalid';
  }

  function isAllowedOrigin(origin: string | null): origin is string {
    return origin !== null && (config.allowedOrigins === '*' || config.allowedOrigins.includes(origin));
  }

  function corsHeaders(origin: string | null): Record<string, string> {
    if (config.allowedOrigins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS };
    if (config.allowedOrigins.length === 0) return {};
    // The answer depends on Origin, so shared caches must key on it.
    const headers: Record<string, string> = { vary: 'Origin' };
    if (isAllowedOrigin(origin)) Object.assign(headers, { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS });
    return headers;
  }

  function allowedMethods(route: Route): string[] {
    const methods = [...route.operations.values()].filter((operation) => allowed.has(operationKey(operation))).map((operation) => operation.method);
    return methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
  }

  /**
   * One upstream read, screened, tagged and checked against the scope. With a `previous` reply that has
   * validators the read is conditional, and a 304 gives back `previous` with its freshness renewed
   * (same body, so the same scope verdict).
   */
  async function fetchRead(operation: Operation, key: string, previous?: StoredReply): Promise<Fetched> {
    const outcome = await upstream(key, { method: 'GET', ...(previous?.validators ? { validators: previous.validators } : {}) });
    const { reply, attempts } = outcome;
    if (outcome.notModified && previous) {
      const renewed: StoredReply = { ...previous, storedAt: now() };
      return { reply: renewed, attempts, stored: renewed, revalidated: true };
    }
    if (outcome.failure || reply.status < 200 || reply.status >= 300) return { reply, attempts, ...(outcome.failure ? { failure: outcome.failure } : {}) };
    const validators = { ...(reply.etag ? { etag: reply.etag } : {}), ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}) };
    const stored: StoredReply = {
      status: reply.status,
      body: reply.body,
      etag: reply.etag ?? (await strongEtag(reply.body)),
      storedAt: now(),
      size: outcome.size ?? reply.body.length,
      ...(scope.checkBody(operation, outcome.parsed) === undefined ? {} : { outOfScope: true }),
      ...(reply.etag || outcome.lastModified ? { validators } : {}),
    };
    return { reply: stored, attempts, stored };
  }

  /**
   * Identical concurrent misses share one upstream request (conditional when the first of them found a
   * stale entry to revalidate); each waiter still keeps its own deadline.
   */
  async function coalesced(operation: Operation, key: string, info: ClientInfo, cache: ReplyStore, previous: StoredReply | undefined): Promise<Fetched> {
    let pending = inflight.get(key);
    if (!pending) {
      pending = fetchRead(operation, key, previous)
        .then((fetched) => {
          if (fetched.stored) {
            // Not awaited: a slow shared cache must not delay the answer (the memory tier stores at once).
            const write = cache.put(key, fetched.stored, keepFor(fetched.stored)).catch(() => undefined);
            info.waitUntil?.(write);
          }
          return fetched;
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overdue = new Promise<Fetched>((resolve) => {
      timer = setTimeout(
        () => resolve({ reply: replyError(504, 'upstream_timeout', `The Registry API did not answer within ${config.upstreamTimeoutMs} ms.`), attempts: 0, failure: 'timeout' }),
        config.upstreamTimeoutMs + 1_000,
      );
    });
    try {
      return await Promise.race([pending, overdue]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A read through the cache, falling back to a stale copy when the upstream fails. */
  async function cachedRead(operation: Operation, key: string, info: ClientInfo, trace: Trace): Promise<{ served: Served; cache: CacheResult; age?: number }> {
    if (!store) {
      const fetched = await fetchRead(operation, key);
      trace.attempts = fetched.attempts;
      return { served: fetched.reply, cache: 'MISS' };
    }
    const stored = await store.get(key);
    const age = stored ? now() - stored.storedAt : Number.POSITIVE_INFINITY;
    if (stored && age < ttlMs) return { served: stored, cache: 'HIT' };
    const fetched = await coalesced(operation, key, info, store, stored);
    trace.attempts = fetched.attempts;
    // Credentials the API refuses are a misconfiguration to surface, not an outage to paper over.
    if (fetched.failure && fetched.failure !== 'auth' && stored && age < staleLimitMs) return { served: stored, cache: 'STALE', age };
    return { served: fetched.reply, cache: fetched.revalidated ? 'REVALIDATED' : 'MISS' };
  }

  function toResponse(reply: Reply, headers: Record<string, string>): Response {
    const success = reply.status >= 200 && reply.status < 300;
    const response = new Response(reply.body, {
      status: reply.status,
      headers: {
        'content-type': JSON_TYPE,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        ...(success && reply.etag ? { etag: reply.etag } : {}),
        ...(reply.retryAfter ? { 'retry-after': String(reply.retryAfter) } : {}),
        ...headers,
      },
    });
    if (reply.error) codes.set(response, reply.error);
    return response;
  }

  async function read(request: Request, operation: Operation, key: string, info: ClientInfo, trace: Trace): Promise<Response> {
    const { served, cache, age } = await cachedRead(operation, key, info, trace);
    trace.cache = cache;
    if (served.outOfScope) return refuse(403, 'out_of_scope', 'The answer includes records outside this proxy\u2019s scope.');
    const success = served.status >= 200 && served.status < 300;
    const headers: Record<string, string> = { 'x-cache': cache };
    if (success) headers['cache-control'] = cache === 'STALE' ? 'no-store' : readCacheControl;
    if (cache === 'STALE' && age !== undefined) headers['x-isometric-stale'] = String(Math.max(0, Math.floor(age / 1000)));
    if (success && served.etag && matchesIfNoneMatch(request.headers.get('if-none-match'), served.etag)) {
      return new Response(null, { status: 304, headers: { etag: served.etag, ...headers } });
    }
    return toResponse(served, headers);
  }

  async function checkout(request: Request, info: ClientInfo, trace: Trace): Promise<Response> {
    const settings = config.checkout as NonNullable<ProxyConfig['checkout']>;
    const body = await readJsonBody(request, CHECKOUT_MAX_BYTES);
    if ('refusal' in body) return body.refusal;
    const checked = validateCheckout(body.ok.value, config);
    if ('refusal' in checked) return checked.refusal;
    const wait = checkoutLimiter ? checkoutLimiter.take(clientAddressOf(request, info, config.trustProxy) ?? 'unknown') : 0;
    if (wait > 0) {
      metrics?.rateLimited('checkout');
      return refuse(429, 'rate_limited', `Too many checkout sessions from this address; try again in ${wait} s.`, { headers: { 'retry-after': String(wait) } });
    }
    const outcome = await upstream('/stripe/checkout', { method: 'POST', body: JSON.stringify(checked.ok) });
    trace.attempts = outcome.attempts;
    return toResponse(screenRedirect(outcome.reply, settings.redirectHosts, config.dev), {});
  }

  async function write(request: Request, path: string, trace: Trace): Promise<Response> {
    const body = await readJsonBody(request, WRITE_MAX_BYTES);
    if ('refusal' in body) return body.refusal;
    const outcome = await upstream(path, { method: 'POST', body: body.ok.text });
    trace.attempts = outcome.attempts;
    return toResponse(outcome.reply, {});
  }

  function preflight(request: Request, route: Route, methods: string[]): Response {
    const origin = request.headers.get('origin');
    const allow = [...methods, 'OPTIONS'].join(', ');
    if (!request.headers.has('access-control-request-method')) return new Response(null, { status: 204, headers: { allow } });
    if (!isAllowedOrigin(origin)) return refuse(403, 'origin_not_allowed', `The origin ${origin ?? '(none)'} is not allowed to call this proxy.`);
    if (methods.length === 0) return refuse(403, 'operation_not_allowed', `No operation on ${route.template} is allowed by this proxy.`);
    return new Response(null, {
      status: 204,
      headers: {
        'access-control-allow-methods': methods.join(', '),
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': PREFLIGHT_MAX_AGE,
      },
    });
  }

  function stripBase(pathname: string): string | undefined {
    if (config.basePath === '') return pathname;
    if (pathname === config.basePath) return '/';
    return pathname.startsWith(`${config.basePath}/`) ? pathname.slice(config.basePath.length) : undefined;
  }

  /**
   * `/healthz` and `/metrics`: answered by the proxy itself, outside the rate limit, except that a
   * request for `/metrics` without the right token counts against the read limit (it may be guessing).
   */
  async function own(request: Request, name: 'healthz' | 'metrics', info: ClientInfo, trace: Trace): Promise<Response> {
    trace.operation = name;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(405, 'method_not_allowed', `${request.method} is not allowed on /${name}.`, { headers: { allow: 'GET, HEAD' } });
    }
    if (name === 'healthz' || !metrics) return json(200, { ok: true });
    const token = config.metricsToken === undefined ? 'ok' : await checkMetricsToken(request, config.metricsToken);
    if (token !== 'ok') {
      const address = clientAddressOf(request, info, config.trustProxy);
      const wait = readLimiter && address !== undefined ? readLimiter.take(address) : 0;
      if (wait > 0) {
        metrics.rateLimited('read');
        return refuse(429, 'rate_limited', `Too many requests from this address; try again in ${wait} s.`, { headers: { 'retry-after': String(wait) } });
      }
      // RFC 6750 §3: name the error only when a bearer token was presented.
      const challenge = token === 'invalid' ? 'Bearer error="invalid_token"' : 'Bearer';
      return refuse(401, 'unauthorized', '/metrics needs Authorization: Bearer with the proxy\u2019s metrics token.', { headers: { 'www-authenticate': challenge } });
    }
    return new Response(metrics.render(), {
      status: 200,
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    });
  }

  async function route(request: Request, info: ClientInfo, trace: Trace): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.length + url.search.length > MAX_TARGET_LENGTH) {
      return refuse(414, 'uri_too_long', `The request target must be at most ${MAX_TARGET_LENGTH} characters.`);
    }
    if (headerBytes(request.headers) > MAX_HEADER_BYTES) return refuse(431, 'headers_too_large', `The request headers must total at most ${MAX_HEADER_BYTES} bytes.`);
    // An absolute-form request target (`GET http://evil.com/x`) shows up as a URL whose host is not the Host header.
    if (!sameHost(url, request.headers.get('host'))) return refuse(400, 'bad_path', 'The request target must be a path on this host, not an absolute URL.');
    const path = stripBase(url.pathname);
    if (path === undefined || path === '/') return refuse(404, 'not_found', `Nothing is served at ${url.pathname}.`);
    if (path === '/healthz' || (path === '/metrics' && metrics)) return own(request, path === '/healthz' ? 'healthz' : 'metrics', info, trace);
    if (readLimiter && !(request.method === 'POST' && path === '/stripe/checkout')) {
      const address = clientAddressOf(request, info, config.trustProxy);
      const wait = address === undefined ? 0 : readLimiter.take(address);
      if (wait > 0) {
        metrics?.rateLimited('read');
        return refuse(429, 'rate_limited', `Too many requests from this address; try again in ${wait} s.`, { headers: { 'retry-after': String(wait) } });
      }
    }
    if (!wellEncoded(url.search)) return refuse(400, 'invalid_encoding', 'The query string must be percent-encoded UTF-8.');
    if (METHOD_OVERRIDES.some((name) => request.headers.has(name)) || url.searchParams.has('_method')) {
      return refuse(400, 'method_override', 'Method overrides (X-HTTP-Method-Override, _method) are not accepted; send the real method.');
    }
    const segments = safeSegments(path);
    if (!segments) return refuse(400, 'bad_path', 'The path contains empty, dot, encoded or backslash segments.');
    const match = matchRoute(segments);
    if (!match) return refuse(404, 'not_found', `No Registry API path matches ${path}.`);
    const methods = allowedMethods(match.route);
    if (request.method === 'OPTIONS') return preflight(request, match.route, methods);
    const operation = match.route.operations.get(request.method === 'HEAD' ? 'GET' : request.method);
    if (operation) trace.operation = operationKey(operation);
    if (methods.length === 0 || (operation && !allowed.has(operationKey(operation)))) {
      const name = operation ? operationKey(operation) : `${request.method} ${match.route.template}`;
      return refuse(403, 'operation_not_allowed', `${name} is not allowed by this proxy.`);
    }
    if (!operation) {
      return refuse(405, 'method_not_allowed', `${request.method} is not allowed on ${match.route.template}.`, { headers: { allow: methods.join(', ') } });
    }
    const validated = validateRequest(operation, match.id, url.searchParams);
    if ('error' in validated) return refuse(400, validated.error, validated.message);
    const outOfScope = scope.checkRequest(operation, match.id, url.searchParams);
    if (outOfScope) return refuse(403, 'out_of_scope', outOfScope);
    if (operation.method === 'GET') return read(request, operation, `${validated.path}${validated.query}`, info, trace);
    if (operationKey(operation) === CHECKOUT_OPERATION) return checkout(request, info, trace);
    return write(request, validated.path, trace);
  }

  function record(request: Request, response: Response, trace: Trace, started: number): void {
    if (!metrics && !log) return;
    const durationMs = Math.max(0, clock() - started);
    metrics?.observe({ operation: trace.operation, status: response.status, durationMs, ...(trace.cache ? { cache: trace.cache } : {}) });
    if (!log) return;
    const error = codes.get(response);
    const entry: RequestLogEntry = {
      time: new Date(now()).toISOString(),
      request_id: crypto.randomUUID(),
      method: KNOWN_METHODS.has(request.method) ? request.method : 'OTHER',
      operation: trace.operation,
      status: response.status,
      duration_ms: Math.round(durationMs * 100) / 100,
      ...(trace.cache ? { cache: trace.cache } : {}),
      ...(error ? { error } : {}),
      ...(trace.attempts ? { upstream_attempts: trace.attempts } : {}),
    };
    try {
      log(entry);
    } catch {
      // A failing log sink must not fail the request.
    }
  }

  return async (request, info = {}) => {
    const started = clock();
    const trace: Trace = { operation: 'other' };
    let response: Response;
    try {
      response = await route(request, info, trace);
    } catch {
      response = refuse(500, 'internal_error', 'The proxy failed unexpectedly.');
    }
    // The counters are for a scraper, not for pages: no origin may read them, with or without a token.
    if (trace.operation !== 'metrics') for (const [name, value] of Object.entries(corsHeaders(request.headers.get('origin')))) response.headers.set(name, value);
    record(request, response, trace, started);
    if (request.method === 'HEAD') return new Response(null, { status: response.status, headers: response.headers });
    return response;
  };
}

/** A monotonic clock in milliseconds where the runtime has one (Node, workerd), for durations. */
function clock(): number {
  return globalThis.performance?.now() ?? Date.now();
}
