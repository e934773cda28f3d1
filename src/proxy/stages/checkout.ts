/**
 * `POST /stripe/checkout`: a body checked field by field against the configuration, a budget per client
 * address, and a `redirect_url` in the answer that must point at an allowed host.
 */
import { isObject, parseJson } from '../../server/json.js';
import type { components } from '../../generated/registry-schema.js';
import { CHECKOUT_FREQUENCIES, checkRedirectUrl, EMAIL_MAX_LENGTH, isAllowedReturnUrl, isCheckoutEmail, isCheckoutFrequency, isCheckoutKg } from '../../shared/checkout.js';
import type { Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import { CHECKOUT_OPERATION, operationKey } from '../operations.js';
import type { CheckoutOptions, ProxyConfig } from '../settings.js';
import { answer, type Reply, type Upstream } from '../upstream.js';
import { readJsonBody } from './body.js';
import type { Limits } from './rate-limit.js';

type CheckoutRequest = components['schemas']['CreateStripeCheckoutSessionRequest'];

const CHECKOUT_MAX_BYTES = 8 * 1024;

function invalidField(field: string, message: string): ProxyError {
  return new ProxyError('invalid_field', message, { field });
}

/** The body to forward, or 422 `invalid_field` naming the first field at fault. */
export function validateCheckout(body: Record<string, unknown>, checkout: Required<CheckoutOptions>, dev: boolean): CheckoutRequest {
  const { quantity_kg: kg, frequency, success_url: success, cancel_url: cancel, customer_email: email } = body;
  if (!isCheckoutKg(kg, checkout.minKg, checkout.maxKg)) {
    throw invalidField('quantity_kg', `quantity_kg must be a whole number of kilograms from ${checkout.minKg} to ${checkout.maxKg}.`);
  }
  if (!isCheckoutFrequency(frequency)) throw invalidField('frequency', `frequency must be one of ${CHECKOUT_FREQUENCIES.join(', ')}.`);
  for (const field of ['isometric_terms_and_conditions_accepted', 'supplier_terms_and_conditions_accepted'] as const) {
    if (body[field] !== true) throw invalidField(field, `${field} must be true: the buyer has to accept the terms and conditions.`);
  }
  for (const [field, value] of [['success_url', success], ['cancel_url', cancel]] as const) {
    if (typeof value !== 'string' || !isAllowedReturnUrl(value, checkout.urls, { allowLocalHttp: dev })) {
      throw invalidField(field, `${field} must be an https URL under one of the proxy\u2019s allowed checkout URLs.`);
    }
  }
  if (email !== undefined && email !== null && (typeof email !== 'string' || !isCheckoutEmail(email))) {
    throw invalidField('customer_email', `customer_email must be a valid email address of at most ${EMAIL_MAX_LENGTH} characters.`);
  }
  return {
    quantity_kg: kg,
    frequency: frequency as CheckoutRequest['frequency'],
    isometric_terms_and_conditions_accepted: true,
    supplier_terms_and_conditions_accepted: true,
    // Forwarded exactly as sent: Stripe's {CHECKOUT_SESSION_ID} placeholder must survive unencoded.
    success_url: success as string,
    cancel_url: cancel as string,
    ...(typeof email === 'string' ? { customer_email: email } : {}),
  };
}

/** Passes a successful checkout answer on only when its `redirect_url` points at an allowed host (else 502 `bad_redirect`). */
export function screenRedirect(reply: Reply, hosts: readonly string[], dev: boolean): Reply {
  if (reply.status < 200 || reply.status >= 300) return reply;
  const parsed = parseJson(reply.body);
  const raw = parsed && isObject(parsed.value) ? parsed.value['redirect_url'] : undefined;
  if (!checkRedirectUrl(raw, hosts, { allowLocalHttp: dev })) throw new ProxyError('bad_redirect', 'The Registry API returned a checkout redirect to a host the proxy does not allow.');
  return reply;
}

/** Answers the checkout target; anything else goes on. */
export function checkout(config: ProxyConfig, upstream: Upstream, limits: Limits): Stage {
  return async (context, next) => {
    const { target } = context;
    const settings = config.checkout;
    if (!target || operationKey(target.operation) !== CHECKOUT_OPERATION || !settings) return next();
    // Refused attempts have a budget of their own (see `createLimits`): a client past it gets nothing
    // read from it, and each refusal spends it.
    limits.check('refused', context);
    let checked: CheckoutRequest;
    try {
      checked = validateCheckout((await readJsonBody(context.request, CHECKOUT_MAX_BYTES)).value, settings, config.dev);
    } catch (error) {
      if (error instanceof ProxyError) limits.spend('refused', context);
      throw error;
    }
    limits.spend('checkout', context);
    const outcome = await upstream('/stripe/checkout', { method: 'POST', body: JSON.stringify(checked) });
    context.attempts = outcome.attempts;
    if (outcome.reply instanceof ProxyError) throw outcome.reply;
    return answer(screenRedirect(outcome.reply, settings.redirectHosts, config.dev), {});
  };
}
