import { formatter } from './formatter.js';

const KG_PER_TONNE = 1000n;

function toBigInt(kgs: number | bigint | string): bigint {
  if (typeof kgs === 'bigint') return kgs;
  if (typeof kgs === 'number') return BigInt(Math.trunc(kgs));
  return BigInt(kgs);
}

/**
 * An exact decimal string of tonnes for a whole number of kilograms ("1234.567"), computed on
 * integers so large quantities never drift. `credit_kgs` is the source of truth (API-NOTES).
 */
export function kgsToTonnesString(kgs: number | bigint | string): string {
  const value = toBigInt(kgs);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / KG_PER_TONNE;
  const fraction = (abs % KG_PER_TONNE).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Kilograms of a quantity: `credit_kgs`, or `credits` × 1000 when an older payload lacks it (src/shared/claims.ts). */
export { kilograms as quantityKgs } from '../../shared/claims.js';

export type CreditUnit = 't' | 'kg';

/**
 * Formats kilograms of CO₂e for people: tonnes with up to three decimals, or kilograms, in the
 * given locale (`1,234.567 t`). Uses Intl's decimal-string input, so no float rounding happens.
 */
export function formatCredits(kgs: bigint, locale: string, unit: CreditUnit = 't', options: { maximumFractionDigits?: number } = {}): string {
  const value = unit === 't' ? kgsToTonnesString(kgs) : kgs.toString();
  const digits = unit === 't' ? (options.maximumFractionDigits ?? 3) : 0;
  const number = formatter(`n${digits} ${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(value as Intl.StringNumericLiteral);
  return `${number}\u00a0${unit}`;
}

/** A percentage of `part` in `whole` (0–100 with one decimal), or undefined for an empty whole. */
export function sharePercent(part: bigint, whole: bigint): number | undefined {
  if (whole <= 0n) return undefined;
  return Number((part * 1000n) / whole) / 10;
}

/** Formats a fraction 0–100 as a percentage in the locale. */
export function formatPercent(percent: number, locale: string): string {
  return formatter(`p ${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(percent / 100);
}

/** Formats an ISO date or date-time as a calendar date in the locale; unreadable input returns itself. */
export function formatDate(iso: string, locale: string, style: 'medium' | 'long' = 'medium'): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  const utc = iso.length === 10;
  return formatter(`d${style}${utc} ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: utc ? 'UTC' : undefined })).format(date);
}

/** "direct_air_capture" → "Direct air capture": the fallback label for enum values we do not know yet. */
export function humanize(value: string): string {
  const text = value.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * API text as a string for rendering, or undefined when the field is missing, empty or not a string.
 * Never pass an API value to a template unchecked: an object there could pose as a Lit template or
 * directive (`{"_$litType$": …}`), and `[object Object]` is no fallback either.
 */
export function apiText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A region's name in the locale from its ISO 3166-1 alpha-2 code (`GB`), or undefined when Intl has none. */
export function regionName(alpha2: string, locale: string): string | undefined {
  try {
    return formatter(`region ${locale}`, () => new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' })).of(alpha2);
  } catch {
    return undefined;
  }
}

/** Returns the URL when it is absolute http(s), else undefined: API links are followed only then. */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
