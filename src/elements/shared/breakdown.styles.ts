import { css } from 'lit';

/**
 * The labelled breakdown table the impact counter and the retirement certificate share: a caption,
 * a muted header row and ruled rows. Each element adds its own column widths and row spacing.
 */
export const breakdownStyles = css`
  .breakdown {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: 0.9em;
  }
  .breakdown caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.25rem;
  }
  .breakdown th,
  .breakdown td {
    padding-inline: 0 0.5rem;
    text-align: start;
    vertical-align: middle;
    border-block-end: 1px solid var(--_color-border);
  }
  .breakdown thead th {
    font-weight: 600;
    color: var(--_color-text-muted);
  }
`;
