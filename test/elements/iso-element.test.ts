import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { html as litHtml, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { IsoLoadEvent } from '../../src/events/iso-load.js';
import { IsoCheckoutRedirectEvent } from '../../src/events/iso-checkout-redirect.js';
import { defineMessages } from '../../src/i18n/localize.js';
import { customElement } from '../../src/elements/shared/define.js';
import { IsoElement, type BaseWrapper } from '../../src/elements/shared/iso-element.js';
import { localeReady } from '../support/data-element-suite.js';

const messages = defineMessages({ label: 'Test element', greeting: 'Hello {name}' }, async (language) => ({
  default: language === 'de' ? { label: 'Testelement', greeting: 'Hallo {name}' } : { label: 'Élément de test', greeting: 'Bonjour {name}' },
}));

/** The smallest element on the base: it renders the wrapper and opens its protected members to the tests. */
@customElement('iso-test-base-element')
class IsoTestBaseElement extends IsoElement<typeof messages.en> {
  protected override readonly messages = messages;

  @property({ attribute: false }) wrapper: BaseWrapper = { tag: 'section', class: 'test', busy: false, label: 'Test element' };

  fire(event: IsoLoadEvent | IsoCheckoutRedirectEvent): boolean {
    return this.emit(event);
  }

  text(key: 'label' | 'greeting' | 'retry', params?: Record<string, string>): string {
    return this.t(key, params);
  }

  override render(): TemplateResult {
    return this.renderBase(this.wrapper, litHtml`<p class="test__body">${this.t('greeting', { name: 'Ada' })}</p>`);
  }
}

async function make(template = html`<iso-test-base-element></iso-test-base-element>`): Promise<IsoTestBaseElement> {
  const el = await fixture<IsoTestBaseElement>(template);
  await el.updateComplete;
  return el;
}

function base(el: IsoTestBaseElement): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
}

describe('IsoElement (on a test-only subclass)', () => {
  it('is accessible', async () => {
    const el = await make();
    await expect(el).to.be.accessible();
  });

  it('takes endpoint, locale and theme from attributes, and reflects only theme', async () => {
    const el = await make(html`<iso-test-base-element endpoint="https://example.com/api" locale="de-CH" theme="dark"></iso-test-base-element>`);
    expect(el.endpoint).to.equal('https://example.com/api');
    expect(el.locale).to.equal('de-CH');
    expect(el.theme).to.equal('dark');

    el.theme = 'light';
    el.endpoint = '/other';
    el.locale = 'fr';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    expect(el.getAttribute('endpoint')).to.equal('https://example.com/api');
    expect(el.getAttribute('locale')).to.equal('de-CH');

    el.theme = undefined;
    await el.updateComplete;
    expect(el.hasAttribute('theme')).to.equal(false);
  });

  it('defaults endpoint and locale to null and theme to unset', async () => {
    const el = await make();
    expect(el.endpoint).to.equal(null);
    expect(el.locale).to.equal(null);
    expect(el.theme).to.equal(undefined);
  });

  it('emits events that bubble out of shadow roots and returns the dispatch result', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('iso-test-base-element') as IsoTestBaseElement;
    root.append(el);
    await el.updateComplete;

    setTimeout(() => el.fire(new IsoLoadEvent('iso-test-base-element')));
    const event = await oneEvent(host, 'iso-load');
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({ source: 'iso-test-base-element' });
    expect(el.fire(new IsoLoadEvent('iso-test-base-element'))).to.equal(true);

    const cancel = (e: Event) => e.preventDefault();
    host.addEventListener('iso-checkout-redirect', cancel);
    expect(el.fire(new IsoCheckoutRedirectEvent('https://checkout.stripe.com/c/pay/x'))).to.equal(false);
    host.removeEventListener('iso-checkout-redirect', cancel);
  });

  it('renders one part="base" wrapper with aria-busy, aria-label, lang and dir', async () => {
    const el = await make(html`<iso-test-base-element locale="de"></iso-test-base-element>`);
    const wrapper = base(el);
    expect(el.shadowRoot!.querySelectorAll('[part~="base"]')).to.have.length(1);
    expect(wrapper.localName).to.equal('section');
    expect(wrapper.getAttribute('aria-busy')).to.equal('false');
    expect(wrapper.getAttribute('aria-label')).to.equal('Test element');
    expect(wrapper.getAttribute('lang')).to.equal('de');
    expect(wrapper.getAttribute('dir')).to.equal('ltr');
    expect([...wrapper.classList]).to.deep.equal(['test']);

    el.locale = 'ar-EG';
    await el.updateComplete;
    expect(base(el).getAttribute('lang')).to.equal('ar-EG');
    expect(base(el).getAttribute('dir')).to.equal('rtl');

    el.locale = null;
    await el.updateComplete;
    expect(base(el).hasAttribute('lang')).to.equal(false);
  });

  it('renders the wrapper element each element asks for, busy with its skeletons pulsing', async () => {
    const el = await make();
    for (const tag of ['article', 'section', 'div'] as const) {
      el.wrapper = { tag, class: 'test test--mod', busy: true };
      await el.updateComplete;
      const wrapper = base(el);
      expect(wrapper.localName).to.equal(tag);
      expect(wrapper.getAttribute('aria-busy')).to.equal('true');
      expect(wrapper.hasAttribute('aria-label')).to.equal(false);
      expect([...wrapper.classList]).to.deep.equal(['test', 'test--mod', 'skeletons']);
      expect(wrapper.querySelector('.test__body')).to.not.equal(null);
    }
    el.wrapper = { tag: 'section', class: 'test', busy: true, skeletons: false };
    await el.updateComplete;
    expect([...base(el).classList]).to.deep.equal(['test']);
    el.wrapper = { tag: 'section', class: 'test', busy: false, skeletons: true };
    await el.updateComplete;
    expect([...base(el).classList]).to.deep.equal(['test', 'skeletons']);
    expect(base(el).getAttribute('aria-busy')).to.equal('false');
  });

  it('translates from its own catalog, then the common one', async () => {
    const el = await make();
    expect(el.text('greeting', { name: 'Ada' })).to.equal('Hello Ada');
    expect(el.text('retry')).to.equal('Try again');

    el.locale = 'de';
    await el.updateComplete;
    el.text('retry');
    await localeReady(el);
    expect(el.shadowRoot!.querySelector('.test__body')!.textContent).to.equal('Hallo Ada');
    expect(el.text('retry')).to.equal('Erneut versuchen');
  });

  it('carries the shared styles: the page cannot reach into the base', async () => {
    const el = await make(html`<iso-test-base-element style="line-height: 0; letter-spacing: 9px"></iso-test-base-element>`);
    const style = getComputedStyle(base(el));
    expect(style.letterSpacing).to.equal('normal');
    expect(style.boxSizing).to.equal('border-box');
    expect(IsoTestBaseElement.elementStyles.length).to.be.at.least(IsoElement.styles.length);
  });
});
