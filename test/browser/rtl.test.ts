// Right to left: every element, in Arabic (`lang="ar" dir="rtl"`) and in English, with the same data at
// the same width. Its key boxes sit on mirrored sides (a label and its value, a name and its figure,
// a note's accent bar), measured with getBoundingClientRect relative to the host, and it speaks Arabic:
// no English catalog text is left once the translations have loaded.
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/index.js';
import { messages as checkoutButton } from '../../src/elements/checkout-button/checkout-button.messages.js';
import { messages as impactCounter } from '../../src/elements/impact-counter/impact-counter.messages.js';
import { messages as projectCard } from '../../src/elements/project-card/project-card.messages.js';
import { messages as retirementCertificate } from '../../src/elements/retirement-certificate/retirement-certificate.messages.js';
import { messages as retirementFeed } from '../../src/elements/retirement-feed/retirement-feed.messages.js';
import { common } from '../../src/i18n/common.js';
import type { Catalog, Messages } from '../../src/i18n/localize.js';
import { localeReady, useFetchSpy } from '../support/data-element-suite.js';
import { ELEMENTS, base, type Tag } from '../support/elements.js';
import { waitUntil } from '../support/wait.js';

const WIDTH = 640;
/** Pixels two measurements may differ by: subpixel layout and rounding. */
const SLACK = 2;

type Side = 'ltr' | 'rtl';

/** A box's left and right edges relative to the host, and the same seen from the inline start. */
interface Edges {
  left: number;
  right: number;
  /** Distance from the host's inline-start edge to the box's inline-start edge. */
  start: number;
  /** Distance from the host's inline-start edge to the box's inline-end edge. */
  end: number;
}

function edges(host: Element, rect: DOMRect, dir: Side): Edges {
  const frame = host.getBoundingClientRect();
  const left = rect.left - frame.left;
  const right = rect.right - frame.left;
  return dir === 'ltr' ? { left, right, start: left, end: right } : { left, right, start: frame.width - right, end: frame.width - left };
}

/** The box of a node's rendered text (not of its element, which may be wider than its words). */
function textRect(el: Element): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(el);
  return range.getBoundingClientRect();
}

function find(el: Element, selector: string): Element {
  const found = el.shadowRoot?.querySelector(selector);
  if (!found) throw new Error(`<${el.localName}> has no ${selector}`);
  return found;
}

/** A label and the value it names: the value's box is after the label on the inline axis, and its text starts next to it. */
interface Pair {
  what: string;
  label: string;
  value: string;
}

/** Per element: a box whose text starts at the same distance from the host's start edge in both directions, and label/value pairs. */
const LAYOUT: Record<Tag, { starts: string[]; pairs: Pair[]; accentBar?: string }> = {
  'iso-project-card': {
    starts: ['.card__facts dt'],
    pairs: [{ what: 'a fact and its value', label: '.card__facts dt', value: '.card__facts dd' }],
  },
  'iso-impact-counter': {
    starts: ['.breakdown tbody th'],
    pairs: [{ what: 'a supplier and its figure', label: '.breakdown tbody th', value: '.breakdown tbody td' }],
  },
  'iso-retirement-certificate': {
    starts: ['.certificate__facts dt', '[part~="note"]'],
    pairs: [
      { what: 'the beneficiary label and value', label: '.certificate__facts dt', value: '[data-fact="beneficiary"]' },
      { what: 'the amount label and value', label: '.certificate__facts dt:has(+ [data-fact="amount"])', value: '[data-fact="amount"]' },
    ],
    accentBar: '[part~="note"]',
  },
  'iso-retirement-feed': {
    starts: ['.entry__name', '[part="count"]'],
    pairs: [],
  },
  'iso-checkout-button': {
    starts: ['.estimate__row dt'],
    pairs: [{ what: 'a price and its label', label: '.estimate__row dt', value: '.estimate__row dd' }],
  },
};

const CATALOGS: Record<Tag, Messages<Catalog>> = {
  'iso-project-card': projectCard,
  'iso-impact-counter': impactCounter,
  'iso-retirement-certificate': retirementCertificate,
  'iso-retirement-feed': retirementFeed,
  'iso-checkout-button': checkoutButton,
};

/** English catalog text (between placeholders, 4+ letters) that no Arabic string contains. */
async function englishOnly(tag: Tag): Promise<string[]> {
  const pieces = new Set<string>();
  for (const messages of [CATALOGS[tag], common]) {
    const arabic = (await messages.load('ar')).default as Catalog;
    for (const [key, english] of Object.entries(messages.en)) {
      if (arabic[key] === english) continue;
      for (const fragment of english.split(/\{\w+\}/)) {
        const piece = fragment.trim().replace(/^[\s"(:,.;–—-]+|[\s"(:,.;–—-]+$/gu, '');
        if ((piece.match(/\p{L}/gu)?.length ?? 0) >= 4 && !Object.values(arabic).some((value) => value.includes(piece))) pieces.add(piece);
      }
    }
  }
  return [...pieces];
}

/** What the element says in its own words: its text and accessible names, without API data (dir="auto") and notes. */
function ownWords(el: Element): string {
  const texts: string[] = [];
  const roots: (ShadowRoot | null)[] = [el.shadowRoot];
  while (roots.length > 0) {
    for (const child of roots.pop()?.querySelectorAll('*') ?? []) {
      if (child.shadowRoot) roots.push(child.shadowRoot);
      if (child.closest('[dir="auto"], [part~="note"], style')) continue;
      for (const node of child.childNodes) if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent ?? '');
      for (const name of ['aria-label', 'title', 'placeholder']) texts.push(child.getAttribute(name) ?? '');
    }
  }
  return texts.join('\n');
}

async function show(tag: Tag, dir: Side): Promise<LitElement> {
  const spec = ELEMENTS.find((candidate) => candidate.tag === tag)!;
  const container = await fixture<HTMLDivElement>(html`<div lang=${dir === 'rtl' ? 'ar' : 'en'} dir=${dir} style="inline-size: ${WIDTH}px"></div>`);
  const el = document.createElement(tag) as LitElement;
  for (const [name, value] of Object.entries(spec.valid)) el.setAttribute(name, value);
  container.append(el);
  await waitUntil(() => spec.isLoaded(el), `<${tag}> loads its data in ${dir}`, { timeout: 10_000 });
  await localeReady(el);
  return el;
}

describe('right to left', () => {
  for (const { tag } of ELEMENTS) {
    describe(`<${tag}>`, () => {
      beforeEach(() => {
        useFetchSpy();
      });

      it('mirrors its boxes: the same distance from the start edge, values after their labels', async () => {
        const layout = LAYOUT[tag];
        const ltr = await show(tag, 'ltr');
        const rtl = await show(tag, 'rtl');
        expect(getComputedStyle(base(rtl)!).direction).to.equal('rtl');
        for (const selector of layout.starts) {
          const [a, b] = [edges(ltr, textRect(find(ltr, selector)), 'ltr'), edges(rtl, textRect(find(rtl, selector)), 'rtl')];
          expect(Math.abs(a.start - b.start), `${selector} starts ${a.start.toFixed(1)}px from the left in ltr and ${b.start.toFixed(1)}px from the right in rtl`).to.be.at.most(SLACK);
        }
        for (const { what, label, value } of layout.pairs) {
          for (const [el, dir] of [[ltr, 'ltr'], [rtl, 'rtl']] as const) {
            const labelBox = edges(el, find(el, label).getBoundingClientRect(), dir);
            const valueBox = edges(el, find(el, value).getBoundingClientRect(), dir);
            const valueText = edges(el, textRect(find(el, value)), dir);
            // Side by side, or the value on its own line below (a narrow layout): never before the label.
            const below = find(el, value).getBoundingClientRect().top >= find(el, label).getBoundingClientRect().bottom - SLACK;
            if (!below) expect(valueBox.start, `${what} in ${dir}: the value starts after the label ends`).to.be.at.least(labelBox.end - SLACK);
            // Its text sits at the value box's start, next to the label, not across the element.
            expect(valueText.start - valueBox.start, `${what} in ${dir}: the value's text starts at its box's start`).to.be.at.most(SLACK);
          }
        }
        if (layout.accentBar) {
          for (const [el, dir] of [[ltr, 'ltr'], [rtl, 'rtl']] as const) {
            const style = getComputedStyle(find(el, layout.accentBar));
            const [start, end] = dir === 'ltr' ? [style.borderLeftWidth, style.borderRightWidth] : [style.borderRightWidth, style.borderLeftWidth];
            expect([parseFloat(start) > 0, parseFloat(end)], `the note's accent bar is on the start side in ${dir}`).to.deep.equal([true, 0]);
          }
        }
      });

      it('speaks Arabic: Arabic words and no English catalog text', async () => {
        const el = await show(tag, 'rtl');
        const words = ownWords(el);
        expect(words, `<${tag}> shows Arabic words`).to.match(/\p{Script=Arabic}{3,}/u);
        const english = (await englishOnly(tag)).filter((piece) => new RegExp(`(?<![\\p{L}\\p{N}])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(words));
        expect(english, `<${tag}> shows English in ar`).to.deep.equal([]);
      });
    });
  }
});
