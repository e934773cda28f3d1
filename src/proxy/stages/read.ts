/** Allowlisted reads: served through the cache, tagged, and answered with 304 when the client has them. */
import { notModified } from '../../server/conditional.js';
import type { Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import type { Reads } from '../reads.js';
import type { Scope } from '../scope.js';
import type { ProxyConfig } from '../settings.js';
import type { Limits } from './rate-limit.js';
import { answer } from '../upstream.js';

/** Answers a `GET` (or `HEAD`) target, once its parent record passes `scope` (check 4); anything else goes on. */
export function read(config: ProxyConfig, reads: Reads, scope?: Scope, limits?: Limits): Stage {
  const ttl = config.cacheTtl;
  const staleIfError = config.staleIfError > 0 ? `, stale-if-error=${config.staleIfError}` : '';
  const cacheControl = ttl > 0 ? `public, max-age=${ttl}, stale-while-revalidate=${ttl * 5}${staleIfError}` : 'no-store';
  return async (context, next) => {
    const { target } = context;
    if (!target || target.operation.method !== 'GET') return next();
    // What the cache cannot answer costs the shared credentials an upstream call: a budget per client.
    const spendMiss = limits && (() => limits.spend('miss', context));
    const parent = scope?.parentOf(target.operation, target.path);
    if (parent) {
      // Check 4 of scope.ts: the parent record's verdict, never its body.
      const checked = await reads(parent.operation, parent.path, context.info, spendMiss);
      if (checked.served instanceof ProxyError) throw checked.served;
      if ('outOfScope' in checked.served && checked.served.outOfScope) throw new ProxyError('out_of_scope', 'The record this belongs to is outside this proxy\u2019s scope.');
    }
    const { served, cache, age, attempts } = await reads(target.operation, `${target.path}${target.query}`, context.info, spendMiss);
    context.cache = cache;
    if (attempts !== undefined) context.attempts = attempts;
    const headers: Record<string, string> = { 'x-cache': cache };
    if (served instanceof ProxyError) throw served.withHeaders(headers);
    if ('outOfScope' in served && served.outOfScope) throw new ProxyError('out_of_scope', 'The answer includes records outside this proxy\u2019s scope.');
    const success = served.status >= 200 && served.status < 300;
    if (success) headers['cache-control'] = cache === 'STALE' ? 'no-store' : cacheControl;
    if (cache === 'STALE' && age !== undefined) headers['x-isometric-stale'] = String(Math.max(0, Math.floor(age / 1000)));
    const unchanged = success && served.etag ? notModified(context.request, served.etag, { etag: served.etag, ...headers }) : undefined;
    return unchanged ?? answer(served, headers);
  };
}
