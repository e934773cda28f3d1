import { LitElement, html, nothing, type CSSResultArray, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { common } from '../../i18n/common.js';
import { LocaleController, type Catalog, type Messages } from '../../i18n/localize.js';
import { themeStyles } from '../../themes/tokens.js';
import { decorationIsolationStyles, isolationStyles } from './isolation.styles.js';
import { statusStyles } from './status.styles.js';

/** A key of the common catalog (states, retry, the API's enum labels). */
type CommonKey = keyof (typeof common)['en'] & string;

/** The kit's own events (src/events/): `iso-` names declared in `GlobalEventHandlersEventMap`. */
export type IsoEvent = GlobalEventHandlersEventMap[Extract<keyof GlobalEventHandlersEventMap, `iso-${string}`>];

/** How an element's `part="base"` wrapper looks: each element keeps the element it has always rendered. */
export interface BaseWrapper {
  /** The wrapper element. */
  tag: 'article' | 'section' | 'div';
  /** Its class: the element's block name and any modifiers (`feed feed--compact`). */
  class: string;
  /** Loading: sets `aria-busy`. */
  busy: boolean;
  /** Adds the `skeletons` class, whose blocks pulse as one; defaults to `busy`. */
  skeletons?: boolean;
  /** The wrapper's accessible name. */
  label?: string;
}

/**
 * What every `iso-*` element has: the `endpoint`, `locale` and `theme` properties, localisation
 * (`t()`), `emit()` for its events, the shared styles and the `part="base"` wrapper. Like Shoelace's
 * `ShoelaceElement`, it is the one level of inheritance; behaviour that varies goes into controllers.
 *
 * `C` is the element's message catalog, which it names in `messages`.
 */
export class IsoElement<C extends Catalog = Catalog> extends LitElement {
  /** Tokens, isolation from the page, and the error and skeleton states. Subclasses list them first: `[IsoElement.styles, styles]`. */
  static override styles: CSSResultArray = [themeStyles, isolationStyles, decorationIsolationStyles, statusStyles];

  protected readonly i18n = new LocaleController(this);

  /** The element's own strings, which `t()` looks up before the common ones. */
  protected readonly messages: Messages<C> | undefined;

  /** Base URL of the isometric-widgets proxy for this element; defaults to the page's `<meta name="iso-endpoint">` or `configure()`. */
  @property() endpoint: string | null = null;

  /** BCP 47 locale for text, numbers and dates; defaults to the nearest `lang` attribute, then the browser's. */
  @property() locale: string | null = null;

  /** Colour scheme: `light`, `dark`, or unset to follow the page's `color-scheme` (a page that declares `light dark` follows the visitor's `prefers-color-scheme`). */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /**
   * Dispatches one of the element's events and returns `false` when a listener cancelled it. The
   * class JSDoc documents them; the manifest analyzer would otherwise take the first constructor
   * argument of `this.dispatchEvent(new X(…))` for a name.
   */
  protected emit(event: IsoEvent): boolean {
    return this.dispatchEvent(event);
  }

  /** The string `key` of the element's catalog, else of the common one, in the element's language with `{name}` parameters filled in. */
  protected t(key: (keyof C & string) | CommonKey, params?: Readonly<Record<string, string | number>>): string {
    const own = this.messages;
    return own && key in own.en ? this.i18n.t(own, key, params) : this.i18n.t(common, key as CommonKey, params);
  }

  /** The `part="base"` wrapper around `content`, with `aria-busy`, `lang` and `dir` from the element's state and locale. */
  protected renderBase(wrapper: BaseWrapper, content: unknown): TemplateResult {
    const className = (wrapper.skeletons ?? wrapper.busy) ? `${wrapper.class} skeletons` : wrapper.class;
    const busy = wrapper.busy ? 'true' : 'false';
    const label = wrapper.label ?? nothing;
    const lang = this.locale ?? nothing;
    const dir = this.i18n.dir;
    // Three templates rather than lit/static-html for one dynamic tag name: smaller, and no unsafe tag.
    switch (wrapper.tag) {
      case 'article':
        return html`<article part="base" class=${className} aria-busy=${busy} aria-label=${label} lang=${lang} dir=${dir}>${content}</article>`;
      case 'section':
        return html`<section part="base" class=${className} aria-busy=${busy} aria-label=${label} lang=${lang} dir=${dir}>${content}</section>`;
      default:
        return html`<div part="base" class=${className} aria-busy=${busy} aria-label=${label} lang=${lang} dir=${dir}>${content}</div>`;
    }
  }
}
