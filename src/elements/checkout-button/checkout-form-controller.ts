/**
 * The purchase form of `<iso-checkout-button>` as state: what the person typed and chose, what they
 * have been told is wrong, and where a submit stands. The element renders it and forwards events to
 * it; this controller decides. No DOM and no language: problems are message keys the element says.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckoutErrorKind } from '../../events/iso-checkout-error.js';
import { isCheckoutEmail, type CheckoutFrequency } from '../../shared/checkout.js';
import { parseTonnes, tonnesText } from './pricing.js';
import { DEFAULT_SETTINGS, type CheckoutSettings } from './settings.js';

/** Where a submit stands: nothing in flight, asking the proxy for a session, or leaving for Stripe. */
export type Phase = 'idle' | 'submitting' | 'redirecting';

/** Why the last submit failed: its kind and, for a refusal, the HTTP status; the element says it in the page's language. */
export interface SubmitFailure {
  readonly kind: CheckoutErrorKind;
  readonly status: number | undefined;
}

/** The message key of what is wrong with the quantity. */
export type QuantityProblem = 'quantityRequired' | 'quantityFormat' | 'quantityPrecision' | 'quantityMin' | 'quantityMax' | 'quantityStep';

/** The quantity in kg, or what is wrong with it; `params` are the message's quantities, in kg. */
export type QuantityCheck = { readonly kg: bigint } | { readonly problem: QuantityProblem; readonly params?: Readonly<Record<string, bigint>> };

/** The form's fields that can hold a problem, by the id the element gives their control. */
export type FormField = 'quantity' | 'email' | 'accept-isometric' | 'accept-supplier';

/** What a valid form asks to buy. */
export interface CheckoutOrder {
  readonly kg: bigint;
  readonly frequency: CheckoutFrequency;
  /** The email given, trimmed; null when none was. */
  readonly email: string | null;
}

/** Everything the form shows. */
export interface FormState {
  /** The parsed attributes, with their first problem. */
  readonly settings: CheckoutSettings;
  readonly quantityText: string;
  /** The person left the quantity field (or chose a preset): its problem may show. */
  readonly quantityTouched: boolean;
  readonly frequency: CheckoutFrequency;
  readonly emailText: string;
  readonly emailTouched: boolean;
  readonly acceptIsometric: boolean;
  readonly acceptSupplier: boolean;
  /** A submit was tried: every problem shows. */
  readonly attempted: boolean;
  readonly phase: Phase;
  readonly failure: SubmitFailure | undefined;
  /** The checkout URL offered as a link, in a frame, where navigating the top window may be blocked. */
  readonly framedUrl: string | undefined;
}

const QUANTITY_PROBLEMS = { required: 'quantityRequired', format: 'quantityFormat', precision: 'quantityPrecision' } as const;

/** Holds the form's state; every change asks the host to render. Aborts a request in flight when the host is removed. */
export class CheckoutFormController implements ReactiveController {
  /** The form as it is now: read it; change it through `set()`, `edit()` and the methods below (each change is a new object). */
  state: FormState = {
    settings: DEFAULT_SETTINGS,
    quantityText: '1',
    quantityTouched: false,
    frequency: 'one_time',
    emailText: '',
    emailTouched: false,
    acceptIsometric: false,
    acceptSupplier: false,
    attempted: false,
    phase: 'idle',
    failure: undefined,
    framedUrl: undefined,
  };

  private abort: AbortController | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Changes the state without side effects (a field left, a phase reached). */
  set(patch: Partial<FormState>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }

  /** A change by the person (typing, choosing, ticking): a link or an error made for the previous values no longer applies. */
  edit(patch: Partial<FormState>): void {
    this.set({ ...patch, framedUrl: undefined, failure: undefined });
  }

  /** Takes newly parsed attributes; a frequency no longer offered gives way to the first one that is. */
  applySettings(settings: CheckoutSettings): void {
    const { frequency } = this.state;
    this.set({ settings, frequency: settings.frequencies.includes(frequency) ? frequency : (settings.frequencies[0] ?? 'one_time') });
  }

  /** The `quantity` attribute changed: the field starts again from it, in the locale's decimal separator. */
  resetQuantity(quantity: string, decimalSeparator: string): void {
    const parsed = parseTonnes(quantity);
    this.set({ quantityText: 'kg' in parsed ? tonnesText(parsed.kg, decimalSeparator) : quantity, quantityTouched: false });
  }

  /** The `email` attribute changed: the field starts again from it. */
  resetEmail(email: string | null): void {
    this.set({ emailText: email ?? '', emailTouched: false });
  }

  choosePreset(kg: bigint, decimalSeparator: string): void {
    this.edit({ quantityText: tonnesText(kg, decimalSeparator), quantityTouched: true });
  }

  /** The quantity in kg, or what is wrong with it under the attributes' bounds. */
  quantity(): QuantityCheck {
    const parsed = parseTonnes(this.state.quantityText);
    if ('problem' in parsed) return { problem: QUANTITY_PROBLEMS[parsed.problem] };
    const { minKg, maxKg, stepKg } = this.state.settings;
    if (parsed.kg < minKg) return { problem: 'quantityMin', params: { min: minKg } };
    if (parsed.kg > maxKg) return { problem: 'quantityMax', params: { max: maxKg } };
    if (parsed.kg % stepKg !== 0n) return { problem: 'quantityStep', params: { step: stepKg } };
    return { kg: parsed.kg };
  }

  /** The quantity in kg as the events carry it, or null while it is invalid. */
  quantityKg(): number | null {
    const quantity = this.quantity();
    return 'kg' in quantity ? Number(quantity.kg) : null;
  }

  /** Whether the email field holds something that is not an address (empty is fine: it is optional). */
  emailInvalid(): boolean {
    const email = this.state.emailText.trim();
    return email !== '' && !isCheckoutEmail(email);
  }

  /** Whether the quantity's problem is shown: after the person left the field, or tried to submit. */
  showsQuantityProblem(): boolean {
    return 'problem' in this.quantity() && (this.state.quantityTouched || this.state.attempted);
  }

  /** Whether the email's problem is shown. */
  showsEmailProblem(): boolean {
    return (this.state.emailTouched || this.state.attempted) && this.emailInvalid();
  }

  termsAccepted(): boolean {
    return this.state.acceptIsometric && this.state.acceptSupplier;
  }

  /** The first field, in form order, that keeps the form from being sent. */
  firstProblem(): FormField | undefined {
    if ('problem' in this.quantity()) return 'quantity';
    if (this.emailInvalid()) return 'email';
    if (!this.state.acceptIsometric) return 'accept-isometric';
    return this.state.acceptSupplier ? undefined : 'accept-supplier';
  }

  /** A submit: from now on every problem shows. The order when the form is valid. */
  attempt(): CheckoutOrder | undefined {
    this.set({ attempted: true });
    const quantity = this.quantity();
    if (!('kg' in quantity) || this.firstProblem()) return undefined;
    return { kg: quantity.kg, frequency: this.state.frequency, email: this.state.emailText.trim() || null };
  }

  /** Enters `submitting`; the signal aborts when the request is cancelled (dialog closed, host removed). */
  begin(): AbortSignal {
    this.abort = new AbortController();
    this.set({ phase: 'submitting', failure: undefined, framedUrl: undefined });
    return this.abort.signal;
  }

  /** The request of `signal` is over (whatever its outcome): nothing is left to abort. */
  settled(signal: AbortSignal): void {
    if (this.abort?.signal === signal) this.abort = undefined;
  }

  /** Aborts a request in flight and returns to `idle`. */
  cancel(): void {
    this.abort?.abort();
    this.abort = undefined;
    if (this.state.phase === 'submitting') this.set({ phase: 'idle' });
  }

  /** The checkout could not start: shown until the next edit or submit. */
  fail(kind: CheckoutErrorKind, status?: number): void {
    this.set({ phase: 'idle', failure: { kind, status } });
  }
}
