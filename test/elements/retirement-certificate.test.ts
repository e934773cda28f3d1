import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/project-card/project-card.js';
import '../../src/elements/retirement-certificate/retirement-certificate.js';
import type { IsoRetirementCertificate } from '../../src/elements/retirement-certificate/retirement-certificate.js';
import type { IsoProjectCard } from '../../src/elements/project-card/project-card.js';
import { configure } from '../../src/data/config.js';
import type { CreditBatch, CreditBatchList, Project, Retirement, RetirementPage } from '../../src/data/types.js';
import { messages } from '../../src/elements/retirement-certificate/retirement-certificate.messages.js';
import { isRemoval } from '../../src/shared/claims.js';
import { claimTonnes } from '../support/claim-figure.js';
import { commonIn, expectedClaimKey, get, loaded, seededById, text, tonnes, type SeededRetirement } from '../support/certificate.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';
import { regionNamed } from '../support/regions.js';
import { dataElementSuite, errorKind, localeReady, holdResponses, useFetchSpy, type FetchSpy } from '../support/data-element-suite.js';

function paths(spy: FetchSpy): string[] {
  return spy.requests.map((r) => new URL(r.url).pathname.replace(/^\/api/, ''));
}

/**
 * The id of a retirement of the common kind, which the skeleton is drawn after: one credit batch with
 * carbon-removal data, one or two purposes and a short one-line note. (`SAMPLE_IDS.retirement` is
 * not one: its batch has no carbon-removal data.)
 */
async function typicalRetirementId(): Promise<string> {
  const { nodes } = await get<RetirementPage>('/retirements?first=50');
  for (const candidate of nodes) {
    const notes = candidate.notes ?? '';
    if (notes === '' || notes.length > 50 || notes.includes('\n') || candidate.purposes.length > 2) continue;
    const list = await get<CreditBatchList>(`/retirements/${candidate.id}/credit_batches`);
    if (list.nodes.length === 1 && list.nodes[0]!.carbon_removal_data) return candidate.id;
  }
  throw new Error('no typical retirement in the first page of the local registry');
}

describe('<iso-retirement-certificate>', () => {
  let retirement: Retirement;
  let batches: CreditBatch[];
  let two: SeededRetirement;
  before(async () => {
    two = await seededById(SAMPLE_IDS.retirementTwoProjects);
    ({ retirement, batches } = two);
  });
  let warn: typeof console.warn;
  // Failing elements warn on the console; tests keep them out of the log.
  beforeEach(() => {
    warn = console.warn;
    console.warn = () => {};
  });
  afterEach(async () => {
    console.warn = warn;
    configure({ fetch: undefined, endpoint: undefined });
    await emulateMedia({ media: 'screen' });
  });

  it('is accessible once loaded', async () => {
    useFetchSpy();
    const el = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects}></iso-retirement-certificate>`);
    await waitUntil(() => loaded(el));
    await expect(el).to.be.accessible();
  });

  it('is accessible while loading and in the error state', async () => {
    const spy = useFetchSpy();
    spy.respond = () => new Promise(() => {});
    const loading = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirement}></iso-retirement-certificate>`);
    await expect(loading).to.be.accessible();
    spy.respond = async () => Response.json({ error: 'upstream_error', message: 'Upstream failed.' }, { status: 502 });
    const failed = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementLongNote}></iso-retirement-certificate>`);
    await waitUntil(() => errorKind(failed) === 'unavailable');
    await expect(failed).to.be.accessible();
  });

  it('shows the retirement: amount, beneficiary, owner, date, purposes, note and official link', async () => {
    useFetchSpy();
    const el = await fixture<IsoRetirementCertificate>(
      html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects} locale="en-US"></iso-retirement-certificate>`,
    );
    await waitUntil(() => loaded(el));
    const root = el.shadowRoot!;
    // Worded for what was retired (src/shared/claims.ts), from the common catalog.
    const en = await commonIn('en');
    // The headline rounds down by magnitude (docs/claims.md); the amount fact stays exact.
    expect(text(root, '.certificate__headline')).to.equal(`${claimTonnes(retirement.credit_batch_size_total.credit_kgs)} ${en[expectedClaimKey(two)]}`);
    expect(root.querySelector('[part="title"]')!.getAttribute('aria-level')).to.equal('2');
    expect(text(root, '[part="beneficiary"]')).to.equal(retirement.beneficiary.name);
    expect(text(root, '[data-fact="beneficiary"]')).to.equal(retirement.beneficiary.name);
    expect(text(root, '[data-fact="owner"]')).to.equal(retirement.owner.name);
    expect(root.querySelector('[data-fact="amount"]')!.getAttribute('data-kg')).to.equal(String(retirement.credit_batch_size_total.credit_kgs));
    expect(root.querySelector('[data-fact="date"] time')!.getAttribute('datetime')).to.equal(retirement.retired_at);
    expect(text(root, '[data-fact="date"]')).to.equal(new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(new Date(retirement.retired_at)));
    expect(text(root, '[data-fact="purposes"]')).to.not.contain('_');
    expect(text(root, '[data-fact="id"]')).to.equal(retirement.id);
    expect(text(root, '[part="note"]')).to.equal(retirement.notes);
    expect(root.querySelector('[part="note"]')!.getAttribute('dir')).to.equal('auto');
    expect(root.querySelector<HTMLAnchorElement>('[part="link"]')!.href).to.equal(retirement.url);
  });

  it('lists the credit batches from two projects, loading each project once through the shared cache', async () => {
    const spy = useFetchSpy();
    const projectIds = [...new Set(batches.map((b) => b.project_id))];
    expect(projectIds, 'the sample retirement spans two projects').to.have.length(2);
    const el = await fixture<IsoRetirementCertificate>(
      html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects} locale="en-US"></iso-retirement-certificate>`,
    );
    await waitUntil(() => loaded(el));
    await localeReady(el);
    for (const id of projectIds) expect(paths(spy).filter((p) => p === `/projects/${id}`)).to.have.length(1);
    expect(paths(spy).filter((p) => p.startsWith('/retirements/'))).to.have.length(2);

    const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="batch"]')];
    expect(items.map((item) => item.dataset.batchId)).to.deep.equal(batches.map((b) => b.id));
    for (const [index, batch] of batches.entries()) {
      const item = items[index]!;
      const project = await get<Project>(`/projects/${batch.project_id}`);
      expect(text(item, '[data-fact="serial"]')).to.equal(batch.serial_number);
      expect(text(item, '[data-fact="project"]')).to.equal(project.name);
      // The vintage is the year of removal, each date under its own name; the serial number as given.
      expect(text(item, '[data-fact="vintage"]')).to.equal(batch.sequestered_on!.slice(0, 4));
      expect(item.querySelector('[data-fact="removed-on"] time')!.getAttribute('datetime')).to.equal(batch.sequestered_on);
      expect(item.querySelector('[data-fact="issued-on"] time')!.getAttribute('datetime')).to.equal(batch.issued_at.slice(0, 10));
      // The country of issue is the project's country: named as the registry names it in English.
      expect(batch.country_of_issue).to.equal(project.country_code);
      expect(text(item, '[data-fact="country"]')).to.equal(project.location?.country_name);
      expect(text(item, '[data-fact="ccp"]')).to.equal(batch.ccp_approved ? 'Yes' : 'No');
      expect(text(item, '[data-fact="size"]')).to.equal(`${tonnes(batch.size.credit_kgs)} CO₂e`);
    }
  });

  it('shares a project request with a project card on the same page', async () => {
    const spy = useFetchSpy();
    const projectId = batches[0]!.project_id;
    const container = await fixture<HTMLDivElement>(html`<div>
      <iso-project-card project-id=${projectId}></iso-project-card>
      <iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects}></iso-retirement-certificate>
    </div>`);
    const certificate = container.querySelector('iso-retirement-certificate')!;
    const card = container.querySelector<IsoProjectCard>('iso-project-card')!;
    await waitUntil(() => loaded(certificate) && !!card.shadowRoot?.querySelector('[data-figure="issued"]'));
    expect(paths(spy).filter((p) => p === `/projects/${projectId}`)).to.have.length(1);
  });

  it('breaks down the carbon removal of each batch in a labelled table, in whole kilograms', async () => {
    useFetchSpy();
    const withData = batches.find((b) => b.carbon_removal_data)!;
    const withoutData = batches.find((b) => !b.carbon_removal_data);
    const el = await fixture<IsoRetirementCertificate>(
      html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects} locale="en-US"></iso-retirement-certificate>`,
    );
    await waitUntil(() => loaded(el));
    const item = el.shadowRoot!.querySelector(`[data-batch-id="${withData.id}"]`)!;
    const table = item.querySelector('table[part="breakdown"]')!;
    expect(table.querySelector('caption')!.textContent).to.equal('Carbon removal of this batch');
    expect([...table.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).to.deep.equal(['col', 'col']);
    const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    const data = withData.carbon_removal_data!;
    expect(rows.map((row) => [row.dataset.component, row.dataset.kg])).to.deep.equal([
      ['gross', String(data.gross_carbon_removed_kg)],
      ['emissions', String(data.emissions_kg)],
      ['counterfactuals', String(data.counterfactuals_kg)],
      ['losses', String(data.losses_kg)],
      ['net', String(data.net_carbon_removed_kg)],
    ]);
    for (const row of rows) expect(row.querySelector('th')!.getAttribute('scope')).to.equal('row');
    expect(text(rows[0], '.breakdown__value')).to.equal(tonnes(data.gross_carbon_removed_kg));
    expect(text(rows[1], '.breakdown__value')).to.equal(`−${tonnes(data.emissions_kg)}`);
    const fill = (row: HTMLTableRowElement) => row.querySelector<HTMLElement>('.bar__fill')!.style.inlineSize;
    expect(fill(rows[0]!)).to.equal('100%');
    expect(fill(rows[1]!)).to.equal(`${Math.floor((data.emissions_kg * 1000) / data.gross_carbon_removed_kg) / 10}%`);
    if (withoutData) {
      expect(el.shadowRoot!.querySelector(`[data-batch-id="${withoutData.id}"] table`)).to.equal(null);
      const removal = isRemoval(two.actions[batches.indexOf(withoutData)]!);
      expect(text(el.shadowRoot!.querySelector(`[data-batch-id="${withoutData.id}"]`), '.batch__no-data')).to.equal(messages.en[removal ? 'noCarbonData' : 'noAccountingData']);
    }
  });

  it('shows the project id when a project cannot be loaded', async () => {
    const spy = useFetchSpy();
    const missing = batches[0]!.project_id;
    spy.respond = async (request) =>
      new URL(request.url).pathname.endsWith(`/projects/${missing}`) ? Response.json({ detail: 'Project not found' }, { status: 404 }) : window.fetch(request);
    const el = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects}></iso-retirement-certificate>`);
    await waitUntil(() => loaded(el));
    expect(text(el.shadowRoot!.querySelector(`[data-batch-id="${batches[0]!.id}"]`), '[data-fact="project"]')).to.equal(missing);
  });

  it('renders hostile text as text, refuses non-http links, and keeps long and right-to-left notes inside', async () => {
    const spy = useFetchSpy();
    const long = 'y'.repeat(600);
    spy.respond = async (request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith(`/retirements/${SAMPLE_IDS.retirementArabicNote}`)) {
        const real = (await (await window.fetch(request)).json()) as Retirement;
        return Response.json({ ...real, beneficiary: { ...real.beneficiary, name: `<script>window.__pwned=1</script>${long}` }, url: 'javascript:alert(1)' });
      }
      return window.fetch(request);
    };
    const el = await fixture<IsoRetirementCertificate>(
      html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementArabicNote} style="width: 360px"></iso-retirement-certificate>`,
    );
    await waitUntil(() => loaded(el));
    const root = el.shadowRoot!;
    expect(text(root, '[part="beneficiary"]')).to.contain('<script>');
    expect(root.querySelector('script')).to.equal(null);
    expect(root.querySelector('[part="link"]')).to.equal(null);
    const note = root.querySelector<HTMLElement>('[part="note"]')!;
    // The note reads right to left (each paragraph by its own text), while its box keeps the
    // certificate's direction, so its accent bar and alignment match the labels around it.
    expect(note.getAttribute('dir')).to.equal('auto');
    expect(getComputedStyle(note).unicodeBidi).to.equal('plaintext');
    expect(getComputedStyle(note).direction).to.equal('ltr');
    const base = root.querySelector('[part="base"]')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
  });

  it('prints on one page: no shadow, no buttons, no breaks inside', async () => {
    const spy = useFetchSpy();
    const el = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects}></iso-retirement-certificate>`);
    await waitUntil(() => loaded(el));
    spy.respond = async () => Response.json({ message: 'down' }, { status: 503 });
    const failed = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementJapaneseNote}></iso-retirement-certificate>`);
    await waitUntil(() => errorKind(failed) === 'unavailable');
    const base = el.shadowRoot!.querySelector('[part="base"]')!;
    const retry = failed.shadowRoot!.querySelector('[part="retry-button"]')!;
    expect(getComputedStyle(base).boxShadow).to.not.equal('none');

    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(base).boxShadow).to.equal('none');
    expect(getComputedStyle(base).breakInside).to.equal('avoid');
    for (const batch of el.shadowRoot!.querySelectorAll('[part="batch"]')) expect(getComputedStyle(batch).breakInside).to.equal('avoid');
    expect(getComputedStyle(retry).display).to.equal('none');
  });

  it('keeps its size from skeleton to loaded content for a typical retirement', async () => {
    const id = await typicalRetirementId();
    const spy = useFetchSpy();
    const release = holdResponses(spy);
    // 720px: every value of a typical retirement fits on one line. Narrower, a serial number or two
    // purposes wrap onto a second line, which the skeleton cannot know before the data arrives.
    const el = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${id} locale="en-US" style="width: 720px"></iso-retirement-certificate>`);
    const skeleton = el.shadowRoot!;
    expect(skeleton.querySelectorAll('[part="batch"] [part="breakdown"] tbody tr'), 'the skeleton draws one batch with its breakdown').to.have.length(5);
    const skeletonHeight = el.getBoundingClientRect().height;
    release();
    await waitUntil(() => loaded(el));
    expect(el.shadowRoot!.querySelectorAll('[part="batch"] [part="breakdown"]')).to.have.length(1);
    expect(Math.abs(el.getBoundingClientRect().height - skeletonHeight)).to.be.lessThan(4);
  });

  it('speaks the element locale', async () => {
    useFetchSpy();
    const el = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects} locale="fr-FR"></iso-retirement-certificate>`);
    await waitUntil(() => loaded(el));
    await localeReady(el);
    const fr = await commonIn('fr');
    expect(text(el.shadowRoot, '.certificate__headline')).to.equal(`${claimTonnes(retirement.credit_batch_size_total.credit_kgs, 'fr-FR')} ${fr[expectedClaimKey(two)]}`);
    expect(text(el.shadowRoot, '.certificate__subtitle')).to.equal('Lots de crédits (2)');
    // Countries in French: the region whose English name is the registry's name for the project's country.
    for (const item of el.shadowRoot!.querySelectorAll<HTMLElement>('[part="batch"]')) {
      const batch = batches.find((b) => b.id === item.dataset.batchId)!;
      const name = (await get<Project>(`/projects/${batch.project_id}`)).location?.country_name;
      expect(text(item, '[data-fact="country"]')).to.equal(regionNamed(name, 'fr-FR'));
    }
  });

  it('at 320 px keeps figures with their units and table headers whole', async () => {
    useFetchSpy();
    const container = await fixture<HTMLDivElement>(html`<div style="width: 320px">
      <iso-retirement-certificate retirement-id=${SAMPLE_IDS.retirementTwoProjects} locale="de-DE"></iso-retirement-certificate>
    </div>`);
    const el = container.querySelector('iso-retirement-certificate')!;
    await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
    const tops = (range: Range) => new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
    const figures = [...el.shadowRoot!.querySelectorAll('.num')];
    expect(figures.length).to.be.at.least(3);
    for (const node of figures) {
      const range = document.createRange();
      range.selectNodeContents(node);
      expect(tops(range), node.textContent!).to.equal(1);
    }
    const headers = [...el.shadowRoot!.querySelectorAll('.breakdown thead th, .breakdown tbody th')];
    expect(headers.length).to.be.at.least(2);
    for (const th of headers) {
      const words = [...th.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).flatMap((node) => [...(node.textContent ?? '').matchAll(/\S+/g)].map((match) => ({ node, match })));
      for (const { node, match } of words) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        expect(tops(range), match[0]).to.equal(1);
      }
    }
  });

  dataElementSuite({
    tag: 'iso-retirement-certificate',
    valid: () => ({ 'retirement-id': SAMPLE_IDS.retirement }),
    invalid: { 'retirement-id': 'ret-1' },
    notFound: { 'retirement-id': 'ret_ZZZZZZZZZZZZZZZZ' },
    isLoaded: (el) => loaded(el as IsoRetirementCertificate),
  });
});
