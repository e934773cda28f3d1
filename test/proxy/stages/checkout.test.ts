import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProxyError } from '../../../src/proxy/errors.js';
import { findOperation } from '../../../src/proxy/operations.js';
import { checkout, screenRedirect, validateCheckout } from '../../../src/proxy/stages/checkout.js';
import { createLimits } from '../../../src/proxy/stages/rate-limit.js';
import type { Upstream } from '../../../src/proxy/upstream.js';
import { config, contextFor, run, throwsRefusal } from './support.js';

const resolved = config({ checkout: { urls: ['https://shop.test/thanks'], rateLimitPerMinute: 1 } });
const settings = resolved.checkout as NonNullable<typeof resolved.checkout>;
const BODY = {
  quantity_kg: 5,
  frequency: 'one_time',
  isometric_terms_and_conditions_accepted: true,
  supplier_terms_and_conditions_accepted: true,
  success_url: 'https://shop.test/thanks?session={CHECKOUT_SESSION_ID}',
  cancel_url: 'https://shop.test/thanks/cancelled',
};

function posted(body: unknown) {
  const context = contextFor('/stripe/checkout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { clientAddress: '203.0.113.7' });
  const operation = findOperation('POST /stripe/checkout');
  assert.ok(operation);
  context.target = { operation, path: '/stripe/checkout', query: '' };
  return context;
}

describe('checkout stage', () => {
  it('validates each field, naming it', () => {
    const field = (body: Record<string, unknown>) => {
      try {
        validateCheckout(body, settings, false);
      } catch (error) {
        assert.ok(error instanceof ProxyError && error.code === 'invalid_field' && error.status === 422);
        return error.details.field;
      }
      return undefined;
    };
    assert.equal(field(BODY), undefined);
    assert.equal(field({ ...BODY, quantity_kg: 0 }), 'quantity_kg');
    assert.equal(field({ ...BODY, frequency: 'weekly' }), 'frequency');
    assert.equal(field({ ...BODY, supplier_terms_and_conditions_accepted: false }), 'supplier_terms_and_conditions_accepted');
    assert.equal(field({ ...BODY, cancel_url: 'https://evil.test/thanks' }), 'cancel_url');
    assert.equal(field({ ...BODY, customer_email: 'not an email' }), 'customer_email');
  });

  it('passes a redirect to an allowed host and refuses any other', () => {
    const reply = (url: string) => ({ status: 200, body: JSON.stringify({ redirect_url: url }) });
    assert.ok(screenRedirect(reply('https://checkout.stripe.com/c/pay'), settings.redirectHosts, false));
    assert.throws(() => screenRedirect(reply('https://evil.test/pay'), settings.redirectHosts, false), (error: unknown) => error instanceof ProxyError && error.code === 'bad_redirect');
    assert.equal(screenRedirect({ status: 400, body: '{}' }, settings.redirectHosts, false).status, 400);
  });

  it('forwards the checked body, spends the checkout budget and screens the answer', async () => {
    const sent: string[] = [];
    const upstream: Upstream = async (_path, init) => {
      sent.push(init.body ?? '');
      return { reply: { status: 200, body: '{"redirect_url":"https://checkout.stripe.com/c/pay"}' }, attempts: 1 };
    };
    const stage = checkout(resolved, upstream, createLimits(resolved, { now: Date.now }));
    const context = posted({ ...BODY, extra: 'dropped' });
    const { response } = await run(stage, context);
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(sent[0] ?? ''), BODY);
    assert.equal(context.attempts, 1);
    await throwsRefusal(run(stage, posted(BODY)), 'rate_limited', 429);
  });

  it('throws the upstream refusal, and hands other targets on', async () => {
    const failing: Upstream = async () => ({ reply: new ProxyError('upstream_unavailable', 'down'), attempts: 1, failure: 'network' });
    await throwsRefusal(run(checkout(resolved, failing, createLimits(resolved, { now: Date.now })), posted(BODY)), 'upstream_unavailable', 502);
    assert.ok((await run(checkout(resolved, failing, createLimits(resolved, { now: Date.now })), contextFor('/projects'))).reached);
  });
});
