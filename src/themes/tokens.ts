import { css, unsafeCSS, type CSSResult } from 'lit';

/** The kinds of global tokens, in the order the documentation and the embed builder list them. */
export const TOKEN_GROUPS = ['color', 'typography', 'radius', 'spacing', 'elevation'] as const;
export type TokenGroup = (typeof TOKEN_GROUPS)[number];

/** One global theming token: a `--iso-*` custom property a host page may set. */
export interface ThemeToken {
  readonly name: `--iso-${string}`;
  readonly group: TokenGroup;
  readonly light: string;
  readonly dark: string;
  readonly description: string;
}

/**
 * The theming contract shared by every element. Elements read tokens only through the private
 * `--_*` variables that `themeStyles` derives from this table, so the table is the whole contract.
 */
export const TOKENS = [
  { name: '--iso-color-surface', group: 'color', light: '#ffffff', dark: '#16201c', description: 'Background of an element.' },
  { name: '--iso-color-surface-raised', group: 'color', light: '#f4f7f5', dark: '#1f2b26', description: 'Background of inset areas: skeletons, breakdowns, chips.' },
  { name: '--iso-color-text', group: 'color', light: '#14201b', dark: '#e8efeb', description: 'Main text colour.' },
  { name: '--iso-color-text-muted', group: 'color', light: '#4f5f58', dark: '#a9b8b1', description: 'Secondary text: labels, captions.' },
  { name: '--iso-color-border', group: 'color', light: '#d5ded9', dark: '#34443d', description: 'Borders and dividers.' },
  { name: '--iso-color-accent', group: 'color', light: '#0b6e4f', dark: '#5fd3a5', description: 'Accent: links, buttons, figures.' },
  { name: '--iso-color-accent-contrast', group: 'color', light: '#ffffff', dark: '#0b1a14', description: 'Text on the accent colour.' },
  { name: '--iso-color-danger', group: 'color', light: '#b42318', dark: '#ff8a80', description: 'Errors.' },
  { name: '--iso-color-highlight', group: 'color', light: '#fff4c2', dark: '#3d3a1a', description: 'Background of newly arrived content.' },
  { name: '--iso-font-family', group: 'typography', light: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', dark: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', description: 'Font of all text.' },
  { name: '--iso-font-size', group: 'typography', light: '1rem', dark: '1rem', description: 'Base font size; other sizes scale from it.' },
  { name: '--iso-radius', group: 'radius', light: '12px', dark: '12px', description: 'Corner radius of elements.' },
  { name: '--iso-space', group: 'spacing', light: '1rem', dark: '1rem', description: 'Base spacing unit.' },
  { name: '--iso-shadow', group: 'elevation', light: '0 1px 2px rgb(0 0 0 / 0.06), 0 4px 12px rgb(0 0 0 / 0.06)', dark: '0 1px 2px rgb(0 0 0 / 0.4)', description: 'Elevation of an element.' },
] as const satisfies readonly ThemeToken[];

export type TokenName = (typeof TOKENS)[number]['name'];

/** The private variable an element reads a token through: `--iso-color-accent` → `--_color-accent`. */
export function privateVariable(name: string): `--_${string}` {
  return `--_${name.slice('--iso-'.length)}`;
}

function declarations(scheme: 'light' | 'dark'): string {
  return TOKENS.map((token) => `${privateVariable(token.name)}: var(${token.name}, ${token[scheme]});`).join('\n');
}

/**
 * Host styles every element includes: token defaults for light and dark, the `theme` attribute
 * (`light`, `dark`, or `auto` following `prefers-color-scheme`), and resets that keep host-page
 * CSS from leaking in.
 */
export const themeStyles: CSSResult = css`
  :host {
    ${unsafeCSS(declarations('light'))}
    color-scheme: light;
    box-sizing: border-box;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_color-text);
    text-align: start;
  }
  :host([theme='dark']) {
    ${unsafeCSS(declarations('dark'))}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${unsafeCSS(declarations('dark'))}
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
