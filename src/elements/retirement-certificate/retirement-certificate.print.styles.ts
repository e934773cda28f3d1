import { css } from 'lit';

/**
 * The certificate on paper: black on white, one A4 or US Letter page for the seed's largest
 * retirement (test/e2e/print.test.ts), provenance and the claim check always shown, in small print.
 */
export const printStyles = css`
  @media print {
    :host {
      --_color-surface: #fff;
      --_color-surface-raised: #f2f2f2;
      --_color-text: #000;
      --_color-text-muted: #333;
      --_color-border: #999;
      --_cert-accent: #000;
      color-scheme: light;
      /* Through the token variable: the isolation styles set the base's font size from it. */
      --_font-size: 10pt;
    }
    .certificate {
      max-inline-size: none;
      box-shadow: none;
      padding: 1.25rem;
      gap: 0.6rem;
      break-inside: avoid;
      page-break-inside: avoid;
    }
    .certificate__header,
    .certificate__facts,
    .certificate__note,
    .batch,
    .breakdown {
      break-inside: avoid;
      page-break-inside: avoid;
    }
    .batch {
      padding: 0.4rem 0.6rem;
      gap: 0.3rem;
    }
    /* Batches side by side, so a certificate of three or four batches still fits one page. */
    .certificate__batch-list {
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: 0.5rem;
    }
    .batch__facts {
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0 0.6rem;
      font-size: 0.85em;
    }
    .breakdown {
      font-size: 0.9em;
    }
    /* The note's label beside it, not above. */
    .certificate__note {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.6rem;
      align-items: baseline;
    }
    .certificate__note blockquote {
      margin: 0;
      padding: 0.3rem 0.6rem;
    }
    .batch__facts dd {
      min-block-size: 0;
    }
    /* The retirement's facts in two pairs of columns. */
    .certificate__facts {
      grid-template-columns: max-content minmax(0, 1fr) max-content minmax(0, 1fr);
    }
    .breakdown th,
    .breakdown td {
      padding-block: 0.05rem;
    }
    /* The caption names the table; the batch head already names the project and the size. */
    .breakdown thead {
      display: none;
    }
    /* "Retired on behalf of" and the name on one line. */
    .certificate__beneficiary {
      display: block;
    }
    .certificate__beneficiary .certificate__label {
      margin-inline-end: 0.4em;
    }
    .batch__repeat {
      display: none;
    }
    /* Provenance and the claim check in small print, each one paragraph. */
    .certificate__title .provenance {
      font-size: 7.5pt;
      margin-block-start: 0.1rem;
    }
    .check {
      display: block;
      font-size: 8pt;
      min-block-size: 0;
    }
    .check .check__icon {
      vertical-align: -0.125em;
      margin-inline-end: 0.3em;
    }
    .check--passed .check__details {
      display: inline;
      font-size: inherit;
    }
    .check--failed {
      display: flex;
      font-size: 9pt;
    }
    button,
    .status__retry {
      display: none;
    }
    .certificate__link {
      color: inherit;
      text-decoration: none;
    }
    .certificate__link::after {
      content: ' — ' attr(href);
      font-weight: normal;
      font-size: 0.85em;
    }
    .bar,
    .bar__fill {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
    .skeleton {
      animation: none;
    }
  }
`;
