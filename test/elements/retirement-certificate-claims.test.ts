// What <iso-retirement-certificate> claims (issue 12): the title and wording follow what was retired,
// the supplier is named, each batch's three dates are shown for what they are, and the claim is
// checked against the registry records it loaded. Every expected value comes from the local registry.
import { claimTonnes } from '../support/claim-figure.js';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/retirement-certificate/retirement-certificate.js';
import type { IsoRetirementCertificate } from '../../src/elements/retirement-certificate/retirement-certificate.js';
import { messages } from '../../src/elements/retirement-certificate/retirement-certificate.messages.js';
import { configure } from '../../src/data/config.js';
import type { CreditBatch, CreditBatchList, Retirement, RetirementPage } from '../../src/data/types.js';
import type { Language } from '../../src/i18n/localize.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';
import { climateAction, combinedAction, isBufferRetirement } from '../../src/shared/claims.js';
import { localeReady, useFetchSpy } from '../support/data-element-suite.js';
import { waitUntil } from '../support/wait.js';
import {
  allOf,
  commonIn,
  expectedClaimKey,
  findRetirement,
  get,
  loaded,
  recordCount,
  seeded,
  seededById,
  supplierName,
  text,
  tonnes,
  type SeededRetirement,
} from '../support/certificate.js';

const LOCALES: Record<Language, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', ar: 'ar' };

async function catalog(language: Language): Promise<Readonly<Record<string, string>>> {
  return language === 'en' ? messages.en : ((await messages.load(language)).default as Readonly<Record<string, string>>);
}

async function show(id: string, locale = 'en-US'): Promise<IsoRetirementCertificate> {
  const el = await fixture<IsoRetirementCertificate>(html`<iso-retirement-certificate retirement-id=${id} locale=${locale}></iso-retirement-certificate>`);
  await waitUntil(() => loaded(el));
  await localeReady(el);
  return el;
}

/** The certificate's visible text in the header: eyebrow and headline. */
function title(el: IsoRetirementCertificate): string {
  return `${text(el.shadowRoot, '[part="eyebrow"]')} ${text(el.shadowRoot, '.certificate__headline')}`;
}

/** Serves the local registry, with `change` applied to the credit batches of retirement `id`. */
function tamperBatches(id: string, change: (batches: CreditBatch[]) => CreditBatch[]): void {
  useFetchSpy().respond = async (request) => {
    if (!new URL(request.url).pathname.endsWith(`/retirements/${id}/credit_batches`)) return window.fetch(request);
    const real = (await (await window.fetch(request)).json()) as CreditBatchList;
    return Response.json({ ...real, nodes: change(real.nodes.map((batch) => structuredClone(batch))) });
  };
}

/** Everything the certificate says in its own words: all its text but the retirement's free-text note. */
function ownWords(el: IsoRetirementCertificate): string {
  const all = el.shadowRoot!.querySelector('[part="base"]')!.textContent ?? '';
  return all.replace(el.shadowRoot!.querySelector('[part="note"]')?.textContent ?? '', '');
}

function check(el: IsoRetirementCertificate): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="check"]')!;
}

describe('<iso-retirement-certificate> claims', () => {
  let normal: SeededRetirement;
  before(async () => {
    normal = await seededById(SAMPLE_IDS.retirement);
  });
  let warn: typeof console.warn;
  beforeEach(() => {
    warn = console.warn;
    console.warn = () => {};
  });
  afterEach(async () => {
    console.warn = warn;
    configure({ fetch: undefined, endpoint: undefined });
    await emulateMedia({ media: 'screen' });
  });

  it('titles a superpollutants retirement as emission destruction in en/de/fr, never as removal', async () => {
    const found = await findRetirement('superpollutants retirement', allOf('destruction'));
    expect(found.batches.every((batch) => found.projects.get(batch.project_id)?.pathway === 'superpollutants')).to.equal(true);
    for (const language of ['en', 'de', 'fr'] as const) {
      useFetchSpy();
      const el = await show(found.retirement.id, LOCALES[language]);
      const [own, shared] = [await catalog(language), await commonIn(language)];
      expect(text(el.shadowRoot, '[part="eyebrow"]'), language).to.equal(own['eyebrow.destruction']);
      expect(text(el.shadowRoot, '.certificate__headline'), language).to.equal(`${claimTonnes(found.retirement.credit_batch_size_total.credit_kgs, LOCALES[language])} ${shared['claim.destroyed']}`);
      expect(text(el.shadowRoot, '[data-fact="action"]'), language).to.equal(shared['action.destruction']);
      expect(title(el), language).to.not.match(/remov|entnahm|entnomm|élimin/i);
      // Nowhere on a destruction certificate: not in a batch's date labels or its accounting either.
      expect(ownWords(el), language).to.not.match(/remov|entnahm|entnomm|élimin/i);
    }
  });

  it('never calls reforestation permanent or durable, in en/de/fr', async () => {
    const found = await findRetirement('reforestation retirement', allOf('shorter-removal'));
    for (const language of ['en', 'de', 'fr'] as const) {
      useFetchSpy();
      const el = await show(found.retirement.id, LOCALES[language]);
      const [own, shared] = [await catalog(language), await commonIn(language)];
      expect(text(el.shadowRoot, '[part="eyebrow"]'), language).to.equal(own['eyebrow.shorter-removal']);
      expect(text(el.shadowRoot, '.certificate__headline'), language).to.contain(shared['claim.removed']);
      expect(ownWords(el), language).to.not.match(/permanen|durable|dauerhaft|durablement/i);
    }
  });

  it('words durable removal as permanently removed, and a retirement of several kinds as such', async () => {
    const durable = await findRetirement('durable removal retirement', allOf('durable-removal'));
    useFetchSpy();
    let el = await show(durable.retirement.id);
    expect(text(el.shadowRoot, '[part="eyebrow"]')).to.equal(messages.en['eyebrow.durable-removal']);
    expect(text(el.shadowRoot, '.certificate__headline')).to.contain((await commonIn('en'))['claim.removed-durably']);

    // One supplier's retirement may span projects of different kinds. The seed's suppliers keep to one
    // pathway each, so the case is made from a real two-project retirement whose second project is
    // served as the seed's destruction project would be: everything else is the registry's.
    const twoProjects = await findRetirement('retirement spanning two projects', ({ projects }) => projects.size === 2);
    const destroyer = (await findRetirement('destruction retirement', allOf('destruction'))).projects.values().next().value!;
    const [, second] = [...twoProjects.projects.keys()];
    const tampered = { ...twoProjects.projects.get(second!)!, pathway: destroyer.pathway, process_key: destroyer.process_key };
    const projects = new Map(twoProjects.projects).set(second!, tampered);
    const actions = twoProjects.batches.map((batch) => climateAction(projects.get(batch.project_id)?.pathway, projects.get(batch.project_id)?.process_key));
    const mixed: SeededRetirement = { ...twoProjects, projects, actions };
    expect(combinedAction(mixed.actions)).to.equal('mixed');
    expect(mixed.actions).to.include('destruction');
    useFetchSpy().respond = async (request) => (new URL(request.url).pathname.endsWith(`/projects/${second!}`) ? Response.json(tampered) : window.fetch(request));
    el = await show(mixed.retirement.id);
    const en = await commonIn('en');
    expect(text(el.shadowRoot, '[part="eyebrow"]')).to.equal(messages.en['eyebrow.mixed']);
    // Removal mixed with destruction: only the registry's own word.
    expect(text(el.shadowRoot, '.certificate__headline')).to.equal(`${claimTonnes(mixed.retirement.credit_batch_size_total.credit_kgs)} ${en[expectedClaimKey(mixed)]}`);
    expect(text(el.shadowRoot, '.certificate__headline')).to.not.match(/remov|destroy|permanen/i);
    for (const action of new Set(mixed.actions)) expect(text(el.shadowRoot, '[data-fact="action"]')).to.contain(en[`action.${action}`]);
    for (const [index, batch] of mixed.batches.entries()) {
      expect(text(el.shadowRoot!.querySelector(`[data-batch-id="${batch.id}"]`), '[data-fact="batch-action"]')).to.equal(en[`action.${mixed.actions[index]!}`]);
    }
  });

  it('shows the vintage as the year of removal, the issue date and the serial number each for what it is', async () => {
    const year = (value: string | null | undefined) => value?.slice(0, 4);
    const found = await findRetirement('batch removed in another year than issued', ({ batches }) => batches.some((batch) => year(batch.sequestered_on) !== year(batch.issued_at)));
    const batch = found.batches.find((each) => year(each.sequestered_on) !== year(each.issued_at))!;
    useFetchSpy();
    const el = await show(found.retirement.id);
    const item = el.shadowRoot!.querySelector(`[data-batch-id="${batch.id}"]`)!;
    expect(text(item, '[data-fact="vintage"]')).to.equal(year(batch.sequestered_on));
    expect(text(item, '[data-fact="vintage"]')).to.not.equal(year(batch.issued_at));
    expect(item.querySelector('[data-fact="removed-on"] time')!.getAttribute('datetime')).to.equal(batch.sequestered_on);
    expect(text(item, '[data-fact="removed-on"]')).to.equal(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${batch.sequestered_on}T00:00:00Z`)));
    expect(item.querySelector('[data-fact="issued-on"] time')!.getAttribute('datetime')).to.equal(batch.issued_at.slice(0, 10));
    expect(text(item, '[data-fact="issued-on"]')).to.contain(year(batch.issued_at));
    expect(text(item, '[data-fact="serial"]')).to.equal(batch.serial_number);
    // Each under its own label.
    const labels = [...item.querySelectorAll('.batch__facts dt')].map((dt) => dt.textContent?.trim());
    const kind = found.actions[found.batches.indexOf(batch)] === 'destruction' ? 'destruction' : 'removal';
    expect(labels).to.include.members([messages.en[`date.${kind}`], messages.en[`vintage.${kind}`], messages.en.issuedOn, messages.en.serialNumber]);
  });

  it('shows a missing removal date as missing, never as the issue date', async () => {
    const [first] = normal.batches;
    tamperBatches(normal.retirement.id, (batches) =>
      batches.map((batch) => {
        const copy: Partial<CreditBatch> = { ...batch };
        delete copy.sequestered_on;
        return copy as CreditBatch;
      }),
    );
    const el = await show(normal.retirement.id);
    const item = el.shadowRoot!.querySelector(`[data-batch-id="${first!.id}"]`)!;
    for (const fact of ['removed-on', 'vintage']) {
      expect(item.querySelector(`[data-fact="${fact}"]`)!.hasAttribute('data-missing'), fact).to.equal(true);
      expect(text(item, `[data-fact="${fact}"]`), fact).to.equal(messages.en.missing);
    }
    expect(item.querySelector('[data-fact="issued-on"] time')!.getAttribute('datetime')).to.equal(first!.issued_at.slice(0, 10));
  });

  it('names the supplier the credits come from', async () => {
    useFetchSpy();
    const el = await show(normal.retirement.id);
    const [supplierId] = new Set(normal.batches.map((batch) => batch.supplier_id));
    expect(text(el.shadowRoot, '[data-fact="supplier"]')).to.equal(await supplierName(supplierId!));
  });

  it('says it was checked against the N registry records it loaded, and lists the checks on focus and in print', async () => {
    const started = Date.now();
    useFetchSpy();
    const el = await show(normal.retirement.id);
    await expect(el).to.be.accessible();
    const line = check(el);
    expect(line.dataset.state).to.equal('passed');
    expect(line.getAttribute('role')).to.equal(null);
    const records = recordCount(normal);
    expect(text(line, '.check__summary')).to.match(new RegExp(`^Checked against ${records} registry records at .+\\.$`));
    const at = Date.parse(line.querySelector('time')!.getAttribute('datetime')!);
    expect(at).to.be.within(started - 1000, Date.now());
    const details = el.shadowRoot!.querySelector<HTMLElement>('[part~="check-details"]')!;
    expect(line.getAttribute('aria-describedby')).to.equal(details.id);
    expect(details.querySelector('a')).to.equal(null);
    for (const rule of ['sum', 'retired', 'one-supplier', 'retirement-id', 'beneficiary', 'not-buffer'] as const) {
      expect(details.textContent).to.contain(messages.en[`rule.${rule}`]);
    }
    expect(getComputedStyle(details).display).to.equal('none');
    line.focus();
    expect(getComputedStyle(details).display).to.not.equal('none');
    line.blur();
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(details).display).to.not.equal('none');
  });

  it('gives the headline amount its registry records and as-of time', async () => {
    useFetchSpy();
    const el = await show(normal.retirement.id);
    const figure = el.shadowRoot!.querySelector<HTMLElement>('[part="title"] .has-provenance')!;
    const note = el.shadowRoot!.getElementById(figure.getAttribute('aria-describedby')!)!;
    expect(figure.tabIndex).to.equal(0);
    for (const id of [normal.retirement.id, ...normal.batches.map((batch) => batch.id)]) expect(note.textContent).to.contain(id);
    expect(note.querySelector('.provenance__as-of')).to.not.equal(null);
  });

  it('warns, naming the batch, when a batch is not retired', async () => {
    const [first] = normal.batches;
    tamperBatches(normal.retirement.id, (batches) => batches.map((batch, index) => (index === 0 ? { ...batch, status: 'active' } : batch)));
    const el = await show(normal.retirement.id);
    await expect(el).to.be.accessible();
    const box = check(el);
    expect(box.dataset.state).to.equal('failed');
    expect(box.getAttribute('role')).to.equal(null);
    expect(box.querySelector('svg.check__icon')).to.not.equal(null);
    expect(getComputedStyle(box).display).to.not.equal('none');
    expect(text(box, '.check__title')).to.equal(messages.en['check.failed']);
    expect(text(box, '[data-rule="retired"]')).to.equal(messages.en['fail.retired'].replace('{batches}', `${first!.id} (active)`));
  });

  it('warns when the batches do not add up to the amount, naming both figures', async () => {
    const amount = normal.retirement.credit_batch_size_total.credit_kgs;
    tamperBatches(normal.retirement.id, (batches) => batches.map((batch, index) => (index === 0 ? { ...batch, size: { credits: batch.size.credits, credit_kgs: batch.size.credit_kgs - 1 } } : batch)));
    const el = await show(normal.retirement.id);
    expect(check(el).dataset.state).to.equal('failed');
    const expected = messages.en['fail.sum'].replace('{batches}', `${tonnes(amount - 1)} CO₂e`).replace('{amount}', `${tonnes(amount)} CO₂e`);
    expect(text(check(el), '[data-rule="sum"]')).to.equal(expected);
  });

  it('warns about batches of two suppliers, of another retirement or for another beneficiary', async () => {
    const other = await findRetirement('retirement of another supplier and beneficiary', ({ retirement, batches }) =>
      batches.every((batch) => batch.supplier_id !== normal.batches[0]!.supplier_id) && retirement.beneficiary.id !== normal.retirement.beneficiary.id,
    );
    const stranger = other.batches[0]!;
    tamperBatches(normal.retirement.id, (batches) => [...batches, { ...stranger, size: { credits: 0, credit_kgs: 0 } }]);
    const el = await show(normal.retirement.id);
    const box = check(el);
    const suppliers = [normal.batches[0]!.supplier_id, stranger.supplier_id];
    expect(text(box, '[data-rule="one-supplier"]')).to.equal(messages.en['fail.one-supplier'].replace('{suppliers}', (await Promise.all(suppliers.map(supplierName))).join(', ')));
    expect(text(box, '[data-rule="retirement-id"]')).to.equal(messages.en['fail.retirement-id'].replace('{batches}', stranger.id));
    expect(text(box, '[data-rule="beneficiary"]')).to.equal(messages.en['fail.beneficiary'].replace('{batches}', stranger.id));
    expect(box.querySelector('[data-rule="sum"]')).to.equal(null);
  });

  it('says prominently that a buffer pool retirement is not a buyer’s claim', async () => {
    const page = await get<RetirementPage>(`/retirements?first=50&beneficiary_org_id=${SAMPLE_IDS.bufferPoolOrganisation}`);
    const retirement = page.nodes.find((node: Retirement) => isBufferRetirement(node));
    expect(retirement, 'the seed has a buffer pool retirement').to.not.equal(undefined);
    const found = await seeded(retirement!);
    useFetchSpy();
    const el = await show(found.retirement.id);
    const box = check(el);
    expect(box.dataset.state).to.equal('failed');
    expect(text(box, '[data-rule="not-buffer"]')).to.equal(messages.en['fail.not-buffer']);
    expect(text(el.shadowRoot, '[part="eyebrow"]')).to.equal(messages.en['eyebrow.buffer']);
    expect(text(el.shadowRoot, '.certificate__headline')).to.equal(`${claimTonnes(found.retirement.credit_batch_size_total.credit_kgs)} ${(await commonIn('en'))['claim.retired']}`);
  });
});
