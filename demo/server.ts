// The demo: one Node process serving the demo pages at /, the built bundle at /dist/, the proxy at
// /api/ and the embedded local registry at /registry/v0/. Set ISOMETRIC_API_URL (with the secret and
// token) to put the proxy in front of the real Registry API instead.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalRegistry, LOCAL_DEFAULTS } from '../src/local-registry/index.js';
import { ConfigError, createProxy, loadConfig, type ProxyOptions } from '../src/proxy/index.js';
import { withEmbeds } from '../src/proxy/embed.js';
import { serve, type FetchHandler } from '../src/proxy/node.js';
import { serveFile } from './static.js';

/** The package root: the nearest folder up from this file with a package.json (works from src and dist). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return dir;
}

export interface DemoServerOptions {
  port: number;
  host?: string;
  env?: Record<string, string | undefined>;
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Starts the demo server; resolves with its URL once it listens. */
export async function startDemoServer(options: DemoServerOptions) {
  const root = packageRoot();
  const env = options.env ?? process.env;
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS, basePath: '/registry/v0' });
  // The proxy is built once the server listens, because checkout's allowed URLs need the port.
  const mounted: { proxy?: FetchHandler } = {};

  const handler: FetchHandler = async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api' || pathname.startsWith('/api/')) return mounted.proxy ? mounted.proxy(request) : notFound();
    if (pathname.startsWith('/registry/v0/')) return registry.handler(request);
    // A deliberately failing endpoint, so the demo can show the retryable error state.
    if (pathname.startsWith('/demo-faults/')) {
      return Response.json({ error: 'upstream_unavailable', message: 'The demo fault endpoint always fails.' }, { status: 503 });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    if (pathname === '/custom-elements.json') return (await serveFile(root, pathname, request.method)) ?? notFound();
    if (pathname.startsWith('/dist/')) return (await serveFile(join(root, 'dist'), pathname.slice('/dist'.length), request.method)) ?? notFound();
    return (await serveFile(join(root, 'demo'), pathname, request.method)) ?? notFound();
  };

  const server = await serve(handler, { port: options.port, host: options.host });
  const origins = [server.url, server.url.replace('127.0.0.1', 'localhost')];
  const proxyOptions: ProxyOptions = env.ISOMETRIC_API_URL
    ? { ...loadConfig(env), basePath: '/api' }
    : {
        apiUrl: `${server.url}/registry/v0`,
        clientSecret: LOCAL_DEFAULTS.clientSecret,
        accessToken: LOCAL_DEFAULTS.accessToken,
        basePath: '/api',
        cacheTtl: 5,
        // The embedded registry has no upstream quota to protect, and one person clicks through every page.
        readMissRateLimitPerMinute: 0,
        dev: true,
        // The local registry is in this process: call it directly rather than over the network.
        fetch: (input, init) => registry.handler(new Request(input, init)),
        checkout: {
          urls: origins.map((origin) => `${origin}/`),
          redirectHosts: ['localhost', '127.0.0.1'],
          rateLimitPerMinute: 30,
        },
      };
  mounted.proxy = withEmbeds(createProxy(proxyOptions), { basePath: proxyOptions.basePath });
  return { ...server, registry, upstream: env.ISOMETRIC_API_URL || 'the embedded local registry' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rawPort = process.env.PORT ?? '8080';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    console.error(`isometric-widgets demo: PORT must be a port number (0–65535), got "${rawPort}".`);
    process.exit(1);
  }
  try {
    const demo = await startDemoServer({ port, host: process.env.HOST });
    console.log(`isometric-widgets demo: ${demo.url}/  (proxy ${demo.url}/api/ → ${demo.upstream})`);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`isometric-widgets demo: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
