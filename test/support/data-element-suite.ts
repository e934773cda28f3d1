// The behaviour every data element shares — loading, invalid input, not found, upstream faults,
// retry, abort on removal — tested once here and run for each element.
import { expect, fixture } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { waitUntil } from './wait.js';
import type { LitElement } from 'lit';
import { configure } from '../../src/data/config.js';
import { sharedCache } from '../../src/elements/shared/registry-controller.js';
import { translationsLoaded } from '../../src/i18n/localize.js';

/** Waits until `el` shows the German or French strings it asked for: they load after its first render. */
export async function localeReady(el: LitElement): Promise<void> {
  await translationsLoaded();
  await el.updateComplete;
}

export interface DataElementSuiteOptions {
  tag: string;
  /** Attributes that load real data from the local registry (called inside each test). */
  valid: () => Record<string, string>;
  /** Attributes the element must refuse before any request. */
  invalid: Record<string, string>;
  /** Attributes naming a well-formed id the registry does not know. */
  notFound?: Record<string, string>;
  /** Returns true once the element shows loaded data. */
  isLoaded: (el: LitElement) => boolean;
}

/** A fetch that records requests and lets a test decide how each one is answered. */
export class FetchSpy {
  readonly requests: Request[] = [];
  /** Answers a request; the default passes it to the real network (the test runner's /api). */
  respond: (request: Request) => Promise<Response> = (request) => window.fetch(request);

  readonly fetch = (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    this.requests.push(request);
    return this.respond(request);
  };
}

/**
 * Holds every answer `spy` gives (as it answers now) until the returned function is called, so a
 * test can look at an element while its requests are in flight.
 */
export function holdResponses(spy: FetchSpy): () => void {
  const respond = spy.respond;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  spy.respond = async (request) => {
    await gate;
    return respond(request);
  };
  return release;
}

/** Installs a fresh `FetchSpy` and endpoint for one test; returns it. */
export function useFetchSpy(): FetchSpy {
  const spy = new FetchSpy();
  sharedCache.clear();
  configure({ endpoint: '/api', fetch: spy.fetch, cacheTtl: 60_000 });
  return spy;
}

function attributes(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${value.replaceAll('"', '&quot;')}"`)
    .join(' ');
}

export async function make<T extends LitElement>(tag: string, values: Record<string, string>): Promise<T> {
  // Built from a string so the suite works for any tag; values are test constants.
  const container = await fixture<HTMLDivElement>(`<div><${tag} ${attributes(values)}></${tag}></div>`);
  const el = container.firstElementChild as T;
  await el.updateComplete;
  return el;
}

export function errorKind(el: LitElement): string | null {
  return el.shadowRoot?.querySelector('[part~="error"]')?.getAttribute('data-error-kind') ?? null;
}

function retryButton(el: LitElement): HTMLButtonElement | null {
  return el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="retry-button"]') ?? null;
}

function base(el: LitElement): Element | null {
  return el.shadowRoot?.querySelector('[part~="base"]') ?? null;
}

/** Runs the shared data-element tests inside the caller's `describe`. */
export function dataElementSuite(options: DataElementSuiteOptions): void {
  const { tag } = options;

  describe('shared data-element behaviour', () => {
    let warn: typeof console.warn;
    let warnings: unknown[][];

    beforeEach(() => {
      warn = console.warn;
      warnings = [];
      console.warn = (...args: unknown[]) => warnings.push(args);
    });

    afterEach(() => {
      console.warn = warn;
      configure({ fetch: undefined, endpoint: undefined });
    });

    it('shows a busy skeleton while loading, then the data', async () => {
      const spy = useFetchSpy();
      const release = holdResponses(spy);
      const el = await make<LitElement>(tag, options.valid());
      expect(base(el)?.getAttribute('aria-busy')).to.equal('true');
      expect(options.isLoaded(el)).to.equal(false);
      release();
      await waitUntil(() => options.isLoaded(el), 'element did not render its data');
      expect(base(el)?.getAttribute('aria-busy')).to.not.equal('true');
    });

    it('pulses its skeleton as one or two animations, none once loaded or under reduced motion', async () => {
      const spy = useFetchSpy();
      const release = holdResponses(spy);
      const pulses = (el: LitElement) => el.shadowRoot!.getAnimations().filter((a) => a instanceof CSSAnimation && a.animationName === 'iso-pulse');
      try {
        await emulateMedia({ reducedMotion: 'no-preference' });
        const el = await make<LitElement>(tag, options.valid());
        // One per skeleton box, not one per block: a page of 100 loading cards started 2,000 before.
        expect(pulses(el).length).to.be.within(1, 2);
        await emulateMedia({ reducedMotion: 'reduce' });
        await waitUntil(() => pulses(el).length === 0, 'the skeleton still pulses under prefers-reduced-motion: reduce');
        await emulateMedia({ reducedMotion: 'no-preference' });
        release();
        await waitUntil(() => options.isLoaded(el), 'element did not render its data');
        expect(pulses(el)).to.have.length(0);
      } finally {
        release();
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });

    it('refuses invalid input before any request, with a message and a console warning', async () => {
      const spy = useFetchSpy();
      const el = await make<LitElement>(tag, options.invalid);
      await waitUntil(() => errorKind(el) === 'invalid-input', 'no invalid-input message');
      expect(spy.requests).to.have.length(0);
      expect(el.shadowRoot?.querySelector('[part~="error"]')?.textContent).to.match(/expected an id like|required|must be|invalid/i);
      expect(warnings.some((args) => String(args[0]).includes(tag))).to.equal(true);
    });

    if (options.notFound) {
      const notFound = options.notFound;
      it('says "not found" for an unknown id, without a retry button', async () => {
        useFetchSpy();
        const el = await make<LitElement>(tag, notFound);
        await waitUntil(() => errorKind(el) === 'not-found', 'no not-found state');
        expect(retryButton(el)).to.equal(null);
      });

      // The API's own way of saying it: `200 null` for an unknown project, supplier or organisation
      // (their 200 schema is `anyOf[X, null]`), 404 for the other reads. Both are the same final "not found".
      const nullable = (request: Request) => /\/(projects|suppliers|organisations)\/[^/]+$/.test(new URL(request.url).pathname);
      const notFoundAnswer = () => new Response(JSON.stringify({ detail: 'Not found' }), { status: 404, headers: { 'content-type': 'application/json' } });
      for (const [answer, respond] of [
        ['200 null where the schema allows it, 404 elsewhere', (request: Request) => (nullable(request) ? new Response('null', { status: 200, headers: { 'content-type': 'application/json' } }) : notFoundAnswer())],
        ['404 everywhere', () => notFoundAnswer()],
      ] as const) {
        it(`says "not found" when the registry answers ${answer}, without a retry button`, async () => {
          const spy = useFetchSpy();
          spy.respond = async (request) => respond(request);
          const el = await make<LitElement>(tag, notFound);
          await waitUntil(() => errorKind(el) === 'not-found', `no not-found state for ${answer}`);
          expect(retryButton(el)).to.equal(null);
          expect(spy.requests.length).to.be.greaterThan(0);
          expect(el.shadowRoot?.querySelector('[part~="error"]')?.textContent?.trim()).to.not.equal('');
        });
      }
    }

    it('shows a retryable error when the proxy fails, and recovers on retry', async () => {
      const spy = useFetchSpy();
      spy.respond = async () => new Response(JSON.stringify({ error: 'upstream_error', message: 'Upstream failed.' }), { status: 502, headers: { 'content-type': 'application/json' } });
      const el = await make<LitElement>(tag, options.valid());
      await waitUntil(() => errorKind(el) === 'unavailable', 'no error state');
      spy.respond = (request) => window.fetch(request);
      retryButton(el)!.click();
      await waitUntil(() => options.isLoaded(el), 'retry did not load the data');
      expect(errorKind(el)).to.equal(null);
    });

    it('treats a network failure and an HTML error page as retryable errors', async () => {
      const spy = useFetchSpy();
      spy.respond = async () => {
        throw new TypeError('Failed to fetch');
      };
      const down = await make<LitElement>(tag, options.valid());
      await waitUntil(() => errorKind(down) === 'unavailable', 'network failure not shown');
      expect(retryButton(down)).to.not.equal(null);

      sharedCache.clear();
      spy.respond = async () => new Response('<html><body>Bad gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
      const html = await make<LitElement>(tag, options.valid());
      await waitUntil(() => errorKind(html) === 'invalid-response', 'HTML page not shown as an error');
      expect(retryButton(html)).to.not.equal(null);
    });

    it('aborts its request when removed and loads again when re-added', async () => {
      const spy = useFetchSpy();
      const release = holdResponses(spy);
      const el = await make<LitElement>(tag, options.valid());
      await waitUntil(() => spy.requests.length > 0, 'no request started');
      const first = spy.requests[0]!;
      const parent = el.parentElement!;
      el.remove();
      expect(first.signal.aborted).to.equal(true);
      release();
      parent.append(el);
      await waitUntil(() => options.isLoaded(el), 'element did not load after re-adding');
    });
  });
}
