import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { RegistryError } from '../../data/errors.js';
import { apiText, formatClaim, formatDate, formatPercent, safeHttpUrl } from '../../data/format.js';
import { describeIdProblem } from '../../data/ids.js';
import { projectDocumentsQuery, projectQuery } from '../../data/queries.js';
import type { Project, ProjectDocument } from '../../data/types.js';
import { enumLabel } from '../../i18n/common.js';
import { climateAction, percentDown, projectFigures } from '../../shared/claims.js';
import { barStyles } from '../shared/bar.styles.js';
import { customElement } from '../shared/define.js';
import { IsoElement } from '../shared/iso-element.js';
import { provenanceStyles, renderProvenance, type ProvenanceSource } from '../shared/provenance.js';
import { RegistryController } from '../shared/registry-controller.js';
import { headingLevel, renderError, renderLoadState } from '../shared/status.js';
import { styleProps } from '../shared/style-props.js';
import { messages } from './project-card.messages.js';
import { pathwayMark } from './pathway-marks.js';
import { protocolName } from './protocols.js';
import { styles } from './project-card.styles.js';

interface CardData {
  project: Project;
  /** The documents, the error that kept them from loading, or undefined without `show-documents`. */
  documents: ProjectDocument[] | RegistryError | undefined;
}

/**
 * A project from the Isometric Registry: name, supplier, pathway, status, the kind of climate action
 * (durable carbon removal, removal of shorter durability, or emission destruction, from
 * `src/shared/claims.ts`), location, protocol (its published title; the slug in a `title`), validator
 * and verifier, crediting period, and a link to the project's registry page.
 *
 * Its figures keep the buffer pool apart, as docs/claims.md says: "Issued for sale" and "Retired by
 * buyers" are the registry's totals less the buffer pool's share, the retired share is the one over
 * the other (rounded down), and the buffer pool's allocation and the retirements from it that
 * compensated reversals are shown on their own line when not zero. Each figure names its registry
 * record and when it was fetched (on hover and focus, and in print). Figures are rounded by magnitude,
 * always down (docs/claims.md, "How figures are rounded"); a rounded figure gives its exact value
 * in that note and in its `title`.
 *
 * The card fills its container's width (set `--iso-project-card-max-width` to cap it). Its figures
 * sit three in a row, or one above the other in a narrow card, never two and one. With
 * `layout="row"`, cards side by side in a grid or flex row are as tall as the row, and their
 * sections line up: the name takes two lines, and the figures and the link sit at the bottom.
 *
 * @summary Shows one registry project as a card.
 *
 * @slot footer - Extra content at the bottom of the card, such as an `<iso-checkout-button>`.
 *
 * @csspart base - The card's wrapper (`<article>`). It has `content-visibility: auto`, so cards away from the viewport skip layout; set `content-visibility: visible` on it to lay them all out.
 * @csspart header - The header with pathway mark, status, name and supplier.
 * @csspart mark - The round pathway pictogram, in the accent colour.
 * @csspart status - The project status badge.
 * @csspart title - The project name.
 * @csspart facts - The list of project facts (climate action, location, protocol, validator, verifier, period).
 * @csspart action - The kind of climate action (in the facts).
 * @csspart protocol - The protocol's name (in the facts); its `title` is the protocol slug.
 * @csspart figures - The figures issued for sale, retired by buyers and the retired share, all without the buffer pool.
 * @csspart buffer - The buffer pool's figures, shown apart when not zero: allocated to it, and retired from it to compensate reversals.
 * @csspart provenance - The note under a figure naming its registry record and when it was fetched; shown on hover, focus and in print.
 * @csspart documents - The documents section (with `show-documents`).
 * @csspart link - The link to the project's registry page.
 * @csspart error - The error message box: in place of the card, or in the documents section when only they failed to load.
 * @csspart retry-button - The retry button in the error box.
 *
 * @cssproperty --iso-project-card-padding - Inner spacing of the card. Defaults to 1.25 × `--iso-space`.
 * @cssproperty --iso-project-card-max-width - Maximum width of the card. Defaults to `none`: the card fills its container.
 * @cssproperty --iso-project-card-mark-color - Background of the pathway mark. Defaults to `--iso-color-accent`.
 *
 * @event iso-load - The project has loaded and rendered. `detail: { source }` names the element.
 * @event iso-error - Loading failed; the card shows the error. `detail: { kind, message, status }`.
 */
@customElement('iso-project-card')
export class IsoProjectCard extends IsoElement<typeof messages.en> {
  static override styles = [IsoElement.styles, barStyles, provenanceStyles, styles];

  protected override readonly messages = messages;

  /** The exact figures behind the rounded ones of the last render, for their provenance notes. */
  private readonly exact: Partial<Record<'issued' | 'retired', string>> = {};

  private readonly data = new RegistryController(this, {
    args: () => [this.projectId, this.showDocuments] as const,
    validate: ([id]) => describeIdProblem('project-id', 'project', id),
    load: async ([id, withDocuments], { query, signal }): Promise<CardData> => {
      const projectId = id as string;
      const [project, documents] = await Promise.all([
        query(projectQuery(projectId)),
        // Documents that fail to load must not hide the project: the error shows in their section.
        withDocuments
          ? query(projectDocumentsQuery(projectId)).catch((error: unknown) => {
              if (signal.aborted) throw error;
              return error instanceof RegistryError ? error : new RegistryError('unavailable', 'Could not load the project documents.', { cause: error });
            })
          : undefined,
      ]);
      if (typeof project.name !== 'string' || typeof project.id !== 'string') throw new TypeError('not a project');
      return { project, documents };
    },
  });

  /** The id of the project to show, like `prj_1CTWZQGKE1S0VAXA`. Checked before any request. */
  @property({ attribute: 'project-id' }) projectId: string | null = null;

  /** Lists the project's public documents under the figures. */
  @property({ type: Boolean, attribute: 'show-documents' }) showDocuments = false;

  /** The heading level (1–6) of the project name, so the card fits the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  /**
   * `row` lines the card up with the cards beside it: as tall as its grid or flex row, the name in
   * two lines, the figures and the link at the bottom. Unset, the card is as tall as its content.
   */
  @property({ reflect: true }) layout: 'row' | null = null;

  override render(): TemplateResult {
    const status = this.data.status;
    const value = this.data.value;
    const label = (status === 'complete' && apiText(value?.project.name)) || this.t('label');
    return this.renderBase(
      { tag: 'article', class: 'card', busy: status === 'loading', label },
      html`${status === 'error'
          ? html`<div class="reserve">
              <div class="reserve__space" aria-hidden="true">${this.renderSkeleton()}</div>
              ${renderLoadState(this.data, this.i18n, { complete: () => nothing, loading: () => nothing })}
            </div>`
          : renderLoadState(this.data, this.i18n, { complete: (value) => this.renderProject(value), loading: () => this.renderSkeleton() })}
        <slot name="footer"></slot>`,
    );
  }

  private heading(content: unknown): TemplateResult {
    const level = headingLevel(this.headingLevel, 3);
    return html`<div class="card__title" part="title" role="heading" aria-level=${level} dir="auto">${content}</div>`;
  }

  private renderSkeleton(): TemplateResult {
    // The same layout as the loaded card with blocks in place of text, hidden from assistive
    // technology, which hears the status line instead. One template, written out: a page of many
    // cards clones it once per card, where a template per block would be cloned twenty times.
    return html`<span class="visually-hidden" role="status">${this.t('loading')}</span>
      <div class="card__header" part="header" aria-hidden="true">
        <span class="card__mark skeleton" part="mark"></span>
        <p class="card__eyebrow"><span class="skeleton skeleton--text skeleton--short"></span></p>
        <div class="card__title" part="title"><span class="skeleton skeleton--text skeleton--title"></span> <span class="skeleton skeleton--text skeleton--short"></span></div>
        <p class="card__supplier"><span class="skeleton skeleton--text skeleton--short"></span></p>
      </div>
      <div class="card__facts" part="facts" aria-hidden="true">
        <span><span class="skeleton skeleton--text"></span></span><span class="card__fact-value"><span class="skeleton skeleton--text"></span></span>
        <span><span class="skeleton skeleton--text"></span></span><span class="card__fact-value"><span class="skeleton skeleton--text"></span></span>
        <span><span class="skeleton skeleton--text"></span></span><span class="card__fact-value"><span class="skeleton skeleton--text"></span></span>
        <span><span class="skeleton skeleton--text"></span></span><span class="card__fact-value"><span class="skeleton skeleton--text"></span></span>
        <span><span class="skeleton skeleton--text"></span></span><span class="card__fact-value"><span class="skeleton skeleton--text"></span></span>
        <span><span class="skeleton skeleton--text"></span></span><span class="card__fact-value"><span class="skeleton skeleton--text"></span></span>
      </div>
      <div class="card__figures" part="figures" aria-hidden="true">
        <div class="figure"><div class="figure__label"><span class="skeleton skeleton--text"></span></div><div class="figure__value"><span class="skeleton skeleton--text"></span></div></div>
        <div class="figure"><div class="figure__label"><span class="skeleton skeleton--text"></span></div><div class="figure__value"><span class="skeleton skeleton--text"></span></div></div>
        <div class="figure"><div class="figure__label"><span class="skeleton skeleton--text"></span></div><div class="figure__value"><span class="skeleton skeleton--text"></span></div><div class="bar"></div></div>
      </div>
      <div class="card__buffer" part="buffer" aria-hidden="true"><span class="skeleton skeleton--text skeleton--short"></span><span class="skeleton skeleton--text"></span></div>
      <div class="card__documents" part="documents" aria-hidden="true" ?hidden=${!this.showDocuments}><span class="skeleton skeleton--text"></span></div>
      <div class="card__footer" aria-hidden="true"><span class="skeleton skeleton--text skeleton--short"></span></div>`;
  }

  private renderProject(value: CardData): TemplateResult {
    const { project, documents } = value;
    const locale = this.i18n.locale;
    const mark = pathwayMark(project.pathway);
    // The buffer pool kept apart (docs/claims.md): the registry's totals include it.
    const figures = projectFigures(project);
    const share = percentDown(figures.retiredOrdinary, figures.issuedOrdinary);
    const protocol = apiText(project.protocol_slug);
    const link = safeHttpUrl(project.url);
    const location: { description?: unknown; country_code?: unknown; country_name?: unknown } | null | undefined = project.location;
    const where = typeof location === 'object' && location !== null ? location : {};
    const place = [apiText(where.description), this.countryText(apiText(where.country_code) ?? apiText(project.country_code), apiText(where.country_name))]
      .filter(Boolean)
      .join(', ');
    const start = apiText(project.crediting_period_start);
    const end = apiText(project.crediting_period_end);
    const period = start ? `${formatDate(start, locale)} – ${end ? formatDate(end, locale) : this.t('openEnded')}` : this.t('notAssigned');
    const status = apiText(project.status);
    const [beforeName, afterName] = this.t('supplier').split('{name}');
    return html`<div class="card__header" part="header">
        <span class="card__mark" part="mark">${mark.icon}</span>
        <p class="card__eyebrow">
          <span class="card__pathway" title=${this.enumText('pathway', project.pathway)}>${this.enumText('pathway', project.pathway)}</span>
          <span class="card__status card__status--${status && /^[a-z_]+$/.test(status) ? status : 'unknown'}" part="status">${this.enumText('status', status)}</span>
        </p>
        ${this.heading(project.name)}
        <p class="card__supplier" title=${`${beforeName ?? ''}${apiText(project.supplier?.organisation?.name) ?? '—'}${afterName ?? ''}`}>
          ${beforeName}<bdi class="card__supplier-name" dir="auto">${apiText(project.supplier?.organisation?.name) ?? '—'}</bdi>${afterName ?? ''}
        </p>
      </div>
      <dl class="card__facts" part="facts">
        <dt>${this.t('action')}</dt>
        <dd class="card__action" part="action">${this.t(`action.${climateAction(project.pathway, project.process_key)}`)}</dd>
        <dt>${this.t('location')}</dt>
        <dd dir="auto">${place || '—'}</dd>
        <dt>${this.t('protocol')}</dt>
        <dd dir="auto">${protocol ? html`<span class="card__protocol" part="protocol" title=${protocol} data-protocol-slug=${protocol}>${protocolName(protocol)}</span>` : '—'}</dd>
        <dt>${this.t('validator')}</dt>
        <dd dir="auto">${apiText(project.validator_name) ?? this.t('notAssigned')}</dd>
        <dt>${this.t('verifier')}</dt>
        <dd dir="auto">${apiText(project.current_verifier_name) ?? this.t('notAssigned')}</dd>
        <dt>${this.t('creditingPeriod')}</dt>
        <dd>${period}</dd>
      </dl>
      <dl class="card__figures" part="figures">
        <div class="figure">
          <dt>${this.t('issued')}</dt>
          <dd>${this.withProvenance(project, 'issued', this.claim(figures.issuedOrdinary, 'issued'))}</dd>
        </div>
        <div class="figure">
          <dt>${this.t('retired')}</dt>
          <dd>${this.withProvenance(project, 'retired', this.claim(figures.retiredOrdinary, 'retired'))}</dd>
        </div>
        <div class="figure">
          <dt>${this.t('retiredShare')}</dt>
          <dd>
            ${this.withProvenance(project, 'share', html`<span data-figure="share">${share === undefined ? '—' : formatPercent(share, locale)}</span>`)}
            <div class="bar" aria-hidden="true"><div class="bar__fill" ${styleProps({ inlineSize: `${Math.min(share ?? 0, 100)}%` })}></div></div>
          </dd>
        </div>
      </dl>
      ${figures.issuedBuffer > 0n || figures.retiredBuffer > 0n
        ? this.renderBuffer(project, figures.issuedBuffer, figures.retiredBuffer)
        : html`<div class="card__buffer" aria-hidden="true"></div>`}
      ${documents ? this.renderDocuments(value, documents) : nothing}
      <div class="card__footer">
        ${link
          ? html`<a class="card__link" part="link" href=${link} target="_blank" rel="noopener noreferrer"
              >${this.t('viewOnRegistry')}<span class="visually-hidden"> ${this.t('opensInNewTab')}</span></a
            >`
          : html`<span></span>`}
      </div>`;
  }

  /**
   * A figure in tonnes rounded by magnitude (never up), one unbreakable box with its unit, its exact
   * value in `title` and `data-exact` when rounded; `withProvenance` adds the exact value to the note.
   */
  private claim(kgs: bigint, figure: 'issued' | 'retired'): TemplateResult {
    const claim = formatClaim(kgs, this.i18n.locale);
    this.exact[figure] = claim.rounded ? claim.exact : undefined;
    return html`<span class="num" data-figure=${figure} data-exact=${claim.exact} title=${claim.rounded ? claim.exact : nothing}>${this.i18n.ltr(claim.text)}</span>`;
  }

  /**
   * A figure focusable and described by its provenance note: the project record (linked to its
   * registry page when the API gave an http(s) `url`), how the figure was derived, and as-of.
   */
  private withProvenance(project: Project, figure: 'issued' | 'retired' | 'share' | 'buffer', value: unknown): TemplateResult {
    const id = `provenance-${figure}`;
    const source: ProvenanceSource = { label: this.t('sourceProject', { name: apiText(project.name) ?? '—' }), id: apiText(project.id), url: project.url };
    const exact = figure === 'issued' || figure === 'retired' ? this.exact[figure] : undefined;
    const extra = exact ? `${this.t(`${figure}Source`)} ${this.t('exact', { amount: exact })}` : this.t(`${figure}Source`);
    return html`<span class="has-provenance" tabindex="0" aria-describedby=${id}
      >${value}${renderProvenance(id, [source], this.data.asOf, this.i18n, extra)}</span
    >`;
  }

  /** The buffer pool's figures, apart from the buyers' and compact: allocated to it, and retired from it (each only when not zero). */
  private renderBuffer(project: Project, issuedBuffer: bigint, retiredBuffer: bigint): TemplateResult {
    const amount = (key: 'bufferIssued' | 'bufferRetired', kgs: bigint, figure: string) => {
      const [before, after] = this.t(key).split('{amount}');
      const claim = formatClaim(kgs, this.i18n.locale);
      return html`${before}<span class="card__buffer-figure num" data-figure=${figure} title=${claim.rounded ? claim.exact : nothing}>${this.i18n.ltr(claim.text)}</span>${after ?? ''}`;
    };
    const parts = [
      issuedBuffer > 0n ? amount('bufferIssued', issuedBuffer, 'buffer-issued') : undefined,
      retiredBuffer > 0n ? amount('bufferRetired', retiredBuffer, 'buffer-retired') : undefined,
    ].filter((part) => part !== undefined);
    return html`<dl class="card__buffer" part="buffer">
      <dt>${this.t('buffer')}</dt>
      <dd>${this.withProvenance(project, 'buffer', parts.map((part, index) => html`${index > 0 ? html`<span class="card__buffer-sep">; </span>` : nothing}${part}`))}</dd>
    </dl>`;
  }

  /** The country in the card's language from its alpha-3 code, else the API's name. */
  private countryText(code: string | undefined, name: string | undefined): string | undefined {
    return code ? this.i18n.country(code, name) : name;
  }

  /** The label of an enum value from the API; a missing or non-string value shows as a dash. */
  private enumText(group: 'pathway' | 'status', value: unknown): string {
    const text = apiText(value);
    return text ? enumLabel(this.i18n, group, text) : '—';
  }

  /** Loads the documents again after they failed, leaving the project as it is. */
  private async retryDocuments(value: CardData): Promise<void> {
    const id = value.project.id;
    try {
      value.documents = await this.data.request(projectDocumentsQuery(id));
    } catch (error) {
      // Not a RegistryError: the card was removed and the request aborted.
      if (!(error instanceof RegistryError)) return;
      value.documents = error;
    }
    this.requestUpdate();
  }

  private renderDocuments(value: CardData, documents: ProjectDocument[] | RegistryError): TemplateResult {
    return html`<section class="card__documents" part="documents">
      <h4>${this.t('documents')}</h4>
      ${documents instanceof RegistryError
        ? renderError(documents, this.i18n, () => void this.retryDocuments(value))
        : documents.length === 0
          ? html`<p>${this.t('noDocuments')}</p>`
          : html`<ul>
              ${documents.map((doc) => {
                const href = safeHttpUrl(doc.url);
                const name = apiText(doc.display_name) ?? href ?? '—';
                return html`<li>${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer" dir="auto">${name}</a>` : html`<bdi>${name}</bdi>`}</li>`;
              })}
            </ul>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'iso-project-card': IsoProjectCard;
  }
}
