import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { apiText, formatCredits, formatDate, formatRelative, quantityKgs } from '../../data/format.js';
import type { Retirement } from '../../data/types.js';
import { enumLabel } from '../../i18n/common.js';
import type { LocaleController } from '../../i18n/localize.js';
import { isBufferRetirement, type ClimateAction } from '../../shared/claims.js';
import { renderProvenance } from '../shared/provenance.js';
import type { Attribution } from './feed-attribution.js';
import { sumKgs } from './feed-list.js';
import type { messages } from './retirement-feed.messages.js';

/** How many of the summed retirements the sum's provenance note names (all are counted). */
const PROVENANCE_SHOWN = 3;
/** How many project names an entry spells out; more are counted. */
const PROJECTS_SHOWN = 2;

/** What an entry's template needs from the feed. */
export interface EntryView {
  readonly i18n: LocaleController;
  /** The feed's `t()`: its own strings, then the common ones. */
  readonly t: (key: (keyof (typeof messages)['en'] & string) | `action.${ClimateAction | 'mixed'}`, params?: Readonly<Record<string, string | number>>) => string;
  readonly compact: boolean;
  /** The organisation the feed is filtered to as beneficiary, whose name its entries leave out. */
  readonly beneficiaryId: string | null;
  /** The time relative dates are counted from, one per render. */
  readonly now: number;
  readonly isNew: (id: string) => boolean;
  readonly attribution: (id: string) => Attribution | 'pending' | undefined;
  readonly onSelect: (id: string) => void;
}

/** One retirement of the feed: a card, or with `compact` two dense lines. */
export function renderEntry(entry: Retirement, view: EntryView): TemplateResult {
const { i18n, t, compact, now } = view;
  const locale = i18n.locale;
  const kgs = quantityKgs(entry.credit_batch_size_total);
  const tonnes = formatCredits(kgs, locale, 't');
  const amount = kgs < 1000n && kgs > 0n ? t('amountSmall', { amount: tonnes, kg: formatCredits(kgs, locale, 'kg') }) : t('amount', { amount: tonnes });
  const isNew = view.isNew(entry.id);
  const retiredAt = typeof entry.retired_at === 'string' ? entry.retired_at : '';
  const buffer = isBufferRetirement(entry);
  const found = view.attribution(entry.id);
  // In a feed of one buyer's retirements, every entry would repeat its name: the entry says what was retired instead.
  const name =
    view.beneficiaryId !== null && entry.beneficiary?.id === view.beneficiaryId
      ? nothing
      : html`<span class="entry__name" part="beneficiary" dir="auto">${apiText(entry.beneficiary?.name) ?? t('unnamed')}</span>`;
  const amountText = html`<span class="entry__amount" part="amount" data-figure="amount">${amount}</span>`;
  const badge = buffer ? html`<span class="entry__buffer-badge" part="buffer-badge">${t('bufferRetirement')}</span>` : nothing;
  const date = html`<time class="entry__date" part="date" datetime=${retiredAt} title=${formatDate(retiredAt, locale, 'long')}>${formatRelative(retiredAt, locale, now)}</time>`;
  const part = ['entry', isNew ? 'entry-new' : '', buffer ? 'entry-buffer' : ''].filter(Boolean).join(' ');
  const classes = classMap({ entry: true, 'entry--dense': compact, 'entry--new': isNew, 'entry--buffer': buffer });
  const attribution = found === undefined ? nothing : found === 'pending' ? 'pending' : 'done';
  if (compact) {
    // Two lines: who (or, in one buyer's feed, what) and how much; then what, and when.
    return html`<li class=${classes} part=${part} data-retirement-id=${entry.id} data-attribution=${attribution} @click=${() => view.onSelect(entry.id)}>
      <button type="button" class="entry__select" part="entry-button">
        <span class="entry__line">${name === nothing ? renderWhat(entry, view, 'projects') : name}${amountText}</span>
        <span class="entry__line entry__line--sub">${badge}${renderWhat(entry, view, name === nothing ? 'kind' : 'both')}${date}</span>
      </button>
    </li>`;
  }
  const purposes = Array.isArray(entry.purposes) ? entry.purposes.filter((purpose) => typeof purpose === 'string') : [];
  const notes = apiText(entry.notes);
  return html`<li class=${classes} part=${part} data-retirement-id=${entry.id} data-attribution=${attribution} @click=${() => view.onSelect(entry.id)}>
    <button type="button" class="entry__select" part="entry-button">${name} ${amountText} ${badge} ${renderWhat(entry, view)}</button>
    ${buffer ? html`<p class="entry__buffer-note" part="buffer-note">${t('bufferNote')}</p>` : nothing}
    <p class="entry__meta">${isNew ? html`<span class="entry__badge">${t('isNew')}</span>` : nothing} ${date}</p>
    ${purposes.length > 0
      ? html`<ul class="entry__purposes" part="purposes" role="list" aria-label=${t('purposes')}>
          ${purposes.map((purpose) => html`<li>${enumLabel(i18n, 'purpose', purpose)}</li>`)}
        </ul>`
      : nothing}
    ${notes ? html`<p class="entry__note" part="note" dir="auto">${notes}</p>` : nothing}
  </li>`;
}

/**
 * What a retirement retired: its kind of climate action (the common catalog's `action.*`, only when
 * every credit could be attributed) and its projects, once looked up; empty until then. `show`
 * picks both, or one of them for the two lines of a compact entry in one buyer's feed.
 */
function renderWhat(entry: Retirement, view: EntryView, show: 'both' | 'projects' | 'kind' = 'both'): TemplateResult {
const t = view.t;
  const found = view.attribution(entry.id);
  const settled = found === undefined || found === 'pending' ? undefined : found;
  const action = settled?.action;
  const kind = action === undefined || show === 'projects' ? undefined : t(`action.${action}`);
  const names = show === 'kind' ? [] : (settled?.projects.map((project) => project.name ?? project.id) ?? []);
  const rest = names.length - PROJECTS_SHOWN;
  const title = [kind, names.join(', ')].filter(Boolean).join(' · ');
  return html`<span class="entry__what" part="what" data-action=${action ?? nothing} title=${title || nothing}
    >${kind ? html`<span class="entry__action" part="action">${kind}</span>` : nothing}${kind && names.length > 0
      ? html`<span aria-hidden="true"> · </span>`
      : nothing}${names.length > 0
      ? html`<span class="entry__projects" part="projects"
          >${names.slice(0, PROJECTS_SHOWN).map((name, index) => html`${index > 0 ? ', ' : ''}<bdi>${name}</bdi>`)}${rest > 0
            ? ` ${t('moreProjects', { count: rest })}`
            : ''}</span
        >`
      : nothing}</span
  >`;
}

/** What the feed's sum needs. */
export interface SumView extends Pick<EntryView, 'i18n' | 't'> {
  /** The entries the feed lists. */
  readonly shown: readonly Retirement[];
  /** Whether the registry has more than the feed has loaded. */
  readonly hasMore: boolean;
  /** When the listed data was fetched. */
  readonly asOf: Date | undefined;
}

/** The summed amount of the listed buyers' retirements, with its provenance note. */
export function renderSum({ i18n, t, shown, hasMore, asOf }: SumView): TemplateResult {
  const locale = i18n.locale;
  // Buyers' retirements only: a buffer-pool retirement compensates a reversal and is nobody's claim.
  const claims = shown.filter((entry) => !isBufferRetirement(entry));
  const kgs = sumKgs(claims);
  const params = { amount: formatCredits(kgs, locale), count: new Intl.NumberFormat(locale).format(shown.length) };
  // "The N most recent" while the registry has more; once every retirement is listed, "in total".
  const main = hasMore ? t(shown.length === 1 ? 'sumRecentOne' : 'sumRecentOther', params) : t('sumAll', params);
  const sum = claims.length < shown.length ? t('sumWithoutBuffer', { sum: main }) : main;
  const sources = claims.slice(0, PROVENANCE_SHOWN).map((entry) => ({ label: t('retirement'), id: entry.id, url: entry.url }));
  const note = t('sumSource', { count: new Intl.NumberFormat(locale).format(claims.length) });
  return html`<p class="feed__sum" part="sum">
    <span class="has-provenance" tabindex="0" aria-describedby="sum-provenance"
      ><span data-figure="sum" data-kg=${kgs.toString()}>${sum}</span>${renderProvenance('sum-provenance', sources, asOf, i18n, note, claims.length)}</span
    >
  </p>`;
}
