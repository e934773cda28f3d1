import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_card-padding: var(--iso-project-card-padding, calc(var(--_space) * 1.25));
    --_card-max-width: var(--iso-project-card-max-width, none);
    --_card-mark-color: var(--iso-project-card-mark-color, var(--_color-accent));
  }
  /* In a row of cards, each as tall as the row (a page grid's align-items: start included). */
  :host([layout='row']) {
    align-self: stretch;
  }
  :host([layout='row']) > [part~='base'] {
    block-size: 100%;
  }
  .card {
    max-inline-size: var(--_card-max-width);
    padding: var(--_card-padding);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    box-shadow: var(--_shadow);
    display: grid;
    gap: var(--_space);
    overflow-wrap: anywhere;
    /*
     * A page of many cards lays out only those near the viewport; the rest keep a placeholder block
     * size (that of a loaded card 25rem or wider) until they come close, then their own.
     * Their content stays in the DOM, the accessibility tree and find-in-page. The card's own border
     * and shadow are drawn as usual; only its content is clipped to it, which it never leaves.
     */
    content-visibility: auto;
    /* About the loaded card's content height, so a card laid out only on its second frame moves nothing. */
    contain-intrinsic-block-size: auto var(--_card-estimate);
    --_card-estimate: 27rem;
  }
  :host([show-documents]) .card {
    --_card-estimate: 35.5rem;
  }
  @container (max-width: 24rem) {
    .card {
      --_card-estimate: 46rem;
    }
    :host([show-documents]) .card {
      --_card-estimate: 54.5rem;
    }
  }
  /*
   * layout="row": the facts take the spare height, so what follows them (figures, buffer line,
   * documents, link) sits at the bottom of every card in the row, and the name always takes two
   * lines, so the facts start at one height too.
   */
  :host([layout='row']) .card {
    grid-template-rows: auto 1fr;
    align-content: stretch;
  }
  :host([layout='row']) .card__title {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }
  :host([layout='row']) .card__facts {
    align-content: start;
  }
  /*
   * An error takes the loading card's box: the skeleton, invisible, keeps its size, so a failed card
   * in a row neither shrinks the row nor moves what follows it.
   */
  .reserve {
    display: grid;
  }
  .reserve > * {
    grid-area: 1 / 1;
    align-self: start;
  }
  .reserve__space {
    visibility: hidden;
    display: grid;
    gap: var(--_space);
  }
  /* A figure and its unit are one box: "1,974 t" never breaks, whatever the page's wrapping. */
  .num {
    white-space: nowrap;
    overflow-wrap: normal;
    word-break: keep-all;
  }
  .card__header {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    align-items: start;
  }
  .card__mark {
    grid-row: span 3;
    display: grid;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 50%;
    color: var(--_color-accent-contrast);
    background: var(--_card-mark-color);
  }
  .card__eyebrow {
    margin: 0;
    font-size: 0.8em;
    letter-spacing: 0.02em;
    color: var(--_color-text-muted);
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-block-size: 1.5em;
  }
  /*
   * The eyebrow and the supplier keep to one line (the full text in their title), so the header is
   * as tall loaded as loading at any width.
   */
  .card__pathway,
  .card__supplier {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 1;
    overflow: hidden;
    min-inline-size: 0;
  }
  .card__status {
    flex: none;
    white-space: nowrap;
  }
  .card__status {
    font-size: 0.95em;
    padding: 0 0.5em;
    border-radius: 999px;
    border: 1px solid var(--_color-border);
    background: var(--_color-surface-raised);
    color: var(--_color-text);
  }
  .card__status--validated {
    border-color: var(--_color-accent);
    color: var(--_color-accent);
  }
  /* Two lines reserved for the name, loading or loaded, so the facts start where they will stay. */
  .card__title {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
    font-weight: 650;
    min-block-size: 2.6em;
  }
  .card__supplier {
    margin: 0;
    color: var(--_color-text-muted);
    min-block-size: 1.5em;
  }
  .card__facts {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
    font-size: 0.9em;
  }
  .card__facts dt {
    color: var(--_color-text-muted);
  }
  .card__facts dd,
  .card__fact-value {
    margin: 0;
    min-block-size: 1.5em;
  }
  .card__figures {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 0.75rem;
    margin: 0;
  }
  .figure {
    background: var(--_color-surface-raised);
    border-radius: calc(var(--_radius) / 1.5);
    padding: 0.5rem 0.6rem;
    min-inline-size: 0;
  }
  .figure dt,
  .figure__label {
    font-size: 0.8em;
    color: var(--_color-text-muted);
  }
  .figure dd,
  .figure__value {
    margin: 0;
    /* Three figures fit a 22rem card: "999,999 t" included (figures are rounded, docs/claims.md). */
    font-size: clamp(0.95em, 4.4cqi, 1.1em);
    font-weight: 650;
    color: var(--_color-accent);
    font-variant-numeric: tabular-nums;
    min-block-size: 1.5em;
    /* A figure never breaks inside a number; narrow cards get fewer columns instead. */
    overflow-wrap: normal;
  }
  .card__buffer {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    margin: 0;
    font-size: 0.85em;
    color: var(--_color-text-muted);
    min-block-size: 1.5em;
  }
  .card__buffer dt {
    font-weight: 600;
  }
  .card__buffer dd {
    margin: 0;
  }
  .card__buffer-figure {
    font-variant-numeric: tabular-nums;
    color: var(--_color-text);
    white-space: nowrap;
  }
  .bar {
    --_bar-size: 0.4rem;
    --_bar-track: var(--_color-border);
    margin-block-start: 0.25rem;
  }
  /* Documents load into a reserved box: a long list scrolls in it instead of pushing the page down. */
  .card__documents {
    block-size: 7.5em;
    overflow: auto;
  }
  .card__documents h4 {
    margin: 0 0 0.25rem;
    font-size: 0.9em;
  }
  .card__documents ul {
    margin: 0;
    padding-inline-start: 1.2rem;
    font-size: 0.9em;
  }
  .card__footer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    justify-content: space-between;
    min-block-size: 1.5em;
  }
  .card__link {
    font-weight: 600;
  }
  .skeleton--text {
    inline-size: 60%;
  }
  .skeleton--title {
    inline-size: 80%;
  }
  .skeleton--short {
    inline-size: 35%;
  }
  /* Three figures in a row, or one above the other: never two and one alone. */
  @container (max-width: 22rem) {
    .card__figures {
      grid-template-columns: minmax(0, 1fr);
      gap: 0.5rem;
    }
  }
  @container (max-width: 24rem) {
    .card__facts {
      grid-template-columns: 1fr;
    }
    .card__facts dd {
      margin-block-end: 0.25rem;
    }
    /* The buffer line takes two lines in a narrow card; reserved, with or without a buffer. */
    .card__buffer {
      min-block-size: 3em;
    }
  }
`;
