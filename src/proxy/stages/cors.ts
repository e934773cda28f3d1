/** CORS: the allow-origin headers on every answer but `/metrics`, and preflight answers. */
import type { Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import type { ProxyConfig } from '../settings.js';

const EXPOSED_HEADERS = 'retry-after, x-cache, x-isometric-stale';
const PREFLIGHT_MAX_AGE = '600';

function isAllowedOrigin(config: ProxyConfig, origin: string | null): origin is string {
  return origin !== null && (config.allowedOrigins === '*' || config.allowedOrigins.includes(origin));
}

function corsHeaders(config: ProxyConfig, origin: string | null): Record<string, string> {
  if (config.allowedOrigins === '*') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS };
  if (config.allowedOrigins.length === 0) return {};
  // The answer depends on Origin, so shared caches must key on it.
  const headers: Record<string, string> = { vary: 'Origin' };
  if (isAllowedOrigin(config, origin)) Object.assign(headers, { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS });
  return headers;
}

/** Adds the CORS headers for the request's `Origin` to the answer; never reflects an origin that is not allowed. */
export function cors(config: ProxyConfig): Stage {
  return async (context, next) => {
    const response = await next();
    // The counters are for a scraper, not for pages: no origin may read them, with or without a token.
    if (context.operation === 'metrics') return response;
    for (const [name, value] of Object.entries(corsHeaders(config, context.request.headers.get('origin')))) response.headers.set(name, value);
    return response;
  };
}

/** Answers `OPTIONS` on a matched path: a preflight from an allowed origin, or a plain `Allow` list. */
export function preflight(config: ProxyConfig): Stage {
  return async (context, next) => {
    const { request, route } = context;
    if (request.method !== 'OPTIONS' || !route) return next();
    const { methods } = route;
    const origin = request.headers.get('origin');
    if (!request.headers.has('access-control-request-method')) return new Response(null, { status: 204, headers: { allow: [...methods, 'OPTIONS'].join(', ') } });
    if (!isAllowedOrigin(config, origin)) throw new ProxyError('origin_not_allowed', `The origin ${origin ?? '(none)'} is not allowed to call this proxy.`);
    if (methods.length === 0) throw new ProxyError('operation_not_allowed', `No operation on ${route.route.template} is allowed by this proxy.`);
    return new Response(null, {
      status: 204,
      headers: {
        'access-control-allow-methods': methods.join(', '),
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': PREFLIGHT_MAX_AGE,
      },
    });
  };
}
