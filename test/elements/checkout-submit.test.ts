// The submit path of <iso-checkout-button> without the element: the request body, the POST through
// an openapi-fetch client over a stub fetch, and every way it can end.
import { expect } from '@open-wc/testing';
import createClient from 'openapi-fetch';
import type { paths } from '../../src/generated/registry-schema.js';
import type { CheckoutRequest } from '../../src/data/types.js';
import { checkoutRequest, startCheckout, type CheckoutOutcome } from '../../src/elements/checkout-button/submit.js';

const ENDPOINT = 'https://proxy.test/api';
const URLS = { success: 'https://shop.test/thanks?s={CHECKOUT_SESSION_ID}', cancel: 'https://shop.test/pricing' };
const ORDER = { kg: 2500n, frequency: 'monthly', email: 'buyer@example.com' } as const;

function body(): CheckoutRequest {
  const request = checkoutRequest(ORDER, { endpoint: ENDPOINT, returnUrls: URLS });
  if ('type' in request) throw new Error(request.message);
  return request.body;
}

/** Runs startCheckout against a fetch that answers with `answer`; returns the outcome and the requests made. */
async function run(
  answer: (request: Request) => Promise<Response>,
  options: { redirectHosts?: string[]; signal?: AbortSignal } = {},
): Promise<{ outcome: CheckoutOutcome; requests: Request[] }> {
  const requests: Request[] = [];
  const client = createClient<paths>({
    baseUrl: ENDPOINT,
    fetch: async (request: Request) => {
      requests.push(request.clone());
      return answer(request);
    },
  });
  const outcome = await startCheckout(body(), { client, signal: options.signal ?? new AbortController().signal, redirectHosts: options.redirectHosts ?? [] });
  return { outcome, requests };
}

const redirectTo = (url: unknown) => async () => Response.json({ redirect_url: url });

describe('<iso-checkout-button> submit', () => {
  describe('checkoutRequest', () => {
    it('builds the body the proxy expects: integer kg, both terms, the return URLs as given', () => {
      const request = checkoutRequest(ORDER, { endpoint: ENDPOINT, returnUrls: URLS });
      expect(request).to.deep.equal({
        endpoint: ENDPOINT,
        body: {
          quantity_kg: 2500,
          frequency: 'monthly',
          isometric_terms_and_conditions_accepted: true,
          supplier_terms_and_conditions_accepted: true,
          success_url: URLS.success,
          cancel_url: URLS.cancel,
          customer_email: 'buyer@example.com',
        },
      });
      const anonymous = checkoutRequest({ ...ORDER, email: null }, { endpoint: ENDPOINT, returnUrls: URLS });
      expect('body' in anonymous && anonymous.body).to.not.have.property('customer_email');
    });

    it('says why nothing can be sent: no endpoint first, then no page to come back to', () => {
      expect(checkoutRequest(ORDER, { endpoint: undefined, returnUrls: undefined })).to.include({ type: 'failed', kind: 'not-configured' });
      expect(checkoutRequest(ORDER, { endpoint: undefined, returnUrls: URLS })).to.include({ type: 'failed', kind: 'not-configured' });
      const noPage = checkoutRequest(ORDER, { endpoint: ENDPOINT, returnUrls: undefined });
      expect(noPage).to.include({ type: 'failed', kind: 'invalid-input', status: undefined });
      expect('message' in noPage && noPage.message).to.match(/success-url and cancel-url/);
    });
  });

  describe('startCheckout', () => {
    it('POSTs the body as JSON to /stripe/checkout and returns an allowed redirect', async () => {
      const { outcome, requests } = await run(redirectTo('https://checkout.stripe.com/c/pay/cs_test_1'));
      expect(outcome).to.deep.equal({ type: 'redirect', url: 'https://checkout.stripe.com/c/pay/cs_test_1' });
      expect(requests).to.have.length(1);
      expect(requests[0]!.method).to.equal('POST');
      expect(requests[0]!.url).to.equal(`${ENDPOINT}/stripe/checkout`);
      const sent = await requests[0]!.text();
      expect(JSON.parse(sent)).to.deep.equal(body());
      expect(sent).to.contain('{CHECKOUT_SESSION_ID}');
    });

    it('refuses a redirect to a host that is not allowed, without throwing', async () => {
      for (const url of ['https://evil.test/pay', 'http://checkout.stripe.com/pay', 'https://checkout.stripe.com:8443/pay', 'javascript:alert(1)', 42, null]) {
        const { outcome } = await run(redirectTo(url));
        expect(outcome, String(url)).to.include({ type: 'failed', kind: 'redirect-refused', status: undefined });
      }
      const { outcome: missing } = await run(async () => Response.json({}));
      expect(missing).to.include({ kind: 'redirect-refused' });
    });

    it('opens a listed extra host and a listed local simulator on plain http', async () => {
      expect((await run(redirectTo('https://pay.example.test/s'), { redirectHosts: ['pay.example.test'] })).outcome).to.deep.equal({ type: 'redirect', url: 'https://pay.example.test/s' });
      expect((await run(redirectTo('http://localhost:9876/_local/checkout/cs_1'), { redirectHosts: ['localhost'] })).outcome).to.include({ type: 'redirect' });
      expect((await run(redirectTo('http://localhost:9876/_local/checkout/cs_1'))).outcome).to.include({ kind: 'redirect-refused' });
    });

    it('turns a 4xx field refusal into `rejected` with its status and the proxy\u2019s message', async () => {
      const message = 'success_url must be an https URL under one of the proxy\u2019s allowed checkout URLs.';
      const { outcome } = await run(async () => Response.json({ error: 'invalid_field', field: 'success_url', message }, { status: 422 }));
      expect(outcome).to.deep.equal({ type: 'failed', kind: 'rejected', message, status: 422 });
    });

    it('turns a 404 into `not-found` and 5xx or 429 into `unavailable`', async () => {
      expect((await run(async () => Response.json({ detail: 'Not Found' }, { status: 404 }))).outcome).to.include({ kind: 'not-found', status: 404 });
      const upstream = await run(async () => Response.json({ error: 'upstream_unavailable', message: 'The Registry API could not be reached.' }, { status: 502 }));
      expect(upstream.outcome).to.deep.equal({ type: 'failed', kind: 'unavailable', message: 'The Registry API could not be reached.', status: 502 });
      expect((await run(async () => Response.json({ error: 'rate_limited', message: 'Slow down.' }, { status: 429 }))).outcome).to.include({ kind: 'unavailable', status: 429 });
    });

    it('turns an unreadable answer into `invalid-response`', async () => {
      const { outcome } = await run(async () => new Response('{"redirect_url": "https://checkout.str', { status: 200, headers: { 'content-type': 'application/json' } }));
      expect(outcome).to.include({ type: 'failed', kind: 'invalid-response' });
    });

    it('turns a network error, or an abort nobody here asked for, into `unavailable`', async () => {
      const network = await run(async () => {
        throw new TypeError('Failed to fetch');
      });
      expect(network.outcome).to.deep.equal({ type: 'failed', kind: 'unavailable', message: 'Could not reach the registry proxy.', status: undefined });
      const interrupted = await run(async () => {
        throw new DOMException('The operation was aborted.', 'AbortError');
      });
      expect(interrupted.outcome).to.deep.equal({ type: 'failed', kind: 'unavailable', message: 'The request to the registry proxy was interrupted.', status: undefined });
    });

    it('ends as `aborted`, with nothing to show, when its own signal aborts mid-request or after the answer', async () => {
      const controller = new AbortController();
      const pending = run(
        (request) =>
          new Promise<Response>((_resolve, reject) => {
            request.signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
            controller.abort();
          }),
        { signal: controller.signal },
      );
      expect((await pending).outcome).to.deep.equal({ type: 'aborted' });

      const late = new AbortController();
      const { outcome } = await run(
        async () => {
          late.abort();
          return Response.json({ redirect_url: 'https://checkout.stripe.com/c/pay/cs_test_1' });
        },
        { signal: late.signal },
      );
      expect(outcome).to.deep.equal({ type: 'aborted' });
    });
  });
});
