/** Response helpers: FastAPI's JSON error shapes, always with `content-type: application/json`. */
import { notModified } from '../server/conditional.js';
import { strongEtag } from '../server/digest.js';
import { json } from '../server/json.js';
import type { ValidationError } from './types.js';

export { json };

/**
 * A 200 JSON answer to a read with a strong `ETag`, or 304 without a body when the request's
 * `If-None-Match` matches it: what a proxy in front needs to revalidate what it cached.
 */
export async function taggedJson(request: Request, body: unknown): Promise<Response> {
  const text = JSON.stringify(body);
  const etag = await strongEtag(text);
  const unchanged = notModified(request, etag, { etag });
  if (unchanged) return unchanged;
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json', etag } });
}

/** `{"detail": "…"}`, FastAPI's shape for every error but validation. */
export function detail(status: number, message: string, headers: Record<string, string> = {}): Response {
  return json({ detail: message }, status, headers);
}

/** 422 with an `HTTPValidationError` body. */
export function validationFailed(errors: readonly ValidationError[]): Response {
  return json({ detail: errors }, 422);
}

/** Thrown by a handler for a well-formed id that names nothing: answered 404. */
export class NotFoundError extends Error {}
