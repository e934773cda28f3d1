import type { IsoElementTagNameMap } from './generated/attributes.js';
import type { IsoTagName } from './generated/elements.js';

export type { IsoTagName } from './generated/elements.js';

/** The class of a kit element, from its tag name. */
export type IsoElementClass<T extends IsoTagName> = { new (): IsoElementTagNameMap[T] };

/**
 * Resolves with the element's class once `<tag>` is defined: at once when the kit is loaded.
 * For pages that script the elements: `await whenDefined('iso-project-card')` before using one.
 */
export function whenDefined<T extends IsoTagName>(tag: T): Promise<IsoElementClass<T>> {
  return customElements.whenDefined(tag) as Promise<IsoElementClass<T>>;
}

/**
 * Resolves once the kit's elements are defined. The full bundle defines every element as it runs,
 * so this is resolved by the time a page's script can read it; the autoloader exports its own
 * `ready`, which waits for the modules it loads.
 */
export const ready: Promise<void> = Promise.resolve();
