import type { SubscriptionFrequency } from '../data/types.js';

/** Fired by `<iso-checkout-button>` when a person opens its purchase dialog. */
export class IsoCheckoutOpenEvent extends Event {
  static readonly type = 'iso-checkout-open';
  /** The form's quantity in kilograms (null while it is not a valid number) and frequency as the dialog opens. */
  readonly detail: Readonly<{ quantityKg: number | null; frequency: SubscriptionFrequency }>;

  constructor(quantityKg: number | null, frequency: SubscriptionFrequency) {
    super(IsoCheckoutOpenEvent.type, { bubbles: true, composed: true });
    this.detail = { quantityKg, frequency };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'iso-checkout-open': IsoCheckoutOpenEvent;
  }
}
