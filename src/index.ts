/**
 * isometric-widgets: every element, plus the page-wide `configure()`.
 * Importing this module defines all `iso-*` elements.
 */
export { configure, ENDPOINT_META, type KitConfig } from './data/config.js';
export { RegistryError, type RegistryErrorKind } from './data/errors.js';
export { IsoLoadEvent } from './events/iso-load.js';
export { IsoErrorEvent } from './events/iso-error.js';
export { IsoProjectCard } from './elements/project-card/project-card.js';
