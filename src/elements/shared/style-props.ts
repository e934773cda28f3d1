import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`style.setProperty`), never through a `style`
 * attribute. Lit's `styleMap` writes the attribute on first render, which a strict
 * Content-Security-Policy (`style-src` without 'unsafe-inline') blocks; CSSOM writes are allowed.
 * Use on an element: `<div ${styleProps({ '--_fill': '40%' })}>`.
 */
class StylePropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('styleProps() must be used in an element position.');
  }

  render(_properties: Readonly<Record<string, string | undefined>>): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [Readonly<Record<string, string | undefined>>]): typeof nothing {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in properties)) style.removeProperty(name);
    this.previous = new Set();
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) {
        style.removeProperty(name);
        continue;
      }
      style.setProperty(name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value);
      this.previous.add(name);
    }
    return nothing;
  }
}

export const styleProps = directive(StylePropsDirective);
