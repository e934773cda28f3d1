import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/checkout-button/checkout-button.js';
import type { IsoCheckoutButton } from '../../src/elements/checkout-button/checkout-button.js';
import { configure } from '../../src/data/config.js';
import type { CheckoutRequest, StripeConfiguration } from '../../src/data/types.js';
import type { IsoCheckoutErrorEvent } from '../../src/events/iso-checkout-error.js';
import type { IsoCheckoutRedirectEvent } from '../../src/events/iso-checkout-redirect.js';
import { dataElementSuite, localeReady, make, useFetchSpy, type FetchSpy } from '../support/data-element-suite.js';
import { STRIPE_CONFIGURATION } from '../support/elements.js';


const STRIPE_URL = 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3';

interface FakeStripe {
  /** The JSON bodies of every POST /stripe/checkout, in order. */
  bodies: CheckoutRequest[];
  /** The raw text of every POST body. */
  texts: string[];
}

/**
 * Answers the two Stripe operations in the spy: the configuration (or a given response) and the
 * checkout (a redirect to `redirect`, or a given response). Other requests get a 404.
 */
function fakeStripe(
  spy: FetchSpy,
  options: { config?: Partial<StripeConfiguration>; configResponse?: () => Promise<Response>; redirect?: string; checkout?: () => Promise<Response> } = {},
): FakeStripe {
  const fake: FakeStripe = { bodies: [], texts: [] };
  spy.respond = async (request) => {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path === '/api/stripe/configuration') {
      return options.configResponse ? options.configResponse() : Response.json({ ...STRIPE_CONFIGURATION, ...options.config });
    }
    if (request.method === 'POST' && path === '/api/stripe/checkout') {
      const text = await request.clone().text();
      fake.texts.push(text);
      fake.bodies.push(JSON.parse(text) as CheckoutRequest);
      return options.checkout ? options.checkout() : Response.json({ redirect_url: options.redirect ?? STRIPE_URL });
    }
    return Response.json({ detail: 'Not Found' }, { status: 404 });
  };
  return fake;
}

function $<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${el.localName}>`);
  return found;
}

function maybe(el: Element, selector: string): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

function text(el: Element, selector: string): string {
  // Collapses layout whitespace only: formatted numbers keep their no-break spaces.
  return maybe(el, selector)?.textContent?.replace(/[ \t\n\r]+/g, ' ').trim() ?? '';
}

function formReady(el: IsoCheckoutButton): boolean {
  return !!maybe(el, '[part~="form"]');
}

function active(el: Element): Element | null {
  return el.shadowRoot?.activeElement ?? null;
}

/** Builds the element with navigation captured, and waits for its form. */
async function ready(template: ReturnType<typeof html>): Promise<{ el: IsoCheckoutButton; navigations: string[] }> {
  const el = await fixture<IsoCheckoutButton>(template);
  const navigations: string[] = [];
  el.navigate = (url) => navigations.push(url);
  await waitUntil(() => formReady(el), 'the form did not render');
  return { el, navigations };
}

/** Types into a field the way a person does: input events while typing, change on leaving. */
async function type(el: IsoCheckoutButton, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function acceptTerms(el: IsoCheckoutButton, which: 'both' | 'isometric' | 'supplier' = 'both'): Promise<void> {
  if (which !== 'supplier') $(el, '#accept-isometric').click();
  if (which !== 'isometric') $(el, '#accept-supplier').click();
  await el.updateComplete;
}

function submitButton(el: IsoCheckoutButton): HTMLButtonElement {
  return $<HTMLButtonElement>(el, '[part~="submit-button"]');
}

/** Presses Tab until `predicate` holds for the focused element inside `el`, like a keyboard user. */
async function tabTo(el: Element, predicate: (focused: Element) => boolean, limit = 25): Promise<Element> {
  for (let i = 0; i < limit; i += 1) {
    const focused = active(el);
    if (focused && predicate(focused)) return focused;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error('Tab never reached the expected control');
}

/** Runs `body` with the page URL's query set to `search`, then restores it. */
async function withPageQuery<T>(search: string, body: () => Promise<T>): Promise<T> {
  const before = location.href;
  history.replaceState(history.state, '', `${location.pathname}${search}`);
  try {
    return await body();
  } finally {
    history.replaceState(history.state, '', before);
  }
}

/** Silences the data layer's one-time console warning inside a test; returns what was warned. */
function captureWarnings(): { restore: () => void; warnings: unknown[][] } {
  const warn = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  return { restore: () => (console.warn = warn), warnings };
}

/**
 * The element loaded on its own in a same-origin about:srcdoc frame (not an http(s) page), with the
 * frame's fetch answering the configuration and a checkout redirect to STRIPE_URL.
 */
async function inFrame(attributes: Record<string, string>): Promise<IsoCheckoutButton> {
  // fixtureSync: `fixture` of a plain element waits for an animation frame, which a test page the
  // runner keeps in the background never gets.
  const container = fixtureSync<HTMLDivElement>(html`<div><iframe title="Embedded pricing" srcdoc="<!doctype html><body></body>"></iframe></div>`);
  const frame = container.querySelector('iframe')!;
  // The initial about:blank document is complete too; wait for the srcdoc one.
  await waitUntil(() => frame.contentWindow?.location.href === 'about:srcdoc' && frame.contentDocument?.readyState === 'complete');
  const win = frame.contentWindow as Window & typeof globalThis;
  win.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new win.Request(input, init);
    const body = request.method === 'POST' ? { redirect_url: STRIPE_URL } : STRIPE_CONFIGURATION;
    return new win.Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const script = win.document.createElement('script');
  script.type = 'module';
  script.src = new URL('../../src/elements/checkout-button/checkout-button.ts', import.meta.url).href;
  win.document.head.append(script);
  await waitUntil(() => win.customElements.get('iso-checkout-button'), 'the element did not load in the frame', { timeout: 4000 });
  const el = win.document.createElement('iso-checkout-button') as IsoCheckoutButton;
  for (const [name, value] of Object.entries({ inline: '', endpoint: '/api', ...attributes })) el.setAttribute(name, value);
  win.document.body.append(el);
  await waitUntil(() => formReady(el));
  return el;
}

describe('<iso-checkout-button>', () => {
  afterEach(() => configure({ fetch: undefined, endpoint: undefined }));

  it('is accessible closed, open, inline, and with validation errors', async () => {
    fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button presets="1,5,10" supplier-terms-url="https://supplier.example/terms"></iso-checkout-button>`);
    await expect(el).to.be.accessible();
    $(el, '[part~="button"]').click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog').open);
    await expect(el).to.be.accessible();
    await type(el, '#quantity', 'abc');
    await type(el, '#email', 'nope');
    submitButton(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();

    const { el: inline } = await ready(html`<iso-checkout-button inline presets="1,5" supplier-terms-url="https://supplier.example/terms"></iso-checkout-button>`);
    await expect(inline).to.be.accessible();
  });

  it('is accessible while loading and when not available', async () => {
    fakeStripe(useFetchSpy(), { configResponse: () => new Promise(() => {}) });
    const loading = await fixture<IsoCheckoutButton>(html`<iso-checkout-button inline></iso-checkout-button>`);
    expect(maybe(loading, '[part~="base"]')?.getAttribute('aria-busy')).to.equal('true');
    await expect(loading).to.be.accessible();

    fakeStripe(useFetchSpy(), { configResponse: async () => Response.json({ detail: 'Not Found' }, { status: 404 }) });
    const unavailable = await fixture<IsoCheckoutButton>(html`<iso-checkout-button></iso-checkout-button>`);
    await waitUntil(() => maybe(unavailable, '[part~="unavailable"]'));
    await expect(unavailable).to.be.accessible();
  });

  it('labels its button from the slot, with a default', async () => {
    fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button></iso-checkout-button>`);
    expect(text(el, '[part~="button"]')).to.equal('Buy carbon removal');
    const { el: custom } = await ready(html`<iso-checkout-button>Offset my flights</iso-checkout-button>`);
    const slot = $<HTMLSlotElement>(custom, '[part~="button"] slot');
    expect(slot.assignedNodes().map((node) => node.textContent).join('')).to.equal('Offset my flights');
  });

  it('sits in a sentence on the text baseline, and a page\'s text-decoration stays off it', async () => {
    fakeStripe(useFetchSpy());
    const holder = await fixture<HTMLElement>(html`<p style="text-decoration: underline">Offset your flight <iso-checkout-button style="text-decoration: line-through">Buy</iso-checkout-button> today.</p>`);
    const el = holder.querySelector<IsoCheckoutButton>('iso-checkout-button')!;
    await waitUntil(() => formReady(el), 'the form did not render');
    // In the button's font, two text boxes share their bottom exactly when they share a baseline.
    const button = $(el, '[part~="button"]');
    holder.style.font = getComputedStyle(button).font;
    const bottom = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect().bottom;
    };
    expect(Math.abs(bottom(el.firstChild!) - bottom(holder.firstChild!)), 'the label and the sentence share a baseline').to.be.lessThan(1);
    const decorations = (node: Element) => getComputedStyle(node).getPropertyValue('-webkit-text-decorations-in-effect');
    expect(decorations(holder)).to.contain('underline');
    expect(decorations(el), 'the page CSS does not reach the host').to.contain('line-through');
    expect(decorations(button)).to.equal('none');
  });

  it('opens a modal dialog labelled by its heading, moves focus in, and restores it on Escape and on close', async () => {
    fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button quantity="2.5"></iso-checkout-button>`);
    const opener = $<HTMLButtonElement>(el, '[part~="button"]');
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(opener.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(dialog.open).to.equal(false);

    opener.focus();
    const opened = oneEvent(el, 'iso-checkout-open');
    await sendKeys({ press: 'Enter' });
    const event = await opened;
    expect(event.detail).to.deep.equal({ quantityKg: 2500, frequency: 'one_time' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    const heading = el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!;
    expect(heading.textContent?.trim()).to.equal('Buy carbon removal');
    expect(heading.getAttribute('role')).to.equal('heading');
    await waitUntil(() => active(el)?.id === 'quantity', 'focus did not move into the dialog');

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open && active(el) === opener, 'Escape did not close the dialog and restore focus');

    opener.click();
    await waitUntil(() => dialog.open && active(el)?.id === 'quantity');
    $(el, '[part~="close-button"]').click();
    await waitUntil(() => !dialog.open && active(el) === opener, 'the close button did not restore focus');
  });

  it('completes a purchase with the keyboard only', async () => {
    const fake = fakeStripe(useFetchSpy());
    const { el, navigations } = await ready(
      html`<iso-checkout-button presets="1,5,10" supplier-terms-url="https://supplier.example/terms"></iso-checkout-button>`,
    );
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, (focused) => focused.matches('[part~="button"]'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(el)?.id === 'quantity');

    // A preset chip, then free entry replacing it.
    await tabTo(el, (focused) => focused.matches('[part~="preset"]') && focused.textContent!.includes('5'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => $<HTMLInputElement>(el, '#quantity').value === '5');
    await tabTo(el, (focused) => focused.id === 'quantity');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'KeyA' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: '2.5' });
    // Radio group: Tab lands on the checked radio, arrows choose.
    await tabTo(el, (focused) => focused.matches('input[type="radio"]'));
    await sendKeys({ press: 'ArrowRight' });
    await tabTo(el, (focused) => focused.id === 'email');
    await sendKeys({ type: 'buyer@example.com' });
    await tabTo(el, (focused) => focused.id === 'accept-isometric');
    await sendKeys({ press: 'Space' });
    await tabTo(el, (focused) => focused.id === 'accept-supplier');
    await sendKeys({ press: 'Space' });
    await tabTo(el, (focused) => focused.matches('[part~="submit-button"]'));
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => navigations.length === 1, 'did not navigate');
    expect(navigations[0]).to.equal(STRIPE_URL);
    expect(fake.bodies).to.have.length(1);
    expect(fake.bodies[0]).to.include({
      quantity_kg: 2500,
      frequency: 'monthly',
      customer_email: 'buyer@example.com',
      isometric_terms_and_conditions_accepted: true,
      supplier_terms_and_conditions_accepted: true,
    });
  });

  it('explains invalid quantities inline', async () => {
    const fake = fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button inline min="0.5" max="100" step="0.5" locale="en-US"></iso-checkout-button>`);
    const input = $<HTMLInputElement>(el, '#quantity');
    const problem = async (value: string): Promise<string> => {
      await type(el, '#quantity', value);
      if (input.getAttribute('aria-invalid') !== 'true') return '';
      const ids = input.getAttribute('aria-describedby')!.split(' ');
      expect(ids).to.include('quantity-error');
      return el.shadowRoot!.getElementById('quantity-error')!.textContent!.trim();
    };
    expect(await problem('abc')).to.equal('Enter a number of tonnes, like 1.5.');
    expect(await problem('')).to.equal('Enter a quantity in tonnes.');
    expect(await problem('1.0005')).to.match(/at most three decimals/);
    expect(await problem('0.25')).to.equal('Enter at least 0.5\u00a0t.');
    expect(await problem('100.5')).to.equal('Enter at most 100\u00a0t.');
    expect(await problem('1.2')).to.equal('Enter a multiple of 0.5\u00a0t.');
    expect(await problem('1,5')).to.equal('');
    expect(input.getAttribute('aria-describedby')).to.equal('quantity-hint');
    expect(text(el, '#quantity-hint')).to.contain('From 0.5\u00a0t to 100\u00a0t');

    // Submitting an invalid quantity sends nothing and puts focus on the field.
    await type(el, '#quantity', '0');
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => active(el) === input);
    expect(fake.bodies).to.have.length(0);
  });

  it('explains messages in the element locale', async () => {
    fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button inline locale="de-DE"></iso-checkout-button>`);
    await localeReady(el);
    await type(el, '#quantity', 'viel');
    expect(text(el, '#quantity-error')).to.equal('Geben Sie eine Anzahl Tonnen ein, z. B. 1,5.');
    const { el: fr } = await ready(html`<iso-checkout-button inline locale="fr-FR"></iso-checkout-button>`);
    await localeReady(fr);
    expect(text(fr, '[part~="heading"]')).to.equal('Acheter de l’élimination de carbone');
  });

  it('validates the optional email and prefills it from the attribute', async () => {
    const fake = fakeStripe(useFetchSpy());
    const { el, navigations } = await ready(html`<iso-checkout-button inline email="kim@example.org"></iso-checkout-button>`);
    const email = $<HTMLInputElement>(el, '#email');
    expect(email.value).to.equal('kim@example.org');
    await type(el, '#email', 'kim@');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.equal('email-error');
    expect(text(el, '#email-error')).to.match(/email address/);
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => active(el) === email);
    expect(fake.bodies).to.have.length(0);

    await type(el, '#email', '');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    submitButton(el).click();
    await waitUntil(() => navigations.length === 1);
    expect(fake.bodies[0]).to.not.have.property('customer_email');
  });

  it('keeps the submit disabled until both terms are accepted, and says why', async () => {
    const fake = fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button inline supplier-terms-url="https://supplier.example/terms"></iso-checkout-button>`);
    const submit = submitButton(el);
    const why = () => el.shadowRoot!.getElementById(submit.getAttribute('aria-describedby') ?? '')?.textContent?.trim();
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    expect(why()).to.equal('Accept both terms and conditions to continue.');

    submit.click();
    await waitUntil(() => active(el)?.id === 'accept-isometric', 'focus did not go to the missing checkbox');
    expect(fake.bodies).to.have.length(0);

    await acceptTerms(el, 'isometric');
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    submit.click();
    await waitUntil(() => active(el)?.id === 'accept-supplier');
    expect(fake.bodies).to.have.length(0);

    await acceptTerms(el, 'supplier');
    expect(submit.getAttribute('aria-disabled')).to.equal('false');
    expect(submit.hasAttribute('aria-describedby')).to.equal(false);
    expect(maybe(el, '#terms-why')?.hidden).to.equal(true);

    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="terms"] a')];
    expect(links.map((a) => a.href)).to.deep.equal([STRIPE_CONFIGURATION.isometric_terms_and_conditions_url, 'https://supplier.example/terms']);
    for (const link of links) expect(link.target).to.equal('_blank');
  });

  it('links terms only when they are http(s), resolving a relative supplier link', async () => {
    fakeStripe(useFetchSpy(), { config: { isometric_terms_and_conditions_url: 'javascript:alert(1)' } });
    const { el } = await ready(html`<iso-checkout-button inline supplier-terms-url="data:text/html,hi"></iso-checkout-button>`);
    expect(el.shadowRoot!.querySelectorAll('[part~="terms"] a')).to.have.length(0);
    expect(text(el, '[part~="terms"]')).to.contain('I accept Isometric’s terms and conditions');
    const { el: relative } = await ready(html`<iso-checkout-button inline supplier-terms-url="/legal/terms"></iso-checkout-button>`);
    expect($<HTMLAnchorElement>(relative, '[for="accept-supplier"] a').href).to.equal(`${location.origin}/legal/terms`);
  });

  it('shows the per-tonne breakdown and the estimated total in the element locale', async () => {
    fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button inline quantity="1.5" locale="de-DE"></iso-checkout-button>`);
    await localeReady(el);
    const euro = (value: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(value);
    expect(text(el, '[data-price="credit"]')).to.equal(euro(120));
    expect(text(el, '[data-price="verification"]')).to.equal(euro(15));
    expect(text(el, '[part~="total"]')).to.equal(euro(202.5));
    expect(text(el, '[part~="estimate"]')).to.contain('Stripe zeigt den endgültigen Betrag');
    expect($<HTMLInputElement>(el, '#quantity').value).to.equal('1,5');

    await type(el, '#quantity', '0,001');
    expect(text(el, '[part~="total"]')).to.equal(euro(0.14));
    await type(el, '#quantity', 'x');
    expect(text(el, '[part~="total"]')).to.equal('—');

    const monthly = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((radio) => radio.value === 'monthly')!;
    monthly.click();
    await el.updateComplete;
    expect(text(el, '#total-label')).to.equal('Geschätzter Betrag pro Monat');
  });

  it('prices in currencies with other fraction digits and hides the estimate without prices', async () => {
    const spy = useFetchSpy();
    fakeStripe(spy, { config: { currency: 'jpy', credit_product_price_per_tonne: '15000', verification_product_price_per_tonne: '2000' } });
    const { el: yen } = await ready(html`<iso-checkout-button inline quantity="0.001" locale="en-US"></iso-checkout-button>`);
    expect(text(yen, '[part~="total"]')).to.equal(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(17));

    const { sharedCache } = await import('../../src/elements/shared/registry-controller.js');
    sharedCache.clear();
    fakeStripe(spy, { config: { currency: 'kwd', credit_product_price_per_tonne: '45.125', verification_product_price_per_tonne: '5.250' } });
    const { el: dinar } = await ready(html`<iso-checkout-button inline quantity="0.002" locale="en-US"></iso-checkout-button>`);
    expect(text(dinar, '[part~="total"]')).to.equal(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'KWD' }).format(0.101));

    sharedCache.clear();
    fakeStripe(spy, { config: { credit_product_price_per_tonne: null } });
    const { el: none } = await ready(html`<iso-checkout-button inline></iso-checkout-button>`);
    expect(maybe(none, '[part~="total"]')).to.equal(null);
    expect(text(none, '[part~="estimate"]')).to.equal('The price is shown by Stripe before you pay.');

    sharedCache.clear();
    fakeStripe(spy, { config: { currency: null } });
    const { el: noCurrency } = await ready(html`<iso-checkout-button inline></iso-checkout-button>`);
    expect(maybe(noCurrency, '[part~="total"]')).to.equal(null);
  });

  it('hides the frequency choice for a single frequency and offers only the listed ones', async () => {
    const fake = fakeStripe(useFetchSpy());
    const { el, navigations } = await ready(html`<iso-checkout-button inline frequencies="yearly"></iso-checkout-button>`);
    expect(maybe(el, '[part~="frequency"]')).to.equal(null);
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => navigations.length === 1);
    expect(fake.bodies[0]!.frequency).to.equal('yearly');

    const { el: two } = await ready(html`<iso-checkout-button inline frequencies="monthly,yearly"></iso-checkout-button>`);
    const group = $(two, '[part~="frequency"]');
    expect(group.localName).to.equal('fieldset');
    expect(group.querySelector('legend')!.textContent!.trim()).to.equal('How often');
    expect([...group.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((radio) => [radio.value, radio.checked])).to.deep.equal([
      ['monthly', true],
      ['yearly', false],
    ]);
  });

  it('sends integer kg, the submit event, and default return URLs with {CHECKOUT_SESSION_ID} unencoded', async () => {
    const fake = fakeStripe(useFetchSpy());
    const { el, navigations } = await ready(html`<iso-checkout-button inline quantity="1000000" max="1000000"></iso-checkout-button>`);
    await acceptTerms(el);
    const submitted = oneEvent(el, 'iso-checkout-submit');
    submitButton(el).click();
    const event = await submitted;
    expect(event.detail).to.deep.equal({ quantityKg: 1_000_000_000, frequency: 'one_time', email: null });
    await waitUntil(() => navigations.length === 1);

    const body = fake.bodies[0]!;
    expect(body.quantity_kg).to.equal(1_000_000_000);
    const page = location.href.split('#')[0]!;
    const separator = page.includes('?') ? '&' : '?';
    expect(body.success_url).to.equal(`${page}${separator}iso_checkout=success&iso_checkout_session={CHECKOUT_SESSION_ID}`);
    expect(body.cancel_url).to.equal(`${page}${separator}iso_checkout=cancel`);
    expect(fake.texts[0]).to.contain('iso_checkout_session={CHECKOUT_SESSION_ID}');
  });

  it('sends given success and cancel URLs as written', async () => {
    const fake = fakeStripe(useFetchSpy());
    const { el, navigations } = await ready(
      html`<iso-checkout-button inline success-url="/thanks/{CHECKOUT_SESSION_ID}?from=widget" cancel-url="https://shop.example/pricing"></iso-checkout-button>`,
    );
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => navigations.length === 1);
    expect(fake.bodies[0]!.success_url).to.equal(`${location.origin}/thanks/{CHECKOUT_SESSION_ID}?from=widget`);
    expect(fake.bodies[0]!.cancel_url).to.equal('https://shop.example/pricing');
  });

  it('refuses to open a redirect to a host that is not allowed', async () => {
    fakeStripe(useFetchSpy(), { redirect: 'https://evil.com/c/pay/cs_test_1' });
    const { el, navigations } = await ready(html`<iso-checkout-button inline></iso-checkout-button>`);
    let redirected = false;
    el.addEventListener('iso-checkout-redirect', () => (redirected = true));
    await acceptTerms(el);
    const failed = oneEvent(el, 'iso-checkout-error');
    submitButton(el).click();
    const event: IsoCheckoutErrorEvent = await failed;
    expect(event.detail.kind).to.equal('redirect-refused');
    await el.updateComplete;
    const error = $(el, '[part~="submit-error"]');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('was not a Stripe page');
    expect(navigations).to.deep.equal([]);
    expect(redirected).to.equal(false);
    expect(submitButton(el).getAttribute('aria-busy')).to.equal('false');
  });

  it('refuses plain http even on an allowed host, except a local simulator', async () => {
    const spy = useFetchSpy();
    fakeStripe(spy, { redirect: 'http://checkout.stripe.com/c/pay/cs_test_1' });
    const { el, navigations } = await ready(html`<iso-checkout-button inline allowed-redirect-hosts="localhost"></iso-checkout-button>`);
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => maybe(el, '[part~="submit-error"]'));
    expect(navigations).to.deep.equal([]);

    fakeStripe(spy, { redirect: 'http://localhost:9876/registry/v0/_local/checkout/cs_test_1' });
    submitButton(el).click();
    await waitUntil(() => navigations.length === 1);
    expect(navigations[0]).to.equal('http://localhost:9876/registry/v0/_local/checkout/cs_test_1');
  });

  it('lets the page open the checkout itself by cancelling iso-checkout-redirect', async () => {
    fakeStripe(useFetchSpy());
    const { el, navigations } = await ready(html`<iso-checkout-button inline></iso-checkout-button>`);
    el.addEventListener('iso-checkout-redirect', (event) => event.preventDefault());
    await acceptTerms(el);
    const redirecting = oneEvent(el, 'iso-checkout-redirect');
    submitButton(el).click();
    const event: IsoCheckoutRedirectEvent = await redirecting;
    expect(event.detail.url).to.equal(STRIPE_URL);
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(navigations).to.deep.equal([]);
    expect(submitButton(el).getAttribute('aria-busy')).to.equal('false');
  });

  it('makes one POST for a double submit and shows progress', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fake = fakeStripe(useFetchSpy(), {
      checkout: async () => {
        await gate;
        return Response.json({ redirect_url: STRIPE_URL });
      },
    });
    const { el, navigations } = await ready(html`<iso-checkout-button inline></iso-checkout-button>`);
    await acceptTerms(el);
    const form = $<HTMLFormElement>(el, 'form');
    submitButton(el).click();
    submitButton(el).click();
    form.requestSubmit();
    await el.updateComplete;
    const submit = submitButton(el);
    expect(submit.getAttribute('aria-busy')).to.equal('true');
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    expect(submit.textContent!.trim()).to.equal('Starting secure checkout…');
    await waitUntil(() => fake.bodies.length === 1);
    release();
    await waitUntil(() => navigations.length === 1);
    await el.updateComplete;
    expect(submitButton(el).textContent!.trim()).to.equal('Opening secure checkout…');
    submitButton(el).click();
    await el.updateComplete;
    expect(fake.bodies).to.have.length(1);
    expect(navigations).to.have.length(1);
  });

  it('shows a failed checkout request and lets the person try again', async () => {
    const spy = useFetchSpy();
    fakeStripe(spy, { checkout: async () => Response.json({ error: 'upstream_unavailable', message: 'The Registry API could not be reached.' }, { status: 502 }) });
    const { el, navigations } = await ready(html`<iso-checkout-button inline></iso-checkout-button>`);
    await acceptTerms(el);
    const failed = oneEvent(el, 'iso-checkout-error');
    submitButton(el).click();
    // The proxy's English reason is for developers (the event); the person reads the kind of failure.
    expect((await failed).detail).to.deep.equal({ kind: 'unavailable', message: 'The Registry API could not be reached.' });
    await el.updateComplete;
    expect(text(el, '[part~="submit-error"]')).to.equal('The checkout could not be started. The registry could not be reached. Please try again in a moment.');

    const fake = fakeStripe(spy);
    submitButton(el).click();
    await waitUntil(() => navigations.length === 1);
    expect(fake.bodies).to.have.length(1);
    expect(maybe(el, '[part~="submit-error"]')).to.equal(null);
  });

  it('says why a checkout could not start in the element locale, with the status of a refusal, never the proxy’s English', async () => {
    const spy = useFetchSpy();
    const refusal = 'success_url must be an https URL under one of the proxy’s allowed checkout URLs.';
    fakeStripe(spy, { checkout: async () => Response.json({ error: 'invalid_field', field: 'success_url', message: refusal }, { status: 422 }) });
    const { el } = await ready(html`<iso-checkout-button inline locale="de"></iso-checkout-button>`);
    await localeReady(el);
    await acceptTerms(el);
    const failed = oneEvent(el, 'iso-checkout-error');
    submitButton(el).click();
    expect((await failed).detail).to.deep.equal({ kind: 'rejected', message: refusal });
    await localeReady(el);
    expect(text(el, '[part~="submit-error"]')).to.equal('Der Bezahlvorgang konnte nicht gestartet werden. Das Register hat die Anfrage abgelehnt (HTTP 422).');

    fakeStripe(spy, {
      checkout: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const { el: fr } = await ready(html`<iso-checkout-button inline locale="fr"></iso-checkout-button>`);
    await localeReady(fr);
    await acceptTerms(fr);
    submitButton(fr).click();
    await waitUntil(() => maybe(fr, '[part~="submit-error"]'));
    await localeReady(fr);
    expect(text(fr, '[part~="submit-error"]')).to.equal('Le paiement n’a pas pu être lancé. Le registre est injoignable. Veuillez réessayer dans un instant.');
  });

  it('refuses bad attributes before any request, in the element locale, and warns in English', async () => {
    const { restore, warnings } = captureWarnings();
    try {
      const cases: { attributes: Record<string, string>; english: string; shown: string }[] = [
        { attributes: { min: '0', locale: 'de' }, english: 'The "min" attribute must be at least 0.001; got "0".', shown: 'Das Attribut „min“ muss mindestens 0.001 sein; erhalten: „0“.' },
        { attributes: { min: '2', max: '1', locale: 'fr' }, english: 'The "max" attribute must not be smaller than the "min" attribute (1 < 2).', shown: 'L’attribut « max » ne doit pas être inférieur à l’attribut « min » (1 < 2).' },
        {
          attributes: { frequencies: 'monthly,weekly', locale: 'de' },
          english: '"weekly" in the "frequencies" attribute must be one of "one_time", "monthly", "yearly".',
          shown: '„weekly“ im Attribut „frequencies“ muss einer dieser Werte sein: "one_time", "monthly", "yearly".',
        },
        {
          attributes: { quantity: '1.5t', locale: 'en' },
          english: '"1.5t" in the "quantity" attribute must be a number of tonnes with at most three decimals, like 1.5.',
          shown: '"1.5t" in the "quantity" attribute must be a number of tonnes with at most three decimals, like 1.5.',
        },
        {
          attributes: { 'success-url': 'javascript:alert(1)', locale: 'fr' },
          english: 'The "success-url" attribute must be an http(s) address; got "javascript:alert(1)".',
          shown: 'L’attribut « success-url » doit être une adresse http(s) ; reçu « javascript:alert(1) ».',
        },
      ];
      for (const { attributes, english, shown } of cases) {
        const spy = useFetchSpy();
        const el = await make<IsoCheckoutButton>('iso-checkout-button', attributes);
        await waitUntil(() => maybe(el, '[part~="error"][data-error-kind="invalid-input"]'), `${JSON.stringify(attributes)} was not refused`);
        await localeReady(el);
        expect(text(el, '.status__detail'), JSON.stringify(attributes)).to.equal(shown);
        expect(spy.requests).to.have.length(0);
        expect(warnings.map((args) => String(args[0]))).to.include(`<iso-checkout-button>: ${english}`);
      }
    } finally {
      restore();
    }
  });

  it('says purchases are not available when the proxy answers 404, with the button disabled', async () => {
    fakeStripe(useFetchSpy(), { configResponse: async () => Response.json({ detail: 'Not Found' }, { status: 404 }) });
    const el = await fixture<IsoCheckoutButton>(html`<iso-checkout-button></iso-checkout-button>`);
    await waitUntil(() => maybe(el, '[part~="unavailable"]'));
    const opener = $<HTMLButtonElement>(el, '[part~="button"]');
    expect(opener.disabled).to.equal(true);
    expect(opener.getAttribute('aria-describedby')).to.equal('unavailable');
    expect(text(el, '[part~="unavailable"]')).to.equal('Purchases are not available here yet.');
    expect(maybe(el, '[part~="error"]')).to.equal(null);
    opener.click();
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
  });

  it('shows a configuration error with a retry beside the button, and recovers', async () => {
    const { restore } = captureWarnings();
    try {
      const spy = useFetchSpy();
      fakeStripe(spy, { configResponse: async () => Response.json({ error: 'upstream_unavailable', message: 'Upstream failed.' }, { status: 503 }) });
      const el = await fixture<IsoCheckoutButton>(html`<iso-checkout-button></iso-checkout-button>`);
      await waitUntil(() => maybe(el, '[part~="error"]'));
      expect($<HTMLButtonElement>(el, '[part~="button"]').disabled).to.equal(true);
      fakeStripe(spy);
      $(el, '[part~="retry-button"]').click();
      await waitUntil(() => !$<HTMLButtonElement>(el, '[part~="button"]').disabled && formReady(el));
      expect(maybe(el, '[part~="error"]')).to.equal(null);
    } finally {
      restore();
    }
  });

  it('renders the form in place with inline', async () => {
    fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button inline heading-level="3"></iso-checkout-button>`);
    expect(maybe(el, 'dialog')).to.equal(null);
    expect($(el, '[part~="button"]').hidden).to.equal(true);
    const panel = $(el, '[part~="panel"]');
    expect(panel.localName).to.equal('section');
    expect(panel.getAttribute('aria-labelledby')).to.equal('heading');
    expect($(el, '[part~="heading"]').getAttribute('aria-level')).to.equal('3');
    expect(maybe(el, '[part~="close-button"]')).to.equal(null);
    expect(panel.checkVisibility()).to.equal(true);
    expect(el.getAttribute('inline')).to.equal('');
  });

  it('shows a thank-you or cancelled message on return with show-return-status', async () => {
    fakeStripe(useFetchSpy());
    await withPageQuery('?iso_checkout=success&iso_checkout_session=cs_test_1', async () => {
      const { el } = await ready(html`<iso-checkout-button show-return-status></iso-checkout-button>`);
      const status = $(el, '[part~="return-status"]');
      expect(status.getAttribute('role')).to.equal('status');
      await waitUntil(() => /^Thank you!/.test(status.textContent!.trim()), 'no thank-you message');
      const { el: quiet } = await ready(html`<iso-checkout-button></iso-checkout-button>`);
      expect(maybe(quiet, '[part~="return-status"]')).to.equal(null);
    });
    await withPageQuery('?iso_checkout=cancel', async () => {
      const { el } = await ready(html`<iso-checkout-button show-return-status locale="fr"></iso-checkout-button>`);
      await localeReady(el);
      await waitUntil(() => text(el, '[part~="return-status"]') === 'Le paiement a été annulé. Aucun montant n’a été débité.', 'no French cancel message');
    });
    const { el: none } = await ready(html`<iso-checkout-button show-return-status></iso-checkout-button>`);
    expect(maybe(none, '[part~="return-status"]')).to.equal(null);
  });

  it('announces the return: the live region is in the page empty, and its message arrives after', async () => {
    fakeStripe(useFetchSpy());
    await withPageQuery('?iso_checkout=success&iso_checkout_session=cs_test_1', async () => {
      const el = await fixture<IsoCheckoutButton>(html`<iso-checkout-button show-return-status></iso-checkout-button>`);
      const region = $(el, '[part~="return-status"]');
      expect(region.getAttribute('role')).to.equal('status');
      expect(region.textContent!.trim()).to.equal('');
      await waitUntil(() => region.textContent!.trim() !== '', 'the message never arrived');
      // The same node: a region replaced by a full one would not be announced.
      expect($(el, '[part~="return-status"]')).to.equal(region);
      expect(region.textContent).to.match(/Thank you!/);
      await expect(el).to.be.accessible();
    });
  });

  it('on return, says what this tab ordered and the Stripe reference, and takes its parameters out of the URL', async () => {
    const fake = fakeStripe(useFetchSpy());
    sessionStorage.removeItem('iso-checkout-order');
    const { el, navigations } = await ready(html`<iso-checkout-button inline quantity="2" locale="en-US"></iso-checkout-button>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="monthly"]')!.click();
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => navigations.length === 1);
    expect(fake.bodies[0]!.frequency).to.equal('monthly');
    // Only what the return page may show: no email, no price.
    expect(Object.keys(JSON.parse(sessionStorage.getItem('iso-checkout-order')!) as object).sort()).to.deep.equal(['at', 'frequency', 'kg']);

    await withPageQuery('?utm_source=news%20letter&iso_checkout=success&a=%7B1%7D&iso_checkout_session=cs_test_ABC123#buy', async () => {
      const path = location.pathname;
      const { el: back } = await ready(html`<iso-checkout-button show-return-status locale="en-US"></iso-checkout-button>`);
      await waitUntil(() => maybe(back, '[part~="return-status"] [data-order]'), 'the order was not shown');
      expect(text(back, '[part~="return-status"] [data-order]')).to.equal('Your order: 2\u00a0t of carbon removal every month.');
      expect(text(back, '[part~="return-status"] [data-session]')).to.equal('Stripe reference: cs_test_ABC123');
      // The rest of the URL stays byte for byte; a reload finds no return to thank for again.
      expect(location.pathname).to.equal(path);
      expect(location.search).to.equal('?utm_source=news%20letter&a=%7B1%7D');
      expect(location.hash).to.equal('#buy');
      expect(sessionStorage.getItem('iso-checkout-order')).to.equal(null);
      // A second element on the same page says the same.
      const { el: other } = await ready(html`<iso-checkout-button show-return-status inline locale="en-US"></iso-checkout-button>`);
      await waitUntil(() => maybe(other, '[part~="return-status"] [data-order]'));
      expect(text(other, '[part~="return-status"]')).to.equal(text(back, '[part~="return-status"]'));
    });
  });

  it('never says more about a return than it knows', async () => {
    fakeStripe(useFetchSpy());
    const store = (value: object) => sessionStorage.setItem('iso-checkout-order', JSON.stringify(value));
    const message = async (search: string): Promise<IsoCheckoutButton> =>
      withPageQuery(search, async () => {
        const { el } = await ready(html`<iso-checkout-button show-return-status></iso-checkout-button>`);
        await waitUntil(() => text(el, '[part~="return-status"]') !== '');
        expect(location.search).to.equal('');
        return el;
      });
    // No order from this tab, and the placeholder Stripe did not fill in: the outcome only.
    sessionStorage.removeItem('iso-checkout-order');
    const bare = await message('?iso_checkout=success&iso_checkout_session={CHECKOUT_SESSION_ID}');
    expect(text(bare, '[part~="return-status"]')).to.equal('Thank you! Your purchase is complete. Stripe sends the receipt by email.');
    // An order submitted long ago is not this purchase's.
    store({ kg: '2000', frequency: 'monthly', at: Date.now() - 7 * 60 * 60 * 1000 });
    expect(maybe(await message('?iso_checkout=success'), '[data-order]')).to.equal(null);
    // Something unreadable is ignored.
    store({ kg: '-5', frequency: 'weekly', at: Date.now() });
    expect(maybe(await message('?iso_checkout=success'), '[data-order]')).to.equal(null);
    // A cancelled checkout bought nothing: the stored order is forgotten, not shown.
    store({ kg: '2000', frequency: 'monthly', at: Date.now() });
    const cancelled = await message('?iso_checkout=cancel&iso_checkout_session=cs_test_1');
    expect(text(cancelled, '[part~="return-status"]')).to.equal('Checkout was cancelled. You have not been charged.');
    expect(sessionStorage.getItem('iso-checkout-order')).to.equal(null);
  });

  it('leaves the URL alone without show-return-status', async () => {
    fakeStripe(useFetchSpy());
    await withPageQuery('?iso_checkout=success&iso_checkout_session=cs_test_1', async () => {
      const { el } = await ready(html`<iso-checkout-button></iso-checkout-button>`);
      expect(maybe(el, '[part~="return-status"]')).to.equal(null);
      expect(location.search).to.equal('?iso_checkout=success&iso_checkout_session=cs_test_1');
    });
  });

  it('fits its dialog in 1280×720 and 360×640: the body scrolls, the total and the submit button stay in view', async () => {
    fakeStripe(useFetchSpy());
    const before = { width: innerWidth, height: innerHeight };
    try {
      for (const [width, height] of [
        [1280, 720],
        [360, 640],
      ] as const) {
        await setViewport({ width, height });
        const { el } = await ready(html`<iso-checkout-button presets="1,5,10" supplier-terms-url="https://supplier.example/terms"></iso-checkout-button>`);
        $(el, '[part~="button"]').click();
        const dialog = $<HTMLDialogElement>(el, 'dialog');
        await waitUntil(() => dialog.open);
        // A failed submit adds its message to the footer: the button must still be in view.
        await acceptTerms(el, 'isometric');
        submitButton(el).click();
        await el.updateComplete;
        const inside = (node: Element) => {
          const box = node.getBoundingClientRect();
          return box.top >= 0 && box.left >= 0 && box.bottom <= height && box.right <= width && box.height > 0;
        };
        const size = `${width}×${height}`;
        expect(inside(dialog), `dialog ${size}`).to.equal(true);
        expect(inside(submitButton(el)), `submit ${size}`).to.equal(true);
        expect(inside($(el, '[part~="total"]')), `total ${size}`).to.equal(true);
        expect(inside($(el, '[part~="heading"]')), `heading ${size}`).to.equal(true);
        const body = $(el, '.form__body');
        if (width === 360) expect(body.scrollHeight, 'the body scrolls on a small screen').to.be.greaterThan(body.clientHeight);
        // The last field can be scrolled to, above the footer.
        const last = $(el, '#accept-supplier');
        last.scrollIntoView({ block: 'nearest' });
        expect(last.getBoundingClientRect().bottom).to.be.at.most($(el, '[part~="footer"]').getBoundingClientRect().top);
        dialog.close();
      }
    } finally {
      await setViewport(before);
    }
  });

  it('offers a link with target=_top instead of navigating inside a frame', async () => {
    // about:srcdoc is no page to come back to; a real embedding frame is an http(s) page.
    const el = await inFrame({ 'success-url': `${location.origin}/thanks`, 'cancel-url': `${location.origin}/pricing` });
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => maybe(el, '[part~="checkout-link"]'), 'no checkout link in the frame');
    const link = $<HTMLAnchorElement>(el, '[part~="checkout-link"]');
    expect(link.href).to.equal(STRIPE_URL);
    expect(link.target).to.equal('_top');
    expect(link.textContent!.trim()).to.equal('Continue to secure checkout');
    await waitUntil(() => active(el) === link, 'focus did not move to the link');
    expect(el.ownerDocument.defaultView!.location.href).to.equal('about:srcdoc');
  });

  it('says in the element locale that a page which is not http(s) needs return URLs', async () => {
    const el = await inFrame({ locale: 'de' });
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => maybe(el, '[part~="submit-error"][data-error-kind="invalid-input"]'), 'no invalid-input submit error');
    await waitUntil(
      () =>
        text(el, '[part~="submit-error"]') ===
        'Der Bezahlvorgang konnte nicht gestartet werden. Es gibt keine http(s)-Seite, zu der nach der Zahlung zurückgekehrt werden kann: Die Seite muss success-url und cancel-url angeben.',
      'the submit error is not in German',
    );
  });

  it('loads no payment script', async () => {
    fakeStripe(useFetchSpy());
    const { el } = await ready(html`<iso-checkout-button inline></iso-checkout-button>`);
    expect(el.shadowRoot!.querySelectorAll('script, iframe')).to.have.length(0);
    expect([...document.scripts].some((script) => /stripe/i.test(script.src))).to.equal(false);
  });

  it('buys through the real proxy and local registry, up to the simulator redirect', async () => {
    const spy = useFetchSpy();
    const { el, navigations } = await ready(
      html`<iso-checkout-button inline quantity="2.5" allowed-redirect-hosts=${location.host} supplier-terms-url="https://supplier.example/terms"></iso-checkout-button>`,
    );
    await acceptTerms(el);
    submitButton(el).click();
    await waitUntil(() => navigations.length === 1, 'no redirect from the local registry', { timeout: 4000 });
    const url = new URL(navigations[0]!);
    expect(url.origin).to.equal(location.origin);
    expect(url.pathname).to.match(/^\/registry\/v0\/_local\/checkout\/cs_test_\w+$/);
    const post = spy.requests.filter((request) => request.method === 'POST');
    expect(post).to.have.length(1);
    const page = await (await window.fetch(url)).text();
    expect(page).to.contain('2.5 t');
  });

  dataElementSuite({
    tag: 'iso-checkout-button',
    valid: () => ({ inline: '' }),
    invalid: { quantity: 'abc' },
    isLoaded: (el) => formReady(el as IsoCheckoutButton),
  });
});
