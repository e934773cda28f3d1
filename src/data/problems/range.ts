import { problem, type AttributeProblem } from './core.js';

/** The value is not a whole number in range. */
export function rangeProblem(attribute: string, min: number, max: number, value: string): AttributeProblem {
  return problem('range', { attribute, min: String(min), max: String(max), value });
}
