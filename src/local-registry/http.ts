/** Response helpers: FastAPI's JSON error shapes, always with `content-type: application/json`. */
import type { ValidationError } from './types.js';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A strong entity tag for a body: base64url of its SHA-256. */
export async function strongEtag(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}

/** Whether an `If-None-Match` header matches an entity tag (RFC 9110 §13.1.2: weak comparison, `*` matches any). */
function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * A 200 JSON answer to a read with a strong `ETag`, or 304 without a body when the request's
 * `If-None-Match` matches it: what a proxy in front needs to revalidate what it cached.
 */
export async function taggedJson(request: Request, body: unknown): Promise<Response> {
  const text = JSON.stringify(body);
  const etag = await strongEtag(text);
  if (matchesIfNoneMatch(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: { etag } });
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
