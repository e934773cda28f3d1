// The Node adapter: requests a Web Request cannot carry, the peer address, and how bodies are written.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, describe, it } from 'node:test';
import { serve, type ConnectionInfo } from '../../src/proxy/node.js';
import { deferred, until } from './support.js';

const servers: { close: () => Promise<void> }[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

async function start(handler: (request: Request, info?: ConnectionInfo) => Promise<Response>) {
  const server = await serve(handler, { port: 0 });
  servers.push(server);
  return Number(new URL(server.url).port);
}

function send(port: number, init: { method?: string; path?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: init.method ?? 'GET', path: init.path ?? '/', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('node adapter', () => {
  it('refuses TRACE with a JSON 405 instead of failing to build a Request', async () => {
    let called = 0;
    const port = await start(async () => (called += 1, new Response('{}')));
    const seen = await send(port, { method: 'TRACE' });
    assert.equal(seen.status, 405);
    assert.equal((JSON.parse(seen.body) as { error: string }).error, 'method_not_allowed');
    assert.equal(called, 0);
  });

  it('passes the peer address, and survives a Host header that is not a host', async () => {
    const seen: { url: string; address?: string }[] = [];
    const port = await start(async (request, info) => {
      seen.push({ url: request.url, ...(info?.clientAddress ? { address: info.clientAddress } : {}) });
      return new Response('ok');
    });
    assert.equal((await send(port, { headers: { host: 'proxy.test:99999' } })).status, 200);
    assert.equal((await send(port, { path: '/x?y=1', headers: { host: 'site.test' } })).status, 200);
    assert.deepEqual(seen, [
      { url: 'http://localhost/', address: '127.0.0.1' },
      { url: 'http://site.test/x?y=1', address: '127.0.0.1' },
    ]);
  });

  it('sends a one-chunk body with a Content-Length, and streams longer ones', async () => {
    const port = await start(async (request) => {
      if (new URL(request.url).pathname === '/one') return new Response('{"one":true}', { headers: { 'content-type': 'application/json' } });
      const parts = ['a', 'b', 'c'];
      return new Response(new ReadableStream({ pull: (controller) => (parts.length ? controller.enqueue(new TextEncoder().encode(parts.shift())) : controller.close()) }));
    });
    const one = await send(port, { path: '/one' });
    assert.equal(one.headers['content-length'], '12');
    assert.equal(one.body, '{"one":true}');
    const streamed = await send(port, { path: '/many' });
    assert.equal(streamed.headers['transfer-encoding'], 'chunked');
    assert.equal(streamed.body, 'abc');
  });

  it('sends a slow stream\u2019s first chunk at once, and cancels the body when the client hangs up', async () => {
    const cancelled = deferred();
    let pulls = 0;
    // One chunk, then a producer that never produces again: the client must still see the first.
    const port = await start(async () => new Response(new ReadableStream({
      pull: (controller) => {
        pulls += 1;
        if (pulls === 1) controller.enqueue(new TextEncoder().encode('first'));
        return pulls === 1 ? undefined : new Promise<void>(() => undefined);
      },
      cancel: () => cancelled.resolve(),
    })));
    const req = httpRequest({ host: '127.0.0.1', port, path: '/' }, (res) => {
      res.once('data', () => req.destroy());
    });
    req.on('error', () => undefined);
    req.end();
    await cancelled.promise;
    const settled = pulls;
    let turns = 0;
    await until(() => (turns += 1) > 50, 'fifty turns of the event loop');
    assert.equal(pulls, settled, 'the body kept being pulled after the client left');
  });
});
