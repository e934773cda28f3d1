import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_cert-padding: var(--iso-retirement-certificate-padding, calc(var(--_space) * 1.5));
    --_cert-max-width: var(--iso-retirement-certificate-max-width, 48rem);
    --_cert-accent: var(--iso-retirement-certificate-accent, var(--_color-accent));
    --_cert-border-width: var(--iso-retirement-certificate-border-width, 3px);
    --_cert-warning: var(--iso-retirement-certificate-warning, var(--_color-danger));
  }
  .certificate {
    max-inline-size: var(--_cert-max-width);
    padding: var(--_cert-padding);
    border: var(--_cert-border-width) double var(--_cert-accent);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    box-shadow: var(--_shadow);
    display: grid;
    gap: var(--_space);
    overflow-wrap: anywhere;
  }
  .certificate__header {
    display: grid;
    gap: 0.25rem;
    text-align: center;
    padding-block-end: var(--_space);
    border-block-end: 1px solid var(--_color-border);
  }
  .certificate__eyebrow {
    margin: 0;
    font-size: 0.8em;
    letter-spacing: 0.08em;
    text-transform: uppercase;
    color: var(--_color-text-muted);
    min-block-size: 1.5em;
  }
  .certificate__title {
    margin: 0;
    font-size: 1.75em;
    line-height: 1.25;
    font-weight: 700;
    color: var(--_cert-accent);
    font-variant-numeric: tabular-nums;
    min-block-size: 1.25em;
  }
  /* The amount ("1,974 t", joined by a no-break space) moves to the next line whole, never split. */
  .certificate__headline {
    display: block;
    overflow-wrap: break-word;
  }
  .certificate__beneficiary {
    margin: 0;
    display: grid;
    gap: 0.1rem;
    min-block-size: 1.5em;
  }
  .certificate__label {
    font-size: 0.85em;
    color: var(--_color-text-muted);
  }
  .certificate__name {
    font-size: 1.2em;
    font-weight: 650;
    unicode-bidi: plaintext;
  }
  /* The claim check: a quiet line when the records support the certificate, a warning box when not. */
  .check {
    margin: 0;
    display: flex;
    align-items: baseline;
    gap: 0.4rem;
    font-size: 0.85em;
    color: var(--_color-text-muted);
    min-block-size: 1.5em;
  }
  .check--passed {
    flex-wrap: wrap;
  }
  .check--passed .check__details {
    flex-basis: 100%;
    margin-block-start: 0;
  }
  .check__icon {
    flex: none;
    align-self: center;
    inline-size: 1em;
    block-size: 1em;
  }
  .check--passed .check__icon {
    color: var(--_cert-accent);
  }
  .check--failed {
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--_cert-warning);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_color-surface-raised);
    color: var(--_color-text);
    font-size: 0.95em;
  }
  .check--failed .check__icon {
    color: var(--_cert-warning);
    align-self: flex-start;
    margin-block-start: 0.2em;
  }
  .check__body {
    display: grid;
    gap: 0.25rem;
    min-inline-size: 0;
  }
  .check__title {
    margin: 0;
    font-weight: 650;
  }
  .check__failures {
    margin: 0;
    padding-inline-start: 1.1rem;
  }
  .check__note {
    margin: 0;
    font-size: 0.9em;
    color: var(--_color-text-muted);
  }
  .batch__action {
    font-size: 0.85em;
    color: var(--_color-text-muted);
  }
  .certificate__facts,
  .batch__facts {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0;
    font-size: 0.95em;
  }
  .certificate__facts dt,
  .batch__facts dt {
    color: var(--_color-text-muted);
  }
  .certificate__facts dd,
  .batch__facts dd {
    margin: 0;
    min-block-size: 1.5em;
    min-inline-size: 0;
    unicode-bidi: plaintext;
    /* Aligned by the element's direction, not the value's: beside its label in right-to-left too. */
    text-align: -webkit-match-parent;
    text-align: match-parent;
  }
  .certificate__code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .certificate__note {
    margin: 0;
  }
  .certificate__note figcaption {
    font-size: 0.85em;
    color: var(--_color-text-muted);
  }
  .certificate__note blockquote {
    margin: 0.25rem 0 0;
    padding: 0.5rem 0.9rem;
    border-inline-start: 3px solid var(--_cert-accent);
    background: var(--_color-surface-raised);
    border-start-end-radius: calc(var(--_radius) / 2);
    border-end-end-radius: calc(var(--_radius) / 2);
    unicode-bidi: plaintext;
    white-space: pre-line;
  }
  .certificate__footer {
    margin: 0;
  }
  .certificate__link {
    font-weight: 600;
  }
  .certificate__batches {
    display: grid;
    gap: 0.75rem;
  }
  .certificate__subtitle {
    font-size: 1.1em;
    font-weight: 650;
    min-block-size: 1.5em;
  }
  .certificate__empty {
    margin: 0;
    color: var(--_color-text-muted);
  }
  .certificate__batch-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .batch {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_color-surface);
    min-inline-size: 0;
  }
  .batch__head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.25rem 1rem;
  }
  .batch__project {
    font-weight: 650;
    unicode-bidi: plaintext;
    min-inline-size: 0;
  }
  .batch__size {
    color: var(--_cert-accent);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .batch__no-data {
    margin: 0;
    font-size: 0.9em;
    color: var(--_color-text-muted);
  }
  .breakdown th,
  .breakdown td {
    padding-block: 0.2rem;
  }
  .breakdown tbody th {
    font-weight: normal;
    inline-size: 45%;
  }
  /* Headers wrap between words only: no "Componen↵t" at 320 px. */
  .breakdown th {
    overflow-wrap: normal;
    hyphens: manual;
  }
  /* A figure and its unit are one box: "1,974.212 t" never breaks, whatever the page's wrapping. */
  .num {
    white-space: nowrap;
    overflow-wrap: normal;
  }
  .breakdown__cell {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr);
    gap: 0.75rem;
    align-items: center;
  }
  .breakdown__value {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    text-align: end;
  }
  .breakdown__row--net th,
  .breakdown__row--net .breakdown__value {
    font-weight: 700;
  }
  .breakdown {
    --_bar-color: var(--_cert-accent);
  }
  .breakdown__row--emissions,
  .breakdown__row--counterfactuals,
  .breakdown__row--losses {
    --_bar-color: var(--_color-text-muted);
  }
  .skeleton--text {
    inline-size: 60%;
  }
  .skeleton--title {
    inline-size: 50%;
    block-size: 1.2em;
  }
  .skeleton--short {
    inline-size: 35%;
  }
  .skeleton--long {
    inline-size: 100%;
  }
  /* Fixed widths where the box sizes to its content (batch head, the breakdown's figure column), so a percentage has nothing to resolve against. */
  .skeleton--name {
    inline-size: 12rem;
    max-inline-size: 100%;
  }
  .skeleton--figure {
    inline-size: 6rem;
    max-inline-size: 100%;
  }
  @container (max-width: 30rem) {
    .certificate__facts,
    .batch__facts {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
    .certificate__facts dd,
    .batch__facts dd {
      margin-block-end: 0.4rem;
    }
    .breakdown__cell {
      grid-template-columns: minmax(0, 1fr);
      gap: 0.15rem;
    }
    .breakdown__value {
      text-align: start;
    }
  }
`;
