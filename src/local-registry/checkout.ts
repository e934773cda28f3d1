/**
 * The Stripe side of the local registry: validating `POST /stripe/checkout` bodies, keeping sessions
 * in memory, and the checkout simulator page a redirect lands on (a stand-in for Stripe's hosted page).
 */
import { sha256, toBase64 } from '../server/digest.js';
import { isCheckoutFrequency } from '../shared/checkout.js';
import type { ErrorCollector } from './params.js';
import type { CreateStripeCheckoutSessionRequest, StripeSubscriptionFrequency, Supplier, SupplierStripeConfiguration } from './types.js';

/** A checkout session as the simulator shows it. */
export interface CheckoutSession {
  id: string;
  request: CreateStripeCheckoutSessionRequest;
  supplier: Supplier;
  configuration: SupplierStripeConfiguration;
}

/** Sessions are kept in memory; the oldest are dropped past this many. */
const MAX_SESSIONS = 500;
const SESSION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class CheckoutSessions {
  private readonly sessions = new Map<string, CheckoutSession>();

  create(request: CreateStripeCheckoutSessionRequest, supplier: Supplier, configuration: SupplierStripeConfiguration): CheckoutSession {
    const session: CheckoutSession = { id: newSessionId(), request, supplier, configuration };
    this.sessions.set(session.id, session);
    for (const oldest of this.sessions.keys()) {
      if (this.sessions.size <= MAX_SESSIONS) break;
      this.sessions.delete(oldest);
    }
    return session;
  }

  get(id: string): CheckoutSession | undefined {
    return this.sessions.get(id);
  }
}

/** `cs_test_` and 24 random letters and digits, like a Stripe test-mode session id. */
function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let id = 'cs_test_';
  for (const byte of bytes) id += SESSION_ALPHABET[byte % SESSION_ALPHABET.length];
  return id;
}

// The Registry API's own, looser check (pydantic's email validation, as its 422s show), not the kit's
// rule in src/shared/checkout.ts: the local registry answers as the API would.
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/**
 * Validates a `CreateStripeCheckoutSessionRequest`, returning it or the collected errors. Beyond the
 * schema, as the real endpoint does: both terms must be accepted, the quantity must be positive, and
 * the redirect URLs must be absolute http(s) URLs (the simulator links to them).
 */
export function parseCheckoutRequest(body: unknown, errors: ErrorCollector): CreateStripeCheckoutSessionRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errors.add(['body'], 'model_attributes_type', 'Input should be a valid dictionary or object to extract fields from', body);
  }
  const input = body as Record<string, unknown>;
  const field = (name: string): unknown => {
    if (!(name in input)) errors.add(['body', name], 'missing', 'Field required', body);
    return input[name];
  };

  const quantityKg = field('quantity_kg');
  if (quantityKg !== undefined) {
    const loc = ['body', 'quantity_kg'];
    if (typeof quantityKg !== 'number') errors.add(loc, 'int_type', 'Input should be a valid integer', quantityKg);
    else if (!Number.isInteger(quantityKg)) errors.add(loc, 'int_from_float', 'Input should be a valid integer, got a number with a fractional part', quantityKg);
    else if (quantityKg <= 0) errors.add(loc, 'greater_than', 'Input should be greater than 0', quantityKg, { gt: 0 });
    else if (!Number.isSafeInteger(quantityKg)) errors.add(loc, 'less_than_equal', `Input should be less than or equal to ${Number.MAX_SAFE_INTEGER}`, quantityKg, { le: Number.MAX_SAFE_INTEGER });
  }

  const frequency = field('frequency');
  if (frequency !== undefined && !isCheckoutFrequency(frequency)) {
    errors.add(['body', 'frequency'], 'enum', "Input should be 'one_time', 'monthly' or 'yearly'", frequency, { expected: "'one_time', 'monthly' or 'yearly'" });
  }

  for (const [name, party] of [
    ['isometric_terms_and_conditions_accepted', 'Isometric'],
    ['supplier_terms_and_conditions_accepted', 'supplier'],
  ] as const) {
    const accepted = field(name);
    if (accepted === undefined) continue;
    if (typeof accepted !== 'boolean') errors.add(['body', name], 'bool_type', 'Input should be a valid boolean', accepted);
    else if (!accepted) errors.add(['body', name], 'value_error', `Value error, The ${party} terms and conditions must be accepted`, accepted, { error: 'terms not accepted' });
  }

  for (const name of ['success_url', 'cancel_url'] as const) {
    const url = field(name);
    if (url === undefined) continue;
    if (typeof url !== 'string') errors.add(['body', name], 'string_type', 'Input should be a valid string', url);
    else if (!isHttpUrl(url)) errors.add(['body', name], 'url_scheme', "Input should be an absolute URL with scheme 'http' or 'https'", url, { expected_schemes: "'http', 'https'" });
  }

  const email = input['customer_email'];
  if (email !== undefined && email !== null) {
    if (typeof email !== 'string') errors.add(['body', 'customer_email'], 'string_type', 'Input should be a valid string', email);
    else if (email !== '' && !EMAIL.test(email)) errors.add(['body', 'customer_email'], 'value_error', 'value is not a valid email address', email, { reason: 'invalid format' });
  }

  if (errors.errors.length > 0) return undefined;
  return {
    quantity_kg: quantityKg as number,
    frequency: frequency as StripeSubscriptionFrequency,
    isometric_terms_and_conditions_accepted: true,
    supplier_terms_and_conditions_accepted: true,
    success_url: input['success_url'] as string,
    cancel_url: input['cancel_url'] as string,
    customer_email: typeof email === 'string' && email !== '' ? email : null,
  };
}

/** True for an absolute `http:` or `https:` URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Stripe's success URL template: `{CHECKOUT_SESSION_ID}` becomes the session id. */
export function successUrl(session: CheckoutSession): string {
  return session.request.success_url.replace(/\{CHECKOUT_SESSION_ID\}|%7BCHECKOUT_SESSION_ID%7D/gi, session.id);
}

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; display: grid; min-height: 100vh; place-items: center; background: Canvas; color: CanvasText; }
main { max-width: 28rem; padding: 2rem; border: 1px solid GrayText; border-radius: 0.75rem; }
.notice { font-size: 0.875rem; padding: 0.25rem 0.5rem; border-radius: 0.25rem; background: #fff3c4; color: #4d3b00; }
h1 { font-size: 1.25rem; margin: 1rem 0; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 1rem; }
dt { color: GrayText; }
dd { margin: 0; overflow-wrap: anywhere; }
.actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
.actions a { padding: 0.5rem 1.25rem; border-radius: 0.375rem; text-decoration: none; border: 1px solid currentColor; }
.actions .pay { background: #0a6c4f; border-color: #0a6c4f; color: #fff; }
.session { font-size: 0.75rem; color: GrayText; }
`;

let styleHash: Promise<string> | undefined;

/** The CSP source for the page's one inline style, so the policy needs no 'unsafe-inline'. */
function styleSource(): Promise<string> {
  styleHash ??= sha256(STYLE).then((digest) => `'sha256-${toBase64(digest)}'`);
  return styleHash;
}

const FREQUENCY_LABELS: Record<StripeSubscriptionFrequency, [label: string, per: string]> = {
  one_time: ['One-time purchase', ''],
  monthly: ['Monthly subscription', ' per month'],
  yearly: ['Yearly subscription', ' per year'],
};

/** The simulator page for a session: the order, a price estimate, and Pay / Cancel links. */
export async function renderCheckoutPage(session: CheckoutSession): Promise<Response> {
  const { request, supplier, configuration } = session;
  const [frequencyLabel, per] = FREQUENCY_LABELS[request.frequency];
  const tonnes = new Intl.NumberFormat('en', { maximumFractionDigits: 3 }).format(request.quantity_kg / 1000);
  const estimate = priceEstimate(request.quantity_kg, configuration);
  const rows: [string, string][] = [
    ['Quantity', `${tonnes} t CO₂e`],
    ['Frequency', frequencyLabel],
    ['Email', request.customer_email ?? 'Entered at checkout'],
    ['Supplier', supplier.organisation.name],
    ['Price estimate', estimate ? `${estimate}${per}` : 'Not available'],
  ];
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Checkout: ${escapeHtml(supplier.organisation.name)} (local simulator)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="notice">Local checkout simulator. No payment is taken.</p>
<h1>Carbon removal from ${escapeHtml(supplier.organisation.name)}</h1>
<dl>
${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}
</dl>
<p class="actions"><a class="pay" href="${escapeHtml(successUrl(session))}">Pay</a><a class="cancel" href="${escapeHtml(request.cancel_url)}">Cancel</a></p>
<p class="session">Session ${escapeHtml(session.id)}</p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src ${await styleSource()}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  });
}

/** Total price in the configured currency, exact to the cent (prices are decimal strings). */
function priceEstimate(quantityKg: number, configuration: SupplierStripeConfiguration): string | undefined {
  const credit = toCents(configuration.credit_product_price_per_tonne);
  const verification = toCents(configuration.verification_product_price_per_tonne);
  if (credit === undefined || !configuration.currency) return undefined;
  const perTonne = credit + (verification ?? 0n);
  // Round half up: price per tonne × kg / 1000.
  const cents = (perTonne * BigInt(quantityKg) + 500n) / 1000n;
  return formatMoney(cents, configuration.currency);
}

function toCents(price: string | null): bigint | undefined {
  const match = price ? /^\+?0*(\d*)(?:\.(\d*))?$/.exec(price) : null;
  if (!match) return undefined;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return BigInt(match[1] || '0') * 100n + BigInt(fraction.slice(0, 2)) + (Number(fraction[2] ?? '0') >= 5 ? 1n : 0n);
}

function formatMoney(cents: bigint, currency: string): string {
  const amount = Number(cents) / 100;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(amount);
  } catch {
    return `${currency.toUpperCase()} ${amount.toFixed(2)}`;
  }
}
