// Running one stage alone: a context from `new Request(...)`, a `next` that records whether it ran, and
// an assertion on the ProxyError a stage throws.
import assert from 'node:assert/strict';
import { createContext, type ClientInfo, type ProxyContext, type Stage } from '../../../src/proxy/context.js';
import { ProxyError, type ProxyErrorCode } from '../../../src/proxy/errors.js';
import { resolveConfig } from '../../../src/proxy/index.js';
import type { ProxyConfig, ProxyOptions } from '../../../src/proxy/settings.js';
import { baseOptions, PROXY } from '../support.js';

export function config(extra: Partial<ProxyOptions> = {}): ProxyConfig {
  return resolveConfig(baseOptions(extra));
}

/** A context for `path` on the test proxy, with `path` already below the base path unless `below` says otherwise. */
export function contextFor(path: string, init: RequestInit = {}, info: ClientInfo = {}, below = path.split('?')[0] ?? path): ProxyContext {
  const context = createContext(new Request(`${PROXY}${path}`, init), info);
  context.path = below;
  return context;
}

/** Runs `stage`; `next` answers 299 so a test can tell it was reached. */
export async function run(stage: Stage, context: ProxyContext, next: () => Promise<Response> = async () => new Response(null, { status: 299 })) {
  let reached = false;
  const response = await stage(context, () => {
    reached = true;
    return next();
  });
  return { response, reached };
}

/** Asserts that `work` throws a ProxyError with `code` (and its status), and returns it. */
export async function throwsRefusal(work: Promise<unknown>, code: ProxyErrorCode, status: number): Promise<ProxyError> {
  let caught: unknown;
  try {
    await work;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ProxyError, `expected a ProxyError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.equal(caught.status, status);
  return caught;
}
