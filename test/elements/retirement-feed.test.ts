import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/retirement-feed/retirement-feed.js';
import type { IsoRetirementFeed } from '../../src/elements/retirement-feed/retirement-feed.js';
import { configure } from '../../src/data/config.js';
import { PollingController, systemClock, type PollingClock } from '../../src/elements/shared/polling-controller.js';
import type { CreditBatchList, Project, Retirement, RetirementPage } from '../../src/data/types.js';
import type { IsoRetirementSelectEvent } from '../../src/events/iso-retirement-select.js';
import { SAMPLE_IDS } from '../../src/local-registry/seed/sample-ids.js';
import { climateAction, isBufferRetirement } from '../../src/shared/claims.js';
import { dataElementSuite, errorKind, localeReady, holdResponses, useFetchSpy, type FetchSpy } from '../support/data-element-suite.js';

/** A clock whose timers run only when the test says so. */
class ManualClock implements PollingClock {
  time = 1_000_000;
  private readonly timers = new Map<number, { callback: () => void; ms: number }>();
  private nextId = 1;

  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.nextId++;
    this.timers.set(id, { callback, ms });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  now = (): number => this.time;

  /** Delays of the timers waiting to run. */
  get pending(): number[] {
    return [...this.timers.values()].map((timer) => timer.ms);
  }

  /** Moves time forward to the next timer and runs it. */
  tick(): void {
    const next = this.timers.entries().next();
    if (next.done) throw new Error('no timer is pending');
    const [id, timer] = next.value;
    this.timers.delete(id);
    this.time += timer.ms;
    timer.callback();
  }
}

/**
 * Pins `document.visibilityState` on the document instance (the prototype's getter stays intact):
 * the runner's pages share one browser window, so a page may really be hidden while it runs.
 */
function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

function useManualClock(): ManualClock {
  const clock = new ManualClock();
  PollingController.clock = clock;
  return clock;
}

/** Real retirements from the local registry behind the test runner's /api proxy, newest first. */
async function retirements(query = ''): Promise<RetirementPage> {
  const response = await window.fetch(`/api/retirements?first=50${query}`);
  return (await response.json()) as RetirementPage;
}

function loaded(el: IsoRetirementFeed): boolean {
  return !!el.shadowRoot?.querySelector('[data-figure="count"]');
}

function entries(el: IsoRetirementFeed): HTMLLIElement[] {
  return [...(el.shadowRoot?.querySelectorAll<HTMLLIElement>('li[data-retirement-id]') ?? [])];
}

function ids(el: IsoRetirementFeed): string[] {
  return entries(el).map((li) => li.dataset.retirementId!);
}

function text(root: Element | ShadowRoot | null | undefined, selector: string): string {
  // Collapses layout whitespace only: formatted figures keep their no-break spaces.
  return root?.querySelector(selector)?.textContent?.replace(/[ \t\n\r]+/g, ' ').trim() ?? '';
}

/** Tonnes as the feed shows them, from a sum of kilograms. */
function tonnes(kgs: bigint, locale = 'en-US'): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(`${kgs / 1000n}.${(kgs % 1000n).toString().padStart(3, '0')}` as Intl.StringNumericLiteral)}\u00a0t`;
}

function sumOf(list: readonly Retirement[]): bigint {
  return list.reduce((sum, r) => sum + BigInt(r.credit_batch_size_total.credit_kgs), 0n);
}

/** Whether every entry on screen has settled what it retired (its batches and projects looked up). */
function attributed(el: IsoRetirementFeed): boolean {
  const seen = entries(el).filter((li) => {
    const box = li.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  });
  return seen.length > 0 && seen.every((li) => li.dataset.attribution === 'done');
}

function showMore(el: IsoRetirementFeed): HTMLButtonElement | null {
  return el.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]');
}

function retirementRequests(spy: FetchSpy): URL[] {
  return spy.requests.map((r) => new URL(r.url)).filter((url) => url.pathname.endsWith('/retirements'));
}

/**
 * Answers `/retirements` from `list` (newest first) with Relay pages whose cursors are ids; other
 * requests go to the real proxy. `overlap` makes each further page repeat that many earlier nodes.
 */
function serveList(spy: FetchSpy, list: Retirement[], options: { overlap?: number; fail?: () => boolean } = {}): void {
  spy.respond = async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.endsWith('/retirements')) return window.fetch(request);
    if (options.fail?.()) return Response.json({ error: 'upstream_error', message: 'Upstream failed.' }, { status: 502 });
    const first = Number(url.searchParams.get('first') ?? 10);
    const after = url.searchParams.get('after');
    const start = after ? Math.max(0, list.findIndex((r) => r.id === after) + 1 - (options.overlap ?? 0)) : 0;
    const nodes = list.slice(start, start + first);
    return Response.json({
      nodes,
      total_count: list.length,
      page_info: {
        has_previous_page: start > 0,
        start_cursor: nodes[0]?.id ?? null,
        has_next_page: start + first < list.length,
        end_cursor: nodes.at(-1)?.id ?? null,
      },
    });
  };
}

describe('<iso-retirement-feed>', () => {
  /** Ordinary (buyers') retirements of the local registry, newest first. */
  let all: Retirement[];
  /** The local registry's buffer-pool retirements: the buffer pool retired its own credits to compensate a reversal. */
  let buffer: Retirement[];
  let warn: typeof console.warn;
  let warnings: unknown[][];
  before(async () => {
    all = (await retirements()).nodes.filter((r) => !isBufferRetirement(r));
    buffer = (await retirements(`&beneficiary_org_id=${SAMPLE_IDS.bufferPoolOrganisation}&owner_org_id=${SAMPLE_IDS.bufferPoolOrganisation}`)).nodes;
  });
  // Misconfigured elements warn on the console; tests collect the warnings instead of logging them.
  beforeEach(() => {
    setVisibility('visible');
    warn = console.warn;
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
    configure({ fetch: undefined, endpoint: undefined });
    PollingController.clock = systemClock;
    delete (document as { visibilityState?: unknown }).visibilityState;
  });

  it('is accessible once loaded', async () => {
    useFetchSpy();
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed beneficiary-id=${SAMPLE_IDS.organisation} page-size="5"></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    await expect(el).to.be.accessible();
  });

  it('is accessible while loading, live, compact, and in the error states', async () => {
    const spy = useFetchSpy();
    spy.respond = () => new Promise(() => {});
    const loading = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3"></iso-retirement-feed>`);
    await expect(loading).to.be.accessible();

    const invalid = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="500"></iso-retirement-feed>`);
    await waitUntil(() => errorKind(invalid) === 'invalid-input');
    await expect(invalid).to.be.accessible();

    const clock = useManualClock();
    const live = useFetchSpy();
    let failing = false;
    serveList(live, all.slice(0, 6), { fail: () => failing });
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" poll-interval="30" compact></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    failing = true;
    clock.tick();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="inline-error"]'));
    await expect(el).to.be.accessible();
  });

  it('lists retirements newest first with beneficiary, amount, purposes, date and note, one action each', async () => {
    useFetchSpy();
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed locale="en-US" page-size="10"></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    const expected = (await retirements()).nodes.slice(0, 10).filter((r) => !isBufferRetirement(r));
    expect(ids(el)).to.deep.equal(expected.map((r) => r.id));

    const withNote = expected.find((r) => r.notes && r.purposes.length > 0)!;
    const entry = entries(el).find((li) => li.dataset.retirementId === withNote.id)!;
    expect(text(entry, '[part="beneficiary"]')).to.equal(withNote.beneficiary.name);
    const tonnes = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(withNote.credit_batch_size_total.credit_kgs / 1000);
    expect(text(entry, '[part="amount"]')).to.contain(`${tonnes}\u00a0t CO₂e`);
    expect(text(entry, '[part="purposes"]')).to.not.contain('_');
    expect(entry.querySelectorAll('[part="purposes"] li')).to.have.length(withNote.purposes.length);
    const time = entry.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal(withNote.retired_at);
    expect(time.textContent).to.match(/ago|yesterday|last|today|now/);
    expect(text(entry, '[part="note"]')).to.equal(withNote.notes!.replace(/[ \t\n\r]+/g, ' ').trim());
    expect(entry.querySelector('[part="note"]')!.getAttribute('dir')).to.equal('auto');
    expect(entry.querySelector('[part="beneficiary"]')!.getAttribute('dir')).to.equal('auto');
    // One action per entry: the button that selects it; no second "certificate" link beside it.
    for (const li of entries(el)) {
      expect(li.querySelectorAll('a, button')).to.have.length(1);
      expect(li.querySelector('button')!.getAttribute('part')).to.equal('entry-button');
    }
  });

  it('shows kilograms beside tonnes for retirements under one tonne', async () => {
    const spy = useFetchSpy();
    const small = { ...all[0]!, id: 'ret_SMALLAMOUNT00001', credit_batch_size_total: { credits: 0.25, credit_kgs: 250 } };
    serveList(spy, [small]);
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed locale="en-US"></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    expect(text(el.shadowRoot, '[part="amount"]')).to.equal('0.25\u00a0t CO₂e (250\u00a0kg)');
  });

  it('filters by beneficiary-id and owner-id', async () => {
    const spy = useFetchSpy();
    const el = await fixture<IsoRetirementFeed>(
      html`<iso-retirement-feed beneficiary-id=${SAMPLE_IDS.organisation} owner-id=${SAMPLE_IDS.organisation} page-size="50"></iso-retirement-feed>`,
    );
    await waitUntil(() => loaded(el));
    const [request] = retirementRequests(spy);
    expect(request!.searchParams.get('beneficiary_org_id')).to.equal(SAMPLE_IDS.organisation);
    expect(request!.searchParams.get('owner_org_id')).to.equal(SAMPLE_IDS.organisation);
    expect(request!.searchParams.get('first')).to.equal('50');
    const expected = await retirements(`&beneficiary_org_id=${SAMPLE_IDS.organisation}&owner_org_id=${SAMPLE_IDS.organisation}`);
    expect(expected.nodes.length).to.be.greaterThan(0);
    expect(ids(el)).to.deep.equal(expected.nodes.map((r) => r.id));
  });

  it('refuses a page-size out of range and a malformed filter id before any request', async () => {
    const spy = useFetchSpy();
    const tooBig = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="51"></iso-retirement-feed>`);
    const zero = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="0"></iso-retirement-feed>`);
    const badOwner = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed owner-id="prj_1VJRKMRFEEBVY39C"></iso-retirement-feed>`);
    await waitUntil(() => [tooBig, zero, badOwner].every((el) => errorKind(el) === 'invalid-input'));
    expect(text(tooBig.shadowRoot, '[part="error"]')).to.contain('"page-size" attribute must be a whole number from 1 to 50');
    expect(text(badOwner.shadowRoot, '[part="error"]')).to.contain('owner-id');
    expect(spy.requests).to.have.length(0);
  });

  it('sums the loaded amounts in integer kilograms and shows the total count', async () => {
    useFetchSpy();
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed locale="en-US" page-size="7"></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    const page = await retirements();
    const first = page.nodes.slice(0, 7);
    const shown = first.filter((r) => !isBufferRetirement(r));
    const count = page.total_count - (first.length - shown.length);
    expect(text(el.shadowRoot, '[data-figure="count"]')).to.equal(`${new Intl.NumberFormat('en-US').format(count)} retirements`);
    expect(text(el.shadowRoot, '[data-figure="sum"]')).to.equal(`${shown.length} most recent retirements · ${tonnes(sumOf(shown))} CO₂e`);
    expect(el.shadowRoot!.querySelector('[data-figure="sum"]')!.getAttribute('data-kg')).to.equal(String(sumOf(shown)));
  });

  it('says "in total" once every retirement is listed, and "latest" for one of many', async () => {
    const spy = useFetchSpy();
    serveList(spy, all.slice(0, 3));
    const whole = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed locale="en-US" page-size="5"></iso-retirement-feed>`);
    await waitUntil(() => loaded(whole));
    expect(text(whole.shadowRoot, '[data-figure="sum"]')).to.equal(`In total · ${tonnes(sumOf(all.slice(0, 3)))} CO₂e`);
    const one = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed locale="en-US" page-size="1"></iso-retirement-feed>`);
    await waitUntil(() => loaded(one));
    expect(text(one.shadowRoot, '[data-figure="sum"]')).to.equal(`Latest retirement · ${tonnes(sumOf(all.slice(0, 1)))} CO₂e`);
  });

  it('"Show more" follows end_cursor and never shows a retirement twice', async () => {
    const spy = useFetchSpy();
    const list = all.slice(0, 9);
    serveList(spy, list, { overlap: 2 });
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="4"></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    expect(ids(el)).to.deep.equal(list.slice(0, 4).map((r) => r.id));

    showMore(el)!.click();
    await waitUntil(() => ids(el).length > 4);
    expect(retirementRequests(spy).at(-1)!.searchParams.get('after')).to.equal(list[3]!.id);
    // Each further page repeats two entries the feed already shows.
    expect(ids(el)).to.deep.equal(list.slice(0, 6).map((r) => r.id));
    for (let clicks = 0; showMore(el) && clicks < 5; clicks++) {
      const shown = ids(el).length;
      showMore(el)!.click();
      await waitUntil(() => ids(el).length > shown || showMore(el) === null);
    }
    expect(showMore(el)).to.equal(null);
    expect(ids(el)).to.deep.equal(list.map((r) => r.id));
    expect(new Set(ids(el)).size).to.equal(ids(el).length);
  });

  it('moves keyboard focus from "Show more" to the first new entry, not to the button the new entries pushed down', async () => {
    const spy = useFetchSpy();
    serveList(spy, all.slice(0, 9));
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3"></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    showMore(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ids(el).length === 6);
    // More pages remain: the button is still there, further down, but reading goes on at the new entries.
    expect(showMore(el)).to.not.equal(null);
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'entry-button', 'focus did not move to an entry');
    expect(el.shadowRoot!.activeElement!.closest('li')!.dataset.retirementId).to.equal(all[3]!.id);
    // A click with the mouse leaves focus alone (it is not on the button).
    (el.shadowRoot!.activeElement as HTMLElement).blur();
    showMore(el)!.click();
    await waitUntil(() => ids(el).length === 9);
    expect(el.shadowRoot!.activeElement).to.equal(null);
  });

  it('keeps keyboard focus in the list when the last page has loaded', async () => {
    const spy = useFetchSpy();
    serveList(spy, all.slice(0, 4));
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="2"></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    showMore(el)!.focus();
    showMore(el)!.click();
    await waitUntil(() => ids(el).length === 4);
    await waitUntil(() => el.shadowRoot!.activeElement !== null);
    const focused = el.shadowRoot!.activeElement!;
    expect(focused.getAttribute('part')).to.equal('entry-button');
    expect(focused.closest('li')!.dataset.retirementId).to.equal(all[2]!.id);
  });

  it('pages through the real registry without duplicates', async () => {
    useFetchSpy();
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed beneficiary-id=${SAMPLE_IDS.organisation} page-size="20"></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    showMore(el)!.click();
    await waitUntil(() => ids(el).length > 20, 'second page did not load', { timeout: 3000 });
    const expected = await retirements(`&beneficiary_org_id=${SAMPLE_IDS.organisation}`);
    expect(ids(el)).to.deep.equal(expected.nodes.slice(0, ids(el).length).map((r) => r.id));
    expect(new Set(ids(el)).size).to.equal(ids(el).length);
  });

  it('keeps its entries when "Show more" fails, with an inline retry', async () => {
    const spy = useFetchSpy();
    let failing = false;
    serveList(spy, all.slice(0, 6), { fail: () => failing });
    const errors: string[] = [];
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" @iso-error=${(e: CustomEvent) => errors.push(e.type)}></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    failing = true;
    showMore(el)!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="inline-error"]'));
    expect(ids(el)).to.have.length(3);
    expect(errors).to.deep.equal(['iso-error']);
    expect(el.shadowRoot!.querySelector('[part="inline-error"]')!.getAttribute('role')).to.equal('alert');
    failing = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="inline-error"] [part="retry-button"]')!.click();
    await waitUntil(() => ids(el).length === 6);
    expect(el.shadowRoot!.querySelector('[part="inline-error"]')).to.equal(null);
  });

  it('shows an empty state', async () => {
    const spy = useFetchSpy();
    serveList(spy, []);
    const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed></iso-retirement-feed>`);
    await waitUntil(() => loaded(el));
    const empty = el.shadowRoot!.querySelector<HTMLElement>('[part="empty"]')!;
    expect(empty.hidden).to.equal(false);
    expect(empty.textContent).to.contain('No retirements yet.');
    expect(el.shadowRoot!.querySelector('[part="list"]')).to.equal(null);
  });

  describe('buffer-pool retirements', () => {
    /** `count` buffer retirements like the seeded one, each with its own id. */
    function buffers(count: number): Retirement[] {
      const [seeded] = buffer;
      return Array.from({ length: count }, (_, i) => ({ ...seeded!, id: `ret_BUFFERCOPY${String(i).padStart(6, '0')}` }));
    }

    it('the local registry has one: owner and beneficiary both the buffer pool', () => {
      expect(buffer.length).to.be.greaterThan(0);
      for (const r of buffer) {
        expect(r.owner.id).to.equal(SAMPLE_IDS.bufferPoolOrganisation);
        expect(isBufferRetirement(r)).to.equal(true);
      }
    });

    it('are hidden by default, and neither counted nor summed', async () => {
      const spy = useFetchSpy();
      const list = [...all.slice(0, 2), buffer[0]!, ...all.slice(2, 6)];
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="4" locale="en-US"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      expect(ids(el)).to.deep.equal(all.slice(0, 3).map((r) => r.id));
      expect(el.shadowRoot!.querySelector('[part~="entry-buffer"], [part="buffer-badge"], [part="buffer-note"]')).to.equal(null);
      expect(text(el.shadowRoot, '[data-figure="count"]')).to.equal(`${list.length - 1} retirements`);
      expect(text(el.shadowRoot, '[data-figure="sum"]')).to.equal(`3 most recent retirements · ${tonnes(sumOf(all.slice(0, 3)))} CO₂e`);
      showMore(el)!.click();
      await waitUntil(() => ids(el).length === 6);
      expect(ids(el)).to.deep.equal(all.slice(0, 6).map((r) => r.id));
      expect(text(el.shadowRoot, '[data-figure="sum"]')).to.equal(`In total · ${tonnes(sumOf(all.slice(0, 6)))} CO₂e`);
    });

    it('with show-buffer-retirements, are listed and labelled as compensating a reversal, and kept out of the sum', async () => {
      const spy = useFetchSpy();
      const list = [...all.slice(0, 2), buffer[0]!, ...all.slice(2, 6)];
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="4" locale="en-US" show-buffer-retirements></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      expect(ids(el)).to.deep.equal(list.slice(0, 4).map((r) => r.id));
      const entry = entries(el)[2]!;
      expect(entry.getAttribute('part')).to.equal('entry entry-buffer');
      expect(text(entry, '[part="buffer-badge"]')).to.equal('Buffer retirement');
      expect(text(entry, '[part="buffer-note"]')).to.equal('Retired from the buffer pool to compensate a reversal; no buyer may claim it.');
      // Its badge is part of the entry's accessible name, beside the beneficiary and the amount.
      expect(text(entry, '[part="entry-button"]')).to.contain('Buffer retirement');
      expect(entries(el).filter((li) => li.querySelector('[part="buffer-badge"]'))).to.have.length(1);
      expect(text(el.shadowRoot, '[data-figure="count"]')).to.equal(`${list.length} retirements`);
      const claims = list.slice(0, 4).filter((r) => !isBufferRetirement(r));
      expect(text(el.shadowRoot, '[data-figure="sum"]')).to.equal(`4 most recent retirements · ${tonnes(sumOf(claims))} CO₂e (buffer retirements not counted)`);
      expect(getComputedStyle(entry).borderTopStyle).to.equal('dashed');
      await expect(el).to.be.accessible();

      // Hiding them again drops the entry and goes back to the plain sum.
      el.showBufferRetirements = false;
      await waitUntil(() => !ids(el).includes(buffer[0]!.id) && ids(el).length === 3);
      expect(text(el.shadowRoot, '[data-figure="sum"]')).to.equal(`3 most recent retirements · ${tonnes(sumOf(all.slice(0, 3)))} CO₂e`);
    });

    it('label them in German and French', async () => {
      const spy = useFetchSpy();
      serveList(spy, [buffer[0]!, ...all.slice(0, 2)]);
      for (const [locale, badge, note, sum] of [
        ['de', 'Pufferpool-Stilllegung', 'Aus dem Pufferpool stillgelegt, um eine Umkehrung auszugleichen; kein Käufer kann sie für sich beanspruchen.', 'ohne Stilllegungen aus dem Pufferpool'],
        ['fr', 'Retrait de la réserve tampon', 'Retiré de la réserve tampon pour compenser une réversion ; aucun acheteur ne peut s’en prévaloir.', 'hors retraits de la réserve tampon'],
      ] as const) {
        const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed locale=${locale} show-buffer-retirements></iso-retirement-feed>`);
        await waitUntil(() => loaded(el));
        await localeReady(el);
        await waitUntil(() => text(el.shadowRoot, '[part="buffer-badge"]') === badge, `no ${locale} badge`);
        expect(text(el.shadowRoot, '[part="buffer-note"]')).to.equal(note);
        expect(text(el.shadowRoot, '[data-figure="sum"]')).to.contain(sum);
      }
    });

    it('never open on an empty page: a first page of buffer retirements only is fetched past', async () => {
      const spy = useFetchSpy();
      const list = [...buffers(4), ...all.slice(0, 3)];
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="2"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      expect(ids(el)).to.deep.equal(all.slice(0, 2).map((r) => r.id));
      expect(retirementRequests(spy).map((url) => url.searchParams.get('after'))).to.deep.equal([null, list[1]!.id, list[3]!.id]);
      expect(el.shadowRoot!.querySelector<HTMLElement>('[part="empty"]')!.hidden).to.equal(true);
      showMore(el)!.click();
      await waitUntil(() => ids(el).length === 3);
      expect(showMore(el)).to.equal(null);
    });

    it('"Show more" fetches on past a page of buffer retirements only, and shows the next ones', async () => {
      const spy = useFetchSpy();
      const list = [...all.slice(0, 2), ...buffers(4), ...all.slice(2, 4)];
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="2"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      expect(ids(el)).to.deep.equal(all.slice(0, 2).map((r) => r.id));
      showMore(el)!.focus();
      showMore(el)!.click();
      await waitUntil(() => ids(el).length === 4);
      expect(ids(el)).to.deep.equal(all.slice(0, 4).map((r) => r.id));
      expect(retirementRequests(spy)).to.have.length(4);
      expect(showMore(el)).to.equal(null);
      // Focus moves to the first entry the click brought, not to a hidden one.
      await waitUntil(() => el.shadowRoot!.activeElement !== null);
      expect(el.shadowRoot!.activeElement!.closest('li')!.dataset.retirementId).to.equal(all[2]!.id);
    });

    it('the buffer pool\'s own feed is empty without show-buffer-retirements, and lists them with it', async () => {
      useFetchSpy();
      const hidden = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed beneficiary-id=${SAMPLE_IDS.bufferPoolOrganisation} locale="en-US"></iso-retirement-feed>`);
      await waitUntil(() => loaded(hidden));
      expect(ids(hidden)).to.deep.equal([]);
      expect(hidden.shadowRoot!.querySelector<HTMLElement>('[part="empty"]')!.hidden).to.equal(false);
      expect(text(hidden.shadowRoot, '[data-figure="count"]')).to.equal('0 retirements');
      expect(text(hidden.shadowRoot, '[data-figure="sum"]')).to.equal('In total · 0\u00a0t CO₂e');

      const shown = await fixture<IsoRetirementFeed>(
        html`<iso-retirement-feed beneficiary-id=${SAMPLE_IDS.bufferPoolOrganisation} locale="en-US" show-buffer-retirements></iso-retirement-feed>`,
      );
      await waitUntil(() => loaded(shown));
      const expected = (await retirements(`&beneficiary_org_id=${SAMPLE_IDS.bufferPoolOrganisation}`)).nodes.slice(0, 10);
      expect(ids(shown)).to.deep.equal(expected.map((r) => r.id));
      expect(entries(shown).every((li) => li.querySelector('[part="buffer-badge"]'))).to.equal(expected.every((r) => isBufferRetirement(r)));
      const claims = expected.filter((r) => !isBufferRetirement(r));
      expect(text(shown.shadowRoot, '[data-figure="sum"]')).to.contain(`${tonnes(sumOf(claims))} CO₂e`);
    });

    it('a buffer retirement arriving while live joins the list unannounced; an ordinary one is announced', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      const list = all.slice(2, 6);
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="4" poll-interval="20" locale="en"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      list.unshift(all[1]!, buffer[0]!);
      clock.tick();
      await waitUntil(() => ids(el).length === 5);
      expect(ids(el)).to.deep.equal([all[1]!, ...all.slice(2, 6)].map((r) => r.id));
      await waitUntil(() => text(el.shadowRoot, '[aria-live="polite"]') === '1 new retirement');
      expect(text(el.shadowRoot, '[data-figure="count"]')).to.equal('5 retirements');
    });

    it('never say "removed" of their own: only the kind label of a removal project may', async () => {
      const spy = useFetchSpy();
      serveList(spy, [buffer[0]!, ...all.slice(0, 5)]);
      for (const locale of ['en', 'de', 'fr']) {
        const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed locale=${locale} show-buffer-retirements></iso-retirement-feed>`);
        await waitUntil(() => loaded(el));
        await localeReady(el);
        el.scrollIntoView();
        await waitUntil(() => attributed(el));
        const base = el.shadowRoot!.querySelector('[part="base"]')!;
        // The feed's own words: the public notes and names are the registry's text, and a removal
        // project's kind ("Durable carbon removal") is the claim rules' label, not the feed's.
        const own = base.cloneNode(true) as Element;
        for (const node of own.querySelectorAll('[part="note"], [part="beneficiary"], [part="projects"], [part="provenance"]')) node.remove();
        for (const node of own.querySelectorAll('[part="what"]')) if (/removal$/.test(node.getAttribute('data-action') ?? '')) node.remove();
        const words = `${base.getAttribute('aria-label')} ${own.textContent}`;
        expect(words, locale).to.not.match(/remov|entnomm|entnahme|élimin/i);
      }
    });
  });

  describe('what was retired', () => {
    const KIND_LABELS: Record<string, string> = {
      'durable-removal': 'Durable carbon removal',
      'shorter-removal': 'Carbon removal, shorter durability',
      destruction: 'Emission destruction',
      unknown: 'Other climate action',
    };

    /** The projects of a retirement from the registry, in the order of its batches. */
    async function projectsOf(id: string): Promise<Project[]> {
      const batches = ((await (await window.fetch(`/api/retirements/${id}/credit_batches`)).json()) as CreditBatchList).nodes;
      const ids = [...new Set(batches.map((batch) => batch.project_id))];
      return Promise.all(ids.map(async (projectId) => (await (await window.fetch(`/api/projects/${projectId}`)).json()) as Project));
    }

    function requestsTo(spy: FetchSpy, pattern: RegExp): string[] {
      return spy.requests.map((r) => new URL(r.url).pathname).filter((path) => pattern.test(path));
    }

    it('names the projects and the kind of climate action of each entry, from its batches and their projects', async () => {
      useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="4" locale="en-US"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      el.scrollIntoView();
      await waitUntil(() => attributed(el), 'the entries were not attributed');
      for (const li of entries(el)) {
        const projects = await projectsOf(li.dataset.retirementId!);
        const kinds = new Set(projects.map((project) => climateAction(project.pathway, project.process_key)));
        const kind = kinds.size === 1 ? KIND_LABELS[[...kinds][0]!] : 'Several kinds of climate action';
        expect(text(li, '[part="action"]'), li.dataset.retirementId).to.equal(kind);
        expect(text(li, '[part="projects"]')).to.contain(projects[0]!.name);
        // What was retired is part of the entry's one action, so assistive technology reads it with the entry.
        expect(li.querySelector('[part="entry-button"] [part="what"]')).to.not.equal(null);
      }
      await expect(el).to.be.accessible();
    });

    it('calls destruction credits destruction, never removal, in every language', async () => {
      const spy = useFetchSpy();
      const destruction = (await (await window.fetch(`/api/projects/${SAMPLE_IDS.destructionProject}`)).json()) as Project;
      // Every project is served as the seed's destruction project (refrigerants), under its own id.
      spy.respond = async (request) => {
        const match = /\/projects\/(prj_\w+)$/.exec(new URL(request.url).pathname);
        return match ? Response.json({ ...destruction, id: match[1] }) : window.fetch(request);
      };
      for (const [locale, label] of [
        ['en', 'Emission destruction'],
        ['de', 'Zerstörung von Emissionen'],
        ['fr', 'Destruction d’émissions'],
      ] as const) {
        const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" locale=${locale}></iso-retirement-feed>`);
        await waitUntil(() => loaded(el));
        await localeReady(el);
        el.scrollIntoView();
        await waitUntil(() => attributed(el));
        for (const li of entries(el)) {
          expect(text(li, '[part="action"]'), locale).to.equal(label);
          expect(li.querySelector('[part="what"]')!.getAttribute('data-action')).to.equal('destruction');
          const own = li.cloneNode(true) as Element;
          for (const node of own.querySelectorAll('[part="note"], [part="beneficiary"], [part="projects"]')) node.remove();
          expect(own.textContent, locale).to.not.match(/remov|entnomm|entnahme|élimin/i);
        }
      }
    });

    it('names no kind when the lookup fails: the entry then says only what the retirement says', async () => {
      const spy = useFetchSpy();
      spy.respond = async (request) =>
        new URL(request.url).pathname.endsWith('/credit_batches') ? Response.json({ error: 'upstream_error', message: 'Upstream failed.' }, { status: 502 }) : window.fetch(request);
      const errors: string[] = [];
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" @iso-error=${(e: Event) => errors.push(e.type)}></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      el.scrollIntoView();
      await waitUntil(() => attributed(el));
      expect(el.shadowRoot!.querySelector('[part="action"], [part="projects"]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('[part="error"], [part="inline-error"]')).to.equal(null);
      expect(errors).to.deep.equal([]);
      expect(ids(el)).to.have.length(3);
    });

    it('looks up only the entries in view, and each batch list and project once for the whole page', async () => {
      const spy = useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="30" style="--iso-retirement-feed-max-height: 200px"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      el.scrollIntoView();
      await waitUntil(() => entries(el).some((li) => li.dataset.attribution === 'done'));
      const list = el.shadowRoot!.querySelector<HTMLElement>('[part="list"]')!;
      const visible = entries(el).filter((li) => li.getBoundingClientRect().top < list.getBoundingClientRect().bottom).length;
      await waitUntil(() => requestsTo(spy, /\/credit_batches$/).length >= visible);
      const early = requestsTo(spy, /\/credit_batches$/).length;
      expect(early).to.be.lessThan(10);
      expect(entries(el).at(-1)!.dataset.attribution).to.equal(undefined);

      // Scrolling the list to its end looks up the entries that came into view.
      list.scrollTop = list.scrollHeight;
      await waitUntil(() => entries(el).at(-1)!.dataset.attribution === 'done', 'the last entry was not looked up once in view');
      expect(requestsTo(spy, /\/credit_batches$/).length).to.be.greaterThan(early);

      // A second feed of the same retirements asks for nothing the first one already has.
      const second = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3"></iso-retirement-feed>`);
      await waitUntil(() => loaded(second));
      second.scrollIntoView();
      await waitUntil(() => attributed(second));
      for (const pattern of [/\/credit_batches$/, /\/projects\/[^/]+$/]) {
        const paths = requestsTo(spy, pattern);
        expect(new Set(paths).size, String(pattern)).to.equal(paths.length);
      }
    });

    it('leaves out the buyer’s name in a feed filtered to that buyer, and leads with what was retired', async () => {
      useFetchSpy();
      for (const compact of [false, true]) {
        const el = await fixture<IsoRetirementFeed>(
          html`<iso-retirement-feed beneficiary-id=${SAMPLE_IDS.organisation} page-size="3" locale="en-US" ?compact=${compact}></iso-retirement-feed>`,
        );
        await waitUntil(() => loaded(el));
        el.scrollIntoView();
        await waitUntil(() => attributed(el));
        expect(entries(el)).to.have.length(3);
        for (const li of entries(el)) {
          expect(li.querySelector('[part="beneficiary"]'), compact ? 'compact' : 'wide').to.equal(null);
          const button = li.querySelector('[part="entry-button"]')!;
          expect(button.querySelector('[part="projects"]')).to.not.equal(null);
          expect(button.querySelector('[part="amount"]')).to.not.equal(null);
        }
        if (compact) {
          // The project is the entry's first line, beside the amount.
          const [first] = entries(el);
          expect(first!.querySelector('.entry__line:first-child [part="projects"]')).to.not.equal(null);
        }
      }
      // An unfiltered feed names each beneficiary.
      const all = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3"></iso-retirement-feed>`);
      await waitUntil(() => loaded(all));
      expect(entries(all).every((li) => li.querySelector('[part="beneficiary"]'))).to.equal(true);
    });

    it('gives the sum its provenance: the retirements it adds up, the first ones linked, and when they were fetched', async () => {
      useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="5" locale="en-US"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      const shown = (await retirements()).nodes.slice(0, 5).filter((r) => !isBufferRetirement(r));
      const figure = el.shadowRoot!.querySelector<HTMLElement>('.has-provenance')!;
      expect(figure.getAttribute('tabindex')).to.equal('0');
      const note = el.shadowRoot!.getElementById(figure.getAttribute('aria-describedby')!)!;
      expect(note.getAttribute('part')).to.equal('provenance');
      expect(note.textContent).to.contain(`From ${shown.length} registry record(s):`);
      expect(note.textContent).to.contain(`The sum of the ${shown.length} retirements listed here`);
      const links = [...note.querySelectorAll('a')];
      expect(links.map((a) => a.href)).to.deep.equal(shown.slice(0, 3).map((r) => r.url));
      expect(note.querySelector('.provenance__as-of')!.textContent).to.match(/^As of /);
      expect(getComputedStyle(note).display).to.equal('none');
      figure.focus();
      expect(getComputedStyle(note).display).to.equal('block');
      // The sum's figure itself stays the sentence: the note is beside it, not in it.
      expect(text(el.shadowRoot, '[data-figure="sum"]')).to.not.contain('registry record');
    });
  });

  describe('live mode', () => {
    it('inserts a new retirement from the registry at the top, highlighted and announced politely', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="5" poll-interval="15" locale="en"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      const before = ids(el);
      expect(clock.pending).to.deep.equal([15_000]);
      expect(text(el.shadowRoot, '[part="live-badge"]')).to.equal('Live');

      const response = await window.fetch('/registry/v0/_local/retirements', { method: 'POST' });
      expect(response.status).to.equal(201);
      const added = (await response.json()) as Retirement;
      const requestsBefore = retirementRequests(spy).length;
      clock.tick();
      await waitUntil(() => ids(el)[0] === added.id, 'the new retirement was not inserted', { timeout: 3000 });
      // The poll went to the network, past the shared cache that still holds the first page, and
      // revalidates past the browser's HTTP cache too.
      expect(retirementRequests(spy).length).to.equal(requestsBefore + 1);
      expect(spy.requests.filter((r) => new URL(r.url).pathname.endsWith('/retirements')).at(-1)!.cache).to.equal('no-cache');
      expect(ids(el).slice(1)).to.deep.equal(before);
      const top = entries(el)[0]!;
      expect(top.classList.contains('entry--new')).to.equal(true);
      expect(top.getAttribute('part')).to.contain('entry-new');
      // Seen, not only classed: an accent bar and the highlight colour (fading out) set it apart.
      const newStyle = getComputedStyle(top);
      const oldStyle = getComputedStyle(entries(el)[1]!);
      expect(newStyle.borderInlineStartWidth).to.equal('4px');
      expect(oldStyle.borderInlineStartWidth).to.not.equal('4px');
      expect(newStyle.backgroundColor).to.not.equal(oldStyle.backgroundColor);
      const region = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
      await waitUntil(() => region.textContent?.trim() === '1 new retirement');
      expect(clock.pending).to.deep.equal([15_000]);
    });

    it('says what the arrivals retired too, though their entries reuse the elements of the ones they pushed down', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      const list = all.slice(1, 4);
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" poll-interval="20" compact></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      el.scrollIntoView();
      await waitUntil(() => entries(el).length === 3 && entries(el).every((li) => li.dataset.attribution === 'done'));
      list.unshift(all[0]!);
      clock.tick();
      await waitUntil(() => ids(el).length === 4);
      await waitUntil(() => entries(el).every((li) => li.dataset.attribution === 'done'), 'the new entry was never looked up');
      // Each entry shows its own retirement's projects.
      for (const li of entries(el)) {
        const batches = ((await (await window.fetch(`/api/retirements/${li.dataset.retirementId}/credit_batches`)).json()) as CreditBatchList).nodes;
        const project = (await (await window.fetch(`/api/projects/${batches[0]!.project_id}`)).json()) as Project;
        expect(text(li, '[part="projects"]')).to.contain(project.name);
      }
    });

    it('announces several arrivals, keeps order, and never duplicates', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      const list = all.slice(3, 10);
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="4" poll-interval="20"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      list.unshift(all[0]!, all[1]!, all[2]!);
      clock.tick();
      await waitUntil(() => ids(el).length === 7);
      expect(ids(el)).to.deep.equal([...all.slice(0, 3), ...list.slice(3, 7)].map((r) => r.id));
      expect(entries(el).filter((li) => li.classList.contains('entry--new'))).to.have.length(3);
      await waitUntil(() => text(el.shadowRoot, '[aria-live="polite"]') === '3 new retirements');
      expect(text(el.shadowRoot, '[data-figure="count"]')).to.equal('10 retirements');
      await expect(el).to.be.accessible();

      // Paging after arrivals continues where the list ended, without repeats.
      showMore(el)!.click();
      await waitUntil(() => ids(el).length === 10);
      expect(new Set(ids(el)).size).to.equal(10);
    });

    it('follows pages to reconnect when more arrived than a page holds', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      const list = all.slice(8, 12);
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" poll-interval="20"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      list.unshift(...all.slice(0, 8));
      clock.tick();
      await waitUntil(() => ids(el).length === 11);
      expect(ids(el)).to.deep.equal(all.slice(0, 11).map((r) => r.id));
      expect(retirementRequests(spy).filter((url) => url.searchParams.has('after')).length).to.be.greaterThan(1);
    });

    it('starts the list over from the newest when too many arrived to reconnect', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      const list = all.slice(20, 24);
      serveList(spy, list);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="2" poll-interval="20"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      list.unshift(...all.slice(0, 20));
      clock.tick();
      // Five pages of two are followed without meeting a known entry; the list restarts with those ten.
      await waitUntil(() => ids(el)[0] === all[0]!.id);
      expect(ids(el)).to.deep.equal(all.slice(0, 10).map((r) => r.id));
      expect(text(el.shadowRoot, '[data-figure="count"]')).to.equal('24 retirements');
      await waitUntil(() => text(el.shadowRoot, '[aria-live="polite"]') === '10 new retirements');
      showMore(el)!.click();
      await waitUntil(() => ids(el).length === 12);
      expect(ids(el).slice(10)).to.deep.equal(all.slice(10, 12).map((r) => r.id));
      // The next poll meets known entries on its first page and changes nothing.
      await waitUntil(() => clock.pending.length === 1);
      const requests = retirementRequests(spy).length;
      clock.tick();
      await waitUntil(() => retirementRequests(spy).length === requests + 1 && clock.pending.length === 1);
      expect(ids(el)).to.deep.equal(all.slice(0, 12).map((r) => r.id));
    });

    it('keeps its entries when a refresh fails, with an inline retry', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      let failing = true;
      const list = all.slice(1, 5);
      serveList(spy, list, { fail: () => failing && retirementRequests(spy).length > 1 });
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="4" poll-interval="15"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      clock.tick();
      await waitUntil(() => el.shadowRoot!.querySelector('[part="inline-error"]'));
      expect(ids(el)).to.deep.equal(list.map((r) => r.id));
      expect(clock.pending).to.deep.equal([15_000]);

      failing = false;
      list.unshift(all[0]!);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="inline-error"] [part="retry-button"]')!.click();
      await waitUntil(() => ids(el)[0] === all[0]!.id);
      expect(el.shadowRoot!.querySelector('[part="inline-error"]')).to.equal(null);
    });

    it('clamps poll-interval below 15 seconds to 15 and warns once', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      serveList(spy, all.slice(0, 3));
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed poll-interval="2"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      expect(clock.pending).to.deep.equal([15_000]);
      el.pollInterval = 5;
      await el.updateComplete;
      expect(clock.pending).to.deep.equal([15_000]);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('poll-interval');
      el.pollInterval = 0;
      await el.updateComplete;
      expect(clock.pending).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('[part="live-badge"]')).to.equal(null);
    });

    it('pauses while the page is hidden and catches up when it is shown again', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      serveList(spy, all.slice(0, 3));
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" poll-interval="15"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      const requests = retirementRequests(spy).length;
      setVisibility('hidden');
      document.dispatchEvent(new Event('visibilitychange'));
      expect(clock.pending).to.deep.equal([]);
      clock.time += 60_000;
      expect(retirementRequests(spy).length).to.equal(requests);
      setVisibility('visible');
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => retirementRequests(spy).length === requests + 1, 'no poll after the page was shown');
      await waitUntil(() => clock.pending.length === 1);
      expect(clock.pending).to.deep.equal([15_000]);
    });

    it('waits out the rest of the interval when shown again before a poll is due', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      serveList(spy, all.slice(0, 3));
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" poll-interval="30"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      setVisibility('hidden');
      document.dispatchEvent(new Event('visibilitychange'));
      clock.time += 10_000;
      setVisibility('visible');
      document.dispatchEvent(new Event('visibilitychange'));
      expect(clock.pending).to.deep.equal([20_000]);
    });

    it('stops polling and aborts a running poll when removed', async () => {
      const clock = useManualClock();
      const spy = useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" poll-interval="15"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      // The entries' lookups are done, so the next request is the poll's.
      await waitUntil(() => attributed(el));
      const release = holdResponses(spy);
      const count = spy.requests.length;
      clock.tick();
      await waitUntil(() => spy.requests.length === count + 1);
      const poll = spy.requests.at(-1)!;
      el.remove();
      expect(poll.signal.aborted).to.equal(true);
      expect(clock.pending).to.deep.equal([]);
      release();
    });
  });

  describe('selection', () => {
    it('fires iso-retirement-select once per click, anywhere on the entry', async () => {
      useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      const selected: string[] = [];
      el.addEventListener('iso-retirement-select', (event) => selected.push(event.detail.retirementId));
      const [first, second, third] = entries(el);

      setTimeout(() => first!.querySelector<HTMLElement>('[part="amount"]')!.click());
      const event: IsoRetirementSelectEvent = await oneEvent(el, 'iso-retirement-select');
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.retirementId).to.equal(first!.dataset.retirementId);

      second!.click();
      third!.querySelector<HTMLElement>('[part="date"]')!.click();
      expect(selected).to.deep.equal([first, second, third].map((li) => li!.dataset.retirementId));
    });

    it('fires iso-retirement-select from the keyboard with Enter and Space', async () => {
      useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      const selected: string[] = [];
      el.addEventListener('iso-retirement-select', (event) => selected.push(event.detail.retirementId));
      const buttons = entries(el).map((li) => li.querySelector<HTMLButtonElement>('[part="entry-button"]')!);
      buttons[0]!.focus();
      await sendKeys({ press: 'Enter' });
      buttons[1]!.focus();
      await sendKeys({ press: 'Space' });
      await waitUntil(() => selected.length === 2);
      expect(selected).to.deep.equal(ids(el).slice(0, 2));
    });
  });

  describe('layout', () => {
    function columns(el: IsoRetirementFeed): number {
      return getComputedStyle(entries(el)[0]!).gridTemplateColumns.split(' ').length;
    }

    it('switches to the narrow layout by container width; compact is a dense list at any width', async () => {
      useFetchSpy();
      const wide = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="2" style="width: 720px"></iso-retirement-feed>`);
      const narrow = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="2" style="width: 300px"></iso-retirement-feed>`);
      const compact = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="2" style="width: 720px" compact></iso-retirement-feed>`);
      await waitUntil(() => [wide, narrow, compact].every((el) => loaded(el)));
      expect(columns(wide)).to.equal(2);
      expect(columns(narrow)).to.equal(1);
      expect(compact.getBoundingClientRect().width).to.equal(720);
      // No cards in the card: the entries are rows of a list, without their own border box.
      const row = getComputedStyle(entries(compact)[0]!);
      expect(row.borderTopWidth).to.equal('0px');
      expect(row.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
      expect(entries(compact)[0]!.querySelector('[part="purposes"], [part="note"]')).to.equal(null);
    });

    it('compact fits five entries of a 280 px sidebar in two lines each', async () => {
      useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="5" locale="en-US" compact style="width: 280px"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      await waitUntil(() => attributed(el));
      expect(entries(el)).to.have.length(5);
      for (const li of entries(el)) {
        const height = li.getBoundingClientRect().height;
        expect(height, li.dataset.retirementId).to.be.within(40, 64);
        expect(li.scrollWidth).to.be.at.most(li.clientWidth + 1);
      }
      const list = el.shadowRoot!.querySelector('[part="list"]')!.getBoundingClientRect().height;
      expect(list).to.be.at.most(5 * 64);
      expect(el.shadowRoot!.querySelector('[part="base"]')!.scrollWidth).to.be.at.most(280);
      await expect(el).to.be.accessible();
    });

    it('renders hostile API text as text and keeps long and right-to-left strings inside its box', async () => {
      const spy = useFetchSpy();
      const long = 'x'.repeat(400);
      const hostile: Retirement = {
        ...all[0]!,
        id: 'ret_HOSTILEENTRY0001',
        beneficiary: { id: 'org_HOSTILEORG000001', name: `<img src=x onerror="window.__pwned=1">${long}`, domain: null },
        notes: 'إزالة الكربون لتعويض انبعاثات محطة الواحة الشمسية خلال مرحلة البناء',
        url: 'javascript:alert(1)',
        purposes: ['corporate_targets', 'brand_new_purpose' as Retirement['purposes'][number]],
      };
      serveList(spy, [hostile]);
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed style="width: 320px"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      const entry = entries(el)[0]!;
      expect(text(entry, '[part="beneficiary"]')).to.contain('<img src=x');
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(entry.querySelector('[part="certificate-link"]')).to.equal(null);
      expect(text(entry, '[part="purposes"]')).to.contain('Brand new purpose');
      expect(entry.scrollWidth).to.be.at.most(entry.clientWidth + 1);
      expect(el.shadowRoot!.querySelector('[part="base"]')!.scrollWidth).to.be.at.most(320);
    });

    it('keeps its size from skeleton to a loaded page of typical entries', async () => {
      // Typical entries: a date, one or two purposes and a one-line note; more than a page of them,
      // so the loaded feed ends with "Show more" as the skeleton does.
      const typical = all.filter((r) => r.notes && r.notes.length <= 50 && !r.notes.includes('\n') && r.purposes.length >= 1 && r.purposes.length <= 2 && r.beneficiary.name.length <= 30);
      expect(typical.length).to.be.greaterThan(3);
      for (const compact of [false, true]) {
        const spy = useFetchSpy();
        serveList(spy, typical);
        // What each entry retired arrives later still: its line is held meanwhile.
        const list = spy.respond;
        let answerLookups!: () => void;
        const lookups = new Promise<void>((resolve) => (answerLookups = resolve));
        spy.respond = async (request) => {
          if (new URL(request.url).pathname.endsWith('/credit_batches')) await lookups;
          return list(request);
        };
        const release = holdResponses(spy);
        const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed page-size="3" locale="en-US" ?compact=${compact} style="width: 520px"></iso-retirement-feed>`);
        el.scrollIntoView();
        const skeletonHeight = el.getBoundingClientRect().height;
        release();
        await waitUntil(() => loaded(el));
        expect(entries(el)).to.have.length(3);
        expect(showMore(el)).to.not.equal(null);
        const label = compact ? 'compact' : 'wide';
        expect(Math.abs(el.getBoundingClientRect().height - skeletonHeight), `${label}, looking up`).to.be.lessThan(4);
        answerLookups();
        await waitUntil(() => attributed(el));
        expect(el.shadowRoot!.querySelector('[part="projects"]')).to.not.equal(null);
        expect(Math.abs(el.getBoundingClientRect().height - skeletonHeight), `${label}, looked up`).to.be.lessThan(4);
      }
    });

    it('speaks the element locale', async () => {
      useFetchSpy();
      const el = await fixture<IsoRetirementFeed>(html`<iso-retirement-feed locale="de-DE" page-size="12"></iso-retirement-feed>`);
      await waitUntil(() => loaded(el));
      await localeReady(el);
      expect(text(el.shadowRoot, '[data-figure="count"]')).to.match(/Stilllegungen$/);
      expect(text(el.shadowRoot, '[part="show-more"]')).to.equal('Mehr anzeigen');
      expect(entries(el)[0]!.querySelector('time')!.textContent).to.match(/vor|gestern|heute|letzte/);
    });
  });

  dataElementSuite({
    tag: 'iso-retirement-feed',
    valid: () => ({ 'beneficiary-id': SAMPLE_IDS.organisation, 'page-size': '5' }),
    invalid: { 'beneficiary-id': 'org-42' },
    isLoaded: (el) => loaded(el as IsoRetirementFeed),
  });
});
