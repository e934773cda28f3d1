import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    --_button-background: var(--iso-checkout-button-background, var(--_color-accent));
    --_button-color: var(--iso-checkout-button-color, var(--_color-accent-contrast));
    --_button-radius: var(--iso-checkout-button-radius, calc(var(--_radius) / 2));
    --_button-padding: var(--iso-checkout-button-padding, 0.6em 1.2em);
    --_dialog-width: var(--iso-checkout-button-dialog-width, 32rem);
  }
  :host([inline]) {
    display: block;
  }
  /*
   * The base is an atomic inline (inline-flex), where a page's text-decoration on the host or an
   * ancestor stops (CSS Text Decoration 3 §2), and the button keeps its text baseline in a sentence.
   * The block around it keeps it inline-level when the page makes the host a flex or grid container
   * (which would blockify it). The other elements float their base instead (decorationIsolationStyles);
   * an inline-level host cannot, as its baseline would go.
   */
  .decoration-stop {
    display: block;
  }
  .checkout {
    display: inline-flex;
    box-sizing: border-box;
    inline-size: 100%;
    flex-direction: column;
    align-items: flex-start;
    gap: calc(var(--_space) / 2);
  }
  :host([inline]) .checkout {
    align-items: stretch;
    /* Alone on its line in a block host: top-aligned, with no strut space under it. */
    vertical-align: top;
  }
  [hidden] {
    display: none !important;
  }
  .checkout__button,
  .form__submit {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    border: 1px solid var(--_button-background);
    border-radius: var(--_button-radius);
    background: var(--_button-background);
    color: var(--_button-color);
    padding: var(--_button-padding);
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
  }
  .checkout__button:disabled,
  .form__submit[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .form__submit[aria-busy='true'] {
    cursor: progress;
    opacity: 0.8;
  }
  .checkout__unavailable,
  .checkout__return {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_color-surface-raised);
    color: var(--_color-text-muted);
  }
  .checkout__return--success {
    color: var(--_color-text);
    border-inline-start: 4px solid var(--_color-accent);
  }
  /* The live region is in the page before its message, so that screen readers announce the message. */
  .checkout__return:empty {
    padding: 0;
  }
  .checkout__return p {
    margin: 0;
  }
  .checkout__return p + p {
    margin-block-start: 0.25rem;
    font-size: 0.9em;
  }
  .checkout__return-title {
    font-weight: 600;
  }
  .checkout__return code {
    overflow-wrap: anywhere;
  }
  /*
   * The dialog never outgrows the viewport: its panel is a column whose form body scrolls, while the
   * heading and the footer (total and submit) stay in view. When even they do not fit (a large zoom),
   * the body keeps a few lines and the dialog itself scrolls.
   */
  .checkout__dialog {
    inline-size: min(var(--_dialog-width), calc(100vw - 2rem));
    max-block-size: calc(100dvh - 2rem);
    box-sizing: border-box;
    padding: 0;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    box-shadow: var(--_shadow);
  }
  .checkout__dialog[open] {
    display: flex;
    flex-direction: column;
  }
  .checkout__dialog .panel {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-block-size: 0;
  }
  .checkout__dialog .form {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-block-size: 0;
    gap: 0;
  }
  .checkout__dialog .form__body {
    flex: 1 1 auto;
    min-block-size: 6rem;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* Room for focus outlines, which the scrolling box would clip. */
    margin: -0.25rem;
    padding: 0.25rem;
  }
  .checkout__dialog .form__footer {
    flex: none;
    margin-block-start: 0.75rem;
    padding-block-start: 0.75rem;
    border-block-start: 1px solid var(--_color-border);
  }
  .checkout__dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .panel {
    container-type: inline-size;
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.25);
    background: var(--_color-surface);
    color: var(--_color-text);
  }
  :host([inline]) .panel {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  .panel__header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 1rem;
  }
  .panel__heading {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
    font-weight: 650;
  }
  .panel__close {
    font: inherit;
    display: grid;
    place-items: center;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    flex: none;
    cursor: pointer;
    border: 1px solid transparent;
    border-radius: 50%;
    background: transparent;
    color: var(--_color-text-muted);
  }
  .panel__close:hover {
    background: var(--_color-surface-raised);
  }
  .panel__skeleton {
    display: grid;
    gap: 0.75rem;
  }
  .panel__skeleton .skeleton--text {
    display: block;
    inline-size: 100%;
  }
  .skeleton--short {
    inline-size: 40%;
  }
  .skeleton--field {
    block-size: 2.5rem;
  }
  .skeleton--button {
    block-size: 2.5rem;
    inline-size: 50%;
  }
  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: iso-spin 0.8s linear infinite;
  }
  @keyframes iso-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  @container (min-width: 30rem) {
    .form__actions .form__submit {
      min-inline-size: 14rem;
    }
  }
  @container (max-width: 18rem) {
    .estimate__row {
      flex-direction: column;
      gap: 0;
    }
    .estimate__row dd {
      text-align: start;
    }
    .form__submit {
      inline-size: 100%;
    }
  }
  /* Windows high contrast: the selected preset in the system's selection colours, the others as buttons. */
  @media (forced-colors: active) {
    .preset {
      border-color: ButtonText;
    }
    .preset[aria-pressed='true'] {
      forced-color-adjust: none;
      border-color: Highlight;
      background: Highlight;
      color: HighlightText;
    }
    .checkout__return--success {
      border-inline-start-color: Highlight;
    }
  }
`;
