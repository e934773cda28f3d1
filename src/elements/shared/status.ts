import { html, type TemplateResult } from 'lit';
import type { RegistryError } from '../../data/errors.js';
import type { LoadStatus } from './registry-controller.js';
import { common } from '../../i18n/common.js';
import type { LocaleController } from '../../i18n/localize.js';

/**
 * The reason for an error in the page's language, from its kind (and attribute problem or HTTP
 * status). The English `message` is never shown: it goes to the console and to the `iso-error` and
 * `iso-checkout-error` events, for developers.
 */
export function errorDetail(error: Pick<RegistryError, 'kind' | 'status' | 'problem'>, i18n: LocaleController): string {
  if (error.problem) return i18n.t(common, `problem.${error.problem.code}`, error.problem.params);
  if (error.kind === 'rejected' && error.status !== undefined) return i18n.t(common, 'detail.rejected-status', { status: error.status });
  if (error.kind === 'not-found') return i18n.t(common, 'notFound');
  return i18n.t(common, `detail.${error.kind}`);
}

/**
 * The error states every data element shows: a title, the reason, and a retry button when trying
 * again can help. Rendered with `role="alert"` so assistive technology announces it.
 */
export function renderError(error: RegistryError, i18n: LocaleController, onRetry: () => void): TemplateResult {
  const title =
    error.kind === 'not-found'
      ? i18n.t(common, 'notFound')
      : error.kind === 'invalid-input'
        ? i18n.t(common, 'invalidInput')
        : error.kind === 'not-configured'
          ? i18n.t(common, 'notConfigured')
          : i18n.t(common, 'errorTitle');
  return html`<div class="status status--${error.kind}" part="error" role="alert" data-error-kind=${error.kind}>
    <p class="status__title">${title}</p>
    ${error.kind === 'not-found' ? null : html`<p class="status__detail">${errorDetail(error, i18n)}</p>`}
    ${error.retryable ? html`<button type="button" class="status__retry" part="retry-button" @click=${onRetry}>${i18n.t(common, 'retry')}</button>` : null}
  </div>`;
}

/**
 * The three states of a data element's body: the error box (with retry), the loaded content, or
 * the skeleton while loading.
 */
export function renderLoadState<R>(
  data: { readonly status: LoadStatus; readonly value: R | undefined; readonly error: RegistryError | undefined; retry(): Promise<void> },
  i18n: LocaleController,
  render: { complete: (value: R) => unknown; loading: () => unknown },
): unknown {
  const error = data.error;
  if (data.status === 'error' && error) return renderError(error, i18n, () => void data.retry());
  const value = data.value;
  if (data.status === 'complete' && value !== undefined) return render.complete(value);
  return render.loading();
}

/** A skeleton block standing for a line of text; `modifiers` are further `skeleton--*` classes that size it. */
export function skeletonLine(modifiers = ''): TemplateResult {
  return html`<span class="skeleton skeleton--text ${modifiers}"></span>`;
}

/** A heading level from an attribute: 1–6, else the element's default. */
export function headingLevel(value: number, fallback: number): number {
  return Number.isInteger(value) && value >= 1 && value <= 6 ? value : fallback;
}
