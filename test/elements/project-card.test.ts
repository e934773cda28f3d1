import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import '../../src/elements/project-card/project-card.js';
import type { IsoProjectCard } from '../../src/elements/project-card/project-card.js';
import type { Project } from '../../src/data/types.js';
import { dataElementSuite, localeReady, holdResponses, useFetchSpy } from '../support/data-element-suite.js';
import { configure, currentConfig } from '../../src/data/config.js';
import { sharedCache } from '../../src/elements/shared/registry-controller.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';
import { scrolledIntoView } from '../support/elements.js';
import { regionNamed } from '../support/regions.js';
import { climateAction } from '../../src/shared/claims.js';
import { commonEn } from '../../src/i18n/common.js';
import commonDe from '../../src/i18n/common.de.js';
import commonFr from '../../src/i18n/common.fr.js';
import { protocolName } from '../../src/elements/project-card/protocols.js';
import { claimTonnes } from '../support/claim-figure.js';

/** Kilograms as the card shows them: rounded down by magnitude (docs/claims.md). */
function tonnes(kg: bigint | number, locale = 'en-US'): string {
  // text() collapses the no-break space before the unit.
  return claimTonnes(kg, locale).replace('\u00a0', ' ');
}

/** The project's figures as a buyer reads them, from the registry's own totals: the buffer pool subtracted. */
function ordinary(project: Project): { issued: bigint; retired: bigint; issuedBuffer: bigint; retiredBuffer: bigint; share: number } {
  const issuedBuffer = BigInt(project.issued_buffer_pool_credits_total.credit_kgs);
  const retiredBuffer = BigInt(project.retired_buffer_pool_credits_total.credit_kgs);
  const issued = BigInt(project.issued_credits_total.credit_kgs) - issuedBuffer;
  const retired = BigInt(project.retired_credits_total.credit_kgs) - retiredBuffer;
  // Rounded down to one decimal: a share is never shown larger than it is.
  return { issued, retired, issuedBuffer, retiredBuffer, share: Number((retired * 1000n) / issued) / 10 };
}

function percent(share: number, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share / 100);
}

/** Real projects from the local registry behind the test runner's /api proxy. */
async function projects(): Promise<Project[]> {
  const response = await window.fetch('/api/projects?first=50');
  const body = (await response.json()) as { nodes: Project[] };
  return body.nodes;
}

function loaded(el: IsoProjectCard): boolean {
  return el.shadowRoot?.querySelector('[part="title"]')?.textContent?.trim() !== '' && !!el.shadowRoot?.querySelector('[data-figure="issued"]');
}

function text(el: IsoProjectCard, selector: string): string {
  return el.shadowRoot?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}


/** The sRGB bytes a CSS colour paints, whatever colour space it is written in. */
function painted(color: string): number[] {
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}

describe('<iso-project-card>', () => {
  let all: Project[];
  before(async () => {
    all = await projects();
  });
  afterEach(() => configure({ fetch: undefined, endpoint: undefined }));

  it('is accessible once loaded', async () => {
    useFetchSpy();
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${all[0]!.id} show-documents></iso-project-card>`);
    await waitUntil(() => loaded(el));
    await expect(el).to.be.accessible();
  });

  it('is accessible while loading and in the error state', async () => {
    const spy = useFetchSpy();
    spy.respond = () => new Promise(() => {});
    const loading = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${all[0]!.id}></iso-project-card>`);
    await expect(loading).to.be.accessible();
    const invalid = await fixture<IsoProjectCard>(html`<iso-project-card project-id="nope"></iso-project-card>`);
    await waitUntil(() => invalid.shadowRoot?.querySelector('[part="error"]'));
    await expect(invalid).to.be.accessible();
  });

  it('renders the project from the registry', async () => {
    useFetchSpy();
    const project = all.find((p) => p.validator_name && p.location && p.issued_credits_total.credit_kgs > 0)!;
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} locale="en-US"></iso-project-card>`);
    await waitUntil(() => loaded(el));
    expect(text(el, '[part="title"]')).to.equal(project.name);
    expect(text(el, '[part="header"]')).to.contain(project.supplier.organisation.name);
    expect(text(el, '[part="facts"]')).to.contain(protocolName(project.protocol_slug));
    expect(text(el, '[part="facts"]')).to.contain(project.validator_name!);
    expect(text(el, '[part="facts"]')).to.contain(project.location!.country_name);
    expect(text(el, '[data-figure="issued"]')).to.equal(tonnes(ordinary(project).issued));
    expect(el.shadowRoot!.querySelector('[part="title"]')!.getAttribute('aria-level')).to.equal('3');
  });

  it('shows every fact and figure of the project, each under its label', async () => {
    useFetchSpy();
    const project = all.find((p) => p.current_verifier_name && p.crediting_period_start && p.crediting_period_end && p.location && p.retired_credits_total.credit_kgs > 0)!;
    expect(project, 'a seeded project with every field').to.not.equal(undefined);
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} locale="en-US"></iso-project-card>`);
    await waitUntil(() => loaded(el));
    const facts = new Map(
      [...el.shadowRoot!.querySelectorAll('[part="facts"] dt')].map((dt) => [dt.textContent!.trim(), dt.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim()]),
    );
    facts.delete('Protocol');
    expect(text(el, '[part="protocol"]')).to.equal(protocolName(project.protocol_slug));
    const date = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : undefined }).format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
    expect(Object.fromEntries(facts)).to.deep.equal({
      'Climate action': commonEn[`action.${climateAction(project.pathway, project.process_key)}`],
      Location: [project.location!.description, project.location!.country_name].filter(Boolean).join(', '),
      Validator: project.validator_name ?? 'Not assigned',
      Verifier: project.current_verifier_name,
      'Crediting period': `${date(project.crediting_period_start!)} – ${date(project.crediting_period_end!)}`,
    });
    const { retired, share } = ordinary(project);
    expect(text(el, '[data-figure="retired"]')).to.equal(tonnes(retired));
    expect(text(el, '[data-figure="share"]')).to.equal(percent(share));
    const bar = el.shadowRoot!.querySelector<HTMLElement>('.bar__fill')!;
    expect(bar.style.getPropertyValue('inline-size')).to.equal(`${share}%`);
    const mark = el.shadowRoot!.querySelector('[part="mark"]')!;
    expect(mark.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(mark).backgroundColor).to.not.equal(getComputedStyle(el.shadowRoot!.querySelector('[part="base"]')!).backgroundColor);
  });

  it('reuses a loaded project for configure({ cacheTtl }), and asks again when it is 0', async () => {
    const spy = useFetchSpy();
    const id = all[1]!.id;
    const requests = () => spy.requests.filter((request) => new URL(request.url).pathname.endsWith(`/projects/${id}`)).length;
    const card = async () => {
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${id}></iso-project-card>`);
      await waitUntil(() => loaded(el));
    };
    const before = currentConfig().cacheTtl;
    try {
      configure({ cacheTtl: 60_000 });
      await card();
      await card();
      expect(requests(), 'a later card within the TTL reuses the response').to.equal(1);
      configure({ cacheTtl: 0 });
      sharedCache.clear();
      await card();
      await card();
      expect(requests(), 'with cacheTtl 0 every later card asks the proxy').to.equal(3);
    } finally {
      configure({ cacheTtl: before });
    }
  });

  it('labels pathway and status in words and falls back for values it does not know', async () => {
    const spy = useFetchSpy();
    const project = all[0]!;
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id}></iso-project-card>`);
    await waitUntil(() => loaded(el));
    expect(text(el, '[part="header"]')).to.not.contain('_');

    spy.respond = async () => {
      const real = (await (await window.fetch(`/api/projects/${project.id}`)).json()) as Project;
      return Response.json({ ...real, id: 'prj_NEWPATHWAY000001', pathway: 'ocean_alkalinity_boost', status: 'suspended', brand_new_field: 1 });
    };
    const unknown = await fixture<IsoProjectCard>(html`<iso-project-card project-id="prj_NEWPATHWAY000001"></iso-project-card>`);
    await waitUntil(() => loaded(unknown));
    expect(text(unknown, '[part="header"]')).to.contain('Ocean alkalinity boost');
    expect(text(unknown, '[part="status"]')).to.equal('Suspended');
  });

  it('explains an invalid id and a failing proxy in the element language', async () => {
    const spy = useFetchSpy();
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const invalid = await fixture<IsoProjectCard>(html`<iso-project-card project-id="projekt-42" locale="de"></iso-project-card>`);
      await waitUntil(() => invalid.shadowRoot?.querySelector('[part="error"]'));
      await localeReady(invalid);
      expect(text(invalid, '[part="error"]')).to.contain('„projekt-42“ ist keine gültige project-id');
      // The console keeps the English original for developers.
      expect(warnings.some((w) => w.includes('"projekt-42" is not a valid project-id'))).to.equal(true);

      spy.respond = async () => Response.json({ error: 'upstream_error', message: 'Upstream failed.' }, { status: 502 });
      const failing = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${all[2]!.id} locale="fr"></iso-project-card>`);
      await waitUntil(() => failing.shadowRoot?.querySelector('[part="retry-button"]'));
      await localeReady(failing);
      expect(text(failing, '[part="error"]')).to.contain('Le registre est injoignable');
      expect(text(failing, '[part="retry-button"]')).to.equal('Réessayer');
    } finally {
      console.warn = warn;
    }
  });

  it('keeps English text and figures left-to-right inside a right-to-left layout', async () => {
    useFetchSpy();
    // Hebrew: a right-to-left language the kit has no strings for, so its text falls back to English.
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${all[0]!.id} locale="he"></iso-project-card>`);
    await waitUntil(() => loaded(el));
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('dir')).to.equal('rtl');
    // U+2066 LEFT-TO-RIGHT ISOLATE … U+2069 POP DIRECTIONAL ISOLATE around the English label and the figure.
    expect(el.shadowRoot!.querySelector('.figure dt')!.textContent).to.match(/^\u2066Issued for sale\u2069$/);
    expect(el.shadowRoot!.querySelector('[data-figure="issued"]')!.textContent).to.match(/^\u2066[\d,.]+\u00a0t\u2069$/);

    const ltr = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${all[0]!.id} locale="en"></iso-project-card>`);
    await waitUntil(() => loaded(ltr));
    expect(ltr.shadowRoot!.querySelector('.figure dt')!.textContent).to.equal('Issued for sale');
  });

  it('formats figures in the element locale', async () => {
    useFetchSpy();
    const project = all.find((p) => p.issued_credits_total.credit_kgs >= 1_000_000)!;
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} locale="de-DE"></iso-project-card>`);
    await waitUntil(() => loaded(el));
    await localeReady(el);
    expect(text(el, '[data-figure="issued"]')).to.equal(tonnes(ordinary(project).issued, 'de-DE'));
    expect(text(el, '.figure dt')).to.equal('Zum Verkauf ausgegeben');
  });

  it('makes one request for ten cards showing the same project', async () => {
    const spy = useFetchSpy();
    const id = all[1]!.id;
    const container = await fixture(html`<div>${Array.from({ length: 10 }, () => html`<iso-project-card project-id=${id}></iso-project-card>`)}</div>`);
    const cards = [...container.querySelectorAll('iso-project-card')];
    await waitUntil(() => cards.every(loaded));
    expect(spy.requests.filter((r) => r.url.endsWith(`/projects/${id}`))).to.have.length(1);
  });

  it('lists documents with show-documents', async () => {
    const spy = useFetchSpy();
    let withDocuments: Project | undefined;
    for (const project of all) {
      const response = await window.fetch(`/api/projects/${project.id}/documents`);
      if (((await response.json()) as { total_count: number }).total_count > 0) {
        withDocuments = project;
        break;
      }
    }
    expect(withDocuments, 'the local registry has a project with documents').to.not.equal(undefined);
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${withDocuments!.id} show-documents></iso-project-card>`);
    await waitUntil(() => loaded(el) && el.shadowRoot!.querySelectorAll('[part="documents"] li').length > 0);
    expect(spy.requests.some((r) => r.url.includes('/documents'))).to.equal(true);
    for (const a of el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="documents"] a')) expect(a.protocol).to.match(/^https?:$/);
  });

  it('shows the project and a documents error with a retry that reloads only the documents', async () => {
    const spy = useFetchSpy();
    const id = SAMPLE_IDS.projectWithDocuments;
    const isDocuments = (request: Request) => new URL(request.url).pathname.endsWith('/documents');
    spy.respond = async (request) => (isDocuments(request) ? Response.json({ error: 'upstream_error', message: 'Upstream failed.' }, { status: 502 }) : window.fetch(request));
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${id} show-documents locale="en"></iso-project-card>`);
    const documentsError = () => el.shadowRoot!.querySelector('[part="documents"] [part="error"]');
    await waitUntil(() => loaded(el) && documentsError(), 'no documents error');
    // The card itself is loaded: one error box, and it sits in the documents section.
    expect(text(el, '[part="title"]')).to.not.equal('');
    expect(el.shadowRoot!.querySelectorAll('[part~="error"]')).to.have.length(1);
    expect(documentsError()!.getAttribute('data-error-kind')).to.equal('unavailable');
    expect(documentsError()!.getAttribute('role')).to.equal('alert');
    expect(text(el, '[part="documents"]')).to.contain('Project documents').and.contain('The registry could not be reached');
    await expect(el).to.be.accessible();

    spy.respond = (request) => window.fetch(request);
    const before = spy.requests.length;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="documents"] [part="retry-button"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="documents"] li').length > 0, 'retry did not load the documents');
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    expect(spy.requests.slice(before).map((r) => new URL(r.url).pathname)).to.deep.equal([`/api/projects/${id}/documents`]);
    expect(text(el, '[part="title"]')).to.not.equal('');
  });

  it('keeps the card-level error for a failed or invalid project, with or without documents', async () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const spy = useFetchSpy();
      const id = SAMPLE_IDS.projectWithDocuments;
      const isProject = (request: Request) => new URL(request.url).pathname === `/api/projects/${id}`;
      const cardError = (el: IsoProjectCard) => el.shadowRoot!.querySelector('[part="base"] > .reserve > [part="error"]')?.getAttribute('data-error-kind');
      // The error sits in the skeleton's box; the invisible skeleton keeps its size, and is not content.
      const shown = (el: IsoProjectCard, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)].filter((node) => !node.closest('.reserve__space'));

      spy.respond = async (request) => (isProject(request) ? Response.json({ error: 'upstream_error', message: 'Upstream failed.' }, { status: 502 }) : window.fetch(request));
      const failed = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${id} show-documents></iso-project-card>`);
      await waitUntil(() => cardError(failed) === 'unavailable', 'no card-level error for a failed project request');
      expect(shown(failed, '[part="documents"], [part="title"]')).to.deep.equal([]);

      sharedCache.clear();
      spy.respond = async (request) => (isProject(request) ? Response.json({ id, status: 'validated' }) : window.fetch(request));
      const invalid = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${id} show-documents></iso-project-card>`);
      await waitUntil(() => cardError(invalid) === 'invalid-response', 'no card-level error for an invalid project');
      expect(shown(invalid, '[part="documents"], [part="title"]')).to.deep.equal([]);

      // Retrying the card reloads the project and the documents.
      spy.respond = (request) => window.fetch(request);
      invalid.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
      await waitUntil(() => loaded(invalid) && invalid.shadowRoot!.querySelectorAll('[part="documents"] li').length > 0, 'retry did not load the card');
    } finally {
      console.warn = warn;
    }
  });

  it('renders hostile API text as text and refuses non-http links', async () => {
    const spy = useFetchSpy();
    spy.respond = async (request) => {
      const real = (await (await window.fetch(`/api/projects/${all[0]!.id}`, { signal: request.signal })).json()) as Project;
      return Response.json({ ...real, name: '<img src=x onerror="window.__pwned=1">Kiln', url: 'javascript:alert(1)' });
    };
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${all[0]!.id}></iso-project-card>`);
    await waitUntil(() => loaded(el));
    expect(text(el, '[part="title"]')).to.equal('<img src=x onerror="window.__pwned=1">Kiln');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="link"]')).to.equal(null);
  });

  it('keeps its size from skeleton to loaded content', async () => {
    const spy = useFetchSpy();
    const release = holdResponses(spy);
    // A typical issuing project: a short name and a buffer pool allocation (the skeleton holds its line).
    const project = all.find((p) => p.name.length < 30 && p.issued_buffer_pool_credits_total.credit_kgs > 0)!;
    const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} style="width: 520px"></iso-project-card>`);
    // As drawn: before its first frame a card has its placeholder size (content-visibility: auto).
    await scrolledIntoView(el);
    const skeletonHeight = el.getBoundingClientRect().height;
    release();
    await waitUntil(() => loaded(el));
    const loadedHeight = el.getBoundingClientRect().height;
    expect(Math.abs(loadedHeight - skeletonHeight)).to.be.lessThan(4);
  });

  it('follows a lang change above it and a locale change on it', async () => {
    useFetchSpy();
    const holder = await fixture<HTMLElement>(html`<section lang="en"><iso-project-card project-id=${all[0]!.id}></iso-project-card></section>`);
    const el = holder.querySelector<IsoProjectCard>('iso-project-card')!;
    await waitUntil(() => loaded(el));
    const label = () => text(el, '[part="figures"] dt');
    expect(label()).to.equal('Issued for sale');
    const place = () => text(el, '[part="facts"] dd:nth-of-type(2)');
    const country = all[0]!.location?.country_name ?? '';
    expect(place()).to.contain(country, 'in English, the registry\'s name of the country');
    holder.lang = 'de';
    await waitUntil(() => label() === 'Zum Verkauf ausgegeben', `still "${label()}" after lang="de"`);
    // In German, the region whose English name is the registry's, as Intl names it in German.
    await localeReady(el);
    expect(place()).to.contain(regionNamed(country, 'de'));
    el.locale = 'fr';
    await waitUntil(() => label() === 'Émis pour la vente', `still "${label()}" after locale="fr"`);
    el.locale = null;
    await waitUntil(() => label() === 'Zum Verkauf ausgegeben', `still "${label()}" without a locale`);
  });

  it('lays out only near the viewport: a card far down the page skips its content until scrolled to', async () => {
    useFetchSpy();
    const project = all[0]!;
    const holder = await fixture<HTMLElement>(html`<div>
      <div style="block-size: 300vh"></div>
      <iso-project-card project-id=${project.id}></iso-project-card>
    </div>`);
    const el = holder.querySelector<IsoProjectCard>('iso-project-card')!;
    await waitUntil(() => loaded(el));
    const title = el.shadowRoot!.querySelector('[part="title"]')!;
    // Rendered into the DOM and the accessibility tree, but not laid out.
    expect(title.textContent).to.equal(project.name);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(title.checkVisibility({ contentVisibilityAuto: true }), 'skipped while far away').to.equal(false);
    const placeholder = el.getBoundingClientRect().height;
    await scrolledIntoView(el);
    expect(title.checkVisibility({ contentVisibilityAuto: true }), 'laid out once in view').to.equal(true);
    // The placeholder is about as tall as the card, so the page barely moves when it is laid out.
    const height = el.getBoundingClientRect().height;
    expect(Math.abs(placeholder - height) / height, `placeholder ${placeholder}px, card ${height}px`).to.be.lessThan(0.1);
    await expect(el).to.be.accessible();
  });

  describe('figures with the buffer pool kept apart', () => {
    /** A seeded project from which the buffer pool retired credits to compensate a reversal. */
    function withBufferRetirement(): Project {
      const project = all.find((p) => p.retired_buffer_pool_credits_total.credit_kgs > 0 && p.issued_credits_total.credit_kgs > p.issued_buffer_pool_credits_total.credit_kgs);
      expect(project, 'the local registry has a project with a buffer retirement').to.not.equal(undefined);
      return project!;
    }

    it('shows issued for sale, retired by buyers and their share without the buffer pool, and the buffer apart', async () => {
      useFetchSpy();
      const project = withBufferRetirement();
      const { issued, retired, issuedBuffer, retiredBuffer, share } = ordinary(project);
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} locale="en-US"></iso-project-card>`);
      await waitUntil(() => loaded(el));
      expect(text(el, '[data-figure="issued"]')).to.equal(tonnes(issued));
      expect(text(el, '[data-figure="retired"]')).to.equal(tonnes(retired));
      expect(text(el, '[data-figure="share"]')).to.equal(percent(share));
      expect(el.shadowRoot!.querySelector<HTMLElement>('.bar__fill')!.style.getPropertyValue('inline-size')).to.equal(`${share}%`);
      // The registry's totals, which include the buffer pool, appear nowhere as a buyer's figure.
      expect(text(el, '[part="figures"]')).to.not.contain(tonnes(project.retired_credits_total.credit_kgs));
      expect(text(el, '[part="figures"]')).to.not.contain(tonnes(project.issued_credits_total.credit_kgs));
      const labels = [...el.shadowRoot!.querySelectorAll('[part="figures"] dt')].map((dt) => dt.textContent!.trim());
      expect(labels).to.deep.equal(['Issued for sale', 'Retired by buyers', 'Retired share']);

      const buffer = el.shadowRoot!.querySelector('[part="buffer"]')!;
      expect(buffer, 'the buffer pool is shown').to.not.equal(null);
      expect(text(el, '[part="buffer"] dt')).to.equal('Buffer pool');
      expect(text(el, '[data-figure="buffer-issued"]')).to.equal(tonnes(issuedBuffer));
      expect(text(el, '[data-figure="buffer-retired"]')).to.equal(tonnes(retiredBuffer));
      expect(text(el, '[part="buffer"] dd')).to.contain(`${tonnes(issuedBuffer)} allocated against reversals`);
      expect(text(el, '[part="buffer"] dd')).to.contain(`${tonnes(retiredBuffer)} retired to compensate reversals`);
      // Apart from the buyers' figures, not one of them.
      expect(buffer.closest('[part="figures"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows no buffer line for a project without a buffer pool', async () => {
      useFetchSpy();
      const project = all.find((p) => p.issued_credits_total.credit_kgs > 0 && p.issued_buffer_pool_credits_total.credit_kgs === 0 && p.retired_buffer_pool_credits_total.credit_kgs === 0);
      expect(project, 'the local registry has an issuing project without a buffer pool').to.not.equal(undefined);
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project!.id} locale="en-US"></iso-project-card>`);
      await waitUntil(() => loaded(el));
      expect(el.shadowRoot!.querySelector('[part="buffer"]')).to.equal(null);
      expect(text(el, '[data-figure="issued"]')).to.equal(tonnes(project!.issued_credits_total.credit_kgs));
    });

    it('never rounds the retired share up', async () => {
      const spy = useFetchSpy();
      const project = all.find((p) => p.issued_credits_total.credit_kgs > 0)!;
      // 8.46 % retired: one decimal shows 8.4 %, not 8.5 %.
      spy.respond = async () =>
        Response.json({
          ...project,
          id: 'prj_ROUNDINGDOWN0001',
          issued_credits_total: { credits: 110, credit_kgs: 110_000 },
          issued_buffer_pool_credits_total: { credits: 10, credit_kgs: 10_000 },
          retired_credits_total: { credits: 18.46, credit_kgs: 18_460 },
          retired_buffer_pool_credits_total: { credits: 10, credit_kgs: 10_000 },
        });
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id="prj_ROUNDINGDOWN0001" locale="en-US"></iso-project-card>`);
      await waitUntil(() => loaded(el));
      expect(text(el, '[data-figure="share"]')).to.equal('8.4%');
      expect(text(el, '[data-figure="retired"]')).to.equal('8.46 t');
      expect(text(el, '[data-figure="issued"]')).to.equal('100 t');
    });

    for (const [locale, catalog, labels] of [
      ['de', commonDe, { issued: 'Zum Verkauf ausgegeben', buffer: 'Pufferpool', allocated: 'als Reserve gegen Umkehrungen zurückgelegt', compensated: 'zum Ausgleich von Umkehrungen stillgelegt' }],
      ['fr', commonFr, { issued: 'Émis pour la vente', buffer: 'Réserve tampon', allocated: 'mis en réserve contre les réversions', compensated: 'retirés pour compenser des réversions' }],
    ] as const) {
      it(`says it in ${locale}: the buffer's own labels and the kind of climate action from the common catalog`, async () => {
        useFetchSpy();
        const project = withBufferRetirement();
        const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} locale=${locale}></iso-project-card>`);
        await waitUntil(() => loaded(el));
        await localeReady(el);
        await waitUntil(() => text(el, '.figure dt') === labels.issued, `labels not in ${locale}`);
        expect(text(el, '[part="buffer"] dt')).to.equal(labels.buffer);
        expect(text(el, '[part="buffer"] dd')).to.contain(labels.allocated).and.contain(labels.compensated);
        expect(text(el, '[part="action"]')).to.equal(catalog[`action.${climateAction(project.pathway, project.process_key)}`]);
      });
    }
  });

  describe('kind of climate action and protocol', () => {
    it('names the kind of climate action of every seeded pathway, as claims.ts and the common catalog say', async () => {
      useFetchSpy();
      const byPathway = new Map(all.map((p) => [p.pathway, p]));
      for (const project of byPathway.values()) {
        const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} locale="en"></iso-project-card>`);
        await waitUntil(() => loaded(el));
        const kind = climateAction(project.pathway, project.process_key);
        expect(text(el, '[part="action"]'), project.pathway).to.equal(commonEn[`action.${kind}`]);
        // Destruction is never called removal, not even in the card's own words.
        if (kind === 'destruction') expect(text(el, '[part="action"]')).to.not.match(/remov/i);
      }
    });

    it('says "other climate action" for a pathway new to the kit', async () => {
      const spy = useFetchSpy();
      const project = all[0]!;
      spy.respond = async () => Response.json({ ...project, id: 'prj_NEWKINDOFACTION1', pathway: 'ocean_iron_fertilisation', process_key: 'iron_seeding' });
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id="prj_NEWKINDOFACTION1" locale="en"></iso-project-card>`);
      await waitUntil(() => loaded(el));
      expect(text(el, '[part="action"]')).to.equal(commonEn['action.unknown']);
    });

    it('shows the protocol by its published name, keeps the slug in its title, and humanises a slug it does not know', async () => {
      const spy = useFetchSpy();
      const project = all.find((p) => p.id === SAMPLE_IDS.project)!;
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} locale="de"></iso-project-card>`);
      await waitUntil(() => loaded(el));
      const protocol = el.shadowRoot!.querySelector('[part="protocol"]')!;
      expect(protocol.getAttribute('title')).to.equal(project.protocol_slug);
      expect(protocol.textContent).to.not.equal(project.protocol_slug);
      expect(protocol.textContent).to.not.match(/[a-z]-[a-z]/);
      if (project.protocol_slug === 'biochar-production-and-storage') expect(protocol.textContent).to.equal('Biochar Production and Storage');

      spy.respond = async () => Response.json({ ...project, id: 'prj_NEWPROTOCOL00001', protocol_slug: 'soil-carbon-in-grazing-lands-v2' });
      const unknown = await fixture<IsoProjectCard>(html`<iso-project-card project-id="prj_NEWPROTOCOL00001"></iso-project-card>`);
      await waitUntil(() => loaded(unknown));
      expect(text(unknown, '[part="protocol"]')).to.equal('Soil carbon in grazing lands v2');
      expect(unknown.shadowRoot!.querySelector('[part="protocol"]')!.getAttribute('title')).to.equal('soil-carbon-in-grazing-lands-v2');
    });
  });

  describe('provenance', () => {
    it('names the project record, linked to its registry page, and when it was fetched, on each headline figure', async () => {
      useFetchSpy();
      const project = all.find((p) => p.retired_buffer_pool_credits_total.credit_kgs > 0) ?? all[0]!;
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${project.id} locale="en-US"></iso-project-card>`);
      await waitUntil(() => loaded(el));
      for (const figure of ['issued', 'retired', 'share']) {
        const value = el.shadowRoot!.querySelector(`[data-figure="${figure}"]`)!;
        const holder = value.closest<HTMLElement>('.has-provenance')!;
        expect(holder, figure).to.not.equal(null);
        expect(holder.tabIndex).to.equal(0);
        const note = el.shadowRoot!.getElementById(holder.getAttribute('aria-describedby')!)!;
        expect(note.getAttribute('part')).to.equal('provenance');
        expect(note.textContent).to.contain(project.name).and.contain(project.id).and.match(/As of /);
        const link = note.querySelector('a')!;
        expect(link.href).to.equal(new URL(project.url).href);
        // Hidden until asked for; shown on focus.
        expect(getComputedStyle(note).display).to.equal('none');
        holder.focus();
        expect(getComputedStyle(note).display).to.equal('block');
        holder.blur();
      }
      expect(el.shadowRoot!.querySelector('[part="buffer"] .has-provenance [part="provenance"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });

    it('does not link a record whose url is not http(s)', async () => {
      const spy = useFetchSpy();
      spy.respond = async () => Response.json({ ...all[0]!, id: 'prj_NOTLINKED0000001', url: 'javascript:alert(1)' });
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id="prj_NOTLINKED0000001"></iso-project-card>`);
      await waitUntil(() => loaded(el));
      expect(el.shadowRoot!.querySelectorAll('[part="provenance"]').length).to.be.greaterThan(2);
      expect(el.shadowRoot!.querySelector('[part="provenance"] a')).to.equal(null);
    });
  });

  describe('layout', () => {
    /** Whether every line box of `node`'s text sits on one line. */
    const oneLine = (node: Element) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
      return tops.size === 1;
    };

    it('keeps each figure with its unit on one line at 320 px, the exact figure in its title and note', async () => {
      useFetchSpy();
      const container = await fixture<HTMLDivElement>(html`<div style="width: 320px"><iso-project-card project-id=${SAMPLE_IDS.project} locale="en-US"></iso-project-card></div>`);
      const el = container.querySelector('iso-project-card')!;
      await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
      const figures = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-figure]')];
      expect(figures.length).to.be.at.least(3);
      for (const figure of figures) expect(oneLine(figure), `${figure.dataset.figure} breaks: ${figure.textContent}`).to.equal(true);
      const retired = el.shadowRoot!.querySelector<HTMLElement>('[data-figure="retired"]')!;
      const exact = retired.dataset.exact!;
      expect(exact).to.match(/\d\u00a0t$/);
      if (retired.textContent !== exact) {
        expect(retired.title).to.equal(exact);
        expect(el.shadowRoot!.getElementById('provenance-retired')!.textContent).to.contain(`Exactly ${exact}.`);
      }
    });

    it('fills its container, and keeps --iso-project-card-max-width when set', async () => {
      useFetchSpy();
      const container = await fixture<HTMLDivElement>(html`<div style="width: 1000px">
        <iso-project-card project-id=${SAMPLE_IDS.project}></iso-project-card>
        <iso-project-card project-id=${SAMPLE_IDS.project} style="--iso-project-card-max-width: 20rem"></iso-project-card>
      </div>`);
      const [wide, capped] = [...container.querySelectorAll('iso-project-card')];
      await waitUntil(() => loaded(wide!) && loaded(capped!), 'not loaded', { timeout: 5000 });
      const width = (el: Element) => el.shadowRoot!.querySelector('[part="base"]')!.getBoundingClientRect().width;
      expect(width(wide!)).to.equal(1000);
      expect(width(capped!)).to.equal(320);
    });

    it('puts its three figures in one row or one column at every width, never two and one', async () => {
      useFetchSpy();
      const container = await fixture<HTMLDivElement>(html`<div style="width: 700px"><iso-project-card project-id=${SAMPLE_IDS.project}></iso-project-card></div>`);
      const el = container.querySelector('iso-project-card')!;
      await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
      const rows = new Set<number>();
      for (const width of [260, 300, 340, 360, 400, 480, 560, 700]) {
        container.style.width = `${width}px`;
        await el.updateComplete;
        const tops = new Set([...el.shadowRoot!.querySelectorAll('.figure')].map((figure) => Math.round(figure.getBoundingClientRect().top)));
        expect([1, 3], `${width} px: ${tops.size} rows of figures`).to.include(tops.size);
        rows.add(tops.size);
      }
      expect([...rows].sort()).to.deep.equal([1, 3]);
    });

    it('with layout="row", lines up with the cards beside it: equal heights, figures and link at one height', async () => {
      useFetchSpy();
      const ids = [all[0]!.id, all[1]!.id, all[2]!.id];
      const container = await fixture<HTMLDivElement>(html`<div style="display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; width: 1100px; align-items: start">
        ${ids.map((id, index) => html`<iso-project-card project-id=${id} layout="row" ?show-documents=${index === 1}></iso-project-card>`)}
      </div>`);
      const cards = [...container.querySelectorAll('iso-project-card')];
      await waitUntil(() => cards.every((card) => loaded(card) && (!card.showDocuments || card.shadowRoot!.querySelector('[part="documents"] li, [part="documents"] p'))), 'not loaded', { timeout: 5000 });
      const top = (card: Element, selector: string) => Math.round(card.shadowRoot!.querySelector(selector)!.getBoundingClientRect().top);
      const heights = new Set(cards.map((card) => Math.round(card.shadowRoot!.querySelector('[part="base"]')!.getBoundingClientRect().height)));
      expect(heights.size, `heights ${[...heights].join(', ')}`).to.equal(1);
      expect(new Set(cards.map((card) => top(card, '[part="facts"]'))).size, 'facts').to.equal(1);
      expect(new Set(cards.map((card) => top(card, '.card__footer'))).size, 'footer').to.equal(1);
      expect(cards[0]!.getAttribute('layout')).to.equal('row');
    });

    it('draws its pathway mark in the accent colour', async () => {
      useFetchSpy();
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${SAMPLE_IDS.project} style="--iso-color-accent: rgb(180, 69, 31)"></iso-project-card>`);
      await waitUntil(() => loaded(el), 'not loaded', { timeout: 5000 });
      // The theme may compute the accent in another colour space (color-mix in srgb-linear): compare what is painted.
      expect(painted(getComputedStyle(el.shadowRoot!.querySelector('[part="mark"]')!).backgroundColor)).to.deep.equal([180, 69, 31]);
    });

    it('keeps its box when it fails: the error sits in the skeleton\'s size', async () => {
      const spy = useFetchSpy();
      sharedCache.clear();
      spy.respond = async () => Response.json({ error: 'upstream_error', message: 'Upstream failed.' }, { status: 502 });
      const release = holdResponses(spy);
      const el = await fixture<IsoProjectCard>(html`<iso-project-card project-id=${SAMPLE_IDS.project} style="width: 400px"></iso-project-card>`);
      // Past content-visibility's first frame, which lays the card out at its estimated size.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const skeleton = el.getBoundingClientRect().height;
      release();
      await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'), 'no error', { timeout: 5000 });
      expect(Math.abs(el.getBoundingClientRect().height - skeleton), `${skeleton} → ${el.getBoundingClientRect().height}`).to.be.lessThan(1);
    });
  });

  dataElementSuite({
    tag: 'iso-project-card',
    valid: () => ({ 'project-id': all[0]!.id }),
    invalid: { 'project-id': 'project-42' },
    notFound: { 'project-id': 'prj_ZZZZZZZZZZZZZZZZ' },
    isLoaded: (el) => loaded(el as IsoProjectCard),
  });
});
