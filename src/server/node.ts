/**
 * The Node adapter: Web `Request`/`Response` ↔ `node:http`, and `serve()`, which both CLIs use.
 * Node-only; everything else in src/server runs at the edge too.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SERVER_LIMITS, type ServerLimits } from './limits.js';

/** A Web-standard fetch handler: the shape every server part of the kit is written in. */
export type FetchHandler = (request: Request, info?: ConnectionInfo) => Promise<Response>;

/** What the adapter knows about the connection (the proxy's `ClientInfo` accepts it). */
export interface ConnectionInfo {
  /** The peer's IP address. */
  readonly clientAddress?: string;
}

/** Hard cap on a request body the adapter will pass on; handlers enforce their own, smaller ones. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Raised while a request body is read: it passed the adapter's cap, or the connection went away. */
export class BodyTooLarge extends RangeError {}

/**
 * The request body as a Web stream, read from the socket only as the handler pulls it (nothing is
 * buffered ahead), and cut with {@link BodyTooLarge} once it passes `max` bytes. GET and HEAD have none.
 */
function bodyStream(req: IncomingMessage, max: number): ReadableStream<Uint8Array> | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  if (req.headers['content-length'] === '0' || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)) return undefined;
  let size = 0;
  const iterator = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await iterator.next();
        if (done) {
          controller.close();
          return;
        }
        size += value.length;
        if (size > max) {
          controller.error(new BodyTooLarge('request body too large'));
          req.destroy();
          return;
        }
        controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.length));
      },
      cancel() {
        void iterator.return?.();
      },
    },
    // One chunk at a time: the socket's own buffer is the only read-ahead.
    { highWaterMark: 0 },
  );
}

/** Methods Node's HTTP parser accepts but a Web `Request` refuses to carry. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Raised for a request that cannot become a Web `Request`; answered as JSON with its status. */
class Unrepresentable extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A Host header's shape: a name or an IPv4 or bracketed IPv6 address, and an optional port; no user-info. */
const HOST = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The request's URL. An origin-form target (`/x`) is appended to the origin, never resolved against
 * it, so `//evil` and `/\\` stay paths for the handler to refuse. A Host header that is not a host
 * (`user@evil`, a port out of range) falls back to `localhost` (handlers compare the two).
 */
function urlOf(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  const given = req.headers.host;
  const hosts = given !== undefined && HOST.test(given) ? [given, 'localhost'] : ['localhost'];
  for (const host of hosts) {
    try {
      return target.startsWith('/') ? new URL(`http://${host}${target}`) : new URL(target, `http://${host}`);
    } catch {
      // Try the next host; a target no host makes valid is refused below.
    }
  }
  throw new Unrepresentable(400, 'bad_path', 'The request target is not a valid URL path.');
}

/**
 * Converts a Node request into a Web `Request` whose body (if any) streams from the socket as the
 * handler reads it, so a handler that refuses early never reads it. A `Content-Length` over
 * `maxBodyBytes` (default {@link MAX_BODY_BYTES}) is refused before anything is read.
 */
export async function toWebRequest(req: IncomingMessage, maxBodyBytes = MAX_BODY_BYTES): Promise<Request> {
  if (FORBIDDEN_METHODS.has((req.method ?? '').toUpperCase())) throw new Unrepresentable(405, 'method_not_allowed', `${req.method} is not allowed.`);
  if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) throw new Unrepresentable(413, 'payload_too_large', `The request body must be at most ${maxBodyBytes} bytes.`);
  const url = urlOf(req);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const body = bodyStream(req, maxBodyBytes);
  // `duplex: 'half'` is how a Request takes a stream body (Node's fetch requires it; the DOM types lack it).
  return new Request(url, { method: req.method, headers, ...(body ? { body, duplex: 'half' } : {}) } as RequestInit);
}

/** Writes a Web `Response` to a Node response, streaming the body. */
export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (!response.body) {
    res.writeHead(response.status, response.statusText, headers).end();
    return;
  }
  // Read the Web stream by hand rather than through Readable.fromWeb (several times the cost per
  // response). A body that ends right after its first chunk, as every JSON answer here does, goes out
  // with its headers in one write and a Content-Length; a chunked terminator sent on its own would wait
  // on Nagle and delayed ACKs. A body still producing is streamed without holding its first chunk back.
  const reader = response.body.getReader();
  const closed = new Promise<'closed'>((resolve) => res.once('close', () => resolve('closed')));
  const next = async () => {
    const result = await Promise.race([reader.read(), closed]);
    if (result === 'closed') await reader.cancel().catch(() => undefined);
    return result;
  };
  const write = async (value: Uint8Array): Promise<boolean> => {
    if (res.write(value)) return true;
    if ((await Promise.race([once(res, 'drain').then(() => 'drained' as const), closed])) === 'drained') return true;
    await reader.cancel().catch(() => undefined);
    return false;
  };
  try {
    const first = await next();
    if (first === 'closed') return;
    if (first.done) {
      res.writeHead(response.status, response.statusText, headers).end();
      return;
    }
    const pending = next();
    const peek = await Promise.race([pending, new Promise<'later'>((resolve) => setImmediate(() => resolve('later')))]);
    if (peek === 'closed') return;
    if (peek !== 'later' && peek.done) {
      if (!response.headers.has('content-length')) headers['content-length'] = String(first.value.byteLength);
      res.writeHead(response.status, response.statusText, headers).end(first.value);
      return;
    }
    res.writeHead(response.status, response.statusText, headers);
    if (!(await write(first.value))) return;
    for (let chunk = await pending; ; chunk = await next()) {
      if (chunk === 'closed') return;
      if (chunk.done) break;
      if (!(await write(chunk.value))) return;
    }
  } catch (error) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  res.end();
}

/** Options of {@link toNodeListener}. */
export interface ListenerOptions {
  /** The largest request body passed on (default {@link MAX_BODY_BYTES}); a larger `Content-Length` gets 413 unread. */
  readonly maxBodyBytes?: number;
}

/** Adapts a fetch handler to Node's `http` request listener; the handler also gets the peer's address. */
export function toNodeListener(handler: FetchHandler, options: ListenerOptions = {}) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const request = await toWebRequest(req, options.maxBodyBytes);
      const address = req.socket.remoteAddress;
      const response = await handler(request, address ? { clientAddress: address } : {});
      // A body the handler did not read (a refusal) is not read afterwards either: the connection closes.
      if (!req.complete) res.setHeader('connection', 'close');
      await writeWebResponse(response, res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const refusal =
        error instanceof Unrepresentable
          ? error
          : error instanceof RangeError
            ? new Unrepresentable(413, 'payload_too_large', 'Request body too large.')
            : new Unrepresentable(500, 'internal_error', 'Internal error.');
      const close = req.complete ? {} : { connection: 'close' };
      res.writeHead(refusal.status, { 'content-type': 'application/json', ...close, ...(refusal.status === 405 ? { allow: 'GET, HEAD, POST, OPTIONS' } : {}) });
      res.end(JSON.stringify({ error: refusal.code, message: refusal.message }));
    }
  };
}

/** Options of {@link serve}: where to listen, and the server's timeouts and connection cap (defaults in `SERVER_LIMITS`). */
export interface ServeOptions extends ListenerOptions, Partial<ServerLimits> {
  readonly port: number;
  readonly host?: string;
}

/**
 * Starts an HTTP server for a fetch handler; resolves once it listens. Port 0 picks a free port.
 * Requests must arrive whole within `requestTimeoutMs` (headers within `headersTimeoutMs`), else Node
 * answers 408 and closes the connection; at most `maxConnections` are held at once.
 */
export async function serve(handler: FetchHandler, options: ServeOptions): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const limits = { ...SERVER_LIMITS, ...definedOf(options) };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the two timeouts above (its default, 30 s, would make them that coarse).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    toNodeListener(handler, options),
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // A wildcard address is not one to browse to; name the loopback instead.
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The limits `options` sets (an `undefined` value keeps the default). */
function definedOf(options: Partial<ServerLimits>): Partial<ServerLimits> {
  const defined: Partial<ServerLimits> = {};
  for (const key of Object.keys(SERVER_LIMITS) as (keyof ServerLimits)[]) {
    const value = options[key];
    if (value !== undefined) defined[key] = value;
  }
  return defined;
}
