// The theming contract and the locale lookup, for every element: the scheme from the page's
// `color-scheme` and the `theme` attribute; colour contrast (axe and the derived colours) for the
// defaults and for brands set from one accent and a surface, on a light and a dark system; print always
// light with bars to scale; forced colours (emulated through the DevTools protocol); `--iso-*` tokens and
// `::part()` from the page; which `locale` / `lang` wins. Elements load real data from the local registry
// behind the /api proxy.
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
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
  // The checkout with quantity presets, one of them selected, so their colours are checked too.
  const presets = spec.tag === 'iso-checkout-button' ? { presets: '1,5,10' } : {};
  for (const [name, value] of Object.entries({ ...spec.valid, ...presets, ...attributes })) el.setAttribute(name, value);
  container.append(el);
  parent.append(container);
  containers.push(container);
  await until(() => spec.isLoaded(el), `<${spec.tag}> did not load`);
  return el;
}

/** A section of the page with its own CSS (`color-scheme`, `--iso-*` tokens), removed after the test. */
function section(css: string): HTMLElement {
  const el = document.createElement('section');
  el.style.cssText = css;
  document.body.append(el);
  containers.push(el);
  return el;
}

/** Emulates media in one DevTools call (test/support/emulate-media-plugin.ts); each call replaces the last. */
async function media(options: { print?: boolean; dark?: boolean; forcedColors?: boolean } = {}): Promise<void> {
  const features: Record<string, string> = { 'prefers-color-scheme': options.dark ? 'dark' : 'light', 'forced-colors': options.forcedColors ? 'active' : 'none' };
  await executeServerCommand('emulate-media-cdp', { media: options.print ? 'print' : '', features });
}

/** A colour as its sRGB bytes, through a canvas, so `#fff`, `rgb()` and `oklch()` compare equal. */
function rgb(color: string): [number, number, number] {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!];
}

/** The value of one of the element's private colour variables, resolved inside its shadow root (its scheme, its tokens). */
function resolved(el: LitElement, variable: string): [number, number, number] {
  const probe = document.createElement('span');
  probe.style.color = `var(${variable})`;
  el.shadowRoot!.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return rgb(value);
}

const [LIGHT_SURFACE, DARK_SURFACE] = TOKEN_DEFAULTS['--iso-color-surface'].map(rgb);
const [LIGHT_TEXT, DARK_TEXT] = TOKEN_DEFAULTS['--iso-color-text'].map(rgb);
const LIGHT = { colorScheme: 'light', color: LIGHT_TEXT, surface: LIGHT_SURFACE };
const DARK = { colorScheme: 'dark', color: DARK_TEXT, surface: DARK_SURFACE };

/** The scheme an element shows: its used colour scheme, its base's text colour, and the surface it paints with. */
function scheme(el: LitElement): { colorScheme: string; color: [number, number, number]; surface: [number, number, number] } {
  const surface = resolved(el, '--_color-surface');
  const dark = surface.reduce((sum, channel) => sum + channel, 0) < 3 * 128;
  return { colorScheme: dark ? 'dark' : 'light', color: rgb(getComputedStyle(base(el)!).color), surface };
}

/** Relative luminance (WCAG 2). */
function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
function ratio(a: readonly number[], b: readonly number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

interface AxeResult {
  id: string;
  nodes: { target: unknown; failureSummary?: string }[];
}
type Axe = { run(context: Element, options: object): Promise<{ violations: AxeResult[]; passes: AxeResult[] }> };

/** axe-core's colour-contrast rule on one element: its violations (as readable lines) and how many nodes passed. */
async function contrast(el: Element): Promise<{ violations: string[]; passed: number }> {
  await import('axe-core/axe.min.js' as string);
  const axe = (window as unknown as { axe: Axe }).axe;
  const results = await axe.run(el, { runOnly: ['color-contrast'] });
  return {
    violations: results.violations.flatMap((v) => v.nodes.map((node) => `${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`)),
    passed: results.passes.reduce((sum, v) => sum + v.nodes.length, 0),
  };
}

/** Brands from one or two colours, as a page would set them: only the accent and a surface. */
const BRANDS = {
  'cream surface, light orange accent': '--iso-accent: #f2a33a; --iso-surface: #fbf6ea;',
  'navy surface, dark blue accent': '--iso-accent: #1f4e9c; --iso-surface: #1b1f3a;',
  'accent only (dark blue)': '--iso-accent: #1f4e9c;',
  'surface only (cream)': '--iso-surface: #fbf6ea;',
  'long names: --iso-color-accent, --iso-color-surface': '--iso-color-accent: #c2185b; --iso-color-surface: #f4f1ea;',
} as const;

describe('theming and locale, for every element', () => {
  beforeEach(() => {
    useFetchSpy().respond = realAnswer;
  });

  afterEach(async () => {
    for (const container of containers.splice(0)) container.remove();
    document.querySelectorAll('style[data-test]').forEach((style) => style.remove());
    configure({ fetch: undefined, endpoint: undefined });
    await media();
  });

  for (const spec of ELEMENTS) {
    describe(`<${spec.tag}>`, () => {
      it('follows the page\'s color-scheme: light on an unaware or light page even on a dark system, the visitor\'s on a `light dark` page', async () => {
        await media({ dark: true });
        expect(scheme(await build(spec)), 'a page that declares nothing').to.deep.equal(LIGHT);
        expect(scheme(await build(spec, {}, section('color-scheme: light'))), 'color-scheme: light on an ancestor').to.deep.equal(LIGHT);
        const both = section('color-scheme: light dark');
        expect(scheme(await build(spec, {}, both)), 'color-scheme: light dark, dark system').to.deep.equal(DARK);
        expect(scheme(await build(spec, {}, section('color-scheme: dark'))), 'color-scheme: dark').to.deep.equal(DARK);
        await media({ dark: false });
        expect(scheme(await build(spec, {}, both)), 'color-scheme: light dark, light system').to.deep.equal(LIGHT);
      });

      it('takes the scheme from the theme attribute over the page\'s', async () => {
        await media({ dark: true });
        expect(scheme(await build(spec, { theme: 'light' }, section('color-scheme: light dark')))).to.deep.equal(LIGHT);
        expect(scheme(await build(spec, { theme: 'dark' }, section('color-scheme: light')))).to.deep.equal(DARK);
        await media({ dark: false });
        // Alone at the top of the page: axe reads backgrounds from what is painted, and a card skips
        // painting its content below the viewport (content-visibility: auto).
        for (const container of containers.splice(0)) container.remove();
        const dark = await build(spec, { theme: 'dark' });
        expect(scheme(dark)).to.deep.equal(DARK);
        // Non-colour tokens with a dark default follow the scheme too.
        const shadow = (el: LitElement) => {
          const probe = document.createElement('span');
          probe.style.boxShadow = 'var(--_shadow)';
          el.shadowRoot!.append(probe);
          const value = getComputedStyle(probe).boxShadow;
          probe.remove();
          return value;
        };
        const light = await build(spec, { theme: 'light' });
        expect(shadow(light)).to.match(/^rgba\(0, 0, 0, 0\.06\) 0px 1px 2px 0px, rgba\(0, 0, 0, 0\.06\) 0px 4px 12px 0px$/);
        expect(shadow(dark)).to.match(/^rgba\(0, 0, 0, 0\.4\) 0px 1px 2px 0px, rgba\(0, 0, 0, 0\) 0px 4px 12px 0px$/);
        containers.pop()!.remove();
        await expect(dark).to.be.accessible();
      });

      for (const dark of [false, true]) {
        const system = dark ? 'dark' : 'light';
        it(`passes axe colour contrast, default and branded, on a ${system} system`, async () => {
          await media({ dark });
          const cases: [string, string][] = [
            ['default', 'color-scheme: light dark'],
            ['theme="light"', ''],
            ['theme="dark"', ''],
            ...Object.entries(BRANDS).map(([name, css]): [string, string] => [name, `color-scheme: light dark; ${css}`]),
          ];
          const problems: string[] = [];
          for (const [name, css] of cases) {
            const theme = /theme="(\w+)"/.exec(name)?.[1];
            const el = await build(spec, theme ? { theme } : {}, section(`padding: 1rem; ${css}`));
            await localeReady(el);
            await scrolledIntoView(el);
            const result = await contrast(el);
            if (result.passed === 0) problems.push(`${name}: axe checked no text`);
            problems.push(...result.violations.map((line) => `${name}: ${line}`));
            // Text on the page's own surface, however the page set it, is never light on light.
            const surface = resolved(el, '--_color-surface');
            for (const variable of ['--_color-text', '--_color-text-muted', '--_color-accent', '--_color-danger']) {
              const value = ratio(resolved(el, variable), surface);
              if (value < 4.5) problems.push(`${name}: ${variable} on the surface is ${value.toFixed(2)}:1`);
            }
            const onAccent = ratio(resolved(el, '--_color-accent-contrast'), resolved(el, '--_color-accent'));
            if (onAccent < 4.5) problems.push(`${name}: text on the accent is ${onAccent.toFixed(2)}:1`);
            containers.pop()!.remove();
          }
          expect(problems).to.deep.equal([]);
        });
      }

      it('prints light, whatever the scheme, the theme attribute or the page\'s dark surface, with bars to scale', async () => {
        await media({ dark: true });
        const built = [
          await build(spec, {}, section('color-scheme: light dark')),
          await build(spec, { theme: 'dark' }),
          await build(spec, {}, section('color-scheme: dark; --iso-surface: #1b1f3a; --iso-accent: #7fb3ff; --iso-color-text: #f0f0f0')),
        ];
        await media({ dark: true, print: true });
        for (const el of built) {
          const shown = scheme(el);
          expect(shown.surface, 'a white surface').to.deep.equal([255, 255, 255]);
          expect(ratio(shown.color, shown.surface), 'dark text').to.be.at.least(7);
          expect(ratio(resolved(el, '--_color-accent'), shown.surface), 'a dark enough accent').to.be.at.least(4.5);
          const bars = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.bar')].filter((bar) => bar.querySelector('.bar__fill'));
          for (const bar of bars) {
            const fill = bar.querySelector<HTMLElement>('.bar__fill')!;
            expect(getComputedStyle(fill).printColorAdjust, 'the fill prints').to.equal('exact');
            expect(getComputedStyle(bar).printColorAdjust, 'the track prints').to.equal('exact');
            expect(fill.getBoundingClientRect().width, 'a fill no wider than its track').to.be.at.most(bar.getBoundingClientRect().width + 0.5);
            expect(rgb(getComputedStyle(fill).backgroundColor), 'fill and track differ').to.not.deep.equal(rgb(getComputedStyle(bar).backgroundColor));
          }
          // Drawn to scale: the bars of one element are not all full.
          if (bars.length > 1) {
            const shares = bars.map((bar) => bar.querySelector('.bar__fill')!.getBoundingClientRect().width / bar.getBoundingClientRect().width);
            expect(shares.some((share) => share < 0.99), `shares ${shares.map((share) => share.toFixed(2)).join(', ')}`).to.equal(true);
          }
        }
      });

      it('keeps bars, the selected preset and focus visible in forced colours', async () => {
        const el = await build(spec);
        await media({ forcedColors: true });
        expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
        for (const bar of el.shadowRoot!.querySelectorAll<HTMLElement>('.bar')) {
          const fill = bar.querySelector<HTMLElement>('.bar__fill');
          const track = getComputedStyle(bar);
          expect(parseFloat(track.borderTopWidth), 'the track is outlined').to.be.at.least(1);
          expect(rgb(track.borderTopColor), 'in a colour unlike its background').to.not.deep.equal(rgb(track.backgroundColor));
          if (fill) expect(rgb(getComputedStyle(fill).backgroundColor), 'the fill unlike the track').to.not.deep.equal(rgb(track.backgroundColor));
        }
        const presets = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.preset')];
        expect(presets.length > 0, 'the checkout shows presets').to.equal(spec.tag === 'iso-checkout-button');
        if (presets.length > 0) {
          if (!presets.some((preset) => preset.getAttribute('aria-pressed') === 'true')) {
            presets[1]!.click();
            await el.updateComplete;
          }
          const selected = presets.find((preset) => preset.getAttribute('aria-pressed') === 'true')!;
          const other = presets.find((preset) => preset !== selected)!;
          const look = (preset: HTMLElement) => {
            const style = getComputedStyle(preset);
            return { background: rgb(style.backgroundColor), color: rgb(style.color) };
          };
          expect(look(selected).background, 'the selected preset has another background').to.not.deep.equal(look(other).background);
          expect(look(selected).color, 'and another text colour').to.not.deep.equal(look(other).color);
          expect(ratio(look(selected).color, look(selected).background)).to.be.at.least(4.5);
        }
        const focusable = el.shadowRoot!.querySelector<HTMLElement>('a[href], button');
        if (focusable) {
          focusable.focus({ focusVisible: true } as FocusOptions);
          const style = getComputedStyle(focusable);
          if (focusable.matches(':focus-visible')) {
            expect(style.outlineStyle, 'a focus outline').to.not.equal('none');
            expect(parseFloat(style.outlineWidth)).to.be.at.least(1);
          }
        }
      });

      it('takes --iso-* tokens and ::part(base) styles from the page', async () => {
        const style = document.createElement('style');
        style.dataset.test = '';
        style.textContent = `${spec.tag} { --iso-color-text: rgb(1, 2, 3); --iso-color-surface: rgb(250, 240, 230); }
          ${spec.tag}::part(base) { outline: 3px dashed rgb(9, 8, 7); }`;
        document.head.append(style);
        const el = await build(spec);
        expect(scheme(el).color).to.deep.equal([1, 2, 3]);
        expect(scheme(el).surface).to.deep.equal([250, 240, 230]);
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
