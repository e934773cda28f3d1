import type { CreditQuantity } from './types.js';

/** A `CreditQuantity` from integer kilograms: `credits` is tonnes, always `credit_kgs / 1000` to 3 decimals. */
export function quantity(kg: number): CreditQuantity {
  return { credits: Math.round(kg) / 1000, credit_kgs: Math.round(kg) };
}

/** Sums integer kilograms; the only arithmetic done on quantities (never on `credits`). */
export function sumKg<T>(items: Iterable<T>, kgOf: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += kgOf(item);
  return total;
}

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch for an ISO date or date-time. */
export function toMs(iso: string): number {
  return Date.parse(iso);
}

/** `2026-06-30T12:00:00Z`: second precision, always UTC, so strings sort like the instants they name. */
export function isoDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2026-06-30`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

/** Adds calendar months in UTC, clamping the day (31 January + 1 month = 28/29 February). */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}
