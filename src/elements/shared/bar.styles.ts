import { css } from 'lit';

/**
 * The bar drawn beside a figure: a track and a fill whose inline size the element sets with
 * styleProps(). An element tunes it through `--_bar-color` (the fill; default the accent),
 * `--_bar-track` and `--_bar-size` (its thickness).
 */
export const barStyles = css`
  .bar {
    display: block;
    block-size: var(--_bar-size, 0.5rem);
    border-radius: 999px;
    background: var(--_bar-track, var(--_color-surface-raised));
    overflow: hidden;
  }
  .bar__fill {
    display: block;
    block-size: 100%;
    background: var(--_bar-color, var(--_color-accent));
  }
`;
