// A test oracle for country names that does not use the kit's code table: Intl alone, in Node and the browser.

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const REGIONS = LETTERS.flatMap((a) => LETTERS.map((b) => `${a}${b}`));

/** The name Intl gives, in `locale`, to the region Intl calls `englishName` in English; throws when no region is called that. */
export function regionNamed(englishName: string | undefined, locale: string): string {
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  const region = REGIONS.find((code) => english.of(code) === englishName);
  if (!region) throw new Error(`Intl has no region called ${String(englishName)} in English`);
  return new Intl.DisplayNames([locale], { type: 'region' }).of(region)!;
}
