/**
 * Calls to the Registry API: one deadline over every attempt (headers, body and backoff), a bound on
 * the body, retries for idempotent reads, and an answer screened so it is safe to show a browser.
 * Never rejects. No Node APIs: this file runs at the edge.
 */
import type { UpstreamValidators } from './cache.js';
import { JSON_HEADERS, ProxyError, type ProxyErrorCode } from './errors.js';
import type { UpstreamFailure } from './metrics.js';
import type { UpstreamFetch } from './settings.js';

/** An upstream answer kept independently of any `Response` object, so it can be cached and replayed. */
export interface Reply {
  readonly status: number;
  readonly body: string;
  readonly etag?: string;
}

/** An upstream answer as the browser gets it: JSON, never sniffed, not cached unless `headers` say so; the `ETag` of a 2xx. */
export function answer(reply: Reply, headers: Readonly<Record<string, string>>): Response {
  const success = reply.status >= 200 && reply.status < 300;
  return new Response(reply.body, { status: reply.status, headers: { ...JSON_HEADERS, ...(success && reply.etag ? { etag: reply.etag } : {}), ...headers } });
}

/** The result of one upstream call, after any retries. */
export interface Outcome {
  /** The API's answer, or the proxy's own refusal when the call failed. */
  readonly reply: Reply | ProxyError;
  readonly attempts: number;
  /** Why the call failed; absent when the API answered (2xx, or a 4xx that passes through). */
  readonly failure?: UpstreamFailure;
  /** A 2xx body, parsed (for the scope check). */
  readonly parsed?: unknown;
  /** A 2xx body's size in bytes. */
  readonly size?: number;
  /** A 2xx answer's `Last-Modified`, when it is a valid HTTP date. */
  readonly lastModified?: string;
  /** The upstream answered 304 to a conditional request: the validated reply is still current. `reply` is empty. */
  readonly notModified?: boolean;
}

export interface UpstreamSettings {
  readonly apiUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: UpstreamFetch;
  /** The deadline for the whole call, every attempt and backoff included. */
  readonly timeoutMs: number;
  /** Extra attempts for GETs after a network error or a 502/503/504. */
  readonly retries: number;
  /** The first backoff's upper bound; each retry doubles it (full jitter: a uniform draw below it). */
  readonly retryBaseMs: number;
  readonly maxBytes: number;
  /** A uniform draw from [0, 1). */
  readonly random: () => number;
  /** The clock for HTTP-date `Retry-After` values. */
  readonly now: () => number;
  readonly onRetry?: () => void;
  readonly onFailure?: (failure: UpstreamFailure) => void;
  /**
   * Values that must never reach a browser (the client secret, the access token): an answer whose body
   * or passed-on headers contain one is refused with 502 `upstream_leak`, never cached.
   */
  readonly secrets?: readonly string[];
}

/** One call; `validators` (GET only) makes it conditional, so the upstream may answer 304. */
export type Upstream = (path: string, init: { method: 'GET' | 'POST'; body?: string; validators?: UpstreamValidators }) => Promise<Outcome>;

const ETAG = /^(?:W\/)?"[\x21\x23-\x7e]{0,256}"$/;
/** An HTTP date's characters (`Sun, 06 Nov 1994 08:49:37 GMT`), bounded; `Date.parse` decides the rest. */
const HTTP_DATE = /^[A-Za-z0-9 ,:-]{1,64}$/;
const RETRYABLE = new Set([502, 503, 504]);
const MAX_BACKOFF_MS = 2_000;
/** `Retry-After` when a rate-limiting upstream does not say, and the most we pass on. */
export const DEFAULT_RETRY_AFTER = 30;
const MAX_RETRY_AFTER = 3_600;

function error(code: ProxyErrorCode, message: string, extra: { retryAfter?: number } = {}): ProxyError {
  return new ProxyError(code, message, extra);
}

/** An upstream `Retry-After` (delta-seconds or an HTTP date) as whole seconds within [1, 3600]. */
export function retryAfterSeconds(value: string | null, now: number): number {
  const trimmed = value?.trim() ?? '';
  let seconds: number | undefined;
  if (/^\d{1,10}$/.test(trimmed)) seconds = Number(trimmed);
  else if (trimmed !== '') {
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) seconds = Math.ceil((date - now) / 1000);
  }
  if (seconds === undefined) return DEFAULT_RETRY_AFTER;
  return Math.min(MAX_RETRY_AFTER, Math.max(1, seconds));
}

/** Rejects once `signal` aborts, so an upstream `fetch` that ignores the signal still times out. */
function untilAborted(signal: AbortSignal): Promise<never> {
  const promise = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('deadline')), { once: true }));
  // Raced on every await; this keeps a late abort from surfacing as an unhandled rejection.
  promise.catch(() => {});
  return promise;
}

function discard(response: Response): void {
  // Releases the connection; the body is not wanted.
  response.body?.cancel().catch(() => {});
}

/** Reads a body up to `max` bytes; `undefined` when it is larger. Stops as soon as `signal` aborts. */
export async function readCapped(body: ReadableStream<Uint8Array> | null, max: number, signal?: AbortSignal): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (signal?.aborted) {
      reader.cancel().catch(() => {});
      throw new Error('deadline');
    }
    size += value.byteLength;
    if (size > max) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

interface Attempt {
  readonly reply: Reply | ProxyError;
  readonly failure?: UpstreamFailure;
  readonly retryable?: boolean;
  readonly parsed?: unknown;
  readonly size?: number;
  readonly lastModified?: string;
  readonly notModified?: boolean;
}

/** `If-None-Match` and `If-Modified-Since` for a stored reply's validators; both when it has both (RFC 9111 §4.3.1). */
function conditionalHeaders(validators: UpstreamValidators | undefined): Record<string, string> {
  return {
    ...(validators?.etag ? { 'if-none-match': validators.etag } : {}),
    ...(validators?.lastModified ? { 'if-modified-since': validators.lastModified } : {}),
  };
}

function httpDate(value: string | null): string | undefined {
  return value !== null && HTTP_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

export function createUpstream(settings: UpstreamSettings): Upstream {
  const { apiUrl, headers, timeoutMs } = settings;
  const secrets = (settings.secrets ?? []).filter((secret) => secret.length >= 8);
  const unreachable = (): Attempt => ({ reply: error('upstream_unavailable', 'The Registry API could not be reached.'), failure: 'network', retryable: true });

  async function attempt(path: string, init: { method: string; body?: string; validators?: UpstreamValidators }, signal: AbortSignal): Promise<Attempt> {
    const conditional = init.method === 'GET' ? conditionalHeaders(init.validators) : {};
    const sent = { ...headers, ...conditional, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) };
    const request = { method: init.method, ...(init.body === undefined ? {} : { body: init.body }) };
    const response = await settings.fetch(`${apiUrl}${path}`, { ...request, headers: sent, redirect: 'manual', signal });
    const { status } = response;
    // Only an answer to a question the proxy asked: an unprompted 304 is as wrong as any other 3xx.
    if (status === 304 && Object.keys(conditional).length > 0) {
      discard(response);
      return { reply: { status, body: '' }, notModified: true };
    }
    if (status === 429) {
      discard(response);
      const wait = retryAfterSeconds(response.headers.get('retry-after'), settings.now());
      return { reply: error('upstream_rate_limited', `The Registry API is rate-limiting the proxy; try again in ${wait} s.`, { retryAfter: wait }), failure: 'rate_limited' };
    }
    if (status === 401 || status === 403) {
      discard(response);
      return { reply: error('upstream_auth', 'The Registry API refused the proxy\u2019s credentials; check its configuration.'), failure: 'auth' };
    }
    if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
      discard(response);
      return { reply: error('upstream_error', `The Registry API answered with status ${status}.`), failure: 'status', retryable: RETRYABLE.has(status) };
    }
    const tooLarge: Attempt = { reply: error('upstream_error', 'The Registry API answered with a body that is too large.'), failure: 'too_large' };
    if (Number(response.headers.get('content-length') ?? 0) > settings.maxBytes) {
      discard(response);
      return tooLarge;
    }
    const bytes = await readCapped(response.body, settings.maxBytes, signal);
    if (!bytes) return tooLarge;
    const notJson: Attempt = { reply: error('upstream_error', 'The Registry API answered with something that is not JSON.'), failure: 'invalid' };
    let text: string;
    let parsed: unknown;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      parsed = JSON.parse(text) as unknown;
    } catch {
      return notJson;
    }
    const etag = response.headers.get('etag');
    const lastModified = httpDate(response.headers.get('last-modified'));
    // Defence in depth: an upstream that echoes the request's headers must not hand the credentials on.
    // The parsed body is checked re-serialised too, so that a JSON escape (`\u0063s_…`) hides nothing.
    const echoed = JSON.stringify(parsed);
    if (secrets.some((secret) => text.includes(secret) || echoed.includes(secret) || etag?.includes(secret) || lastModified?.includes(secret))) {
      return { reply: error('upstream_leak', 'The Registry API answered with a credential of the proxy in it; the answer was withheld.'), failure: 'leak' };
    }
    // 2xx bodies pass through verbatim: kg fields may exceed 2^53 and would not survive a JSON round trip.
    if (status < 300) {
      return { reply: { status, body: text, ...(etag && ETAG.test(etag) ? { etag } : {}) }, parsed, size: bytes.byteLength, ...(lastModified ? { lastModified } : {}) };
    }
    return { reply: { status, body: JSON.stringify(parsed) } };
  }

  return async (path, init) => {
    // A timer of our own rather than AbortSignal.timeout: Node does not let that one keep the process alive.
    const controller = new AbortController();
    const { signal } = controller;
    const started = Date.now();
    const deadline = setTimeout(() => controller.abort(), timeoutMs);
    const aborted = untilAborted(signal);
    const timedOut = (attempts: number): Outcome => {
      settings.onFailure?.('timeout');
      return { reply: error('upstream_timeout', `The Registry API did not answer within ${timeoutMs} ms.`), attempts, failure: 'timeout' };
    };
    try {
      for (let attempts = 1; ; attempts += 1) {
        let result: Attempt;
        try {
          result = await Promise.race([attempt(path, init, signal), aborted]);
        } catch {
          if (signal.aborted) return timedOut(attempts);
          result = unreachable();
        }
        if (result.retryable && init.method === 'GET' && attempts <= settings.retries) {
          const delay = settings.random() * Math.min(MAX_BACKOFF_MS, settings.retryBaseMs * 2 ** (attempts - 1));
          // Retry only when the backoff leaves time for another attempt within the one deadline.
          if (Date.now() - started + delay < timeoutMs) {
            settings.onRetry?.();
            let pause: ReturnType<typeof setTimeout> | undefined;
            try {
              await Promise.race([new Promise((resolve) => (pause = setTimeout(resolve, delay))), aborted]);
            } catch {
              return timedOut(attempts);
            } finally {
              clearTimeout(pause);
            }
            continue;
          }
        }
        if (result.failure) settings.onFailure?.(result.failure);
        return {
          reply: result.reply,
          attempts,
          ...(result.failure ? { failure: result.failure } : {}),
          ...(result.parsed !== undefined ? { parsed: result.parsed } : {}),
          ...(result.size !== undefined ? { size: result.size } : {}),
          ...(result.lastModified ? { lastModified: result.lastModified } : {}),
          ...(result.notModified ? { notModified: true } : {}),
        };
      }
    } finally {
      clearTimeout(deadline);
    }
  };
}
