// Every element, in German, French and Arabic, in the states that carry a reason: attributes it refuses,
// a request that failed, and (for the checkout) a purchase that could not start. What it shows there
// must come from the catalogs: no English-only catalog text, none of the English messages it gives
// developers (iso-error / iso-checkout-error details, console warnings), no sentence that the English
// rendering of the same state shows too, and not the English rendering as a whole.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { IsoCheckoutButton } from '../../src/elements/checkout-button/checkout-button.js';
import { messages as checkoutButton } from '../../src/elements/checkout-button/checkout-button.messages.js';
import { messages as impactCounter } from '../../src/elements/impact-counter/impact-counter.messages.js';
import { messages as projectCard } from '../../src/elements/project-card/project-card.messages.js';
import { messages as retirementCertificate } from '../../src/elements/retirement-certificate/retirement-certificate.messages.js';
import { messages as retirementFeed } from '../../src/elements/retirement-feed/retirement-feed.messages.js';
import { common } from '../../src/i18n/common.js';
import { translationsLoaded, type Catalog, type Messages, type Translated } from '../../src/i18n/localize.js';
import { make, useFetchSpy } from '../support/data-element-suite.js';
import { ELEMENTS, STRIPE_CONFIGURATION, apiPath, until, watchEscapesPerTest, type Escapes, type Tag } from '../support/elements.js';

const CATALOGS: readonly Messages<Catalog>[] = [common, checkoutButton, impactCounter, projectCard, retirementCertificate, retirementFeed];
const LANGUAGES: readonly Translated[] = ['de', 'fr', 'ar'];

const LETTERS = /\p{L}/gu;

function letterCount(text: string): number {
  return text.match(LETTERS)?.length ?? 0;
}

/**
 * The English catalog text no translation shares: for each message whose English differs from its
 * `language` translation, the English between placeholders, when long enough to be telling and not
 * part of any translation (`Insetting`). Computed once per language.
 */
async function englishOnly(language: Translated): Promise<string[]> {
  const loaded = await Promise.all(CATALOGS.map(async (messages) => ({ en: messages.en, translated: (await messages.load(language)).default as Catalog })));
  const translations = loaded.flatMap((catalog) => Object.values(catalog.translated));
  const pieces = new Set<string>();
  for (const catalog of loaded) {
    for (const [key, english] of Object.entries(catalog.en)) {
      if (catalog.translated[key] === english) continue;
      for (const fragment of english.split(/\{\w+\}/)) {
        const piece = fragment.trim().replace(/^[\s"(:,.;–—-]+|[\s"(:,.;–—-]+$/gu, '');
        if (letterCount(piece) < 4 || translations.some((translation) => translation.includes(piece))) continue;
        pieces.add(piece);
      }
    }
  }
  return [...pieces];
}

/**
 * The text without code a message quotes from the page: attribute names and values, frequencies and
 * hosts (`retirement-id`, `one_time`, `checkout.stripe.com`), which no language translates.
 */
function withoutIdentifiers(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])[a-z0-9]+(?:[-_.:/][a-z0-9]+)+(?![\p{L}\p{N}])/gu, ' ');
}

function containsWord(text: string, piece: string): boolean {
  const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** Everything a person can read or hear in the shadow tree: text (in a closed dialog too) and accessible names. */
function shownText(el: Element): string {
  const texts: string[] = [];
  for (const node of el.shadowRoot?.querySelectorAll('*') ?? []) {
    if (node.localName === 'style' || node.localName === 'script') continue;
    for (const child of node.childNodes) if (child.nodeType === Node.TEXT_NODE) texts.push(child.textContent ?? '');
    for (const name of ['aria-label', 'aria-description', 'title', 'placeholder', 'alt']) {
      const value = node.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts.join('\n');
}

/** Sentences with at least two words of three letters or more: what could only be copied, not translated. */
function sentences(text: string): string[] {
  return text
    .split(/\n|(?<=[.!?…])\s+/)
    .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
    .filter((sentence) => (sentence.match(/\p{L}{3,}/gu)?.length ?? 0) >= 2);
}

/** Waits until the translations the element asked for have arrived and it has rendered them. */
async function localeSettled(el: Element): Promise<void> {
  const host = el as HTMLElement & { updateComplete: Promise<unknown> };
  // A render in a new state may ask for another catalog (the common one for an error box).
  for (let round = 0; round < 3; round += 1) {
    await translationsLoaded();
    await host.updateComplete;
  }
}

interface Rendered {
  text: string;
  /** The English the element gave developers: event details and console warnings. */
  developerMessages: string[];
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}


/** Proxy answers for a failed request; each message is English, as the real proxy's are. */
const FAILURES: readonly { name: string; kind: string; answer: () => Promise<Response> }[] = [
  { name: '503 from the proxy', kind: 'unavailable', answer: async () => json({ error: 'upstream_unavailable', message: 'The Registry API could not be reached.' }, 503) },
  { name: 'a network failure', kind: 'unavailable', answer: async () => Promise.reject(new TypeError('Failed to fetch')) },
  { name: 'a 400 refusal', kind: 'rejected', answer: async () => json({ error: 'invalid_parameter', message: 'The request was refused because a parameter is not allowed.' }, 400) },
  { name: 'an unreadable answer', kind: 'invalid-response', answer: async () => new Response('<!doctype html><p>Bad gateway</p>', { status: 200, headers: { 'content-type': 'text/html' } }) },
];

/** Attributes each element refuses before any request. */
const INVALID: Readonly<Record<Tag, readonly Record<string, string>[]>> = {
  'iso-project-card': [{ 'project-id': 'project-42' }, {}],
  'iso-retirement-feed': [{ 'page-size': '0' }, { 'beneficiary-id': 'org_bad' }],
  'iso-retirement-certificate': [{ 'retirement-id': 'nope' }],
  'iso-impact-counter': [{ 'organisation-id': 'org_x' }, { 'organisation-id': 'org_13A3ZT7HN04698J6', breakdown: 'country' }],
  'iso-checkout-button': [
    { inline: '', min: '0' },
    { inline: '', step: '0' },
    { inline: '', min: '2', max: '1' },
    { inline: '', max: '99999999999999' },
    { inline: '', frequencies: 'weekly' },
    { inline: '', frequencies: ',' },
    { inline: '', quantity: 'abc' },
    { inline: '', presets: '1,lots' },
    { inline: '', 'allowed-redirect-hosts': 'https://checkout.example/path' },
    { inline: '', 'success-url': 'javascript:alert(1)' },
    { 'cancel-url': 'data:text/plain,bye' },
  ],
};

/** Records the English messages the element reports to developers while `body` runs. */
async function recording(escapes: Escapes, body: (messages: string[]) => Promise<Element>): Promise<Rendered> {
  const messages: string[] = [];
  const listen = (event: Event) => {
    const detail = (event as CustomEvent<{ message?: unknown }>).detail;
    if (typeof detail?.message === 'string') messages.push(detail.message);
  };
  document.addEventListener('iso-error', listen);
  document.addEventListener('iso-checkout-error', listen);
  const warnedBefore = escapes.warnings.length;
  try {
    const el = await body(messages);
    await localeSettled(el);
    const warned = escapes.warnings.slice(warnedBefore).map((args) => String(args[0]).replace(/^<[\w-]+>: /, ''));
    return { text: shownText(el), developerMessages: [...messages, ...warned] };
  } finally {
    document.removeEventListener('iso-error', listen);
    document.removeEventListener('iso-checkout-error', listen);
  }
}

function attributeState(tag: Tag, attributes: Record<string, string>): (locale: string, escapes: Escapes) => Promise<Rendered> {
  return (locale, escapes) =>
    recording(escapes, async () => {
      useFetchSpy();
      const el = await make(tag, { ...attributes, locale });
      await until(() => el.shadowRoot?.querySelector('[part~="error"][data-error-kind="invalid-input"]'), `<${tag}> did not refuse ${JSON.stringify(attributes)}`);
      return el;
    });
}

function requestState(tag: Tag, valid: Readonly<Record<string, string>>, failure: (typeof FAILURES)[number]): (locale: string, escapes: Escapes) => Promise<Rendered> {
  return (locale, escapes) =>
    recording(escapes, async () => {
      const spy = useFetchSpy();
      spy.respond = failure.answer;
      const el = await make(tag, { ...valid, locale });
      await until(() => el.shadowRoot?.querySelector(`[part~="error"][data-error-kind="${failure.kind}"]`), `<${tag}> did not show ${failure.kind}`);
      return el;
    });
}

/** A checkout whose form loaded and whose submit `post` answers; waits for the inline submit error. */
function submitState(kind: string, post: () => Promise<Response>): (locale: string, escapes: Escapes) => Promise<Rendered> {
  return (locale, escapes) =>
    recording(escapes, async () => {
      const spy = useFetchSpy();
      spy.respond = async (request) => {
        const path = apiPath(request);
        if (request.method === 'GET' && path === '/stripe/configuration') return json(STRIPE_CONFIGURATION, 200);
        if (request.method === 'POST' && path === '/stripe/checkout') return post();
        return json({ detail: 'Not Found' }, 404);
      };
      const el = await fixture<IsoCheckoutButton>(html`<iso-checkout-button inline locale=${locale}></iso-checkout-button>`);
      el.navigate = () => undefined;
      await until(() => el.shadowRoot!.querySelector('[part~="form"]'), 'the form did not render');
      for (const id of ['#accept-isometric', '#accept-supplier']) el.shadowRoot!.querySelector<HTMLInputElement>(id)!.click();
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
      await until(() => el.shadowRoot!.querySelector(`[part~="submit-error"][data-error-kind="${kind}"]`), `no ${kind} submit error`);
      return el;
    });
}

interface State {
  name: string;
  render: (locale: string, escapes: Escapes) => Promise<Rendered>;
}

const STATES: State[] = [];
for (const spec of ELEMENTS) {
  for (const attributes of INVALID[spec.tag]) STATES.push({ name: `<${spec.tag}> refusing ${JSON.stringify(attributes)}`, render: attributeState(spec.tag, attributes) });
  for (const failure of FAILURES) STATES.push({ name: `<${spec.tag}> after ${failure.name}`, render: requestState(spec.tag, spec.valid, failure) });
}
const SUBMIT_FAILURES: readonly { name: string; kind: string; answer: () => Promise<Response> }[] = [
  ...FAILURES.filter((failure) => failure.kind !== 'invalid-response'),
  { name: 'a 422 field refusal', kind: 'rejected', answer: async () => json({ error: 'invalid_field', field: 'success_url', message: 'success_url must be an https URL under one of the proxy’s allowed checkout URLs.' }, 422) },
  { name: 'a 429 rate limit', kind: 'unavailable', answer: async () => json({ error: 'rate_limited', message: 'Too many checkout sessions from this address; try again in 60 s.' }, 429) },
  { name: 'a 404', kind: 'not-found', answer: async () => json({ detail: 'Not Found' }, 404) },
  { name: 'an unreadable answer', kind: 'invalid-response', answer: async () => new Response('{"redirect_url": "https://checkout.str', { status: 200, headers: JSON_HEADERS }) },
  { name: 'a redirect to another host', kind: 'redirect-refused', answer: async () => json({ redirect_url: 'https://evil.example/pay' }, 200) },
];
for (const failure of SUBMIT_FAILURES) STATES.push({ name: `<iso-checkout-button> submit after ${failure.name}`, render: submitState(failure.kind, failure.answer) });

describe('i18n: refused attributes and failed requests are shown in the page language', () => {
  const pieces = new Map<Translated, string[]>();
  const escapes = watchEscapesPerTest();

  before(async () => {
    for (const language of LANGUAGES) pieces.set(language, await englishOnly(language));
  });

  it('refuses some attributes of every element', () => {
    expect(ELEMENTS.filter((spec) => INVALID[spec.tag].length === 0).map((spec) => spec.tag)).to.deep.equal([]);
  });

  for (const state of STATES) {
    it(`${state.name}: no English in de, fr or ar`, async () => {
      const english = await state.render('en', escapes);
      expect(english.text.trim(), 'the English rendering is blank').to.not.equal('');
      const englishSentences = sentences(english.text);
      const problems: string[] = [];
      for (const language of LANGUAGES) {
        const shown = await state.render(language, escapes);
        if (shown.text === english.text) problems.push(`${language}: the same text as in English: ${JSON.stringify(shown.text)}`);
        const prose = withoutIdentifiers(shown.text);
        for (const piece of pieces.get(language) ?? []) {
          if (containsWord(prose, piece)) problems.push(`${language}: English catalog text "${piece}"`);
        }
        for (const message of new Set([...english.developerMessages, ...shown.developerMessages])) {
          if (letterCount(message) >= 8 && shown.text.includes(message)) problems.push(`${language}: the English developer message "${message}"`);
        }
        for (const sentence of englishSentences) {
          if (shown.text.includes(sentence)) problems.push(`${language}: the English sentence "${sentence}"`);
        }
      }
      expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  }
});
