// The HTTP helpers the proxy, the local registry, embeds and badges share.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesIfNoneMatch, notModified } from '../../src/server/conditional.js';
import { sameDigest, sha256, strongEtag, toBase64, toBase64Url, toHex } from '../../src/server/digest.js';
import { isObject, json, parseJson } from '../../src/server/json.js';

describe('digests', () => {
  it('hashes UTF-8 and encodes it three ways', async () => {
    const digest = await sha256('abc');
    assert.equal(toHex(digest), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(toBase64(digest), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    assert.equal(toBase64Url(digest), 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    assert.equal(await strongEtag('abc'), '"ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"');
  });

  it('compares digests whole', async () => {
    assert.ok(sameDigest(await sha256('a'), await sha256('a')));
    assert.ok(!sameDigest(await sha256('a'), await sha256('b')));
    assert.ok(!sameDigest(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0])));
  });
});

describe('conditional requests', () => {
  it('matches If-None-Match weakly, in lists, and with *', () => {
    assert.ok(matchesIfNoneMatch('"a"', '"a"'));
    assert.ok(matchesIfNoneMatch('W/"a"', '"a"'));
    assert.ok(matchesIfNoneMatch('"b", W/"a"', 'W/"a"'));
    assert.ok(matchesIfNoneMatch('*', '"a"'));
    assert.ok(!matchesIfNoneMatch('"b"', '"a"'));
    assert.ok(!matchesIfNoneMatch(null, '"a"'));
  });

  it('answers 304 with the given headers only on a match', () => {
    const request = new Request('http://x.test', { headers: { 'if-none-match': '"a"' } });
    const response = notModified(request, '"a"', { etag: '"a"', 'x-cache': 'HIT' });
    assert.equal(response?.status, 304);
    assert.equal(response?.headers.get('x-cache'), 'HIT');
    assert.equal(notModified(request, '"b"', {}), undefined);
  });
});

describe('json', () => {
  it('tells objects from arrays and null, and parses without throwing', () => {
    assert.ok(isObject({}));
    assert.ok(!isObject([]) && !isObject(null) && !isObject('x'));
    assert.deepEqual(parseJson('null'), { value: null });
    assert.equal(parseJson('{'), undefined);
  });

  it('replies with JSON, letting headers override the type', async () => {
    const plain = json({ a: 1 }, 201);
    assert.equal(plain.status, 201);
    assert.equal(plain.headers.get('content-type'), 'application/json');
    assert.deepEqual(await plain.json(), { a: 1 });
    assert.equal(json({}, 200, { 'content-type': 'application/json; charset=utf-8' }).headers.get('content-type'), 'application/json; charset=utf-8');
  });
});

describe('edge boundary (src/server, src/proxy/stages)', () => {
  // That every module here but the Node adapter is free of Node APIs is checked by the edge type
  // check, which covers them (test/contract/boundaries.test.ts).
});
