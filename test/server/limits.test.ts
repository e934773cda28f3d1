// The Node adapter's limits over real HTTP on loopback (issue 14, finding 2): bodies stream to the
// handler and are read only by a route that takes one, after the guards and rate limit; an over-limit
// Content-Length is refused unread; a held or dripped request is cut at the server's timeouts.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createProxy, serve } from '../../src/proxy/index.js';
import { loadServerSettings } from '../../src/proxy/config.js';
import { SERVER_LIMITS } from '../../src/server/limits.js';
import { MAX_BODY_BYTES } from '../../src/server/node.js';
import { baseOptions, CHECKOUT_URL, recordingFetch } from '../proxy/support.js';

const REQUEST_TIMEOUT_MS = 600;
const servers: { close: () => Promise<void> }[] = [];
let port = 0;
let handled = 0;

before(async () => {
  const upstream = recordingFetch();
  const proxy = createProxy(baseOptions({ fetch: upstream.fetch, checkout: { urls: [CHECKOUT_URL], rateLimitPerMinute: 1_000 }, readRateLimitPerMinute: 1_000 }));
  const server = await serve(
    async (request, info) => {
      handled += 1;
      return proxy(request, info);
    },
    { port: 0, headersTimeoutMs: REQUEST_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS },
  );
  servers.push(server);
  port = Number(new URL(server.url).port);
});

after(async () => {
  for (const server of servers) await server.close();
});

interface Raw {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
  /** The status line's code, as soon as it arrives. */
  status: Promise<number>;
}

function open(head: string): Raw {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let onStatus: (status: number) => void = () => undefined;
  const status = new Promise<number>((resolve) => (onStatus = resolve));
  const closed = new Promise<string>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (match) onStatus(Number(match[1]));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      onStatus(0);
      resolve(text);
    });
  });
  socket.write(head);
  return { socket, closed, status };
}

const checkoutHead = (length: number) => `POST /stripe/checkout HTTP/1.1\r\nHost: proxy.test\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('node adapter limits', () => {
  it('refuses an over-limit Content-Length with 413 before reading a byte of the body', async () => {
    const before = handled;
    const raw = open(checkoutHead(MAX_BODY_BYTES + 1));
    assert.equal(await raw.status, 413);
    assert.match(await raw.closed, /payload_too_large/);
    assert.equal(handled, before, 'the handler was never called');
    // Within the adapter's cap but over checkout's 8 KiB: the proxy refuses on the header, unread.
    const small = open(checkoutHead(9_000));
    assert.equal(await small.status, 413);
    small.socket.destroy();
  });

  it('answers a request that does not take a body without reading it, and closes the connection', async () => {
    const raw = open(`POST /retirements HTTP/1.1\r\nHost: proxy.test\r\nContent-Type: application/json\r\nContent-Length: ${MAX_BODY_BYTES}\r\n\r\n{`);
    assert.equal(await raw.status, 403);
    const text = await raw.closed;
    assert.match(text, /connection: close/i);
    assert.match(text, /operation_not_allowed/);
  });

  it('closes a request whose body never comes within the request timeout', async () => {
    const started = performance.now();
    const raw = open(checkoutHead(100));
    const text = await raw.closed;
    const elapsed = performance.now() - started;
    assert.ok(elapsed < REQUEST_TIMEOUT_MS + 3_000, `held for ${Math.round(elapsed)} ms`);
    assert.match(text, /^(HTTP\/1\.1 (408|400)|$)/, text.slice(0, 80));
  });

  it('cuts a dripped body at the request timeout', async () => {
    const started = performance.now();
    const raw = open(checkoutHead(4_000));
    let sent = 0;
    const drip = setInterval(() => {
      if (raw.socket.writable && sent < 4_000) {
        raw.socket.write('x');
        sent += 1;
      }
    }, 20);
    try {
      await raw.closed;
    } finally {
      clearInterval(drip);
    }
    const elapsed = performance.now() - started;
    assert.ok(sent < 4_000, 'the whole body was read');
    assert.ok(elapsed < REQUEST_TIMEOUT_MS + 3_000, `read for ${Math.round(elapsed)} ms`);
  });

  it('holds 100 connections with pending bodies without buffering them', async () => {
    global.gc?.();
    const rss = process.memoryUsage().rss;
    // Each announces 1 MiB (the adapter's cap) and sends 64 KiB of it: the refusal comes unread.
    const held = Array.from({ length: 100 }, () => {
      const raw = open(`POST /retirements HTTP/1.1\r\nHost: proxy.test\r\nContent-Type: application/json\r\nContent-Length: ${MAX_BODY_BYTES}\r\n\r\n`);
      raw.socket.write(Buffer.alloc(64 * 1024, 0x20));
      return raw;
    });
    const statuses = await Promise.all(held.map((raw) => raw.status));
    assert.deepEqual(new Set(statuses), new Set([403]));
    const grown = process.memoryUsage().rss - rss;
    for (const raw of held) raw.socket.destroy();
    // Buffering every body would take 100 MiB; the socket buffers alone stay far below that.
    assert.ok(grown < 48 * 1024 * 1024, `RSS grew by ${Math.round(grown / 1024 / 1024)} MiB`);
  });
});

describe('server settings', () => {
  it('reads the timeouts and the connection cap, with defaults from SERVER_LIMITS', () => {
    const defaults = loadServerSettings({});
    assert.equal(defaults.requestTimeoutMs, SERVER_LIMITS.requestTimeoutMs);
    assert.equal(defaults.headersTimeoutMs, SERVER_LIMITS.headersTimeoutMs);
    assert.equal(defaults.keepAliveTimeoutMs, SERVER_LIMITS.keepAliveTimeoutMs);
    assert.equal(defaults.maxConnections, SERVER_LIMITS.maxConnections);
    assert.ok(SERVER_LIMITS.requestTimeoutMs <= 30_000 && SERVER_LIMITS.requestTimeoutMs >= 10_000);
    const set = loadServerSettings({ ISOMETRIC_REQUEST_TIMEOUT_MS: '15000', ISOMETRIC_MAX_CONNECTIONS: '50' });
    assert.equal(set.requestTimeoutMs, 15_000);
    assert.equal(set.maxConnections, 50);
    assert.throws(() => loadServerSettings({ ISOMETRIC_REQUEST_TIMEOUT_MS: '5000' }), /ISOMETRIC_REQUEST_TIMEOUT_MS must not be smaller than ISOMETRIC_HEADERS_TIMEOUT_MS/);
    assert.throws(() => loadServerSettings({ ISOMETRIC_MAX_CONNECTIONS: '0' }), /ISOMETRIC_MAX_CONNECTIONS/);
  });

  it('closes connections past maxConnections', async () => {
    const server = await serve(async () => new Response('ok'), { port: 0, maxConnections: 1 });
    servers.push(server);
    const limitedPort = Number(new URL(server.url).port);
    const first = connect(limitedPort, '127.0.0.1');
    await new Promise((resolve) => first.once('connect', resolve));
    const second = connect(limitedPort, '127.0.0.1');
    second.on('error', () => undefined);
    await new Promise((resolve) => second.once('close', resolve));
    first.destroy();
  });
});
