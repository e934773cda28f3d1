/**
 * Every setting of the proxy, declared once: its environment variable, its option (the key: `cacheTtl`,
 * or `checkout.minKg` inside a group), its type, default, bounds and the sentence the docs show. The
 * option types, `loadConfig` (env → options), `resolveConfig` (options → config), the messages that
 * name a setting, and the table in docs/proxy.md (`npm run docs:settings`) all derive from it.
 * No Node APIs: this file runs at the edge.
 */
import type { ReplyStore } from './cache.js';
import type { RequestLogEntry } from './metrics.js';
import { DEFAULT_OPERATIONS } from './operations.js';
import { CHECKOUT_KG, DEFAULT_REDIRECT_HOSTS } from '../shared/checkout.js';
import { SERVER_LIMITS } from '../server/limits.js';

/**
 * How a setting is read from its variable and checked as an option: `integer` and `boolean` as such;
 * `url`, `path` trimmed; `secret` and `token` verbatim; `origins` a list or `*`; the rest
 * comma-separated lists (`operations` allowlist edits, checkout URL `prefixes`, redirect `hosts`,
 * scope `ids`).
 */
export type SettingType = 'url' | 'secret' | 'token' | 'origins' | 'integer' | 'boolean' | 'path' | 'operations' | 'prefixes' | 'hosts' | 'ids';

/** One setting. */
export interface Setting {
  readonly env: string;
  readonly type: SettingType;
  /** What the option is when not given (for `integer`, within `min`..`max`). */
  readonly default?: number | boolean | string | readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** Required: loading stops when it is missing; `hint` says what it should be. */
  readonly required?: true;
  readonly hint?: string;
  /** For `ids`: the prefix and the noun for messages. */
  readonly prefix?: 'org' | 'spl' | 'prj';
  readonly noun?: string;
  /** Read by the CLI (and Worker) only; not an option of `createProxy`. */
  readonly cli?: true;
  /** The docs' Default column, when the value alone would not say it. */
  readonly shown?: string;
  /** The docs' Meaning column. */
  readonly doc: string;
}

const MIB = 1024 * 1024;
/** A year, in seconds: the longest cache or stale-if-error window. */
const MAX_TTL_SECONDS = 31_536_000;

/** The settings, in the order the docs list them. */
export const SETTINGS = {
  port: { env: 'PORT', type: 'integer', default: 8787, min: 0, max: 65_535, cli: true, doc: 'Port to listen on.' },
  host: { env: 'HOST', type: 'path', default: '127.0.0.1', cli: true, doc: 'Address to listen on (`0.0.0.0` in a container).' },
  headersTimeoutMs: {
    env: 'ISOMETRIC_HEADERS_TIMEOUT_MS',
    type: 'integer',
    default: SERVER_LIMITS.headersTimeoutMs,
    min: 100,
    max: 300_000,
    cli: true,
    doc: 'Node server: milliseconds a client has to send its request headers (then 408 and the connection is closed).',
  },
  requestTimeoutMs: {
    env: 'ISOMETRIC_REQUEST_TIMEOUT_MS',
    type: 'integer',
    default: SERVER_LIMITS.requestTimeoutMs,
    min: 100,
    max: 300_000,
    cli: true,
    doc: 'Node server: milliseconds a client has to send the whole request, body included, so a slowly dripped body is cut; at least `ISOMETRIC_HEADERS_TIMEOUT_MS`.',
  },
  keepAliveTimeoutMs: {
    env: 'ISOMETRIC_KEEP_ALIVE_TIMEOUT_MS',
    type: 'integer',
    default: SERVER_LIMITS.keepAliveTimeoutMs,
    min: 0,
    max: 300_000,
    cli: true,
    doc: 'Node server: milliseconds an idle keep-alive connection is held open.',
  },
  maxConnections: {
    env: 'ISOMETRIC_MAX_CONNECTIONS',
    type: 'integer',
    default: SERVER_LIMITS.maxConnections,
    min: 1,
    max: 1_000_000,
    cli: true,
    doc: 'Node server: connections held at once; further ones are closed as they arrive.',
  },
  apiUrl: {
    env: 'ISOMETRIC_API_URL',
    type: 'url',
    required: true,
    hint: 'the Registry API base URL, e.g. https://api.sandbox.isometric.com/registry/v0',
    doc: 'Upstream base, e.g. `https://api.sandbox.isometric.com/registry/v0`.',
  },
  clientSecret: { env: 'ISOMETRIC_CLIENT_SECRET', type: 'secret', required: true, doc: 'Sent upstream as `X-Client-Secret`; never sent to a browser.' },
  accessToken: { env: 'ISOMETRIC_ACCESS_TOKEN', type: 'secret', required: true, doc: 'Sent upstream as `Authorization: Bearer …`; never sent to a browser.' },
  allowedOrigins: {
    env: 'ISOMETRIC_ALLOWED_ORIGINS',
    type: 'origins',
    default: [],
    shown: 'none',
    doc: 'Comma-separated origins allowed by CORS (`*` for any, without credentials). Without it, same-origin use only.',
  },
  cacheTtl: {
    env: 'ISOMETRIC_CACHE_TTL',
    type: 'integer',
    default: 60,
    min: 0,
    max: MAX_TTL_SECONDS,
    doc: 'Seconds a successful read is cached in memory and by CDNs (`stale-while-revalidate` ×5); past it, the proxy revalidates with the upstream. `0` disables.',
  },
  operations: {
    env: 'ISOMETRIC_OPERATIONS',
    type: 'operations',
    default: DEFAULT_OPERATIONS,
    shown: 'the default list',
    doc: 'Widen or narrow the allowlist: `+GET /deliveries,-GET /issuances` (or a full list without signs); an empty list allows nothing.',
  },
  basePath: { env: 'ISOMETRIC_BASE_PATH', type: 'path', default: '/', doc: 'Where the proxy is mounted, e.g. `/api`.' },
  upstreamTimeoutMs: {
    env: 'ISOMETRIC_UPSTREAM_TIMEOUT_MS',
    type: 'integer',
    default: 10_000,
    min: 1,
    max: 600_000,
    doc: 'Milliseconds to wait for the upstream, every attempt included; past it the proxy answers 504.',
  },
  'checkout.urls': {
    env: 'ISOMETRIC_CHECKOUT_URLS',
    type: 'prefixes',
    required: true,
    shown: 'none',
    doc: 'Allowed success/cancel URL prefixes; setting it enables `POST /stripe/checkout`.',
  },
  'checkout.minKg': { env: 'ISOMETRIC_CHECKOUT_MIN_KG', type: 'integer', default: CHECKOUT_KG.min, min: 1, max: CHECKOUT_KG.limit, doc: 'Smallest `quantity_kg` a checkout accepts.' },
  'checkout.maxKg': { env: 'ISOMETRIC_CHECKOUT_MAX_KG', type: 'integer', default: CHECKOUT_KG.max, min: 1, max: CHECKOUT_KG.limit, doc: 'Largest `quantity_kg` a checkout accepts.' },
  'checkout.redirectHosts': {
    env: 'ISOMETRIC_CHECKOUT_REDIRECT_HOSTS',
    type: 'hosts',
    default: DEFAULT_REDIRECT_HOSTS,
    doc: 'Hosts the upstream\u2019s checkout `redirect_url` may point at.',
  },
  'checkout.rateLimitPerMinute': { env: 'ISOMETRIC_CHECKOUT_RATE_LIMIT', type: 'integer', default: 10, min: 1, max: 1_000_000, doc: 'Checkout sessions per client IP per minute.' },
  trustProxy: {
    env: 'ISOMETRIC_TRUST_PROXY',
    type: 'boolean',
    default: false,
    shown: '`false` (Worker: `cloudflare`)',
    doc: 'Trust the first `X-Forwarded-For` address as the client\u2019s (the rate limits\u2019 key). The Worker also takes `cloudflare`, its default: the client address is `CF-Connecting-IP`; there `false` trusts neither header.',
  },
  dev: {
    env: 'ISOMETRIC_DEV',
    type: 'boolean',
    default: false,
    doc: 'Development only: `ISOMETRIC_CHECKOUT_URLS` may list `http://localhost` / `http://127.0.0.1` prefixes, and a local host in `ISOMETRIC_CHECKOUT_REDIRECT_HOSTS` may redirect over `http` (the local Stripe simulator).',
  },
  'scope.organisations': {
    env: 'ISOMETRIC_SCOPE_ORGANISATIONS',
    type: 'ids',
    prefix: 'org',
    noun: 'organisation',
    doc: 'Comma-separated ids: serve only these organisations and what belongs to them (403 `out_of_scope` otherwise).',
  },
  'scope.suppliers': {
    env: 'ISOMETRIC_SCOPE_SUPPLIERS',
    type: 'ids',
    prefix: 'spl',
    noun: 'supplier',
    doc: 'Comma-separated ids: serve only these suppliers and what belongs to them (403 `out_of_scope` otherwise).',
  },
  'scope.projects': {
    env: 'ISOMETRIC_SCOPE_PROJECTS',
    type: 'ids',
    prefix: 'prj',
    noun: 'project',
    doc: 'Comma-separated ids: serve only these projects and what belongs to them (403 `out_of_scope` otherwise). With any scope set, lists that would enumerate a scoped kind must be confined by a filter, else refused.',
  },
  readRateLimitPerMinute: {
    env: 'ISOMETRIC_RATE_LIMIT_READS',
    type: 'integer',
    default: 600,
    min: 0,
    max: 1_000_000,
    doc: 'Requests per client IP per minute, checkout creations, `/healthz` and `/metrics` aside (`0` turns it off); 429 with `Retry-After`.',
  },
  readMissRateLimitPerMinute: {
    env: 'ISOMETRIC_RATE_LIMIT_MISSES',
    type: 'integer',
    // Room for a visitor who opens two cold pages a minute: an impact counter reads each retirement's
    // batches (about 70 reads for a buyer of 60 retirements); still well below the 500 cache entries.
    default: 300,
    min: 0,
    max: 1_000_000,
    doc: 'Reads per client IP per minute that the cache cannot answer (each costs an upstream call on the shared credentials and a cache entry); past it 429 with `Retry-After`. Keep it well below `ISOMETRIC_CACHE_MAX_ENTRIES`, so that one client cannot flush the cache. With `ISOMETRIC_CACHE_TTL=0` every read counts. `0` turns it off.',
  },
  cacheMaxEntries: { env: 'ISOMETRIC_CACHE_MAX_ENTRIES', type: 'integer', default: 500, min: 1, max: 1_000_000, doc: 'Most replies the in-memory LRU cache keeps.' },
  cacheMaxBytes: {
    env: 'ISOMETRIC_CACHE_MAX_BYTES',
    type: 'integer',
    default: 32 * MIB,
    min: 1024,
    max: 4096 * MIB,
    doc: 'Most bytes (bodies, keys and a small overhead per entry) the in-memory LRU cache keeps.',
  },
  staleIfError: {
    env: 'ISOMETRIC_STALE_IF_ERROR',
    type: 'integer',
    default: 300,
    min: 0,
    max: MAX_TTL_SECONDS,
    doc: 'Seconds a cached read may be served stale when the upstream fails (`X-Cache: STALE`). `0` turns it off.',
  },
  upstreamRetries: {
    env: 'ISOMETRIC_UPSTREAM_RETRIES',
    type: 'integer',
    default: 2,
    min: 0,
    max: 5,
    doc: 'Retries of idempotent GETs on network errors and 502/503/504, with jittered backoff, within the timeout.',
  },
  retryBaseMs: {
    env: 'ISOMETRIC_RETRY_BASE_MS',
    type: 'integer',
    default: 100,
    min: 0,
    max: 10_000,
    doc: 'The first retry\u2019s backoff bound in milliseconds, doubling per retry (full jitter).',
  },
  upstreamMaxBytes: {
    env: 'ISOMETRIC_UPSTREAM_MAX_BYTES',
    type: 'integer',
    default: 5 * MIB,
    min: 1024,
    max: 1024 * MIB,
    doc: 'Largest upstream body read; larger answers become 502.',
  },
  metrics: {
    env: 'ISOMETRIC_METRICS',
    type: 'boolean',
    default: true,
    doc: 'Serve Prometheus counters at `{base}/metrics`. **Public** unless `ISOMETRIC_METRICS_TOKEN` is set; `false` turns them off (404).',
  },
  metricsToken: {
    env: 'ISOMETRIC_METRICS_TOKEN',
    type: 'token',
    min: 16,
    max: 256,
    doc: 'When set, `/metrics` answers only `Authorization: Bearer <token>` (else 401). 16–256 visible ASCII characters, not one of the upstream credentials (`openssl rand -hex 32`); set but empty stops start-up.',
  },
  log: {
    env: 'ISOMETRIC_LOG',
    type: 'boolean',
    default: true,
    cli: true,
    doc: 'One JSON log line per request on stdout (CLI and Worker): method, operation, status, duration, cache result — never a secret.',
  },
} as const satisfies Record<string, Setting>;

type Table = typeof SETTINGS;
/** A setting's key in the table: an option path (`cacheTtl`, `checkout.minKg`) or a CLI setting (`port`). */
export type SettingKey = keyof Table;

/** The option value of each type. */
type ValueOf<S> = S extends { type: 'integer' }
  ? number
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { type: 'origins' }
      ? readonly string[] | '*'
      : S extends { type: 'operations' | 'prefixes' | 'hosts' | 'ids' }
        ? readonly string[]
        : string;

/** The settings of one group (`''` for the top level, `checkout`, `scope`), keyed by option name. */
type Group<G extends string> = {
  [K in keyof Table as Table[K] extends { cli: true } ? never : G extends '' ? (K extends `${string}.${string}` ? never : K) : K extends `${G}.${infer N}` ? N : never]: Table[K];
};

/** Options of a group: required settings required, the rest optional. */
type Options<T> = { readonly [K in keyof T as T[K] extends { required: true } ? K : never]: ValueOf<T[K]> } & {
  readonly [K in keyof T as T[K] extends { required: true } ? never : K]?: ValueOf<T[K]>;
};

/** Resolved options of a group: a setting that is required or has a default is always there. */
type Resolved<T> = { readonly [K in keyof T as T[K] extends { required: true } | { default: unknown } ? K : never]: ValueOf<T[K]> } & {
  readonly [K in keyof T as T[K] extends { required: true } | { default: unknown } ? never : K]?: ValueOf<T[K]>;
};

/** Checkout settings; `POST /stripe/checkout` is allowed only when these are given (see {@link SETTINGS} `checkout.*`). */
export type CheckoutOptions = Options<Group<'checkout'>>;

/** Scope allowlists: absent means that kind is not confined (see `scope.ts` and {@link SETTINGS} `scope.*`). */
export type ScopeOptions = Options<Group<'scope'>>;

/** The subset of `fetch` the proxy uses to call the Registry API. */
export type UpstreamFetch = (input: string, init: RequestInit) => Promise<Response>;

/** Options for `createProxy`: the settings of {@link SETTINGS}, plus what only code can pass. `loadConfig` builds them from environment variables. */
export type ProxyOptions = Options<Group<''>> & {
  readonly checkout?: CheckoutOptions;
  readonly scope?: ScopeOptions;
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
};

/**
 * Validated, normalised configuration, with defaults applied: `operations` is the final allowlist,
 * `basePath` is `''` for the root, else `/api` (no trailing slash).
 */
export type ProxyConfig = ProxyOptions & Resolved<Group<''>> & { readonly checkout?: Required<CheckoutOptions> };

/** The settings of a group, as `[option name, setting]` pairs in table order. */
export function settingsOf(group: '' | 'checkout' | 'scope'): [string, Setting][] {
  return Object.entries(SETTINGS as Record<string, Setting>).flatMap(([key, setting]): [string, Setting][] => {
    if (setting.cli) return [];
    const dot = key.indexOf('.');
    if (group === '') return dot === -1 ? [[key, setting]] : [];
    return key.startsWith(`${group}.`) ? [[key.slice(dot + 1), setting]] : [];
  });
}
