#!/usr/bin/env node
/** `isometric-widgets-proxy`: the proxy over HTTP, configured by the variables of settings.ts. */
import { serve } from '../server/node.js';
import { ConfigError, loadConfig, loadServerSettings } from './config.js';
import { createProxy } from './handler.js';
import type { RequestLogEntry } from './metrics.js';

const NAME = 'isometric-widgets-proxy';

async function main(): Promise<void> {
  let config;
  let settings;
  try {
    config = loadConfig(process.env);
    settings = loadServerSettings(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${NAME}: ${error.message}\n`);
    process.exit(1);
  }
  // One JSON line per request on stdout (ISOMETRIC_LOG=false turns it off).
  const log = settings.log ? (entry: RequestLogEntry) => void process.stdout.write(`${JSON.stringify(entry)}\n`) : undefined;
  const server = await serve(createProxy({ ...config, ...(log ? { log } : {}) }), settings);
  process.stdout.write(`${NAME} listening on ${server.url}${config.basePath}/ (upstream ${config.apiUrl})\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close());
}

await main();
