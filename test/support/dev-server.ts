// Mounts the local registry (/registry/v0) and the proxy in front of it (/api) on the test runner's
// dev server, so component tests load real, schema-valid data through the real proxy over HTTP.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalRegistry, LOCAL_DEFAULTS } from '../../src/local-registry/index.js';
import { createProxy } from '../../src/proxy/index.js';
import { toWebRequest, writeWebResponse } from '../../src/proxy/node.js';

export function registryStack() {
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS, basePath: '/registry/v0' });
  const proxy = createProxy({
    apiUrl: 'http://registry.test/registry/v0',
    clientSecret: LOCAL_DEFAULTS.clientSecret,
    accessToken: LOCAL_DEFAULTS.accessToken,
    basePath: '/api',
    cacheTtl: 0,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => registry.handler(new Request(input, init)),
  });
  return { registry, proxy };
}

interface KoaContext {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond: boolean;
}

/** A Koa middleware for @web/dev-server that answers /api/* and /registry/v0/*. */
export function registryMiddleware() {
  const { registry, proxy } = registryStack();
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    const handler = ctx.path.startsWith('/api/') ? proxy : ctx.path.startsWith('/registry/v0/') ? registry.handler : undefined;
    if (!handler) return next();
    ctx.respond = false;
    await writeWebResponse(await handler(await toWebRequest(ctx.req)), ctx.res);
  };
}
