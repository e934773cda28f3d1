// The hardening settings: defaults, parsing, and start-up errors that name the variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, resolveConfig } from '../../src/proxy/index.js';
import { readFlag } from '../../src/proxy/config.js';
import { ACCESS_TOKEN, CLIENT_SECRET } from './support.js';

const ENV = { ISOMETRIC_API_URL: 'https://api.test/registry/v0', ISOMETRIC_CLIENT_SECRET: CLIENT_SECRET, ISOMETRIC_ACCESS_TOKEN: ACCESS_TOKEN };

function rejects(env: Record<string, string>, name: string): void {
  assert.throws(
    () => loadConfig({ ...ENV, ...env }),
    (error: unknown) => error instanceof ConfigError && error.message.startsWith(`${name} `) && !error.message.includes(CLIENT_SECRET),
    JSON.stringify(env),
  );
}

describe('hardening settings', () => {
  it('has the documented defaults', () => {
    const config = loadConfig(ENV);
    assert.equal(config.readRateLimitPerMinute, 600);
    assert.equal(config.cacheMaxEntries, 500);
    assert.equal(config.cacheMaxBytes, 32 * 1024 * 1024);
    assert.equal(config.staleIfError, 300);
    assert.equal(config.upstreamRetries, 2);
    assert.equal(config.retryBaseMs, 100);
    assert.equal(config.upstreamMaxBytes, 5 * 1024 * 1024);
    assert.equal(config.metrics, true);
    assert.equal(config.scope, undefined);
  });

  it('reads each variable', () => {
    const config = loadConfig({
      ...ENV,
      ISOMETRIC_RATE_LIMIT_READS: '0',
      ISOMETRIC_CACHE_MAX_ENTRIES: '20',
      ISOMETRIC_CACHE_MAX_BYTES: '65536',
      ISOMETRIC_STALE_IF_ERROR: '0',
      ISOMETRIC_UPSTREAM_RETRIES: '5',
      ISOMETRIC_UPSTREAM_MAX_BYTES: '2048',
      ISOMETRIC_METRICS: 'false',
    });
    assert.deepEqual(
      [config.readRateLimitPerMinute, config.cacheMaxEntries, config.cacheMaxBytes, config.staleIfError, config.upstreamRetries, config.upstreamMaxBytes, config.metrics],
      [0, 20, 65536, 0, 5, 2048, false],
    );
    assert.deepEqual(resolveConfig(config), config, 'still idempotent');
  });

  it('stops with a message naming the variable at fault', () => {
    const cases: [string, string][] = [
      ['ISOMETRIC_RATE_LIMIT_READS', '-1'],
      ['ISOMETRIC_RATE_LIMIT_READS', 'lots'],
      ['ISOMETRIC_CACHE_MAX_ENTRIES', '0'],
      ['ISOMETRIC_CACHE_MAX_BYTES', '100'],
      ['ISOMETRIC_CACHE_MAX_BYTES', '1e6'],
      ['ISOMETRIC_STALE_IF_ERROR', '5m'],
      ['ISOMETRIC_UPSTREAM_RETRIES', '6'],
      ['ISOMETRIC_UPSTREAM_MAX_BYTES', '10'],
      ['ISOMETRIC_METRICS', 'on'],
      ['ISOMETRIC_SCOPE_SUPPLIERS', 'acme'],
    ];
    for (const [name, value] of cases) rejects({ [name]: value }, name);
  });

  it('reads flags outside the configuration (ISOMETRIC_LOG)', () => {
    assert.equal(readFlag({}, 'ISOMETRIC_LOG', true), true);
    assert.equal(readFlag({ ISOMETRIC_LOG: 'FALSE' }, 'ISOMETRIC_LOG', true), false);
    assert.throws(() => readFlag({ ISOMETRIC_LOG: 'no' }, 'ISOMETRIC_LOG', true), /^ConfigError: ISOMETRIC_LOG must be "true" or "false"/);
  });
});
