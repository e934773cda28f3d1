import { problem, type AttributeProblem } from './core.js';

/** The value (or one entry of a list) is not a number of tonnes with at most three decimals. */
export function tonnesProblem(attribute: string, value: string): AttributeProblem {
  return problem('tonnes', { attribute, value });
}

/** The value is below the smallest one allowed; `min` is written as the attribute takes it. */
export function minimumProblem(attribute: string, min: string, value: string): AttributeProblem {
  return problem('minimum', { attribute, min, value });
}

/** The value is above the largest one allowed; `max` is written as the attribute takes it. */
export function maximumProblem(attribute: string, max: string, value: string): AttributeProblem {
  return problem('maximum', { attribute, max, value });
}

/** The value is smaller than that of another attribute it must not be smaller than (`max` and `min`). */
export function notBelowProblem(attribute: string, value: string, other: string, otherValue: string): AttributeProblem {
  return problem('not-below', { attribute, value, other, otherValue });
}
