#!/usr/bin/env node
import { ConfigError, loadConfig, readFlag } from './config.js';
import { serve } from '../server/node.js';
import { createProxy } from './handler.js';
import type { RequestLogEntry } from './metrics.js';

const NAME = 'isometric-widgets-proxy';

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535) throw new ConfigError(`PORT must be a port number from 0 to 65535 (got "${value}").`);
  return parsed;
}

async function main(): Promise<void> {
  let config;
  let options;
  let logging;
  try {
    config = loadConfig(process.env);
    options = { port: port(process.env['PORT']), host: process.env['HOST'] || '127.0.0.1' };
    logging = readFlag(process.env, 'ISOMETRIC_LOG', true);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${NAME}: ${error.message}\n`);
    process.exit(1);
  }
  // One JSON line per request on stdout (ISOMETRIC_LOG=false turns it off).
  const log = logging ? (entry: RequestLogEntry) => void process.stdout.write(`${JSON.stringify(entry)}\n`) : undefined;
  const server = await serve(createProxy({ ...config, ...(log ? { log } : {}) }), options);
  process.stdout.write(`${NAME} listening on ${server.url}${config.basePath}/ (upstream ${config.apiUrl})\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close());
}

await main();
