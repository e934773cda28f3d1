// Host pages are hostile too. Page CSS cannot select inside a shadow root, but it matches the host
// element itself, and inherited properties set there flow in. With a page stylesheet that sets them
// all on `*` (and hides buttons, links and divs), every element must look and work as without it.
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../src/index.js';
import { errorKind, useFetchSpy } from '../support/data-element-suite.js';
import { ELEMENTS, STRIPE_CONFIGURATION, base, nextTask, realAnswer, until, watchEscapesPerTest, type ElementSpec } from '../support/elements.js';

const HOSTILE_CSS = `
  * {
    line-height: 0 !important;
    letter-spacing: 8px;
    word-spacing: 20px;
    text-transform: uppercase;
    text-indent: -200px;
    text-align: right;
    text-shadow: 0 0 6px red;
    white-space: nowrap;
    font-style: italic;
    font-weight: 900;
    font-family: cursive;
    color: transparent;
    -webkit-text-fill-color: transparent;
    box-sizing: content-box;
    overflow-wrap: normal;
    word-break: keep-all;
  }
  button { display: none !important; }
  a { display: none; }
  div { display: inline; padding: 40px; }
`;

/** Inherited properties the page could push into the element, compared with and without its CSS. */
const INHERITED = [
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'text-indent',
  'text-align',
  'text-shadow',
  'white-space',
  'font-style',
  'font-weight',
  'font-family',
  'font-size',
  'color',
  '-webkit-text-fill-color',
  'box-sizing',
  'overflow-wrap',
  'word-break',
] as const;

/**
 * Blink's computed list of the decorations drawn on a node's text: its own and those an ancestor's
 * `text-decoration` propagates to it (CSS Text Decoration 3 §2); `text-decoration` shows only its own.
 */
const DECORATIONS = ['-webkit-text-decorations-in-effect'] as const;


const TRANSPARENT = 'rgba(0, 0, 0, 0)';

let sheet: HTMLStyleElement | undefined;
const containers: HTMLElement[] = [];

function addHostileCss(css = HOSTILE_CSS): HTMLStyleElement {
  sheet = document.createElement('style');
  sheet.textContent = css;
  document.head.append(sheet);
  return sheet;
}

/** Builds the element, 600px wide, inside a page `<div>` (which the hostile CSS also restyles). */
function build(spec: ElementSpec, attributes: Record<string, string> = spec.valid): LitElement {
  const container = document.createElement('div');
  const el = document.createElement(spec.tag) as LitElement;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.style.inlineSize = '600px';
  container.append(el);
  document.body.append(container);
  containers.push(container);
  return el;
}

/** The inherited text properties (or `properties`) of `nodes` (every node in the shadow root), one line per node. */
function snapshot(nodes: readonly Element[], properties: readonly string[]): string[] {
  return nodes.map((node) => {
    const style = getComputedStyle(node);
    return `<${node.localName} class="${node.getAttribute('class') ?? ''}"> ${properties.map((name) => `${name}: ${style.getPropertyValue(name)}`).join('; ')}`;
  });
}

/** The page's CSS changes nothing inside the element (or on `nodes`): compares them with the stylesheet on and off. */
function expectUnaffected(el: Element, css: HTMLStyleElement, properties: readonly string[] = INHERITED, nodes = [...el.shadowRoot!.querySelectorAll('*')]): void {
  const hostile = snapshot(nodes, properties);
  css.disabled = true;
  const clean = snapshot(nodes, properties);
  css.disabled = false;
  expect(hostile.length).to.equal(clean.length);
  const differences = hostile.flatMap((line, index) => (line === clean[index] ? [] : [`with page CSS: ${line}\n   without it: ${clean[index]}`]));
  // A count, not the list: a diff of hundreds of long lines takes the reporter minutes.
  expect(differences.length, differences.slice(0, 3).join('\n')).to.equal(0);
}

/** Readable: text has height, normal spacing and case, and a colour. */
function expectReadable(node: Element, what: string): void {
  const style = getComputedStyle(node);
  expect(style.lineHeight === 'normal' || parseFloat(style.lineHeight) > 0, `${what}: line-height ${style.lineHeight}`).to.equal(true);
  expect(style.letterSpacing, `${what}: letter-spacing`).to.equal('normal');
  expect(style.textTransform, `${what}: text-transform`).to.equal('none');
  expect(style.color, `${what}: color`).to.not.equal(TRANSPARENT);
  expect(style.getPropertyValue('-webkit-text-fill-color'), `${what}: text fill`).to.not.equal(TRANSPARENT);
  expect(node.getBoundingClientRect().height, `${what}: no height`).to.be.greaterThan(0);
}

/** Shown and on top at its centre, so a pointer reaches it. */
function expectReachable(el: Element, control: HTMLElement, what: string): { x: number; y: number } {
  control.scrollIntoView({ block: 'center' });
  const rect = control.getBoundingClientRect();
  expect(getComputedStyle(control).display, `${what}: display`).to.not.equal('none');
  expect(rect.width * rect.height, `${what}: no size`).to.be.greaterThan(0);
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  const hit = el.shadowRoot!.elementFromPoint(x, y);
  expect(hit === control || control.contains(hit), `${what}: covered by ${hit?.localName}`).to.equal(true);
  return { x: Math.round(x), y: Math.round(y) };
}

async function click(el: Element, control: HTMLElement, what: string): Promise<void> {
  const { x, y } = expectReachable(el, control, what);
  await sendMouse({ type: 'click', position: [x, y] });
}

describe('a hostile host page stylesheet', () => {
  const escapes = watchEscapesPerTest();
  afterEach(() => {
    sheet?.remove();
    sheet = undefined;
    for (const container of containers.splice(0)) container.remove();
  });

  for (const spec of ELEMENTS) {
    describe(`<${spec.tag}>`, () => {
      it('looks the same loaded, with readable text and visible, usable links and buttons', async () => {
        const css = addHostileCss();
        useFetchSpy().respond = realAnswer;
        const el = build(spec);
        await until(() => spec.isLoaded(el), 'the element did not load');
        await el.updateComplete;
        expectUnaffected(el, css);
        expectReadable(el.shadowRoot!.querySelector('[part~="base"]')!, 'base');
        const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[href]')];
        const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].filter((button) => !button.closest('dialog, [hidden]'));
        // The counter has nothing to click once loaded; every other element does.
        if (spec.tag !== 'iso-impact-counter') expect(links.length + buttons.length, 'nothing to use').to.be.greaterThan(0);
        for (const link of links) {
          // A figure's provenance note (elements/shared/provenance.ts) shows while the figure has focus.
          link.closest<HTMLElement>('.has-provenance')?.focus();
          expectReadable(link, `link ${link.textContent!.trim()}`);
          expectReachable(el, link, `link ${link.textContent!.trim()}`);
        }
        for (const button of buttons) {
          expectReadable(button, `button ${button.textContent!.trim()}`);
          expectReachable(el, button, `button ${button.textContent!.trim()}`);
        }
        expect(escapes.errors).to.deep.equal([]);
      });

      it('shows a readable error with a retry button that works', async () => {
        const css = addHostileCss();
        const spy = useFetchSpy();
        spy.respond = async () => Response.json({ error: 'upstream_unavailable', message: 'The Registry API could not be reached.' }, { status: 503 });
        const el = build(spec);
        await until(() => errorKind(el) === 'unavailable', 'no error state');
        await el.updateComplete;
        expectUnaffected(el, css);
        for (const node of el.shadowRoot!.querySelectorAll('[part~="error"] p')) expectReadable(node, node.className);
        const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
        expectReadable(retry, 'retry button');
        spy.respond = realAnswer;
        await click(el, retry, 'retry button');
        await until(() => spec.isLoaded(el), 'the retry button did not work');
        expect(escapes.errors).to.deep.equal([]);
      });

      // The checkout button in both forms: the dialog button (an inline-level host) and `inline`.
      const forms = spec.tag === 'iso-checkout-button' ? [{}, { inline: '' }] : [spec.valid];
      for (const attributes of forms) {
        it(`keeps a text-decoration on it or its parent off its text, whatever display the page gives it${Object.keys(attributes).includes('inline') ? ' (inline)' : ''}`, async () => {
          useFetchSpy().respond = realAnswer;
          const el = build(spec, { ...spec.valid, ...attributes });
          if (!('inline' in attributes)) el.removeAttribute('inline');
          await until(() => spec.isLoaded(el), 'the element did not load');
          for (const display of ['', 'block', 'inline', 'inline-block', 'flex', 'grid']) {
            const css = addHostileCss(`div, ${spec.tag} { text-decoration: underline line-through wavy red; } ${display ? `${spec.tag} { display: ${display}; }` : ''}`);
            await el.updateComplete;
            // Decorations are drawn on text, and all the text is in the base (the checkout's base sits
            // in a text-free block); the base and everything in it carry none of the page's.
            const content = base(el)!;
            expect(el.shadowRoot!.textContent!.trim()).to.equal(content.textContent!.trim());
            expectUnaffected(el, css, DECORATIONS, [content, ...content.querySelectorAll('*')]);
            // The page's decoration does reach the host: the element is what stops it.
            expect(getComputedStyle(el).getPropertyValue(DECORATIONS[0]), 'the page CSS does not apply').to.contain('line-through');
            // The host wraps its base exactly (a floated or inline base), with no strut space under it.
            if (display !== 'inline') expect(el.getBoundingClientRect().height, `display: ${display || 'default'}`).to.equal(base(el)!.getBoundingClientRect().height);
            css.remove();
          }
        });
      }
    });
  }

  it('still takes the page’s theme tokens and leaves the host’s display to the page', async () => {
    addHostileCss();
    const spec = ELEMENTS.find((candidate) => candidate.tag === 'iso-project-card')!;
    useFetchSpy().respond = realAnswer;
    const el = build(spec);
    el.style.setProperty('--iso-color-text', 'rgb(1, 2, 3)');
    el.style.setProperty('--iso-font-size', '20px');
    el.style.setProperty('--iso-font-family', 'monospace');
    await until(() => spec.isLoaded(el), 'the element did not load');
    const style = getComputedStyle(el.shadowRoot!.querySelector('[part~="base"]')!);
    expect(style.color).to.equal('rgb(1, 2, 3)');
    expect(style.fontSize).to.equal('20px');
    expect(style.fontFamily).to.equal('monospace');
    expect(style.lineHeight).to.equal('30px');
    el.style.display = 'none';
    expect(getComputedStyle(el).display).to.equal('none');
    el.style.display = 'inline-grid';
    expect(getComputedStyle(el).display).to.equal('inline-grid');
    el.style.removeProperty('display');
    el.hidden = true;
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('keeps the checkout dialog readable and its controls usable', async () => {
    const css = addHostileCss();
    useFetchSpy().respond = async (request) =>
      new URL(request.url).pathname === '/api/stripe/configuration'
        ? Response.json(STRIPE_CONFIGURATION)
        : Response.json({ detail: 'Not Found' }, { status: 404 });
    const el = build(ELEMENTS.find((spec) => spec.tag === 'iso-checkout-button')!, {});
    const opener = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;
    await until(() => el.shadowRoot!.querySelector('[part~="button"]:not([disabled])') && el.shadowRoot!.querySelector('[part~="form"]'), 'the form did not load');
    expectReadable(opener(), 'opener');
    await click(el, opener(), 'opener');
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open, 'the dialog did not open');
    expectUnaffected(el, css);
    for (const control of dialog.querySelectorAll<HTMLElement>('button, input, a')) expectReadable(control, `${control.localName} ${control.id || control.getAttribute('part') || control.textContent!.trim()}`);
    await click(el, el.shadowRoot!.querySelector<HTMLElement>('#accept-isometric')!, 'terms checkbox');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#accept-isometric')!.checked).to.equal(true);
    await click(el, el.shadowRoot!.querySelector<HTMLElement>('[part~="close-button"]')!, 'close button');
    await until(() => !dialog.open, 'the close button did not work');
    await nextTask();
    expect(escapes.errors).to.deep.equal([]);
  });
});
