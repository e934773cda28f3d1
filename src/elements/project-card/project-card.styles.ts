import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_card-padding: var(--iso-project-card-padding, calc(var(--_space) * 1.25));
    --_card-max-width: var(--iso-project-card-max-width, 34rem);
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
    contain-intrinsic-block-size: auto 22rem;
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
    color: #fff;
    background: var(--_mark-color, #546e7a);
  }
  .card__eyebrow {
    margin: 0;
    font-size: 0.8em;
    letter-spacing: 0.02em;
    color: var(--_color-text-muted);
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    min-block-size: 1.5em;
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
  .card__title {
    margin: 0;
    font-size: 1.25em;
    line-height: 1.3;
    font-weight: 650;
    min-block-size: 1.3em;
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
    padding: 0.5rem 0.75rem;
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
    font-size: 1.1em;
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
  @container (max-width: 30rem) {
    .card__figures {
      grid-template-columns: 1fr 1fr;
    }
  }
  @container (max-width: 17rem) {
    .card__figures {
      grid-template-columns: 1fr;
    }
  }
  @container (max-width: 24rem) {
    .card__facts {
      grid-template-columns: 1fr;
    }
    .card__facts dd {
      margin-block-end: 0.25rem;
    }
  }
`;
