import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The languages every element ships strings for. English is the source and the fallback. */
export const LANGUAGES = ['en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A message catalog: English strings keyed by id; `{name}` marks a parameter. */
export type Catalog = Readonly<Record<string, string>>;

/** An element's messages in every shipped language; the type makes a missing translation a compile error. */
export type Messages<C extends Catalog> = { readonly en: C } & { readonly [L in Exclude<Language, 'en'>]: { readonly [K in keyof C]: string } };

/** Declares a catalog with its translations. */
export function defineMessages<const C extends Catalog>(messages: Messages<C>): Messages<C> {
  return messages;
}

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

function canonical(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

/**
 * Resolves an element's locale (its `locale` property, else the nearest `lang` up the tree, else the
 * document's, else the browser's) and looks up its strings. Numbers and dates use the full locale;
 * strings use its language when shipped, else English.
 */
export class LocaleController implements ReactiveController {
  private readonly host: LocaleHost;

  constructor(host: LocaleHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    watchLang();
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** The BCP 47 locale for `Intl` formatting. */
  get locale(): string {
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
    const template = messages[this.language][key] ?? messages.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  }
}
