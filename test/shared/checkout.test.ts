import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import {
  CHECKOUT_FREQUENCIES,
  CHECKOUT_KG,
  DEFAULT_REDIRECT_HOSTS,
  EMAIL_MAX_LENGTH,
  SESSION_PLACEHOLDER,
  checkRedirectUrl,
  isAllowedRedirect,
  isAllowedReturnUrl,
  isCheckoutEmail,
  isCheckoutFrequency,
  isCheckoutKg,
  isLocalHostname,
  isUnderPrefix,
  parseHost,
  parseHostList,
  parseReturnUrl,
  type CheckoutFrequency,
} from '../../src/shared/checkout.js';
import type { SubscriptionFrequency } from '../../src/data/types.js';

const root = new URL('../../', import.meta.url);
const local = { allowLocalHttp: true };
const strict = { allowLocalHttp: false };

function allowed(raw: string, hosts: readonly string[], policy = strict): boolean {
  return isAllowedRedirect(new URL(raw), hosts, policy);
}

describe('shared checkout rules', () => {
  test('the frequencies are the API\u2019s StripeSubscriptionFrequency, in the order offered', async () => {
    const spec = JSON.parse(await readFile(new URL('openapi/isometric-registry-v0.json', root), 'utf8')) as {
      components: { schemas: Record<string, { enum?: string[] }> };
    };
    assert.deepEqual([...CHECKOUT_FREQUENCIES], spec.components.schemas['StripeSubscriptionFrequency']?.enum);
    // Both directions at compile time too: the generated type and the shared list are the same set.
    const fromApi: CheckoutFrequency[] = [] as SubscriptionFrequency[];
    const toApi: SubscriptionFrequency[] = [...CHECKOUT_FREQUENCIES];
    assert.equal(fromApi.length + toApi.length, 3);
    assert.equal(isCheckoutFrequency('monthly'), true);
    for (const value of ['weekly', 'Monthly', '', null, 1]) assert.equal(isCheckoutFrequency(value), false, String(value));
  });

  test('emails: HTML\u2019s valid address with a dotted domain, at most 254 characters', () => {
    for (const email of ['buyer@example.com', 'a.b+tag@sub.example.co.uk', "o'brien@example.ie", `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`]) {
      assert.equal(isCheckoutEmail(email), true, email);
    }
    const tooLong = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`;
    assert.equal(tooLong.length, EMAIL_MAX_LENGTH + 1);
    for (const email of [tooLong, 'kim@', 'kim@localhost', '@example.com', 'kim@-example.com', 'kim@example-.com', 'kim @example.com', ' kim@example.com', 'kim@exa_mple.com', '']) {
      assert.equal(isCheckoutEmail(email), false, email);
    }
  });

  test('quantities are whole kilograms within the bounds; the defaults are 1 kg to 1,000 t', () => {
    assert.deepEqual({ ...CHECKOUT_KG }, { min: 1, max: 1_000_000, limit: Number.MAX_SAFE_INTEGER });
    assert.equal(isCheckoutKg(1, CHECKOUT_KG.min, CHECKOUT_KG.max), true);
    assert.equal(isCheckoutKg(1_000_000, CHECKOUT_KG.min, CHECKOUT_KG.max), true);
    for (const value of [0, 1_000_001, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, '5', null]) {
      assert.equal(isCheckoutKg(value, CHECKOUT_KG.min, CHECKOUT_KG.limit), value === 1_000_001, String(value));
    }
  });

  test('host lists: lower-cased host names or bracketed IPv6, an optional port; anything else is refused as written', () => {
    assert.deepEqual(parseHostList(' pay.example.com, LOCALHOST:8000 ,127.0.0.1,, not a host ,[::1]:4242, https://x.test/, a..b, -a.test'), {
      hosts: ['pay.example.com', 'localhost:8000', '127.0.0.1', '[::1]:4242'],
      invalid: ['not a host', 'https://x.test/', 'a..b', '-a.test'],
    });
    assert.deepEqual(parseHostList(null), { hosts: [], invalid: [] });
    assert.equal(parseHost('Checkout.Stripe.com'), 'checkout.stripe.com');
    assert.equal(parseHost('user@host.test'), undefined);
    assert.deepEqual(DEFAULT_REDIRECT_HOSTS, ['checkout.stripe.com']);
  });

  test('local hosts are localhost, 127.0.0.1 and [::1] only', () => {
    for (const hostname of ['localhost', '127.0.0.1', '[::1]']) assert.equal(isLocalHostname(hostname), true, hostname);
    for (const hostname of ['127.0.0.2', 'localhost.evil.test', '::1', '0.0.0.0', 'example.com']) assert.equal(isLocalHostname(hostname), false, hostname);
  });

  describe('the redirect rule', () => {
    test('https: exactly a listed host; an entry without a port is the default port only', () => {
      const hosts = ['checkout.stripe.com', 'pay.example.test:8443', 'shop.test:443'];
      assert.equal(allowed('https://checkout.stripe.com/c/pay/cs_1', hosts), true);
      assert.equal(allowed('https://checkout.stripe.com:443/c/pay', hosts), true);
      assert.equal(allowed('https://checkout.stripe.com:8443/c/pay', hosts), false, 'another port on a listed name is not allowed');
      assert.equal(allowed('https://pay.example.test:8443/s', hosts), true);
      assert.equal(allowed('https://pay.example.test/s', hosts), false, 'an entry with a port allows only that port');
      assert.equal(allowed('https://shop.test/s', hosts), true, 'an entry may spell the default port out');
      assert.equal(allowed('https://checkout.stripe.com.evil.test/', hosts), false);
      assert.equal(allowed('https://evil.test/checkout.stripe.com', hosts), false);
      assert.equal(allowed('https://user@checkout.stripe.com/', hosts), false);
      assert.equal(allowed('https://:pw@checkout.stripe.com/', hosts), false);
    });

    test('http: only with allowLocalHttp, only on a listed local host; a local entry without a port allows any port', () => {
      const hosts = ['checkout.stripe.com', 'localhost', '127.0.0.1:4000', '[::1]'];
      assert.equal(allowed('http://localhost:9876/pay', hosts, local), true);
      assert.equal(allowed('http://localhost/pay', hosts, local), true);
      assert.equal(allowed('http://127.0.0.1:4000/pay', hosts, local), true);
      assert.equal(allowed('http://127.0.0.1:4001/pay', hosts, local), false, 'a local entry with a port allows only that port');
      assert.equal(allowed('http://127.0.0.1:80/pay', ['127.0.0.1:80'], local), true);
      assert.equal(allowed('http://[::1]:5173/pay', hosts, local), true);
      assert.equal(allowed('http://localhost:9876/pay', hosts, strict), false, 'no plain http without allowLocalHttp');
      assert.equal(allowed('http://checkout.stripe.com/pay', hosts, local), false, 'plain http never for a public host');
      assert.equal(allowed('http://localhost:9876/pay', ['checkout.stripe.com'], local), false, 'a local host must be listed');
      assert.equal(allowed('http://localhost.evil.test/pay', ['localhost.evil.test'], local), false);
    });

    test('https on a local host follows the https rule: its port must be listed', () => {
      assert.equal(allowed('https://localhost/pay', ['localhost'], local), true);
      assert.equal(allowed('https://localhost:8443/pay', ['localhost'], local), false);
      assert.equal(allowed('https://localhost:8443/pay', ['localhost:8443'], strict), true);
    });

    test('other schemes and unparsable values are refused', () => {
      const hosts = ['checkout.stripe.com', 'localhost'];
      for (const raw of ['javascript:alert(1)', 'ftp://checkout.stripe.com/', 'ws://localhost/', 'data:text/html,hi', '/relative', 'not a url', 42, null, undefined, {}]) {
        assert.equal(checkRedirectUrl(raw, hosts, local), undefined, String(raw));
      }
      assert.equal(checkRedirectUrl('https://checkout.stripe.com/c/pay/cs_1#x', hosts, strict)?.href, 'https://checkout.stripe.com/c/pay/cs_1#x');
    });
  });

  describe('return URLs', () => {
    test('strict parsing: https (local http with allowLocalHttp), no user-info, no unsafe characters or encoded separators', () => {
      assert.equal(parseReturnUrl('https://shop.test/thanks?s={CHECKOUT_SESSION_ID}', strict)?.search, '?s={CHECKOUT_SESSION_ID}');
      assert.equal(parseReturnUrl('http://localhost:5173/done', local)?.host, 'localhost:5173');
      assert.equal(parseReturnUrl('http://[::1]:5173/done', local)?.hostname, '[::1]');
      for (const raw of [
        'http://localhost:5173/done',
        'http://shop.test/thanks',
        'https://user@shop.test/thanks',
        'https://shop.test/a b',
        'https://shop.test/a\\b',
        'https://shop.test/a%2fb',
        'https://shop.test/a%2Eb',
        'https:/shop.test/x',
        'javascript:alert(1)',
        `https://shop.test/${'x'.repeat(2048)}`,
      ]) {
        assert.equal(parseReturnUrl(raw, strict), undefined, raw);
      }
      assert.equal(parseReturnUrl('http://shop.test/thanks', local), undefined, 'local http is for local hosts only');
      assert.equal(SESSION_PLACEHOLDER, '{CHECKOUT_SESSION_ID}');
    });

    test('prefixes match by origin and whole path segments', () => {
      const url = new URL('https://shop.test/blog/x');
      assert.equal(isUnderPrefix(url, 'https://shop.test/blog'), true);
      assert.equal(isUnderPrefix(url, 'https://shop.test/blog/'), true);
      assert.equal(isUnderPrefix(new URL('https://shop.test/blogger'), 'https://shop.test/blog'), false);
      assert.equal(isUnderPrefix(url, 'https://shop.test:8443/blog'), false);
      const prefixes = ['https://shop.test/thanks', 'http://localhost:5173/done'];
      assert.equal(isAllowedReturnUrl('https://shop.test/thanks/1', prefixes, strict), true);
      assert.equal(isAllowedReturnUrl('http://localhost:5173/done', prefixes, strict), false);
      assert.equal(isAllowedReturnUrl('http://localhost:5173/done', prefixes, local), true);
      assert.equal(isAllowedReturnUrl('http://localhost:9999/done', prefixes, local), false);
    });
  });
});

// That src/shared imports nothing outside itself and uses no DOM or Node API is checked by the tools:
// its lint boundary and the edge type check (test/contract/boundaries.test.ts).

describe('return URLs: dot-segments however they are hidden (issue 14)', () => {
  test('refuses a segment that is a dot-segment once its ;parameters are dropped or it is decoded, however often', () => {
    const policy = { allowLocalHttp: false };
    for (const raw of [
      'https://site.test/thanks/..;/admin',
      'https://site.test/thanks/.;x/admin',
      'https://site.test/thanks/%252e%252e/admin',
      'https://site.test/thanks/%25252e%25252e/admin',
      'https://site.test/thanks/%252e/x',
      'https://site.test/thanks/a%252fb',
      'https://site.test/thanks/a%255cb',
    ]) {
      assert.equal(parseReturnUrl(raw, policy), undefined, raw);
      assert.equal(isAllowedReturnUrl(raw, ['https://site.test/thanks'], policy), false, raw);
    }
    for (const raw of ['https://site.test/thanks/ok;x=1', 'https://site.test/thanks/a%2520b', 'https://site.test/thanks/ok?session={CHECKOUT_SESSION_ID}', 'https://site.test/thanks/..x']) {
      assert.ok(parseReturnUrl(raw, policy), raw);
    }
  });
});
