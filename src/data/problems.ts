/**
 * Attribute problems: their English, their codes and one factory per kind, the one place to import
 * them from. The factories sit in small modules grouped by the elements that use them, so that the
 * build keeps a factory one element uses in that element's entry instead of the chunk every element
 * loads.
 */
export { PROBLEM_CODES, PROBLEM_MESSAGES, invalidIdProblem, requiredProblem, type AttributeProblem, type ProblemCode } from './problems/core.js';
export { oneOfProblem } from './problems/one-of.js';
export { rangeProblem } from './problems/range.js';
export { maximumProblem, minimumProblem, notBelowProblem, tonnesProblem } from './problems/quantities.js';
export { hostProblem, listEmptyProblem, listOneOfProblem, urlProblem } from './problems/lists.js';
