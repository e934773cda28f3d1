import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_counter-padding: var(--iso-impact-counter-padding, calc(var(--_space) * 1.25));
    --_counter-figure-size: var(--iso-impact-counter-figure-size, 2.5em);
    --_counter-figure-color: var(--iso-impact-counter-figure-color, var(--_color-accent));
  }
  .counter {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    padding: var(--_counter-padding);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    box-shadow: var(--_shadow);
    overflow-wrap: anywhere;
  }
  .counter__headline {
    margin: 0;
    display: grid;
    justify-items: start;
    gap: 0.15rem;
  }
  /*
   * The hidden final value sizes the figure, so counting up never moves the text around it. In a
   * narrow counter the figure shrinks to fit its length in characters (--_figure-length, about
   * 0.65em each) into the width less the default padding; one still too long wraps
   * (overflow-wrap: anywhere, inherited) instead of overflowing.
   */
  .counter__figure {
    display: inline-grid;
    /* From the start: a count that grows to the right moves no text already shown (no layout shift). */
    justify-items: start;
    white-space: nowrap;
    font-size: min(var(--_counter-figure-size), max(1.25em, (100cqi - 2.5 * var(--_space)) / var(--_figure-length, 8) / 0.65));
    line-height: 1.1;
    font-weight: 700;
    color: var(--_counter-figure-color);
    font-variant-numeric: tabular-nums;
    min-block-size: 1.1em;
    max-inline-size: 100%;
  }
  .counter__amount {
    display: grid;
    justify-items: start;
    max-inline-size: 100%;
  }
  .counter__kind {
    color: var(--_color-text-muted);
    min-block-size: 1.5em;
  }
  /* The breakdown's box: the same height loading and loaded; more rows scroll inside it. */
  .counter__breakdown {
    block-size: var(--iso-impact-counter-breakdown-size, 13.5em);
    overflow-y: auto;
    margin-block-start: 0.25rem;
  }
  @media print {
    .counter__breakdown {
      block-size: auto;
      overflow: visible;
    }
  }
  .counter__sizer,
  .counter__value {
    grid-area: 1 / 1;
  }
  .counter__sizer {
    visibility: hidden;
  }
  /* A figure and its unit are one box: "1,974 t" never breaks, whatever the page's wrapping. */
  .num {
    white-space: nowrap;
    overflow-wrap: normal;
  }
  /* On paper the final value, whatever frame of the count the screen shows. */
  @media print {
    .counter__sizer {
      visibility: visible;
    }
    .counter__value {
      visibility: hidden;
    }
  }
  .counter__text {
    font-size: 1.05em;
    font-weight: 600;
    min-block-size: 1.5em;
  }
  .counter__active {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    color: var(--_color-text-muted);
    min-block-size: 1.5em;
  }
  .counter__active-value {
    font-weight: 600;
    color: var(--_color-text);
    font-variant-numeric: tabular-nums;
  }
  .counter__caption {
    margin: 0;
    color: var(--_color-text-muted);
    unicode-bidi: plaintext;
    min-block-size: 1.5em;
  }
  .breakdown {
    table-layout: fixed;
  }
  .breakdown th,
  .breakdown td {
    padding-block: 0.25rem;
  }
  /* Fixed columns: names wrap between words instead of being squeezed to a letter per line. */
  .breakdown__name {
    inline-size: 40%;
  }
  /* Column headers (our words) wrap between words only; names from the API may still break anywhere. */
  .breakdown thead th {
    overflow-wrap: normal;
    hyphens: manual;
  }
  .breakdown tbody th {
    font-weight: normal;
    unicode-bidi: plaintext;
  }
  /* The figure takes the width it needs and the bar the rest; a figure too wide for the cell wraps. */
  .breakdown__cell {
    display: grid;
    grid-template-columns: auto minmax(2rem, 1fr);
    gap: 0.6rem;
    align-items: center;
  }
  .breakdown__value {
    font-variant-numeric: tabular-nums;
  }
  .breakdown {
    --_bar-color: var(--_counter-figure-color);
  }
  .skeleton--text {
    inline-size: 12rem;
  }
  .skeleton--figure {
    inline-size: 8ch;
    block-size: 1em;
    vertical-align: top;
  }
  .skeleton--short {
    inline-size: 8rem;
  }
  .skeleton--value {
    inline-size: 4rem;
  }
  .skeleton--long {
    inline-size: 100%;
  }
  @container (max-width: 28rem) {
    .breakdown__cell {
      grid-template-columns: minmax(0, 1fr);
      gap: 0.15rem;
    }
  }
`;
