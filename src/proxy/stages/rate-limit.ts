/** The per-client budgets: reads (everything but checkout creations) and checkout creations. */
import { clientAddressOf, type ProxyContext, type Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { clientKey } from '../address.js';
import { createRateLimiter } from '../rate-limit.js';
import type { ProxyConfig } from '../settings.js';

const WINDOW_MS = 60_000;

/** Which budget a request spends: reads, checkout creations, checkout attempts refused as invalid, or reads the cache cannot answer. */
export type LimitKind = 'read' | 'checkout' | 'refused' | 'miss';

/** Checkout attempts refused (415, 413, 400, 422) per client per minute, for each creation allowed. */
export const REFUSED_CHECKOUTS_PER_CREATION = 5;

/** The proxy's budgets: `spend` returns when the request may proceed, else throws 429 `rate_limited`. */
export interface Limits {
  spend(kind: LimitKind, context: ProxyContext): void;
  /** Throws 429 `rate_limited` when the budget is spent, without spending it. */
  check(kind: LimitKind, context: ProxyContext): void;
}

/**
 * Reads are counted per known address (unknown ones are not counted); checkout creations per address,
 * the unknown ones sharing one budget; refused checkout attempts likewise, with a budget of
 * `REFUSED_CHECKOUTS_PER_CREATION` times the creations' (at least 10). Addresses are keyed canonically
 * (see address.ts): one IPv4 address however it is spelled, an IPv6 client by its /64.
 */
export function createLimits(config: ProxyConfig, options: { now: () => number; metrics?: Metrics }): Limits {
  const { now, metrics } = options;
  const checkout = config.checkout && createRateLimiter({ limit: config.checkout.rateLimitPerMinute, windowMs: WINDOW_MS, now });
  const read = config.readRateLimitPerMinute > 0 ? createRateLimiter({ limit: config.readRateLimitPerMinute, windowMs: WINDOW_MS, now }) : undefined;
  const refused =
    config.checkout && createRateLimiter({ limit: Math.max(10, config.checkout.rateLimitPerMinute * REFUSED_CHECKOUTS_PER_CREATION), windowMs: WINDOW_MS, now });
  const misses = config.readMissRateLimitPerMinute > 0 ? createRateLimiter({ limit: config.readMissRateLimitPerMinute, windowMs: WINDOW_MS, now }) : undefined;
  const limiterOf = (kind: LimitKind) => (kind === 'checkout' ? checkout : kind === 'refused' ? refused : kind === 'miss' ? misses : read);
  const waitFor = (kind: LimitKind, context: ProxyContext, spend: boolean): number => {
    const limiter = limiterOf(kind);
    const address = clientKey(clientAddressOf(context, config.trustProxy));
    if (!limiter || ((kind === 'read' || kind === 'miss') && address === undefined)) return 0;
    const key = address ?? 'unknown';
    return spend ? limiter.take(key) : limiter.peek(key);
  };
  const refuse = (kind: LimitKind, wait: number): never => {
    metrics?.rateLimited(kind === 'read' || kind === 'miss' ? 'read' : 'checkout');
    const who = { checkout: 'checkout sessions', refused: 'refused checkout attempts', miss: 'reads the cache cannot answer', read: 'requests' }[kind];
    throw new ProxyError('rate_limited', `Too many ${who} from this address; try again in ${wait} s.`, { retryAfter: wait });
  };
  return {
    spend(kind, context) {
      const wait = waitFor(kind, context, true);
      if (wait > 0) refuse(kind, wait);
    },
    check(kind, context) {
      const wait = waitFor(kind, context, false);
      if (wait > 0) refuse(kind, wait);
    },
  };
}

/** Spends the read budget on every request but a checkout creation (which `checkout` counts against its own, valid or not). */
export function rateLimit(limits: Limits): Stage {
  return async (context, next) => {
    if (!(context.request.method === 'POST' && context.path === '/stripe/checkout')) limits.spend('read', context);
    return next();
  };
}
