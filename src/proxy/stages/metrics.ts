/**
 * `{base}/metrics`: Prometheus counters, served by the proxy itself outside the rate limit, except that
 * a request without the right token counts against the read limit (it may be guessing).
 */
import { sameDigest, sha256 } from '../../server/digest.js';
import type { Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { ProxyConfig } from '../settings.js';
import { ownPath } from './health.js';
import type { Limits } from './rate-limit.js';

/**
 * Serves `metrics` at `/metrics` (only to `Authorization: Bearer <metricsToken>` when that is set);
 * without `metrics` the path is left to the router, which knows no such operation.
 */
export function metricsEndpoint(config: ProxyConfig, metrics: Metrics | undefined, limits: Limits): Stage {
  let expected: Promise<Uint8Array> | undefined;

  /**
   * Checks `Authorization: Bearer <metricsToken>`: `ok`, `missing` (no bearer credential) or `invalid`.
   * Compares SHA-256 digests, so neither the token's length nor the position of a first difference
   * shows in the time taken.
   */
  async function checkToken(request: Request, token: string): Promise<'ok' | 'missing' | 'invalid'> {
    const presented = /^Bearer +([\x21-\x7e]+) *$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const [wanted, given] = await Promise.all([(expected ??= sha256(token)), sha256(presented ?? '')]);
    if (presented === undefined) return 'missing';
    return sameDigest(wanted, given) ? 'ok' : 'invalid';
  }

  return async (context, next) => {
    if (context.path !== '/metrics' || !metrics) return next();
    ownPath(context, 'metrics');
    const token = config.metricsToken === undefined ? 'ok' : await checkToken(context.request, config.metricsToken);
    if (token !== 'ok') {
      limits.spend('read', context);
      // RFC 6750 §3: name the error only when a bearer token was presented.
      const challenge = token === 'invalid' ? 'Bearer error="invalid_token"' : 'Bearer';
      throw new ProxyError('unauthorized', '/metrics needs Authorization: Bearer with the proxy\u2019s metrics token.', { headers: { 'www-authenticate': challenge } });
    }
    return new Response(metrics.render(), {
      status: 200,
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
    });
  };
}
