// moved: kept for checkout-button until it is migrated
export * from '../elements/shared/registry-controller.js';
