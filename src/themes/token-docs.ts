import { TOKEN_DEFAULTS, type TokenName } from './tokens.js';

/** The kinds of global tokens, in the order the documentation and the embed builder list them. */
export const TOKEN_GROUPS = ['color', 'typography', 'radius', 'spacing', 'elevation'] as const;
export type TokenGroup = (typeof TOKEN_GROUPS)[number];

/** One global theming token: a `--iso-*` custom property a host page may set. */
export interface ThemeToken {
  readonly name: TokenName;
  readonly group: TokenGroup;
  readonly light: string;
  readonly dark: string;
  readonly description: string;
}

/** What each token is for; the type makes a token without documentation a compile error. */
const DOCS: Record<TokenName, readonly [TokenGroup, string]> = {
  '--iso-color-surface': ['color', 'Background of an element; short name `--iso-surface`. Text, borders and inset areas derive from it unless set.'],
  '--iso-color-surface-raised': ['color', 'Background of inset areas: skeletons, breakdowns, chips. Derived from the surface unless set.'],
  '--iso-color-text': ['color', 'Main text colour. Derived from the surface unless set.'],
  '--iso-color-text-muted': ['color', 'Secondary text: labels, captions. Derived from the surface unless set.'],
  '--iso-color-border': ['color', 'Borders and dividers. Derived from the surface unless set.'],
  '--iso-color-accent': ['color', 'Accent: links, buttons, figures; short name `--iso-accent`. Lightened or darkened as needed for AA contrast on the surface.'],
  '--iso-color-accent-contrast': ['color', 'Text on the accent colour: black or white, whichever contrasts more, unless set.'],
  '--iso-color-danger': ['color', 'Errors. Derived from the surface unless set.'],
  '--iso-color-highlight': ['color', 'Background of newly arrived content. Mixed from the surface and the accent unless set.'],
  '--iso-font-family': ['typography', 'Font of all text.'],
  '--iso-font-size': ['typography', 'Base font size; other sizes scale from it.'],
  '--iso-radius': ['radius', 'Corner radius of elements.'],
  '--iso-space': ['spacing', 'Base spacing unit.'],
  '--iso-shadow': ['elevation', 'Elevation of an element.'],
};

/**
 * The theming contract shared by every element, documented: the defaults from `TOKEN_DEFAULTS`
 * (what elements ship) with each token's group and description. Elements read tokens only through
 * the private `--_*` variables that `themeStyles` derives, so this table is the whole contract.
 */
export const TOKENS: readonly ThemeToken[] = (Object.entries(TOKEN_DEFAULTS) as [TokenName, readonly string[]][]).map(([name, [light, dark]]) => {
  const [group, description] = DOCS[name];
  return { name, group, light: light!, dark: dark ?? light!, description };
});
