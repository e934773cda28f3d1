import { formatter } from './formatter.js';

/** A percentage of `part` in `whole` (0–100 with one decimal), or undefined for an empty whole. */
export function sharePercent(part: bigint, whole: bigint): number | undefined {
  if (whole <= 0n) return undefined;
  return Number((part * 1000n) / whole) / 10;
}

/** Formats a fraction 0–100 as a percentage in the locale. */
export function formatPercent(percent: number, locale: string): string {
  return formatter(`p ${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(percent / 100);
}
