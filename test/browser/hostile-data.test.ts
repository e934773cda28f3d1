// Data from the API is hostile until proven otherwise. Each element gets real answers from the local
// registry with their fields rewritten: markup and scripts in text, objects posing as Lit templates,
// links that are not http(s), 2,000-character unbroken strings, right-to-left text mixed with
// left-to-right. Text must stay text, only http(s) links may be followed, and the element must stay
// inside its container.
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/index.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';
import { errorKind, useFetchSpy } from '../support/data-element-suite.js';
import { ELEMENTS, derived, nextTask, realAnswer, settled, until, visibleText, watchEscapesPerTest, type ElementSpec, type Json } from '../support/elements.js';

/** Fields that carry free text from the API: names, notes, descriptions, labels; and the checkout's prices, which are strings too. */
const TEXT_KEYS = new Set([
  'name',
  'notes',
  'description',
  'display_name',
  'validator_name',
  'current_verifier_name',
  'country_name',
  'protocol_slug',
  'serial_number',
  'country_of_issue',
  'currency',
  'credit_product_price_per_tonne',
  'verification_product_price_per_tonne',
]);

const MARKUP = '<img class="hostile" src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script><b class="hostile">bold</b>';

type Window = typeof window & { __pwned?: unknown };

/** Answers with the real data, every free-text field replaced by `text(key)`. */
function withText(text: (key: string) => Json): (request: Request) => Promise<Response> {
  return derived((value, key) => (TEXT_KEYS.has(key) && typeof value === 'string' ? text(key) : value));
}

/** Answers with the real data, every URL field replaced by `url`. */
function withUrls(url: Json): (request: Request) => Promise<Response> {
  return derived((value, key) => (/(^|_)url$/.test(key) && typeof value === 'string' ? url : value));
}

const containers: HTMLElement[] = [];

/** Builds the element inside a container of the given width (the page may be any width). */
async function inContainer(spec: ElementSpec, width = 600): Promise<HTMLElement> {
  const container = document.createElement('div');
  containers.push(container);
  container.style.inlineSize = `${width}px`;
  const el = document.createElement(spec.tag);
  for (const [name, value] of Object.entries(spec.valid)) el.setAttribute(name, value);
  container.append(el);
  document.body.append(container);
  return el;
}

async function settle(el: HTMLElement, spec: ElementSpec): Promise<void> {
  await until(() => settled(el) || spec.isLoaded(el), `<${spec.tag}> never settled`);
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  await nextTask();
}

function textNodes(root: ShadowRoot): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (node.textContent?.trim() && parent && !parent.closest('.visually-hidden')) nodes.push(node as Text);
  }
  return nodes;
}

/** Every rendered box and line of text of the element lies within the host's box horizontally. */
function expectInside(el: HTMLElement, width: number): void {
  const host = el.getBoundingClientRect();
  expect(host.width, 'the element is wider than its container').to.be.at.most(width + 0.5);
  const outside: string[] = [];
  const check = (rect: DOMRect, what: string) => {
    if (rect.width === 0 && rect.height === 0) return;
    if (rect.left < host.left - 1 || rect.right > host.right + 1) outside.push(`${what}: ${Math.round(rect.left - host.left)}…${Math.round(rect.right - host.left)} of ${Math.round(host.width)}`);
  };
  for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
    if (node.closest('.visually-hidden') || node.closest('svg')) continue;
    check(node.getBoundingClientRect(), `<${node.localName} class="${node.getAttribute('class') ?? ''}">`);
  }
  const range = document.createRange();
  for (const node of textNodes(el.shadowRoot!)) {
    range.selectNodeContents(node);
    check(range.getBoundingClientRect(), `text "${node.textContent!.trim().slice(0, 24)}…"`);
  }
  expect(outside, outside.join('\n')).to.deep.equal([]);
  const base = el.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
  expect(base.scrollWidth, 'the element scrolls sideways').to.be.at.most(base.clientWidth + 1);
}

/** Text nodes holding API text that contains `marker`, with the element that styles them. */
function apiTextElements(el: HTMLElement, marker: string): HTMLElement[] {
  return textNodes(el.shadowRoot!)
    .filter((node) => node.textContent!.includes(marker))
    .map((node) => node.parentElement!);
}

/** Elements whose text comes from the API, by element; the checkout button shows none. */
const SHOWS_TEXT = ELEMENTS.filter((spec) => spec.tag !== 'iso-checkout-button');

describe('hostile data from the API', () => {
  const escapes = watchEscapesPerTest();
  afterEach(() => {
    delete (window as Window).__pwned;
    for (const container of containers.splice(0)) container.remove();
  });

  function expectNothingEscaped(): void {
    expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
    expect((window as Window).__pwned, 'a script from the data ran').to.equal(undefined);
  }

  for (const spec of ELEMENTS) {
    describe(`<${spec.tag}>`, () => {
      if (spec.tag !== 'iso-checkout-button') {
        it('renders markup and scripts in names, notes and descriptions as text', async () => {
          useFetchSpy().respond = withText(() => MARKUP);
          const el = await inContainer(spec);
          await until(() => spec.isLoaded(el), 'the element did not load');
          await nextTask();
          expectNothingEscaped();
          expect(el.shadowRoot!.querySelector('img, script, iframe, object, embed, .hostile, [onerror]')).to.equal(null);
          expect(document.querySelector('img.hostile, b.hostile')).to.equal(null);
          expect(el.shadowRoot!.textContent).to.contain('<img class="hostile" src="x" onerror=');
        });
      }

      it('shows objects that pose as Lit templates or directives as missing text, not as markup', async () => {
        const posers: Json[] = [
          { _$litType$: 1, strings: ['<img class="hostile" src="x" onerror="window.__pwned = 1">'], values: [] },
          { _$litDirective$: 'x', values: [] },
          ['<b class="hostile">', 'array'],
        ];
        for (const poser of posers) {
          useFetchSpy().respond = withText(() => poser);
          const el = await inContainer(spec);
          await settle(el, spec);
          expectNothingEscaped();
          expect(el.shadowRoot!.querySelector('img, .hostile')).to.equal(null);
          const shown = await visibleText(el);
          expect(shown).to.not.equal('');
          expect(shown).to.not.contain('[object Object]');
          if (errorKind(el as LitElement)) expect(errorKind(el as LitElement)).to.equal('invalid-response');
          el.parentElement!.remove();
        }
      });

      if (spec.tag !== 'iso-impact-counter') {
        it('links only absolute http(s) URLs from the API', async () => {
          const refused: Json[] = [
            'javascript:window.__pwned=1',
            ' JaVaScRiPt:window.__pwned=1',
            'java\tscript:window.__pwned=1',
            'data:text/html,<script>window.__pwned=1</script>',
            'vbscript:msgbox(1)',
            'file:///etc/passwd',
            '/relative/path',
            'relative/path',
            '//evil.example/x',
            'https://',
            { href: 'https://evil.example/' },
          ];
          for (const url of refused) {
            useFetchSpy().respond = withUrls(url);
            const el = await inContainer(spec);
            await settle(el, spec);
            // A string is only refused as a link; a non-string may make the element refuse the answer.
            if (typeof url === 'string') expect(spec.isLoaded(el), `the element did not load with url ${url}`).to.equal(true);
            const links = [...el.shadowRoot!.querySelectorAll('a')];
            for (const link of links) {
              expect(['http:', 'https:'], `${JSON.stringify(url)} was linked as ${link.getAttribute('href')}`).to.include(new URL(link.getAttribute('href')!, 'x-relative:/').protocol);
            }
            expect(links.map((link) => link.getAttribute('href'))).to.not.include(typeof url === 'string' ? url : '[object Object]');
            el.parentElement!.remove();
          }
          // The same fields with a proper https URL are linked, so the refusals above mean something.
          useFetchSpy().respond = withUrls('https://registry.example/ok');
          const el = await inContainer(spec);
          await until(() => spec.isLoaded(el), 'the element did not load');
          expect([...el.shadowRoot!.querySelectorAll('a')].map((link) => link.href)).to.include('https://registry.example/ok');
          expectNothingEscaped();
        });
      }

      for (const width of [320, 600]) {
        it(`keeps a 2,000-character unbroken name and note inside a ${width}px container`, async () => {
          useFetchSpy().respond = withText((key) => `${key}:${'W'.repeat(2000)}`);
          const el = await inContainer(spec, width);
          await until(() => spec.isLoaded(el), 'the element did not load');
          expectNothingEscaped();
          if (spec.tag !== 'iso-checkout-button') {
            const long = apiTextElements(el, 'WWWW');
            expect(long.length, 'no long text was shown').to.be.greaterThan(0);
            for (const node of long) expect(getComputedStyle(node).overflowWrap, `<${node.localName} class="${node.className}"> does not wrap anywhere`).to.equal('anywhere');
          }
          expectInside(el, width);
        });

        if (spec.tag !== 'iso-checkout-button') {
          it(`isolates right-to-left names and notes mixed with left-to-right inside a ${width}px container`, async () => {
            const RTL: Record<string, string> = {
              name: 'شركة الكربون الأخضر Green Carbon 2024 ש.מ.',
              notes: 'تقاعد نيابة عن موظفينا — retired for our staff in 2025 — נמסר בשם הצוות',
            };
            useFetchSpy().respond = withText((key) => RTL[key] ?? `${'ש'.repeat(300)} ${'ع'.repeat(300)}`);
            const el = await inContainer(spec, width);
            await until(() => spec.isLoaded(el), 'the element did not load');
            expectNothingEscaped();
            const shown = [...apiTextElements(el, 'الكربون'), ...apiTextElements(el, 'نيابة'), ...apiTextElements(el, 'ששש')];
            expect(shown.length, 'no right-to-left text was shown').to.be.greaterThan(0);
            for (const node of shown) {
              const style = getComputedStyle(node);
              const isolated = node.closest('[dir="auto"], bdi') !== null || style.unicodeBidi === 'plaintext';
              expect(isolated, `<${node.localName} class="${node.className}"> holds API text without dir="auto" or unicode-bidi: plaintext`).to.equal(true);
              expect(style.overflowWrap, `<${node.localName} class="${node.className}"> does not wrap anywhere`).to.equal('anywhere');
            }
            expectInside(el, width);
          });
        }
      }
    });
  }

  it('shows the registry’s own hostile project (markup name, javascript: link) safely', async () => {
    useFetchSpy().respond = realAnswer;
    const card = { ...ELEMENTS.find((candidate) => candidate.tag === 'iso-project-card')!, valid: { 'project-id': SAMPLE_IDS.hostileProject } };
    const el = await inContainer(card);
    await until(() => card.isLoaded(el), 'the card did not load');
    await nextTask();
    expectNothingEscaped();
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="link"]')).to.equal(null);
  });

  it('has no element that renders markup from a string (unsafeHTML, innerHTML)', async () => {
    const files = ['shared/status', 'project-card/project-card', 'retirement-feed/retirement-feed', 'retirement-certificate/retirement-certificate', 'retirement-certificate/retirement-certificate.templates', 'impact-counter/impact-counter', 'checkout-button/checkout-button'];
    for (const file of files) {
      const response = await window.fetch(`/src/elements/${file}.ts`);
      expect(response.ok, file).to.equal(true);
      const source = await response.text();
      expect(source, file).to.contain('html`');
      expect(source, file).to.not.match(/unsafeHTML|unsafeSVG|\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/);
    }
  });

  it('tolerates enum values it does not know yet', async () => {
    useFetchSpy().respond = derived((value, key) => (['pathway', 'status'].includes(key) && typeof value === 'string' ? 'ocean_alkalinity_enhancement' : key === 'purposes' && Array.isArray(value) ? ['future_purpose', 42] : value));
    for (const spec of SHOWS_TEXT) {
      const el = await inContainer(spec);
      await until(() => spec.isLoaded(el), `<${spec.tag}> did not load`);
      expectNothingEscaped();
      el.parentElement!.remove();
    }
  });
});
