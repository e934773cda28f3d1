import { fillTemplate } from '../../shared/template.js';

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

export function problem(code: ProblemCode, params: Record<string, string>): AttributeProblem {
  return { code, params, message: fillTemplate(PROBLEM_MESSAGES[code], params) };
}

/** A quoted, comma-separated list of the allowed words: `"a", "b"`. */
export function quotedList(allowed: readonly string[]): string {
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
