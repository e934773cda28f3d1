// Every element of the kit in one table: the attributes that make it load real data from the local
// registry behind the test runner's /api proxy, and how to tell it has rendered that data. Shared by
// the hostile-data, hostile-host, fault and lifecycle tests so each runs for every element.
// Deliberately imports no element module: predefined.test.ts must load the kit itself.
import { waitUntil } from './wait.js';
import { configure } from '../../src/data/config.js';
import type { PollingClock } from '../../src/elements/shared/polling-controller.js';
import type { StripeConfiguration } from '../../src/data/types.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';

export type Tag = 'iso-project-card' | 'iso-retirement-feed' | 'iso-retirement-certificate' | 'iso-impact-counter' | 'iso-checkout-button';

export interface ElementSpec {
  tag: Tag;
  /** Attributes that load real data, with the options that make further requests turned on. */
  valid: Readonly<Record<string, string>>;
  /** True once the element shows its loaded data. */
  isLoaded: (el: Element) => boolean;
  /**
   * Requests (proxy paths without `/api`) besides the main one: documents, credit batches, names.
   * A fault on these alone must also end in a readable state.
   */
  secondary: (path: string) => boolean;
  /**
   * For an element that looks details up only for what is in view (the feed's entries and their
   * projects and kinds): its parts that do so, and whether a part's details have arrived (or failed
   * for good). `scrolledIntoView` shows each part in turn, as a person reading it all would.
   */
  lazy?: { parts: (el: Element) => Iterable<HTMLElement>; settled: (part: HTMLElement) => boolean };
}

function has(el: Element, selector: string): boolean {
  return !!el.shadowRoot?.querySelector(selector);
}

/** A supplier's Stripe set-up as the proxy answers it: euros, €120 + €15 a tonne. */
export const STRIPE_CONFIGURATION: StripeConfiguration = {
  id: 'ssc_1EFF4PWKE1S0TF1S',
  account_id: 'acct_1TESTACCOUNT',
  credit_product_price_per_tonne: '120.00',
  verification_product_price_per_tonne: '15.00',
  currency: 'eur',
  isometric_terms_and_conditions_url: 'https://isometric.com/legal/terms',
};

export const ELEMENTS: readonly ElementSpec[] = [
  {
    tag: 'iso-project-card',
    valid: { 'project-id': SAMPLE_IDS.projectWithDocuments, 'show-documents': '' },
    isLoaded: (el) => has(el, '[data-figure="issued"]'),
    secondary: (path) => path.endsWith('/documents'),
  },
  {
    tag: 'iso-retirement-feed',
    valid: { 'page-size': '5' },
    isLoaded: (el) => has(el, '[data-figure="count"]'),
    secondary: (path) => path.endsWith('/credit_batches') || path.startsWith('/projects/'),
    lazy: {
      parts: (el) => el.shadowRoot?.querySelectorAll<HTMLElement>('li[data-retirement-id]') ?? [],
      settled: (li) => li.dataset.attribution === 'done',
    },
  },
  {
    tag: 'iso-retirement-certificate',
    valid: { 'retirement-id': SAMPLE_IDS.retirementTwoProjects },
    isLoaded: (el) => has(el, '[data-fact="amount"]'),
    secondary: (path) => path.endsWith('/credit_batches') || path.startsWith('/projects/'),
  },
  {
    tag: 'iso-impact-counter',
    valid: { 'organisation-id': SAMPLE_IDS.organisation, breakdown: 'supplier', 'show-active': '' },
    isLoaded: (el) => has(el, '[data-figure="retired"]'),
    secondary: (path) => path.startsWith('/suppliers/') || /^\/organisations\/[^/]+$/.test(path),
  },
  {
    tag: 'iso-checkout-button',
    valid: { inline: '' },
    isLoaded: (el) => has(el, '[part~="form"]'),
    secondary: () => false,
  },
];

/** The element's `part="base"` wrapper. */
export function base(el: Element): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>('[part~="base"]') ?? null;
}

/** True once the element no longer says it is busy loading (it shows data, a fallback or an error). */
export function settled(el: Element): boolean {
  return base(el)?.getAttribute('aria-busy') === 'false';
}

/**
 * The text a person sees in the element once they look at it: scrolled into view and laid out (a
 * project card away from the viewport is not), rendered text only; hidden nodes do not count.
 */
export async function visibleText(el: Element): Promise<string> {
  await scrolledIntoView(el);
  return (base(el)?.innerText ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Scrolls the element into view and waits until its content has been laid out (a project card's is
 * skipped away from the viewport: `content-visibility: auto`), as a person looking at it would.
 */
export async function scrolledIntoView(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'nearest' });
  const wrapper = base(el);
  const content = wrapper && getComputedStyle(wrapper).contentVisibility === 'auto' ? wrapper.firstElementChild : null;
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  await frame();
  for (let frames = 0; content && !content.checkVisibility({ contentVisibilityAuto: true }); frames += 1) {
    if (frames === 30) throw new Error(`<${el.localName}> was scrolled into view but not laid out within 30 frames`);
    await frame();
  }
  const lazy = ELEMENTS.find((spec) => spec.tag === el.localName)?.lazy;
  if (!lazy) return;
  for (const part of lazy.parts(el)) {
    part.scrollIntoView({ block: 'nearest' });
    await until(() => lazy.settled(part), `<${el.localName}> did not finish what it looks up for a part in view`);
  }
  el.scrollIntoView({ block: 'nearest' });
}

/** The proxy path of a request, without the `/api` prefix and the query. */
export function apiPath(request: Request): string {
  return new URL(request.url).pathname.replace(/^\/api/, '');
}

const answers = new Map<string, Promise<{ status: number; headers: [string, string][]; body: string }>>();

/**
 * The real proxy's answer to a GET, fetched once per page and replayed after that: the local
 * registry's data does not change under these read-only tests, and hundreds of cases ask the same.
 */
export function realAnswer(request: Request): Promise<Response> {
  if (request.method !== 'GET') return window.fetch(request);
  let answer = answers.get(request.url);
  if (!answer) {
    answer = window.fetch(request.url, { headers: request.headers }).then(async (response) => ({
      status: response.status,
      headers: [...response.headers],
      body: await response.text(),
    }));
    answers.set(request.url, answer);
    answer.catch(() => answers.delete(request.url));
  }
  return answer.then(({ status, headers, body }) => {
    request.signal.throwIfAborted();
    return new Response(body, { status, headers });
  });
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isJsonObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Rewrites a JSON value bottom-up with `map(value, key)`; returning undefined drops an object member. */
export function mapJson(value: Json, map: (value: Json, key: string) => Json | undefined, key = ''): Json | undefined {
  if (Array.isArray(value)) return value.map((item) => mapJson(item, map, key) ?? null);
  if (isJsonObject(value)) {
    const result: Record<string, Json> = {};
    for (const [name, item] of Object.entries(value)) {
      const mapped = mapJson(item, map, name);
      if (mapped !== undefined) result[name] = mapped;
    }
    return map(result, key);
  }
  return map(value, key);
}

/** An answer derived from the real one: its JSON rewritten by `map` (error answers pass unchanged). */
export function derived(map: (value: Json, key: string) => Json | undefined): (request: Request) => Promise<Response> {
  return async (request) => {
    const real = await realAnswer(request);
    if (!real.ok) return real;
    return Response.json(mapJson((await real.json()) as Json, map) ?? null);
  };
}

/** Waits for `condition`, checking often: these suites run hundreds of short cases. */
export function until(condition: () => unknown, message: string, options: { timeout?: number } = {}): Promise<void> {
  return waitUntil(condition, message, { interval: 5, timeout: options.timeout ?? 5000 });
}

/** Lets queued tasks run (such as the browser's unhandled-rejection notification) without waiting for time. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** What escaped to the page while it was installed: uncaught errors, unhandled rejections, console.error calls. */
export interface Escapes {
  errors: string[];
  warnings: unknown[][];
  restore(): void;
}

/**
 * Records uncaught errors, unhandled rejections and console.error calls (they are what must never
 * reach a host page), and holds console.warn, which elements use by design; returns the records.
 */
export function watchEscapes(): Escapes {
  const errors: string[] = [];
  const warnings: unknown[][] = [];
  const onError = (event: ErrorEvent) => {
    errors.push(`error: ${event.message}`);
    event.preventDefault();
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    errors.push(`unhandledrejection: ${String(event.reason instanceof Error ? (event.reason.stack ?? event.reason) : event.reason)}`);
    event.preventDefault();
  };
  const { error, warn } = console;
  console.error = (...args: unknown[]) => errors.push(`console.error: ${args.map(String).join(' ')}`);
  console.warn = (...args: unknown[]) => warnings.push(args);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    warnings,
    restore() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      console.error = error;
      console.warn = warn;
    },
  };
}

/**
 * Watches for escapes in every test of the enclosing `describe`: a fresh watch before each test, and
 * after it the page's handlers and console restored and `configure()` reset. Read `errors` and
 * `warnings` inside a test.
 */
export function watchEscapesPerTest(): Escapes {
  let current: Escapes | undefined;
  const watched = (): Escapes => {
    if (!current) throw new Error('Escapes are watched inside a test only.');
    return current;
  };
  beforeEach(() => {
    current = watchEscapes();
  });
  afterEach(() => {
    current?.restore();
    current = undefined;
    configure({ fetch: undefined, endpoint: undefined });
  });
  return {
    get errors() {
      return watched().errors;
    },
    get warnings() {
      return watched().warnings;
    },
    restore: () => watched().restore(),
  };
}

/** A polling clock whose timers run only when the test says so, and which counts them. */
export class ManualClock implements PollingClock {
  private readonly timers = new Map<number, () => void>();
  private nextId = 1;
  time = 1_000_000;

  setTimeout = (callback: () => void): number => {
    this.timers.set(this.nextId, callback);
    return this.nextId++;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  now = (): number => this.time;

  /** How many timers are scheduled and not yet run or cleared. */
  get pending(): number {
    return this.timers.size;
  }

  /** Runs every pending timer once, as if their time had come. */
  fire(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    this.time += 3_600_000;
    for (const callback of due) callback();
  }
}
