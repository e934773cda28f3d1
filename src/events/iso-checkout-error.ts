import type { RegistryErrorKind } from '../data/errors.js';

/**
 * Why a checkout could not start: a `RegistryErrorKind` from the request, or `redirect-refused` when
 * the returned URL was not `https:` on an allowed host.
 */
export type CheckoutErrorKind = RegistryErrorKind | 'redirect-refused';

/** Fired by `<iso-checkout-button>` when a checkout could not be started; the element shows the error itself. */
export class IsoCheckoutErrorEvent extends Event {
  static readonly type = 'iso-checkout-error';
  readonly detail: Readonly<{ kind: CheckoutErrorKind; message: string }>;

  constructor(kind: CheckoutErrorKind, message: string) {
    super(IsoCheckoutErrorEvent.type, { bubbles: true, composed: true });
    this.detail = { kind, message };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'iso-checkout-error': IsoCheckoutErrorEvent;
  }
}
