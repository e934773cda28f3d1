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
  /* On paper: backgrounds print (browsers drop them by default), and the track is outlined, so each
     bar shows its share against the whole. */
  @media print {
    .bar,
    .bar__fill {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
    .bar {
      box-shadow: inset 0 0 0 1px var(--_color-border);
    }
  }
  /* Windows high contrast replaces backgrounds with Canvas: the track is drawn as an outline and the
     fill in the system's highlight colour. */
  @media (forced-colors: active) {
    .bar {
      forced-color-adjust: none;
      background: Canvas;
      border: 1px solid CanvasText;
    }
    .bar__fill {
      forced-color-adjust: none;
      background: Highlight;
    }
  }
`;
