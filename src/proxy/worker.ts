/**
 * The proxy as a Worker (workerd, Cloudflare Workers): `export default { fetch }`. The configuration
 * comes from the Worker's bindings under the same names as the environment variables the CLI reads
 * (`ISOMETRIC_API_URL`, `ISOMETRIC_CLIENT_SECRET`, …); the proxy is built once per isolate, on the
 * first request, so its cache, rate limits and metrics live as long as the isolate.
 *
 * - `ISOMETRIC_LOG=false` silences the per-request JSON log line (on by default, as in the CLI).
 * - The client address for the rate limits comes from `ISOMETRIC_TRUST_PROXY`, which here takes three
 *   values. Unset (or `cloudflare`): `CF-Connecting-IP`, which Cloudflare's edge sets and overwrites; a
 *   self-hosted workerd must sit behind a proxy that does the same, or clients pick their own address.
 *   `true`: the first `X-Forwarded-For` entry, for a workerd behind a load balancer that sets it
 *   (`CF-Connecting-IP` is then ignored). `false`: neither header; the address is unknown, so reads
 *   are not rate-limited and checkout creations share one budget.
 * - Cache writes to `caches.default` run under `ctx.waitUntil`.
 * - Set `ISOMETRIC_METRICS_TOKEN` as a secret (`wrangler secret put`), not a plain variable, like the
 *   upstream credentials.
 *
 * Build: `node --import tsx scripts/build-worker.ts` (esbuild, to `dist/worker/worker.js`);
 * run: `npx workerd serve workerd/config.capnp`.
 */
import { ConfigError, loadConfig, readFlag } from './config.js';
import { createProxy, type ProxyHandler } from './handler.js';
import { SETTINGS } from './settings.js';

/** The part of the Worker's execution context the proxy uses. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** Bindings: text bindings are strings; anything else (services, KV, …) is ignored. */
export type WorkerEnv = Record<string, unknown>;

/** Where the client address comes from: `CF-Connecting-IP`, `X-Forwarded-For` (via `trustProxy`), or nowhere. */
type Trust = 'cloudflare' | 'forwarded' | 'none';

type Built = { proxy: ProxyHandler; trust: Trust } | { failure: string };

/** Reads `ISOMETRIC_TRUST_PROXY` as the Worker understands it (see the module comment). */
function readTrust(value: string | undefined): Trust {
  const normalised = value?.trim().toLowerCase() ?? '';
  if (normalised === '' || normalised === 'cloudflare') return 'cloudflare';
  if (normalised === 'true') return 'forwarded';
  if (normalised === 'false') return 'none';
  throw new ConfigError(`ISOMETRIC_TRUST_PROXY must be "cloudflare", "true" or "false" in a Worker (got "${value}").`);
}

function build(env: WorkerEnv): Built {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') strings[name] = value;
  try {
    const trust = readTrust(strings['ISOMETRIC_TRUST_PROXY']);
    // The handler itself only knows X-Forwarded-For; CF-Connecting-IP is read below, per request.
    const config = loadConfig({ ...strings, ISOMETRIC_TRUST_PROXY: String(trust === 'forwarded') });
    const log = readFlag(strings, SETTINGS.log.env, SETTINGS.log.default);
    return { proxy: createProxy({ ...config, ...(log ? { log: (entry) => console.log(JSON.stringify(entry)) } : {}) }), trust };
  } catch (error) {
    // ConfigError messages name the variable and never echo a secret; anything else is not ours to print.
    return { failure: error instanceof ConfigError ? error.message : 'the proxy could not be built' };
  }
}

/** A Worker whose proxy is built on its first request; the default export is one. */
export function createWorker(report: (message: string) => void = (message) => console.error(message)) {
  let built: Built | undefined;
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
      const address = built.trust === 'cloudflare' ? (request.headers.get('cf-connecting-ip') ?? undefined) : undefined;
      return built.proxy(request, { ...(address ? { clientAddress: address } : {}), waitUntil: (promise) => ctx.waitUntil(promise) });
    },
  };
}

export default createWorker();
