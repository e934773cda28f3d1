/** Response helpers: FastAPI's JSON error shapes, always with `content-type: application/json`. */
import type { ValidationError } from './types.js';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
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
