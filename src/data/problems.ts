/**
 * A problem with an element's attributes, found before any request. `message` is the English text
 * for the console (developers read it); `code` and `params` let the element show it in the page's
 * language through the common catalog (`problem.<code>`).
 */
export interface AttributeProblem {
  readonly code: 'required' | 'invalid-id' | 'one-of' | 'range';
  readonly params: Readonly<Record<string, string>>;
  readonly message: string;
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
  const list = allowed.map((word) => `"${word}"`).join(', ');
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
