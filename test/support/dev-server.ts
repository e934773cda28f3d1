// Mounts the local registry (/registry/v0) and the proxy in front of it (/api) on the test runner's
// dev server, so component tests load real, schema-valid data through the real proxy over HTTP; and,
// at /faulty-api/<fault>, the real proxy in front of a deliberately misbehaving upstream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalRegistry, LOCAL_DEFAULTS, type LocalRegistry } from '../../src/local-registry/index.js';
import { createProxy, type ProxyHandler } from '../../src/proxy/index.js';
import { toWebRequest, writeWebResponse } from '../../src/proxy/node.js';
import { FAULTY_MAX_BYTES, faultyUpstream, upstreamFault, type UpstreamFault } from './faulty-upstream.js';

/**
 * Checkout through the test proxy: enabled, in dev mode so the dev server's http://localhost return
 * URLs (allowed per Host, below) and the local simulator's http redirect pass, with a rate limit no
 * test run reaches.
 */
export const TEST_CHECKOUT = {
  redirectHosts: ['checkout.stripe.com', 'localhost', '127.0.0.1'],
  rateLimitPerMinute: 100_000,
} as const;

function proxyFor(registry: LocalRegistry, origin: string): ProxyHandler {
  const port = new URL(origin).port;
  const local = (host: string) => `http://${host}${port ? `:${port}` : ''}/`;
  return createProxy({
    apiUrl: `${origin}/registry/v0`,
    clientSecret: LOCAL_DEFAULTS.clientSecret,
    accessToken: LOCAL_DEFAULTS.accessToken,
    basePath: '/api',
    cacheTtl: 0,
    // With no cache every read is a miss; the tests share one loopback address.
    readMissRateLimitPerMinute: 0,
    dev: true,
    // Pages of this server may come back to any path of it, by either local name.
    checkout: { ...TEST_CHECKOUT, urls: [local('localhost'), local('127.0.0.1')] },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => registry.handler(new Request(input, init)),
  });
}

/** A local registry and a proxy in front of it; `origin` is where the registry appears to be served. */
export function registryStack(origin = 'http://registry.test') {
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS, basePath: '/registry/v0' });
  return { registry, proxy: proxyFor(registry, origin) };
}

/** Where the fault proxies are mounted: `/faulty-api/<fault>/…` is the proxy in front of that fault. */
const FAULTY_API = '/faulty-api';

/** The deadline of the proxies in front of the faults that never finish an answer. */
const FAULTY_TIMEOUT_MS = 300;

/**
 * The proxy in front of one fault of the faulty upstream (test/support/faulty-upstream.ts), set up
 * so the fault reaches the browser as it is: no cache, no stale copy, no retry, no rate limit.
 */
function faultyProxyFor(origin: string, fault: UpstreamFault): ProxyHandler {
  const hangs = fault === 'never' || fault === 'trickle';
  return createProxy({
    apiUrl: `${origin}/${fault}/registry/v0`,
    clientSecret: LOCAL_DEFAULTS.clientSecret,
    accessToken: LOCAL_DEFAULTS.accessToken,
    basePath: `${FAULTY_API}/${fault}`,
    cacheTtl: 0,
    staleIfError: 0,
    upstreamRetries: 0,
    // The faults that answer at once get a deadline a loaded machine never meets, so they never time out instead.
    upstreamTimeoutMs: hangs ? FAULTY_TIMEOUT_MS : 10_000,
    upstreamMaxBytes: FAULTY_MAX_BYTES,
    readRateLimitPerMinute: 0,
    readMissRateLimitPerMinute: 0,
  });
}

/** The fault proxy a path names (one per fault, made on first use), or undefined. */
function faultyProxies(): (path: string) => Promise<ProxyHandler | undefined> {
  const proxies = new Map<UpstreamFault, ProxyHandler>();
  return async (path) => {
    const fault = path.startsWith(`${FAULTY_API}/`) ? upstreamFault(path.slice(FAULTY_API.length + 1).split('/')[0] ?? '') : undefined;
    if (!fault) return undefined;
    let proxy = proxies.get(fault);
    if (!proxy) {
      proxy = faultyProxyFor(await faultyUpstream(), fault);
      proxies.set(fault, proxy);
    }
    return proxy;
  };
}

interface KoaContext {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond: boolean;
}

/** A Koa middleware for @web/dev-server that answers /api/*, /registry/v0/* and /faulty-api/<fault>/*. */
export function registryMiddleware() {
  const { registry, proxy: fallback } = registryStack();
  // The registry builds checkout redirect URLs from the origin the proxy calls it at: one proxy per
  // Host, so a redirect points back at this dev server (its port is only known per request).
  const proxies = new Map<string, ProxyHandler>();
  const proxyForHost = (host: string | undefined): ProxyHandler => {
    if (!host || !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host)) return fallback;
    let proxy = proxies.get(host);
    if (!proxy) {
      proxy = proxyFor(registry, `http://${host}`);
      proxies.set(host, proxy);
    }
    return proxy;
  };
  const faultyProxy = faultyProxies();
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    const handler = ctx.path.startsWith('/api/')
      ? proxyForHost(ctx.req.headers.host)
      : ctx.path.startsWith('/registry/v0/')
        ? registry.handler
        : await faultyProxy(ctx.path);
    if (!handler) return next();
    ctx.respond = false;
    await writeWebResponse(await handler(await toWebRequest(ctx.req)), ctx.res);
  };
}
