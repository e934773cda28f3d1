// The settings table: each setting declared once, the docs table generated from it, and every variable
// read by loadConfig under the name the table gives it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { PROXY_DOC, settingsTable, withSettingsTable } from '../../scripts/generate-settings-docs.js';
import { ConfigError, loadConfig, resolveConfig } from '../../src/proxy/index.js';
import { SETTINGS, type Setting } from '../../src/proxy/settings.js';
import { ACCESS_TOKEN, CLIENT_SECRET } from './support.js';

const ENV = { ISOMETRIC_API_URL: 'https://api.test/registry/v0', ISOMETRIC_CLIENT_SECRET: CLIENT_SECRET, ISOMETRIC_ACCESS_TOKEN: ACCESS_TOKEN };
const entries = Object.entries(SETTINGS as Record<string, Setting>);

describe('settings table', () => {
  it('names each variable once, every proxy variable ISOMETRIC_*', () => {
    const names = entries.map(([, setting]) => setting.env);
    assert.equal(new Set(names).size, names.length);
    for (const [key, setting] of entries) if (!['port', 'host'].includes(key)) assert.match(setting.env, /^ISOMETRIC_[A-Z_]+$/, key);
  });

  it('keeps every integer default within its bounds', () => {
    for (const [key, setting] of entries) {
      if (setting.type !== 'integer') continue;
      const value = setting.default as number;
      assert.ok(value >= (setting.min ?? 0) && value <= (setting.max ?? Number.MAX_SAFE_INTEGER), key);
    }
  });

  it('reads retryBaseMs from ISOMETRIC_RETRY_BASE_MS and names that variable when it is wrong', () => {
    assert.equal(loadConfig({ ...ENV, ISOMETRIC_RETRY_BASE_MS: '250' }).retryBaseMs, 250);
    assert.throws(() => loadConfig({ ...ENV, ISOMETRIC_RETRY_BASE_MS: '20000' }), /^ConfigError: ISOMETRIC_RETRY_BASE_MS must be a whole number from 0 to 10000/);
    assert.throws(() => resolveConfig({ apiUrl: ENV.ISOMETRIC_API_URL, clientSecret: CLIENT_SECRET, accessToken: ACCESS_TOKEN, retryBaseMs: -1 }), /^ConfigError: retryBaseMs /);
  });

  it('names the variable of every bounded integer in its message, and the option when passed in code', () => {
    const checkout = { ISOMETRIC_CHECKOUT_URLS: 'https://shop.test/thanks' };
    for (const [key, setting] of entries) {
      if (setting.type !== 'integer' || setting.cli) continue;
      const tooLarge = String(BigInt(setting.max ?? 0) + 1n);
      assert.throws(
        () => loadConfig({ ...ENV, ...checkout, [setting.env]: tooLarge }),
        (error: unknown) => error instanceof ConfigError && error.message.startsWith(`${setting.env} must be a whole number from ${setting.min} to ${setting.max}`),
        setting.env,
      );
      const [group, name] = key.includes('.') ? (key.split('.') as [string, string]) : ['', key];
      const options = { apiUrl: ENV.ISOMETRIC_API_URL, clientSecret: CLIENT_SECRET, accessToken: ACCESS_TOKEN };
      const bad = group === 'checkout' ? { checkout: { urls: ['https://shop.test/thanks'], [name]: -1 } } : { [name]: -1 };
      assert.throws(() => resolveConfig({ ...options, ...bad }), (error: unknown) => error instanceof ConfigError && error.message.startsWith(`${key} `), key);
    }
  });
});

describe('docs/proxy.md settings table', () => {
  it('has one row per variable with its default', () => {
    const table = settingsTable();
    for (const [, setting] of entries) assert.match(table, new RegExp(`^\\| \`${setting.env}\` \\| `, 'm'), setting.env);
    assert.match(table, /^\| `ISOMETRIC_CACHE_TTL` \| `60` \| /m);
    assert.match(table, /^\| `ISOMETRIC_API_URL` \| — \(required\) \| /m);
  });

  it('is current (run `npm run docs:settings` when this fails)', async () => {
    const markdown = await readFile(PROXY_DOC, 'utf8');
    assert.equal(markdown, withSettingsTable(markdown), 'stale: run `npm run docs:settings`');
  });

  it('replaces only the region between the markers', () => {
    const before = 'intro\n<!-- settings:start -->\nold\n<!-- settings:end -->\noutro\n';
    const after = withSettingsTable(before);
    assert.ok(after.startsWith('intro\n<!-- settings:start -->\n') && after.endsWith('<!-- settings:end -->\noutro\n'));
    assert.equal(withSettingsTable(after), after);
    assert.throws(() => withSettingsTable('no markers'), /markers/);
  });
});
