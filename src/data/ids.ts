import { exampleId, ID_PREFIXES, isRegistryId, type IdKind } from '../shared/ids.js';
import { invalidIdProblem, requiredProblem, type AttributeProblem } from './problems.js';

// The id rules live in src/shared/ids.ts; these re-exports keep the imports that predate it working.
export { ID_PREFIXES, isRegistryId, type IdKind };

/** Returns the problem with an id attribute, or `undefined` when it is well-formed. */
export function describeIdProblem(attribute: string, kind: IdKind, value: string | null | undefined): AttributeProblem | undefined {
  if (value === null || value === undefined || value.trim() === '') return requiredProblem(attribute);
  if (isRegistryId(kind, value)) return undefined;
  return invalidIdProblem(attribute, value, exampleId(ID_PREFIXES[kind]));
}
