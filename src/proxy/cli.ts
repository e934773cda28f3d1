#!/usr/bin/env node
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, readFlag } from './config.js';
import { createProxy, type ProxyHandler } from './handler.js';
import type { RequestLogEntry } from './metrics.js';
import { toNodeListener } from './node.js';

const NAME = 'isometric-widgets-proxy';

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535) throw new ConfigError(`PORT must be a port number from 0 to 65535 (got "${value}").`);
  return parsed;
}

/** Serves the proxy; node.ts's listener gives it each connection's peer address for the rate limits. */
async function listen(proxy: ProxyHandler, options: { port: number; host: string }): Promise<{ url: string; close: () => void }> {
  const listener = toNodeListener(proxy);
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
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
  const server = await listen(createProxy({ ...config, ...(log ? { log } : {}) }), options);
  process.stdout.write(`${NAME} listening on ${server.url}${config.basePath}/ (upstream ${config.apiUrl})\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close());
}

await main();
