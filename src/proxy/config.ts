import type { ReplyStore } from './cache.js';
import type { RequestLogEntry } from './metrics.js';
import { CHECKOUT_OPERATION, DEFAULT_OPERATIONS, findOperation, isIsometricId, type IdPrefix } from './operations.js';
import type { ScopeOptions } from './scope.js';

/** Thrown when the proxy's configuration is invalid; the message names the variable (or option) at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Checkout settings; `POST /stripe/checkout` is allowed only when these are given. */
export interface CheckoutOptions {
  /** URL prefixes (`https://example.com/shop/`) that `success_url` and `cancel_url` must fall under. */
  readonly urls: readonly string[];
  /** Smallest `quantity_kg` accepted; default 1. */
  readonly minKg?: number;
  /** Largest `quantity_kg` accepted; default 1,000,000. */
  readonly maxKg?: number;
  /** Hosts the upstream's `redirect_url` may point at; default `checkout.stripe.com`. */
  readonly redirectHosts?: readonly string[];
  /** Checkout sessions one client address may create per minute; default 10. */
  readonly rateLimitPerMinute?: number;
}

/** Options for {@link createProxy}. `loadConfig` builds them from environment variables. */
export interface ProxyOptions {
  /** The Registry API base URL, e.g. `https://api.sandbox.isometric.com/registry/v0`. */
  readonly apiUrl: string;
  /** Sent upstream as `X-Client-Secret`; never sent to a browser. */
  readonly clientSecret: string;
  /** Sent upstream as `Authorization: Bearer …`; never sent to a browser. */
  readonly accessToken: string;
  /** Exact origins allowed by CORS, or `'*'` for any origin without credentials; default none. */
  readonly allowedOrigins?: readonly string[] | '*';
  /** Seconds (whole) a successful read is cached, in memory and by CDNs; 0 disables caching. Default 60. */
  readonly cacheTtl?: number;
  /**
   * The allowlist, as `METHOD /template` entries from the spec: entries without a sign replace the
   * default list, `+GET /orders/{id}` adds to it, `-GET /issuances` removes from it; `[]` allows nothing.
   */
  readonly operations?: readonly string[];
  /** Where the proxy is mounted, e.g. `/api`; default `/`. */
  readonly basePath?: string;
  /** Milliseconds to wait for the upstream before answering 504; default 10000. */
  readonly upstreamTimeoutMs?: number;
  readonly checkout?: CheckoutOptions;
  /** Trust the first `X-Forwarded-For` address as the client's; default false. */
  readonly trustProxy?: boolean;
  /** Allow `http://localhost` and `http://127.0.0.1` checkout return URLs; default false. */
  readonly dev?: boolean;
  /**
   * Confines the proxy to listed organisation, supplier and project ids (see `scope.ts` for the
   * rules); out-of-scope requests and answers are refused with 403 `out_of_scope`. Default: none.
   */
  readonly scope?: ScopeOptions;
  /**
   * Requests one client address may make per minute, counting everything except checkout creations
   * (limited by `checkout.rateLimitPerMinute`), `/healthz` and `/metrics` (though a `/metrics` request
   * refused for want of `metricsToken` counts); 0 turns it off. Requests whose address is unknown are
   * not counted. Default 600.
   */
  readonly readRateLimitPerMinute?: number;
  /** Most replies the in-memory cache keeps; default 500. */
  readonly cacheMaxEntries?: number;
  /** Most bytes (bodies plus keys plus a small overhead per entry) the in-memory cache keeps; default 32 MiB. */
  readonly cacheMaxBytes?: number;
  /**
   * Seconds after a cached read goes stale during which it is still served (`X-Cache: STALE`) when the
   * upstream fails; 0 turns it off. Default 300. (Reads with an upstream `ETag` or `Last-Modified` are
   * kept longer, at least an hour past freshness, but only to revalidate them.)
   */
  readonly staleIfError?: number;
  /** Extra attempts for a read after a network error or an upstream 502/503/504, within the timeout; default 2. */
  readonly upstreamRetries?: number;
  /** The first retry's backoff bound in milliseconds, doubling per retry (full jitter); default 100. */
  readonly retryBaseMs?: number;
  /** Largest upstream body accepted, in bytes; larger answers become 502. Default 5 MiB. */
  readonly upstreamMaxBytes?: number;
  /** Serve Prometheus counters at `{basePath}/metrics`; default true. */
  readonly metrics?: boolean;
  /**
   * When set, `{basePath}/metrics` answers only requests with `Authorization: Bearer <metricsToken>`
   * (others get 401); at least 16 visible ASCII characters, and not one of the upstream credentials.
   * Default: none, so the counters are public unless `metrics` is false.
   */
  readonly metricsToken?: string;
  /** The upstream `fetch`; default `globalThis.fetch`. Not part of the resolved config. */
  readonly fetch?: UpstreamFetch;
  /** The clock, in milliseconds (caches and rate limits use it); default `Date.now`. */
  readonly now?: () => number;
  /** A uniform draw from [0, 1) for retry jitter; default `Math.random`. Not part of the resolved config. */
  readonly random?: () => number;
  /** Receives one entry per request; default none (silent). Not part of the resolved config. */
  readonly log?: (entry: RequestLogEntry) => void;
  /**
   * Where successful reads are cached. Default: an in-memory LRU (`cacheMaxEntries`, `cacheMaxBytes`),
   * in front of the Web Cache API's `caches.default` when the runtime has one. Not part of the resolved config.
   */
  readonly cacheStore?: ReplyStore;
}

/** The subset of `fetch` the proxy uses to call the Registry API. */
export type UpstreamFetch = (input: string, init: RequestInit) => Promise<Response>;

/** Validated, normalised configuration: everything {@link createProxy} needs, with defaults applied. */
export interface ProxyConfig extends ProxyOptions {
  readonly allowedOrigins: readonly string[] | '*';
  readonly cacheTtl: number;
  /** The final allowlist as `METHOD /template` keys. */
  readonly operations: readonly string[];
  /** `''` for the root, else `/api` (no trailing slash). */
  readonly basePath: string;
  readonly upstreamTimeoutMs: number;
  readonly checkout?: Required<CheckoutOptions>;
  readonly trustProxy: boolean;
  readonly dev: boolean;
  readonly readRateLimitPerMinute: number;
  readonly cacheMaxEntries: number;
  readonly cacheMaxBytes: number;
  readonly staleIfError: number;
  readonly upstreamRetries: number;
  readonly retryBaseMs: number;
  readonly upstreamMaxBytes: number;
  readonly metrics: boolean;
}

/** The names errors use for each setting: environment variables, or option names. */
interface Labels {
  apiUrl: string;
  clientSecret: string;
  accessToken: string;
  allowedOrigins: string;
  cacheTtl: string;
  operations: string;
  basePath: string;
  upstreamTimeoutMs: string;
  checkoutUrls: string;
  minKg: string;
  maxKg: string;
  redirectHosts: string;
  rateLimit: string;
  trustProxy: string;
  dev: string;
  scopeOrganisations: string;
  scopeSuppliers: string;
  scopeProjects: string;
  readRateLimit: string;
  cacheMaxEntries: string;
  cacheMaxBytes: string;
  staleIfError: string;
  upstreamRetries: string;
  retryBaseMs: string;
  upstreamMaxBytes: string;
  metrics: string;
  metricsToken: string;
}

const ENV_LABELS: Labels = {
  apiUrl: 'ISOMETRIC_API_URL',
  clientSecret: 'ISOMETRIC_CLIENT_SECRET',
  accessToken: 'ISOMETRIC_ACCESS_TOKEN',
  allowedOrigins: 'ISOMETRIC_ALLOWED_ORIGINS',
  cacheTtl: 'ISOMETRIC_CACHE_TTL',
  operations: 'ISOMETRIC_OPERATIONS',
  basePath: 'ISOMETRIC_BASE_PATH',
  upstreamTimeoutMs: 'ISOMETRIC_UPSTREAM_TIMEOUT_MS',
  checkoutUrls: 'ISOMETRIC_CHECKOUT_URLS',
  minKg: 'ISOMETRIC_CHECKOUT_MIN_KG',
  maxKg: 'ISOMETRIC_CHECKOUT_MAX_KG',
  redirectHosts: 'ISOMETRIC_CHECKOUT_REDIRECT_HOSTS',
  rateLimit: 'ISOMETRIC_CHECKOUT_RATE_LIMIT',
  trustProxy: 'ISOMETRIC_TRUST_PROXY',
  dev: 'ISOMETRIC_DEV',
  scopeOrganisations: 'ISOMETRIC_SCOPE_ORGANISATIONS',
  scopeSuppliers: 'ISOMETRIC_SCOPE_SUPPLIERS',
  scopeProjects: 'ISOMETRIC_SCOPE_PROJECTS',
  readRateLimit: 'ISOMETRIC_RATE_LIMIT_READS',
  cacheMaxEntries: 'ISOMETRIC_CACHE_MAX_ENTRIES',
  cacheMaxBytes: 'ISOMETRIC_CACHE_MAX_BYTES',
  staleIfError: 'ISOMETRIC_STALE_IF_ERROR',
  upstreamRetries: 'ISOMETRIC_UPSTREAM_RETRIES',
  retryBaseMs: 'retryBaseMs',
  upstreamMaxBytes: 'ISOMETRIC_UPSTREAM_MAX_BYTES',
  metrics: 'ISOMETRIC_METRICS',
  metricsToken: 'ISOMETRIC_METRICS_TOKEN',
};

const OPTION_LABELS: Labels = {
  apiUrl: 'apiUrl',
  clientSecret: 'clientSecret',
  accessToken: 'accessToken',
  allowedOrigins: 'allowedOrigins',
  cacheTtl: 'cacheTtl',
  operations: 'operations',
  basePath: 'basePath',
  upstreamTimeoutMs: 'upstreamTimeoutMs',
  checkoutUrls: 'checkout.urls',
  minKg: 'checkout.minKg',
  maxKg: 'checkout.maxKg',
  redirectHosts: 'checkout.redirectHosts',
  rateLimit: 'checkout.rateLimitPerMinute',
  trustProxy: 'trustProxy',
  dev: 'dev',
  scopeOrganisations: 'scope.organisations',
  scopeSuppliers: 'scope.suppliers',
  scopeProjects: 'scope.projects',
  readRateLimit: 'readRateLimitPerMinute',
  cacheMaxEntries: 'cacheMaxEntries',
  cacheMaxBytes: 'cacheMaxBytes',
  staleIfError: 'staleIfError',
  upstreamRetries: 'upstreamRetries',
  retryBaseMs: 'retryBaseMs',
  upstreamMaxBytes: 'upstreamMaxBytes',
  metrics: 'metrics',
  metricsToken: 'metricsToken',
};

const MAX_TTL_SECONDS = 31_536_000;
const MIB = 1024 * 1024;
const MAX_TIMEOUT_MS = 600_000;

function fail(label: string, problem: string): never {
  throw new ConfigError(`${label} ${problem}`);
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function integer(value: string | undefined, label: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) fail(label, `must be a whole number (got "${value}").`);
  return Number(value.trim());
}

function boolean(value: string | undefined, label: string, fallback = false): boolean {
  const normalised = value?.trim().toLowerCase() ?? '';
  if (normalised === '') return fallback;
  if (normalised === 'false') return false;
  if (normalised === 'true') return true;
  return fail(label, `must be "true" or "false" (got "${value}").`);
}

/**
 * Reads a `true`/`false` variable that is not part of the proxy's configuration (`ISOMETRIC_LOG` in
 * the CLI and the worker); empty or absent gives `fallback`.
 * @throws {ConfigError} naming the variable.
 */
export function readFlag(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  return boolean(env[name], name, fallback);
}

/**
 * Reads the proxy's configuration from environment variables (Node's environment, or a Worker's `env` binding)
 * and validates it once.
 * @throws {ConfigError} naming the variable at fault.
 */
export function loadConfig(env: Record<string, string | undefined>): ProxyConfig {
  const L = ENV_LABELS;
  const origins = env[L.allowedOrigins]?.trim() === '*' ? '*' : list(env[L.allowedOrigins]);
  const checkoutUrls = list(env[L.checkoutUrls]);
  const organisations = list(env[L.scopeOrganisations]);
  const suppliers = list(env[L.scopeSuppliers]);
  const projects = list(env[L.scopeProjects]);
  const options: ProxyOptions = {
    apiUrl: env[L.apiUrl]?.trim() || fail(L.apiUrl, 'is required (the Registry API base URL, e.g. https://api.sandbox.isometric.com/registry/v0).'),
    clientSecret: env[L.clientSecret] ?? fail(L.clientSecret, 'is required.'),
    accessToken: env[L.accessToken] ?? fail(L.accessToken, 'is required.'),
    ...(origins ? { allowedOrigins: origins } : {}),
    ...optional('cacheTtl', integer(env[L.cacheTtl], L.cacheTtl)),
    ...optional('operations', list(env[L.operations])),
    ...optional('basePath', env[L.basePath]?.trim() || undefined),
    ...optional('upstreamTimeoutMs', integer(env[L.upstreamTimeoutMs], L.upstreamTimeoutMs)),
    trustProxy: boolean(env[L.trustProxy], L.trustProxy),
    dev: boolean(env[L.dev], L.dev),
    ...(organisations || suppliers || projects
      ? { scope: { ...optional('organisations', organisations), ...optional('suppliers', suppliers), ...optional('projects', projects) } }
      : {}),
    ...optional('readRateLimitPerMinute', integer(env[L.readRateLimit], L.readRateLimit)),
    ...optional('cacheMaxEntries', integer(env[L.cacheMaxEntries], L.cacheMaxEntries)),
    ...optional('cacheMaxBytes', integer(env[L.cacheMaxBytes], L.cacheMaxBytes)),
    ...optional('staleIfError', integer(env[L.staleIfError], L.staleIfError)),
    ...optional('upstreamRetries', integer(env[L.upstreamRetries], L.upstreamRetries)),
    ...optional('upstreamMaxBytes', integer(env[L.upstreamMaxBytes], L.upstreamMaxBytes)),
    metrics: boolean(env[L.metrics], L.metrics, true),
    // Set but empty is an error, not "off": a token lost in deployment must not make the counters public.
    ...optional('metricsToken', env[L.metricsToken]),
    ...(checkoutUrls
      ? {
          checkout: {
            urls: checkoutUrls,
            ...optional('minKg', integer(env[L.minKg], L.minKg)),
            ...optional('maxKg', integer(env[L.maxKg], L.maxKg)),
            ...optional('redirectHosts', list(env[L.redirectHosts])),
            ...optional('rateLimitPerMinute', integer(env[L.rateLimit], L.rateLimit)),
          },
        }
      : {}),
  };
  return resolve(options, L);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Validates options and applies defaults. Idempotent: a `ProxyConfig` resolves to an equal one.
 * @throws {ConfigError} naming the option at fault.
 */
export function resolveConfig(options: ProxyOptions): ProxyConfig {
  return resolve(options, OPTION_LABELS);
}

function resolve(options: ProxyOptions, labels: Labels): ProxyConfig {
  const dev = options.dev ?? false;
  const checkout = options.checkout && resolveCheckout(options.checkout, dev, labels);
  return {
    apiUrl: absoluteUrl(options.apiUrl, labels.apiUrl),
    clientSecret: secret(options.clientSecret, labels.clientSecret),
    accessToken: secret(options.accessToken, labels.accessToken),
    allowedOrigins: allowedOrigins(options.allowedOrigins ?? [], labels.allowedOrigins),
    cacheTtl: bounded(options.cacheTtl ?? 60, 0, MAX_TTL_SECONDS, labels.cacheTtl),
    operations: allowlist(options.operations, checkout !== undefined, labels),
    basePath: basePath(options.basePath ?? '/', labels.basePath),
    upstreamTimeoutMs: bounded(options.upstreamTimeoutMs ?? 10_000, 1, MAX_TIMEOUT_MS, labels.upstreamTimeoutMs),
    ...(checkout ? { checkout } : {}),
    trustProxy: options.trustProxy ?? false,
    dev,
    ...(options.scope ? { scope: resolveScope(options.scope, labels) } : {}),
    readRateLimitPerMinute: bounded(options.readRateLimitPerMinute ?? 600, 0, 1_000_000, labels.readRateLimit),
    cacheMaxEntries: bounded(options.cacheMaxEntries ?? 500, 1, 1_000_000, labels.cacheMaxEntries),
    cacheMaxBytes: bounded(options.cacheMaxBytes ?? 32 * MIB, 1024, 4096 * MIB, labels.cacheMaxBytes),
    staleIfError: bounded(options.staleIfError ?? 300, 0, MAX_TTL_SECONDS, labels.staleIfError),
    upstreamRetries: bounded(options.upstreamRetries ?? 2, 0, 5, labels.upstreamRetries),
    retryBaseMs: bounded(options.retryBaseMs ?? 100, 0, 10_000, labels.retryBaseMs),
    upstreamMaxBytes: bounded(options.upstreamMaxBytes ?? 5 * MIB, 1024, 1024 * MIB, labels.upstreamMaxBytes),
    metrics: options.metrics ?? true,
    ...(options.metricsToken === undefined ? {} : { metricsToken: metricsToken(options.metricsToken, options, labels) }),
  };
}

const SCOPE_KINDS = [
  ['organisations', 'org', 'organisation', 'scopeOrganisations'],
  ['suppliers', 'spl', 'supplier', 'scopeSuppliers'],
  ['projects', 'prj', 'project', 'scopeProjects'],
] as const satisfies readonly (readonly [keyof ScopeOptions, IdPrefix, string, keyof Labels])[];

function resolveScope(scope: ScopeOptions, labels: Labels): ScopeOptions {
  const resolved: { -readonly [K in keyof ScopeOptions]: readonly string[] } = {};
  for (const [key, prefix, noun, labelKey] of SCOPE_KINDS) {
    const ids = scope[key];
    if (ids === undefined) continue;
    const label = labels[labelKey];
    if (ids.length === 0) fail(label, `must list at least one ${noun} id (leave it unset to serve every ${noun}).`);
    for (const id of ids) {
      if (!isIsometricId(id, prefix)) fail(label, `entries must be ${noun} ids like ${prefix}_1CTWZQGKE1S0VAXA (got "${id}").`);
    }
    resolved[key] = [...new Set(ids)];
  }
  return resolved;
}

function bounded(value: number, min: number, max: number, label: string): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) fail(label, `must be a whole number from ${min} to ${max} (got ${value}).`);
  return value;
}

function absoluteUrl(value: string, label: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail(label, `must be an absolute http(s) URL (got "${value}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(label, `must use http or https (got "${url.protocol}").`);
  if (url.username || url.password || url.search || url.hash) fail(label, 'must not contain credentials, a query or a fragment.');
  return url.href.replace(/\/+$/, '');
}

function secret(value: string, label: string): string {
  // Never echo the value: it is a secret.
  if (value === '') fail(label, 'must not be empty.');
  if (!/^[\x21-\x7e]+$/.test(value)) fail(label, 'must contain only visible ASCII characters (no spaces or line breaks).');
  return value;
}

const MIN_METRICS_TOKEN_LENGTH = 16;
const MAX_METRICS_TOKEN_LENGTH = 256;

function metricsToken(value: string, options: ProxyOptions, labels: Labels): string {
  // Never echo the value: it is a secret.
  const label = labels.metricsToken;
  if (typeof value !== 'string' || value.length < MIN_METRICS_TOKEN_LENGTH || value.length > MAX_METRICS_TOKEN_LENGTH) {
    fail(label, `must be ${MIN_METRICS_TOKEN_LENGTH} to ${MAX_METRICS_TOKEN_LENGTH} characters long (e.g. \`openssl rand -hex 32\`).`);
  }
  if (!/^[\x21-\x7e]+$/.test(value)) fail(label, 'must contain only visible ASCII characters (no spaces or line breaks).');
  // A scraper holds this token; it must not double as a credential for the Registry API.
  if (value === options.clientSecret || value === options.accessToken) fail(label, `must differ from ${labels.clientSecret} and ${labels.accessToken}.`);
  return value;
}

function allowedOrigins(value: readonly string[] | '*', label: string): readonly string[] | '*' {
  if (value === '*') return '*';
  return value.map((entry) => {
    if (entry === '*') fail(label, 'must be either "*" alone or a list of origins.');
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const isOrigin = url && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry.replace(/\/$/, '').toLowerCase();
    if (!url || !isOrigin) fail(label, `entries must be origins like https://example.com, with no path (got "${entry}").`);
    return url.origin;
  });
}

function basePath(value: string, label: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/.test(trimmed) || trimmed.split('/').some((part) => part === '.' || part === '..')) {
    fail(label, `must be a path like /api (got "${value}").`);
  }
  return trimmed;
}

function allowlist(entries: readonly string[] | undefined, checkout: boolean, labels: Labels): string[] {
  const defaults = [...DEFAULT_OPERATIONS, ...(checkout ? [CHECKOUT_OPERATION] : [])];
  const parsed = (entries ?? []).map((entry) => parseEntry(entry, labels.operations));
  const replacements = parsed.filter((entry) => entry.sign === '');
  // An empty list is an empty allowlist; a list of only +/- edits changes the default.
  const replace = entries !== undefined && (entries.length === 0 || replacements.length > 0);
  const result = new Set(replace ? replacements.map((entry) => entry.key) : defaults);
  for (const entry of parsed) {
    if (entry.sign === '+') result.add(entry.key);
    if (entry.sign === '-') result.delete(entry.key);
  }
  if (result.has(CHECKOUT_OPERATION) && !checkout) {
    fail(labels.operations, `allows ${CHECKOUT_OPERATION}, which needs ${labels.checkoutUrls} to be set.`);
  }
  return [...result];
}

function parseEntry(entry: string, label: string): { sign: '' | '+' | '-'; key: string } {
  const match = /^([+-]?)\s*([A-Za-z]+)\s+(\/\S*)$/.exec(entry.trim());
  const key = match ? `${(match[2] as string).toUpperCase()} ${match[3] as string}` : '';
  if (!match || !findOperation(key)) fail(label, `has an unknown operation "${entry}": entries look like "GET /projects/{id}" and must be in the Registry API spec.`);
  return { sign: match[1] as '' | '+' | '-', key };
}

function resolveCheckout(options: CheckoutOptions, dev: boolean, labels: Labels): Required<CheckoutOptions> {
  if (options.urls.length === 0) fail(labels.checkoutUrls, 'must list at least one URL prefix.');
  const minKg = bounded(options.minKg ?? 1, 1, Number.MAX_SAFE_INTEGER, labels.minKg);
  const maxKg = bounded(options.maxKg ?? 1_000_000, 1, Number.MAX_SAFE_INTEGER, labels.maxKg);
  if (minKg > maxKg) fail(labels.maxKg, `must not be smaller than ${labels.minKg} (${maxKg} < ${minKg}).`);
  return {
    urls: options.urls.map((entry) => checkoutPrefix(entry, dev, labels.checkoutUrls)),
    minKg,
    maxKg,
    redirectHosts: (options.redirectHosts ?? ['checkout.stripe.com']).map((host) => redirectHost(host, labels.redirectHosts)),
    rateLimitPerMinute: bounded(options.rateLimitPerMinute ?? 10, 1, 1_000_000, labels.rateLimit),
  };
}

function checkoutPrefix(entry: string, dev: boolean, label: string): string {
  const url = parseReturnUrl(entry, dev);
  if (!url || url.search || url.hash || entry.includes('?') || entry.includes('#')) {
    fail(label, `entries must be https URL prefixes without a query, like https://example.com/thanks (got "${entry}").`);
  }
  return url.href;
}

function redirectHost(host: string, label: string): string {
  const normalised = host.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/.test(normalised)) {
    fail(label, `entries must be host names like checkout.stripe.com (got "${host}").`);
  }
  return normalised;
}

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
