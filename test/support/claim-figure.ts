/**
 * A figure as the kit rounds it for reading (docs/claims.md, "How figures are rounded"), written
 * apart from src/data/format so a test compares two implementations of the rule: under 10 t three
 * decimals, under 1,000 t one, under 1 Mt whole tonnes, then Mt and Gt with one decimal; always cut
 * toward zero. With a no-break space before the unit.
 */
export function claimTonnes(kg: bigint | number, locale = 'en-US'): string {
  const value = BigInt(kg);
  const [unitKg, symbol, digits] =
    value >= 10n ** 12n ? [10n ** 12n, 'Gt', 1] : value >= 10n ** 9n ? [10n ** 9n, 'Mt', 1] : value >= 10n ** 6n ? [1000n, 't', 0] : value >= 10n ** 4n ? [1000n, 't', 1] : [1000n, 't', 3];
  const scale = 10n ** BigInt(digits);
  const cut = (value * scale) / unitKg;
  const decimal = digits === 0 ? `${cut}` : `${cut / scale}.${(cut % scale).toString().padStart(digits, '0')}`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(decimal as Intl.StringNumericLiteral)}\u00a0${symbol}`;
}
