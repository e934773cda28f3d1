/**
 * Where the proxy keeps successful reads: one small interface, an in-memory LRU bounded in entries and
 * bytes, and an adapter for the Web Cache API (`caches.default` in workerd / Cloudflare Workers).
 * No Node APIs: this file runs at the edge.
 */

/** The upstream's own validators for a reply, sent back as `If-None-Match` / `If-Modified-Since` to revalidate it. */
export interface UpstreamValidators {
  /** The upstream's `ETag`, strong or weak. */
  readonly etag?: string;
  /** The upstream's `Last-Modified`, an HTTP date. */
  readonly lastModified?: string;
}

/** A successful upstream read as a store keeps it. */
export interface StoredReply {
  readonly status: number;
  /** The upstream body, verbatim. */
  readonly body: string;
  /** A strong or weak entity tag: the upstream's, or one computed from the body. */
  readonly etag: string;
  /** When the proxy received it, on the proxy's clock (ms). */
  readonly storedAt: number;
  /** The body's size in UTF-8 bytes. */
  readonly size: number;
  /** Set when the body names an id outside the proxy's scope: it is kept, but served as a refusal. */
  readonly outOfScope?: boolean;
  /**
   * Present when the upstream sent an `ETag` or `Last-Modified`: once the reply is stale, the proxy
   * asks the upstream whether it changed instead of fetching it again. A store that drops this field
   * still works; its entries are refetched in full.
   */
  readonly validators?: UpstreamValidators;
}

/** A cache of replies keyed by the canonical upstream path. Implementations never reject. */
export interface ReplyStore {
  get(key: string): Promise<StoredReply | undefined>;
  /** Keeps `reply` for at most `keepMs` (its freshness plus the longer of the stale-if-error and revalidation windows). */
  put(key: string, reply: StoredReply, keepMs: number): Promise<void>;
}

/** Bounds of {@link createMemoryStore}. */
export interface MemoryStoreLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly now: () => number;
}

// What an entry costs besides its body and key: the tag and the bookkeeping, roughly.
const ENTRY_OVERHEAD = 256;
/**
 * Bytes a string holds in memory, not its UTF-8 size: V8 keeps a string of Latin-1 characters at one
 * byte per character, and one with any character past U+00FF at two bytes per UTF-16 code unit.
 */
const held = (text: string): number => text.length * (/[\u0100-\uffff]/.test(text) ? 2 : 1);

/**
 * An LRU in memory: a read moves an entry to the young end; inserting evicts from the old end until
 * both the entry count and the byte total (bodies and keys as V8 holds them, see `held`, plus a fixed
 * overhead) are within bounds.
 * An entry larger than `maxBytes` on its own is not kept.
 */
export function createMemoryStore(limits: MemoryStoreLimits): ReplyStore & { readonly entries: number; readonly bytes: number } {
  const entries = new Map<string, { reply: StoredReply; expires: number; cost: number }>();
  let bytes = 0;

  function remove(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.cost;
  }

  return {
    get entries() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= limits.now()) {
        remove(key);
        return undefined;
      }
      // Map keeps insertion order: re-inserting makes this the most recently used entry.
      entries.delete(key);
      entries.set(key, entry);
      return entry.reply;
    },
    async put(key, reply, keepMs) {
      remove(key);
      const cost = held(reply.body) + held(key) + ENTRY_OVERHEAD;
      if (cost > limits.maxBytes || keepMs <= 0) return;
      entries.set(key, { reply, expires: limits.now() + keepMs, cost });
      bytes += cost;
      for (const oldest of entries.keys()) {
        if (entries.size <= limits.maxEntries && bytes <= limits.maxBytes) break;
        remove(oldest);
      }
    },
  };
}

/** The part of the Web Cache API the adapter uses. */
export interface WebCache {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
}

const STORED_AT = 'x-isometric-stored-at';
const STATUS = 'x-isometric-status';
const SCOPE = 'x-isometric-scope';
const ETAG = 'x-isometric-etag';
const UPSTREAM_ETAG = 'x-isometric-upstream-etag';
const LAST_MODIFIED = 'x-isometric-last-modified';

/**
 * Keeps replies in a Web `Cache` (`caches.default`). Keys become URLs under `keyBase`, which should
 * identify the upstream and its credentials so that two proxies sharing a cache never share entries.
 * The cache's own failures (workerd without a configured cache throws "No Cache was configured") read
 * as misses; the Cache API honours `max-age`, so entries expire after `keepMs` on their own.
 */
export function createWebCacheStore(cache: WebCache, keyBase: () => Promise<string>): ReplyStore {
  return {
    async get(key) {
      try {
        const response = await cache.match(`${await keyBase()}${key}`);
        if (!response) return undefined;
        const body = await response.text();
        const status = Number(response.headers.get(STATUS));
        const storedAt = Number(response.headers.get(STORED_AT));
        const etag = response.headers.get(ETAG);
        if (!Number.isSafeInteger(status) || !Number.isFinite(storedAt) || !etag) return undefined;
        const size = new TextEncoder().encode(body).byteLength;
        const upstreamEtag = response.headers.get(UPSTREAM_ETAG);
        const lastModified = response.headers.get(LAST_MODIFIED);
        const validators = { ...(upstreamEtag ? { etag: upstreamEtag } : {}), ...(lastModified ? { lastModified } : {}) };
        return {
          status,
          body,
          etag,
          storedAt,
          size,
          ...(response.headers.get(SCOPE) === 'out' ? { outOfScope: true } : {}),
          ...(upstreamEtag || lastModified ? { validators } : {}),
        };
      } catch {
        return undefined;
      }
    },
    async put(key, reply, keepMs) {
      const seconds = Math.floor(keepMs / 1000);
      if (seconds <= 0) return;
      try {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'cache-control': `max-age=${seconds}`,
          [STATUS]: String(reply.status),
          [STORED_AT]: String(reply.storedAt),
          [ETAG]: reply.etag,
          ...(reply.outOfScope ? { [SCOPE]: 'out' } : {}),
          ...(reply.validators?.etag ? { [UPSTREAM_ETAG]: reply.validators.etag } : {}),
          ...(reply.validators?.lastModified ? { [LAST_MODIFIED]: reply.validators.lastModified } : {}),
        };
        await cache.put(`${await keyBase()}${key}`, new Response(reply.body, { status: 200, headers }));
      } catch {
        // A cache that cannot store is a cache that misses.
      }
    },
  };
}

/**
 * Two tiers: `near` (this isolate's memory) in front of `far` (a shared cache). A far hit is copied
 * near for the rest of its life (`keepFor(reply)` from when it was stored); a put goes to both.
 */
export function createTieredStore(near: ReplyStore, far: ReplyStore, keepFor: (reply: StoredReply) => number, now: () => number): ReplyStore {
  return {
    async get(key) {
      const found = await near.get(key);
      if (found) return found;
      const shared = await far.get(key);
      if (shared) await near.put(key, shared, keepFor(shared) - (now() - shared.storedAt));
      return shared;
    },
    async put(key, reply, keep) {
      await Promise.all([near.put(key, reply, keep), far.put(key, reply, keep)]);
    },
  };
}

/** The Web Cache API's default cache when the runtime has one (workerd, Cloudflare Workers), else undefined. */
export function defaultWebCache(): WebCache | undefined {
  const storage = (globalThis as { caches?: { default?: WebCache } }).caches;
  const cache = storage?.default;
  return cache && typeof cache.match === 'function' && typeof cache.put === 'function' ? cache : undefined;
}
