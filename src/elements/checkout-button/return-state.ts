/**
 * Coming back from Stripe Checkout: what the page can know about the purchase, read once from the
 * URL and the tab's sessionStorage, after which the URL loses its `iso_checkout*` parameters (so a
 * reload does not thank the buyer again) and the stored order is forgotten.
 *
 * What is known, and nothing more: the outcome Stripe sent the buyer back with (`success` or
 * `cancel`), the Checkout session id of a success (Stripe fills it into the success URL), and the
 * quantity and frequency this tab submitted just before it left for Stripe, which the element keeps
 * in sessionStorage (per tab and origin; nothing personal: no email). A stored order is shown only
 * on a success, and only when it is recent; it says what was ordered, not what Stripe charged.
 */
import { CHECKOUT_FREQUENCIES, type CheckoutFrequency } from '../../shared/checkout.js';
import { readReturnStatus, readSessionId, withoutReturnParams, type CheckoutReturn } from './urls.js';

/** The sessionStorage key of the order submitted last in this tab. */
export const ORDER_KEY = 'iso-checkout-order';

/** How long a stored order may be shown after it was submitted: a buyer back days later sees no details. */
const ORDER_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** The order this tab submitted before it left for Stripe. */
export interface StoredOrder {
  readonly kg: bigint;
  readonly frequency: CheckoutFrequency;
}

/** What the page knows about the purchase the buyer came back from. */
export interface ReturnState {
  readonly status: CheckoutReturn;
  /** The Checkout session id of a success, from the URL. */
  readonly session: string | undefined;
  /** The order submitted from this tab, on a success. */
  readonly order: StoredOrder | undefined;
}

/** Keeps `order` for the return page; storage that is full or refused only means less to show. */
export function storeOrder(view: Window, order: StoredOrder): void {
  try {
    view.sessionStorage.setItem(ORDER_KEY, JSON.stringify({ kg: order.kg.toString(), frequency: order.frequency, at: Date.now() }));
  } catch {
    // Storage disabled: the return page shows the outcome without the order.
  }
}

function readOrder(view: Window): StoredOrder | undefined {
  try {
    const raw = view.sessionStorage.getItem(ORDER_KEY);
    view.sessionStorage.removeItem(ORDER_KEY);
    const value: unknown = raw ? JSON.parse(raw) : undefined;
    if (typeof value !== 'object' || value === null) return undefined;
    const { kg, frequency, at } = value as { kg?: unknown; frequency?: unknown; at?: unknown };
    if (typeof kg !== 'string' || !/^[1-9]\d{0,15}$/.test(kg) || typeof at !== 'number' || Date.now() - at > ORDER_MAX_AGE_MS || Date.now() < at) return undefined;
    const known = CHECKOUT_FREQUENCIES.find((item) => item === frequency);
    return known ? { kg: BigInt(kg), frequency: known } : undefined;
  } catch {
    return undefined;
  }
}

/** The last return read in a document, so that every element showing it on that page shows the same. */
const taken = new WeakMap<Window, { href: string; state: ReturnState }>();

/**
 * The return the page's URL shows, read once: the URL's `iso_checkout*` parameters are then removed
 * with `history.replaceState` and the stored order forgotten. Further elements on the same page get
 * the same answer while the URL stays as it was left.
 */
export function takeReturn(view: Window): ReturnState | undefined {
  const { location, history } = view;
  const status = readReturnStatus(location.search);
  if (!status) {
    const last = taken.get(view);
    return last && last.href === location.href ? last.state : undefined;
  }
  const state: ReturnState = {
    status,
    session: status === 'success' ? readSessionId(location.search) : undefined,
    order: undefined,
  };
  const order = readOrder(view);
  const result = status === 'success' ? { ...state, order } : state;
  try {
    history.replaceState(history.state, '', withoutReturnParams(location.href));
  } catch {
    // A sandboxed document may refuse; the message is still right.
  }
  taken.set(view, { href: location.href, state: result });
  return result;
}
