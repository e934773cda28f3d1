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
  '--iso-color-accent-contrast': ['#ffffff', '#0b1a14'],
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

/** The private-variable declarations for one scheme; dark lists only the tokens that change. */
function declarations(dark: boolean): CSSResult {
  const lines: string[] = [];
  for (const [name, values] of Object.entries(TOKEN_DEFAULTS) as [TokenName, readonly string[]][]) {
    const value = values[dark ? 1 : 0];
    if (value !== undefined) lines.push(`${privateVariable(name)}:var(${name},${value});`);
  }
  return unsafeCSS(lines.join(''));
}

const dark = declarations(true);

/**
 * Host styles every element includes: token defaults for light and dark, the `theme` attribute
 * (`light`, `dark`, or `auto` following `prefers-color-scheme`), and resets that keep host-page
 * CSS from leaking in.
 */
export const themeStyles: CSSResult = css`
  :host {
    ${declarations(false)}
    color-scheme: light;
    box-sizing: border-box;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_color-text);
    text-align: start;
  }
  :host([theme='dark']) {
    ${dark}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
      color-scheme: dark;
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
