import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProxy, type CheckoutOptions, type ProxyOptions } from '../../src/proxy/index.js';
import { API_URL, assertNoSecrets, baseOptions, manualClock, PROXY, recordingFetch, refusal, type Recorded } from './support.js';

const STRIPE = 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3';
const CHECKOUT: CheckoutOptions = { urls: ['https://shop.test/thanks', 'https://shop.test/store/'] };

const VALID = {
  quantity_kg: 1000,
  frequency: 'one_time',
  isometric_terms_and_conditions_accepted: true,
  supplier_terms_and_conditions_accepted: true,
  success_url: 'https://shop.test/thanks?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'https://shop.test/store/cart',
};

function stripeAnswer(redirect: unknown = STRIPE) {
  return () => new Response(JSON.stringify({ redirect_url: redirect }), { headers: { 'content-type': 'application/json' } });
}

function setup(options: Partial<ProxyOptions> = {}, answer: (request: Recorded) => Response = stripeAnswer()) {
  const upstream = recordingFetch(answer);
  const clock = manualClock();
  const proxy = createProxy(baseOptions({ fetch: upstream.fetch, now: clock.now, checkout: CHECKOUT, ...options }));
  const post = (body: unknown, init: { headers?: Record<string, string>; clientAddress?: string } = {}) =>
    proxy(
      new Request(`${PROXY}/stripe/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
      init.clientAddress ? { clientAddress: init.clientAddress } : {},
    );
  return { upstream, clock, post };
}

describe('checkout', () => {
  it('forwards a valid request with only the known fields, URLs exactly as sent', async () => {
    const { upstream, post } = setup();
    const response = await post({ ...VALID, customer_email: 'buyer@example.com', price: 1, redirect_url: 'https://evil.test/' });
    const text = await assertNoSecrets(response);
    assert.equal(response.status, 200, text);
    assert.deepEqual(JSON.parse(text), { redirect_url: STRIPE });
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(upstream.calls.length, 1);
    const [sent] = upstream.calls;
    assert.equal(sent?.url, `${API_URL}/stripe/checkout`);
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(sent?.body ?? ''), { ...VALID, customer_email: 'buyer@example.com' });
    assert.ok(sent?.body.includes('"success_url":"https://shop.test/thanks?session_id={CHECKOUT_SESSION_ID}"'));
  });

  it('drops a null customer_email and is never cached', async () => {
    const { upstream, post } = setup();
    await post({ ...VALID, customer_email: null });
    await post({ ...VALID, customer_email: null });
    assert.equal(upstream.calls.length, 2);
    assert.ok(!('customer_email' in (JSON.parse(upstream.calls[0]?.body ?? '') as object)));
  });

  it('refuses bodies that are not a small JSON object', async () => {
    const { upstream, post } = setup();
    await refusal(await post(VALID, { headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    await refusal(await post(VALID, { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
    await refusal(await post({ ...VALID, padding: 'x'.repeat(8 * 1024) }), 413, 'payload_too_large');
    await refusal(await post('{"quantity_kg":'), 400, 'invalid_json');
    await refusal(await post('[1,2]'), 400, 'invalid_body');
    await refusal(await post('null'), 400, 'invalid_body');
    assert.equal(upstream.calls.length, 0);
    const charset = await post(VALID, { headers: { 'content-type': 'application/json; charset=utf-8' } });
    assert.equal(charset.status, 200);
  });

  const badFields: [string, unknown][] = [
    ['quantity_kg', 0],
    ['quantity_kg', -5],
    ['quantity_kg', 1.5],
    ['quantity_kg', '1000'],
    ['quantity_kg', 1_000_001],
    ['quantity_kg', undefined],
    ['frequency', 'weekly'],
    ['frequency', undefined],
    ['isometric_terms_and_conditions_accepted', false],
    ['isometric_terms_and_conditions_accepted', 'true'],
    ['isometric_terms_and_conditions_accepted', undefined],
    ['supplier_terms_and_conditions_accepted', 1],
    ['success_url', undefined],
    ['success_url', 42],
    ['cancel_url', ''],
    ['customer_email', 'not-an-email'],
    ['customer_email', 'a@b'],
    ['customer_email', `${'a'.repeat(250)}@example.com`],
    ['customer_email', 'buyer@example.com\r\nBcc: x@evil.test'],
  ];
  for (const [field, value] of badFields) {
    it(`refuses ${field} = ${JSON.stringify(value)} with 422 naming the field`, async () => {
      const { upstream, post } = setup();
      const response = await post({ ...VALID, [field]: value });
      const message = await refusal(response.clone(), 422, 'invalid_field');
      assert.ok(message.includes(field), message);
      assert.equal(((await response.json()) as { field: string }).field, field);
      assert.equal(upstream.calls.length, 0);
    });
  }

  it('applies the configured quantity bounds', async () => {
    const { post } = setup({ checkout: { ...CHECKOUT, minKg: 100, maxKg: 500 } });
    await refusal(await post({ ...VALID, quantity_kg: 99 }), 422, 'invalid_field');
    await refusal(await post({ ...VALID, quantity_kg: 501 }), 422, 'invalid_field');
    assert.equal((await post({ ...VALID, quantity_kg: 500 })).status, 200);
  });

  const openRedirects = [
    '//evil.test/thanks',
    '/\\evil.test/thanks',
    '/thanks',
    'https://shop.test@evil.test/thanks',
    'https://evil.test@shop.test/thanks',
    'https://shop.test.evil.test/thanks',
    'https://evil.test/thanks',
    'https://shop.test:8443/thanks',
    'http://shop.test/thanks',
    'https://shop.test/thanksgiving',
    'https://shop.test/thanks.html',
    'https://shop.test/store',
    'https://shop.test/storefront/x',
    'https://shop.test/thanks/../admin',
    'https://shop.test/store/%2e%2e/admin',
    'https://shop.test/store/..%2fadmin',
    'https://shop.test/thanks\\..\\admin',
    'https:\\\\evil.test/thanks',
    'https:/evil.test/thanks',
    'https:evil.test/thanks',
    ' https://shop.test/thanks',
    'https://shop.test/thanks\n',
    'https://shop.test/tha\tnks',
    'javascript:alert(1)//https://shop.test/thanks',
    'data:text/html,https://shop.test/thanks',
    'ftp://shop.test/thanks',
    'http://localhost:5173/thanks',
    'http://127.0.0.1/thanks',
  ];
  for (const url of openRedirects) {
    it(`refuses the return URL ${JSON.stringify(url)}`, async () => {
      const { upstream, post } = setup();
      assert.match(await refusal(await post({ ...VALID, success_url: url }), 422, 'invalid_field'), /success_url/);
      assert.match(await refusal(await post({ ...VALID, cancel_url: url }), 422, 'invalid_field'), /cancel_url/);
      assert.equal(upstream.calls.length, 0);
    });
  }

  it('accepts URLs on a prefix\u2019s path-segment boundary', async () => {
    const { upstream, post } = setup();
    for (const url of ['https://shop.test/thanks', 'https://shop.test/thanks/', 'https://shop.test/thanks/order?x=1#top', 'https://SHOP.test/store/a/b', 'https://shop.test:443/store/']) {
      assert.equal((await post({ ...VALID, success_url: url })).status, 200, url);
    }
    assert.equal(upstream.calls.length, 5);
  });

  it('allows listed http://localhost return URLs only in dev mode, still by origin and path prefix', async () => {
    const checkout = { ...CHECKOUT, urls: [...CHECKOUT.urls, 'http://localhost:5173/done', 'http://127.0.0.1:8080/'] };
    const { post } = setup({ dev: true, checkout });
    for (const url of ['http://localhost:5173/done', 'http://localhost:5173/done/x', 'http://127.0.0.1:8080/x', 'https://shop.test/thanks']) {
      assert.equal((await post({ ...VALID, success_url: url })).status, 200, url);
    }
    for (const url of ['http://localhost:9999/done', 'http://localhost:5173/other', 'https://localhost/y', 'http://localhost/', 'http://localhost.evil.test/', 'http://127.0.0.2/', 'http://evil.test/']) {
      await refusal(await post({ ...VALID, success_url: url }), 422, 'invalid_field');
    }
    assert.throws(() => setup({ checkout }), /ISOMETRIC_CHECKOUT_URLS|checkout\.urls/, 'an http prefix outside dev mode stops start-up');
  });

  it('checks the upstream redirect_url host exactly', async () => {
    for (const redirect of ['https://evil.test/pay', 'http://checkout.stripe.com/c/pay', 'https://checkout.stripe.com.evil.test/', 'https://user@checkout.stripe.com/', 'https://checkout.stripe.com:8443/', 'javascript:alert(1)', 'not a url', 42, null]) {
      const { post } = setup({}, stripeAnswer(redirect));
      await refusal(await post(VALID), 502, 'bad_redirect');
    }
    const missing = setup({}, () => new Response('{}', { headers: { 'content-type': 'application/json' } }));
    await refusal(await missing.post(VALID), 502, 'bad_redirect');
    const custom = setup({ checkout: { ...CHECKOUT, redirectHosts: ['pay.example.test', 'pay.example.test:8443'] } }, stripeAnswer('https://pay.example.test:8443/session'));
    assert.equal((await custom.post(VALID)).status, 200);
  });

  it('allows a local http redirect host only in dev mode', async () => {
    const checkout = { ...CHECKOUT, redirectHosts: ['localhost'] };
    const dev = setup({ dev: true, checkout }, stripeAnswer('http://localhost:8080/pay'));
    assert.equal((await dev.post(VALID)).status, 200);
    const prod = setup({ checkout }, stripeAnswer('http://localhost:8080/pay'));
    await refusal(await prod.post(VALID), 502, 'bad_redirect');
    const unlisted = setup({ dev: true }, stripeAnswer('http://localhost:8080/pay'));
    await refusal(await unlisted.post(VALID), 502, 'bad_redirect');
  });

  it('passes the API\u2019s 422 through', async () => {
    const { post } = setup({}, () => new Response('{"detail":[{"loc":["body","quantity_kg"],"msg":"too many","type":"value_error"}]}', { status: 422 }));
    const response = await post(VALID);
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as { detail: unknown[] }).detail.length, 1);
  });

  it('rate-limits creations per client address, with Retry-After', async () => {
    const { upstream, clock, post } = setup({ checkout: { ...CHECKOUT, rateLimitPerMinute: 2 } });
    const from = { clientAddress: '203.0.113.7' };
    assert.equal((await post(VALID, from)).status, 200);
    clock.advance(20_000);
    assert.equal((await post(VALID, from)).status, 200);
    await refusal(await post({ ...VALID, quantity_kg: 0 }, from), 422, 'invalid_field');
    const limited = await post(VALID, from);
    await refusal(limited.clone(), 429, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '40');
    assert.equal((await post(VALID, { clientAddress: '198.51.100.1' })).status, 200, 'another address has its own budget');
    clock.advance(39_000);
    assert.equal((await post(VALID, from)).headers.get('retry-after'), '1');
    clock.advance(1_000);
    assert.equal((await post(VALID, from)).status, 200);
    assert.equal(upstream.calls.length, 4);
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const untrusted = setup({ checkout: { ...CHECKOUT, rateLimitPerMinute: 1 } });
    assert.equal((await untrusted.post(VALID, { headers: { 'x-forwarded-for': '1.1.1.1' } })).status, 200);
    await refusal(await untrusted.post(VALID, { headers: { 'x-forwarded-for': '2.2.2.2' } }), 429, 'rate_limited');

    const trusted = setup({ trustProxy: true, checkout: { ...CHECKOUT, rateLimitPerMinute: 1 } });
    assert.equal((await trusted.post(VALID, { headers: { 'x-forwarded-for': '1.1.1.1, 10.0.0.1' } })).status, 200);
    assert.equal((await trusted.post(VALID, { headers: { 'x-forwarded-for': '2.2.2.2, 10.0.0.1' } })).status, 200);
    await refusal(await trusted.post(VALID, { headers: { 'x-forwarded-for': '1.1.1.1' } }), 429, 'rate_limited');
  });

  it('is refused when checkout is not configured', async () => {
    const { upstream, post } = setup({ checkout: undefined });
    await refusal(await post(VALID), 403, 'operation_not_allowed');
    assert.equal(upstream.calls.length, 0);
  });
});
