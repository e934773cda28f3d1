import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { clientFor } from '../../data/client.js';
import { resolveEndpoint } from '../../data/config.js';
import type { RegistryError } from '../../data/errors.js';
import { formatCredits } from '../../data/format.js';
import { stripeConfigurationQuery } from '../../data/queries.js';
import type { StripeConfiguration } from '../../data/types.js';
import { IsoCheckoutErrorEvent } from '../../events/iso-checkout-error.js';
import { IsoCheckoutOpenEvent } from '../../events/iso-checkout-open.js';
import { IsoCheckoutRedirectEvent } from '../../events/iso-checkout-redirect.js';
import { IsoCheckoutSubmitEvent } from '../../events/iso-checkout-submit.js';
import { customElement } from '../shared/define.js';
import { inlineErrorStyles } from '../shared/inline-error.js';
import { IsoElement } from '../shared/iso-element.js';
import { RegistryController } from '../shared/registry-controller.js';
import { headingLevel, renderError, skeletonLine as line } from '../shared/status.js';
import { messages } from './checkout-button.messages.js';
import { styles } from './checkout-button.styles.js';
import { formStyles } from './checkout-form.styles.js';
import { CheckoutFormController } from './checkout-form-controller.js';
import { renderForm } from './checkout-form.template.js';
import { decimalSeparator } from './pricing.js';
import { parseSettings, SETTINGS_PROPERTIES } from './settings.js';
import { checkoutRequest, startCheckout, type CheckoutFailure } from './submit.js';
import { storeOrder, takeReturn, type ReturnState } from './return-state.js';
import { defaultReturnUrl, resolveHttpUrl, resolveReturnUrl } from './urls.js';

/** How long the empty return region is in the page before its message: long enough for assistive technology to register it. */
const ANNOUNCE_DELAY_MS = 150;

/**
 * A button that opens an accessible purchase form for carbon removal credits sold through the
 * supplier's Stripe Connect account: quantity in tonnes (with presets), frequency, an estimated total
 * from the registry's prices, an optional email and both terms and conditions. Submitting asks the
 * proxy for a Stripe Checkout session and opens it in the same tab; no payment script is loaded.
 * With `inline`, the form is shown in place instead of in a dialog.
 *
 * @summary Buys carbon removal credits through Stripe Checkout.
 *
 * @slot - The label of the button that opens the form. Defaults to "Buy carbon removal".
 *
 * @csspart base - The element's wrapper.
 * @csspart button - The button that opens the dialog (hidden with `inline`).
 * @csspart dialog - The modal `<dialog>` holding the form.
 * @csspart panel - The form's panel: inside the dialog, or in place with `inline`.
 * @csspart heading - The panel's heading.
 * @csspart close-button - The button that closes the dialog.
 * @csspart form - The purchase form.
 * @csspart presets - The group of preset quantity buttons.
 * @csspart preset - One preset quantity button.
 * @csspart quantity-input - The free-entry quantity field (tonnes).
 * @csspart frequency - The frequency radio group (shown when more than one frequency is offered).
 * @csspart estimate - The price breakdown and estimated total.
 * @csspart total - The estimated total.
 * @csspart email-input - The optional email field.
 * @csspart terms - The two terms-and-conditions checkboxes.
 * @csspart field-error - An inline validation message.
 * @csspart footer - The form's footer: the estimated total and the submit button, which stay in view while the dialog's form scrolls.
 * @csspart submit-button - The button that starts the checkout.
 * @csspart submit-error - The message shown when the checkout could not be started.
 * @csspart checkout-link - The link to the checkout, shown instead of navigating when the page is framed.
 * @csspart unavailable - The notice shown when the supplier does not sell through Stripe.
 * @csspart return-status - The thank-you or cancelled message (with `show-return-status`), a live region: on a success, with what was ordered and the Stripe reference where known.
 * @csspart error - The configuration error message box.
 * @csspart retry-button - The retry button in the error box.
 *
 * @cssproperty --iso-checkout-button-background - Background of the opening and submit buttons. Defaults to `--iso-color-accent`.
 * @cssproperty --iso-checkout-button-color - Text colour of the opening and submit buttons. Defaults to `--iso-color-accent-contrast`.
 * @cssproperty --iso-checkout-button-radius - Corner radius of the buttons. Defaults to half of `--iso-radius`.
 * @cssproperty --iso-checkout-button-padding - Padding of the opening button. Defaults to `0.6em 1.2em`.
 * @cssproperty --iso-checkout-button-dialog-width - Maximum width of the dialog. Defaults to `32rem`.
 *
 * @event iso-checkout-open - The person opened the dialog. `detail: { quantityKg, frequency }`.
 * @event iso-checkout-submit - A valid form was submitted; the checkout session is being requested. `detail: { quantityKg, frequency, email }`.
 * @event iso-checkout-redirect - The checkout URL is about to be opened. Cancelable: `preventDefault()` lets the page open `detail.url` itself.
 * @event iso-checkout-error - The checkout could not be started; the element shows why. `detail: { kind, message }`.
 * @event iso-load - The Stripe configuration (prices, terms) has loaded. `detail: { source }`.
 * @event iso-error - Loading the Stripe configuration failed. `detail: { kind, message, status }`.
 */
@customElement('iso-checkout-button')
export class IsoCheckoutButton extends IsoElement<(typeof messages)['en']> {
  // The base's decoration isolation does not reach this base, which sits in `.decoration-stop` (styles).
  static override styles = [IsoElement.styles, inlineErrorStyles, formStyles, styles];

  protected override readonly messages = messages;

  /** The form's state and rules; its attributes are parsed in willUpdate(), before the data controller reads its arguments. */
  private readonly form = new CheckoutFormController(this);

  private readonly data = new RegistryController(this, {
    // Only a change in the attributes' validity reloads; the configuration itself takes no input.
    args: () => [this.form.state.settings.problem] as const,
    validate: ([problem]) => problem,
    load: async (_args, { query }): Promise<StripeConfiguration> => {
      const config = await query(stripeConfigurationQuery());
      if (typeof config.isometric_terms_and_conditions_url !== 'string') throw new TypeError('not a Stripe configuration');
      return config;
    },
  });

  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly onPageShow = (event: PageTransitionEvent) => {
    // Back from Stripe through the back/forward cache: the page is as it was left, busy.
    if (event.persisted) this.form.set({ phase: 'idle' });
  };

  @query('dialog') private dialog!: HTMLDialogElement | null;

  @query('[part~="button"]') private opener!: HTMLButtonElement | null;

  /** The purchase the buyer came back from (with `show-return-status`), read once from the URL. */
  @state() private returnState: ReturnState | undefined;

  /** The return message is in its live region: filled after the region was rendered, so that it is announced. */
  @state() private returnAnnounced = false;

  private returnRead = false;

  /** Shows the form in place (for a pricing section) instead of behind a button in a dialog. */
  @property({ type: Boolean, reflect: true }) inline = false;

  /** The quantity in tonnes the form starts with; up to three decimals (1 kg). */
  @property() quantity = '1';

  /** The smallest quantity in tonnes a person may buy. */
  @property() min = '0.001';

  /** The largest quantity in tonnes a person may buy. */
  @property() max = '1000';

  /** Quantities must be a multiple of this many tonnes. */
  @property() step = '0.001';

  /** Comma-separated quantities in tonnes offered as one-click choices, like `1,5,10`. */
  @property() presets: string | null = null;

  /** Comma-separated frequencies offered (`one_time`, `monthly`, `yearly`); with one, no choice is shown. */
  @property() frequencies = 'one_time,monthly,yearly';

  /** Prefills the optional email field; Stripe then prefills its checkout with it. */
  @property() email: string | null = null;

  /** Link to the supplier's terms and conditions (absolute or relative to the page), which the buyer must accept. */
  @property({ attribute: 'supplier-terms-url' }) supplierTermsUrl: string | null = null;

  /** Where Stripe sends the buyer after paying; defaults to this page with `iso_checkout=success` and the session id. */
  @property({ attribute: 'success-url' }) successUrl: string | null = null;

  /** Where Stripe sends the buyer after cancelling; defaults to this page with `iso_checkout=cancel`. */
  @property({ attribute: 'cancel-url' }) cancelUrl: string | null = null;

  /** Comma-separated extra hosts the checkout may redirect to besides `checkout.stripe.com`; `localhost`/`127.0.0.1` may be plain http (a local simulator). */
  @property({ attribute: 'allowed-redirect-hosts' }) allowedRedirectHosts: string | null = null;

  /**
   * Shows a thank-you or cancelled message when the page URL has `iso_checkout=success` or
   * `iso_checkout=cancel`, announced to screen readers: on a success, the Stripe reference from the
   * URL and, when this tab submitted it, the quantity and frequency ordered (kept in sessionStorage
   * until the return; never the email). The element then removes `iso_checkout` and
   * `iso_checkout_session` from the URL (`history.replaceState`), so a reload does not thank again.
   */
  @property({ type: Boolean, attribute: 'show-return-status' }) showReturnStatus = false;

  /** The heading level (1–6) of the form's heading, so the inline form fits the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Opens the checkout URL instead of `location.assign` (tests, single-page apps); when unset, a framed page gets a link instead. */
  @property({ attribute: false }) navigate: ((url: string) => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.defaultView?.addEventListener('pageshow', this.onPageShow);
  }

  override disconnectedCallback(): void {
    // The form controller aborts a request in flight.
    super.disconnectedCallback();
    this.ownerDocument.defaultView?.removeEventListener('pageshow', this.onPageShow);
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    // Removal takes a modal dialog out of the top layer but leaves it open: re-added, it would show
    // as a non-modal box nobody opened.
    if (this.dialog?.open) this.dialog.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || SETTINGS_PROPERTIES.some((key) => changed.has(key))) this.form.applySettings(parseSettings(this, this.ownerDocument.baseURI));
    if (changed.has('quantity')) this.form.resetQuantity(this.quantity, decimalSeparator(this.i18n.locale));
    if (changed.has('email')) this.form.resetEmail(this.email);
    const view = this.ownerDocument.defaultView;
    if (this.showReturnStatus && !this.returnRead && view) {
      this.returnRead = true;
      this.returnState = takeReturn(view);
    }
  }

  protected override updated(): void {
    // A configuration that fails while the dialog is open leaves nothing to show in it.
    if (this.dialog?.open && this.data.status === 'error') this.dialog.close();
    // Screen readers announce a change in a live region they already know, not one that arrives full.
    if (this.returnState && !this.returnAnnounced && !this.announceTimer) {
      this.announceTimer = setTimeout(() => (this.returnAnnounced = true), ANNOUNCE_DELAY_MS);
    }
  }

  private framed(): boolean {
    const view = this.ownerDocument.defaultView;
    if (!view) return false;
    try {
      return view.top !== view.self;
    } catch {
      return true;
    }
  }

  private returnUrls(): { success: string; cancel: string } | undefined {
    const page = this.ownerDocument.defaultView?.location.href ?? this.ownerDocument.baseURI;
    const base = this.ownerDocument.baseURI;
    const success = this.successUrl?.trim() ? resolveReturnUrl(this.successUrl, base) : defaultReturnUrl(page, 'success');
    const cancel = this.cancelUrl?.trim() ? resolveReturnUrl(this.cancelUrl, base) : defaultReturnUrl(page, 'cancel');
    return success && cancel ? { success, cancel } : undefined;
  }

  private async openDialog(): Promise<void> {
    const dialog = this.dialog;
    if (!dialog || dialog.open || this.data.status === 'error') return;
    this.form.set({ failure: undefined });
    dialog.showModal();
    this.emit(new IsoCheckoutOpenEvent(this.form.quantityKg(), this.form.state.frequency));
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('#quantity') ?? this.renderRoot.querySelector<HTMLElement>('[part~="close-button"]');
    first?.focus();
  }

  private onDialogClose(): void {
    if (this.form.state.phase === 'submitting') this.form.cancel();
    if (this.isConnected) this.opener?.focus();
  }

  private async focusPart(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // The phase changes synchronously below, before any await: a second submit finds the element busy.
    if (this.form.state.phase !== 'idle') return;
    const order = this.form.attempt();
    if (!order) {
      void this.focusPart(`#${this.form.firstProblem() ?? 'accept-supplier'}`);
      return;
    }
    if (!this.data.value || this.data.status !== 'complete') return;
    const request = checkoutRequest(order, { endpoint: resolveEndpoint(this.endpoint), returnUrls: this.returnUrls() });
    if ('type' in request) return this.fail(request);
    const signal = this.form.begin();
    this.emit(new IsoCheckoutSubmitEvent(request.body.quantity_kg, request.body.frequency, order.email));
    const outcome = await startCheckout(request.body, { client: clientFor(request.endpoint), signal, redirectHosts: this.form.state.settings.redirectHosts });
    this.form.settled(signal);
    if (outcome.type === 'aborted') return;
    if (outcome.type === 'failed') return this.fail(outcome);
    const view = this.ownerDocument.defaultView;
    if (view) storeOrder(view, { kg: order.kg, frequency: order.frequency });
    const redirect = new IsoCheckoutRedirectEvent(outcome.url);
    this.emit(redirect);
    if (redirect.defaultPrevented) {
      this.form.set({ phase: 'idle' });
    } else if (this.navigate) {
      this.form.set({ phase: 'redirecting' });
      this.navigate(outcome.url);
    } else if (this.framed()) {
      // Stripe Checkout refuses to run in a frame, and navigating the top window may be blocked:
      // a link with target=_top, followed by the person, always works.
      this.form.set({ phase: 'idle', framedUrl: outcome.url });
      await this.focusPart('[part~="checkout-link"]');
    } else {
      this.form.set({ phase: 'redirecting' });
      this.ownerDocument.defaultView?.location.assign(outcome.url);
    }
  }

  /** Shows why the checkout could not start, in the page's language; the event carries the English `message` for developers. */
  private fail({ kind, message, status }: CheckoutFailure): void {
    this.form.fail(kind, status);
    this.emit(new IsoCheckoutErrorEvent(kind, message));
  }

  override render(): TemplateResult {
    const status = this.data.status;
    const error = this.data.error;
    const notAvailable = status === 'error' && error?.kind === 'not-found';
    return html`<div class="decoration-stop">${this.renderBase({ tag: 'div', class: 'checkout', busy: status === 'loading', skeletons: false }, html`
      ${this.showReturnStatus && this.returnState ? this.renderReturn(this.returnState) : nothing}
      <button
        type="button"
        part="button"
        class="checkout__button"
        aria-haspopup="dialog"
        aria-describedby=${notAvailable ? 'unavailable' : nothing}
        ?disabled=${status === 'error'}
        ?hidden=${this.inline}
        @click=${() => void this.openDialog()}
      >
        <slot>${this.t('buy')}</slot>
      </button>
      ${this.inline
        ? html`<section class="panel" part="panel" aria-labelledby="heading">${this.renderHeader()} ${this.renderBody()}</section>`
        : html`${status === 'error' && error ? this.renderBlocked(error) : nothing}
            <dialog part="dialog" class="checkout__dialog" aria-labelledby="heading" @close=${this.onDialogClose}>
              <div class="panel" part="panel">${this.renderHeader()} ${status === 'error' ? nothing : this.renderBody()}</div>
            </dialog>`}
    `)}</div>`;
  }

  private renderReturn({ status, session, order }: ReturnState): TemplateResult {
    const content = !this.returnAnnounced
      ? nothing
      : status === 'cancel'
        ? html`<p>${this.t('returnCancel')}</p>`
        : html`<p class="checkout__return-title">${this.t('returnSuccess')}</p>
            ${order ? html`<p data-order>${this.t(`returnOrder.${order.frequency}`, { quantity: this.i18n.ltr(formatCredits(order.kg, this.i18n.locale)) })}</p>` : nothing}
            ${session ? html`<p data-session>${this.t('returnReference')} <code>${session}</code></p>` : nothing}`;
    return html`<div part="return-status" class="checkout__return checkout__return--${status}" role="status">${content}</div>`;
  }

  private renderBlocked(error: RegistryError): TemplateResult {
    return error.kind === 'not-found'
      ? html`<p part="unavailable" class="checkout__unavailable" id="unavailable">${this.t('unavailable')}</p>`
      : renderError(error, this.i18n, () => void this.data.retry());
  }

  private renderHeader(): TemplateResult {
    const level = headingLevel(this.headingLevel, 2);
    return html`<div class="panel__header">
      <div id="heading" class="panel__heading" part="heading" role="heading" aria-level=${level}>${this.t('heading')}</div>
      ${this.inline
        ? nothing
        : html`<button type="button" class="panel__close" part="close-button" aria-label=${this.t('close')} @click=${() => this.dialog?.close()}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          </button>`}
    </div>`;
  }

  private renderBody(): TemplateResult {
    const status = this.data.status;
    const error = this.data.error;
    const config = this.data.value;
    if (status === 'error' && error) return this.renderBlocked(error);
    if (status !== 'complete' || !config) return this.renderSkeleton();
    return renderForm({
      form: this.form,
      config,
      supplierTermsUrl: resolveHttpUrl(this.supplierTermsUrl, this.ownerDocument.baseURI),
      i18n: this.i18n,
      t: (key, params) => this.t(key, params),
      onSubmit: (event) => void this.onSubmit(event),
    });
  }

  private renderSkeleton(): TemplateResult {
    return html`<div class="panel__skeleton skeletons">
      <span class="visually-hidden" role="status">${this.t('loadingPrices')}</span>
      ${line('skeleton--short')} ${line('skeleton--field')} ${line()} ${line()} ${line('skeleton--field')} ${line('skeleton--button')}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'iso-checkout-button': IsoCheckoutButton;
  }
}
