import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { apiText, formatCredits, formatDate, quantityKgs, safeHttpUrl } from '../../data/format.js';
import { describeIdProblem, isRegistryId } from '../../data/ids.js';
import { projectQuery, retirementBatchesQuery, retirementQuery } from '../../data/queries.js';
import type { CarbonRemovalData, CreditBatch, Project, Retirement } from '../../data/types.js';
import { enumLabel } from '../../i18n/common.js';
import { barStyles } from '../shared/bar.styles.js';
import { breakdownStyles } from '../shared/breakdown.styles.js';
import { customElement } from '../shared/define.js';
import { IsoElement } from '../shared/iso-element.js';
import { RegistryController } from '../shared/registry-controller.js';
import { headingLevel, renderLoadState, skeletonLine as line } from '../shared/status.js';
import { styleProps } from '../shared/style-props.js';
import { messages } from './retirement-certificate.messages.js';
import { styles } from './retirement-certificate.styles.js';

type MessageKey = keyof (typeof messages)['en'];

interface CertificateData {
  retirement: Retirement;
  batches: CreditBatch[];
  /** Projects by id; `undefined` when a project could not be loaded (its id is shown instead). */
  projects: ReadonlyMap<string, Project | undefined>;
}

/** The carbon-removal components in the order they make up the net figure. */
const COMPONENTS = [
  { key: 'gross', field: 'gross_carbon_removed_kg', deducted: false },
  { key: 'emissions', field: 'emissions_kg', deducted: true },
  { key: 'counterfactuals', field: 'counterfactuals_kg', deducted: true },
  { key: 'losses', field: 'losses_kg', deducted: true },
  { key: 'net', field: 'net_carbon_removed_kg', deducted: false },
] as const satisfies readonly { key: MessageKey; field: keyof CarbonRemovalData; deducted: boolean }[];

/** Whole kilograms from an API integer field; anything unreadable counts as zero. */
function kgOf(value: unknown): bigint {
  return typeof value === 'number' && Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n;
}

function year(iso: unknown): string {
  if (typeof iso !== 'string') return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : String(date.getUTCFullYear());
}

/**
 * One carbon-removal retirement from the Isometric Registry as a certificate: the amount, the
 * beneficiary and the owner who retired it, purposes, date and note, a link to the official
 * certificate, and every credit batch with its serial number, project, vintage, country of issue,
 * CCP approval and carbon-removal breakdown. Prints on one page.
 *
 * @summary Shows one registry retirement as a printable certificate.
 *
 * @slot footer - Extra content at the bottom of the certificate, such as a share button.
 *
 * @csspart base - The certificate's wrapper (`<article>`).
 * @csspart header - The header with the headline amount and the beneficiary.
 * @csspart title - The headline ("12.5 t CO₂e retired").
 * @csspart beneficiary - The beneficiary's name in the header.
 * @csspart facts - The list of retirement facts (beneficiary, owner, amount, date, purposes, id).
 * @csspart note - The retirement's public note.
 * @csspart link - The link to the official certificate.
 * @csspart batches - The credit batches section.
 * @csspart batch - One credit batch.
 * @csspart serial - A batch's serial number.
 * @csspart breakdown - A batch's carbon-removal table.
 * @csspart bar - The bar drawn beside each carbon-removal figure.
 * @csspart error - The error message box.
 * @csspart retry-button - The retry button in the error box.
 *
 * @cssproperty --iso-retirement-certificate-padding - Inner spacing of the certificate. Defaults to 1.5 × `--iso-space`.
 * @cssproperty --iso-retirement-certificate-max-width - Maximum width of the certificate. Defaults to `48rem`.
 * @cssproperty --iso-retirement-certificate-accent - Colour of the certificate's border, headline and bars. Defaults to `--iso-color-accent`.
 * @cssproperty --iso-retirement-certificate-border-width - Width of the certificate's frame. Defaults to `3px`.
 *
 * @event iso-load - The retirement and its batches have loaded and rendered. `detail: { source }` names the element.
 * @event iso-error - Loading failed; the certificate shows the error. `detail: { kind, message, status }`.
 */
@customElement('iso-retirement-certificate')
export class IsoRetirementCertificate extends IsoElement<typeof messages.en> {
  static override styles = [IsoElement.styles, breakdownStyles, barStyles, styles];

  protected override readonly messages = messages;

  private readonly data = new RegistryController(this, {
    args: () => [this.retirementId] as const,
    validate: ([id]) => describeIdProblem('retirement-id', 'retirement', id),
    load: async ([id], { query, signal }): Promise<CertificateData> => {
      const retirementId = id as string;
      const [retirement, list] = await Promise.all([query(retirementQuery(retirementId)), query(retirementBatchesQuery(retirementId))]);
      if (typeof retirement.id !== 'string') throw new TypeError('not a retirement');
      const batches = (Array.isArray(list.nodes) ? list.nodes : []).filter((batch) => typeof batch?.id === 'string');
      // One request per distinct project, the query the project card asks for, so both share it.
      const projectIds = [...new Set(batches.map((batch) => batch.project_id))].filter((projectId) => isRegistryId('project', projectId));
      const projects = await Promise.all(
        projectIds.map(async (projectId) => {
          try {
            const project = await query(projectQuery(projectId));
            return [projectId, project] as const;
          } catch (error) {
            // A missing project must not hide the retirement; its id is shown instead of its name.
            if (signal.aborted) throw error;
            return [projectId, undefined] as const;
          }
        }),
      );
      return { retirement, batches, projects: new Map(projects) };
    },
  });

  /** The id of the retirement to show, like `ret_1FYBH4QDT1S0SVKF`. Checked before any request. */
  @property({ attribute: 'retirement-id' }) retirementId: string | null = null;

  /** The heading level (1–6) of the headline; batch headings go one and two levels deeper. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  override render(): TemplateResult {
    const status = this.data.status;
    return this.renderBase(
      { tag: 'article', class: 'certificate', busy: status === 'loading', label: this.t('label') },
      html`${renderLoadState(this.data, this.i18n, { complete: (value) => this.renderCertificate(value), loading: () => this.renderSkeleton() })}
        <slot name="footer"></slot>`,
    );
  }

  private level(offset: number): number {
    const base = headingLevel(this.headingLevel, 2);
    return Math.min(base + offset, 6);
  }

  private amount(kgs: bigint): string {
    return this.t('amountValue', { amount: formatCredits(kgs, this.i18n.locale) });
  }

  /**
   * The loaded layout of the common retirement (one credit batch with carbon-removal data, a
   * one-line note, a link) with blocks in place of text, so loading does not move the page.
   * Hidden from assistive technology, which hears the status line instead.
   */
  private renderSkeleton(): TemplateResult {
    const facts = (count: number) => Array.from({ length: count }, () => html`<dt>${line('skeleton--short')}</dt><dd>${line()}</dd>`);
    return html`<span class="visually-hidden" role="status">${this.t('label')}…</span>
      <header class="certificate__header" part="header" aria-hidden="true">
        <p class="certificate__eyebrow">${line('skeleton--short')}</p>
        <div class="certificate__title" part="title">${line('skeleton--title')}</div>
        <p class="certificate__beneficiary">
          <span class="certificate__label">${line('skeleton--short')}</span>
          <span class="certificate__name">${line()}</span>
        </p>
      </header>
      <dl class="certificate__facts" part="facts" aria-hidden="true">
        ${facts(6)}
      </dl>
      <figure class="certificate__note" aria-hidden="true">
        <figcaption>${line('skeleton--short')}</figcaption>
        <blockquote part="note">${line('skeleton--long')}</blockquote>
      </figure>
      <p class="certificate__footer" aria-hidden="true">${line('skeleton--short')}</p>
      <section class="certificate__batches" part="batches" aria-hidden="true">
        <div class="certificate__subtitle">${line('skeleton--short')}</div>
        <ul class="certificate__batch-list">
          <li class="batch" part="batch">
            <div class="batch__head">
              <div class="batch__project">${line('skeleton--name')}</div>
              <span class="batch__size">${line('skeleton--figure')}</span>
            </div>
            <dl class="batch__facts">
              ${facts(6)}
            </dl>
            <table class="breakdown" part="breakdown">
              <caption>${line()}</caption>
              <thead>
                <tr>
                  <th>${line('skeleton--short')}</th>
                  <th>${line('skeleton--short')}</th>
                </tr>
              </thead>
              <tbody>
                ${COMPONENTS.map(
                  () => html`<tr class="breakdown__row">
                    <th>${line()}</th>
                    <td>
                      <div class="breakdown__cell">
                        <span class="breakdown__value">${line('skeleton--figure')}</span>
                        <span class="bar" part="bar"></span>
                      </div>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </li>
        </ul>
      </section>`;
  }

  private renderCertificate({ retirement, batches, projects }: CertificateData): TemplateResult {
    const locale = this.i18n.locale;
    const kgs = quantityKgs(retirement.credit_batch_size_total);
    const link = safeHttpUrl(retirement.url);
    const purposes = Array.isArray(retirement.purposes) ? retirement.purposes.filter((purpose) => typeof purpose === 'string') : [];
    const retiredAt = typeof retirement.retired_at === 'string' ? retirement.retired_at : '';
    const beneficiary = apiText(retirement.beneficiary?.name) ?? '—';
    const notes = apiText(retirement.notes);
    return html`<header class="certificate__header" part="header">
        <p class="certificate__eyebrow">${this.t('eyebrow')}</p>
        <div class="certificate__title" part="title" role="heading" aria-level=${this.level(0)}>${this.t('headline', { amount: formatCredits(kgs, locale) })}</div>
        <p class="certificate__beneficiary">
          <span class="certificate__label">${this.t('onBehalfOf')}</span>
          <span class="certificate__name" part="beneficiary" dir="auto">${beneficiary}</span>
        </p>
      </header>
      <dl class="certificate__facts" part="facts">
        <dt>${this.t('beneficiary')}</dt>
        <dd dir="auto" data-fact="beneficiary">${beneficiary}</dd>
        <dt>${this.t('owner')}</dt>
        <dd dir="auto" data-fact="owner">${apiText(retirement.owner?.name) ?? '—'}</dd>
        <dt>${this.t('amount')}</dt>
        <dd data-fact="amount" data-kg=${kgs.toString()}>${this.amount(kgs)}</dd>
        <dt>${this.t('retiredOn')}</dt>
        <dd data-fact="date"><time datetime=${retiredAt}>${formatDate(retiredAt, locale, 'long')}</time></dd>
        <dt>${this.t('purposes')}</dt>
        <dd data-fact="purposes">${purposes.length > 0 ? purposes.map((purpose) => enumLabel(this.i18n, 'purpose', purpose)).join(', ') : '—'}</dd>
        <dt>${this.t('retirementId')}</dt>
        <dd class="certificate__code" data-fact="id">${retirement.id}</dd>
      </dl>
      ${notes
        ? html`<figure class="certificate__note">
            <figcaption>${this.t('note')}</figcaption>
            <blockquote part="note" dir="auto">${notes}</blockquote>
          </figure>`
        : nothing}
      ${link
        ? html`<p class="certificate__footer">
            <a class="certificate__link" part="link" href=${link} target="_blank" rel="noopener noreferrer"
              >${this.t('official')}<span class="visually-hidden"> ${this.t('opensInNewTab')}</span></a
            >
          </p>`
        : nothing}
      <section class="certificate__batches" part="batches">
        <div class="certificate__subtitle" role="heading" aria-level=${this.level(1)}>
          ${this.t('batches', { count: new Intl.NumberFormat(locale).format(batches.length) })}
        </div>
        ${batches.length === 0
          ? html`<p class="certificate__empty">${this.t('noBatches')}</p>`
          : html`<ul class="certificate__batch-list" role="list">
              ${batches.map((batch) => this.renderBatch(batch, projects))}
            </ul>`}
      </section>`;
  }

  private renderBatch(batch: CreditBatch, projects: ReadonlyMap<string, Project | undefined>): TemplateResult {
    const projectId = apiText(batch.project_id);
    const project = projectId ? projects.get(projectId) : undefined;
    const projectName = apiText(project?.name) ?? projectId ?? this.t('unknownProject');
    const ccp = typeof batch.ccp_approved === 'boolean' ? this.t(batch.ccp_approved ? 'yes' : 'no') : '—';
    const size = quantityKgs(batch.size);
    return html`<li class="batch" part="batch" data-batch-id=${batch.id} data-project-id=${projectId ?? ''}>
      <div class="batch__head">
        <div class="batch__project" role="heading" aria-level=${this.level(2)} dir="auto">${projectName}</div>
        <span class="batch__size" data-figure="batch-size">${this.amount(size)}</span>
      </div>
      <dl class="batch__facts">
        <dt>${this.t('serialNumber')}</dt>
        <dd class="certificate__code" part="serial" data-fact="serial">${apiText(batch.serial_number) ?? '—'}</dd>
        <dt>${this.t('project')}</dt>
        <dd dir="auto" data-fact="project">${projectName}</dd>
        <dt>${this.t('vintage')}</dt>
        <dd data-fact="vintage">${year(batch.issued_at)}</dd>
        <dt>${this.t('countryOfIssue')}</dt>
        <dd data-fact="country">${this.i18n.country(apiText(batch.country_of_issue) ?? '—')}</dd>
        <dt>${this.t('ccpApproved')}</dt>
        <dd data-fact="ccp">${ccp}</dd>
        <dt>${this.t('batchSize')}</dt>
        <dd data-fact="size">${this.amount(size)}</dd>
      </dl>
      ${batch.carbon_removal_data ? this.renderBreakdown(batch.carbon_removal_data) : html`<p class="batch__no-data">${this.t('noCarbonData')}</p>`}
    </li>`;
  }

  private renderBreakdown(data: CarbonRemovalData): TemplateResult {
    const locale = this.i18n.locale;
    const values = COMPONENTS.map((component) => ({ ...component, kg: kgOf(data[component.field]) }));
    const scale = values.reduce((max, { kg }) => (kg > max ? kg : max), 0n);
    return html`<table class="breakdown" part="breakdown">
      <caption>${this.t('carbonRemoval')}</caption>
      <thead>
        <tr>
          <th scope="col">${this.t('component')}</th>
          <th scope="col">${this.t('quantity')}</th>
        </tr>
      </thead>
      <tbody>
        ${values.map(({ key, kg, deducted }) => {
          const percent = scale > 0n && kg > 0n ? Number((kg * 1000n) / scale) / 10 : 0;
          return html`<tr class="breakdown__row breakdown__row--${key}" data-component=${key} data-kg=${kg.toString()}>
            <th scope="row">${this.t(key)}</th>
            <td>
              <div class="breakdown__cell">
                <span class="breakdown__value">${this.i18n.ltr(`${deducted && kg > 0n ? '−' : ''}${formatCredits(kg, locale)}`)}</span>
                <span class="bar" part="bar" aria-hidden="true"><span class="bar__fill" ${styleProps({ inlineSize: `${percent}%` })}></span></span>
              </div>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'iso-retirement-certificate': IsoRetirementCertificate;
  }
}
