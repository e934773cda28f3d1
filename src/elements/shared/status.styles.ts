import { css } from 'lit';

/** Styles of the shared error states (status.ts) and the loading skeleton blocks. */
export const statusStyles = css`
  .status {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    align-items: flex-start;
  }
  .status__title {
    margin: 0;
    font-weight: 600;
  }
  .status--unavailable .status__title,
  .status--invalid-response .status__title,
  .status--invalid-input .status__title,
  .status--rejected .status__title,
  .status--not-configured .status__title {
    color: var(--_color-danger);
  }
  .status__detail {
    margin: 0;
    color: var(--_color-text-muted);
    overflow-wrap: anywhere;
  }
  .status__retry {
    font: inherit;
    cursor: pointer;
    border: 1px solid var(--_color-accent);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_color-accent);
    color: var(--_color-accent-contrast);
    padding: 0.35em 0.9em;
  }
  .status__retry:hover {
    border-color: var(--_color-accent-hover);
    background: var(--_color-accent-hover);
  }
  .skeleton {
    display: block;
    border-radius: 4px;
    background: var(--_color-surface-raised);
  }
  /* A line of text (skeletonLine()); each element sets its inline size. */
  .skeleton--text {
    display: inline-block;
    max-inline-size: 100%;
    block-size: 1em;
    vertical-align: middle;
  }
  /* The box that holds an element's skeleton blocks pulses as one. An animation on every block
     (twenty in a card) made a page of 100 loading cards render about twice as slowly. */
  .skeletons {
    animation: iso-pulse 1.4s ease-in-out infinite;
  }
  @keyframes iso-pulse {
    50% {
      opacity: 0.6;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeletons {
      animation: none;
    }
  }
  /* Forced colours drop backgrounds: skeleton blocks keep an outline. */
  @media (forced-colors: active) {
    .skeleton {
      border: 1px solid GrayText;
    }
  }
`;
