/**
 * The Node adapter: Web `Request`/`Response` ↔ `node:http`, and `serve()`, which both CLIs use.
 * Node-only; everything else in src/server runs at the edge too.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

/** A Web-standard fetch handler: the shape every server part of the kit is written in. */
export type FetchHandler = (request: Request, info?: ConnectionInfo) => Promise<Response>;

/** What the adapter knows about the connection (the proxy's `ClientInfo` accepts it). */
export interface ConnectionInfo {
  /** The peer's IP address. */
  readonly clientAddress?: string;
}

/** Hard cap on a request body the adapter will buffer; handlers may enforce a smaller one. */
const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
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

/** The request's URL; a Host header that is not a valid host falls back to `localhost` (handlers compare the two). */
function urlOf(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  try {
    return new URL(target, `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    return new URL(target, 'http://localhost');
  }
}

/** Converts a Node request into a Web `Request`, keeping the client address in `x-forwarded-for`-free form. */
export async function toWebRequest(req: IncomingMessage): Promise<Request> {
  if (FORBIDDEN_METHODS.has((req.method ?? '').toUpperCase())) throw new Unrepresentable(405, 'method_not_allowed', `${req.method} is not allowed.`);
  const url = urlOf(req);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const body = await readBody(req);
  return new Request(url, { method: req.method, headers, body: body && body.length > 0 ? new Uint8Array(body) : undefined });
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

/** Adapts a fetch handler to Node's `http` request listener; the handler also gets the peer's address. */
export function toNodeListener(handler: FetchHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const request = await toWebRequest(req);
      const address = req.socket.remoteAddress;
      await writeWebResponse(await handler(request, address ? { clientAddress: address } : {}), res);
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
      res.writeHead(refusal.status, { 'content-type': 'application/json', ...(refusal.status === 405 ? { allow: 'GET, HEAD, POST, OPTIONS' } : {}) });
      res.end(JSON.stringify({ error: refusal.code, message: refusal.message }));
    }
  };
}

/** Starts an HTTP server for a fetch handler; resolves once it listens. Port 0 picks a free port. */
export async function serve(handler: FetchHandler, options: { port: number; host?: string }): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer(toNodeListener(handler));
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
