/**
 * Refusals: one error type, a code → status table, and the one place they become a JSON reply
 * (Hono's `HTTPException`). Stages `throw new ProxyError(code, message)`; the pipeline renders it and
 * the request log reads its code. No Node APIs: this file runs at the edge.
 */

/** The HTTP status of each refusal code: a stable, public contract, as the codes are. */
const STATUS = {
  not_found: 404,
  bad_path: 400,
  method_not_allowed: 405,
  method_override: 400,
  operation_not_allowed: 403,
  origin_not_allowed: 403,
  out_of_scope: 403,
  invalid_id: 400,
  invalid_parameter: 400,
  invalid_encoding: 400,
  unknown_parameter: 400,
  duplicate_parameter: 400,
  uri_too_long: 414,
  headers_too_large: 431,
  unsupported_media_type: 415,
  payload_too_large: 413,
  invalid_json: 400,
  invalid_body: 400,
  invalid_field: 422,
  unauthorized: 401,
  rate_limited: 429,
  upstream_timeout: 504,
  upstream_unavailable: 502,
  upstream_rate_limited: 503,
  upstream_error: 502,
  upstream_auth: 502,
  upstream_leak: 502,
  bad_redirect: 502,
  internal_error: 500,
} as const satisfies Record<string, number>;

/** The error codes a refusal's JSON body carries in `error`: a stable, public contract. */
export type ProxyErrorCode = keyof typeof STATUS;

/** The headers every JSON reply of the proxy carries: typed, never cached, never sniffed. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** What a refusal may add to its reply. */
export interface ProxyErrorDetails {
  /** The request field at fault (checkout validation), sent as `field`. */
  readonly field?: string;
  /** Seconds for `Retry-After` (429 `rate_limited`, 503 `upstream_rate_limited`). */
  readonly retryAfter?: number;
  /** Further headers (`Allow`, `WWW-Authenticate`, `X-Cache`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A refusal: `{"error": code, "message": sentence}` (plus `field`), with the code's status, never cached. */
export class ProxyError extends Error {
  override name = 'ProxyError';
  readonly status: number;

  constructor(
    readonly code: ProxyErrorCode,
    message: string,
    readonly details: ProxyErrorDetails = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }

  /** The same refusal with more headers (a read adds `X-Cache`). */
  withHeaders(headers: Readonly<Record<string, string>>): ProxyError {
    return new ProxyError(this.code, this.message, { ...this.details, headers: { ...this.details.headers, ...headers } });
  }

  /** The JSON reply; a fresh `Response` each call. */
  toResponse(): Response {
    const { field, retryAfter, headers } = this.details;
    const body = { error: this.code, message: this.message, ...(field ? { field } : {}) };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: { ...JSON_HEADERS, ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }), ...headers },
    });
  }
}

/** Runs `work`, answering a `ProxyError` it throws with its JSON reply (handlers outside the pipeline: embeds, badges). */
export async function rendered(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ProxyError) return error.toResponse();
    throw error;
  }
}

/** The status of a refusal code. */
export function statusOf(code: ProxyErrorCode): number {
  return STATUS[code];
}
