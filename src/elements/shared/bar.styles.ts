import { css } from 'lit';

/**
 * The bar drawn beside a figure: a track and a fill whose inline size the element sets with
 * styleProps(). An element tunes it through `--_bar-color` (the fill), `--_bar-track` and
 * `--_bar-size` (its thickness), set on the bar or an ancestor.
 */
export const barStyles = css`
  :host {
    --_bar-size: 0.5rem;
    --_bar-track: var(--_color-surface-raised);
    --_bar-color: var(--_color-accent);
  }
  .bar {
    display: block;
    block-size: var(--_bar-size);
    border-radius: 999px;
    background: var(--_bar-track);
    overflow: hidden;
  }
  .bar__fill {
    display: block;
    block-size: 100%;
    background: var(--_bar-color);
  }
`;
