/**
 * Fired by `<iso-checkout-button>` with the Stripe Checkout URL it is about to open. Cancelable:
 * `preventDefault()` keeps the element from navigating, so the page can open the URL itself.
 */
export class IsoCheckoutRedirectEvent extends Event {
  static readonly type = 'iso-checkout-redirect';
  /** The checked checkout URL (`https:` on an allowed host). */
  readonly detail: Readonly<{ url: string }>;

  constructor(url: string) {
    super(IsoCheckoutRedirectEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = { url };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'iso-checkout-redirect': IsoCheckoutRedirectEvent;
  }
}
