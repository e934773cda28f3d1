import { css } from 'lit';

/**
 * Keeps a host page's CSS out of the element. Page selectors cannot reach into a shadow root, but
 * inherited properties set on the host itself (`* { line-height: 0 !important }` matches the host,
 * and a page rule on the host beats any `:host` rule) flow into it. The element's top-level shadow
 * children (the `part="base"` wrapper) are out of the page's reach, so the inherited text properties
 * are set again there, from the theme tokens; everything inside inherits from them.
 *
 * Left inherited on purpose: `visibility` and `pointer-events` (a page that hides or disables the
 * host means it), `direction` (each base sets `dir` from its locale), `cursor`, `color-scheme` (the
 * theme styles own it). `:host` keeps its `display` overridable: nothing here touches the host.
 *
 * Include it right after `themeStyles`, so an element's own rules on its base win over it.
 */
export const isolationStyles = css`
  :host > * {
    font: normal 400 var(--_font-size) / 1.5 var(--_font-family);
    font-feature-settings: normal;
    font-variation-settings: normal;
    font-kerning: auto;
    color: var(--_color-text);
    -webkit-text-fill-color: currentcolor;
    -webkit-text-stroke: 0;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    text-shadow: none;
    white-space: normal;
    word-break: normal;
    overflow-wrap: anywhere;
    hyphens: manual;
    tab-size: 8;
    list-style: disc outside none;
    quotes: auto;
    /* Not inherited, but every descendant takes it from here (themeStyles: box-sizing: inherit). */
    box-sizing: border-box;
  }
  /* API text (marked dir="auto") reads in its own direction, as dir="auto" would have it, while its box
     keeps the element's: in a right-to-left layout an English name stays beside its label, and a
     note's accent bar stays on the start side. plaintext sets each paragraph's direction by its first
     strong character, and would align it by that direction too; match-parent aligns it by the
     element's (Chromium knows only the prefixed keyword). Specific enough to win over an element's
     text-align: start on such a box, which would otherwise be the text's start again. */
  :host [dir='auto'] {
    direction: inherit;
    unicode-bidi: plaintext;
    text-align: -webkit-match-parent;
    text-align: match-parent;
  }
`;

/**
 * Keeps a page's `text-decoration` (on the host or an ancestor) from striking through the element's
 * text. It is not inherited, so the resets above cannot undo it: it is drawn across every in-flow
 * descendant, shadow tree included, and stops only at atomic inlines and out-of-flow boxes (CSS Text
 * Decoration 3 §2). A float is out of flow and, at 100% wide, lays out as the block did; the host
 * must contain it, which a size container does (`container-type` makes an independent formatting
 * context). So only for elements whose block-level host has `container-type`; not for an inline-level
 * host, whose baseline a float would take away: the checkout button makes its base an inline-flex
 * (an atomic inline) instead.
 */
export const decorationIsolationStyles = css`
  :host > [part~='base'] {
    float: inline-start;
    inline-size: 100%;
  }
`;
