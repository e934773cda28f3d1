#!/usr/bin/env node
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { createProxy, type ProxyHandler } from './handler.js';
import { toNodeListener } from './node.js';

const NAME = 'isometric-widgets-proxy';

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535) throw new ConfigError(`PORT must be a port number from 0 to 65535 (got "${value}").`);
  return parsed;
}

/** Serves the proxy, giving it each connection's peer address for the checkout rate limit. */
async function listen(proxy: ProxyHandler, options: { port: number; host: string }): Promise<{ url: string; close: () => void }> {
  // node.ts's listener passes only the Request; wrap per request to add the socket's address.
  const server = createServer((req, res) => {
    void toNodeListener((request) => proxy(request, { ...(req.socket.remoteAddress ? { clientAddress: req.socket.remoteAddress } : {}) }))(req, res);
  });
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
  try {
    config = loadConfig(process.env);
    options = { port: port(process.env['PORT']), host: process.env['HOST'] || '127.0.0.1' };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${NAME}: ${error.message}\n`);
    process.exit(1);
  }
  const server = await listen(createProxy(config), options);
  process.stdout.write(`${NAME} listening on ${server.url}${config.basePath}/ (upstream ${config.apiUrl})\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close());
}

await main();
