import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/impact-counter/impact-counter.js';
import type { IsoImpactCounter } from '../../src/elements/impact-counter/impact-counter.js';
import { configure } from '../../src/data/config.js';
import type { Organisation, OrganisationCreditBalance, Project, Supplier } from '../../src/data/types.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';
import { dataElementSuite, errorKind, localeReady, holdResponses, useFetchSpy, type FetchSpy } from '../support/data-element-suite.js';

async function get<T>(path: string): Promise<T> {
  return (await (await window.fetch(`/api${path}`)).json()) as T;
}

function figure(el: IsoImpactCounter): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>('[data-figure="retired"]') ?? null;
}

function loaded(el: IsoImpactCounter): boolean {
  return figure(el) !== null;
}

function text(root: Element | ShadowRoot | null | undefined, selector: string): string {
  // Collapses layout whitespace only: formatted figures keep their no-break spaces.
  return root?.querySelector(selector)?.textContent?.replace(/[ \t\n\r]+/g, ' ').trim() ?? '';
}

function tonnes(kg: number, locale = 'en-US'): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(kg / 1000)}\u00a0t`;
}

/** The kilograms a figure shows, read back from its en-US text ("1,234.567 t"). */
function shownKg(el: IsoImpactCounter): number {
  const raw = figure(el)!.textContent!.replace(/[^\d.]/g, '');
  return Math.round(Number(raw) * 1000);
}

function paths(spy: FetchSpy): string[] {
  return spy.requests.map((r) => new URL(r.url).pathname.replace(/^\/api/, ''));
}

function frames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(count);
  });
}

describe('<iso-impact-counter>', () => {
  let balance: OrganisationCreditBalance;
  let organisation: Organisation;
  let warn: typeof console.warn;
  beforeEach(async () => {
    // Fresh each time: the live-feed tests may add a retirement to the shared local registry.
    balance = await get<OrganisationCreditBalance>(`/organisations/${SAMPLE_IDS.organisation}/credit_balance`);
    organisation = await get<Organisation>(`/organisations/${SAMPLE_IDS.organisation}`);
    // Failing elements warn on the console; tests keep them out of the log.
    warn = console.warn;
    console.warn = () => {};
    // Most tests look at final figures; the count-up has tests of its own.
    await emulateMedia({ reducedMotion: 'reduce' });
  });
  afterEach(async () => {
    console.warn = warn;
    configure({ fetch: undefined, endpoint: undefined });
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('is accessible once loaded', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} show-active breakdown="supplier"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 3000 });
    await expect(el).to.be.accessible();
  });

  it('is accessible while loading and in the error state', async () => {
    const spy = useFetchSpy();
    spy.respond = () => new Promise(() => {});
    const loading = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="project" show-active></iso-impact-counter>`);
    await expect(loading).to.be.accessible();
    loading.remove();
    const invalid = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id="acme"></iso-impact-counter>`);
    await waitUntil(() => errorKind(invalid) === 'invalid-input');
    await expect(invalid).to.be.accessible();
  });

  it('shows the retired credits as a headline with the organisation name as caption', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el));
    const retired = balance.total.retired_credits_total.credit_kgs;
    expect(text(el.shadowRoot, '[part="headline"] .visually-hidden')).to.equal(tonnes(retired));
    expect(figure(el)!.textContent).to.equal(tonnes(retired));
    expect(figure(el)!.getAttribute('data-kg')).to.equal(String(retired));
    expect(text(el.shadowRoot, '.counter__text')).to.equal('CO₂e permanently removed');
    expect(text(el.shadowRoot, '[part="caption"]')).to.equal(organisation.name);
    expect(el.shadowRoot!.querySelector('[part="caption"]')!.getAttribute('dir')).to.equal('auto');
    expect(el.shadowRoot!.querySelector('[part="active"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="breakdown"]')).to.equal(null);
  });

  it('shows the final figure at once under prefers-reduced-motion: reduce', async () => {
    useFetchSpy();
    // Listening before the first update: a cached balance can load before an awaited fixture returns.
    const el = fixtureSync<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await oneEvent(el, 'iso-load');
    expect(shownKg(el)).to.equal(balance.total.retired_credits_total.credit_kgs);
  });

  it('counts up in whole kilograms the first time it is seen', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    useFetchSpy();
    // Listening before the first update: a cached balance can load before an awaited fixture returns.
    const el = fixtureSync<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await oneEvent(el, 'iso-load');
    const final = balance.total.retired_credits_total.credit_kgs;
    const seen: number[] = [shownKg(el)];
    const observer = new MutationObserver(() => seen.push(shownKg(el)));
    observer.observe(figure(el)!, { characterData: true, childList: true, subtree: true });
    await waitUntil(() => shownKg(el) === final, 'did not reach the final figure', { timeout: 4000 });
    observer.disconnect();
    expect(seen[0]).to.equal(0);
    expect(seen.length).to.be.greaterThan(2);
    for (const [index, value] of seen.entries()) {
      expect(Number.isInteger(value)).to.equal(true);
      expect(value).to.be.at.most(final);
      if (index > 0) expect(value).to.be.at.least(seen[index - 1]!);
    }
    // The screen-reader text never counts: it holds the final value from the start.
    expect(text(el.shadowRoot, '[part="headline"] .visually-hidden')).to.equal(tonnes(final));
    expect(el.shadowRoot!.querySelector('[part="figure"]')!.getAttribute('aria-hidden')).to.equal('true');
  });

  it('waits until it is scrolled into view before counting', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    useFetchSpy();
    const container = fixtureSync<HTMLDivElement>(html`<div>
      <div style="height: 300vh"></div>
      <iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>
    </div>`);
    const el = container.querySelector('iso-impact-counter')!;
    await oneEvent(el, 'iso-load');
    await frames(5);
    expect(shownKg(el)).to.equal(0);
    el.scrollIntoView();
    await waitUntil(() => shownKg(el) === balance.total.retired_credits_total.credit_kgs, 'did not count after scrolling', { timeout: 4000 });
    window.scrollTo(0, 0);
  });

  it('shows the active balance with show-active and kilograms with unit="kg"', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} show-active unit="kg" locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el));
    const kg = (value: number) => `${new Intl.NumberFormat('en-US').format(value)}\u00a0kg`;
    expect(figure(el)!.textContent).to.equal(kg(balance.total.retired_credits_total.credit_kgs));
    expect(text(el.shadowRoot, '[data-figure="active"]')).to.equal(`${kg(balance.total.active_credits_total.credit_kgs)} CO₂e`);
    expect(text(el.shadowRoot, '.counter__active-label')).to.equal('Active balance');
  });

  it('breaks down by supplier, loading each supplier name once', async () => {
    const spy = useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="supplier" locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 3000 });
    const supplierIds = [...new Set(balance.supplier_balances.map((b) => b.supplier_id))];
    expect(supplierIds.length).to.be.greaterThan(1);
    for (const id of supplierIds) expect(paths(spy).filter((p) => p === `/suppliers/${id}`)).to.have.length(1);
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part="breakdown"] tbody tr')];
    expect(rows).to.have.length(supplierIds.length);
    const kgs = rows.map((row) => Number(row.dataset.kg));
    expect(kgs).to.deep.equal([...kgs].sort((a, b) => b - a));
    const top = balance.supplier_balances.find((b) => b.supplier_id === rows[0]!.dataset.id)!;
    const supplier = await get<Supplier>(`/suppliers/${top.supplier_id}`);
    expect(text(rows[0], 'th')).to.equal(supplier.organisation.name);
    expect(text(rows[0], '.breakdown__value')).to.equal(tonnes(top.total.retired_credits_total.credit_kgs));
    expect(text(el.shadowRoot, '[part="breakdown"] caption')).to.equal('Retired credits by supplier');
  });

  it('breaks down by project through the project cache key the project card uses', async () => {
    const spy = useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="project" show-active></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 3000 });
    const projectIds = [...new Set(balance.project_balances.map((b) => b.project_id))];
    for (const id of projectIds) expect(paths(spy).filter((p) => p === `/projects/${id}`)).to.have.length(1);
    const first = el.shadowRoot!.querySelector<HTMLTableRowElement>('[part="breakdown"] tbody tr')!;
    const project = await get<Project>(`/projects/${first.dataset.id}`);
    expect(text(first, 'th')).to.equal(project.name);
    expect(first.querySelectorAll('td')).to.have.length(2);
    expect(el.shadowRoot!.querySelectorAll('[part="breakdown"] thead th')).to.have.length(3);
  });

  it('uses names the balance already carries instead of requesting them', async () => {
    const spy = useFetchSpy();
    spy.respond = async (request) => {
      if (!new URL(request.url).pathname.endsWith('/credit_balance')) return window.fetch(request);
      return Response.json({ ...balance, supplier_balances: balance.supplier_balances.map((b, i) => ({ ...b, supplier_name: `Named supplier ${i}` })) });
    };
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="supplier"></iso-impact-counter>`);
    await waitUntil(() => loaded(el));
    expect(paths(spy).filter((p) => p.startsWith('/suppliers/'))).to.have.length(0);
    expect(text(el.shadowRoot, '[part="breakdown"] tbody th')).to.match(/^Named supplier \d$/);
  });

  it('refuses an unknown breakdown before any request', async () => {
    const spy = useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="country"></iso-impact-counter>`);
    await waitUntil(() => errorKind(el) === 'invalid-input');
    expect(text(el.shadowRoot, '[part="error"]')).to.contain('The "breakdown" attribute must be one of "supplier", "project"; got "country".');
    expect(spy.requests).to.have.length(0);
  });

  it('refuses an unknown unit before any request, and takes a removed unit as tonnes', async () => {
    const spy = useFetchSpy();
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} unit="lbs"></iso-impact-counter>`);
      await waitUntil(() => errorKind(el) === 'invalid-input');
      expect(text(el.shadowRoot, '[part="error"]')).to.contain('The "unit" attribute must be one of "t", "kg"; got "lbs".');
      expect(spy.requests).to.have.length(0);
      expect(warnings.flat().join(' ')).to.contain('"unit"');
      el.removeAttribute('unit');
      await waitUntil(() => loaded(el), 'no unit did not load');
      expect(figure(el)!.dataset.kg).to.equal(String(balance.total.retired_credits_total.credit_kgs));
      expect(text(el.shadowRoot, '.counter__sizer')).to.equal(tonnes(balance.total.retired_credits_total.credit_kgs));
    } finally {
      console.warn = warn;
    }
  });

  it('renders a hostile organisation name as text and keeps it inside its box', async () => {
    const spy = useFetchSpy();
    spy.respond = async (request) =>
      new URL(request.url).pathname.endsWith(`/organisations/${SAMPLE_IDS.organisation}`)
        ? Response.json({ ...organisation, name: `<img src=x onerror="window.__pwned=1">${'z'.repeat(300)} شركة` })
        : window.fetch(request);
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} style="width: 280px"></iso-impact-counter>`);
    await waitUntil(() => loaded(el));
    expect(text(el.shadowRoot, '[part="caption"]')).to.contain('<img src=x');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    const base = el.shadowRoot!.querySelector('[part="base"]')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
  });

  it('keeps a very large figure inside a 320px-wide container', async () => {
    const spy = useFetchSpy();
    // 123,456,789.123 t (123,456,789,123 kg) retired and active, in total and for every supplier.
    const huge = { credit_kgs: 123_456_789_123, credits: 123_456_789.123 };
    const total = { ...balance.total, retired_credits_total: huge, active_credits_total: huge };
    spy.respond = async (request) =>
      new URL(request.url).pathname.endsWith('/credit_balance')
        ? Response.json({ ...balance, total, supplier_balances: balance.supplier_balances.map((entry) => ({ ...entry, total })) })
        : window.fetch(request);
    for (const unit of ['t', 'kg']) {
      const container = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} unit=${unit} show-active breakdown="supplier" locale="en-US"></iso-impact-counter>
      </div>`);
      const el = container.querySelector('iso-impact-counter')!;
      await waitUntil(() => loaded(el));
      expect(figure(el)!.textContent).to.equal(unit === 't' ? '123,456,789.123\u00a0t' : '123,456,789,123\u00a0kg');
      expect(el.clientWidth).to.equal(320);
      const base = el.shadowRoot!.querySelector('[part="base"]')!;
      expect(base.scrollWidth, `${unit}: the content is wider than the element`).to.be.at.most(el.clientWidth);
      // The text itself, not only its boxes, stays inside the border of the element.
      const inner = base.getBoundingClientRect();
      for (const part of ['figure', 'active', 'breakdown']) {
        const range = document.createRange();
        range.selectNodeContents(el.shadowRoot!.querySelector(`[part="${part}"]`)!);
        const text = range.getBoundingClientRect();
        expect(text.left, `${unit}: ${part} sticks out on the left`).to.be.at.least(inner.left);
        expect(text.right, `${unit}: ${part} sticks out on the right`).to.be.at.most(inner.right);
      }
    }
  });

  it('keeps its size from skeleton to loaded content', async () => {
    const spy = useFetchSpy();
    const release = holdResponses(spy);
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} show-active style="width: 520px"></iso-impact-counter>`);
    const skeletonHeight = el.getBoundingClientRect().height;
    release();
    await waitUntil(() => loaded(el));
    expect(Math.abs(el.getBoundingClientRect().height - skeletonHeight)).to.be.lessThan(4);
  });

  describe('keeps its size from skeleton to loaded breakdown', () => {
    /**
     * The skeleton's height, then the loaded element's, with every request held until the skeleton
     * is measured. 720px wide, every sample name fits its column (40 %) on one line; narrower, names
     * over about 25 characters take two, which the skeleton cannot know before the data arrives.
     */
    async function heights(spy: FetchSpy, breakdown: string): Promise<{ el: IsoImpactCounter; skeleton: number; loaded: number; skeletonRows: number }> {
      const release = holdResponses(spy);
      const el = await fixture<IsoImpactCounter>(
        html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown=${breakdown} show-active locale="en-US" style="width: 720px"></iso-impact-counter>`,
      );
      const skeleton = el.getBoundingClientRect().height;
      const skeletonRows = el.shadowRoot!.querySelectorAll('[part="breakdown"] tbody tr').length;
      release();
      await waitUntil(() => loaded(el), 'not loaded', { timeout: 3000 });
      return { el, skeleton, loaded: el.getBoundingClientRect().height, skeletonRows };
    }

    it('to the same height when the breakdown has as many rows as the skeleton', async () => {
      const spy = useFetchSpy();
      const supplierIds = [...new Set(balance.supplier_balances.map((b) => b.supplier_id))].slice(0, 3);
      expect(supplierIds).to.have.length(3);
      spy.respond = async (request) =>
        new URL(request.url).pathname.endsWith('/credit_balance')
          ? Response.json({ ...balance, supplier_balances: balance.supplier_balances.filter((b) => supplierIds.includes(b.supplier_id)) })
          : window.fetch(request);
      const { el, skeleton, loaded, skeletonRows } = await heights(spy, 'supplier');
      expect(el.shadowRoot!.querySelectorAll('[part="breakdown"] tbody tr')).to.have.length(skeletonRows);
      expect(Math.abs(loaded - skeleton)).to.be.lessThan(4);
    });

    it('changing only by the rows the skeleton could not know of', async () => {
      // The row count is known only once loaded: the sample organisation holds credits of more
      // projects than the skeleton draws rows. The element grows by exactly the extra rows.
      const spy = useFetchSpy();
      const { el, skeleton, loaded, skeletonRows } = await heights(spy, 'project');
      const rows = [...el.shadowRoot!.querySelectorAll('[part="breakdown"] tbody tr')];
      expect(rows.length).to.be.greaterThan(skeletonRows);
      const extra = rows.slice(skeletonRows).reduce((sum, row) => sum + row.getBoundingClientRect().height, 0);
      expect(Math.abs(loaded - skeleton - extra)).to.be.lessThan(4);
    });
  });

  it('speaks the element locale', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="de-DE" show-active></iso-impact-counter>`);
    await waitUntil(() => loaded(el));
    await localeReady(el);
    expect(figure(el)!.textContent).to.equal(tonnes(balance.total.retired_credits_total.credit_kgs, 'de-DE'));
    expect(text(el.shadowRoot, '.counter__text')).to.equal('CO₂e dauerhaft entfernt');
    expect(text(el.shadowRoot, '.counter__active-label')).to.equal('Aktiver Bestand');
  });

  dataElementSuite({
    tag: 'iso-impact-counter',
    valid: () => ({ 'organisation-id': SAMPLE_IDS.organisation }),
    invalid: { 'organisation-id': 'org-1' },
    notFound: { 'organisation-id': 'org_ZZZZZZZZZZZZZZZZ' },
    isLoaded: (el) => loaded(el as IsoImpactCounter),
  });
});
