import { problem, quotedList, type AttributeProblem } from './core.js';

/** An entry of a comma-separated list is not one of the allowed words. */
export function listOneOfProblem(attribute: string, allowed: readonly string[], value: string): AttributeProblem {
  return problem('list-one-of', { attribute, allowed: quotedList(allowed), value });
}

/** A comma-separated list names none of the allowed words. */
export function listEmptyProblem(attribute: string, allowed: readonly string[]): AttributeProblem {
  return problem('list-empty', { attribute, allowed: quotedList(allowed) });
}

/** An entry of a host list is not a host name (with an optional port). */
export function hostProblem(attribute: string, value: string, example: string): AttributeProblem {
  return problem('host', { attribute, value, example });
}

/** The value is not an http(s) address, absolute or relative to the page. */
export function urlProblem(attribute: string, value: string): AttributeProblem {
  return problem('url', { attribute, value });
}
