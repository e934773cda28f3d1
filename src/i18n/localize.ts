import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { regionName } from '../data/format.js';
import { fillTemplate } from '../shared/template.js';

/**
 * The languages every element ships strings for. English is the source and the fallback. Arabic is
 * right to left; its figures use the digits `Intl` gives the locale: Latin for `ar` (CLDR's default
 * since v42, what most Arabic sites and the API's own identifiers use), Arabic-Indic for regional
 * locales such as `ar-EG` or `ar-SA`, and whichever `-u-nu-` asks for (`ar-u-nu-arab`).
 */
export const LANGUAGES = ['en', 'de', 'fr', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A message catalog: English strings keyed by id; `{name}` marks a parameter. */
export type Catalog = Readonly<Record<string, string>>;

/** The languages loaded on demand. */
export type Translated = Exclude<Language, 'en'>;

/** A translation of catalog `C`: every key and no other. Declare one with `satisfies Translation<typeof en>`. */
export type Translation<C extends Catalog> = { readonly [K in keyof C]: string };

/**
 * An element's messages: the English catalog, inline, and a loader for the other languages, each a
 * module of its own that a page downloads only when an element shows that language. The loader's
 * type makes a missing translation a compile error.
 */
export interface Messages<C extends Catalog> {
  readonly en: C;
  readonly load: (language: Translated) => Promise<{ readonly default: Translation<C> }>;
}

/** Declares a catalog: its English strings and the dynamic import of each translation. */
export function defineMessages<const C extends Catalog>(en: C, load: Messages<C>['load']): Messages<C> {
  return { en, load };
}

/** Per catalog and language: the loaded strings, the pending load, or `false` when it failed. */
const translations = new WeakMap<Messages<Catalog>, Map<Translated, Catalog | Promise<void> | false>>();
const loading = new Set<Promise<void>>();
let warned = false;

/** Resolves once every translation asked for so far has loaded or failed; elements waiting for one have then been asked to render again. */
export async function translationsLoaded(): Promise<void> {
  while (loading.size > 0) await Promise.all(loading);
}

/** Counts a load in `translationsLoaded` until it settles. */
function track(pending: Promise<void>): Promise<void> {
  loading.add(pending);
  void pending.then(() => loading.delete(pending));
  return pending;
}

/** ISO 3166-1 alpha-3 → alpha-2, the loaded table or its pending load; a chunk of its own, loaded by the first element that names a country. */
let countryCodes: ReadonlyMap<string, string> | Promise<void> | undefined;

function countryTable(): ReadonlyMap<string, string> | Promise<void> {
  countryCodes ??= track(
    import('../generated/countries.js').then(
      ({ default: { codes } }) => {
        const table = new Map<string, string>();
        for (let i = 0; i < codes.length; i += 5) table.set(codes.slice(i, i + 3), codes.slice(i + 3, i + 5));
        countryCodes = table;
      },
      // Offline, or a blocked chunk: codes and the API's English names are shown instead.
      () => void (countryCodes = new Map()),
    ),
  );
  return countryCodes;
}

/** The strings of `messages` in `language`, starting their load the first time they are asked for. */
function translation(messages: Messages<Catalog>, language: Translated): Catalog | Promise<void> | false {
  let byLanguage = translations.get(messages);
  if (!byLanguage) translations.set(messages, (byLanguage = new Map()));
  const known = byLanguage.get(language);
  if (known !== undefined) return known;
  const languages = byLanguage;
  // A failed load (offline, a blocked chunk, a CSP) leaves the element in English; it never throws.
  const pending = Promise.resolve()
    .then(() => messages.load(language))
    .then(
      (module) => void languages.set(language, module.default),
      (error: unknown) => {
        languages.set(language, false);
        if (!warned) {
          warned = true;
          console.warn(`isometric-widgets: could not load the "${language}" strings; showing English. [iso-locale-load]`, error);
        }
      },
    );
  languages.set(language, pending);
  return track(pending);
}

/** Unicode LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE. */
const LRI = '\u2066';
const PDI = '\u2069';

const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** A host that can name its own locale. */
export type LocaleHost = ReactiveControllerHost & HTMLElement & { locale?: string | null };

const hosts = new Set<LocaleHost>();
let observer: MutationObserver | undefined;

/** Re-renders every localised element when a `lang` changes anywhere in the light DOM. */
function watchLang(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const host of hosts) host.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

const canonicalTags = new Map<string, string | undefined>();

/** The canonical form of a language tag, or undefined when it is not one; remembered, as every string of a render asks. */
function canonical(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  if (canonicalTags.has(tag)) return canonicalTags.get(tag);
  let result: string | undefined;
  try {
    result = Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    result = undefined;
  }
  if (canonicalTags.size < 100) canonicalTags.set(tag, result);
  return result;
}

/**
 * Resolves an element's locale (its `locale` property, else the nearest `lang` up the tree, else the
 * document's, else the browser's) and looks up its strings. Numbers and dates use the full locale;
 * strings use its language when shipped, else English. A translation loads the first time an element
 * asks for it; the element shows English until then and renders again when it arrives.
 */
export class LocaleController implements ReactiveController {
  private readonly host: LocaleHost;
  private readonly pending = new Set<Promise<void>>();
  /** A translation arrived while the host was out of the document. */
  private missed = false;
  /** The locale, resolved once per update: a render asks for it with every string. */
  private resolved: string | undefined;

  constructor(host: LocaleHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.resolved = undefined;
    hosts.add(this.host);
    watchLang();
    if (this.missed) {
      this.missed = false;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  hostUpdate(): void {
    // A `lang` or `locale` change requests an update, so each render resolves the locale afresh.
    this.resolved = undefined;
  }

  /** The BCP 47 locale for `Intl` formatting. */
  get locale(): string {
    return (this.resolved ??= this.resolve());
  }

  private resolve(): string {
    const root = this.host.getRootNode();
    const fromTree = this.host.closest('[lang]')?.getAttribute('lang') ?? (root instanceof ShadowRoot ? root.host.closest('[lang]')?.getAttribute('lang') : undefined);
    return (
      canonical(this.host.locale) ??
      canonical(fromTree) ??
      canonical(document.documentElement.lang) ??
      canonical(typeof navigator === 'undefined' ? undefined : navigator.language) ??
      'en'
    );
  }

  /** The language whose strings are shown. */
  get language(): Language {
    const primary = this.locale.split('-')[0]?.toLowerCase() ?? 'en';
    return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : 'en';
  }

  /** Text direction of the locale. */
  get dir(): 'ltr' | 'rtl' {
    return RTL_LANGUAGES.has(this.locale.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
  }

  /** The message `key` in the element's language, with `{name}` parameters filled in. */
  t<C extends Catalog>(messages: Messages<C>, key: keyof C & string, params: Readonly<Record<string, string | number>> = {}): string {
    const language = this.language;
    let catalog: Catalog = messages.en;
    if (language !== 'en') {
      const strings = translation(messages as unknown as Messages<Catalog>, language);
      if (strings instanceof Promise) this.wait(strings);
      else if (strings) catalog = strings;
    }
    const translated = catalog !== messages.en ? catalog[key] : undefined;
    const text = fillTemplate(translated ?? messages.en[key] ?? key, params);
    // English shown in a right-to-left layout (a language we have no strings for, or Arabic before its
    // strings arrive): isolate it as left-to-right, or the bidi algorithm moves its figures
    // ("t 3,791.489", "retirements 61"). A translation is written for its own direction.
    return translated === undefined ? this.ltr(text) : text;
  }

  /**
   * A country named by its ISO 3166-1 alpha-3 code (`GBR`) in the element's language: `Vereinigtes
   * Königreich`. `name`, the API's English name, is shown as it is on English pages and, like the
   * code without one, until the code table has loaded; anything but a known code stays as it is.
   */
  country(alpha3: string, name?: string): string {
    if ((name && this.language === 'en') || !/^[A-Za-z]{3}$/.test(alpha3)) return name ?? alpha3;
    const table = countryTable();
    if (table instanceof Promise) {
      this.wait(table);
      return name ?? alpha3;
    }
    const alpha2 = table.get(alpha3.toUpperCase());
    return (alpha2 && regionName(alpha2, this.locale)) || name || alpha3;
  }

  /** Isolates left-to-right text (a figure with a Latin unit) inside a right-to-left layout. */
  ltr(text: string): string {
    return this.dir === 'rtl' ? `${LRI}${text}${PDI}` : text;
  }

  /** Renders the host again when a translation it asked for arrives. */
  private wait(strings: Promise<void>): void {
    if (this.pending.has(strings)) return;
    this.pending.add(strings);
    void strings.then(() => {
      this.pending.delete(strings);
      // A removed element renders again when it comes back, like one that missed a `lang` change.
      if (hosts.has(this.host)) this.host.requestUpdate();
      else this.missed = true;
    });
  }
}
