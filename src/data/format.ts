/**
 * Formatting and reading API values for people: the one place to import them from. They are
 * declared in small modules under src/data/format/, so that the build keeps a formatter one element
 * uses in that element's entry instead of the chunk every element loads.
 */
export { apiText, formatClaim, formatCredits, formatDate, formatPercent, humanize, kgsToTonnesString, quantityKgs, regionName, safeHttpUrl, sharePercent, type ClaimFigure, type CreditUnit } from './format/core.js';
export { formatRelative } from './format/relative.js';
