import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createContext } from '../../../src/proxy/context.js';
import { guards, hygiene } from '../../../src/proxy/stages/guards.js';
import { PROXY } from '../support.js';
import { config, contextFor, run, throwsRefusal } from './support.js';

describe('guards stage', () => {
  const stage = guards(config({ basePath: '/api' }));

  it('sets the path below the base path and hands on', async () => {
    const context = createContext(new Request(`${PROXY}/api/projects?first=2`));
    const { response, reached } = await run(stage, context);
    assert.ok(reached);
    assert.equal(response.status, 299);
    assert.equal(context.path, '/projects');
  });

  it('refuses a long target with 414 and large headers with 431, cookies aside', async () => {
    await throwsRefusal(run(stage, createContext(new Request(`${PROXY}/api/projects?x=${'a'.repeat(2100)}`))), 'uri_too_long', 414);
    const big = { 'x-big': 'a'.repeat(9000) };
    await throwsRefusal(run(stage, createContext(new Request(`${PROXY}/api/projects`, { headers: big }))), 'headers_too_large', 431);
    const cookies = createContext(new Request(`${PROXY}/api/projects`, { headers: { cookie: 'a'.repeat(9000) } }));
    assert.ok((await run(stage, cookies)).reached);
  });

  it('refuses an absolute-form target and anything outside the base path', async () => {
    const absolute = createContext(new Request('http://evil.test/api/projects', { headers: { host: 'proxy.test' } }));
    await throwsRefusal(run(stage, absolute), 'bad_path', 400);
    const outside = await throwsRefusal(run(stage, createContext(new Request(`${PROXY}/apix/projects`))), 'not_found', 404);
    assert.equal(outside.message, 'Nothing is served at /apix/projects.');
    await throwsRefusal(run(stage, createContext(new Request(`${PROXY}/api`))), 'not_found', 404);
  });
});

describe('hygiene stage', () => {
  const stage = hygiene();

  it('hands a clean request on', async () => {
    assert.ok((await run(stage, contextFor('/projects?first=2'))).reached);
  });

  it('refuses bad query encoding, method overrides and steering paths', async () => {
    await throwsRefusal(run(stage, contextFor('/projects?after=%FF')), 'invalid_encoding', 400);
    await throwsRefusal(run(stage, contextFor('/projects', { headers: { 'x-http-method-override': 'DELETE' } })), 'method_override', 400);
    await throwsRefusal(run(stage, contextFor('/projects?_method=DELETE')), 'method_override', 400);
    for (const path of ['/projects//x', '/projects/%2e%2e', '/projects/..', '/projects\\x']) {
      await throwsRefusal(run(stage, contextFor('/projects', {}, {}, path)), 'bad_path', 400);
    }
  });
});
