// A deliberately misbehaving Registry API on loopback, for the browser fault suite: the first path
// segment names the fault (`/never/registry/v0/projects/…`). It runs inside the test runner's Node
// process, starts on first use, and never keeps that process alive. Where it sends a body, the body
// carries the credentials it received, so a proxy that passed an upstream body on would leak them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every fault, named as the upstream's first path segment. */
export const UPSTREAM_FAULTS = [
  'never',
  'trickle',
  'reset',
  'reset-mid-body',
  'status-500',
  'status-503',
  'rate-limited',
  'html',
  'malformed-json',
  'oversized',
  'wrong-shape',
] as const;

export type UpstreamFault = (typeof UPSTREAM_FAULTS)[number];

/** Largest body the proxies in front of this upstream accept; `oversized` sends twice as much. */
export const FAULTY_MAX_BYTES = 64 * 1024;

/** The `Retry-After` that `rate-limited` sends. */
export const FAULTY_RETRY_AFTER = '7';

const JSON_TYPE = { 'content-type': 'application/json' };

type Fault = (req: IncomingMessage, res: ServerResponse) => void;

/** The credentials a request carried, as the upstream's answers repeat them. */
function echo(req: IncomingMessage): string {
  return `${req.headers['x-client-secret'] ?? ''} ${req.headers.authorization ?? ''}`;
}

function status(code: number, headers: Record<string, string> = {}): Fault {
  return (req, res) => res.writeHead(code, { ...JSON_TYPE, 'x-upstream-echo': echo(req), ...headers }).end(JSON.stringify({ detail: `failed for ${echo(req)}` }));
}

/** A JSON array of strings, `bytes` long, written in chunks so it arrives without a length. */
function streamArray(res: ServerResponse, bytes: number): void {
  const item = `"${'x'.repeat(1022)}",`;
  res.write('[');
  for (let written = 1; written < bytes; written += item.length) res.write(item);
  res.end('"x"]');
}

const FAULTS: Record<UpstreamFault, Fault> = {
  never: () => {},
  trickle: (_req, res) => {
    res.writeHead(200, JSON_TYPE);
    res.write('{"nodes":[');
    const timer = setInterval(() => res.write(' '), 50);
    timer.unref();
    res.on('close', () => clearInterval(timer));
  },
  reset: (req) => req.socket.destroy(),
  'reset-mid-body': (req, res) => {
    res.writeHead(200, { ...JSON_TYPE, 'content-length': '1000' });
    res.write('{"nodes":[');
    setImmediate(() => req.socket.destroy());
  },
  'status-500': status(500),
  'status-503': status(503),
  'rate-limited': status(429, { 'retry-after': FAULTY_RETRY_AFTER }),
  html: (req, res) =>
    res
      .writeHead(502, { 'content-type': 'text/html; charset=utf-8', 'x-upstream-echo': echo(req) })
      .end(`<!doctype html><html><head><title>502</title></head><body><h1>Bad gateway</h1><p>${echo(req)}</p><script>window.__leaked = 1</script></body></html>`),
  'malformed-json': (req, res) => res.writeHead(200, JSON_TYPE).end(`{"detail":"${echo(req)}","nodes":[{"id":"prj_`),
  oversized: (_req, res) => {
    res.writeHead(200, JSON_TYPE);
    streamArray(res, 2 * FAULTY_MAX_BYTES);
  },
  'wrong-shape': (_req, res) => res.writeHead(200, JSON_TYPE).end('[]'),
};

function isFault(name: string): name is UpstreamFault {
  return (UPSTREAM_FAULTS as readonly string[]).includes(name);
}

async function start(): Promise<string> {
  const server = createServer((req, res) => {
    // One connection per request: nothing lingers in a client's pool after a fault.
    res.shouldKeepAlive = false;
    // The proxy hangs up on faults mid-answer; a write after that must not become an uncaught error.
    res.on('error', () => {});
    req.resume();
    const name = (req.url ?? '/').split('/')[1] ?? '';
    if (isFault(name)) FAULTS[name](req, res);
    else res.writeHead(404, JSON_TYPE).end('{"detail":"Not Found"}');
  });
  // Neither the server nor a hung connection (`never`) may keep the test runner alive.
  server.on('connection', (socket) => socket.unref());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  process.once('exit', () => {
    server.closeAllConnections();
    server.close();
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Node loads its fetch implementation on first use: done here, outside the deadlines under test.
  await (await fetch(`${origin}/warm-up`)).arrayBuffer();
  return origin;
}

let started: Promise<string> | undefined;

/** The faulty upstream's origin (`http://127.0.0.1:<port>`); starts it on first use. */
export function faultyUpstream(): Promise<string> {
  started ??= start().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}

/** The fault a path segment names, or undefined. */
export function upstreamFault(name: string): UpstreamFault | undefined {
  return isFault(name) ? name : undefined;
}
