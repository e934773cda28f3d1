import type { SubscriptionFrequency } from '../data/types.js';

/** Fired by `<iso-checkout-button>` when a valid purchase form is submitted, just before the checkout session is requested. */
export class IsoCheckoutSubmitEvent extends Event {
  static readonly type = 'iso-checkout-submit';
  /** What is being bought: whole kilograms (1 t = 1000 kg), how often, and the email given (or null). */
  readonly detail: Readonly<{ quantityKg: number; frequency: SubscriptionFrequency; email: string | null }>;

  constructor(quantityKg: number, frequency: SubscriptionFrequency, email: string | null) {
    super(IsoCheckoutSubmitEvent.type, { bubbles: true, composed: true });
    this.detail = { quantityKg, frequency, email };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'iso-checkout-submit': IsoCheckoutSubmitEvent;
  }
}
