/** Every kind of attribute problem; each has a `problem.<code>` message in the common catalog. */
export const PROBLEM_CODES = ['required', 'invalid-id', 'one-of', 'range', 'tonnes', 'minimum', 'maximum', 'not-below', 'list-one-of', 'list-empty', 'host', 'url'] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * A problem with an element's attributes, found before any request. `message` is the English text
 * for the console (developers read it); `code` and `params` let the element show it in the page's
 * language through the common catalog (`problem.<code>`).
 */
export interface AttributeProblem {
  readonly code: ProblemCode;
  readonly params: Readonly<Record<string, string>>;
  readonly message: string;
}

/** A quoted, comma-separated list of the allowed words: `"a", "b"`. */
function quotedList(allowed: readonly string[]): string {
  return allowed.map((word) => `"${word}"`).join(', ');
}

/** The attribute is missing or empty. */
export function requiredProblem(attribute: string): AttributeProblem {
  return { code: 'required', params: { attribute }, message: `The "${attribute}" attribute is required.` };
}

/** The value is not an id of the expected kind. */
export function invalidIdProblem(attribute: string, value: string, example: string): AttributeProblem {
  return {
    code: 'invalid-id',
    params: { attribute, value, example },
    message: `"${value}" is not a valid ${attribute}: expected an id like ${example}.`,
  };
}

/** The value is not one of the allowed words. */
export function oneOfProblem(attribute: string, allowed: readonly string[], value: string): AttributeProblem {
  const list = quotedList(allowed);
  return {
    code: 'one-of',
    params: { attribute, allowed: list, value },
    message: `The "${attribute}" attribute must be one of ${list}; got "${value}".`,
  };
}

/** The value is not a whole number in range. */
export function rangeProblem(attribute: string, min: number, max: number, value: string): AttributeProblem {
  return {
    code: 'range',
    params: { attribute, min: String(min), max: String(max), value },
    message: `The "${attribute}" attribute must be a whole number from ${min} to ${max}; got "${value}".`,
  };
}

/** The value (or one entry of a list) is not a number of tonnes with at most three decimals. */
export function tonnesProblem(attribute: string, value: string): AttributeProblem {
  return {
    code: 'tonnes',
    params: { attribute, value },
    message: `"${value}" in the "${attribute}" attribute must be a number of tonnes with at most three decimals, like 1.5.`,
  };
}

/** The value is below the smallest one allowed; `min` is written as the attribute takes it. */
export function minimumProblem(attribute: string, min: string, value: string): AttributeProblem {
  return { code: 'minimum', params: { attribute, min, value }, message: `The "${attribute}" attribute must be at least ${min}; got "${value}".` };
}

/** The value is above the largest one allowed; `max` is written as the attribute takes it. */
export function maximumProblem(attribute: string, max: string, value: string): AttributeProblem {
  return { code: 'maximum', params: { attribute, max, value }, message: `The "${attribute}" attribute must be at most ${max}; got "${value}".` };
}

/** The value is smaller than that of another attribute it must not be smaller than (`max` and `min`). */
export function notBelowProblem(attribute: string, value: string, other: string, otherValue: string): AttributeProblem {
  return {
    code: 'not-below',
    params: { attribute, value, other, otherValue },
    message: `The "${attribute}" attribute must not be smaller than the "${other}" attribute (${value} < ${otherValue}).`,
  };
}

/** An entry of a comma-separated list is not one of the allowed words. */
export function listOneOfProblem(attribute: string, allowed: readonly string[], value: string): AttributeProblem {
  const list = quotedList(allowed);
  return {
    code: 'list-one-of',
    params: { attribute, allowed: list, value },
    message: `"${value}" in the "${attribute}" attribute must be one of ${list}.`,
  };
}

/** A comma-separated list names none of the allowed words. */
export function listEmptyProblem(attribute: string, allowed: readonly string[]): AttributeProblem {
  const list = quotedList(allowed);
  return { code: 'list-empty', params: { attribute, allowed: list }, message: `The "${attribute}" attribute must name at least one of ${list}.` };
}

/** An entry of a host list is not a host name (with an optional port). */
export function hostProblem(attribute: string, value: string, example: string): AttributeProblem {
  return {
    code: 'host',
    params: { attribute, value, example },
    message: `"${value}" in the "${attribute}" attribute must be a host name like ${example}.`,
  };
}

/** The value is not an http(s) address, absolute or relative to the page. */
export function urlProblem(attribute: string, value: string): AttributeProblem {
  return { code: 'url', params: { attribute, value }, message: `The "${attribute}" attribute must be an http(s) address; got "${value}".` };
}
