import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/**
 * open-wc's `waitUntil` with a 5 s default timeout instead of 1 s: the conditions are the same, but a
 * loaded 2-core CI machine running two browser pages must not turn a slow render into a failure.
 */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 5000, ...options });
}
