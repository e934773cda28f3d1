import { problem, quotedList, type AttributeProblem } from './core.js';

/** The value is not one of the allowed words. */
export function oneOfProblem(attribute: string, allowed: readonly string[], value: string): AttributeProblem {
  return problem('one-of', { attribute, allowed: quotedList(allowed), value });
}
