/**
 * The proxy as a Worker (workerd, Cloudflare Workers): `export default { fetch }`. The configuration
 * comes from the Worker's bindings under the same names as the environment variables the CLI reads
 * (`ISOMETRIC_API_URL`, `ISOMETRIC_CLIENT_SECRET`, …); the proxy is built once per isolate, on the
 * first request, so its cache, rate limits and metrics live as long as the isolate.
 *
 * - `ISOMETRIC_LOG=false` silences the per-request JSON log line (on by default, as in the CLI).
 * - The client address for the rate limits is `CF-Connecting-IP`, which Cloudflare's edge sets. A
 *   self-hosted workerd that faces clients directly must have something in front that sets it (or
 *   use `ISOMETRIC_TRUST_PROXY` with `X-Forwarded-For`), or clients can pick their own address.
 * - Cache writes to `caches.default` run under `ctx.waitUntil`.
 * - Set `ISOMETRIC_METRICS_TOKEN` as a secret (`wrangler secret put`), not a plain variable, like the
 *   upstream credentials.
 *
 * Build: `node --import tsx scripts/build-worker.ts` (esbuild, to `dist/worker/worker.js`);
 * run: `npx workerd serve workerd/config.capnp`.
 */
import { ConfigError, loadConfig, readFlag } from './config.js';
import { createProxy, type ProxyHandler } from './handler.js';

/** The part of the Worker's execution context the proxy uses. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** Bindings: text bindings are strings; anything else (services, KV, …) is ignored. */
export type WorkerEnv = Record<string, unknown>;

function build(env: WorkerEnv): { proxy: ProxyHandler } | { failure: string } {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') strings[name] = value;
  try {
    const config = loadConfig(strings);
    const log = readFlag(strings, 'ISOMETRIC_LOG', true);
    return { proxy: createProxy({ ...config, ...(log ? { log: (entry) => console.log(JSON.stringify(entry)) } : {}) }) };
  } catch (error) {
    // ConfigError messages name the variable and never echo a secret; anything else is not ours to print.
    return { failure: error instanceof ConfigError ? error.message : 'the proxy could not be built' };
  }
}

/** A Worker whose proxy is built on its first request; the default export is one. */
export function createWorker(report: (message: string) => void = (message) => console.error(message)) {
  let built: { proxy: ProxyHandler } | { failure: string } | undefined;
  return {
    async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
      built ??= build(env);
      if ('failure' in built) {
        report(`isometric-widgets-proxy: ${built.failure}`);
        return Response.json(
          { error: 'internal_error', message: 'The proxy is misconfigured; its log names the setting at fault.' },
          { status: 500, headers: { 'cache-control': 'no-store' } },
        );
      }
      const address = request.headers.get('cf-connecting-ip') ?? undefined;
      return built.proxy(request, { ...(address ? { clientAddress: address } : {}), waitUntil: (promise) => ctx.waitUntil(promise) });
    },
  };
}

export default createWorker();
