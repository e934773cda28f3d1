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

/** A figure a page claims, rounded for reading, and the exact figure it was rounded from. */
export interface ClaimFigure {
  /** The figure for reading (`1,974 t`, `988.2 Mt`), never more than the records support. */
  text: string;
  /** The exact figure (`1,974.212 t`), in kilograms' precision. */
  exact: string;
  /** Whether `text` drops digits that `exact` has. */
  rounded: boolean;
}

const MEGATONNE_KG = 1_000_000_000n;
const GIGATONNE_KG = 1_000_000_000_000n;

/** `value` (a decimal string of tonnes from kgsToTonnesString) cut to `digits` decimals: toward zero, never up. */
function truncate(value: string, digits: number): string {
  const [whole, fraction = ''] = value.split('.');
  return digits > 0 ? `${whole}.${fraction.slice(0, digits)}` : (whole ?? '0');
}

/**
 * Kilograms of CO₂e as a claim a person reads (docs/claims.md, "How figures are rounded"): the
 * precision follows the magnitude, and every cut is toward zero, so a figure never claims more than
 * the records hold. In tonnes: under 10 t three decimals (kilograms), under 1,000 t one decimal,
 * under 1 Mt whole tonnes, from 1 Mt megatonnes (`Mt`) and from 1 Gt gigatonnes (`Gt`) with one
 * decimal. In kilograms (`unit: 'kg'`): whole kilograms, exact. The exact figure comes with it, for
 * the provenance note, a title and print.
 */
export function formatClaim(kgs: bigint, locale: string, unit: CreditUnit = 't'): ClaimFigure {
  const exact = formatCredits(kgs, locale, unit);
  if (unit === 'kg') return { text: exact, exact, rounded: false };
  const abs = kgs < 0n ? -kgs : kgs;
  let scaled = kgs;
  let symbol = 't';
  let digits = 0;
  if (abs >= GIGATONNE_KG) [scaled, symbol, digits] = [kgs / 1_000_000n, 'Gt', 1];
  else if (abs >= MEGATONNE_KG) [scaled, symbol, digits] = [kgs / 1000n, 'Mt', 1];
  else if (abs < 10_000n) digits = 3;
  else if (abs < 1_000_000n) digits = 1;
  // kgsToTonnesString divides by 1000 again: kg → t, t → kt… so scale once more for Mt and Gt.
  const tonnes = truncate(kgsToTonnesString(symbol === 't' ? kgs : scaled / 1000n), digits);
  const number = formatter(`n${digits} ${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(tonnes as Intl.StringNumericLiteral);
  const text = `${number}\u00a0${symbol}`;
  return { text, exact, rounded: text !== exact };
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
