import type { components } from '../data/registry-schema.js';
import { isAllowedReturnUrl, isLocalHostname, resolveConfig, type ProxyConfig, type ProxyOptions, type UpstreamFetch } from './config.js';
import { CHECKOUT_OPERATION, FREQUENCIES, matchRoute, operationKey, validateRequest, type Route } from './operations.js';

type CheckoutRequest = components['schemas']['CreateStripeCheckoutSessionRequest'];

/** What the server adapter knows about the connection; all optional. */
export interface ClientInfo {
  /** The peer's IP address, used as the checkout rate-limit key unless `trustProxy` is set. */
  readonly clientAddress?: string;
}

/** The proxy: a Web-standard fetch handler. */
export type ProxyHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

/** The error codes a refusal's JSON body carries in `error`. */
export type ProxyErrorCode =
  | 'not_found'
  | 'bad_path'
  | 'method_not_allowed'
  | 'operation_not_allowed'
  | 'origin_not_allowed'
  | 'invalid_id'
  | 'invalid_parameter'
  | 'unknown_parameter'
  | 'duplicate_parameter'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_field'
  | 'rate_limited'
  | 'upstream_timeout'
  | 'upstream_unavailable'
  | 'upstream_error'
  | 'upstream_auth'
  | 'bad_redirect'
  | 'internal_error';

/** A response kept independently of any `Response` object, so the cache can replay it. */
interface Reply {
  readonly status: number;
  readonly body: string;
  readonly etag?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const USER_AGENT = 'isometric-widgets-proxy';
const CACHE_MAX_ENTRIES = 500;
const CHECKOUT_MAX_BYTES = 8 * 1024;
const WRITE_MAX_BYTES = 64 * 1024;
const UPSTREAM_MAX_BYTES = 5 * 1024 * 1024;
const PREFLIGHT_MAX_AGE = '600';
const WINDOW_MS = 60_000;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const ETAG = /^(?:W\/)?"[\x21\x23-\x7e]{0,256}"$/;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });
}

/** A refusal: `{"error": code, "message": sentence}`, never cached. */
function refuse(status: number, error: ProxyErrorCode, message: string, extra: { headers?: Record<string, string>; field?: string } = {}): Response {
  return json(status, { error, message, ...(extra.field ? { field: extra.field } : {}) }, extra.headers);
}

function replyError(status: number, error: ProxyErrorCode, message: string): Reply {
  return { status, body: JSON.stringify({ error, message }) };
}

/** Reads a body up to `max` bytes; `undefined` when it is larger. */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
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

/** Rejects once `signal` aborts, so an upstream that ignores the signal still times out. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

/** Turns the upstream's answer into one that is safe to show a browser. */
function screenUpstream(status: number, text: string, etag: string | null): Reply {
  if (status === 401 || status === 403) return replyError(502, 'upstream_auth', 'The Registry API refused the proxy\u2019s credentials; check its configuration.');
  if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
    return replyError(502, 'upstream_error', `The Registry API answered with status ${status}.`);
  }
  const parsed = parseJson(text);
  if (!parsed) return replyError(502, 'upstream_error', 'The Registry API answered with something that is not JSON.');
  // 2xx bodies pass through verbatim: kg fields may exceed 2^53 and would not survive a JSON round trip.
  if (status < 300) return { status, body: text, ...(etag && ETAG.test(etag) ? { etag } : {}) };
  return { status, body: JSON.stringify(parsed.value) };
}

function clientAddressOf(request: Request, info: ClientInfo, trustProxy: boolean): string {
  if (trustProxy) {
    const first = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
    if (/^[0-9A-Fa-f:.]{2,45}$/.test(first)) return first;
  }
  return info.clientAddress ?? 'unknown';
}

/** Fixed one-minute windows per key; returns 0 when allowed, else the seconds until the window resets. */
function createRateLimiter(limit: number, now: () => number): (key: string) => number {
  const windows = new Map<string, { start: number; count: number }>();
  return (key) => {
    const time = now();
    let window = windows.get(key);
    if (!window || time - window.start >= WINDOW_MS) {
      if (windows.size >= 10_000) for (const [k, w] of windows) if (time - w.start >= WINDOW_MS) windows.delete(k);
      window = { start: time, count: 0 };
      windows.set(key, window);
    }
    if (window.count >= limit) return Math.max(1, Math.ceil((window.start + WINDOW_MS - time) / 1000));
    window.count += 1;
    return 0;
  };
}

/** A TTL cache of successful replies, bounded by evicting the oldest entry. */
function createReplyCache(ttlMs: number, now: () => number) {
  const entries = new Map<string, { expires: number; reply: Reply }>();
  return {
    get(key: string): Reply | undefined {
      const entry = entries.get(key);
      if (entry && entry.expires > now()) return entry.reply;
      entries.delete(key);
      return undefined;
    },
    set(key: string, reply: Reply): void {
      entries.delete(key);
      entries.set(key, { expires: now() + ttlMs, reply });
      if (entries.size > CACHE_MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    },
  };
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

/**
 * Creates the proxy: a pure `(request) => Promise<Response>` that forwards allowlisted Registry API
 * operations with the client secret and access token added server-side. Configuration is validated
 * here, once.
 *
 * Refusals are JSON `{"error": ProxyErrorCode, "message": sentence}` (checkout field errors add
 * `field`). Successful reads are cached in memory for `cacheTtl` seconds (at most 500 entries, keyed by
 * the canonical upstream URL; identical concurrent misses share one upstream request) and marked
 * `X-Cache: HIT|MISS`. Nothing else is cached, not even the API's 404s: a record created a moment
 * later must not stay invisible, and refusals are cheap to recompute.
 *
 * @example
 * // An edge runtime that exposes its variables as `env`:
 * const proxy = createProxy(loadConfig(env));
 * export default { fetch: (request: Request) => proxy(request) };
 * @throws {ConfigError} when the options are invalid.
 */
export function createProxy(options: ProxyOptions): ProxyHandler {
  const config = resolveConfig(options);
  const upstreamFetch: UpstreamFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const allowed = new Set(config.operations);
  const ttl = config.cacheTtl;
  const cache = ttl > 0 ? createReplyCache(ttl * 1000, now) : undefined;
  const inflight = new Map<string, Promise<Reply>>();
  const rateLimit = config.checkout && createRateLimiter(config.checkout.rateLimitPerMinute, now);
  const readCacheControl = ttl > 0 ? `public, max-age=${ttl}, stale-while-revalidate=${ttl * 5}` : 'no-store';
  const upstreamHeaders = {
    accept: 'application/json',
    'user-agent': USER_AGENT,
    'x-client-secret': config.clientSecret,
    authorization: `Bearer ${config.accessToken}`,
  };

  function isAllowedOrigin(origin: string | null): origin is string {
    return origin !== null && (config.allowedOrigins === '*' || config.allowedOrigins.includes(origin));
  }

  function corsHeaders(origin: string | null): Record<string, string> {
    if (config.allowedOrigins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after, x-cache' };
    if (config.allowedOrigins.length === 0) return {};
    // The answer depends on Origin, so shared caches must key on it.
    const headers: Record<string, string> = { vary: 'Origin' };
    if (isAllowedOrigin(origin)) Object.assign(headers, { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'retry-after, x-cache' });
    return headers;
  }

  function allowedMethods(route: Route): string[] {
    const methods = [...route.operations.values()].filter((operation) => allowed.has(operationKey(operation))).map((operation) => operation.method);
    return methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
  }

  /** Calls the upstream with a deadline and screens its answer; never rejects. */
  async function forward(path: string, init: { method: string; body?: string }): Promise<Reply> {
    // A timer of our own rather than AbortSignal.timeout: Node does not let that one keep the process alive.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), config.upstreamTimeoutMs);
    const signal = controller.signal;
    const headers = init.body === undefined ? upstreamHeaders : { ...upstreamHeaders, 'content-type': 'application/json' };
    try {
      const attempt = (async () => {
        const response = await upstreamFetch(`${config.apiUrl}${path}`, { ...init, headers, redirect: 'manual', signal });
        const bytes = await readCapped(response.body, UPSTREAM_MAX_BYTES);
        return { response, text: bytes ? new TextDecoder().decode(bytes) : undefined };
      })();
      const { response, text } = await Promise.race([attempt, untilAborted(signal)]);
      if (text === undefined) return replyError(502, 'upstream_error', 'The Registry API answered with a body that is too large.');
      return screenUpstream(response.status, text, response.headers.get('etag'));
    } catch {
      if (signal.aborted) return replyError(504, 'upstream_timeout', `The Registry API did not answer within ${config.upstreamTimeoutMs} ms.`);
      return replyError(502, 'upstream_unavailable', 'The Registry API could not be reached.');
    } finally {
      clearTimeout(timer);
    }
  }

  /** A read through the in-memory cache; identical concurrent misses share one upstream request. */
  async function cachedRead(path: string): Promise<{ reply: Reply; hit: boolean }> {
    const cached = cache?.get(path);
    if (cached) return { reply: cached, hit: true };
    if (!cache) return { reply: await forward(path, { method: 'GET' }), hit: false };
    let pending = inflight.get(path);
    if (!pending) {
      pending = forward(path, { method: 'GET' })
        .then((reply) => {
          if (reply.status >= 200 && reply.status < 300) cache.set(path, reply);
          return reply;
        })
        .finally(() => inflight.delete(path));
      inflight.set(path, pending);
    }
    return { reply: await pending, hit: false };
  }

  function toResponse(reply: Reply, headers: Record<string, string>): Response {
    const success = reply.status >= 200 && reply.status < 300;
    return new Response(reply.body, {
      status: reply.status,
      headers: {
        'content-type': JSON_TYPE,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        ...(success && reply.etag ? { etag: reply.etag } : {}),
        ...headers,
      },
    });
  }

  async function read(path: string): Promise<Response> {
    const { reply, hit } = await cachedRead(path);
    const success = reply.status >= 200 && reply.status < 300;
    return toResponse(reply, { 'x-cache': hit ? 'HIT' : 'MISS', ...(success ? { 'cache-control': readCacheControl } : {}) });
  }

  async function checkout(request: Request, info: ClientInfo): Promise<Response> {
    const settings = config.checkout as NonNullable<ProxyConfig['checkout']>;
    const body = await readJsonBody(request, CHECKOUT_MAX_BYTES);
    if ('refusal' in body) return body.refusal;
    const checked = validateCheckout(body.ok.value, config);
    if ('refusal' in checked) return checked.refusal;
    const wait = rateLimit ? rateLimit(clientAddressOf(request, info, config.trustProxy)) : 0;
    if (wait > 0) {
      return refuse(429, 'rate_limited', `Too many checkout sessions from this address; try again in ${wait} s.`, { headers: { 'retry-after': String(wait) } });
    }
    const reply = await forward('/stripe/checkout', { method: 'POST', body: JSON.stringify(checked.ok) });
    return toResponse(screenRedirect(reply, settings.redirectHosts, config.dev), {});
  }

  async function write(request: Request, path: string): Promise<Response> {
    const body = await readJsonBody(request, WRITE_MAX_BYTES);
    if ('refusal' in body) return body.refusal;
    return toResponse(await forward(path, { method: 'POST', body: body.ok.text }), {});
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

  async function route(request: Request, info: ClientInfo): Promise<Response> {
    const url = new URL(request.url);
    // An absolute-form request target (`GET http://evil.com/x`) shows up as a URL whose host is not the Host header.
    if (!sameHost(url, request.headers.get('host'))) return refuse(400, 'bad_path', 'The request target must be a path on this host, not an absolute URL.');
    const path = stripBase(url.pathname);
    if (path === undefined || path === '/') return refuse(404, 'not_found', `Nothing is served at ${url.pathname}.`);
    if (path === '/healthz') {
      if (request.method === 'GET' || request.method === 'HEAD') return json(200, { ok: true });
      return refuse(405, 'method_not_allowed', `${request.method} is not allowed on /healthz.`, { headers: { allow: 'GET, HEAD' } });
    }
    const segments = safeSegments(path);
    if (!segments) return refuse(400, 'bad_path', 'The path contains empty, dot, encoded or backslash segments.');
    const match = matchRoute(segments);
    if (!match) return refuse(404, 'not_found', `No Registry API path matches ${path}.`);
    const methods = allowedMethods(match.route);
    if (request.method === 'OPTIONS') return preflight(request, match.route, methods);
    const operation = match.route.operations.get(request.method === 'HEAD' ? 'GET' : request.method);
    if (methods.length === 0 || (operation && !allowed.has(operationKey(operation)))) {
      const name = operation ? operationKey(operation) : `${request.method} ${match.route.template}`;
      return refuse(403, 'operation_not_allowed', `${name} is not allowed by this proxy.`);
    }
    if (!operation) {
      return refuse(405, 'method_not_allowed', `${request.method} is not allowed on ${match.route.template}.`, { headers: { allow: methods.join(', ') } });
    }
    const validated = validateRequest(operation, match.id, url.searchParams);
    if ('error' in validated) return refuse(400, validated.error, validated.message);
    if (operation.method === 'GET') return read(`${validated.path}${validated.query}`);
    if (operationKey(operation) === CHECKOUT_OPERATION) return checkout(request, info);
    return write(request, validated.path);
  }

  return async (request, info = {}) => {
    let response: Response;
    try {
      response = await route(request, info);
    } catch {
      response = refuse(500, 'internal_error', 'The proxy failed unexpectedly.');
    }
    for (const [name, value] of Object.entries(corsHeaders(request.headers.get('origin')))) response.headers.set(name, value);
    if (request.method === 'HEAD') return new Response(null, { status: response.status, headers: response.headers });
    return response;
  };
}
