/** `{base}/healthz`: answered by the proxy itself, outside the rate limit. */
import type { ProxyContext, Stage } from '../context.js';
import { JSON_HEADERS, ProxyError } from '../errors.js';

/** Marks a request for one of the proxy's own paths and refuses methods other than GET and HEAD. */
export function ownPath(context: ProxyContext, name: 'healthz' | 'metrics'): void {
  context.operation = name;
  const { method } = context.request;
  if (method !== 'GET' && method !== 'HEAD') throw new ProxyError('method_not_allowed', `${method} is not allowed on /${name}.`, { headers: { allow: 'GET, HEAD' } });
}

/** `GET {base}/healthz` answers `{"ok":true}`. */
export function health(): Stage {
  return async (context, next) => {
    if (context.path !== '/healthz') return next();
    ownPath(context, 'healthz');
    return new Response(JSON.stringify({ ok: true }), { status: 200, headers: JSON_HEADERS });
  };
}
