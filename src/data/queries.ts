/**
 * The registry reads elements ask for, each a `Query` (src/data/query.ts): the one place elements
 * import them from. They are declared in small modules, grouped by the elements that ask for them,
 * so that the build keeps a query that one element asks for in that element's entry instead of the
 * chunk every element loads.
 */
export type { Query } from './query.js';
export { projectQuery } from './queries/projects.js';
export { projectDocumentsQuery } from './queries/project-documents.js';
export { creditBalanceQuery, organisationQuery, supplierQuery } from './queries/organisations.js';
export { retirementBatchesQuery, retirementQuery } from './queries/retirements.js';
export { retirementsQuery, type RetirementsFilter } from './queries/retirement-list.js';
export { stripeConfigurationQuery } from './queries/stripe.js';
export { allRetirementsQuery, MAX_PAGE_SIZE } from './queries/all-retirements.js';
