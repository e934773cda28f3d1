/**
 * Starting a Stripe checkout for `<iso-checkout-button>`: the request body, the POST through the
 * proxy's client, what its reply means and whether its redirect may be opened. No DOM: the element
 * dispatches the events and navigates; tests pass a client over their own fetch.
 */
import { unwrap, type RegistryClient } from '../../data/client.js';
import { RegistryError, isAbortError } from '../../data/errors.js';
import type { CheckoutRequest } from '../../data/types.js';
import type { CheckoutErrorKind } from '../../events/iso-checkout-error.js';
import type { CheckoutOrder } from './checkout-form-controller.js';
import { checkRedirect } from './urls.js';

/** Why a checkout did not start, as the `iso-checkout-error` event says it (`message` is English, for developers). */
export interface CheckoutFailure {
  readonly type: 'failed';
  readonly kind: CheckoutErrorKind;
  readonly message: string;
  /** The HTTP status of a refusal. */
  readonly status: number | undefined;
}

/** How a checkout request ended: a URL that may be opened, a failure, or an abort someone here asked for. */
export type CheckoutOutcome = { readonly type: 'redirect'; readonly url: string } | CheckoutFailure | { readonly type: 'aborted' };

/** Where the session is requested and where Stripe sends the buyer back. */
export interface CheckoutTarget {
  /** The proxy's base URL; undefined when the page configured none. */
  readonly endpoint: string | undefined;
  /** The success and cancel URLs; undefined when there is no http(s) page to come back to. */
  readonly returnUrls: { readonly success: string; readonly cancel: string } | undefined;
}

function failure(kind: CheckoutErrorKind, message: string, status?: number): CheckoutFailure {
  return { type: 'failed', kind, message, status };
}

/** The request body for an order, or why none can be sent: no endpoint, or no page to come back to. */
export function checkoutRequest(order: CheckoutOrder, target: CheckoutTarget): { readonly endpoint: string; readonly body: CheckoutRequest } | CheckoutFailure {
  const { endpoint, returnUrls } = target;
  if (!endpoint) return failure('not-configured', 'No registry endpoint: add <meta name="iso-endpoint" content="https://…/api"> or an endpoint attribute.');
  if (!returnUrls) return failure('invalid-input', 'There is no http(s) page to come back to after payment: set success-url and cancel-url to http(s) addresses.');
  const body: CheckoutRequest = {
    quantity_kg: Number(order.kg),
    frequency: order.frequency,
    isometric_terms_and_conditions_accepted: true,
    supplier_terms_and_conditions_accepted: true,
    success_url: returnUrls.success,
    cancel_url: returnUrls.cancel,
    ...(order.email ? { customer_email: order.email } : {}),
  };
  return { endpoint, body };
}

/** How the request is made: the proxy's client, the signal that cancels it, and `allowed-redirect-hosts`. */
export interface CheckoutCall {
  readonly client: RegistryClient;
  readonly signal: AbortSignal;
  readonly redirectHosts: readonly string[];
}

/**
 * Asks the proxy for a checkout session and checks the URL it answers with. Never throws: a refusal
 * or a fault of the network is a `failed` outcome with the kind the element shows; a redirect the
 * shared rule refuses is `redirect-refused`; an abort through `signal` is `aborted`, and nothing
 * should be shown for it.
 */
export async function startCheckout(body: CheckoutRequest, call: CheckoutCall): Promise<CheckoutOutcome> {
  const { signal } = call;
  let redirect: unknown;
  try {
    redirect = (await unwrap(call.client.POST('/stripe/checkout', { body, signal }))).redirect_url;
  } catch (error) {
    if (signal.aborted) return { type: 'aborted' };
    if (error instanceof RegistryError) return failure(error.kind, error.message, error.status);
    // An abort nobody here asked for (the network, a fetch wrapper) is a failed request like any other.
    return failure('unavailable', isAbortError(error) ? 'The request to the registry proxy was interrupted.' : 'Could not reach the registry proxy.');
  }
  if (signal.aborted) return { type: 'aborted' };
  const url = checkRedirect(redirect, call.redirectHosts);
  if (!url) return failure('redirect-refused', 'The checkout URL is not https on an allowed host (checkout.stripe.com or allowed-redirect-hosts); it was not opened.');
  return { type: 'redirect', url: url.href };
}
