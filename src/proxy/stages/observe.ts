/** The request log and the metrics: one entry and one observation per request. */
import type { Stage } from '../context.js';
import type { Metrics, RequestLogEntry } from '../metrics.js';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What {@link observe} reports to. */
export interface Observers {
  readonly metrics?: Metrics;
  readonly log?: (entry: RequestLogEntry) => void;
  /** The wall clock for the log's `time`. */
  readonly now: () => number;
}

/** A monotonic clock in milliseconds where the runtime has one (Node, workerd), for durations. */
function clock(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/** Times the rest of the pipeline and records what it did; a failing log sink does not fail the request. */
export function observe({ metrics, log, now }: Observers): Stage {
  return async (context, next) => {
    const started = clock();
    const response = await next();
    if (!metrics && !log) return response;
    const durationMs = Math.max(0, clock() - started);
    const { operation, cache, error, attempts } = context;
    metrics?.observe({ operation, status: response.status, durationMs, ...(cache ? { cache } : {}) });
    if (!log) return response;
    const entry: RequestLogEntry = {
      time: new Date(now()).toISOString(),
      request_id: crypto.randomUUID(),
      method: KNOWN_METHODS.has(context.request.method) ? context.request.method : 'OTHER',
      operation,
      status: response.status,
      duration_ms: Math.round(durationMs * 100) / 100,
      ...(cache ? { cache } : {}),
      ...(error ? { error } : {}),
      ...(attempts ? { upstream_attempts: attempts } : {}),
    };
    try {
      log(entry);
    } catch {
      // A failing log sink must not fail the request.
    }
    return response;
  };
}
