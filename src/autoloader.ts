/**
 * The autoloader: defines only the kit's elements a page uses. Load it instead of the full bundle,
 * `<script type="module" src=".../autoloader.js"></script>`; each `iso-*` tag in the document (now or
 * added later) loads its own module, `<name>.js` next to this file, with the chunks it shares.
 * Elements inside shadow roots are not seen by the document: pass the root to {@link discover}.
 * @module
 */
import { TAG_NAMES, type IsoTagName } from './generated/elements.js';
import type { IsoElementClass } from './ready.js';

export type { IsoTagName } from './generated/elements.js';
export type { IsoElementClass } from './ready.js';

const KNOWN: ReadonlySet<string> = new Set(TAG_NAMES);
// Read once: `new URL('./x.js', import.meta.url)` written inline would be taken by Vite for an asset.
const base = import.meta.url;
const loading = new Map<IsoTagName, Promise<void>>();
const watched = new WeakSet<Node>();
const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
  }
});

function isIsoTagName(tag: string): tag is IsoTagName {
  return KNOWN.has(tag);
}

function watch(root: Node): void {
  if (watched.has(root)) return;
  watched.add(root);
  observer.observe(root, { childList: true, subtree: true });
}

/** Loads the module that defines `<tag>`, once; a failed load is tried again next time. */
function load(tag: IsoTagName): Promise<void> {
  let pending = loading.get(tag);
  if (!pending) {
    pending = customElements.get(tag)
      ? Promise.resolve()
      : import(/* @vite-ignore */ new URL(`./${tag.slice('iso-'.length)}.js`, base).href).then(
          () => customElements.whenDefined(tag).then(() => undefined),
          (error: unknown) => {
            loading.delete(tag);
            throw error;
          },
        );
    loading.set(tag, pending);
    // Once every element of the kit is defined there is nothing left to find.
    void pending.then(() => {
      if (TAG_NAMES.every((name) => customElements.get(name))) observer.disconnect();
    }, () => undefined);
  }
  return pending;
}

/**
 * Defines the kit's elements below `root` (an element, a document or a shadow root; default the
 * document) and resolves once they are defined. A shadow root passed here is also watched for
 * elements added to it later.
 */
export function discover(root: ParentNode = document): Promise<void> {
  if (root instanceof ShadowRoot) watch(root);
  const tags = new Set<IsoTagName>();
  if (root instanceof Element && isIsoTagName(root.localName)) tags.add(root.localName);
  // `:not(:defined)` skips upgraded elements, so a page full of defined ones costs little.
  for (const element of root.querySelectorAll(':not(:defined)')) if (isIsoTagName(element.localName)) tags.add(element.localName);
  return Promise.all([...tags].map(load)).then(() => undefined);
}

/** Resolves with the element's class once `<tag>` is defined, loading its module if need be. */
export function whenDefined<T extends IsoTagName>(tag: T): Promise<IsoElementClass<T>> {
  if (!isIsoTagName(tag)) return Promise.reject(new TypeError(`isometric-widgets: <${String(tag)}> is not an element of the kit.`));
  return load(tag).then(() => customElements.get(tag) as IsoElementClass<T>);
}

watch(document.documentElement);

/** Resolves once the kit's elements in the document when the autoloader ran are defined; rejects if a module fails to load. */
export const ready: Promise<void> = discover();
