import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, resolveConfig } from '../../src/proxy/index.js';
import { DEFAULT_OPERATIONS } from '../../src/proxy/operations.js';
import { ACCESS_TOKEN, CLIENT_SECRET } from './support.js';

const ENV = {
  ISOMETRIC_API_URL: 'https://api.sandbox.isometric.com/registry/v0',
  ISOMETRIC_CLIENT_SECRET: CLIENT_SECRET,
  ISOMETRIC_ACCESS_TOKEN: ACCESS_TOKEN,
};

/** Asserts that loading fails with a ConfigError whose message contains every fragment. */
function rejects(env: Record<string, string | undefined>, ...fragments: string[]): string {
  let caught: unknown;
  try {
    loadConfig({ ...ENV, ...env });
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConfigError, `expected a ConfigError for ${JSON.stringify(env)}`);
  for (const fragment of fragments) assert.ok(caught.message.includes(fragment), `"${caught.message}" should mention ${fragment}`);
  assert.ok(!caught.message.includes(CLIENT_SECRET) && !caught.message.includes(ACCESS_TOKEN), 'a config error must not echo a secret');
  return caught.message;
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(ENV);
    assert.equal(config.apiUrl, 'https://api.sandbox.isometric.com/registry/v0');
    assert.deepEqual(config.allowedOrigins, []);
    assert.equal(config.cacheTtl, 60);
    assert.deepEqual(config.operations, DEFAULT_OPERATIONS);
    assert.equal(config.basePath, '');
    assert.equal(config.upstreamTimeoutMs, 10_000);
    assert.equal(config.checkout, undefined);
    assert.equal(config.trustProxy, false);
    assert.equal(config.dev, false);
  });

  it('tolerates a trailing slash on the API URL and normalises the base path', () => {
    const config = loadConfig({ ...ENV, ISOMETRIC_API_URL: 'https://api.test/registry/v0/', ISOMETRIC_BASE_PATH: '/api/' });
    assert.equal(config.apiUrl, 'https://api.test/registry/v0');
    assert.equal(config.basePath, '/api');
  });

  it('requires the API URL and both secrets, naming the variable', () => {
    rejects({ ISOMETRIC_API_URL: undefined }, 'ISOMETRIC_API_URL', 'required');
    rejects({ ISOMETRIC_API_URL: '' }, 'ISOMETRIC_API_URL');
    rejects({ ISOMETRIC_CLIENT_SECRET: undefined }, 'ISOMETRIC_CLIENT_SECRET');
    rejects({ ISOMETRIC_CLIENT_SECRET: '' }, 'ISOMETRIC_CLIENT_SECRET');
    rejects({ ISOMETRIC_ACCESS_TOKEN: undefined }, 'ISOMETRIC_ACCESS_TOKEN');
    rejects({ ISOMETRIC_ACCESS_TOKEN: `${ACCESS_TOKEN}\r\nX-Evil: 1` }, 'ISOMETRIC_ACCESS_TOKEN');
  });

  it('rejects an API URL that is not absolute http(s)', () => {
    for (const url of ['api.test/registry', '/registry/v0', 'ftp://api.test/', 'https://user:pw@api.test/', 'https://api.test/?x=1']) {
      rejects({ ISOMETRIC_API_URL: url }, 'ISOMETRIC_API_URL');
    }
  });

  it('reads allowed origins: exact origins, or * alone', () => {
    assert.deepEqual(loadConfig({ ...ENV, ISOMETRIC_ALLOWED_ORIGINS: 'https://example.com, http://localhost:5173' }).allowedOrigins, [
      'https://example.com',
      'http://localhost:5173',
    ]);
    assert.equal(loadConfig({ ...ENV, ISOMETRIC_ALLOWED_ORIGINS: '*' }).allowedOrigins, '*');
    for (const bad of ['https://example.com/path', 'example.com', 'https://example.com,*', 'ftp://example.com', 'https://example.com?x', 'null']) {
      rejects({ ISOMETRIC_ALLOWED_ORIGINS: bad }, 'ISOMETRIC_ALLOWED_ORIGINS');
    }
  });

  it('validates numbers, booleans and the base path', () => {
    assert.equal(loadConfig({ ...ENV, ISOMETRIC_CACHE_TTL: '0' }).cacheTtl, 0);
    for (const bad of ['-1', '1.5', 'abc', '1e3']) rejects({ ISOMETRIC_CACHE_TTL: bad }, 'ISOMETRIC_CACHE_TTL');
    assert.equal(loadConfig({ ...ENV, ISOMETRIC_UPSTREAM_TIMEOUT_MS: '250' }).upstreamTimeoutMs, 250);
    rejects({ ISOMETRIC_UPSTREAM_TIMEOUT_MS: '0' }, 'ISOMETRIC_UPSTREAM_TIMEOUT_MS');
    rejects({ ISOMETRIC_UPSTREAM_TIMEOUT_MS: 'soon' }, 'ISOMETRIC_UPSTREAM_TIMEOUT_MS');
    assert.equal(loadConfig({ ...ENV, ISOMETRIC_TRUST_PROXY: 'true', ISOMETRIC_DEV: 'TRUE' }).trustProxy, true);
    rejects({ ISOMETRIC_TRUST_PROXY: 'yes' }, 'ISOMETRIC_TRUST_PROXY');
    rejects({ ISOMETRIC_DEV: '1' }, 'ISOMETRIC_DEV');
    for (const bad of ['api', '/api/../x', '//api', '/a b', '/api?x']) rejects({ ISOMETRIC_BASE_PATH: bad }, 'ISOMETRIC_BASE_PATH');
  });

  it('widens, narrows and replaces the allowlist with ISOMETRIC_OPERATIONS', () => {
    const widened = loadConfig({ ...ENV, ISOMETRIC_OPERATIONS: '+GET /orders/{id}, -GET /issuances' }).operations;
    assert.ok(widened.includes('GET /orders/{id}'));
    assert.ok(!widened.includes('GET /issuances'));
    assert.equal(widened.length, DEFAULT_OPERATIONS.length);
    assert.deepEqual(loadConfig({ ...ENV, ISOMETRIC_OPERATIONS: 'GET /projects,get /projects/{id}' }).operations, ['GET /projects', 'GET /projects/{id}']);
    assert.deepEqual(loadConfig({ ...ENV, ISOMETRIC_OPERATIONS: 'GET /projects,+GET /suppliers,-GET /projects' }).operations, ['GET /suppliers']);
  });

  it('refuses operations the spec does not have, naming the variable and the entry', () => {
    rejects({ ISOMETRIC_OPERATIONS: '+GET /nope' }, 'ISOMETRIC_OPERATIONS', 'GET /nope');
    rejects({ ISOMETRIC_OPERATIONS: 'DELETE /projects/{id}' }, 'ISOMETRIC_OPERATIONS', 'DELETE /projects/{id}');
    rejects({ ISOMETRIC_OPERATIONS: 'GET /projects/prj_1CTWZQGKE1S0VAXA' }, 'ISOMETRIC_OPERATIONS');
    rejects({ ISOMETRIC_OPERATIONS: '/projects' }, 'ISOMETRIC_OPERATIONS', '/projects');
  });

  it('allows checkout only with ISOMETRIC_CHECKOUT_URLS', () => {
    rejects({ ISOMETRIC_OPERATIONS: '+POST /stripe/checkout' }, 'ISOMETRIC_OPERATIONS', 'ISOMETRIC_CHECKOUT_URLS');
    const config = loadConfig({ ...ENV, ISOMETRIC_CHECKOUT_URLS: 'https://example.com/thanks, https://example.com/shop/' });
    assert.ok(config.operations.includes('POST /stripe/checkout'));
    assert.deepEqual(config.checkout, {
      urls: ['https://example.com/thanks', 'https://example.com/shop/'],
      minKg: 1,
      maxKg: 1_000_000,
      redirectHosts: ['checkout.stripe.com'],
      rateLimitPerMinute: 10,
    });
  });

  it('validates the checkout settings', () => {
    const urls = { ISOMETRIC_CHECKOUT_URLS: 'https://example.com/thanks' };
    for (const bad of ['http://example.com/thanks', 'https://example.com/thanks?x=1', 'https://example.com/#x', 'ftp://example.com/', 'example.com', 'https://user@example.com/']) {
      rejects({ ISOMETRIC_CHECKOUT_URLS: bad }, 'ISOMETRIC_CHECKOUT_URLS');
    }
    rejects({ ISOMETRIC_CHECKOUT_URLS: 'http://localhost:5173/done' }, 'ISOMETRIC_CHECKOUT_URLS');
    assert.ok(loadConfig({ ...ENV, ISOMETRIC_DEV: 'true', ISOMETRIC_CHECKOUT_URLS: 'http://localhost:5173/done' }).checkout);
    rejects({ ...urls, ISOMETRIC_CHECKOUT_MIN_KG: '0' }, 'ISOMETRIC_CHECKOUT_MIN_KG');
    rejects({ ...urls, ISOMETRIC_CHECKOUT_MIN_KG: '10', ISOMETRIC_CHECKOUT_MAX_KG: '5' }, 'ISOMETRIC_CHECKOUT_MAX_KG', 'ISOMETRIC_CHECKOUT_MIN_KG');
    rejects({ ...urls, ISOMETRIC_CHECKOUT_RATE_LIMIT: '0' }, 'ISOMETRIC_CHECKOUT_RATE_LIMIT');
    rejects({ ...urls, ISOMETRIC_CHECKOUT_REDIRECT_HOSTS: 'https://checkout.stripe.com' }, 'ISOMETRIC_CHECKOUT_REDIRECT_HOSTS');
    const custom = loadConfig({ ...ENV, ...urls, ISOMETRIC_CHECKOUT_REDIRECT_HOSTS: 'Checkout.Stripe.com,pay.example.com', ISOMETRIC_CHECKOUT_RATE_LIMIT: '3' });
    assert.deepEqual(custom.checkout?.redirectHosts, ['checkout.stripe.com', 'pay.example.com']);
    assert.equal(custom.checkout?.rateLimitPerMinute, 3);
  });
});

describe('resolveConfig (programmatic options)', () => {
  it('names the option, not the variable', () => {
    assert.throws(() => resolveConfig({ apiUrl: 'nope', clientSecret: 'a', accessToken: 'b' }), (error: unknown) => error instanceof ConfigError && error.message.startsWith('apiUrl '));
    assert.throws(
      () => resolveConfig({ apiUrl: 'https://api.test', clientSecret: 'a', accessToken: 'b', operations: ['GET /x'] }),
      (error: unknown) => error instanceof ConfigError && error.message.startsWith('operations '),
    );
  });

  it('is idempotent, including an empty allowlist', () => {
    const config = loadConfig({ ...ENV, ISOMETRIC_OPERATIONS: '-GET /projects', ISOMETRIC_CHECKOUT_URLS: 'https://example.com/' });
    assert.deepEqual(resolveConfig(config), config);
    const empty = resolveConfig({ ...config, operations: [] });
    assert.deepEqual(empty.operations, []);
    assert.deepEqual(resolveConfig(empty), empty);
  });
});
