import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/impact-counter/impact-counter.js';
import type { IsoImpactCounter } from '../../src/elements/impact-counter/impact-counter.js';
import { configure } from '../../src/data/config.js';
import type { Organisation, OrganisationCreditBalance, Project, Retirement, Supplier } from '../../src/data/types.js';
import { commonEn } from '../../src/i18n/common.js';
import commonDe from '../../src/i18n/common.de.js';
import commonFr from '../../src/i18n/common.fr.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';
import { claimWording, combinedAction, type ClimateAction } from '../../src/shared/claims.js';
import { dataElementSuite, errorKind, localeReady, holdResponses, useFetchSpy, type FetchSpy } from '../support/data-element-suite.js';
import { expectedImpact, kindsByBeneficiary, onlyOf, type Expected } from '../support/impact.js';
import { claimTonnes } from '../support/claim-figure.js';

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

/** A figure as the counter shows it: rounded down by magnitude (docs/claims.md). */
function tonnes(kg: number, locale = 'en-US'): string {
  return claimTonnes(kg, locale);
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

/** The headline wording the common catalog gives for `kinds`, in a language. */
function wordingFor(kinds: Set<ClimateAction>, catalog: Record<string, string> = commonEn): string {
  const action = combinedAction(kinds);
  return catalog[`claim.${claimWording(action, kinds)}`]!;
}

/** A page of retirements with only `nodes`, the last page. */
function onePage(nodes: Retirement[]): Response {
  return Response.json({ nodes, total_count: nodes.length, page_info: { has_previous_page: false, start_cursor: null, has_next_page: false, end_cursor: null } });
}

function isRetirementList(request: Request): boolean {
  return new URL(request.url).pathname.endsWith('/retirements');
}

describe('<iso-impact-counter>', () => {
  let balance: OrganisationCreditBalance;
  let organisation: Organisation;
  let expected: Expected;
  let warn: typeof console.warn;
  beforeEach(async () => {
    // Fresh each time: the live-feed tests may add a retirement to the shared local registry.
    balance = await get<OrganisationCreditBalance>(`/organisations/${SAMPLE_IDS.organisation}/credit_balance`);
    organisation = await get<Organisation>(`/organisations/${SAMPLE_IDS.organisation}`);
    expected = await expectedImpact(SAMPLE_IDS.organisation);
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
    const el = await fixture<IsoImpactCounter>(
      html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} show-active show-retired-for-others breakdown="supplier"></iso-impact-counter>`,
    );
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
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

  it('headlines what was retired for the organisation (beneficiary, buffer aside), not what it owned and retired', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    // The demo buyer retired credits for its subsidiary too: its balance counts those, its claim does not.
    expect(expected.forOthersKg, 'the sample buyer retires for others').to.be.greaterThan(0);
    expect(expected.claimedKg).to.not.equal(expected.ownedRetiredKg);
    expect(text(el.shadowRoot, '[part="headline"] .visually-hidden')).to.equal(tonnes(expected.claimedKg));
    expect(figure(el)!.textContent).to.equal(tonnes(expected.claimedKg));
    expect(figure(el)!.getAttribute('data-kg')).to.equal(String(expected.claimedKg));
    expect(text(el.shadowRoot, '[part="caption"]')).to.equal(organisation.name);
    expect(el.shadowRoot!.querySelector('[part="caption"]')!.getAttribute('dir')).to.equal('auto');
    expect(el.shadowRoot!.querySelector('[part="active"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="for-others"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="breakdown"]')).to.equal(null);
  });

  it('words the figure by its kinds of climate action, and says when they are mixed', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    const wording = text(el.shadowRoot, '.counter__text');
    expect(wording).to.equal(wordingFor(expected.kinds));
    if (expected.kinds.has('destruction')) expect(wording).to.not.contain('removed');
    if (!expected.kinds.has('durable-removal') || expected.kinds.size > 1) expect(wording).to.not.contain('permanently');
    expect(text(el.shadowRoot, '[part="kind"]')).to.equal(expected.kinds.size > 1 ? commonEn['action.mixed'] : commonEn[`action.${[...expected.kinds][0]!}`]);
  });

  describe('by kind of climate action, for beneficiaries the registry has', () => {
    let kinds: Map<string, Set<ClimateAction>>;
    before(async () => {
      kinds = await kindsByBeneficiary();
    });

    const cases: [ClimateAction, string, RegExp | undefined][] = [
      ['destruction', 'CO₂e destroyed', /removed/],
      ['shorter-removal', 'CO₂e removed', /permanently/],
      ['durable-removal', 'CO₂e permanently removed', undefined],
    ];
    for (const [action, wording, never] of cases) {
      it(`says "${wording}" for an organisation whose retirements are all ${action}`, async () => {
        const id = onlyOf(kinds, action);
        expect(id, `the local registry has a beneficiary with only ${action} retirements`).to.be.a('string');
        const mine = await expectedImpact(id!);
        useFetchSpy();
        const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${id!} locale="en-US" breakdown="action"></iso-impact-counter>`);
        await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
        expect(figure(el)!.dataset.kg).to.equal(String(mine.claimedKg));
        expect(text(el.shadowRoot, '.counter__text')).to.equal(wording);
        expect(text(el.shadowRoot, '.counter__text')).to.equal(commonEn[`claim.${claimWording(action)}`]);
        if (never) expect(el.shadowRoot!.textContent).to.not.match(never);
        expect(text(el.shadowRoot, '[part="kind"]')).to.equal(commonEn[`action.${action}`]);
        const rows = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part="breakdown"] tbody tr')];
        expect(rows.map((row) => row.dataset.id)).to.deep.equal([action]);
      });
    }

    it('says "CO₂e retired" for removal mixed with destruction, in every language as the common catalog says', async () => {
      const id = [...kinds].find(([, found]) => found.has('destruction') && (found.has('durable-removal') || found.has('shorter-removal')))?.[0];
      expect(id, 'the local registry has a beneficiary with removal and destruction').to.be.a('string');
      useFetchSpy();
      for (const [locale, catalog] of [['en-US', commonEn], ['de-DE', commonDe], ['fr-FR', commonFr]] as const) {
        const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${id!} locale=${locale}></iso-impact-counter>`);
        await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
        await localeReady(el);
        expect(text(el.shadowRoot, '.counter__text')).to.equal(catalog['claim.retired']);
        expect(text(el.shadowRoot, '.counter__text')).to.equal(wordingFor(kinds.get(id!)!, catalog));
        expect(text(el.shadowRoot, '[part="kind"]')).to.equal(catalog['action.mixed']);
      }
    });
  });

  it('words destruction-only credits as destroyed whatever the pathway names once were (a fixture)', async () => {
    // Every project the sample buyer's credits come from answers as a superpollutants project.
    const spy = useFetchSpy();
    spy.respond = async (request) => {
      if (!/\/projects\/prj_[A-Z0-9]+$/.test(new URL(request.url).pathname)) return window.fetch(request);
      const project = (await (await window.fetch(request)).json()) as Project;
      return Response.json({ ...project, pathway: 'superpollutants', process_key: 'refrigerant_destruction' });
    };
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    expect(text(el.shadowRoot, '.counter__text')).to.equal('CO₂e destroyed');
    expect(el.shadowRoot!.textContent).to.not.match(/removed|removal/);
  });

  it('says only "retired" when a retirement cannot be attributed to a kind', async () => {
    const spy = useFetchSpy();
    const victim = expected.claimed[0]!;
    spy.respond = async (request) =>
      new URL(request.url).pathname.endsWith(`/retirements/${victim.id}/credit_batches`) ? new Response('{}', { status: 500 }) : window.fetch(request);
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US" breakdown="action"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 8000 });
    expect(figure(el)!.dataset.kg).to.equal(String(expected.claimedKg));
    expect(text(el.shadowRoot, '.counter__text')).to.equal('CO₂e retired');
    const last = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part="breakdown"] tbody tr')].at(-1)!;
    expect(last.dataset.id).to.equal('');
    expect(text(last, 'th')).to.equal('Not broken down');
    expect(last.dataset.kg).to.equal(String(victim.credit_batch_size_total.credit_kgs));
  });

  it('loads every page of retirements, each retirement’s batches and each project once, at most 4 at a time', async () => {
    const spy = useFetchSpy();
    let inFlight = 0;
    let most = 0;
    spy.respond = async (request) => {
      most = Math.max(most, ++inFlight);
      try {
        return await window.fetch(request);
      } finally {
        inFlight--;
      }
    };
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="project"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    const asked = paths(spy);
    const projectIds = new Set(expected.batches.map((b) => b.projectId));
    const pages = Math.max(1, Math.ceil(expected.claimed.length / 50));
    expect(asked.filter((p) => p === '/retirements')).to.have.length(pages);
    for (const retirement of expected.claimed) expect(asked.filter((p) => p === `/retirements/${retirement.id}/credit_batches`)).to.have.length(1);
    for (const id of projectIds) expect(asked.filter((p) => p === `/projects/${id}`)).to.have.length(1);
    expect(asked).to.have.length(1 + pages + expected.claimed.length + projectIds.size);
    expect(new Set(asked).size, 'no request twice').to.equal(asked.length - pages + 1);
    expect(asked).to.not.include(`/organisations/${SAMPLE_IDS.organisation}/credit_balance`);
    // Retirement lists come 1 at a time (cursors chain); batches and projects 4 at a time, the organisation beside them.
    expect(most).to.be.at.most(5);
  });

  it('names the retirements behind the headline and when they were fetched, on focus and in print', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    const amount = el.shadowRoot!.querySelector<HTMLElement>('.has-provenance')!;
    const note = el.shadowRoot!.getElementById(amount.getAttribute('aria-describedby')!)!;
    expect(amount.tabIndex).to.equal(0);
    expect(getComputedStyle(note).display).to.equal('none');
    amount.focus();
    expect(getComputedStyle(note).display).to.equal('block');
    const noteText = note.textContent!.replace(/\s+/g, ' ');
    expect(noteText).to.contain(`From ${expected.claimed.length} registry record(s):`);
    expect(noteText).to.contain(`${expected.claimed.length} retirement(s) for \u2068${organisation.name}\u2069.`);
    expect(noteText).to.match(/As of .+\./);
    const links = [...note.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(expected.claimed.slice(0, 3).map((r) => r.url));
    if (expected.claimed.length > 3) expect(noteText).to.contain('; ….');
    await emulateMedia({ media: 'print' });
    amount.blur();
    expect(getComputedStyle(note).display).to.equal('block');
    await emulateMedia({ media: 'screen' });
  });

  it('shows the final figure at once under prefers-reduced-motion: reduce', async () => {
    useFetchSpy();
    // Listening before the first update: a cached answer can load before an awaited fixture returns.
    const el = fixtureSync<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await oneEvent(el, 'iso-load');
    expect(figure(el)!.textContent).to.equal(tonnes(expected.claimedKg));
  });

  it('counts up in whole kilograms the first time it is seen', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    useFetchSpy();
    // Listening before the first update: a cached answer can load before an awaited fixture returns.
    const el = fixtureSync<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>`);
    await oneEvent(el, 'iso-load');
    const final = expected.claimedKg;
    const seen: number[] = [shownKg(el)];
    const observer = new MutationObserver(() => seen.push(shownKg(el)));
    observer.observe(figure(el)!, { characterData: true, childList: true, subtree: true });
    await waitUntil(() => figure(el)!.textContent === tonnes(final), 'did not reach the final figure', { timeout: 4000 });
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

  /** A counter three screens down, loaded with motion allowed, listened to before its first update. */
  async function belowTheFold(): Promise<IsoImpactCounter> {
    await emulateMedia({ reducedMotion: 'no-preference' });
    useFetchSpy();
    const container = fixtureSync<HTMLDivElement>(html`<div>
      <div style="height: 300vh"></div>
      <iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="en-US"></iso-impact-counter>
    </div>`);
    const el = container.querySelector('iso-impact-counter')!;
    await oneEvent(el, 'iso-load');
    return el;
  }

  it('waits until it is scrolled into view before counting', async () => {
    const el = await belowTheFold();
    await frames(5);
    expect(shownKg(el)).to.equal(0);
    el.scrollIntoView();
    await waitUntil(() => figure(el)!.textContent === tonnes(expected.claimedKg), 'did not count after scrolling', { timeout: 4000 });
    window.scrollTo(0, 0);
  });

  it('prints its final value, even below the fold where it has not counted yet', async () => {
    const el = await belowTheFold();
    await frames(2);
    expect(shownKg(el), 'not counted yet: it waits to be seen').to.equal(0);
    const root = el.shadowRoot!;
    const visible = (selector: string) => getComputedStyle(root.querySelector(selector)!).visibility === 'visible';
    try {
      await emulateMedia({ media: 'print' });
      // Print styles show the final value, whatever frame the screen is at.
      expect(visible('.counter__sizer')).to.equal(true);
      expect(visible('.counter__value')).to.equal(false);
      expect(root.querySelector('.counter__sizer')!.textContent).to.equal(tonnes(expected.claimedKg));
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    // And beforeprint ends the count, so the screen shows the final value too afterwards.
    window.dispatchEvent(new Event('beforeprint'));
    await el.updateComplete;
    expect(figure(el)!.textContent).to.equal(tonnes(expected.claimedKg));
  });

  it('keeps the figure with its unit on one line at 320 px, and table headers whole', async () => {
    useFetchSpy();
    const container = await fixture<HTMLDivElement>(html`<div style="width: 320px">
      <iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} show-active breakdown="supplier" locale="de-DE"></iso-impact-counter>
    </div>`);
    const el = container.querySelector('iso-impact-counter')!;
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    const lines = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
    };
    for (const node of el.shadowRoot!.querySelectorAll('.counter__value, .num')) expect(lines(node), node.textContent!).to.equal(1);
    // No word of a header broken across lines ("Lieferan-t").
    for (const th of el.shadowRoot!.querySelectorAll('thead th')) {
      const words = [...th.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).flatMap((node) => [...(node.textContent ?? '').matchAll(/\S+/g)].map((match) => ({ node, match })));
      for (const { node, match } of words) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        expect(new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size, match[0]).to.equal(1);
      }
    }
  });

  it('shows the credits held with show-active, labelled as held, and kilograms with unit="kg"', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} show-active unit="kg" locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    const kg = (value: number) => `${new Intl.NumberFormat('en-US').format(value)}\u00a0kg`;
    expect(figure(el)!.textContent).to.equal(kg(expected.claimedKg));
    expect(text(el.shadowRoot, '[data-figure="active"]')).to.equal(`${kg(balance.total.active_credits_total.credit_kgs)} CO₂e`);
    expect(text(el.shadowRoot, '[part="active"] .counter__active-label')).to.equal('Held, not retired');
  });

  it('shows what it retired for others apart, only with show-retired-for-others, never in the headline', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} show-retired-for-others locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    expect(expected.forOthersKg).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector<HTMLElement>('[data-figure="for-others"]')!.dataset.kg).to.equal(String(expected.forOthersKg));
    expect(text(el.shadowRoot, '[data-figure="for-others"]')).to.equal(`${tonnes(expected.forOthersKg)} CO₂e`);
    expect(text(el.shadowRoot, '[part="for-others"] .counter__active-label')).to.equal('Also retired for other organisations');
    expect(figure(el)!.dataset.kg).to.equal(String(expected.claimedKg));
    // What it owned and retired is its own claim plus what it retired for others, less what others retired for it.
    const byOthersForIt = expected.claimed.filter((r) => r.owner.id !== SAMPLE_IDS.organisation).reduce((sum, r) => sum + r.credit_batch_size_total.credit_kgs, 0);
    expect(expected.claimedKg - byOthersForIt + expected.forOthersKg).to.equal(expected.ownedRetiredKg);
  });

  it('breaks down by supplier from the retirements’ batches, loading each supplier name once', async () => {
    const spy = useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="supplier" locale="en-US"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    const bySupplier = new Map<string, number>();
    for (const b of expected.batches) bySupplier.set(b.supplierId, (bySupplier.get(b.supplierId) ?? 0) + b.kg);
    expect(bySupplier.size).to.be.greaterThan(1);
    for (const id of bySupplier.keys()) expect(paths(spy).filter((p) => p === `/suppliers/${id}`)).to.have.length(1);
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part="breakdown"] tbody tr')];
    expect(rows).to.have.length(bySupplier.size);
    const kgs = rows.map((row) => Number(row.dataset.kg));
    expect(kgs).to.deep.equal([...kgs].sort((a, b) => b - a));
    expect(kgs.reduce((a, b) => a + b, 0)).to.equal(expected.claimedKg);
    for (const row of rows) expect(Number(row.dataset.kg)).to.equal(bySupplier.get(row.dataset.id!));
    const supplier = await get<Supplier>(`/suppliers/${rows[0]!.dataset.id}`);
    expect(text(rows[0], 'th')).to.equal(supplier.organisation.name);
    expect(text(rows[0], '.breakdown__value')).to.equal(tonnes(bySupplier.get(rows[0]!.dataset.id!)!));
    expect(text(el.shadowRoot, '[part="breakdown"] caption')).to.equal('Retired credits by supplier');
  });

  it('breaks down by project through the project cache key the project card uses', async () => {
    const spy = useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="project" show-active></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    const byProject = new Map<string, number>();
    for (const b of expected.batches) byProject.set(b.projectId, (byProject.get(b.projectId) ?? 0) + b.kg);
    for (const id of byProject.keys()) expect(paths(spy).filter((p) => p === `/projects/${id}`)).to.have.length(1);
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part="breakdown"] tbody tr')];
    expect(rows.map((row) => [row.dataset.id, Number(row.dataset.kg)])).to.have.deep.members([...byProject]);
    const project = await get<Project>(`/projects/${rows[0]!.dataset.id}`);
    expect(text(rows[0], 'th')).to.equal(project.name);
    expect(rows[0]!.querySelectorAll('td')).to.have.length(1);
  });

  it('breaks down by kind of climate action, in the words of the common catalog', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="action" locale="de-DE"></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    await localeReady(el);
    const byAction = new Map<string, number>();
    for (const b of expected.batches) byAction.set(b.action, (byAction.get(b.action) ?? 0) + b.kg);
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('[part="breakdown"] tbody tr')];
    expect(rows.map((row) => [row.dataset.id, Number(row.dataset.kg)])).to.have.deep.members([...byAction]);
    for (const row of rows) expect(text(row, 'th')).to.equal(commonDe[`action.${row.dataset.id as ClimateAction}`]);
    expect(text(el.shadowRoot, '[part="breakdown"] caption')).to.equal('Stillgelegte Zertifikate nach Art der Klimaschutzmaßnahme');
  });

  it('refuses an unknown breakdown before any request', async () => {
    const spy = useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} breakdown="country"></iso-impact-counter>`);
    await waitUntil(() => errorKind(el) === 'invalid-input');
    expect(text(el.shadowRoot, '[part="error"]')).to.contain('The "breakdown" attribute must be one of "supplier", "project", "action"; got "country".');
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
      await waitUntil(() => loaded(el), 'no unit did not load', { timeout: 5000 });
      expect(figure(el)!.dataset.kg).to.equal(String(expected.claimedKg));
      expect(text(el.shadowRoot, '.counter__sizer')).to.equal(tonnes(expected.claimedKg));
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
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    expect(text(el.shadowRoot, '[part="caption"]')).to.contain('<img src=x');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    const base = el.shadowRoot!.querySelector('[part="base"]')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
  });

  it('keeps a very large figure inside a 320px-wide container, compact, with the exact figure in its note', async () => {
    const spy = useFetchSpy();
    // One retirement of 123,456,789.123 t (123,456,789,123 kg), and as much held.
    const huge = { credit_kgs: 123_456_789_123, credits: 123_456_789.123 };
    spy.respond = async (request) => {
      const path = new URL(request.url).pathname;
      if (isRetirementList(request)) return onePage(new URL(request.url).searchParams.has('owner_org_id') ? [] : [{ ...expected.claimed[0]!, credit_batch_size_total: huge }]);
      if (path.endsWith('/credit_balance')) return Response.json({ ...balance, total: { ...balance.total, active_credits_total: huge } });
      return window.fetch(request);
    };
    for (const unit of ['t', 'kg']) {
      const container = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} unit=${unit} show-active breakdown="supplier" locale="en-US"></iso-impact-counter>
      </div>`);
      const el = container.querySelector('iso-impact-counter')!;
      await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
      expect(figure(el)!.textContent).to.equal(unit === 't' ? '123.4\u00a0Mt' : '123,456,789,123\u00a0kg');
      if (unit === 't') expect(text(el.shadowRoot, '[part="provenance"]')).to.contain('Exactly 123,456,789.123\u00a0t.');
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
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
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
      await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
      return { el, skeleton, loaded: el.getBoundingClientRect().height, skeletonRows };
    }

    it('to the same height when the breakdown has as many rows as the skeleton', async () => {
      const spy = useFetchSpy();
      // The retirements of three suppliers only.
      const supplierIds = [...new Set(expected.batches.map((b) => b.supplierId))].slice(0, 3);
      expect(supplierIds).to.have.length(3);
      const kept = expected.claimed.filter((r) => expected.batches.some((b) => b.retirement === r && supplierIds.includes(b.supplierId)));
      spy.respond = async (request) => (isRetirementList(request) ? onePage(kept) : window.fetch(request));
      const { el, skeleton, loaded, skeletonRows } = await heights(spy, 'supplier');
      expect(el.shadowRoot!.querySelectorAll('[part="breakdown"] tbody tr')).to.have.length(skeletonRows);
      expect(Math.abs(loaded - skeleton)).to.be.lessThan(4);
    });

    it('to the same height when there are more rows than the skeleton: they scroll in the reserved box', async () => {
      // More projects than the skeleton draws rows were retired for the sample organisation.
      const spy = useFetchSpy();
      const { el, skeleton, loaded, skeletonRows } = await heights(spy, 'project');
      expect(el.shadowRoot!.querySelectorAll('[part="breakdown"] tbody tr').length).to.be.greaterThan(skeletonRows);
      expect(Math.abs(loaded - skeleton)).to.be.lessThan(1);
      const box = el.shadowRoot!.querySelector<HTMLElement>('.counter__breakdown')!;
      expect(box.getAttribute('tabindex'), 'a scrolling region is reachable by keyboard').to.equal('0');
    });
  });

  it('speaks the element locale', async () => {
    useFetchSpy();
    const el = await fixture<IsoImpactCounter>(html`<iso-impact-counter organisation-id=${SAMPLE_IDS.organisation} locale="de-DE" show-active></iso-impact-counter>`);
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    await localeReady(el);
    expect(figure(el)!.textContent).to.equal(tonnes(expected.claimedKg, 'de-DE'));
    expect(text(el.shadowRoot, '.counter__text')).to.equal(wordingFor(expected.kinds, commonDe));
    expect(text(el.shadowRoot, '.counter__active-label')).to.equal('Gehalten, nicht stillgelegt');
  });

  dataElementSuite({
    tag: 'iso-impact-counter',
    valid: () => ({ 'organisation-id': SAMPLE_IDS.organisation }),
    invalid: { 'organisation-id': 'org-1' },
    notFound: { 'organisation-id': 'org_ZZZZZZZZZZZZZZZZ' },
    isLoaded: (el) => loaded(el as IsoImpactCounter),
  });
});
