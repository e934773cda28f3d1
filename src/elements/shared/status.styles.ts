import { css } from 'lit';

/** Styles of the shared error states and the loading skeleton blocks. */
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
  .skeleton {
    display: block;
    border-radius: 4px;
    background: var(--_color-surface-raised);
    animation: iso-pulse 1.4s ease-in-out infinite;
  }
  @keyframes iso-pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;
