// A page that already defines one of our tags (its own element, before the kit loads) must not make
// the kit throw: the kit warns once, keeps the page's definition, and defines the rest.
// This file loads the kit itself, after the page's definition: it must not import any element module.
import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/data/config.js';
import { useFetchSpy } from '../support/data-element-suite.js';
import { ELEMENTS, until, watchEscapes } from '../support/elements.js';

class PageCounter extends HTMLElement {
  connectedCallback(): void {
    this.textContent = 'The page’s own counter';
  }
}

describe('a page that already defines one of our tags', () => {
  afterEach(() => configure({ fetch: undefined, endpoint: undefined }));

  it('keeps the page’s element, warns once naming the tag, and defines every other element', async () => {
    customElements.define('iso-impact-counter', PageCounter);
    const escapes = watchEscapes();
    try {
      await import('../../src/index.js');
    } finally {
      escapes.restore();
    }
    expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
    const ours = escapes.warnings.filter((args) => String(args[0]).includes('isometric-widgets'));
    expect(ours).to.have.length(1);
    expect(String(ours[0]![0])).to.contain('<iso-impact-counter>');

    expect(customElements.get('iso-impact-counter')).to.equal(PageCounter);
    const counter = await fixture<HTMLElement>(html`<iso-impact-counter organisation-id="org_13A3ZT7HN04698J6"></iso-impact-counter>`);
    expect(counter).to.be.instanceOf(PageCounter);
    expect(counter.shadowRoot).to.equal(null);
    expect(counter.textContent).to.equal('The page’s own counter');

    for (const spec of ELEMENTS.filter((candidate) => candidate.tag !== 'iso-impact-counter')) {
      expect(customElements.get(spec.tag), `<${spec.tag}> is not defined`).to.not.equal(undefined);
    }
  });

  it('survives a second copy of an element module, warning once', async () => {
    await import('../../src/index.js');
    const escapes = watchEscapes();
    try {
      // Another bundle on the page with its own copy of the element: a different module URL.
      const copy = new URL('../../src/elements/project-card/project-card.ts?second-copy', import.meta.url).href;
      await import(/* @vite-ignore */ copy);
      await import(/* @vite-ignore */ `${copy}-again`);
    } finally {
      escapes.restore();
    }
    expect(escapes.errors, escapes.errors.join('\n')).to.deep.equal([]);
    const ours = escapes.warnings.filter((args) => String(args[0]).includes('<iso-project-card>'));
    // Both copies share the kit's registration helper here, so the page hears about the tag once.
    expect(ours).to.have.length(1);
  });

  it('leaves the other elements working', async () => {
    await import('../../src/index.js');
    useFetchSpy();
    const card = ELEMENTS.find((spec) => spec.tag === 'iso-project-card')!;
    const el = await fixture<HTMLElement>(html`<div></div>`);
    el.innerHTML = `<iso-project-card project-id="${card.valid['project-id']}"></iso-project-card>`;
    await until(() => card.isLoaded(el.firstElementChild!), 'the project card did not load');
  });
});
