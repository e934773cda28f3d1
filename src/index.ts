/**
 * isometric-widgets: every element, plus the page-wide `configure()`.
 * Importing this module defines all `iso-*` elements.
 */
export { configure, ENDPOINT_META, type KitConfig } from './data/config.js';
export { RegistryError, type RegistryErrorKind } from './data/errors.js';
export { IsoLoadEvent } from './events/iso-load.js';
export { IsoErrorEvent } from './events/iso-error.js';
export { IsoRetirementSelectEvent } from './events/iso-retirement-select.js';
export { IsoCheckoutOpenEvent } from './events/iso-checkout-open.js';
export { IsoCheckoutSubmitEvent } from './events/iso-checkout-submit.js';
export { IsoCheckoutRedirectEvent } from './events/iso-checkout-redirect.js';
export { IsoCheckoutErrorEvent, type CheckoutErrorKind } from './events/iso-checkout-error.js';
export { IsoProjectCard } from './elements/project-card/project-card.js';
export { IsoRetirementFeed } from './elements/retirement-feed/retirement-feed.js';
export { IsoRetirementCertificate } from './elements/retirement-certificate/retirement-certificate.js';
export { IsoImpactCounter } from './elements/impact-counter/impact-counter.js';
export { IsoCheckoutButton } from './elements/checkout-button/checkout-button.js';
export { ready, whenDefined, type IsoElementClass, type IsoTagName } from './ready.js';
