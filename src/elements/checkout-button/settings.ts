/**
 * The attributes of `<iso-checkout-button>` that shape the form, parsed once per change, with the
 * first problem found for the invalid-input state. Pure functions; no DOM.
 */
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
import { CHECKOUT_FREQUENCIES, CHECKOUT_KG, DEFAULT_REDIRECT_HOSTS, parseHostList, type CheckoutFrequency } from '../../shared/checkout.js';
import { parseTonnes, tonnesText } from './pricing.js';
import { resolveReturnUrl } from './urls.js';

/** The attributes parsed, as the element holds them. */
export interface SettingsInput {
  readonly quantity: string;
  readonly min: string;
  readonly max: string;
  readonly step: string;
  readonly presets: string | null;
  readonly frequencies: string;
  readonly allowedRedirectHosts: string | null;
  readonly successUrl: string | null;
  readonly cancelUrl: string | null;
}

/** The properties `parseSettings` reads: a change in any of them parses again. */
export const SETTINGS_PROPERTIES = ['quantity', 'min', 'max', 'step', 'presets', 'frequencies', 'allowedRedirectHosts', 'successUrl', 'cancelUrl'] as const satisfies readonly (keyof SettingsInput)[];

/** The attributes, parsed; `problem` says what is wrong with them, for the invalid-input state. */
export interface CheckoutSettings {
  readonly minKg: bigint;
  readonly maxKg: bigint;
  readonly stepKg: bigint;
  readonly presets: readonly bigint[];
  readonly frequencies: readonly CheckoutFrequency[];
  /** `allowed-redirect-hosts`: where a checkout redirect may go besides `checkout.stripe.com`. */
  readonly redirectHosts: readonly string[];
  readonly problem: AttributeProblem | undefined;
}

const MIN_KG = BigInt(CHECKOUT_KG.min);
const MAX_KG = BigInt(CHECKOUT_KG.max);
const LIMIT_KG = BigInt(CHECKOUT_KG.limit);

/** What the element works with before its attributes are first parsed. */
export const DEFAULT_SETTINGS: CheckoutSettings = {
  minKg: MIN_KG,
  maxKg: MAX_KG,
  stepKg: 1n,
  presets: [],
  frequencies: CHECKOUT_FREQUENCIES,
  redirectHosts: [],
  problem: undefined,
};

/** A comma-separated attribute's entries, trimmed, without empty ones. */
function entries(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Parses the attributes; relative return URLs are resolved against `baseUri`. */
export function parseSettings(input: SettingsInput, baseUri: string): CheckoutSettings {
  const problems: AttributeProblem[] = [];
  const tonnes = (attribute: string, value: string): bigint | undefined => {
    const parsed = parseTonnes(value);
    if ('kg' in parsed) return parsed.kg;
    problems.push(tonnesProblem(attribute, value));
    return undefined;
  };
  tonnes('quantity', input.quantity);
  const minKg = tonnes('min', input.min) ?? MIN_KG;
  const maxKg = tonnes('max', input.max) ?? MAX_KG;
  const stepKg = tonnes('step', input.step) ?? 1n;
  if (minKg < MIN_KG) problems.push(minimumProblem('min', tonnesText(MIN_KG), input.min));
  if (stepKg < 1n) problems.push(minimumProblem('step', tonnesText(1n), input.step));
  if (maxKg < minKg) problems.push(notBelowProblem('max', input.max, 'min', input.min));
  if (maxKg > LIMIT_KG) problems.push(maximumProblem('max', tonnesText(LIMIT_KG), input.max));
  const presets: bigint[] = [];
  for (const entry of entries(input.presets)) {
    const kg = tonnes('presets', entry);
    if (kg !== undefined && !presets.includes(kg)) presets.push(kg);
  }
  const frequencies: CheckoutFrequency[] = [];
  for (const entry of entries(input.frequencies.toLowerCase())) {
    const known = CHECKOUT_FREQUENCIES.find((value) => value === entry);
    if (!known) problems.push(listOneOfProblem('frequencies', CHECKOUT_FREQUENCIES, entry));
    else if (!frequencies.includes(known)) frequencies.push(known);
  }
  if (frequencies.length === 0 && problems.length === 0) problems.push(listEmptyProblem('frequencies', CHECKOUT_FREQUENCIES));
  const hosts = parseHostList(input.allowedRedirectHosts);
  for (const entry of hosts.invalid) problems.push(hostProblem('allowed-redirect-hosts', entry, DEFAULT_REDIRECT_HOSTS[0] ?? ''));
  // Refused here, before any request, rather than when the buyer submits.
  for (const [attribute, value] of [['success-url', input.successUrl], ['cancel-url', input.cancelUrl]] as const) {
    if (value?.trim() && !resolveReturnUrl(value, baseUri)) problems.push(urlProblem(attribute, value));
  }
  return { minKg, maxKg, stepKg, presets, frequencies, redirectHosts: hosts.hosts, problem: problems[0] };
}
