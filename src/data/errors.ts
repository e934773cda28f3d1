import type { AttributeProblem } from './problems.js';

/**
 * What can go wrong when an element loads data. Elements render each kind differently:
 * `invalid-input` and `not-found` are final, the others offer a retry.
 */
export type RegistryErrorKind =
  | 'invalid-input'
  | 'not-configured'
  | 'not-found'
  | 'rejected'
  | 'unavailable'
  | 'invalid-response';

/** A typed failure from the data layer. `status` is the HTTP status when there was one. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly kind: RegistryErrorKind;
  readonly status: number | undefined;
  /** For `invalid-input`: the attribute problem, so the element can say it in the page's language. */
  readonly problem: AttributeProblem | undefined;

  constructor(kind: RegistryErrorKind, message: string, options: { status?: number; cause?: unknown; problem?: AttributeProblem } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.problem = options.problem;
  }

  /** Whether trying again may succeed (network trouble, upstream faults, rate limits). */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'invalid-response';
  }
}

/** Turns an HTTP status and the proxy's JSON error body into a `RegistryError`. */
export function errorFromResponse(response: Response, body: unknown): RegistryError {
  const status = response.status;
  const message = messageFromBody(body) ?? `The registry answered ${status} ${response.statusText}`.trim();
  if (status === 404) return new RegistryError('not-found', message, { status });
  if (status === 408 || status === 429 || status >= 500) return new RegistryError('unavailable', message, { status });
  return new RegistryError('rejected', message, { status });
}

function messageFromBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message;
  if (typeof record.detail === 'string') return record.detail;
  if (Array.isArray(record.detail)) {
    const first = record.detail[0] as { msg?: unknown } | undefined;
    if (first && typeof first.msg === 'string') return first.msg;
  }
  return undefined;
}

/** True for the DOMException fetch throws when its signal is aborted. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
