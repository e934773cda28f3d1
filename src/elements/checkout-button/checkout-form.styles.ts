import { css } from 'lit';

/**
 * The purchase form (checkout-form.template.ts): fields, presets, frequency, estimate, terms and the
 * actions. The element's own styles (checkout-button.styles.ts) come after these and hold the button,
 * the dialog, the panel and the states around the form.
 */
export const formStyles = css`
  .form,
  .form__body {
    display: grid;
    gap: var(--_space);
  }
  .form__footer {
    display: grid;
    gap: 0.6rem;
  }
  .form__total {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0 1rem;
    font-weight: 650;
  }
  .form__total output {
    color: var(--_color-accent);
    font-size: 1.1em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .form__group {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.4rem;
    min-inline-size: 0;
  }
  .form__legend {
    padding: 0;
    margin-block-end: 0.4rem;
    font-weight: 600;
  }
  .form__field {
    display: grid;
    gap: 0.4rem;
  }
  .form__label {
    font-weight: 500;
  }
  .form__input {
    font: inherit;
    inline-size: 100%;
    padding: 0.5em 0.7em;
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_color-surface);
    color: var(--_color-text);
  }
  .form__input:focus-visible,
  .preset:focus-visible,
  input[type='radio']:focus-visible,
  input[type='checkbox']:focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
  }
  .form__input[aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  .form__hint,
  .form__note,
  .estimate__note {
    margin: 0;
    font-size: 0.875em;
    color: var(--_color-text-muted);
  }
  .form__error,
  .form__hint--error {
    margin: 0;
    font-size: 0.875em;
    color: var(--_color-danger);
  }
  .quantity {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .quantity .form__input {
    max-inline-size: 12rem;
    font-variant-numeric: tabular-nums;
  }
  .quantity__unit {
    color: var(--_color-text-muted);
  }
  .presets {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .preset {
    font: inherit;
    cursor: pointer;
    padding: 0.3em 0.9em;
    border: 1px solid var(--_color-border);
    border-radius: 999px;
    background: var(--_color-surface-raised);
    color: var(--_color-text);
    font-variant-numeric: tabular-nums;
  }
  .preset[aria-pressed='true'] {
    border-color: var(--_color-accent);
    background: var(--_color-accent);
    color: var(--_color-accent-contrast);
  }
  .frequency__options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
  }
  .frequency__option,
  .terms__item {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
  }
  .frequency__option input,
  .terms__item input {
    margin: 0.25em 0 0;
    accent-color: var(--_color-accent);
    inline-size: 1.1em;
    block-size: 1.1em;
    flex: none;
  }
  .estimate {
    margin: 0;
    padding: 0.75rem 1rem;
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_color-surface-raised);
    display: grid;
    gap: 0.5rem;
  }
  .estimate--none {
    color: var(--_color-text-muted);
  }
  .estimate__list {
    margin: 0;
    display: grid;
    gap: 0.25rem;
  }
  .estimate__row {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    font-size: 0.9em;
  }
  .estimate__row dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
    text-align: end;
    /* An amount never breaks between its number and its currency; the label wraps instead. */
    white-space: nowrap;
  }
  .terms {
    display: grid;
    gap: 0.5rem;
  }
  .inline-error {
    display: block;
  }
  .inline-error__title {
    font-weight: 600;
  }
  .form__actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
`;
