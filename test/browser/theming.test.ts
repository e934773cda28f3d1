// The theming contract and the locale lookup, for every element: light and dark from the `theme`
// attribute and from `prefers-color-scheme`, `--iso-*` tokens and `::part()` from the page, and which
// `locale` / `lang` wins. Elements load real data from the local registry behind the /api proxy.
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import '../../src/index.js';
import { configure } from '../../src/data/config.js';
import { TOKEN_DEFAULTS } from '../../src/themes/tokens.js';
import { localeReady, useFetchSpy } from '../support/data-element-suite.js';
import { ELEMENTS, base, realAnswer, scrolledIntoView, until, type ElementSpec } from '../support/elements.js';

const containers: HTMLElement[] = [];

async function build(spec: ElementSpec, attributes: Record<string, string> = {}, parent: ParentNode = document.body): Promise<LitElement> {
  const container = document.createElement('div');
  const el = document.createElement(spec.tag) as LitElement;
  for (const [name, value] of Object.entries({ ...spec.valid, ...attributes })) el.setAttribute(name, value);
  container.append(el);
  parent.append(container);
  containers.push(container);
  await until(() => spec.isLoaded(el), `<${spec.tag}> did not load`);
  return el;
}

/** A colour as the browser computes it, for comparing with computed styles. */
function computed(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

const [LIGHT_SURFACE, DARK_SURFACE] = TOKEN_DEFAULTS['--iso-color-surface'].map(computed) as [string, string];
const [LIGHT_TEXT, DARK_TEXT] = TOKEN_DEFAULTS['--iso-color-text'].map(computed) as [string, string];

/** The scheme an element shows: its base's colour scheme and text colour, and the surface it paints with. */
function scheme(el: LitElement): { colorScheme: string; color: string; surface: string } {
  const style = getComputedStyle(base(el)!);
  const surface = getComputedStyle(el).getPropertyValue('--_color-surface').trim();
  return { colorScheme: getComputedStyle(el).colorScheme, color: style.color, surface: computed(surface) };
}

describe('theming and locale, for every element', () => {
  beforeEach(() => {
    useFetchSpy().respond = realAnswer;
  });

  afterEach(async () => {
    for (const container of containers.splice(0)) container.remove();
    document.querySelectorAll('style[data-test]').forEach((style) => style.remove());
    configure({ fetch: undefined, endpoint: undefined });
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  for (const spec of ELEMENTS) {
    describe(`<${spec.tag}>`, () => {
      it('is light by default, dark with theme="dark", and axe-clean in dark', async () => {
        await emulateMedia({ colorScheme: 'light' });
        const light = await build(spec);
        expect(scheme(light)).to.deep.equal({ colorScheme: 'light', color: LIGHT_TEXT, surface: LIGHT_SURFACE });
        const dark = await build(spec, { theme: 'dark' });
        expect(scheme(dark)).to.deep.equal({ colorScheme: 'dark', color: DARK_TEXT, surface: DARK_SURFACE });
        await expect(dark).to.be.accessible();
      });

      it('follows prefers-color-scheme without a theme, and theme="light" overrides it', async () => {
        await emulateMedia({ colorScheme: 'dark' });
        const auto = await build(spec);
        expect(scheme(auto)).to.deep.equal({ colorScheme: 'dark', color: DARK_TEXT, surface: DARK_SURFACE });
        const light = await build(spec, { theme: 'light' });
        expect(scheme(light)).to.deep.equal({ colorScheme: 'light', color: LIGHT_TEXT, surface: LIGHT_SURFACE });
      });

      it('takes --iso-* tokens and ::part(base) styles from the page', async () => {
        const style = document.createElement('style');
        style.dataset.test = '';
        style.textContent = `${spec.tag} { --iso-color-text: rgb(1, 2, 3); --iso-color-surface: rgb(250, 240, 230); }
          ${spec.tag}::part(base) { outline: 3px dashed rgb(9, 8, 7); }`;
        document.head.append(style);
        const el = await build(spec);
        expect(scheme(el).color).to.equal('rgb(1, 2, 3)');
        expect(scheme(el).surface).to.equal('rgb(250, 240, 230)');
        const outline = getComputedStyle(base(el)!);
        expect([outline.outlineStyle, outline.outlineColor]).to.deep.equal(['dashed', 'rgb(9, 8, 7)']);
      });

      it('takes its locale from the locale attribute, else the nearest lang, also across a shadow root', async () => {
        await emulateMedia({ reducedMotion: 'reduce' });
        const german = document.createElement('section');
        german.lang = 'de';
        document.body.append(german);
        containers.push(german);
        const host = document.createElement('div');
        german.append(host);
        const built = {
          de: await build(spec, { locale: 'de' }),
          fr: await build(spec, { locale: 'fr' }),
          en: await build(spec, { locale: 'en' }),
          byLang: await build(spec, {}, german),
          ownFr: await build(spec, { locale: 'fr' }, german),
          ownEn: await build(spec, { locale: 'en' }, german),
          // Inside another element's shadow root, the lang above that element's host counts.
          nested: await build(spec, {}, host.attachShadow({ mode: 'open' })),
        };
        for (const el of Object.values(built)) await localeReady(el);
        const texts = new Map<LitElement, string>();
        // Each element as seen on screen. A relative date ("vor 14 Sekunden") is read as its datetime:
        // the elements render a second apart.
        for (const el of Object.values(built)) {
          await scrolledIntoView(el);
          let shown = base(el)!.innerText;
          for (const time of base(el)!.querySelectorAll('time')) shown = shown.replace(time.innerText, time.dateTime);
          texts.set(el, shown.replace(/\s+/g, ' ').trim());
        }
        const text = (el: LitElement) => texts.get(el)!;
        expect(text(built.de)).to.not.equal(text(built.fr));
        expect(text(built.de)).to.not.equal(text(built.en));
        expect(text(built.byLang), 'the nearest lang="de"').to.equal(text(built.de));
        expect(text(built.ownFr), 'locale="fr" inside lang="de"').to.equal(text(built.fr));
        expect(text(built.ownEn), 'locale="en" inside lang="de"').to.equal(text(built.en));
        expect(text(built.nested), 'in a shadow root under lang="de"').to.equal(text(built.de));
      });
    });
  }
});
