/**
 * `createProxy`: the stages of the pipeline, chained once the configuration is validated.
 * No Node APIs: this file runs at the edge.
 */
import { resolveConfig } from './config.js';
import { compose, createContext, type ProxyHandler } from './context.js';
import { createMetrics, type UpstreamFailure } from './metrics.js';
import { createReads } from './reads.js';
import { createScope } from './scope.js';
import type { ProxyOptions } from './settings.js';
import { checkout } from './stages/checkout.js';
import { cors, preflight } from './stages/cors.js';
import { guards, hygiene } from './stages/guards.js';
import { health } from './stages/health.js';
import { metricsEndpoint } from './stages/metrics.js';
import { observe } from './stages/observe.js';
import { read } from './stages/read.js';
import { createLimits, rateLimit } from './stages/rate-limit.js';
import { head, refusals } from './stages/respond.js';
import { allow, route } from './stages/route.js';
import { write } from './stages/write.js';
import { createUpstream } from './upstream.js';

export type { ClientInfo, ProxyHandler } from './context.js';
/** Refusal bodies' `error` codes. */
export type { ProxyErrorCode } from './errors.js';

const USER_AGENT = 'isometric-widgets-proxy';

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
  const now = options.now ?? Date.now;
  const metrics = config.metrics ? createMetrics() : undefined;
  const scope = createScope(config.scope);
  const limits = createLimits(config, { now, ...(metrics ? { metrics } : {}) });
  const upstream = createUpstream({
    apiUrl: config.apiUrl,
    headers: { accept: 'application/json', 'user-agent': USER_AGENT, 'x-client-secret': config.clientSecret, authorization: `Bearer ${config.accessToken}` },
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    retryBaseMs: config.retryBaseMs,
    maxBytes: config.upstreamMaxBytes,
    random: options.random ?? Math.random,
    secrets: [config.clientSecret, config.accessToken, ...(config.metricsToken ? [config.metricsToken] : [])],
    now,
    ...(metrics ? { onRetry: () => metrics.upstreamRetry(), onFailure: (failure: UpstreamFailure) => metrics.upstreamError(failure) } : {}),
  });
  const reads = createReads(config, { upstream, scope, now, ...(options.cacheStore ? { store: options.cacheStore } : {}) });

  const pipeline = compose([
    head(),
    observe({ now, ...(metrics ? { metrics } : {}), ...(options.log ? { log: options.log } : {}) }),
    cors(config),
    refusals(),
    guards(config),
    health(),
    metricsEndpoint(config, metrics, limits),
    rateLimit(limits),
    hygiene(),
    route(config),
    preflight(config),
    allow(config, scope),
    read(config, reads, scope, limits),
    checkout(config, upstream, limits),
    write(upstream),
  ]);
  return (request, info) => pipeline(createContext(request, info));
}
