/**
 * Loading (`loadConfig`: environment → options) and validating (`resolveConfig`: options → config)
 * the settings declared in settings.ts. A message names the variable when the value came from the
 * environment and the option when it was passed in code. No Node APIs: this file runs at the edge.
 */
import { parseHost, parseReturnUrl } from '../shared/checkout.js';
import { exampleId, hasIdPrefix } from '../shared/ids.js';
import { CHECKOUT_OPERATION, DEFAULT_OPERATIONS, findOperation } from './operations.js';
import { SETTINGS, settingsOf, type CheckoutOptions, type ProxyConfig, type ProxyOptions, type ScopeOptions, type Setting, type SettingKey } from './settings.js';

export type { CheckoutOptions, ProxyConfig, ProxyOptions, UpstreamFetch } from './settings.js';

/** Thrown when the proxy's configuration is invalid; the message names the variable (or option) at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** How a setting is named in messages: its variable, or its option path. */
type Label = (key: SettingKey) => string;

const ENV_LABEL: Label = (key) => SETTINGS[key].env;
const OPTION_LABEL: Label = (key) => key;

function fail(label: string, problem: string): never {
  throw new ConfigError(`${label} ${problem}`);
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

function integer(value: string | undefined, label: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) fail(label, `must be a whole number (got "${value}").`);
  return Number(value.trim());
}

function boolean(value: string | undefined, label: string, fallback = false): boolean {
  const normalised = value?.trim().toLowerCase() ?? '';
  if (normalised === '') return fallback;
  if (normalised === 'false') return false;
  if (normalised === 'true') return true;
  return fail(label, `must be "true" or "false" (got "${value}").`);
}

/**
 * Reads a `true`/`false` variable that is not part of the proxy's configuration (`ISOMETRIC_LOG` in
 * the CLI and the worker); empty or absent gives `fallback`.
 * @throws {ConfigError} naming the variable.
 */
export function readFlag(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  return boolean(env[name], name, fallback);
}

/** What the CLI reads besides the proxy's configuration: where to listen, the Node server's limits, the log. */
export interface ServerSettings {
  readonly port: number;
  readonly host: string;
  readonly log: boolean;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
}

/**
 * The settings only the CLI (`PORT`, `HOST`, the Node server's timeouts and connection cap) and the CLI
 * and Worker (`ISOMETRIC_LOG`) read.
 * @throws {ConfigError} naming the variable at fault.
 */
export function loadServerSettings(env: Record<string, string | undefined>): ServerSettings {
  const { port, host, log } = SETTINGS;
  const raw = env[port.env];
  let value: number = port.default;
  if (raw !== undefined && raw !== '') {
    value = Number(raw);
    if (!/^\d+$/.test(raw) || value > port.max) fail(port.env, `must be a port number from ${port.min} to ${port.max} (got "${raw}").`);
  }
  const limit = (key: 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'maxConnections'): number => {
    const setting = SETTINGS[key];
    return bounded(integer(env[setting.env], setting.env) ?? setting.default, setting.min, setting.max, setting.env);
  };
  const limits = { headersTimeoutMs: limit('headersTimeoutMs'), requestTimeoutMs: limit('requestTimeoutMs'), keepAliveTimeoutMs: limit('keepAliveTimeoutMs'), maxConnections: limit('maxConnections') };
  if (limits.requestTimeoutMs < limits.headersTimeoutMs) {
    fail(SETTINGS.requestTimeoutMs.env, `must not be smaller than ${SETTINGS.headersTimeoutMs.env} (${limits.requestTimeoutMs} < ${limits.headersTimeoutMs}).`);
  }
  return { port: value, host: env[host.env] || host.default, log: readFlag(env, log.env, log.default), ...limits };
}

/** One variable as an option value, or `undefined` when it is unset (or empty, for all but secrets and tokens). */
function readVariable(setting: Setting, raw: string | undefined): unknown {
  const label = setting.env;
  switch (setting.type) {
    case 'url':
      return raw?.trim() || (setting.required ? fail(label, `is required (${setting.hint}).`) : undefined);
    case 'secret':
      return raw ?? (setting.required ? fail(label, 'is required.') : undefined);
    // Set but empty is an error, not "off": a token lost in deployment must not make the counters public.
    case 'token':
      return raw;
    case 'path':
      return raw?.trim() || undefined;
    case 'integer':
      return integer(raw, label);
    case 'boolean':
      return boolean(raw, label, setting.default as boolean);
    case 'origins':
      return raw?.trim() === '*' ? '*' : list(raw);
    default:
      return list(raw);
  }
}

/** A group's options from the environment; `undefined` when none of its variables is set. */
function readGroup(env: Record<string, string | undefined>, group: '' | 'checkout' | 'scope'): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  for (const [name, setting] of settingsOf(group)) {
    const value = readVariable(setting, env[setting.env]);
    if (value !== undefined) options[name] = value;
  }
  return Object.keys(options).length > 0 ? options : undefined;
}

/**
 * Reads the proxy's configuration from environment variables (Node's environment, or a Worker's `env` binding)
 * and validates it once.
 * @throws {ConfigError} naming the variable at fault.
 */
export function loadConfig(env: Record<string, string | undefined>): ProxyConfig {
  const options = readGroup(env, '') as Record<string, unknown>;
  // The checkout settings mean something only once its URLs are set; until then they are not read.
  const checkout = list(env[SETTINGS['checkout.urls'].env]) ? readGroup(env, 'checkout') : undefined;
  const scope = readGroup(env, 'scope');
  return resolve({ ...options, ...(checkout ? { checkout } : {}), ...(scope ? { scope } : {}) } as unknown as ProxyOptions, ENV_LABEL);
}

/**
 * Validates options and applies defaults. Idempotent: a `ProxyConfig` resolves to an equal one.
 * @throws {ConfigError} naming the option at fault.
 */
export function resolveConfig(options: ProxyOptions): ProxyConfig {
  return resolve(options, OPTION_LABEL);
}

function resolve(options: ProxyOptions, label: Label): ProxyConfig {
  const dev = options.dev ?? false;
  const checkout = options.checkout && resolveCheckout(options.checkout, dev, label);
  // Only settings: functions and stores passed beside them are not configuration.
  const resolved: Record<string, unknown> = {};
  for (const [name, setting] of settingsOf('')) {
    const key = name as SettingKey;
    const value = (options as Record<string, unknown>)[name] ?? setting.default;
    if (setting.type === 'operations') resolved[name] = allowlist(options.operations, checkout !== undefined, label);
    else if (setting.type === 'token') {
      if (value !== undefined) resolved[name] = metricsToken(value as string, setting, options, label);
    } else if (value !== undefined) resolved[name] = check(setting, value, label(key));
  }
  if (checkout) resolved['checkout'] = checkout;
  if (options.scope) resolved['scope'] = resolveScope(options.scope, label);
  return resolved as ProxyConfig;
}

/** Checks one value of a setting whose rule needs no other setting. */
function check(setting: Setting, value: unknown, label: string): unknown {
  switch (setting.type) {
    case 'url':
      return absoluteUrl(value as string, label);
    case 'secret':
      return secret(value as string, label);
    case 'origins':
      return allowedOrigins(value as readonly string[] | '*', label);
    case 'integer':
      return bounded(value as number, setting.min ?? 0, setting.max ?? Number.MAX_SAFE_INTEGER, label);
    case 'path':
      return basePath(value as string, label);
    case 'hosts':
      return (value as readonly string[]).map((host) => redirectHost(host, label));
    default:
      return value;
  }
}

function resolveScope(scope: ScopeOptions, label: Label): ScopeOptions {
  const resolved: Record<string, readonly string[]> = {};
  for (const [name, setting] of settingsOf('scope')) {
    const ids = (scope as Record<string, readonly string[] | undefined>)[name];
    if (ids === undefined) continue;
    const at = label(`scope.${name}` as SettingKey);
    const { noun, prefix } = setting as Setting & { noun: string; prefix: 'org' | 'spl' | 'prj' };
    if (ids.length === 0) fail(at, `must list at least one ${noun} id (leave it unset to serve every ${noun}).`);
    for (const id of ids) {
      if (!hasIdPrefix(prefix, id)) fail(at, `entries must be ${noun} ids like ${exampleId(prefix)} (got "${id}").`);
    }
    resolved[name] = [...new Set(ids)];
  }
  return resolved;
}

function bounded(value: number, min: number, max: number, label: string): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) fail(label, `must be a whole number from ${min} to ${max} (got ${value}).`);
  return value;
}

function absoluteUrl(value: string, label: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail(label, `must be an absolute http(s) URL (got "${value}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(label, `must use http or https (got "${url.protocol}").`);
  if (url.username || url.password || url.search || url.hash) fail(label, 'must not contain credentials, a query or a fragment.');
  return url.href.replace(/\/+$/, '');
}

function secret(value: string, label: string): string {
  // Never echo the value: it is a secret.
  if (value === '') fail(label, 'must not be empty.');
  if (!/^[\x21-\x7e]+$/.test(value)) fail(label, 'must contain only visible ASCII characters (no spaces or line breaks).');
  return value;
}

function metricsToken(value: string, setting: Setting, options: ProxyOptions, label: Label): string {
  // Never echo the value: it is a secret.
  const at = label('metricsToken');
  const [min, max] = [setting.min ?? 0, setting.max ?? 0];
  if (typeof value !== 'string' || value.length < min || value.length > max) fail(at, `must be ${min} to ${max} characters long (e.g. \`openssl rand -hex 32\`).`);
  if (!/^[\x21-\x7e]+$/.test(value)) fail(at, 'must contain only visible ASCII characters (no spaces or line breaks).');
  // A scraper holds this token; it must not double as a credential for the Registry API.
  if (value === options.clientSecret || value === options.accessToken) fail(at, `must differ from ${label('clientSecret')} and ${label('accessToken')}.`);
  return value;
}

function allowedOrigins(value: readonly string[] | '*', label: string): readonly string[] | '*' {
  if (value === '*') return '*';
  return value.map((entry) => {
    if (entry === '*') fail(label, 'must be either "*" alone or a list of origins.');
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const isOrigin = url && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry.replace(/\/$/, '').toLowerCase();
    if (!url || !isOrigin) fail(label, `entries must be origins like https://example.com, with no path (got "${entry}").`);
    return url.origin;
  });
}

function basePath(value: string, label: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/.test(trimmed) || trimmed.split('/').some((part) => part === '.' || part === '..')) {
    fail(label, `must be a path like /api (got "${value}").`);
  }
  return trimmed;
}

function allowlist(entries: readonly string[] | undefined, checkout: boolean, label: Label): string[] {
  const defaults = [...DEFAULT_OPERATIONS, ...(checkout ? [CHECKOUT_OPERATION] : [])];
  const parsed = (entries ?? []).map((entry) => parseEntry(entry, label('operations')));
  const replacements = parsed.filter((entry) => entry.sign === '');
  // An empty list is an empty allowlist; a list of only +/- edits changes the default.
  const replace = entries !== undefined && (entries.length === 0 || replacements.length > 0);
  const result = new Set(replace ? replacements.map((entry) => entry.key) : defaults);
  for (const entry of parsed) {
    if (entry.sign === '+') result.add(entry.key);
    if (entry.sign === '-') result.delete(entry.key);
  }
  if (result.has(CHECKOUT_OPERATION) && !checkout) {
    fail(label('operations'), `allows ${CHECKOUT_OPERATION}, which needs ${label('checkout.urls')} to be set.`);
  }
  return [...result];
}

function parseEntry(entry: string, label: string): { sign: '' | '+' | '-'; key: string } {
  const match = /^([+-]?)\s*([A-Za-z]+)\s+(\/\S*)$/.exec(entry.trim());
  const key = match ? `${(match[2] as string).toUpperCase()} ${match[3] as string}` : '';
  if (!match || !findOperation(key)) fail(label, `has an unknown operation "${entry}": entries look like "GET /projects/{id}" and must be in the Registry API spec.`);
  return { sign: match[1] as '' | '+' | '-', key };
}

function resolveCheckout(options: CheckoutOptions, dev: boolean, label: Label): Required<CheckoutOptions> {
  const at = (name: string) => label(`checkout.${name}` as SettingKey);
  if (options.urls.length === 0) fail(at('urls'), 'must list at least one URL prefix.');
  const resolved: Record<string, unknown> = {};
  for (const [name, setting] of settingsOf('checkout')) {
    const value = (options as Record<string, unknown>)[name] ?? setting.default;
    resolved[name] = setting.type === 'prefixes' ? (value as readonly string[]).map((entry) => checkoutPrefix(entry, dev, at(name))) : check(setting, value, at(name));
  }
  const { minKg, maxKg } = resolved as { minKg: number; maxKg: number };
  if (minKg > maxKg) fail(at('maxKg'), `must not be smaller than ${at('minKg')} (${maxKg} < ${minKg}).`);
  return resolved as Required<CheckoutOptions>;
}

function checkoutPrefix(entry: string, dev: boolean, label: string): string {
  const url = parseReturnUrl(entry, { allowLocalHttp: dev });
  if (!url || url.search || url.hash || entry.includes('?') || entry.includes('#')) {
    fail(label, `entries must be https URL prefixes without a query, like https://example.com/thanks (got "${entry}").`);
  }
  return url.href;
}

function redirectHost(host: string, label: string): string {
  const normalised = parseHost(host);
  if (normalised === undefined) fail(label, `entries must be host names like checkout.stripe.com (got "${host}").`);
  return normalised;
}
