// Whatever the proxy answers, nothing escapes to the host page: no uncaught error, no unhandled
// rejection, no console.error. Every element meets every fault and shows either a readable error
// state (part="error" with data-error-kind, a retry button when retrying can help) or a sensible
// fallback render, never a blank box.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { IsoCheckoutButton } from '../../src/elements/checkout-button/checkout-button.js';
import type { RegistryErrorKind } from '../../src/data/errors.js';
import { PollingController, systemClock } from '../../src/elements/shared/polling-controller.js';
import { errorKind, make, useFetchSpy, type FetchSpy } from '../support/data-element-suite.js';
import { ELEMENTS, STRIPE_CONFIGURATION, ManualClock, apiPath, derived, isJsonObject, nextTask, realAnswer, scrolledIntoView, until, watchEscapesPerTest, type Json } from '../support/elements.js';
import { expectContained, expectReadableError, retryButton, settle } from '../support/fault-checks.js';

interface Fault {
  name: string;
  /** The proxy's answer; may derive it from the real one (`realAnswer(request)`). */
  answer: (request: Request) => Promise<Response>;
  /**
   * The error the element must show; undefined when a fallback render is as good as an error. A
   * function when it depends on which requests the element makes.
   */
  kind?: RegistryErrorKind | ((tag: string) => RegistryErrorKind | undefined);
  /** Set when the fault takes the same path through the client as another (a further status code). */
  sameAs?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * The reads whose 200 schema is `anyOf[X, null]` (`GET /projects/{id}`, `/suppliers/{id}`,
 * `/organisations/{id}`): there `null` is the API saying "not found"; anywhere else it is invalid.
 */
const answersNull = (request: Request): boolean => /^\/(projects|suppliers|organisations)\/[^/]+$/.test(apiPath(request));

/** The error `fault` must cause in the element `tag`. */
function kindOf(fault: Fault, tag: string): RegistryErrorKind | undefined {
  return typeof fault.kind === 'function' ? fault.kind(tag) : fault.kind;
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function htmlPage(status: number): Response {
  return new Response('<!doctype html><html><head><title>Error</title></head><body><h1>Something went wrong</h1><script>window.__leaked = 1</script></body></html>', {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

/** Drops (or nulls) every nested object: `supplier`, `total`, `credit_batch_size_total`, `page_info`… */
function withoutNested(replacement: undefined | null): (request: Request) => Promise<Response> {
  return derived((value) => {
    if (!isJsonObject(value)) return value;
    const result: Record<string, Json> = {};
    for (const [name, item] of Object.entries(value)) {
      if (isJsonObject(item)) {
        if (replacement === null) result[name] = null;
      } else result[name] = item;
    }
    return result;
  });
}

/** The real answer with every number 1e400, which JSON.parse turns into Infinity. */
async function outOfRange(request: Request): Promise<Response> {
  const real = await realAnswer(request);
  const text = (await real.text()).replace(/:(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=[,}])/g, ':1e400');
  return new Response(text, { status: real.status, headers: JSON_HEADERS });
}

/** The first half of the real answer. */
async function truncated(request: Request): Promise<Response> {
  const text = await (await realAnswer(request)).text();
  return new Response(text.slice(0, Math.floor(text.length / 2)), { status: 200, headers: JSON_HEADERS });
}

const FAULTS: readonly Fault[] = [
  { name: 'an HTML page with 200', answer: async () => htmlPage(200), kind: 'invalid-response' },
  { name: 'an HTML error page with 500', answer: async () => htmlPage(500), kind: 'unavailable' },
  { name: 'an empty 200 with content-length 0', answer: async () => new Response('', { status: 200, headers: { ...JSON_HEADERS, 'content-length': '0' } }), kind: 'invalid-response' },
  { name: 'an empty 200 without a length', answer: async () => new Response('', { status: 200, headers: JSON_HEADERS }), kind: 'invalid-response', sameAs: 'an empty 200 with content-length 0' },
  { name: '204 No Content', answer: async () => new Response(null, { status: 204 }), kind: 'invalid-response' },
  { name: '{}', answer: async () => json({}) },
  { name: '[]', answer: async () => json([]) },
  // Elements whose first load includes a project or organisation read: the card, and the counter (its organisation).
  {
    name: '200 null where the API says "not found" with it',
    answer: async (request) => (answersNull(request) ? json(null) : realAnswer(request)),
    kind: (tag) => (tag === 'iso-project-card' || tag === 'iso-impact-counter' ? 'not-found' : undefined),
  },
  {
    name: 'null where the API never answers null',
    answer: async (request) => (answersNull(request) ? realAnswer(request) : json(null)),
    // The card's only such read is its documents, which fail on their own.
    kind: (tag) => (tag === 'iso-project-card' ? undefined : 'invalid-response'),
  },
  { name: 'a JSON string', answer: async () => json('nodes'), kind: 'invalid-response', sameAs: 'null where the API never answers null' },
  { name: '{"nodes":"x"}', answer: async () => json({ nodes: 'x' }) },
  { name: '{"nodes":[null, 1, "x", []]}', answer: async () => json({ nodes: [null, 1, 'x', []], total_count: 4 }) },
  { name: 'numbers as strings', answer: derived((value) => (typeof value === 'number' ? String(value) : value)) },
  { name: 'strings as numbers (ids and links kept)', answer: derived((value, key) => (typeof value === 'string' && key !== 'id' && !/(^|_)url$/.test(key) ? 7 : value)) },
  { name: 'numbers out of range (1e400)', answer: outOfRange },
  { name: 'nested objects missing (supplier, total, credit_batch_size_total…)', answer: withoutNested(undefined) },
  { name: 'nested objects null', answer: withoutNested(null) },
  { name: 'truncated JSON', answer: truncated, kind: 'invalid-response' },
  { name: '500 with a JSON error', answer: async () => json({ error: 'internal_error', message: 'The proxy failed.' }, 500), kind: 'unavailable', sameAs: '503 Service Unavailable' },
  { name: '502 Bad Gateway', answer: async () => json({ error: 'upstream_error', message: 'The Registry API failed.' }, 502), kind: 'unavailable', sameAs: '503 Service Unavailable' },
  { name: '503 Service Unavailable', answer: async () => json({ error: 'upstream_unavailable', message: 'The Registry API could not be reached.' }, 503), kind: 'unavailable' },
  { name: '504 Gateway Timeout', answer: async () => new Response('upstream timed out', { status: 504, headers: { 'content-type': 'text/plain' } }), kind: 'unavailable', sameAs: 'an HTML error page with 500' },
  { name: '429 with Retry-After', answer: async () => json({ error: 'rate_limited', message: 'Too many requests from this address; try again in 30 s.' }, 429, { 'retry-after': '30' }), kind: 'unavailable', sameAs: '503 Service Unavailable' },
  { name: 'the network down (fetch rejects)', answer: async () => Promise.reject(new TypeError('Failed to fetch')), kind: 'unavailable' },
  { name: 'an aborted request', answer: async () => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')), kind: 'unavailable' },
];

/** One fault per path through the client and the elements, for the suites that multiply them. */
const DISTINCT_FAULTS = FAULTS.filter((fault) => !fault.sameAs);

/** Where an element shows an error: its error box, or the checkout's inline and submit errors. */
const ERROR_STATES = '[part~="error"], [part~="inline-error"], [part~="submit-error"]';

describe('faults: every element × every proxy answer', () => {
  const escapes = watchEscapesPerTest();

  for (const spec of ELEMENTS) {
    describe(`<${spec.tag}>`, () => {
      for (const fault of FAULTS) {
        it(`copes with ${fault.name}`, async () => {
          const spy = useFetchSpy();
          spy.respond = fault.answer;
          const el = await make(spec.tag, { ...spec.valid });
          await settle(el, spec);
          await expectContained(el, escapes);
          const kind = kindOf(fault, spec.tag);
          if (kind === 'not-found') {
            // Final: said once, with nothing to retry.
            expect(errorKind(el)).to.equal(kind);
            expectReadableError(el, ERROR_STATES);
            expect(retryButton(el)).to.equal(null);
          } else if (kind) {
            expect(errorKind(el)).to.equal(kind);
            expectReadableError(el, ERROR_STATES);
            // Every fault here is one that retrying can cure.
            spy.respond = realAnswer;
            retryButton(el)!.click();
            await until(() => spec.isLoaded(el), 'retry did not recover');
          } else if (errorKind(el) !== null) {
            expectReadableError(el, ERROR_STATES);
          } else {
            expect(spec.isLoaded(el), 'neither an error nor a fallback render').to.equal(true);
          }
          await nextTask();
          expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
        });
      }

      if (spec.tag !== 'iso-checkout-button') {
        for (const fault of DISTINCT_FAULTS) {
          it(`copes with ${fault.name} on its further requests only`, async () => {
            const spy = useFetchSpy();
            spy.respond = (request) => (spec.secondary(apiPath(request)) ? fault.answer(request) : realAnswer(request));
            const el = await make(spec.tag, { ...spec.valid });
            await settle(el, spec);
            // The feed looks its entries' projects up once they are in view.
            if (spec.lazy) await scrolledIntoView(el);
            expect(spy.requests.some((request) => spec.secondary(apiPath(request))), 'the fault was never met').to.equal(true);
            await expectContained(el, escapes);
            // The card's documents fail on their own: the project still shows.
            if (spec.tag === 'iso-project-card') expect(spec.isLoaded(el), 'the documents hid the project').to.equal(true);
            if (errorKind(el) !== null) expectReadableError(el, ERROR_STATES);
            else expect(spec.isLoaded(el)).to.equal(true);
          });
        }
      }
    });
  }
});

describe('faults: the live feed after its first page', () => {
  const escapes = watchEscapesPerTest();
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock();
    PollingController.clock = clock;
  });
  afterEach(() => {
    PollingController.clock = systemClock;
  });

  const feed = ELEMENTS.find((spec) => spec.tag === 'iso-retirement-feed')!;

  /** A feed showing its real first page, with later requests answered by `fault`. */
  async function feedThenFault(spy: FetchSpy, fault: Fault, attributes: Record<string, string>): Promise<Element> {
    const el = await make(feed.tag, { ...feed.valid, ...attributes });
    await until(() => feed.isLoaded(el), 'the first page did not load');
    spy.respond = fault.answer;
    return el;
  }

  function entryCount(el: Element): number {
    return el.shadowRoot!.querySelectorAll('[data-retirement-id]').length;
  }

  for (const fault of DISTINCT_FAULTS) {
    it(`keeps its entries when "show more" meets ${fault.name}`, async () => {
      const spy = useFetchSpy();
      const el = await feedThenFault(spy, fault, {});
      const before = entryCount(el);
      const requests = spy.requests.length;
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="show-more"]')!.click();
      // Done when the failure shows, further entries arrived, or the page said there are no more.
      await until(
        () => spy.requests.length > requests && (el.shadowRoot!.querySelector('[part~="inline-error"]') !== null || entryCount(el) > before || el.shadowRoot!.querySelector('[part~="show-more"]') === null),
        'the page request never ended',
      );
      await nextTask();
      await expectContained(el, escapes);
      expect(entryCount(el)).to.be.at.least(before);
      const kind = kindOf(fault, feed.tag);
      if (kind) {
        expect(el.shadowRoot!.querySelector('[part~="inline-error"]')?.getAttribute('data-error-kind')).to.equal(kind);
        expectReadableError(el, ERROR_STATES);
        spy.respond = realAnswer;
        retryButton(el)!.click();
        await until(() => entryCount(el) > before, 'retry did not load the next page');
      }
    });

    it(`keeps its entries when a poll meets ${fault.name}`, async () => {
      const spy = useFetchSpy();
      const el = await feedThenFault(spy, fault, { 'poll-interval': '30' });
      const before = entryCount(el);
      const requests = spy.requests.length;
      clock.fire();
      // The poll is over when the next one is scheduled.
      await until(() => spy.requests.length > requests && clock.pending > 0, 'the poll never ended');
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      await nextTask();
      await expectContained(el, escapes);
      const kind = kindOf(fault, feed.tag);
      expect(entryCount(el)).to.be.at.least(kind ? before : 0);
      if (kind) {
        expect(el.shadowRoot!.querySelector('[part~="inline-error"]')?.getAttribute('data-error-kind')).to.equal(kind);
        expectReadableError(el, ERROR_STATES);
        spy.respond = realAnswer;
        retryButton(el)!.click();
        await until(() => el.shadowRoot!.querySelector('[part~="inline-error"]') === null, 'retry did not clear the failed poll');
      }
    });
  }
});

describe('faults: the checkout request', () => {
  const escapes = watchEscapesPerTest();

  const STRIPE_URL = 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3';

  const POST_FAULTS: readonly { name: string; answer: Fault['answer']; kind: string }[] = [
    { name: '500 with a JSON error', answer: async () => json({ error: 'internal_error', message: 'The proxy failed.' }, 500), kind: 'unavailable' },
    { name: 'an HTML error page with 500', answer: async () => htmlPage(500), kind: 'unavailable' },
    { name: 'an HTML page with 200', answer: async () => htmlPage(200), kind: 'invalid-response' },
    { name: 'bad JSON', answer: async () => new Response('{"redirect_url": "https://checkout.str', { status: 200, headers: JSON_HEADERS }), kind: 'invalid-response' },
    { name: 'an empty 200', answer: async () => new Response('', { status: 200, headers: { ...JSON_HEADERS, 'content-length': '0' } }), kind: 'invalid-response' },
    { name: '{} (no redirect URL)', answer: async () => json({}), kind: 'redirect-refused' },
    { name: 'a redirect URL that is not a string', answer: async () => json({ redirect_url: { href: STRIPE_URL } }), kind: 'redirect-refused' },
    { name: '429 with Retry-After', answer: async () => json({ error: 'rate_limited', message: 'Too many checkout sessions from this address; try again in 60 s.' }, 429, { 'retry-after': '60' }), kind: 'unavailable' },
    { name: '503 Service Unavailable', answer: async () => json({ error: 'upstream_unavailable', message: 'The Registry API could not be reached.' }, 503), kind: 'unavailable' },
    { name: 'the network down (fetch rejects)', answer: async () => Promise.reject(new TypeError('Failed to fetch')), kind: 'unavailable' },
    { name: 'an aborted request', answer: async () => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')), kind: 'unavailable' },
  ];

  for (const fault of POST_FAULTS) {
    it(`shows ${fault.name} inline and lets the person try again`, async () => {
      const spy = useFetchSpy();
      let post = fault.answer;
      spy.respond = async (request) => {
        const path = apiPath(request);
        if (request.method === 'GET' && path === '/stripe/configuration') return json(STRIPE_CONFIGURATION);
        if (request.method === 'POST' && path === '/stripe/checkout') return post(request);
        return json({ detail: 'Not Found' }, 404);
      };
      const el = await fixture<IsoCheckoutButton>(html`<iso-checkout-button inline></iso-checkout-button>`);
      const navigations: string[] = [];
      el.navigate = (url) => navigations.push(url);
      await until(() => el.shadowRoot!.querySelector('[part~="form"]'), 'the form did not render');
      for (const id of ['#accept-isometric', '#accept-supplier']) el.shadowRoot!.querySelector<HTMLInputElement>(id)!.click();
      await el.updateComplete;
      const submit = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!;
      submit().click();
      await until(() => el.shadowRoot!.querySelector('[part~="submit-error"]'), 'no inline error');
      await nextTask();
      await expectContained(el, escapes);
      expect(el.shadowRoot!.querySelector('[part~="submit-error"]')!.getAttribute('data-error-kind')).to.equal(fault.kind);
      expectReadableError(el, ERROR_STATES);
      expect(submit().getAttribute('aria-busy')).to.equal('false');
      post = async () => json({ redirect_url: STRIPE_URL });
      submit().click();
      await until(() => navigations.length === 1, 'trying again did not reach the checkout');
      expect(el.shadowRoot!.querySelector('[part~="submit-error"]')).to.equal(null);
    });
  }
});
