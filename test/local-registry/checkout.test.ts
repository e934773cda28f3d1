// Stripe checkout against the local registry: configuration, session creation and validation, the
// simulator page (escaping, CSP, links), and the demo-only live retirements.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AUTH_HEADERS, BASE_PATH, type PageBody, startRegistry, type RegistryServer } from './support.js';

type ValidationBody = { detail: { loc: (string | number)[]; type: string }[] };

const VALID_REQUEST = {
  quantity_kg: 1500,
  frequency: 'one_time',
  isometric_terms_and_conditions_accepted: true,
  supplier_terms_and_conditions_accepted: true,
  success_url: 'https://shop.example/thanks?session={CHECKOUT_SESSION_ID}',
  cancel_url: 'https://shop.example/cart',
  customer_email: 'buyer@example.com',
};

function checkout(server: RegistryServer, body: unknown) {
  return server.json<{ redirect_url: string } & ValidationBody>('/stripe/checkout', {
    method: 'POST',
    headers: { ...AUTH_HEADERS, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Opens the simulator page the way a browser would: no credentials. */
async function openPage(url: string): Promise<{ response: Response; html: string }> {
  const response = await fetch(url);
  return { response, html: await response.text() };
}

function hrefOf(html: string, className: string): string | undefined {
  const raw = new RegExp(`<a class="${className}" href="([^"]*)"`).exec(html)?.[1];
  return raw?.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

describe('local registry checkout', () => {
  let server: RegistryServer;
  before(async () => {
    server = await startRegistry();
  });
  after(() => server.close());

  it('serves the demo supplier’s Stripe configuration with decimal-string prices', async () => {
    const { status, body } = await server.json<Record<string, unknown>>('/stripe/configuration');
    assert.equal(status, 200);
    assert.equal(body['credit_product_price_per_tonne'], '120.00');
    assert.equal(body['verification_product_price_per_tonne'], '15.00');
    assert.equal(body['currency'], 'usd');
    assert.match(String(body['isometric_terms_and_conditions_url']), /^https:\/\//);
  });

  it('answers 404 for the configuration of a supplier without Stripe', async () => {
    const frostline = server.registry.data.suppliers.find((s) => !server.registry.data.stripeConfigurations[s.id]);
    assert.ok(frostline);
    const other = await startRegistry({ stripeSupplierId: frostline.id });
    try {
      assert.equal((await other.json('/stripe/configuration')).status, 404);
      assert.equal((await checkout(other, VALID_REQUEST)).status, 404);
    } finally {
      await other.close();
    }
  });

  it('creates a session and redirects to the simulator page, which shows the order', async () => {
    const { status, body } = await checkout(server, VALID_REQUEST);
    assert.equal(status, 200);
    const prefix = `${server.origin}${BASE_PATH}/_local/checkout/`;
    assert.ok(body.redirect_url.startsWith(prefix), body.redirect_url);
    const sessionId = body.redirect_url.slice(prefix.length);
    assert.match(sessionId, /^cs_test_[A-Za-z0-9]{24}$/);

    const { response, html } = await openPage(body.redirect_url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(html, /<meta charset="utf-8">/);
    assert.match(html, /1\.5 t CO₂e/);
    assert.match(html, /One-time purchase/);
    assert.match(html, /buyer@example\.com/);
    assert.match(html, /Carbonwerk Lausitz GmbH/);
    assert.match(html, /\$202\.50/, '1.5 t × (120.00 + 15.00) per tonne');
    assert.equal(hrefOf(html, 'pay'), `https://shop.example/thanks?session=${sessionId}`);
    assert.equal(hrefOf(html, 'cancel'), VALID_REQUEST.cancel_url);
  });

  it('serves a self-contained page under a strict CSP: no script, no external resources', async () => {
    const { body } = await checkout(server, { ...VALID_REQUEST, frequency: 'monthly', customer_email: null });
    const { response, html } = await openPage(body.redirect_url);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\b(?:src|href)="(?!https:\/\/shop\.example)/);
    assert.match(html, /Monthly subscription/);
    assert.match(html, /per month/);
    assert.match(html, /Entered at checkout/);
  });

  it('escapes everything it inserts into the page', async () => {
    const hostileUrl = 'https://shop.example/ok?a="><script>alert(1)</script>&b=\'x\'';
    const { status, body } = await checkout(server, { ...VALID_REQUEST, success_url: hostileUrl, cancel_url: hostileUrl });
    assert.equal(status, 200);
    const { html } = await openPage(body.redirect_url);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.equal(hrefOf(html, 'cancel'), hostileUrl);

    // A supplier whose name carries markup-significant characters.
    const basalt = server.registry.data.suppliers.find((s) => s.organisation.name.includes('&'));
    assert.ok(basalt);
    const other = await startRegistry({ stripeSupplierId: basalt.id });
    try {
      const page = await openPage((await checkout(other, VALID_REQUEST)).body.redirect_url);
      assert.match(page.html, /Basalt &#38; Bloom Ltd/);
      assert.doesNotMatch(page.html, /Basalt & Bloom/);
    } finally {
      await other.close();
    }
  });

  it('uses checkoutPageUrl for the redirect when configured', async () => {
    const other = await startRegistry({ checkoutPageUrl: 'https://demo.example/checkout/' });
    try {
      const { body } = await checkout(other, VALID_REQUEST);
      assert.match(body.redirect_url, /^https:\/\/demo\.example\/checkout\/cs_test_[A-Za-z0-9]{24}$/);
    } finally {
      await other.close();
    }
  });

  const invalid: [name: string, body: unknown, loc: (string | number)[], type: string][] = [
    ['Isometric terms not accepted', { ...VALID_REQUEST, isometric_terms_and_conditions_accepted: false }, ['body', 'isometric_terms_and_conditions_accepted'], 'value_error'],
    ['supplier terms not accepted', { ...VALID_REQUEST, supplier_terms_and_conditions_accepted: false }, ['body', 'supplier_terms_and_conditions_accepted'], 'value_error'],
    ['a missing field', { ...VALID_REQUEST, quantity_kg: undefined }, ['body', 'quantity_kg'], 'missing'],
    ['a fractional quantity', { ...VALID_REQUEST, quantity_kg: 1.5 }, ['body', 'quantity_kg'], 'int_from_float'],
    ['a zero quantity', { ...VALID_REQUEST, quantity_kg: 0 }, ['body', 'quantity_kg'], 'greater_than'],
    ['a string quantity', { ...VALID_REQUEST, quantity_kg: '1000' }, ['body', 'quantity_kg'], 'int_type'],
    ['an unknown frequency', { ...VALID_REQUEST, frequency: 'weekly' }, ['body', 'frequency'], 'enum'],
    ['a javascript: success URL', { ...VALID_REQUEST, success_url: 'javascript:alert(1)' }, ['body', 'success_url'], 'url_scheme'],
    ['a relative cancel URL', { ...VALID_REQUEST, cancel_url: '/cart' }, ['body', 'cancel_url'], 'url_scheme'],
    ['a malformed email', { ...VALID_REQUEST, customer_email: 'not-an-email' }, ['body', 'customer_email'], 'value_error'],
    ['a non-object body', [1, 2], ['body'], 'model_attributes_type'],
    ['invalid JSON', '{"quantity_kg": ', ['body', 0], 'json_invalid'],
  ];
  for (const [name, body, loc, type] of invalid) {
    it(`answers 422 for ${name}`, async () => {
      const { status, body: error } = await checkout(server, body);
      assert.equal(status, 422);
      assert.ok(
        error.detail.some((e) => JSON.stringify(e.loc) === JSON.stringify(loc) && e.type === type),
        JSON.stringify(error),
      );
    });
  }

  it('requires credentials for POST /stripe/checkout', async () => {
    const { status } = await server.json('/stripe/checkout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(VALID_REQUEST) });
    assert.equal(status, 401);
  });

  it('answers 404 for an unknown session and 405 for other methods on the page', async () => {
    const unknown = await fetch(`${server.origin}${BASE_PATH}/_local/checkout/cs_test_unknown`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('content-type'), 'application/json');
    const post = await fetch(`${server.origin}${BASE_PATH}/_local/checkout/cs_test_unknown`, { method: 'POST' });
    assert.equal(post.status, 405);
  });
});

describe('local registry live retirements', () => {
  let server: RegistryServer;
  before(async () => {
    server = await startRegistry();
  });
  after(() => server.close());

  it('POST _local/retirements adds a retirement (no credentials) that tops GET /retirements', async () => {
    const before = await server.json<PageBody>('/retirements?first=1');
    const startedAt = Date.now();
    const response = await fetch(`${server.origin}${BASE_PATH}/_local/retirements`, { method: 'POST' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const created = (await response.json()) as { id: string; retired_at: string; credit_batch_size_total: { credit_kgs: number } };
    assert.match(created.id, /^ret_[0-9A-Z]{16}$/);
    assert.ok(Date.parse(created.retired_at) >= Math.floor(startedAt / 1000) * 1000, 'dated now');
    const after = await server.json<PageBody>('/retirements?first=1');
    assert.equal(after.body.nodes[0]?.id, created.id);
    assert.equal(after.body.total_count, before.body.total_count + 1);
    const { body: batches } = await server.json<{ total_count: number; nodes: { status: string; size: { credit_kgs: number } }[] }>(`/retirements/${created.id}/credit_batches`);
    assert.ok(batches.total_count > 0 && batches.nodes.every((b) => b.status === 'retired'));
    assert.equal(batches.nodes.reduce((sum, b) => sum + b.size.credit_kgs, 0), created.credit_batch_size_total.credit_kgs);
  });

  it('addRetirement() keeps project totals consistent and each new one on top', async () => {
    const { data } = server.registry;
    for (let i = 0; i < 5; i++) {
      const retirement = server.registry.addRetirement();
      const { body } = await server.json<PageBody>('/retirements?first=1');
      assert.equal(body.nodes[0]?.id, retirement.id);
    }
    for (const project of data.projects) {
      const retired = data.creditBatches.filter((b) => b.project_id === project.id && b.status === 'retired');
      assert.equal(project.retired_credits_total.credit_kgs, retired.reduce((s, b) => s + b.size.credit_kgs, 0), project.name);
    }
  });

  it('answers 405 for GET _local/retirements and 404 for unknown _local paths', async () => {
    assert.equal((await fetch(`${server.origin}${BASE_PATH}/_local/retirements`)).status, 405);
    assert.equal((await fetch(`${server.origin}${BASE_PATH}/_local/nothing`)).status, 404);
  });
});
