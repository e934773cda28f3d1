import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RequestCache } from '../../src/data/request-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('RequestCache', () => {
  test('identical keys in flight share one load', async () => {
    const cache = new RequestCache();
    let loads = 0;
    const gate = deferred<string>();
    const load = () => {
      loads += 1;
      return gate.promise;
    };
    const results = Promise.all(Array.from({ length: 10 }, () => cache.get('k', load, { ttl: 1000, signal: new AbortController().signal })));
    gate.resolve('v');
    assert.deepEqual(await results, Array(10).fill('v'));
    assert.equal(loads, 1);
  });

  test('reuses a success for its ttl, then loads again', async () => {
    let now = 0;
    const cache = new RequestCache({ now: () => now });
    let loads = 0;
    const load = async () => ++loads;
    assert.equal(await cache.get('k', load, { ttl: 100 }), 1);
    now = 99;
    assert.equal(await cache.get('k', load, { ttl: 100 }), 1);
    now = 100;
    assert.equal(await cache.get('k', load, { ttl: 100 }), 2);
  });

  test('forgets failures at once', async () => {
    const cache = new RequestCache();
    let loads = 0;
    const failing = async () => {
      loads += 1;
      throw new Error('down');
    };
    await assert.rejects(cache.get('k', failing, { ttl: 1000 }), /down/);
    await assert.rejects(cache.get('k', failing, { ttl: 1000 }), /down/);
    assert.equal(loads, 2);
    assert.equal(cache.size, 0);
  });

  test('aborts the shared load only when every waiter has gone', async () => {
    const cache = new RequestCache();
    let shared: AbortSignal | undefined;
    const load = (signal: AbortSignal) => {
      shared = signal;
      return new Promise<string>(() => {});
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.get('k', load, { ttl: 1000, signal: first.signal });
    const b = cache.get('k', load, { ttl: 1000, signal: second.signal });
    first.abort();
    await assert.rejects(a);
    assert.equal(shared?.aborted, false, 'one waiter is still there');
    second.abort();
    await assert.rejects(b);
    assert.equal(shared?.aborted, true);
    assert.equal(cache.size, 0);
  });

  test('delete makes the next get load again (retry)', async () => {
    const cache = new RequestCache();
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('k', load, { ttl: 1000 });
    cache.delete('k');
    assert.equal(await cache.get('k', load, { ttl: 1000 }), 2);
  });
});
