/**
 * Quantity and price arithmetic for `<iso-checkout-button>`, on integers only: quantities are whole
 * kilograms and money is integer units of a decimal scale, both `bigint`, so neither 0.001 t nor
 * 1,000,000 t drifts. Pure functions; no DOM.
 */

const KG_PER_TONNE = 1000n;

/** Why a quantity text is not a number of tonnes. */
export type QuantityProblem = 'required' | 'format' | 'precision';

// Digits with one optional decimal separator: "1", "1.5", "1,5", ".5", "2." (typing in progress).
const TONNES = /^(\d*)(?:[.,](\d*))?$/;

/**
 * Whole kilograms from a decimal number of tonnes as typed ("1.5", "1,5", "0.001"), without floats.
 * More than three non-zero decimals is a `precision` problem: 1 kg is the smallest unit.
 */
export function parseTonnes(text: string): { kg: bigint } | { problem: QuantityProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'required' };
  const match = TONNES.exec(trimmed);
  const whole = match?.[1] ?? '';
  const fraction = match?.[2] ?? '';
  if (!match || (whole === '' && fraction === '')) return { problem: 'format' };
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 3) return { problem: 'precision' };
  return { kg: BigInt(whole || '0') * KG_PER_TONNE + BigInt(significant.padEnd(3, '0')) };
}

/** The shortest decimal text of whole kilograms in tonnes: 1500n → "1.5", 1n → "0.001", 5000n → "5". */
export function tonnesText(kg: bigint, decimalSeparator = '.'): string {
  const negative = kg < 0n;
  const abs = negative ? -kg : kg;
  const fraction = (abs % KG_PER_TONNE).toString().padStart(3, '0').replace(/0+$/, '');
  const whole = (abs / KG_PER_TONNE).toString();
  return `${negative ? '-' : ''}${whole}${fraction ? `${decimalSeparator}${fraction}` : ''}`;
}

/** The locale's decimal separator, for quantities written into the field (`,` in German). */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/** A non-negative decimal as an integer of units at a scale: "120.50" → { units: 12050n, scale: 2 }. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const MAX_SCALE = 20;

/** Parses an API price string ("120.00", "15", "0.125"); anything else (negative, exponent, empty) is undefined. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > MAX_SCALE) return undefined;
  return { units: BigInt(`${match[1] ?? '0'}${fraction}`), scale: fraction.length };
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** `numerator / denominator` rounded half-up, for non-negative integers. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
}

/**
 * The number of minor-unit digits of an ISO 4217 currency (2 for EUR, 0 for JPY, 3 for KWD), as
 * `Intl.NumberFormat` knows it; undefined for a code it rejects.
 */
export function currencyDigits(currency: string): number | undefined {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return undefined;
  }
}

/** Integer minor units as an exact decimal string: (13550n, 2) → "135.50", (17n, 0) → "17". */
export function minorToDecimalString(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  if (digits === 0) return `${negative ? '-' : ''}${abs}`;
  const text = abs.toString().padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** The configuration's prices, as the API sends them. */
export interface PriceInput {
  readonly creditPerTonne: string | null | undefined;
  readonly verificationPerTonne: string | null | undefined;
  readonly currency: string | null | undefined;
}

/** An estimate of what Stripe will charge; money in integer minor units of `currency`. */
export interface PriceEstimate {
  /** Upper-case ISO 4217 code. */
  readonly currency: string;
  /** Minor-unit digits of the currency. */
  readonly digits: number;
  /** The credit price per tonne, as sent. */
  readonly creditPerTonne: string;
  /** The verification price per tonne, as sent. */
  readonly verificationPerTonne: string;
  /** Credit plus verification per tonne, rounded half-up to minor units. */
  readonly perTonneMinor: bigint;
  /** kg × (credit + verification) / 1000, rounded half-up once, to minor units. */
  readonly totalMinor: bigint;
}

/**
 * quantity × (credit price + verification price), exactly: prices are kept at their own scale (a
 * price with more decimals than the currency is not rounded early) and the total is rounded
 * half-up once, to the currency's minor units. Undefined when a price or the currency is missing
 * or unreadable: then no estimate should be shown.
 */
export function estimatePrice(kg: bigint, input: PriceInput): PriceEstimate | undefined {
  // The prices come from the API: anything but non-empty strings means there is no estimate.
  if (kg < 0n || typeof input.currency !== 'string' || typeof input.creditPerTonne !== 'string' || typeof input.verificationPerTonne !== 'string') return undefined;
  if (!input.currency || !input.creditPerTonne || !input.verificationPerTonne) return undefined;
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return undefined;
  const digits = currencyDigits(currency);
  const credit = parseDecimal(input.creditPerTonne);
  const verification = parseDecimal(input.verificationPerTonne);
  if (digits === undefined || !credit || !verification) return undefined;
  const scale = Math.max(digits, credit.scale, verification.scale);
  const perTonne = rescale(credit, scale) + rescale(verification, scale);
  const toMinor = 10n ** BigInt(scale - digits);
  return {
    currency,
    digits,
    creditPerTonne: input.creditPerTonne.trim(),
    verificationPerTonne: input.verificationPerTonne.trim(),
    perTonneMinor: divideHalfUp(perTonne, toMinor),
    totalMinor: divideHalfUp(kg * perTonne, KG_PER_TONNE * toMinor),
  };
}

/**
 * Formats an exact decimal amount ("135.50", or a price string with more decimals) in a currency and
 * locale. Intl's string input keeps every digit; at least the currency's minor digits are shown.
 */
export function formatMoney(amount: string, currency: string, locale: string): string {
  const digits = currencyDigits(currency) ?? 2;
  const given = amount.split('.')[1]?.length ?? 0;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: Math.max(digits, Math.min(given, MAX_SCALE)),
  }).format(amount as Intl.StringNumericLiteral);
}
