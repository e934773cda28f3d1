/** Per-client request budgets. No Node APIs: this file runs at the edge. */

/** Settings of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Requests one key may make per window. */
  readonly limit: number;
  readonly windowMs: number;
  readonly now: () => number;
  /** Keys tracked at most; beyond it the oldest window is forgotten. Default 10,000. */
  readonly maxKeys?: number;
}

/** A rate limiter: `take(key)` answers 0 when the request may proceed, else the seconds until it may. */
export interface RateLimiter {
  take(key: string): number;
  /** What `take` would answer, without counting the request. */
  peek(key: string): number;
  /** How many keys are tracked now (bounded by `maxKeys`). */
  readonly size: number;
}

/**
 * Fixed windows per key, each starting at the key's first request after the previous one ended.
 * Memory is bounded: the map is ordered by window start (a renewed window moves to the end), so
 * expired windows are dropped from the front, and when `maxKeys` live windows exist the oldest is
 * forgotten, which at worst grants that client a fresh window early.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs, now } = options;
  const maxKeys = options.maxKeys ?? 10_000;
  const windows = new Map<string, { start: number; count: number }>();

  function makeRoom(time: number): void {
    for (const [key, window] of windows) {
      if (windows.size < maxKeys && time - window.start < windowMs) break;
      windows.delete(key);
    }
  }

  return {
    get size() {
      return windows.size;
    },
    peek(key) {
      const time = now();
      const window = windows.get(key);
      if (!window || time - window.start >= windowMs || window.count < limit) return 0;
      return Math.max(1, Math.ceil((window.start + windowMs - time) / 1000));
    },
    take(key) {
      const time = now();
      let window = windows.get(key);
      if (!window || time - window.start >= windowMs) {
        windows.delete(key);
        makeRoom(time);
        window = { start: time, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= limit) return Math.max(1, Math.ceil((window.start + windowMs - time) / 1000));
      window.count += 1;
      return 0;
    },
  };
}
