// What every fault test asks of an element after a fault: it settled, nothing escaped to the page,
// and its error state is readable. Shared by the fetch-level and the upstream fault suites.
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { errorKind } from './data-element-suite.js';
import { nextTask, settled, until, visibleText, type ElementSpec, type Escapes } from './elements.js';

/** Nothing escaped, and the element shows something a person can read. */
export async function expectContained(el: Element, escapes: Escapes): Promise<void> {
  expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
  expect(await visibleText(el), 'the element is blank').to.not.equal('');
  for (const args of escapes.warnings) expect(String(args[0])).to.contain(`<${el.localName}>`);
  expect((window as { __leaked?: unknown }).__leaked).to.equal(undefined);
}

/** The error state (the first match of `selector`) is readable: a kind, a title, and no raw exception text or markup. */
export function expectReadableError(el: Element, selector = '[part~="error"]'): HTMLElement {
  const box = el.shadowRoot!.querySelector<HTMLElement>(selector);
  expect(box, 'no error state').to.not.equal(null);
  expect(box!.getAttribute('data-error-kind')).to.be.a('string').and.not.equal('');
  const text = box!.innerText;
  expect(text.trim()).to.not.equal('');
  expect(text).to.not.match(/AbortError|TypeError|SyntaxError|\[object |undefined|<html|<!doctype/i);
  return box!;
}

export function retryButton(el: Element): HTMLButtonElement | null {
  return el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]');
}

/** Waits until the element shows data, an error or a fallback, and for queued rejections to surface. */
export async function settle(el: Element, spec: ElementSpec): Promise<void> {
  await until(() => settled(el) || errorKind(el as LitElement) !== null || spec.isLoaded(el), `<${spec.tag}> never settled`);
  await (el as LitElement).updateComplete;
  // Rejection notifications are queued as tasks; let them arrive before looking.
  await nextTask();
}
