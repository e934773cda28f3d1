/**
 * The purchase form of `<iso-checkout-button>`: quantity, frequency, estimate, email, terms and the
 * submit. Rendered from the form controller's state; inputs go straight to the controller, the
 * submit to the element.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatCredits, safeHttpUrl } from '../../data/format.js';
import type { StripeConfiguration } from '../../data/types.js';
import type { LocaleController } from '../../i18n/localize.js';
import { renderInlineError } from '../shared/inline-error.js';
import { errorDetail } from '../shared/status.js';
import type { messages } from './checkout-button.messages.js';
import type { CheckoutFormController, SubmitFailure } from './checkout-form-controller.js';
import { decimalSeparator, estimatePrice, formatMoney, minorToDecimalString, type PriceEstimate } from './pricing.js';

export type MessageKey = keyof (typeof messages)['en'];

/** What the form needs from the element besides the controller. */
export interface FormView {
  readonly form: CheckoutFormController;
  readonly config: StripeConfiguration;
  /** The supplier's terms, resolved against the page; undefined when not an http(s) link. */
  readonly supplierTermsUrl: string | undefined;
  /** The element's localisation: its locale and direction. */
  readonly i18n: LocaleController;
  readonly t: (key: MessageKey, params?: Record<string, string>) => string;
  readonly onSubmit: (event: SubmitEvent) => void;
}

const value = (event: Event) => (event.target as HTMLInputElement).value;

/** A quantity in kg as the person reads it (`2.5 t`). */
const credits = (view: FormView, kg: bigint) => view.i18n.ltr(formatCredits(kg, view.i18n.locale));

/** Why the last submit failed, in the page's language. */
function failureDetail(view: FormView, failure: SubmitFailure): string {
  if (failure.kind === 'redirect-refused') return view.t('redirectRefused');
  if (failure.kind === 'invalid-input') return view.t('returnPageInvalid');
  // The checkout operation itself is missing: the supplier does not sell through Stripe here.
  if (failure.kind === 'not-found') return view.t('unavailable');
  return errorDetail({ kind: failure.kind, status: failure.status, problem: undefined }, view.i18n);
}

function quantityMessage(view: FormView): string | undefined {
  const quantity = view.form.quantity();
  if (!('problem' in quantity) || !view.form.showsQuantityProblem()) return undefined;
  const params = Object.fromEntries(Object.entries(quantity.params ?? {}).map(([name, kg]) => [name, credits(view, kg)]));
  return view.t(quantity.problem, params);
}

/** The per-tonne prices and what the estimate means; the total itself stays in view in the footer. */
function renderEstimate(view: FormView, estimate: PriceEstimate | undefined): TemplateResult {
  const { t } = view;
  if (!estimate) return html`<p class="estimate estimate--none" part="estimate">${t('noEstimate')}</p>`;
  const money = (amount: string) => formatMoney(amount, estimate.currency, view.i18n.locale);
  return html`<div class="estimate" part="estimate">
    <dl class="estimate__list">
      <div class="estimate__row">
        <dt>${t('creditPrice')}</dt>
        <dd data-price="credit">${money(estimate.creditPerTonne)}</dd>
      </div>
      <div class="estimate__row">
        <dt>${t('verificationPrice')}</dt>
        <dd data-price="verification">${money(estimate.verificationPerTonne)}</dd>
      </div>
    </dl>
    <p class="estimate__note">${t('estimateNote')}</p>
  </div>`;
}

/** The estimated total, beside the submit button. */
function renderTotal(view: FormView, estimate: PriceEstimate | undefined, kg: bigint | undefined): TemplateResult | typeof nothing {
  if (!estimate) return nothing;
  const amount = kg === undefined ? '—' : formatMoney(minorToDecimalString(estimate.totalMinor, estimate.digits), estimate.currency, view.i18n.locale);
  return html`<p class="form__total">
    <span id="total-label">${view.t(`total.${view.form.state.frequency}`)}</span>
    <output part="total" aria-labelledby="total-label">${amount}</output>
  </p>`;
}

function renderTerm(view: FormView, id: string, key: 'acceptIsometric' | 'acceptSupplier', href: string | undefined): TemplateResult {
  const { t, form } = view;
  const checked = form.state[key];
  const [before, after] = t(key).split('{link}');
  const link = href
    ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${t('termsLink')}<span class="visually-hidden"> ${t('opensInNewTab')}</span></a>`
    : t('termsLink');
  return html`<div class="terms__item">
    <input
      id=${id}
      type="checkbox"
      required
      aria-describedby=${checked ? nothing : 'terms-why'}
      .checked=${live(checked)}
      @change=${(event: Event) => form.edit({ [key]: (event.target as HTMLInputElement).checked })}
    />
    <label for=${id}>${before}${link}${after ?? ''}</label>
  </div>`;
}

function renderFrequencies(view: FormView): TemplateResult | typeof nothing {
  const { t, form } = view;
  const { frequencies } = form.state.settings;
  if (frequencies.length < 2) return nothing;
  return html`<fieldset class="form__group frequency" part="frequency">
    <legend class="form__legend">${t('frequencyLegend')}</legend>
    <div class="frequency__options">
      ${frequencies.map(
        (frequency) =>
          html`<label class="frequency__option">
            <input type="radio" name="frequency" value=${frequency} .checked=${live(frequency === form.state.frequency)} @change=${() => form.edit({ frequency })} />
            <span>${t(`frequency.${frequency}`)}</span>
          </label>`,
      )}
    </div>
  </fieldset>`;
}

/** The form, once the Stripe configuration has loaded. */
export function renderForm(view: FormView): TemplateResult {
  const { t, form, config } = view;
  const state = form.state;
  const quantity = form.quantity();
  const kg = 'kg' in quantity ? quantity.kg : undefined;
  const quantityError = quantityMessage(view);
  const emailProblem = form.showsEmailProblem() ? t('emailInvalid') : undefined;
  const termsAccepted = form.termsAccepted();
  const { phase } = state;
  const busy = phase !== 'idle';
  const estimate = estimatePrice(kg ?? 0n, {
    creditPerTonne: config.credit_product_price_per_tonne,
    verificationPerTonne: config.verification_product_price_per_tonne,
    currency: config.currency,
  });
  const { minKg, maxKg, presets } = state.settings;
  // A scrolling body and a footer that stays in view: in a dialog on a short screen, the total and
  // the submit button are always on screen (the styles make the body scroll only in the dialog).
  return html`<form part="form" class="form" novalidate @submit=${view.onSubmit}>
    <div class="form__body">
      <fieldset class="form__group">
        <legend class="form__legend">${t('quantityGroup')}</legend>
        ${presets.length > 0
          ? html`<div class="presets" part="presets" role="group" aria-label=${t('presets')}>
              ${presets.map(
                (preset) =>
                  html`<button type="button" class="preset" part="preset" aria-pressed=${preset === kg} @click=${() => form.choosePreset(preset, decimalSeparator(view.i18n.locale))}>
                    ${credits(view, preset)}
                  </button>`,
              )}
            </div>`
          : nothing}
        <label class="form__label" for="quantity">${t('quantityLabel')}</label>
        <div class="quantity">
          <input
            id="quantity"
            part="quantity-input"
            class="form__input"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            required
            aria-invalid=${!!quantityError}
            aria-describedby=${quantityError ? 'quantity-error quantity-hint' : 'quantity-hint'}
            .value=${live(state.quantityText)}
            @input=${(event: Event) => form.edit({ quantityText: value(event) })}
            @change=${() => form.set({ quantityTouched: true })}
          />
          <span class="quantity__unit" aria-hidden="true">${t('unitTonnes')}</span>
        </div>
        <p id="quantity-hint" class="form__hint">${t('quantityHint', { min: credits(view, minKg), max: credits(view, maxKg) })}</p>
        ${quantityError ? html`<p id="quantity-error" class="form__error" part="field-error">${quantityError}</p>` : nothing}
      </fieldset>
      ${renderFrequencies(view)} ${renderEstimate(view, estimate)}
      <div class="form__field">
        <label class="form__label" for="email">${t('emailLabel')}</label>
        <input
          id="email"
          part="email-input"
          class="form__input"
          type="email"
          autocomplete="email"
          spellcheck="false"
          aria-invalid=${!!emailProblem}
          aria-describedby=${emailProblem ? 'email-error' : nothing}
          .value=${live(state.emailText)}
          @input=${(event: Event) => form.edit({ emailText: value(event) })}
          @change=${() => form.set({ emailTouched: true })}
        />
        ${emailProblem ? html`<p id="email-error" class="form__error" part="field-error">${emailProblem}</p>` : nothing}
      </div>
      <div class="terms" part="terms">
        ${renderTerm(view, 'accept-isometric', 'acceptIsometric', safeHttpUrl(config.isometric_terms_and_conditions_url))} ${renderTerm(view, 'accept-supplier', 'acceptSupplier', view.supplierTermsUrl)}
        <p id="terms-why" class="form__hint ${state.attempted ? 'form__hint--error' : ''}" ?hidden=${termsAccepted}>${t('termsRequired')}</p>
      </div>
      <p class="form__note">${t('noPaymentHere')}</p>
    </div>
    <div class="form__footer" part="footer">
      ${state.failure ? renderInlineError({ part: 'submit-error', kind: state.failure.kind, title: t('submitError'), detail: failureDetail(view, state.failure) }, view.i18n) : nothing}
      ${renderTotal(view, estimate, kg)}
      <div class="form__actions">
        ${state.framedUrl
          ? html`<a class="form__submit" part="checkout-link" href=${state.framedUrl} target="_top">${t('framedLink')}</a>
              <p class="form__hint">${t('framedHint')}</p>`
          : html`<button
              type="submit"
              class="form__submit"
              part="submit-button"
              aria-disabled=${busy || !termsAccepted}
              aria-describedby=${termsAccepted ? nothing : 'terms-why'}
              aria-busy=${busy}
            >
              ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
              ${t(phase === 'idle' ? 'submit' : phase)}
            </button>`}
        <span class="visually-hidden" role="status">${phase === 'idle' ? '' : t(phase)}</span>
      </div>
    </div>
  </form>`;
}
