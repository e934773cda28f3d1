/**
 * Counters for `GET {base}/metrics`, in the Prometheus text exposition format (version 0.0.4).
 * Label values come from fixed sets (operation keys, status classes, cache results), so the number of
 * series stays bounded whatever clients send. No Node APIs: this file runs at the edge.
 */

/**
 * How a read was answered: from a fresh cache entry, from the upstream, from a stale entry because the
 * upstream failed, or from a stale entry the upstream confirmed unchanged (304 to a conditional request).
 */
export type CacheResult = 'HIT' | 'MISS' | 'STALE' | 'REVALIDATED';

/** Why an upstream call failed. */
export type UpstreamFailure = 'timeout' | 'network' | 'status' | 'rate_limited' | 'invalid' | 'too_large' | 'auth' | 'leak';

/**
 * One line of the request log. It names the operation's template, never the raw path or query, and
 * carries no header, body or secret.
 */
export interface RequestLogEntry {
  /** ISO 8601, from the proxy's clock. */
  readonly time: string;
  /** A random id for this request (not sent to the client). */
  readonly request_id: string;
  /** The request method, or `OTHER` for one that no HTTP API uses. */
  readonly method: string;
  /** `GET /projects/{id}`, `healthz`, `metrics`, or `other` when nothing matched. */
  readonly operation: string;
  readonly status: number;
  readonly duration_ms: number;
  readonly cache?: CacheResult;
  /** The refusal's error code, for 4xx and 5xx. */
  readonly error?: string;
  /** Upstream attempts made (more than 1 means retries). */
  readonly upstream_attempts?: number;
}

/** One request, as the metrics count it. */
export interface Observation {
  /** `GET /projects/{id}`, `healthz`, `metrics`, or `other` when nothing matched. */
  readonly operation: string;
  readonly status: number;
  readonly durationMs: number;
  readonly cache?: CacheResult;
}

/** Latency buckets, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
const PREFIX = 'isometric_proxy';

export interface Metrics {
  observe(observation: Observation): void;
  upstreamError(kind: UpstreamFailure): void;
  upstreamRetry(): void;
  rateLimited(kind: 'read' | 'checkout'): void;
  render(): string;
}

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function createMetrics(): Metrics {
  const requests = new Map<string, number>();
  const cache = new Map<CacheResult, number>([['HIT', 0], ['MISS', 0], ['STALE', 0], ['REVALIDATED', 0]]);
  const upstreamErrors = new Map<UpstreamFailure, number>();
  const limited = new Map<'read' | 'checkout', number>([['read', 0], ['checkout', 0]]);
  const buckets = BUCKETS.map(() => 0);
  let retries = 0;
  let count = 0;
  let sum = 0;

  return {
    observe({ operation, status, durationMs, cache: result }) {
      increment(requests, `${operation}\u0000${Math.floor(status / 100)}xx`);
      if (result) increment(cache, result);
      const seconds = Math.max(0, durationMs) / 1000;
      BUCKETS.forEach((bound, index) => {
        if (seconds <= bound) buckets[index] = (buckets[index] ?? 0) + 1;
      });
      count += 1;
      sum += seconds;
    },
    upstreamError(kind) {
      increment(upstreamErrors, kind);
    },
    upstreamRetry() {
      retries += 1;
    },
    rateLimited(kind) {
      increment(limited, kind);
    },
    render() {
      const lines: string[] = [];
      const family = (name: string, type: string, help: string) => lines.push(`# HELP ${PREFIX}_${name} ${help}`, `# TYPE ${PREFIX}_${name} ${type}`);
      family('requests_total', 'counter', 'Requests answered, by operation and status class.');
      for (const [key, value] of [...requests].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const [operation, status] = key.split('\u0000') as [string, string];
        lines.push(`${PREFIX}_requests_total{operation="${label(operation)}",status="${status}"} ${value}`);
      }
      family('cache_total', 'counter', 'Reads by cache result.');
      for (const [result, value] of cache) lines.push(`${PREFIX}_cache_total{result="${result.toLowerCase()}"} ${value}`);
      family('upstream_errors_total', 'counter', 'Failed upstream calls, by kind.');
      for (const [kind, value] of upstreamErrors) lines.push(`${PREFIX}_upstream_errors_total{kind="${kind}"} ${value}`);
      family('upstream_retries_total', 'counter', 'Upstream calls retried.');
      lines.push(`${PREFIX}_upstream_retries_total ${retries}`);
      family('rate_limited_total', 'counter', 'Requests refused with 429, by limit.');
      for (const [kind, value] of limited) lines.push(`${PREFIX}_rate_limited_total{limit="${kind}"} ${value}`);
      family('request_duration_seconds', 'histogram', 'Time from request to response headers.');
      BUCKETS.forEach((bound, index) => lines.push(`${PREFIX}_request_duration_seconds_bucket{le="${bound}"} ${buckets[index] ?? 0}`));
      lines.push(`${PREFIX}_request_duration_seconds_bucket{le="+Inf"} ${count}`);
      lines.push(`${PREFIX}_request_duration_seconds_sum ${Number(sum.toFixed(6))}`);
      lines.push(`${PREFIX}_request_duration_seconds_count ${count}`);
      return `${lines.join('\n')}\n`;
    },
  };
}
