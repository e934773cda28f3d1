#!/usr/bin/env node
/**
 * `isometric-widgets-registry`: serves the local registry over HTTP.
 *
 * Environment: PORT (default 8788), HOST (default 127.0.0.1), ISOMETRIC_CLIENT_SECRET (default
 * `local-client-secret`), ISOMETRIC_ACCESS_TOKEN (default `local-access-token`).
 */
import { serve } from '../server/node.js';
import { createLocalRegistry, DEFAULT_BASE_PATH, LOCAL_DEFAULTS } from './registry.js';

const DEFAULT_PORT = 8788;
const DEFAULT_HOST = '127.0.0.1';

/** The CLI's settings, read from an environment; throws an Error naming the variable at fault. */
function readCliConfig(env: Record<string, string | undefined>): { port: number; host: string; clientSecret: string; accessToken: string } {
  const rawPort = env['PORT'];
  const port = rawPort === undefined || rawPort === '' ? DEFAULT_PORT : Number(rawPort);
  if (!/^\d*$/.test(rawPort ?? '') || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(rawPort)}`);
  }
  return {
    port,
    host: env['HOST'] || DEFAULT_HOST,
    clientSecret: env['ISOMETRIC_CLIENT_SECRET'] || LOCAL_DEFAULTS.clientSecret,
    accessToken: env['ISOMETRIC_ACCESS_TOKEN'] || LOCAL_DEFAULTS.accessToken,
  };
}

async function main(): Promise<void> {
  let config: ReturnType<typeof readCliConfig>;
  try {
    config = readCliConfig(process.env);
  } catch (error) {
    console.error(`isometric-widgets-registry: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  const registry = createLocalRegistry({ clientSecret: config.clientSecret, accessToken: config.accessToken });
  const { url } = await serve(registry.handler, { port: config.port, host: config.host });
  console.log(`Local Isometric registry listening on ${url}${DEFAULT_BASE_PATH}`);
}

await main();
