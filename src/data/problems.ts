import { fillTemplate } from '../shared/template.js';

/**
 * The English of every kind of attribute problem; `{name}` marks a parameter. The common catalog
 * (`problem.<code>`) takes these as its English, so the console and the element say the same.
 */
export const PROBLEM_MESSAGES = {
  required: 'The "{attribute}" attribute is required.',
  'invalid-id': '"{value}" is not a valid {attribute}: expected an id like {example}.',
  'one-of': 'The "{attribute}" attribute must be one of {allowed}; got "{value}".',
  range: 'The "{attribute}" attribute must be a whole number from {min} to {max}; got "{value}".',
  tonnes: '"{value}" in the "{attribute}" attribute must be a number of tonnes with at most three decimals, like 1.5.',
  minimum: 'The "{attribute}" attribute must be at least {min}; got "{value}".',
  maximum: 'The "{attribute}" attribute must be at most {max}; got "{value}".',
  'not-below': 'The "{attribute}" attribute must not be smaller than the "{other}" attribute ({value} < {otherValue}).',
  'list-one-of': '"{value}" in the "{attribute}" attribute must be one of {allowed}.',
  'list-empty': 'The "{attribute}" attribute must name at least one of {allowed}.',
  host: '"{value}" in the "{attribute}" attribute must be a host name like {example}.',
  url: 'The "{attribute}" attribute must be an http(s) address; got "{value}".',
} as const;

export type ProblemCode = keyof typeof PROBLEM_MESSAGES;

/** Every kind of attribute problem. */
export const PROBLEM_CODES = Object.keys(PROBLEM_MESSAGES) as ProblemCode[];

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

function problem(code: ProblemCode, params: Record<string, string>): AttributeProblem {
  return { code, params, message: fillTemplate(PROBLEM_MESSAGES[code], params) };
}

/** A quoted, comma-separated list of the allowed words: `"a", "b"`. */
function quotedList(allowed: readonly string[]): string {
  return allowed.map((word) => `"${word}"`).join(', ');
}

/** The attribute is missing or empty. */
export function requiredProblem(attribute: string): AttributeProblem {
  return problem('required', { attribute });
}

/** The value is not an id of the expected kind. */
export function invalidIdProblem(attribute: string, value: string, example: string): AttributeProblem {
  return problem('invalid-id', { attribute, value, example });
}

/** The value is not one of the allowed words. */
export function oneOfProblem(attribute: string, allowed: readonly string[], value: string): AttributeProblem {
  return problem('one-of', { attribute, allowed: quotedList(allowed), value });
}

/** The value is not a whole number in range. */
export function rangeProblem(attribute: string, min: number, max: number, value: string): AttributeProblem {
  return problem('range', { attribute, min: String(min), max: String(max), value });
}

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
