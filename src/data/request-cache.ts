interface Entry {
  promise: Promise<unknown>;
  /** Set once the request settled successfully; until then the entry is in flight. */
  expires?: number;
  /** When the request settled successfully: the time its data was fetched. */
  settledAt?: number;
  controller: AbortController;
  waiting: number;
}

/**
 * Shares requests between elements: identical keys in flight make one request, successes are
 * reused for `ttl` milliseconds, failures are forgotten at once. The shared request is aborted
 * only when every element waiting for it has gone.
 */
export class RequestCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? (() => Date.now());
  }

  /** Number of entries held (in flight or cached). */
  get size(): number {
    return this.entries.size;
  }

  /** Returns the cached or in-flight value for `key`, or starts `load`. */
  get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, options: { ttl: number; signal?: AbortSignal }): Promise<T> {
    const { signal, ttl } = options;
    signal?.throwIfAborted();
    let entry = this.entries.get(key);
    if (entry?.expires !== undefined && entry.expires <= this.now()) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) entry = this.start(key, load, ttl);
    if (entry.expires !== undefined || !signal) return entry.promise as Promise<T>;
    return this.follow(key, entry, signal) as Promise<T>;
  }

  /** When the value cached under `key` was fetched (ms since the epoch); undefined while in flight or unknown. */
  settledAt(key: string): number | undefined {
    return this.entries.get(key)?.settledAt;
  }

  /** Forgets `key`, so the next `get` loads again (used by retry). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }

  private start(key: string, load: (signal: AbortSignal) => Promise<unknown>, ttl: number): Entry {
    const controller = new AbortController();
    const entry: Entry = { controller, waiting: 0, promise: Promise.resolve() };
    entry.promise = load(controller.signal).then(
      (value) => {
        if (this.entries.get(key) === entry) {
          entry.settledAt = this.now();
          if (ttl > 0) entry.expires = entry.settledAt + ttl;
          else this.entries.delete(key);
        }
        return value;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    // Followers observe the promise; this keeps an unobserved rejection from reaching the page.
    entry.promise.catch(() => {});
    this.entries.set(key, entry);
    return entry;
  }

  private follow(key: string, entry: Entry, signal: AbortSignal): Promise<unknown> {
    entry.waiting += 1;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        entry.waiting -= 1;
        if (entry.waiting === 0 && entry.expires === undefined) {
          entry.controller.abort(signal.reason);
          if (this.entries.get(key) === entry) this.entries.delete(key);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiting -= 1;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiting -= 1;
          reject(error);
        },
      );
    });
  }
}
