import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { clientFor, unwrap } from '../../data/client.js';
import { resolveEndpoint } from '../../data/config.js';
import { RegistryError, isAbortError } from '../../data/errors.js';
import { formatCredits, safeHttpUrl } from '../../data/format.js';
import {
  hostProblem,
  listEmptyProblem,
  listOneOfProblem,
  maximumProblem,
  minimumProblem,
  notBelowProblem,
  tonnesProblem,
  urlProblem,
  type AttributeProblem,
} from '../../data/problems.js';
import { RegistryController } from '../../data/registry-controller.js';
import type { CheckoutRequest, StripeConfiguration, SubscriptionFrequency } from '../../data/types.js';
import { IsoCheckoutErrorEvent, type CheckoutErrorKind } from '../../events/iso-checkout-error.js';
import { IsoCheckoutOpenEvent } from '../../events/iso-checkout-open.js';
import { IsoCheckoutRedirectEvent } from '../../events/iso-checkout-redirect.js';
import { IsoCheckoutSubmitEvent } from '../../events/iso-checkout-submit.js';
import { LocaleController } from '../../i18n/localize.js';
import { themeStyles } from '../../themes/tokens.js';
import { customElement } from '../shared/define.js';
import { isolationStyles } from '../shared/isolation.styles.js';
import { errorDetail, headingLevel, renderError } from '../shared/status.js';
import { statusStyles } from '../shared/status.styles.js';
import { messages } from './checkout-button.messages.js';
import { styles } from './checkout-button.styles.js';
import { estimatePrice, formatMoney, minorToDecimalString, parseTonnes, tonnesText, type PriceEstimate } from './pricing.js';
import { checkRedirect, defaultReturnUrl, parseHostList, readReturnStatus, resolveHttpUrl, resolveReturnUrl, type CheckoutReturn } from './urls.js';

type MessageKey = keyof (typeof messages)['en'];

/** The frequencies the API accepts, in the order they are offered. */
const FREQUENCIES: readonly SubscriptionFrequency[] = ['one_time', 'monthly', 'yearly'];

// The proxy's own check (src/proxy/handler.ts), so an address accepted here is accepted there.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const EMAIL_MAX = 254;
const MAX_SAFE_KG = BigInt(Number.MAX_SAFE_INTEGER);

/** The attributes, parsed; `problem` says what is wrong with them, for the invalid-input state. */
interface Settings {
  minKg: bigint;
  maxKg: bigint;
  stepKg: bigint;
  presets: bigint[];
  frequencies: SubscriptionFrequency[];
  redirectHosts: string[];
  problem: AttributeProblem | undefined;
}

/** The properties `parseSettings` reads. */
const SETTINGS = ['quantity', 'min', 'max', 'step', 'presets', 'frequencies', 'allowedRedirectHosts', 'successUrl', 'cancelUrl'] as const;

type Phase = 'idle' | 'submitting' | 'redirecting';

/** Why the last submit failed: its kind and, for a refusal, the HTTP status; the element says it in the page's language. */
interface SubmitFailure {
  kind: CheckoutErrorKind;
  status: number | undefined;
}

function tonnesAttribute(attribute: string, value: string, problems: AttributeProblem[]): bigint | undefined {
  const parsed = parseTonnes(value);
  if ('kg' in parsed) return parsed.kg;
  problems.push(tonnesProblem(attribute, value));
  return undefined;
}

function parseSettings(host: IsoCheckoutButton): Settings {
  const problems: AttributeProblem[] = [];
  tonnesAttribute('quantity', host.quantity, problems);
  const minKg = tonnesAttribute('min', host.min, problems) ?? 1n;
  const maxKg = tonnesAttribute('max', host.max, problems) ?? 1_000_000n;
  const stepKg = tonnesAttribute('step', host.step, problems) ?? 1n;
  if (minKg < 1n) problems.push(minimumProblem('min', tonnesText(1n), host.min));
  if (stepKg < 1n) problems.push(minimumProblem('step', tonnesText(1n), host.step));
  if (maxKg < minKg) problems.push(notBelowProblem('max', host.max, 'min', host.min));
  if (maxKg > MAX_SAFE_KG) problems.push(maximumProblem('max', tonnesText(MAX_SAFE_KG), host.max));
  const presets: bigint[] = [];
  for (const entry of (host.presets ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    const kg = tonnesAttribute('presets', entry, problems);
    if (kg !== undefined && !presets.includes(kg)) presets.push(kg);
  }
  const frequencies: SubscriptionFrequency[] = [];
  for (const entry of host.frequencies.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean)) {
    const known = FREQUENCIES.find((value) => value === entry);
    if (!known) problems.push(listOneOfProblem('frequencies', FREQUENCIES, entry));
    else if (!frequencies.includes(known)) frequencies.push(known);
  }
  if (frequencies.length === 0 && problems.length === 0) problems.push(listEmptyProblem('frequencies', FREQUENCIES));
  const hosts = parseHostList(host.allowedRedirectHosts);
  for (const entry of hosts.invalid) problems.push(hostProblem('allowed-redirect-hosts', entry, 'checkout.stripe.com'));
  // Refused here, before any request, rather than when the buyer submits.
  for (const [attribute, value] of [['success-url', host.successUrl], ['cancel-url', host.cancelUrl]] as const) {
    if (value?.trim() && !resolveReturnUrl(value, host.ownerDocument.baseURI)) problems.push(urlProblem(attribute, value));
  }
  return { minKg, maxKg, stepKg, presets, frequencies, redirectHosts: hosts.hosts, problem: problems[0] };
}

function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

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
 * @csspart submit-button - The button that starts the checkout.
 * @csspart submit-error - The message shown when the checkout could not be started.
 * @csspart checkout-link - The link to the checkout, shown instead of navigating when the page is framed.
 * @csspart unavailable - The notice shown when the supplier does not sell through Stripe.
 * @csspart return-status - The thank-you or cancelled message (with `show-return-status`).
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
export class IsoCheckoutButton extends LitElement {
  static override styles = [themeStyles, isolationStyles, statusStyles, styles];

  private readonly i18n = new LocaleController(this);

  // Parsed from the attributes in willUpdate(), before the data controller reads its arguments.
  private settings: Settings = { minKg: 1n, maxKg: 1_000_000n, stepKg: 1n, presets: [], frequencies: [...FREQUENCIES], redirectHosts: [], problem: undefined };

  private readonly data = new RegistryController(this, {
    // Only a change in the attributes' validity reloads; the configuration itself takes no input.
    args: () => [this.settings.problem] as const,
    validate: ([problem]) => problem,
    load: async (_args, { cached }): Promise<StripeConfiguration> => {
      const config = await cached('stripe-configuration', (client, signal) => unwrap(client.GET('/stripe/configuration', { signal })));
      if (typeof config.isometric_terms_and_conditions_url !== 'string') throw new TypeError('not a Stripe configuration');
      return config;
    },
  });

  private abortSubmit: AbortController | undefined;

  private readonly onPageShow = (event: PageTransitionEvent) => {
    // Back from Stripe through the back/forward cache: the page is as it was left, busy.
    if (event.persisted) this.phase = 'idle';
  };

  @query('dialog') private dialog!: HTMLDialogElement | null;

  @query('[part~="button"]') private opener!: HTMLButtonElement | null;

  @state() private quantityText = '1';

  @state() private quantityTouched = false;

  @state() private frequency: SubscriptionFrequency = 'one_time';

  @state() private emailText = '';

  @state() private emailTouched = false;

  @state() private acceptIsometric = false;

  @state() private acceptSupplier = false;

  @state() private attempted = false;

  @state() private phase: Phase = 'idle';

  @state() private failure: SubmitFailure | undefined;

  @state() private framedUrl: string | undefined;

  @state() private returnStatus: CheckoutReturn | undefined;

  /** Base URL of the isometric-widgets proxy; defaults to the page's `<meta name="iso-endpoint">` or `configure()`. */
  @property() endpoint: string | null = null;

  /** BCP 47 locale for text, numbers and prices; defaults to the nearest `lang` attribute, then the browser's. */
  @property() locale: string | null = null;

  /** Colour scheme: `light`, `dark`, or unset to follow `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

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

  /** Shows a thank-you or cancelled message when the page URL has `iso_checkout=success` or `iso_checkout=cancel`. */
  @property({ type: Boolean, attribute: 'show-return-status' }) showReturnStatus = false;

  /** The heading level (1–6) of the form's heading, so the inline form fits the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Opens the checkout URL instead of `location.assign` (tests, single-page apps); when unset, a framed page gets a link instead. */
  @property({ attribute: false }) navigate: ((url: string) => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    const view = this.ownerDocument.defaultView;
    this.returnStatus = view ? readReturnStatus(view.location.search) : undefined;
    view?.addEventListener('pageshow', this.onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.defaultView?.removeEventListener('pageshow', this.onPageShow);
    this.cancelSubmit();
    // Removal takes a modal dialog out of the top layer but leaves it open: re-added, it would show
    // as a non-modal box nobody opened.
    if (this.dialog?.open) this.dialog.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || SETTINGS.some((key) => changed.has(key))) {
      this.settings = parseSettings(this);
    }
    if (changed.has('quantity')) {
      const parsed = parseTonnes(this.quantity);
      this.quantityText = 'kg' in parsed ? tonnesText(parsed.kg, decimalSeparator(this.i18n.locale)) : this.quantity;
      this.quantityTouched = false;
    }
    if (changed.has('email')) {
      this.emailText = this.email ?? '';
      this.emailTouched = false;
    }
    if (!this.settings.frequencies.includes(this.frequency)) this.frequency = this.settings.frequencies[0] ?? 'one_time';
  }

  protected override updated(): void {
    // A configuration that fails while the dialog is open leaves nothing to show in it.
    if (this.dialog?.open && this.data.status === 'error') this.dialog.close();
  }

  private t(key: MessageKey, params?: Record<string, string>): string {
    return this.i18n.t(messages, key, params);
  }

  private credits(kg: bigint): string {
    return this.i18n.ltr(formatCredits(kg, this.i18n.locale));
  }

  /** The form's quantity in kg, or the message that explains what is wrong with it. */
  private checkQuantity(): { kg: bigint } | { message: string } {
    const parsed = parseTonnes(this.quantityText);
    if ('problem' in parsed) {
      const key = ({ required: 'quantityRequired', format: 'quantityFormat', precision: 'quantityPrecision' } as const)[parsed.problem];
      return { message: this.t(key) };
    }
    const { minKg, maxKg, stepKg } = this.settings;
    if (parsed.kg < minKg) return { message: this.t('quantityMin', { min: this.credits(minKg) }) };
    if (parsed.kg > maxKg) return { message: this.t('quantityMax', { max: this.credits(maxKg) }) };
    if (parsed.kg % stepKg !== 0n) return { message: this.t('quantityStep', { step: this.credits(stepKg) }) };
    return { kg: parsed.kg };
  }

  private emailProblem(): string | undefined {
    const email = this.emailText.trim();
    return email === '' || (email.length <= EMAIL_MAX && EMAIL.test(email)) ? undefined : this.t('emailInvalid');
  }

  private get termsAccepted(): boolean {
    return this.acceptIsometric && this.acceptSupplier;
  }

  private kgOrNull(): number | null {
    const quantity = this.checkQuantity();
    return 'kg' in quantity ? Number(quantity.kg) : null;
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
    this.failure = undefined;
    dialog.showModal();
    this.emit(new IsoCheckoutOpenEvent(this.kgOrNull(), this.frequency));
    await this.updateComplete;
    const first = this.renderRoot.querySelector<HTMLElement>('#quantity') ?? this.renderRoot.querySelector<HTMLElement>('[part~="close-button"]');
    first?.focus();
  }

  private onDialogClose(): void {
    if (this.phase === 'submitting') this.cancelSubmit();
    if (this.isConnected) this.opener?.focus();
  }

  private cancelSubmit(): void {
    this.abortSubmit?.abort();
    this.abortSubmit = undefined;
    if (this.phase === 'submitting') this.phase = 'idle';
  }

  private edited(): void {
    // A link made for the previous form values must not be followed after a change.
    this.framedUrl = undefined;
    this.failure = undefined;
  }

  private onQuantityInput(event: Event): void {
    this.quantityText = (event.target as HTMLInputElement).value;
    this.edited();
  }

  private choosePreset(kg: bigint): void {
    this.quantityText = tonnesText(kg, decimalSeparator(this.i18n.locale));
    this.quantityTouched = true;
    this.edited();
  }

  private async focusFirstProblem(): Promise<void> {
    await this.updateComplete;
    const selector = !('kg' in this.checkQuantity())
      ? '#quantity'
      : this.emailProblem()
        ? '#email'
        : !this.acceptIsometric
          ? '#accept-isometric'
          : '#accept-supplier';
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // Set synchronously below, before any await: a second submit finds the element busy.
    if (this.phase !== 'idle') return;
    this.attempted = true;
    const quantity = this.checkQuantity();
    const config = this.data.value;
    if (!('kg' in quantity) || this.emailProblem() || !this.termsAccepted) {
      void this.focusFirstProblem();
      return;
    }
    if (!config || this.data.status !== 'complete') return;
    const endpoint = resolveEndpoint(this.endpoint);
    const urls = this.returnUrls();
    if (!endpoint || !urls) {
      this.fail(
        endpoint ? 'invalid-input' : 'not-configured',
        endpoint
          ? 'There is no http(s) page to come back to after payment: set success-url and cancel-url to http(s) addresses.'
          : 'No registry endpoint: add <meta name="iso-endpoint" content="https://…/api"> or an endpoint attribute.',
      );
      return;
    }
    const email = this.emailText.trim() || null;
    const body: CheckoutRequest = {
      quantity_kg: Number(quantity.kg),
      frequency: this.frequency,
      isometric_terms_and_conditions_accepted: true,
      supplier_terms_and_conditions_accepted: true,
      success_url: urls.success,
      cancel_url: urls.cancel,
      ...(email ? { customer_email: email } : {}),
    };
    this.phase = 'submitting';
    this.failure = undefined;
    this.framedUrl = undefined;
    const controller = new AbortController();
    this.abortSubmit = controller;
    this.emit(new IsoCheckoutSubmitEvent(body.quantity_kg, body.frequency, email));
    let redirect: unknown;
    try {
      const result = await unwrap(clientFor(endpoint).POST('/stripe/checkout', { body, signal: controller.signal }));
      redirect = result.redirect_url;
    } catch (error) {
      if (controller.signal.aborted) return;
      // An abort nobody here asked for (the network, a fetch wrapper) is a failed request like any other.
      const failure =
        error instanceof RegistryError
          ? error
          : new RegistryError('unavailable', isAbortError(error) ? 'The request to the registry proxy was interrupted.' : 'Could not reach the registry proxy.', { cause: error });
      this.fail(failure.kind, failure.message, failure.status);
      return;
    } finally {
      if (this.abortSubmit === controller) this.abortSubmit = undefined;
    }
    if (controller.signal.aborted) return;
    const url = checkRedirect(redirect, this.settings.redirectHosts);
    if (!url) {
      this.fail('redirect-refused', 'The checkout URL is not https on an allowed host (checkout.stripe.com or allowed-redirect-hosts); it was not opened.');
      return;
    }
    const redirectEvent = new IsoCheckoutRedirectEvent(url.href);
    this.emit(redirectEvent);
    if (redirectEvent.defaultPrevented) {
      this.phase = 'idle';
      return;
    }
    if (this.navigate) {
      this.phase = 'redirecting';
      this.navigate(url.href);
    } else if (this.framed()) {
      // Stripe Checkout refuses to run in a frame, and navigating the top window may be blocked:
      // a link with target=_top, followed by the person, always works.
      this.phase = 'idle';
      this.framedUrl = url.href;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="checkout-link"]')?.focus();
    } else {
      this.phase = 'redirecting';
      this.ownerDocument.defaultView?.location.assign(url.href);
    }
  }

  /**
   * Dispatches one of the element's events. The class JSDoc documents them; the manifest analyzer
   * would otherwise take the first constructor argument of `this.dispatchEvent(new X(…))` for a name.
   */
  private emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /** Shows why the checkout could not start, in the page's language; the event carries the English `message` for developers. */
  private fail(kind: CheckoutErrorKind, message: string, status?: number): void {
    this.phase = 'idle';
    this.failure = { kind, status };
    this.emit(new IsoCheckoutErrorEvent(kind, message));
  }

  private failureDetail(failure: SubmitFailure): string {
    if (failure.kind === 'redirect-refused') return this.t('redirectRefused');
    if (failure.kind === 'invalid-input') return this.t('returnPageInvalid');
    // The checkout operation itself is missing: the supplier does not sell through Stripe here.
    if (failure.kind === 'not-found') return this.t('unavailable');
    return errorDetail({ kind: failure.kind, status: failure.status, problem: undefined }, this.i18n);
  }

  override render(): TemplateResult {
    const status = this.data.status;
    const error = this.data.error;
    const notAvailable = status === 'error' && error?.kind === 'not-found';
    return html`<div class="decoration-stop"><div part="base" class="checkout" aria-busy=${status === 'loading' ? 'true' : 'false'} lang=${this.locale ?? nothing} dir=${this.i18n.dir}>
      ${this.showReturnStatus && this.returnStatus
        ? html`<p part="return-status" class="checkout__return checkout__return--${this.returnStatus}" role="status">
            ${this.t(this.returnStatus === 'success' ? 'returnSuccess' : 'returnCancel')}
          </p>`
        : nothing}
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
    </div></div>`;
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
    if (status === 'complete' && config) return this.renderForm(config);
    return this.renderSkeleton();
  }

  private renderSkeleton(): TemplateResult {
    const line = (extra = '') => html`<span class="skeleton skeleton--line ${extra}"></span>`;
    return html`<div class="panel__skeleton skeletons">
      <span class="visually-hidden" role="status">${this.t('loadingPrices')}</span>
      ${line('skeleton--short')} ${line('skeleton--field')} ${line()} ${line()} ${line('skeleton--field')} ${line('skeleton--button')}
    </div>`;
  }

  private renderForm(config: StripeConfiguration): TemplateResult {
    const quantity = this.checkQuantity();
    const kg = 'kg' in quantity ? quantity.kg : undefined;
    const showQuantityError = 'message' in quantity && (this.quantityTouched || this.attempted);
    const emailProblem = this.emailTouched || this.attempted ? this.emailProblem() : undefined;
    const busy = this.phase !== 'idle';
    const blocked = busy || !this.termsAccepted;
    const estimate = estimatePrice(kg ?? 0n, {
      creditPerTonne: config.credit_product_price_per_tonne,
      verificationPerTonne: config.verification_product_price_per_tonne,
      currency: config.currency,
    });
    const { minKg, maxKg, presets, frequencies } = this.settings;
    return html`<form part="form" class="form" novalidate @submit=${this.onSubmit}>
      <fieldset class="form__group">
        <legend class="form__legend">${this.t('quantityGroup')}</legend>
        ${presets.length > 0
          ? html`<div class="presets" part="presets" role="group" aria-label=${this.t('presets')}>
              ${presets.map(
                (preset) =>
                  html`<button type="button" class="preset" part="preset" aria-pressed=${preset === kg ? 'true' : 'false'} @click=${() => this.choosePreset(preset)}>
                    ${this.credits(preset)}
                  </button>`,
              )}
            </div>`
          : nothing}
        <label class="form__label" for="quantity">${this.t('quantityLabel')}</label>
        <div class="quantity">
          <input
            id="quantity"
            part="quantity-input"
            class="form__input"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            required
            aria-invalid=${showQuantityError ? 'true' : 'false'}
            aria-describedby=${showQuantityError ? 'quantity-error quantity-hint' : 'quantity-hint'}
            .value=${live(this.quantityText)}
            @input=${this.onQuantityInput}
            @change=${() => (this.quantityTouched = true)}
          />
          <span class="quantity__unit" aria-hidden="true">${this.t('unitTonnes')}</span>
        </div>
        <p id="quantity-hint" class="form__hint">${this.t('quantityHint', { min: this.credits(minKg), max: this.credits(maxKg) })}</p>
        ${showQuantityError ? html`<p id="quantity-error" class="form__error" part="field-error">${quantity.message}</p>` : nothing}
      </fieldset>
      ${frequencies.length > 1
        ? html`<fieldset class="form__group frequency" part="frequency">
            <legend class="form__legend">${this.t('frequencyLegend')}</legend>
            <div class="frequency__options">
              ${frequencies.map(
                (frequency) =>
                  html`<label class="frequency__option">
                    <input
                      type="radio"
                      name="frequency"
                      value=${frequency}
                      .checked=${live(frequency === this.frequency)}
                      @change=${() => {
                        this.frequency = frequency;
                        this.edited();
                      }}
                    />
                    <span>${this.t(`frequency.${frequency}`)}</span>
                  </label>`,
              )}
            </div>
          </fieldset>`
        : nothing}
      ${this.renderEstimate(estimate, kg)}
      <div class="form__field">
        <label class="form__label" for="email">${this.t('emailLabel')}</label>
        <input
          id="email"
          part="email-input"
          class="form__input"
          type="email"
          autocomplete="email"
          spellcheck="false"
          aria-invalid=${emailProblem ? 'true' : 'false'}
          aria-describedby=${emailProblem ? 'email-error' : nothing}
          .value=${live(this.emailText)}
          @input=${(event: Event) => {
            this.emailText = (event.target as HTMLInputElement).value;
            this.edited();
          }}
          @change=${() => (this.emailTouched = true)}
        />
        ${emailProblem ? html`<p id="email-error" class="form__error" part="field-error">${emailProblem}</p>` : nothing}
      </div>
      <div class="terms" part="terms">
        ${this.renderTerm('accept-isometric', 'acceptIsometric', safeHttpUrl(config.isometric_terms_and_conditions_url), this.acceptIsometric, (value) => (this.acceptIsometric = value))}
        ${this.renderTerm('accept-supplier', 'acceptSupplier', resolveHttpUrl(this.supplierTermsUrl, this.ownerDocument.baseURI), this.acceptSupplier, (value) => (this.acceptSupplier = value))}
        <p id="terms-why" class="form__hint ${this.attempted ? 'form__hint--error' : ''}" ?hidden=${this.termsAccepted}>${this.t('termsRequired')}</p>
      </div>
      ${this.failure
        ? html`<div class="submit-error" part="submit-error" role="alert" data-error-kind=${this.failure.kind}>
            <p class="submit-error__title">${this.t('submitError')}</p>
            <p class="submit-error__detail">${this.failureDetail(this.failure)}</p>
          </div>`
        : nothing}
      <div class="form__actions">
        ${this.framedUrl
          ? html`<a class="form__submit" part="checkout-link" href=${this.framedUrl} target="_top">${this.t('framedLink')}</a>
              <p class="form__hint">${this.t('framedHint')}</p>`
          : html`<button
              type="submit"
              class="form__submit"
              part="submit-button"
              aria-disabled=${blocked ? 'true' : 'false'}
              aria-describedby=${this.termsAccepted ? nothing : 'terms-why'}
              aria-busy=${busy ? 'true' : 'false'}
            >
              ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
              ${this.t(this.phase === 'submitting' ? 'submitting' : this.phase === 'redirecting' ? 'redirecting' : 'submit')}
            </button>`}
        <span class="visually-hidden" role="status">${busy ? this.t(this.phase === 'submitting' ? 'submitting' : 'redirecting') : ''}</span>
      </div>
      <p class="form__note">${this.t('noPaymentHere')}</p>
    </form>`;
  }

  private renderEstimate(estimate: PriceEstimate | undefined, kg: bigint | undefined): TemplateResult {
    if (!estimate) return html`<p class="estimate estimate--none" part="estimate">${this.t('noEstimate')}</p>`;
    const locale = this.i18n.locale;
    const money = (amount: string) => formatMoney(amount, estimate.currency, locale);
    const totalKey: MessageKey = this.frequency === 'monthly' ? 'totalMonthly' : this.frequency === 'yearly' ? 'totalYearly' : 'total';
    return html`<div class="estimate" part="estimate">
      <dl class="estimate__list">
        <div class="estimate__row">
          <dt>${this.t('creditPrice')}</dt>
          <dd data-price="credit">${money(estimate.creditPerTonne)}</dd>
        </div>
        <div class="estimate__row">
          <dt>${this.t('verificationPrice')}</dt>
          <dd data-price="verification">${money(estimate.verificationPerTonne)}</dd>
        </div>
        <div class="estimate__row estimate__row--total">
          <dt id="total-label">${this.t(totalKey)}</dt>
          <dd>
            <output part="total" aria-labelledby="total-label">${kg === undefined ? '—' : money(minorToDecimalString(estimate.totalMinor, estimate.digits))}</output>
          </dd>
        </div>
      </dl>
      <p class="estimate__note">${this.t('estimateNote')}</p>
    </div>`;
  }

  private renderTerm(id: string, key: 'acceptIsometric' | 'acceptSupplier', href: string | undefined, checked: boolean, set: (value: boolean) => void): TemplateResult {
    const [before, after] = this.t(key).split('{link}');
    const link = href
      ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${this.t('termsLink')}<span class="visually-hidden"> ${this.t('opensInNewTab')}</span></a>`
      : this.t('termsLink');
    return html`<div class="terms__item">
      <input
        id=${id}
        type="checkbox"
        required
        aria-describedby=${checked ? nothing : 'terms-why'}
        .checked=${live(checked)}
        @change=${(event: Event) => {
          set((event.target as HTMLInputElement).checked);
          this.edited();
        }}
      />
      <label for=${id}>${before}${link}${after ?? ''}</label>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'iso-checkout-button': IsoCheckoutButton;
  }
}
