/**
 * Reads through the cache: fresh entries are served as they are, stale ones with validators are
 * revalidated, identical concurrent misses share one upstream request, and a failing upstream is
 * papered over with a stale copy for `staleIfError` seconds. No Node APIs: this file runs at the edge.
 */
import { strongEtag } from '../server/digest.js';
import { createMemoryStore, createTieredStore, createWebCacheStore, defaultWebCache, type ReplyStore, type StoredReply } from './cache.js';
import type { ClientInfo } from './context.js';
import { ProxyError } from './errors.js';
import type { CacheResult, UpstreamFailure } from './metrics.js';
import type { Operation } from './operations.js';
import type { Scope } from './scope.js';
import type { ProxyConfig } from './settings.js';
import type { Reply, Upstream } from './upstream.js';

/**
 * How long past its freshness a reply with upstream validators is kept so that it can be revalidated
 * (a 304 costs the upstream no body), when the stale-if-error window is shorter. The store's bounds
 * still apply: stale entries are the least recently used and go first.
 */
const REVALIDATE_WINDOW_MS = 3_600_000;

/** A read as served: a stored reply, an upstream answer that is not cached, or the proxy's refusal. */
export type Served = StoredReply | Reply | ProxyError;

/** The result of fetching one read; `stored` is set when it may be cached. */
interface Fetched {
  readonly reply: Served;
  readonly attempts: number;
  readonly failure?: UpstreamFailure;
  readonly stored?: StoredReply;
  /** The upstream answered 304: `stored` is the previous entry, fresh again. */
  readonly revalidated?: boolean;
}

/** One read's result: what to serve, how the cache answered, the stale copy's age, the upstream attempts. */
export interface ReadResult {
  readonly served: Served;
  readonly cache: CacheResult;
  readonly age?: number;
  readonly attempts?: number;
}

/**
 * Serves one read. `onMiss`, when given, runs before anything goes upstream (a miss, a stale entry to
 * revalidate, or no cache at all) and may throw to refuse it: the per-client miss budget.
 */
export type Reads = (operation: Operation, key: string, info: ClientInfo, onMiss?: () => void) => Promise<ReadResult>;

export interface ReadSettings {
  readonly upstream: Upstream;
  readonly scope: Scope;
  readonly now: () => number;
  /** The store; default an in-memory LRU, in front of `caches.default` where the runtime has one. */
  readonly store?: ReplyStore;
}

export function createReads(config: ProxyConfig, settings: ReadSettings): Reads {
  const { upstream, scope, now } = settings;
  const ttlMs = config.cacheTtl * 1000;
  /** Past this age a stored read is no longer served when the upstream fails. */
  const staleLimitMs = ttlMs + config.staleIfError * 1000;
  /** How long a store keeps a reply: long enough to serve it stale on error and, with validators, to revalidate it. */
  const keepFor = (reply: StoredReply): number => (reply.validators ? ttlMs + Math.max(config.staleIfError * 1000, REVALIDATE_WINDOW_MS) : staleLimitMs);
  const store = config.cacheTtl > 0 ? (settings.store ?? defaultStore()) : undefined;
  const inflight = new Map<string, Promise<Fetched>>();

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
    if (reply instanceof ProxyError || outcome.failure || reply.status < 200 || reply.status >= 300) {
      return { reply, attempts, ...(outcome.failure ? { failure: outcome.failure } : {}) };
    }
    const validators = { ...(reply.etag ? { etag: reply.etag } : {}), ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}) };
    // A body the scope narrows (balances) is a body of the proxy's own: it gets its own tag.
    const narrowed = scope.narrow(operation, reply.body);
    const body = narrowed ?? reply.body;
    const stored: StoredReply = {
      status: reply.status,
      body,
      etag: (narrowed === undefined ? reply.etag : undefined) ?? (await strongEtag(body)),
      storedAt: now(),
      size: narrowed === undefined ? (outcome.size ?? reply.body.length) : new TextEncoder().encode(body).byteLength,
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
        () => resolve({ reply: new ProxyError('upstream_timeout', `The Registry API did not answer within ${config.upstreamTimeoutMs} ms.`), attempts: 0, failure: 'timeout' }),
        config.upstreamTimeoutMs + 1_000,
      );
    });
    try {
      return await Promise.race([pending, overdue]);
    } finally {
      clearTimeout(timer);
    }
  }

  return async (operation, key, info, onMiss) => {
    if (!store) {
      onMiss?.();
      const fetched = await fetchRead(operation, key);
      return { served: fetched.reply, cache: 'MISS', attempts: fetched.attempts };
    }
    const stored = await store.get(key);
    const age = stored ? now() - stored.storedAt : Number.POSITIVE_INFINITY;
    if (stored && age < ttlMs) return { served: stored, cache: 'HIT' };
    onMiss?.();
    const fetched = await coalesced(operation, key, info, store, stored);
    // Credentials the API refuses are a misconfiguration to surface, not an outage to paper over.
    if (fetched.failure && fetched.failure !== 'auth' && stored && age < staleLimitMs) return { served: stored, cache: 'STALE', age, attempts: fetched.attempts };
    return { served: fetched.reply, cache: fetched.revalidated ? 'REVALIDATED' : 'MISS', attempts: fetched.attempts };
  };
}
