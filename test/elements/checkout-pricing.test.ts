// The pure logic behind <iso-checkout-button>: kg conversion, price arithmetic, return URLs and
// redirect checks. Runs in the browser runner so Intl is the browser's.
import { expect } from '@open-wc/testing';
import { currencyDigits, estimatePrice, formatMoney, minorToDecimalString, parseDecimal, parseTonnes, tonnesText } from '../../src/elements/checkout-button/pricing.js';
import { checkRedirect, defaultReturnUrl, readReturnStatus, resolveReturnUrl } from '../../src/elements/checkout-button/urls.js';
import { parseHostList } from '../../src/shared/checkout.js';

function kg(text: string): bigint | string {
  const parsed = parseTonnes(text);
  return 'kg' in parsed ? parsed.kg : parsed.problem;
}

function total(quantityKg: bigint, credit: string | null, verification: string | null, currency: string | null): string | undefined {
  const estimate = estimatePrice(quantityKg, { creditPerTonne: credit, verificationPerTonne: verification, currency });
  return estimate && minorToDecimalString(estimate.totalMinor, estimate.digits);
}

describe('<iso-checkout-button> pricing and URLs', () => {
  describe('parseTonnes (decimal tonnes → integer kg, no floats)', () => {
    it('converts decimal strings exactly', () => {
      expect(kg('1')).to.equal(1000n);
      expect(kg('0.001')).to.equal(1n);
      expect(kg('1.5')).to.equal(1500n);
      expect(kg('2.25')).to.equal(2250n);
      expect(kg('0.1')).to.equal(100n);
      // 0.1 + 0.2 style drift cannot happen: 0.3 t is 300 kg, not 300.00000000000006.
      expect(kg('0.3')).to.equal(300n);
      expect(kg('1000000')).to.equal(1_000_000_000n);
      expect(kg('123456789.123')).to.equal(123_456_789_123n);
    });

    it('accepts a decimal comma, surrounding spaces, trailing zeros and an unfinished decimal', () => {
      expect(kg('1,5')).to.equal(1500n);
      expect(kg(' 2 ')).to.equal(2000n);
      expect(kg('1.500000')).to.equal(1500n);
      expect(kg('.5')).to.equal(500n);
      expect(kg('2.')).to.equal(2000n);
      expect(kg('0')).to.equal(0n);
    });

    it('names the problem with anything else', () => {
      expect(kg('')).to.equal('required');
      expect(kg('   ')).to.equal('required');
      expect(kg('abc')).to.equal('format');
      expect(kg('-1')).to.equal('format');
      expect(kg('1e3')).to.equal('format');
      expect(kg('1.2.3')).to.equal('format');
      expect(kg('1,000.5')).to.equal('format');
      expect(kg('.')).to.equal('format');
      expect(kg('0.0001')).to.equal('precision');
      expect(kg('1.2345')).to.equal('precision');
    });

    it('writes kg back as the shortest tonnes text', () => {
      expect(tonnesText(1n)).to.equal('0.001');
      expect(tonnesText(1500n)).to.equal('1.5');
      expect(tonnesText(5000n)).to.equal('5');
      expect(tonnesText(1500n, ',')).to.equal('1,5');
      expect(tonnesText(1_000_000_000n)).to.equal('1000000');
    });
  });

  describe('estimatePrice (integer minor units, rounded half-up once)', () => {
    it('knows the minor digits of currencies from Intl', () => {
      expect(currencyDigits('EUR')).to.equal(2);
      expect(currencyDigits('JPY')).to.equal(0);
      expect(currencyDigits('KWD')).to.equal(3);
      expect(currencyDigits('BHD')).to.equal(3);
      expect(currencyDigits('nope')).to.equal(undefined);
    });

    it('parses price strings without floats', () => {
      expect(parseDecimal('120.00')).to.deep.equal({ units: 12000n, scale: 2 });
      expect(parseDecimal('15')).to.deep.equal({ units: 15n, scale: 0 });
      expect(parseDecimal('0.125')).to.deep.equal({ units: 125n, scale: 3 });
      expect(parseDecimal('-1.00')).to.equal(undefined);
      expect(parseDecimal('1e3')).to.equal(undefined);
      expect(parseDecimal('')).to.equal(undefined);
    });

    it('prices 0.001 t (1 kg) and rounds half-up', () => {
      // 135.00 per tonne × 1 kg = 0.135 → 0.14
      expect(total(1n, '120.00', '15.00', 'eur')).to.equal('0.14');
      // 134.00 per tonne × 1 kg = 0.134 → 0.13
      expect(total(1n, '120.00', '14.00', 'EUR')).to.equal('0.13');
    });

    it('prices large quantities exactly', () => {
      expect(total(1_000_000_000n, '120.00', '15.00', 'USD')).to.equal('135000000.00');
      // 1,000,000.001 t × 135.01: beyond float precision as a product of floats.
      expect(total(1_000_000_001n, '120.01', '15.00', 'USD')).to.equal('135010000.14');
      expect(total(9_007_199_254_740_991n, '99.99', '0.01', 'USD')).to.equal('900719925474099.10');
    });

    it('uses the currency’s fraction digits: JPY (0) and KWD / BHD (3)', () => {
      expect(total(1n, '15000', '2000', 'JPY')).to.equal('17');
      expect(total(1500n, '15000', '2000', 'JPY')).to.equal('25500');
      expect(total(1n, '15001', '0', 'JPY')).to.equal('15'); // 15.001 → 15
      // 50.375 KWD per tonne × 2 kg = 0.10075 → 0.101
      expect(total(2n, '45.125', '5.250', 'KWD')).to.equal('0.101');
      expect(total(1000n, '45.125', '5.250', 'KWD')).to.equal('50.375');
      expect(total(3n, '10.000', '0.500', 'BHD')).to.equal('0.032'); // 0.0315 → 0.032
    });

    it('keeps prices more precise than the currency until the final rounding', () => {
      // 0.125 per tonne × 1,000,000 t is 125,000.00, not 130,000.00 from rounding the price first.
      expect(total(1_000_000_000n, '0.125', '0', 'EUR')).to.equal('125000.00');
      const estimate = estimatePrice(1000n, { creditPerTonne: '0.125', verificationPerTonne: '0', currency: 'EUR' })!;
      expect(estimate.perTonneMinor).to.equal(13n);
    });

    it('gives no estimate for null or unreadable prices or currency', () => {
      expect(total(1000n, null, '15.00', 'EUR')).to.equal(undefined);
      expect(total(1000n, '120.00', null, 'EUR')).to.equal(undefined);
      expect(total(1000n, '120.00', '15.00', null)).to.equal(undefined);
      expect(total(1000n, '120,00', '15.00', 'EUR')).to.equal(undefined);
      expect(total(1000n, '120.00', '15.00', 'EURO')).to.equal(undefined);
      expect(total(1000n, '120.00', '15.00', 'XYZ1')).to.equal(undefined);
    });

    it('formats exact amounts with Intl in the locale', () => {
      expect(formatMoney('135000000.00', 'USD', 'en-US')).to.equal('$135,000,000.00');
      expect(formatMoney('0.14', 'EUR', 'de-DE')).to.equal(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(0.14));
      expect(formatMoney('17', 'JPY', 'ja-JP')).to.equal(new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' }).format(17));
      expect(formatMoney('0.101', 'KWD', 'en')).to.equal(new Intl.NumberFormat('en', { style: 'currency', currency: 'KWD' }).format(0.101));
      // A price with more decimals than the currency is shown in full.
      expect(formatMoney('0.125', 'EUR', 'en')).to.equal('€0.125');
      expect(formatMoney('900719925474099.10', 'USD', 'en-US')).to.equal('$900,719,925,474,099.10');
    });
  });

  describe('return URLs', () => {
    it('adds iso_checkout to the page URL and keeps the rest byte for byte', () => {
      expect(defaultReturnUrl('https://shop.example/pricing', 'cancel')).to.equal('https://shop.example/pricing?iso_checkout=cancel');
      expect(defaultReturnUrl('https://shop.example/pricing?plan=a%20b&x=1#buy', 'cancel')).to.equal('https://shop.example/pricing?plan=a%20b&x=1&iso_checkout=cancel#buy');
    });

    it('passes Stripe’s {CHECKOUT_SESSION_ID} placeholder through unencoded in the success URL', () => {
      const url = defaultReturnUrl('https://shop.example/pricing?plan=a', 'success')!;
      expect(url).to.equal('https://shop.example/pricing?plan=a&iso_checkout=success&iso_checkout_session={CHECKOUT_SESSION_ID}');
      expect(url).to.not.contain('%7B');
    });

    it('replaces an earlier iso_checkout result instead of adding a second', () => {
      const back = 'https://shop.example/p?iso_checkout=success&iso_checkout_session=cs_test_1&ref=x';
      expect(defaultReturnUrl(back, 'cancel')).to.equal('https://shop.example/p?ref=x&iso_checkout=cancel');
    });

    it('refuses pages that are not http(s)', () => {
      expect(defaultReturnUrl('about:blank', 'success')).to.equal(undefined);
      expect(defaultReturnUrl('file:///tmp/x.html', 'success')).to.equal(undefined);
    });

    it('resolves given URLs and keeps the placeholder even where URL parsing encodes braces', () => {
      expect(resolveReturnUrl('/thanks?s={CHECKOUT_SESSION_ID}', 'https://shop.example/a/b')).to.equal('https://shop.example/thanks?s={CHECKOUT_SESSION_ID}');
      expect(resolveReturnUrl('https://shop.example/done/{CHECKOUT_SESSION_ID}', 'https://x.example/')).to.equal('https://shop.example/done/{CHECKOUT_SESSION_ID}');
      expect(resolveReturnUrl('javascript:alert(1)', 'https://shop.example/')).to.equal(undefined);
    });

    it('reads the return status from the query', () => {
      expect(readReturnStatus('?iso_checkout=success&iso_checkout_session=cs_1')).to.equal('success');
      expect(readReturnStatus('?iso_checkout=cancel')).to.equal('cancel');
      expect(readReturnStatus('?iso_checkout=maybe')).to.equal(undefined);
      expect(readReturnStatus('')).to.equal(undefined);
    });
  });

  describe('redirect checks', () => {
    it('allows https on checkout.stripe.com only, by default', () => {
      expect(checkRedirect('https://checkout.stripe.com/c/pay/cs_test_123')?.href).to.equal('https://checkout.stripe.com/c/pay/cs_test_123');
      expect(checkRedirect('http://checkout.stripe.com/c/pay/cs_test_123')).to.equal(undefined);
      expect(checkRedirect('https://evil.com/c/pay')).to.equal(undefined);
      expect(checkRedirect('https://checkout.stripe.com.evil.com/')).to.equal(undefined);
      expect(checkRedirect('https://user:pw@checkout.stripe.com/')).to.equal(undefined);
      expect(checkRedirect('javascript:alert(1)')).to.equal(undefined);
      expect(checkRedirect('/relative')).to.equal(undefined);
      expect(checkRedirect(undefined)).to.equal(undefined);
      expect(checkRedirect('http://localhost:8000/x')).to.equal(undefined);
    });

    it('extends the list with allowed-redirect-hosts; http only for localhost, 127.0.0.1 and [::1]', () => {
      const { hosts, invalid } = parseHostList(' pay.example.com, LOCALHOST:8000 ,127.0.0.1,, not a host ');
      expect(hosts).to.deep.equal(['pay.example.com', 'localhost:8000', '127.0.0.1']);
      expect(invalid).to.deep.equal(['not a host']);
      expect(checkRedirect('https://pay.example.com/s', hosts)).to.not.equal(undefined);
      expect(checkRedirect('http://pay.example.com/s', hosts)).to.equal(undefined);
      expect(checkRedirect('http://localhost:8000/registry/v0/_local/checkout/cs_1', hosts)).to.not.equal(undefined);
      expect(checkRedirect('http://localhost:9999/x', hosts)).to.equal(undefined);
      expect(checkRedirect('http://127.0.0.1:4000/x', hosts)).to.not.equal(undefined);
      expect(checkRedirect('https://checkout.stripe.com/x', hosts)).to.not.equal(undefined);
    });

    it('allows https only on the port an entry names, the default one when it names none (the proxy\u2019s rule)', () => {
      const { hosts } = parseHostList('pay.example.com, pay.example.com:8443, localhost');
      expect(checkRedirect('https://pay.example.com:8443/s', hosts)).to.not.equal(undefined);
      expect(checkRedirect('https://pay.example.com:9443/s', hosts)).to.equal(undefined);
      expect(checkRedirect('https://checkout.stripe.com:8443/c/pay', hosts)).to.equal(undefined);
      expect(checkRedirect('https://localhost:8443/x', hosts)).to.equal(undefined);
      expect(checkRedirect('http://localhost:8443/x', hosts)).to.not.equal(undefined);
      expect(checkRedirect('http://[::1]:8443/x', parseHostList('[::1]').hosts)).to.not.equal(undefined);
    });
  });
});
