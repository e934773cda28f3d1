/** The per-client budgets: reads (everything but checkout creations) and checkout creations. */
import { clientAddressOf, type ProxyContext, type Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { createRateLimiter } from '../rate-limit.js';
import type { ProxyConfig } from '../settings.js';

const WINDOW_MS = 60_000;

/** Which budget a request spends. */
export type LimitKind = 'read' | 'checkout';

/** The proxy's budgets: `spend` returns when the request may proceed, else throws 429 `rate_limited`. */
export interface Limits {
  spend(kind: LimitKind, context: ProxyContext): void;
}

/**
 * Reads are counted per known address (unknown ones are not counted); checkout creations per address,
 * the unknown ones sharing one budget.
 */
export function createLimits(config: ProxyConfig, options: { now: () => number; metrics?: Metrics }): Limits {
  const { now, metrics } = options;
  const checkout = config.checkout && createRateLimiter({ limit: config.checkout.rateLimitPerMinute, windowMs: WINDOW_MS, now });
  const read = config.readRateLimitPerMinute > 0 ? createRateLimiter({ limit: config.readRateLimitPerMinute, windowMs: WINDOW_MS, now }) : undefined;
  return {
    spend(kind, context) {
      const address = clientAddressOf(context, config.trustProxy);
      const wait = kind === 'checkout' ? (checkout?.take(address ?? 'unknown') ?? 0) : read && address !== undefined ? read.take(address) : 0;
      if (wait <= 0) return;
      metrics?.rateLimited(kind);
      const who = kind === 'checkout' ? 'checkout sessions' : 'requests';
      throw new ProxyError('rate_limited', `Too many ${who} from this address; try again in ${wait} s.`, { retryAfter: wait });
    },
  };
}

/** Spends the read budget on every request but a checkout creation (which `checkout` counts once it is valid). */
export function rateLimit(limits: Limits): Stage {
  return async (context, next) => {
    if (!(context.request.method === 'POST' && context.path === '/stripe/checkout')) limits.spend('read', context);
    return next();
  };
}
