import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The default value of each global theming token, light then dark (dark omitted when it is the
 * same). This is what every element ships; the documentation of each token lives in `TOKENS`
 * (`token-docs.ts`), which pages load only for the API reference and the embed builder.
 */
export const TOKEN_DEFAULTS = {
  '--iso-color-surface': ['#ffffff', '#16201c'],
  '--iso-color-surface-raised': ['#f4f7f5', '#1f2b26'],
  '--iso-color-text': ['#14201b', '#e8efeb'],
  '--iso-color-text-muted': ['#4f5f58', '#a9b8b1'],
  '--iso-color-border': ['#d5ded9', '#34443d'],
  '--iso-color-accent': ['#0b6e4f', '#5fd3a5'],
  '--iso-color-accent-contrast': ['#ffffff', '#000000'],
  '--iso-color-danger': ['#b42318', '#ff8a80'],
  '--iso-color-highlight': ['#fff4c2', '#3d3a1a'],
  '--iso-font-family': ['system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'],
  '--iso-font-size': ['1rem'],
  '--iso-radius': ['12px'],
  '--iso-space': ['1rem'],
  '--iso-shadow': ['0 1px 2px rgb(0 0 0 / 0.06), 0 4px 12px rgb(0 0 0 / 0.06)', '0 1px 2px rgb(0 0 0 / 0.4)'],
} as const satisfies Record<`--iso-${string}`, readonly [light: string, dark?: string]>;

export type TokenName = keyof typeof TOKEN_DEFAULTS;

/** The private variable an element reads a token through: `--iso-color-accent` → `--_color-accent`. */
export function privateVariable(name: string): `--_${string}` {
  return `--_${name.slice('--iso-'.length)}`;
}

/**
 * Short names a page may type instead of a token: `--iso-accent: #1f4e9c` brands every element from
 * one colour. Both spellings are contracts; the long one wins when a page sets both.
 */
export const TOKEN_ALIASES = {
  '--iso-accent': '--iso-color-accent',
  '--iso-surface': '--iso-color-surface',
} as const satisfies Record<`--iso-${string}`, TokenName>;

/** What a page typed for a token (its alias as the fallback); guaranteed-invalid when it typed neither. */
function typed(name: TokenName): string {
  const alias = Object.entries(TOKEN_ALIASES).find(([, target]) => target === name)?.[0];
  return alias ? `var(${name},var(${alias}))` : `var(${name})`;
}

/**
 * The shadow's light and dark defaults as one value. `light-dark()` takes only colours, so each layer's
 * colour follows the scheme (the dark default's missing second layer is a transparent one).
 */
const SCHEMED_SHADOW = '0 1px 2px light-dark(rgb(0 0 0 / 0.06),rgb(0 0 0 / 0.4)),0 4px 12px light-dark(rgb(0 0 0 / 0.06),rgb(0 0 0 / 0))';

/** The token's defaults as one value: `light-dark()` follows the element's used `color-scheme`. */
function byScheme(name: TokenName): string {
  if (name === '--iso-shadow') return SCHEMED_SHADOW;
  const [light, dark] = TOKEN_DEFAULTS[name] as readonly string[];
  return dark === undefined ? light! : `light-dark(${light},${dark})`;
}

/*
 * Colours derived from the surface and the accent, in CSS (relative colour syntax, oklch), so that a
 * page may set only a surface, only an accent, or both, in either scheme, and keep WCAG AA contrast.
 * OKLab lightness is taken as the cube root of relative luminance (exact for greys; ratios carry a
 * margin for chromatic colours). Inside `oklch(from X …)`, `l` is X's lightness.
 */

/** 1 when a surface of lightness `l` is dark (light text reads better on it), else 0. */
const isDark = (l: string) => `clamp(0,(0.57 - ${l}) * 1000,1)`;
/** The greatest lightness a colour may have to reach `ratio` against a light surface of lightness `l`. */
const darkest = (l: string, ratio: number) => `pow(max(0,(pow(${l},3) + 0.05) / ${ratio} - 0.05),1 / 3)`;
/** The least lightness a colour needs to reach `ratio` against a dark surface of lightness `l`. */
const lightest = (l: string, ratio: number) => `pow(min(1,(pow(${l},3) + 0.05) * ${ratio} - 0.05),1 / 3)`;

/**
 * A palette colour for text on the surface `surface`: `onLight` (oklch channels) on a light surface,
 * `onDark` on a dark one, each moved just far enough to keep `ratio` against it.
 */
function onSurface(surface: string, onLight: readonly [number, number, number], onDark: readonly [number, number, number], ratio: number): string {
  const [l1, c1, h1] = onLight;
  const [l2, c2, h2] = onDark;
  const d = isDark('l');
  const lightness = `(1 - ${d}) * min(${l1},${darkest('l', ratio)}) + ${d} * max(${l2},${lightest('l', ratio)})`;
  return `oklch(from ${surface} calc(${lightness}) calc(${c1} + ${d} * ${c2 - c1}) calc(${h1} + ${d} * ${(h2 - h1).toFixed(2)}))`;
}

/**
 * The accent as elements use it (text, figures, bars, buttons): the page's accent, darkened or
 * lightened only as far as needed to keep `ratio` against the surface, computed on WCAG relative
 * luminance itself (linear sRGB): on a light surface its linear channels are scaled down (hue and
 * saturation kept), on a dark one mixed towards white in linear light. One relative colour reads one
 * colour's channels, so the surface's luminance travels in the alpha of a colour mixed with the accent:
 * mixed in linear sRGB, 50% of the accent and 50% of black at alpha Y(surface) gives alpha (1 + Ys) / 2
 * and the accent's channels divided by 1 + Ys.
 */
function contrastAccent(accent: string, surface: string, ratio: number): string {
  const mixed = `color-mix(in srgb-linear,${accent} 50%,color(from ${surface} xyz-d65 0 0 0 / y))`;
  const ys = '(2 * alpha - 1)';
  const [r, g, b] = ['r', 'g', 'b'].map((channel) => `(${channel} * 2 * alpha)`) as [string, string, string];
  const y = `(0.2126 * ${r} + 0.7152 * ${g} + 0.0722 * ${b})`;
  const dark = `clamp(0,(0.18 - ${ys}) * 10000,1)`;
  const scale = `min(1,max(0,(${ys} + 0.05) / ${ratio} - 0.05) / max(${y},0.000001))`;
  const tint = `clamp(0,((${ys} + 0.05) * ${ratio} - 0.05 - ${y}) / max(1 - ${y},0.000001),1)`;
  const channel = (c: string) => `calc((1 - ${dark}) * ${c} * ${scale} + ${dark} * (${c} + ${tint} * (1 - ${c})))`;
  return `color(from ${mixed} srgb-linear ${channel(r)} ${channel(g)} ${channel(b)} / 1)`;
}

/** The palette behind `onSurface()`: the light defaults on a light surface, the dark ones on a dark one. */
const TEXT = [[0.2303, 0.0195, 166.98], [0.9457, 0.0091, 161.35]] as const;
const MUTED = [[0.4697, 0.0226, 167.08], [0.7689, 0.0193, 166.21]] as const;
const DANGER = [[0.5003, 0.1821, 29.51], [0.7594, 0.1435, 26.08]] as const;

/**
 * The private colour variables. Each is the page's token when set; else, when the page set a surface,
 * derived from it (text from the surface's lightness, never light text on a light surface whatever the
 * scheme); else the scheme's default. `--_surface-in` and `--_accent-in` are guaranteed-invalid when the
 * page set neither spelling, which makes every variable built on them invalid, so the `var()` fallback
 * to the plain defaults applies: untouched elements paint exactly the documented defaults.
 */
function colorDeclarations(): string {
  const accentDefault = byScheme('--iso-color-accent');
  const lines = [
    `--_surface-in:${typed('--iso-color-surface')}`,
    `--_accent-in:${typed('--iso-color-accent')}`,
    `--_color-surface:var(--_surface-in,${byScheme('--iso-color-surface')})`,
    `--_text-derived:${onSurface('var(--_surface-in)', TEXT[0], TEXT[1], 7)}`,
    `--_muted-derived:${onSurface('var(--_surface-in)', MUTED[0], MUTED[1], 5.5)}`,
    `--_danger-derived:${onSurface('var(--_surface-in)', DANGER[0], DANGER[1], 5.5)}`,
    `--_color-text:var(--iso-color-text,var(--_text-derived,${byScheme('--iso-color-text')}))`,
    `--_color-text-muted:var(--iso-color-text-muted,var(--_muted-derived,${byScheme('--iso-color-text-muted')}))`,
    `--_color-danger:var(--iso-color-danger,var(--_danger-derived,${byScheme('--iso-color-danger')}))`,
    `--_color-surface-raised:var(--iso-color-surface-raised,var(--_raised-derived,${byScheme('--iso-color-surface-raised')}))`,
    `--_raised-derived:color-mix(in oklab,var(--_surface-in) 94%,var(--_color-text))`,
    `--_color-border:var(--iso-color-border,var(--_border-derived,${byScheme('--iso-color-border')}))`,
    `--_border-derived:color-mix(in oklab,var(--_surface-in) 80%,var(--_color-text))`,
    // The accent: derived when the page set a surface (any accent on it) or an accent (on the default
    // surface); the plain default when it set neither.
    `--_accent-on-surface:${contrastAccent(`var(--_accent-in,${accentDefault})`, 'var(--_surface-in)', 5.3)}`,
    `--_accent-on-default:${contrastAccent('var(--_accent-in)', byScheme('--iso-color-surface'), 5.3)}`,
    `--_color-accent:var(--_accent-on-surface,var(--_accent-on-default,${accentDefault}))`,
    // Text on the accent: black or white, whichever contrasts more (contrast-color() below where supported).
    `--_color-accent-contrast:var(--iso-color-accent-contrast,var(--_accent-contrast-derived))`,
    `--_accent-contrast-derived:oklch(from var(--_color-accent) clamp(0,(0.6 - l) * 1000,1) 0 0)`,
    // Invalid unless the page set an accent or a surface: the 0% share adds nothing but the dependency.
    `--_color-highlight:var(--iso-color-highlight,var(--_highlight-derived,${byScheme('--iso-color-highlight')}))`,
    `--_highlight-derived:color-mix(in oklab,color-mix(in oklab,var(--_color-surface) 82%,var(--_color-accent)) 100%,var(--_accent-in,var(--_surface-in)) 0%)`,
    `--_color-accent-hover:color-mix(in oklab,var(--_color-accent) 82%,var(--_color-text))`,
  ];
  for (const name of Object.keys(TOKEN_DEFAULTS) as TokenName[]) {
    if (!name.startsWith('--iso-color-')) lines.push(`${privateVariable(name)}:var(${name},${byScheme(name)})`);
  }
  return lines.join(';') + ';';
}

/** Print is light whatever the scheme, the `theme` attribute or the page's colours: the surface is white and everything derives from it. */
const printDeclarations =
  'color-scheme:light !important;--_surface-in:#ffffff;--_color-text:var(--_text-derived);--_color-text-muted:var(--_muted-derived);' +
  '--_color-danger:var(--_danger-derived);--_color-surface-raised:var(--_raised-derived);--_color-border:var(--_border-derived);' +
  '--_color-highlight:var(--_highlight-derived);';

/**
 * Host styles every element includes: the colour tokens, derived as above and following the used
 * `color-scheme` through `light-dark()`; the scheme itself inherited from the page (a page or section
 * that declares `color-scheme: light` gets light elements on a dark system, `light dark` follows the
 * visitor), unless the `theme` attribute (`light`, `dark`) sets it; print always light; forced colours;
 * and resets that keep host-page CSS from leaking in.
 */
export const themeStyles: CSSResult = css`
  :host {
    ${unsafeCSS(colorDeclarations())}
    box-sizing: border-box;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_color-text);
    text-align: start;
  }
  @supports (color: contrast-color(red)) {
    :host {
      --_accent-contrast-derived: contrast-color(var(--_color-accent));
    }
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  @media print {
    :host,
    :host([theme]) {
      ${unsafeCSS(printDeclarations)}
    }
  }
  @media (forced-colors: active) {
    a:focus-visible,
    button:focus-visible {
      outline-color: Highlight;
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  a {
    color: var(--_color-accent);
  }
  a:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
