/** Checks on the request itself, before any routing: size, target form, mount point, encoding, overrides. */
import type { Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import type { ProxyConfig } from '../settings.js';

/** Longest request target (path and query) served; longer ones get 414. */
export const MAX_TARGET_LENGTH = 2048;
/** Largest total of request header names and values (cookies aside); more gets 431. */
const MAX_HEADER_BYTES = 8 * 1024;
const METHOD_OVERRIDES = ['x-http-method-override', 'x-http-method', 'x-method-override'];

/**
 * The size of the request's headers, without `Cookie`: the proxy never reads or forwards cookies, and a
 * site that mounts it on its own origin may carry large ones (the server still caps the total).
 */
function headerBytes(headers: Headers): number {
  let total = 0;
  headers.forEach((value, name) => {
    if (name !== 'cookie') total += name.length + value.length + 4;
  });
  return total;
}

/** A Host header's shape: a name or an IPv4 or bracketed IPv6 address, and an optional port; no user-info. */
const HOST = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function sameHost(url: URL, host: string | null): boolean {
  if (host === null) return true;
  // `user@evil` would parse as the host `evil`: a Host header is never allowed user-info.
  if (!HOST.test(host)) return false;
  try {
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

/** Whether every percent-escape in the query decodes as UTF-8 (`%FF`, `%zz` and lone `%` do not). */
function wellEncoded(search: string): boolean {
  if (!search.includes('%')) return true;
  for (const part of search.slice(1).split(/[&=]/)) {
    if (!part.includes('%')) continue;
    try {
      decodeURIComponent(part);
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether a path has a segment that could steer the upstream path: empty, dot, encoded or backslash. */
function unsafePath(path: string): boolean {
  if (path.includes('%') || path.includes('\\')) return true;
  return path.slice(1).split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
}

/** The path below `basePath`, or `undefined` when the request is not under it. */
function stripBase(pathname: string, basePath: string): string | undefined {
  if (basePath === '') return pathname;
  if (pathname === basePath) return '/';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
}

/** 414 for a long target, 431 for large headers, 400 for an absolute-form target, 404 outside the base path; sets `path`. */
export function guards(config: ProxyConfig): Stage {
  return async (context, next) => {
    const { url, request } = context;
    if (url.pathname.length + url.search.length > MAX_TARGET_LENGTH) {
      throw new ProxyError('uri_too_long', `The request target must be at most ${MAX_TARGET_LENGTH} characters.`);
    }
    if (headerBytes(request.headers) > MAX_HEADER_BYTES) throw new ProxyError('headers_too_large', `The request headers must total at most ${MAX_HEADER_BYTES} bytes.`);
    // An absolute-form request target (`GET http://evil.com/x`) shows up as a URL whose host is not the Host header.
    if (!sameHost(url, request.headers.get('host'))) throw new ProxyError('bad_path', 'The request target must be a path on this host, not an absolute URL.');
    // `//x` and `/\` (which a URL parser reads as `//`) are refused as paths, wherever the proxy is mounted.
    if (url.pathname.startsWith('//')) throw new ProxyError('bad_path', 'The path contains empty, dot, encoded or backslash segments.');
    const path = stripBase(url.pathname, config.basePath);
    if (path === undefined || path === '/') throw new ProxyError('not_found', `Nothing is served at ${url.pathname}.`);
    context.path = path;
    return next();
  };
}

/** 400 for a query that is not UTF-8, a method override, or a path that could steer the upstream's. */
export function hygiene(): Stage {
  return async (context, next) => {
    const { url, request } = context;
    if (!wellEncoded(url.search)) throw new ProxyError('invalid_encoding', 'The query string must be percent-encoded UTF-8.');
    if (METHOD_OVERRIDES.some((name) => request.headers.has(name)) || url.searchParams.has('_method')) {
      throw new ProxyError('method_override', 'Method overrides (X-HTTP-Method-Override, _method) are not accepted; send the real method.');
    }
    if (unsafePath(context.path)) throw new ProxyError('bad_path', 'The path contains empty, dot, encoded or backslash segments.');
    return next();
  };
}
