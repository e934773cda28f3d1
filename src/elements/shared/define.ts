const warned = new Set<string>();

/**
 * Registers a custom element unless the tag is already taken (a second copy of the kit on the page,
 * or the page's own element): then it warns once and keeps the first definition instead of throwing
 * `NotSupportedError`. Use as a class decorator in place of Lit's `@customElement`.
 */
export function customElement(tag: string) {
  return (constructor: CustomElementConstructor): void => {
    if (customElements.get(tag)) {
      if (!warned.has(tag)) {
        warned.add(tag);
        console.warn(`isometric-widgets: <${tag}> is already defined on this page; keeping the first definition.`);
      }
      return;
    }
    customElements.define(tag, constructor);
  };
}
