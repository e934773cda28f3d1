import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
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

/** Converts a Node request into a Web `Request`, keeping the client address in `x-forwarded-for`-free form. */
export async function toWebRequest(req: IncomingMessage): Promise<Request> {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
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
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Readable.fromWeb's types come from a different lib than DOM's ReadableStream.
  const stream = Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]);
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    res.on('finish', resolve);
    res.on('close', resolve);
    stream.pipe(res);
  });
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
      const tooLarge = error instanceof RangeError;
      res.writeHead(tooLarge ? 413 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: tooLarge ? 'payload_too_large' : 'internal_error', message: tooLarge ? 'Request body too large.' : 'Internal error.' }));
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
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
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
