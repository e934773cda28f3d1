import { byId } from '../query.js';

/** A supplier, for its organisation's name. */
export const supplierQuery = byId('supplier', '/suppliers/{id}');

/** An organisation. */
export const organisationQuery = byId('organisation', '/organisations/{id}');

/** An organisation's credit balance, in total and per supplier and project. */
export const creditBalanceQuery = byId('organisation-credit-balance', '/organisations/{id}/credit_balance');
