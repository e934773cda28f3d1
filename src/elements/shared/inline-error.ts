import { css, html, nothing, type TemplateResult } from 'lit';
import { common } from '../../i18n/common.js';
import type { LocaleController } from '../../i18n/localize.js';

/** What an inline error says and offers. */
export interface InlineError {
  /** The part name of the box (`inline-error`, `submit-error`). */
  part: string;
  /** The error's kind, exposed as `data-error-kind`. */
  kind: string;
  /** What failed, in the element's language. */
  title: string;
  /** Why, on a line of its own. */
  detail?: string;
  /** Offers a retry button (`part="retry-button"`) that calls this. */
  onRetry?: () => void;
}

/**
 * A failure shown in place while the rest of the element stays usable (a refresh, a further page, a
 * submit): one line with the reason, and a retry button when trying again can help. Announced with
 * `role="alert"`. `renderError` (status.ts) is the other error state: the box that takes the place of the content.
 */
export function renderInlineError(error: InlineError, i18n: LocaleController): TemplateResult {
  return html`<div class="inline-error" part=${error.part} role="alert" data-error-kind=${error.kind}>
    <p class="inline-error__title">${error.title}</p>
    ${error.detail === undefined ? nothing : html`<p class="inline-error__detail">${error.detail}</p>`}
    ${error.onRetry ? html`<button type="button" class="inline-error__retry" part="retry-button" @click=${error.onRetry}>${i18n.t(common, 'retry')}</button>` : nothing}
  </div>`;
}

/** The inline error's box: a bordered line in the danger colour; the element styles its retry button. */
export const inlineErrorStyles = css`
  .inline-error {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_color-danger);
    color: var(--_color-danger);
  }
  .inline-error__title,
  .inline-error__detail {
    margin: 0;
  }
  .inline-error__detail {
    flex-basis: 100%;
    color: var(--_color-text-muted);
    overflow-wrap: anywhere;
  }
`;
