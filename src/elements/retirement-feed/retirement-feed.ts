import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isAbortError, type RegistryError } from '../../data/errors.js';
import { retirementsQuery } from '../../data/queries.js';
import type { Retirement, RetirementPage } from '../../data/types.js';
import { IsoErrorEvent } from '../../events/iso-error.js';
import { IsoRetirementSelectEvent } from '../../events/iso-retirement-select.js';
import { isBufferRetirement } from '../../shared/claims.js';
import { customElement } from '../shared/define.js';
import { IsoElement } from '../shared/iso-element.js';
import { PollingController } from '../shared/polling-controller.js';
import { RegistryController } from '../shared/registry-controller.js';
import { inlineErrorStyles, renderInlineError } from '../shared/inline-error.js';
import { provenanceStyles } from '../shared/provenance.js';
import { renderLoadState } from '../shared/status.js';
import { AttributionController } from './feed-attribution.js';
import { appendUnique, asRegistryError, countOf, filterProblem, loadFeedStart, nextCursor, pageSizeProblem, retirementsOf, SKIP_PAGES, unseen, type FeedStart } from './feed-list.js';
import { renderEntry, renderSum, type EntryView } from './feed-entry.js';
import { renderSkeletonHeader, renderSkeletonList } from './feed-skeleton.js';
import { messages } from './retirement-feed.messages.js';
import { styles } from './retirement-feed.styles.js';

type MessageKey = keyof (typeof messages)['en'];

/** Polling faster than this would hammer the registry for no visible gain. */
const MIN_POLL_SECONDS = 15;
/** How many pages a poll follows to reconnect with the loaded list before starting it over. */
const CATCH_UP_PAGES = 5;



/**
 * A list of credit retirements from the Isometric Registry, newest first: who they were retired
 * for, how much, what was retired (the projects and kind of climate action), for which purposes,
 * when, and the public note. Loads further pages on request and, with `poll-interval`, inserts new
 * retirements as they happen. In a feed filtered by `beneficiary-id`, entries for that organisation
 * leave out its name, which every one of them would repeat.
 *
 * What each retirement retired comes from its credit batches and their projects, looked up only for
 * the entries in view and shared page-wide with other elements. The kind is named with the words of
 * docs/claims.md, and only when every credit could be attributed; the feed's own words stay
 * "retired", never "removed". The summed amount has no verb at all.
 *
 * Each entry has one action: activating it fires `iso-retirement-select`, for the page to show that
 * retirement's certificate (`<iso-retirement-certificate retirement-id>`). The sum's provenance note
 * links the registry pages of the first retirements it adds up.
 *
 * Buffer-pool retirements (the buffer pool retiring its own credits to compensate a reversal) are
 * nobody's claim: the feed skips them, fetching on so that no page comes up empty, unless
 * `show-buffer-retirements` is set; then they are labelled as what they are. The summed amount
 * never includes them, and while they are hidden the count leaves out those the feed has skipped.
 *
 * @summary Shows a live feed of registry retirements.
 *
 * @slot empty - Replaces the default text shown when there are no retirements.
 *
 * @csspart base - The feed's wrapper (`<section>`).
 * @csspart header - The header with the count and the summed amount.
 * @csspart count - The number of retirements.
 * @csspart sum - The summed amount of the retirements shown, buffer-pool retirements never included.
 * @csspart provenance - The note on the sum: the retirements it adds up (the first few linked) and when they were fetched.
 * @csspart live-badge - The "Live" badge shown while polling.
 * @csspart list - The list of retirements (`<ul>`).
 * @csspart entry - One retirement (`<li>`); newly arrived ones also have the part `entry-new`.
 * @csspart entry-new - A retirement that arrived with the latest poll.
 * @csspart entry-buffer - A buffer-pool retirement (with `show-buffer-retirements`); also has the part `entry`.
 * @csspart buffer-badge - The "Buffer retirement" label of a buffer-pool retirement, beside its amount.
 * @csspart buffer-note - The line saying that a buffer-pool retirement compensates a reversal and is no buyer's claim.
 * @csspart entry-button - The entry's one action, which selects the retirement; holds the beneficiary, the amount and what was retired.
 * @csspart beneficiary - The beneficiary's name (left out in a feed filtered to that beneficiary).
 * @csspart amount - The retired amount.
 * @csspart what - What was retired: the kind of climate action and the projects, once looked up.
 * @csspart action - The kind of climate action ("Durable carbon removal", "Emission destruction", …).
 * @csspart projects - The names of the projects the credits come from.
 * @csspart date - The retirement date (`<time>`).
 * @csspart purposes - The list of retirement purposes.
 * @csspart note - The retirement's public note.
 * @csspart empty - The message shown when there are no retirements.
 * @csspart show-more - The "Show more" button.
 * @csspart inline-error - The message shown when a refresh or a further page failed; entries stay.
 * @csspart error - The error message box when the first page could not be loaded.
 * @csspart retry-button - The retry buttons of the error box and of inline errors.
 *
 * @cssproperty --iso-retirement-feed-padding - Inner spacing of the feed. Defaults to `--iso-space`.
 * @cssproperty --iso-retirement-feed-gap - Space between entries. Defaults to 0.75 × `--iso-space`.
 * @cssproperty --iso-retirement-feed-highlight - Background of newly arrived entries. Defaults to `--iso-color-highlight`.
 * @cssproperty --iso-retirement-feed-max-height - Maximum height of the list before it scrolls. Defaults to `none`.
 *
 * @event iso-retirement-select - The user activated a retirement (click, Enter or Space). `detail: { retirementId }`.
 * @event iso-load - The first page has loaded and rendered. `detail: { source }` names the element.
 * @event iso-error - Loading, a refresh or a further page failed. `detail: { kind, message, status }`.
 */
@customElement('iso-retirement-feed')
export class IsoRetirementFeed extends IsoElement<typeof messages.en> {
  static override styles = [IsoElement.styles, inlineErrorStyles, provenanceStyles, styles];

  protected override readonly messages = messages;

  private readonly data = new RegistryController(this, {
    args: () => [this.beneficiaryId, this.ownerId, this.pageSize, this.showBufferRetirements] as const,
    validate: ([beneficiary, owner, size]) => pageSizeProblem(size) ?? filterProblem('beneficiary-id', beneficiary) ?? filterProblem('owner-id', owner),
    load: ([beneficiary, owner, first, withBuffer], { query }) => loadFeedStart(query, { beneficiary, owner, first, withBuffer }),
  });

  private readonly attribution = new AttributionController(this, {
    lookup: (query, signal) => this.data.cached(query, signal),
    find: (id) => this.entries.find((entry) => entry.id === id),
    entries: () => this.renderRoot.querySelectorAll('li[data-retirement-id]'),
  });

  private readonly polling = new PollingController(this, {
    interval: () => this.pollMilliseconds,
    poll: (signal) => this.refresh(signal),
  });

  /** The loaded first pages the list was last built from; newly loaded ones start the list over. */
  private builtFrom: FeedStart | undefined;
  /** Counts list restarts, so a late answer for an earlier list is dropped. */
  private generation = 0;
  private warnedAboutInterval = false;

  /** Every retirement loaded, shown or not (buffer-pool retirements stay here while hidden, so paging and polling know them). */
  @state() private entries: Retirement[] = [];
  @state() private arrivals: ReadonlySet<string> = new Set();
  @state() private totalCount = 0;
  @state() private cursor: string | null = null;
  @state() private more: 'idle' | 'loading' | 'error' = 'idle';
  @state() private moreError: RegistryError | undefined;
  @state() private refreshError: RegistryError | undefined;
  @state() private announcement = '';
  /** When the list's data was fetched: its first pages, or the latest check for new retirements. */
  @state() private asOf: Date | undefined;

  /** Shows only retirements made for this organisation (`org_…`); checked before any request. */
  @property({ attribute: 'beneficiary-id' }) beneficiaryId: string | null = null;

  /** Shows only retirements of credits this organisation (`org_…`) owned; checked before any request. */
  @property({ attribute: 'owner-id' }) ownerId: string | null = null;

  /** How many retirements each page loads, from 1 to 50. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  /** Seconds between checks for new retirements; 0 turns live updates off, and values under 15 count as 15. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 0;

  /**
   * Also lists buffer-pool retirements (the buffer pool retiring its own credits to compensate a
   * reversal), each labelled as such; they are never added to the summed amount, which counts buyers'
   * retirements only. Without it they are skipped.
   */
  @property({ type: Boolean, attribute: 'show-buffer-retirements' }) showBufferRetirements = false;

  /**
   * Shows a dense list for sidebars: two lines per entry (who or what, and how much; the kind and
   * when), without purposes, notes or card borders. Without it, the feed switches to a one-column
   * layout of full entries by itself in narrow containers.
   */
  @property({ type: Boolean, reflect: true }) compact = false;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pollInterval')) this.checkPollInterval();
    const start = this.data.status === 'complete' ? this.data.value : undefined;
    if (start && start !== this.builtFrom) {
      this.builtFrom = start;
      this.startList({ ...start.last, total_count: start.first.total_count }, start.nodes, this.data.asOf);
    }
  }

  private get pollMilliseconds(): number {
    const seconds = this.pollInterval;
    if (!Number.isFinite(seconds) || seconds <= 0) return 0;
    return Math.max(seconds, MIN_POLL_SECONDS) * 1000;
  }

  private get queryKey(): string {
    return `${this.endpoint ?? ''} ${this.beneficiaryId ?? ''} ${this.ownerId ?? ''} ${this.pageSize} ${this.showBufferRetirements}`;
  }

  /** Whether the feed lists `entry`: every retirement, except a buffer-pool one unless asked for. */
  private shows(entry: Retirement): boolean {
    return this.showBufferRetirements || !isBufferRetirement(entry);
  }

  /** The entries the feed lists. */
  private get shown(): Retirement[] {
    return this.showBufferRetirements ? this.entries : this.entries.filter((entry) => this.shows(entry));
  }

  private get hasMore(): boolean {
    return this.cursor !== null;
  }

  private checkPollInterval(): void {
    const seconds = this.pollInterval;
    if (this.warnedAboutInterval || !Number.isFinite(seconds) || seconds <= 0 || seconds >= MIN_POLL_SECONDS) return;
    this.warnedAboutInterval = true;
    console.warn(`<iso-retirement-feed>: poll-interval="${seconds}" is below the minimum of ${MIN_POLL_SECONDS} seconds; polling every ${MIN_POLL_SECONDS} seconds. [iso-poll-interval-min]`);
  }

  private startList(page: RetirementPage, nodes: readonly Retirement[], asOf: Date | undefined): void {
    this.generation += 1;
    this.asOf = asOf;
    this.entries = appendUnique([], nodes);
    this.totalCount = countOf(page.total_count) ?? this.entries.length;
    this.cursor = nextCursor(page);
    this.more = 'idle';
    this.moreError = undefined;
    this.refreshError = undefined;
    this.arrivals = new Set();
  }

  /** A page past the shared cache; `fresh` also revalidates past the browser's HTTP cache (polls). */
  private fetchPage(after: string | null, options: { signal?: AbortSignal; fresh?: boolean } = {}): Promise<RetirementPage> {
    const query = retirementsQuery({ beneficiary: this.beneficiaryId, owner: this.ownerId, first: this.pageSize, after, fresh: options.fresh });
    return this.data.request(query, options.signal);
  }

  /** One poll: fetches the newest page (past the cache) and puts what is new at the top. */
  private async refresh(signal: AbortSignal): Promise<void> {
    if (this.data.status !== 'complete' || !this.builtFrom) return;
    const generation = this.generation;
    const key = this.queryKey;
    try {
      const known = new Set(this.entries.map((entry) => entry.id));
      const pages: RetirementPage[] = [];
      let connected = false;
      let after: string | null = null;
      do {
        const page = await this.fetchPage(after, { signal, fresh: true });
        pages.push(page);
        connected = retirementsOf(page.nodes).some((node) => known.has(node.id));
        after = nextCursor(page);
      } while (!connected && known.size > 0 && after && pages.length < CATCH_UP_PAGES);
      if (generation !== this.generation || key !== this.queryKey) return;

      const fetched = pages.flatMap((page) => retirementsOf(page.nodes));
      const arrived = unseen(this.entries, fetched);
      const newest = pages[0]!;
      if (connected) {
        this.entries = [...arrived, ...this.entries];
        this.totalCount = countOf(newest.total_count) ?? this.totalCount;
      } else {
        // Too many arrivals to reconnect with the loaded list (or it was empty): start over from the newest.
        const last = pages[pages.length - 1]!;
        this.startList({ ...last, total_count: newest.total_count }, fetched, undefined);
      }
      this.asOf = new Date();
      this.refreshError = undefined;
      // Re-render even when nothing arrived, so relative dates ("3 minutes ago") stay current.
      this.requestUpdate();
      // Hidden buffer-pool retirements join the list unannounced, so later polls and pages know them.
      const shownArrivals = arrived.filter((entry) => this.shows(entry));
      if (shownArrivals.length > 0) {
        this.arrivals = new Set(shownArrivals.map((entry) => entry.id));
        await this.announce(this.plural('newOne', 'newOther', shownArrivals.length));
      }
    } catch (error) {
      if (isAbortError(error) || signal.aborted || generation !== this.generation) return;
      this.refreshError = this.report(error);
    }
  }

  private async loadMore(): Promise<void> {
    if (this.more === 'loading' || this.cursor === null) return;
    const generation = this.generation;
    const key = this.queryKey;
    const focused = this.shadowRoot?.activeElement?.matches('[part~="show-more"], [part~="retry-button"]') ?? false;
    this.more = 'loading';
    try {
      const shown = this.shown.length;
      let added = 0;
      let pages = 0;
      // Fetches on past pages of hidden entries only, so "Show more" always shows more when there is more.
      do {
        const page = await this.fetchPage(this.cursor);
        if (generation !== this.generation || key !== this.queryKey) return;
        const fresh = unseen(this.entries, retirementsOf(page.nodes));
        this.entries = [...this.entries, ...fresh];
        added += fresh.filter((entry) => this.shows(entry)).length;
        this.totalCount = countOf(page.total_count) ?? this.totalCount;
        this.cursor = nextCursor(page);
        pages += 1;
      } while (added === 0 && this.cursor !== null && pages < SKIP_PAGES);
      this.more = 'idle';
      if (focused) await this.keepFocus(shown);
    } catch (error) {
      if (generation !== this.generation) return;
      if (isAbortError(error)) {
        this.more = 'idle';
        return;
      }
      this.moreError = this.report(error);
      this.more = 'error';
    }
  }

  /**
   * After a further page asked for from the keyboard, focus moves to the first newly shown entry,
   * where reading goes on, rather than staying on a "Show more" that the new entries pushed far down
   * (or that the last page removed); with nothing new shown, to "Show more".
   */
  private async keepFocus(firstNewIndex: number): Promise<void> {
    await this.updateComplete;
    const root = this.shadowRoot;
    if (!root) return;
    const entry = root.querySelectorAll<HTMLElement>('[part~="entry-button"]')[firstNewIndex];
    (entry ?? root.querySelector<HTMLElement>('[part~="show-more"]'))?.focus();
  }

  private report(error: unknown): RegistryError {
    const registryError = asRegistryError(error);
    this.emit(new IsoErrorEvent(registryError.kind, registryError.message, registryError.status));
    return registryError;
  }

  /** Puts `text` into the polite live region; emptied first so a repeated message is read again. */
  private async announce(text: string): Promise<void> {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  private plural(one: MessageKey, other: MessageKey, count: number): string {
    const key = new Intl.PluralRules(this.i18n.locale).select(count) === 'one' ? one : other;
    return this.t(key, { count: new Intl.NumberFormat(this.i18n.locale).format(count) });
  }

  private onEntryClick(id: string): void {
    this.emit(new IsoRetirementSelectEvent(id));
  }

  override render(): TemplateResult {
    const status = this.data.status;
    const ready = status === 'complete' && this.builtFrom !== undefined;
    const wrapper = { tag: 'section', class: this.compact ? 'feed feed--compact' : 'feed', busy: status === 'loading', skeletons: !ready && status !== 'error', label: this.t('label') } as const;
    return this.renderBase(
      wrapper,
      html`${renderLoadState(this.data, this.i18n, { complete: () => this.renderHeader(), loading: () => renderSkeletonHeader(this.t('loading')) })}
        <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-live-region>${this.announcement}</div>
        ${status === 'error' ? nothing : ready ? this.renderList() : renderSkeletonList(this.pageSize, this.compact)}
        <div class="feed__empty" part="empty" ?hidden=${!ready || this.shown.length > 0 || this.hasMore}>
          <slot name="empty">${this.t('empty')}</slot>
        </div>`,
    );
  }

  private renderHeader(): TemplateResult {
    const count = Math.max(this.totalCount - (this.entries.length - this.shown.length), this.shown.length);
    return html`<header class="feed__header" part="header">
        <p class="feed__count" part="count" data-figure="count">${this.plural('countOne', 'countOther', count)}</p>
        ${renderSum({ i18n: this.i18n, t: (key, params) => this.t(key, params), shown: this.shown, hasMore: this.hasMore, asOf: this.asOf })}
        ${this.pollMilliseconds > 0 ? html`<span class="feed__live" part="live-badge">${this.t('live')}</span>` : nothing}
      </header>
      ${this.refreshError ? this.renderInlineError('refreshFailed', this.refreshError, () => void this.polling.pollNow()) : nothing}`;
  }

  private renderInlineError(key: MessageKey, error: RegistryError, onRetry: () => void): TemplateResult {
    return renderInlineError({ part: 'inline-error', kind: error.kind, title: this.t(key), onRetry }, this.i18n);
  }

  private renderList(): TemplateResult {
    const shown = this.shown;
    const view: EntryView = {
      i18n: this.i18n,
      t: (key, params) => this.t(key, params),
      compact: this.compact,
      beneficiaryId: this.beneficiaryId,
      now: Date.now(),
      isNew: (id) => this.arrivals.has(id),
      attribution: (id) => this.attribution.get(id),
      onSelect: (id) => this.onEntryClick(id),
    };
    return html`${shown.length === 0
        ? nothing
        : html`<ul class="feed__list" part="list" role="list">
            ${shown.map((entry) => renderEntry(entry, view))}
          </ul>`}
      ${this.renderFooter()}`;
  }

  private renderFooter(): TemplateResult | typeof nothing {
    if (this.more === 'error' && this.moreError) {
      return html`<div class="feed__footer">${this.renderInlineError('moreFailed', this.moreError, () => void this.loadMore())}</div>`;
    }
    if (!this.hasMore) return nothing;
    const loading = this.more === 'loading';
    return html`<div class="feed__footer">
      <button type="button" class="feed__more" part="show-more" aria-disabled=${loading ? 'true' : 'false'} @click=${() => void this.loadMore()}>
        ${this.t(loading ? 'loadingMore' : 'showMore')}
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'iso-retirement-feed': IsoRetirementFeed;
  }
}
