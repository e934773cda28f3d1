/** Conditional requests (RFC 9110 §13). No Node APIs: this file runs at the edge. */

/** `If-None-Match` against an entity tag, with the weak comparison RFC 9110 §13.1.2 prescribes; `*` matches any. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/**
 * A bodiless 304 carrying `headers` (which should name the `etag`) when the request's `If-None-Match`
 * matches `etag`, else `undefined`.
 */
export function notModified(request: Request, etag: string, headers: ResponseInit['headers']): Response | undefined {
  return matchesIfNoneMatch(request.headers.get('if-none-match'), etag) ? new Response(null, { status: 304, headers }) : undefined;
}
