import type { Catalog } from './localize.js';

/**
 * Loads a translation for the one-file bundle (`dist/isometric-widgets.js`), which carries English
 * only: the other languages are JSON files in `i18n/` next to it, written by the bundle build, which
 * also puts each file's SRI hash into the call. A page pinned with `integrity` thus stays pinned: a
 * changed file is refused by the browser, and the element stays in English. The strings are data,
 * rendered as text; no code is loaded.
 */
export async function fetchTranslation(file: string, integrity: string): Promise<{ default: Catalog }> {
  const url = new URL(file, import.meta.url);
  const response = await fetch(url, { integrity, credentials: 'omit', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url.href} answered HTTP ${response.status}`);
  const strings: unknown = await response.json();
  if (typeof strings !== 'object' || strings === null || Array.isArray(strings) || !Object.values(strings).every((value) => typeof value === 'string')) {
    throw new TypeError(`${url.href} is not a table of strings`);
  }
  return { default: strings as Catalog };
}
