import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { apiText, formatClaim, formatCredits, formatDate, quantityKgs, safeHttpUrl } from '../../data/format.js';
import { describeIdProblem, isRegistryId } from '../../data/ids.js';
import { projectQuery, retirementBatchesQuery, retirementQuery, supplierQuery } from '../../data/queries.js';
import type { CreditBatch, Project, Retirement, Supplier } from '../../data/types.js';
import { enumLabel } from '../../i18n/common.js';
import { checkRetirementClaim } from '../../shared/claim-check.js';
import { claimWording, climateAction, combinedAction, isBufferRetirement, type ClimateAction } from '../../shared/claims.js';
import { barStyles } from '../shared/bar.styles.js';
import { breakdownStyles } from '../shared/breakdown.styles.js';
import { customElement } from '../shared/define.js';
import { IsoElement } from '../shared/iso-element.js';
import { provenanceStyles, renderProvenance } from '../shared/provenance.js';
import { RegistryController, type LoadContext } from '../shared/registry-controller.js';
import { headingLevel, renderLoadState } from '../shared/status.js';
import { messages } from './retirement-certificate.messages.js';
import { printStyles } from './retirement-certificate.print.styles.js';
import { styles } from './retirement-certificate.styles.js';
import { renderBatch, renderCheck, renderSkeleton, type CertificateView } from './retirement-certificate.templates.js';

interface CertificateData {
  retirement: Retirement;
  batches: CreditBatch[];
  /** Projects by id; `undefined` when a project could not be loaded (its id is shown instead). */
  projects: ReadonlyMap<string, Project | undefined>;
  /** Suppliers by id, from the batches' `supplier_id`; `undefined` when one could not be loaded. */
  suppliers: ReadonlyMap<string, Supplier | undefined>;
}

/**
 * Each of `ids` through `load`, in parallel; one that fails (or answers `null`, the API's "not
 * found" for these reads) maps to `undefined` and is shown by its id: a missing project or supplier
 * must not hide the retirement.
 */
async function loadEach<T>(ids: readonly string[], load: (id: string) => Promise<T | null>, signal: AbortSignal): Promise<Map<string, T | undefined>> {
  const entries = await Promise.all(
    ids.map(async (id) => {
      try {
        const value = await load(id);
        return [id, typeof value === 'object' && value !== null ? value : undefined] as const;
      } catch (error) {
        if (signal.aborted) throw error;
        return [id, undefined] as const;
      }
    }),
  );
  return new Map(entries);
}

async function loadCertificate(retirementId: string, { query, signal }: LoadContext): Promise<CertificateData> {
  const [retirement, list] = await Promise.all([query(retirementQuery(retirementId)), query(retirementBatchesQuery(retirementId))]);
  if (typeof retirement.id !== 'string') throw new TypeError('not a retirement');
  const batches = (Array.isArray(list.nodes) ? list.nodes : []).filter((batch) => typeof batch?.id === 'string');
  // One request per distinct project and supplier, the queries the card asks for too, so both share them.
  const distinct = (kind: 'project' | 'supplier', ids: unknown[]) => [...new Set(ids)].filter((id): id is string => isRegistryId(kind, id));
  const [projects, suppliers] = await Promise.all([
    loadEach(distinct('project', batches.map((batch) => batch.project_id)), (id) => query(projectQuery(id)), signal),
    loadEach(distinct('supplier', batches.map((batch) => batch.supplier_id)), (id) => query(supplierQuery(id)), signal),
  ]);
  return { retirement, batches, projects, suppliers };
}

/**
 * One retirement from the Isometric Registry as a certificate whose title and wording follow what
 * was retired (durable removal, removal of shorter durability, emission destruction, or several
 * kinds: src/shared/claims.ts): the amount with its registry records, the beneficiary, the owner
 * who retired it and the supplier the credits come from, purposes, date and note, a link to the
 * official certificate, and every credit batch with its serial number (range), project, removal
 * date and vintage (its year), issue date, country of issue, CCP approval and carbon accounting.
 * The certificate checks its claim against the registry records it loaded (the batches add up to
 * the amount, are retired, into this retirement, for this beneficiary, from one supplier; not a
 * buffer-pool retirement) and says so in one line, or warns, naming what did not match. Prints on one page.
 *
 * The headline's amount is rounded by magnitude, never up; the facts, the batches and their tables
 * give exact figures, as a record should (docs/claims.md, "How figures are rounded"). A figure and
 * its unit never break apart, and table headers wrap between words only.
 *
 * @summary Shows one registry retirement as a printable certificate, checked against its credit batches.
 *
 * @slot footer - Extra content at the bottom of the certificate, such as a share button.
 *
 * @csspart base - The certificate's wrapper (`<article>`).
 * @csspart header - The header with the headline amount and the beneficiary.
 * @csspart eyebrow - The certificate's kind above the headline ("Certificate of emission destruction retirement").
 * @csspart title - The headline ("12.5 t CO₂e permanently removed"), worded for what was retired.
 * @csspart provenance - The headline's registry records and "as of" time, shown on hover, focus and in print.
 * @csspart beneficiary - The beneficiary's name in the header.
 * @csspart check - The claim check: the line "Checked against N registry records at …" when the records support the certificate, else a warning box (icon and text) naming what did not match, or that it is a buffer-pool retirement.
 * @csspart check-details - What the check verified (shown on hover, focus and in print), or the list of what did not match.
 * @csspart facts - The list of retirement facts (beneficiary, owner, supplier, climate action, amount, date, purposes, id).
 * @csspart note - The retirement's public note.
 * @csspart link - The link to the official certificate.
 * @csspart batches - The credit batches section.
 * @csspart batch - One credit batch.
 * @csspart serial - A batch's serial number (range), as the registry gives it; its year is the serial's, not the vintage.
 * @csspart breakdown - A batch's carbon-removal (or, for destruction, carbon-accounting) table.
 * @csspart bar - The bar drawn beside each carbon-removal figure.
 * @csspart error - The error message box.
 * @csspart retry-button - The retry button in the error box.
 *
 * @cssproperty --iso-retirement-certificate-padding - Inner spacing of the certificate. Defaults to 1.5 × `--iso-space`.
 * @cssproperty --iso-retirement-certificate-max-width - Maximum width of the certificate. Defaults to `48rem`.
 * @cssproperty --iso-retirement-certificate-accent - Colour of the certificate's border, headline and bars. Defaults to `--iso-color-accent`.
 * @cssproperty --iso-retirement-certificate-border-width - Width of the certificate's frame. Defaults to `3px`.
 * @cssproperty --iso-retirement-certificate-warning - Colour of the claim check's warning box. Defaults to `--iso-color-danger`.
 *
 * @event iso-load - The retirement and its batches have loaded and rendered. `detail: { source }` names the element.
 * @event iso-error - Loading failed; the certificate shows the error. `detail: { kind, message, status }`.
 */
@customElement('iso-retirement-certificate')
export class IsoRetirementCertificate extends IsoElement<typeof messages.en> {
  static override styles = [IsoElement.styles, breakdownStyles, barStyles, provenanceStyles, styles, printStyles];

  protected override readonly messages = messages;

  private readonly data = new RegistryController(this, {
    args: () => [this.retirementId] as const,
    validate: ([id]) => describeIdProblem('retirement-id', 'retirement', id),
    load: ([id], context) => loadCertificate(id as string, context),
  });

  /** The templates' view of the element: its strings, locale and heading levels. */
  private readonly view: CertificateView = {
    t: (key, params) => this.t(key, params),
    i18n: this.i18n,
    level: (offset) => Math.min(headingLevel(this.headingLevel, 2) + offset, 6),
  };

  /** The id of the retirement to show, like `ret_1FYBH4QDT1S0SVKF`. Checked before any request. */
  @property({ attribute: 'retirement-id' }) retirementId: string | null = null;

  /** The heading level (1–6) of the headline; batch headings go one and two levels deeper. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  override render(): TemplateResult {
    const status = this.data.status;
    return this.renderBase(
      { tag: 'article', class: 'certificate', busy: status === 'loading', label: this.t('label') },
      html`${renderLoadState(this.data, this.i18n, { complete: (value) => this.renderCertificate(value), loading: () => renderSkeleton(this.view) })}
        <slot name="footer"></slot>`,
    );
  }

  private amount(kgs: bigint): string {
    return this.t('amountValue', { amount: formatCredits(kgs, this.i18n.locale) });
  }

  private renderCertificate({ retirement, batches, projects, suppliers }: CertificateData): TemplateResult {
    const locale = this.i18n.locale;
    const view = this.view;
    const kgs = quantityKgs(retirement.credit_batch_size_total);
    const link = safeHttpUrl(retirement.url);
    const purposes = Array.isArray(retirement.purposes) ? retirement.purposes.filter((purpose) => typeof purpose === 'string') : [];
    const retiredAt = typeof retirement.retired_at === 'string' ? retirement.retired_at : '';
    const beneficiary = apiText(retirement.beneficiary?.name) ?? '—';
    const notes = apiText(retirement.notes);

    // What was retired, batch by batch, decides the title and the words the headline may use.
    const projectOf = (batch: CreditBatch) => (typeof batch.project_id === 'string' ? projects.get(batch.project_id) : undefined);
    const actions = new Map<CreditBatch, ClimateAction>(batches.map((batch) => [batch, climateAction(projectOf(batch)?.pathway, projectOf(batch)?.process_key)]));
    const kinds = [...new Set(actions.values())];
    const combined = combinedAction(kinds);
    const buffer = isBufferRetirement(retirement);
    const eyebrow = buffer ? 'eyebrow.buffer' : combined === undefined ? 'eyebrow.unknown' : (`eyebrow.${combined}` as const);
    const claim = buffer ? 'claim.retired' : (`claim.${claimWording(combined, kinds)}` as const);
    const action = combined === 'mixed' ? `${this.t('action.mixed')}: ${kinds.map((kind) => this.t(`action.${kind}`)).join(', ')}` : this.t(`action.${combined ?? 'unknown'}`);

    const supplierIds = [...new Set(batches.map((batch) => apiText(batch.supplier_id)))];
    const supplierName = (id: string | undefined) => apiText(id ? suppliers.get(id)?.organisation?.name : undefined) ?? id ?? this.t('unknownSupplier');
    const loaded = (map: ReadonlyMap<string, unknown>) => [...map.values()].filter((value) => value !== undefined).length;
    const records = 1 + batches.length + loaded(projects) + loaded(suppliers);
    const check = checkRetirementClaim(retirement, batches);
    const asOf = this.data.asOf;
    // Not linked: the certificate links its official page once (part link), where it is always visible.
    const sources = [
      { label: this.t('source.retirement'), id: retirement.id },
      ...batches.map((batch) => ({ label: this.t('source.batch'), id: batch.id })),
    ];

    return html`<header class="certificate__header" part="header">
        <p class="certificate__eyebrow" part="eyebrow" data-kind=${buffer ? 'buffer' : (combined ?? 'unknown')}>${this.t(eyebrow)}</p>
        <div class="certificate__title" part="title" role="heading" aria-level=${view.level(0)}>
          <span class="has-provenance" tabindex="0" aria-describedby="amount-provenance"
            ><span class="certificate__headline">${this.t('headline', { amount: formatClaim(kgs, locale).text, claim: this.t(claim) })}</span
            >${renderProvenance('amount-provenance', sources, asOf, this.i18n)}</span
          >
        </div>
        <p class="certificate__beneficiary">
          <span class="certificate__label">${this.t('onBehalfOf')}</span>
          <span class="certificate__name" part="beneficiary" dir="auto">${beneficiary}</span>
        </p>
      </header>
      ${renderCheck(view, check, records, asOf, supplierName)}
      <dl class="certificate__facts" part="facts">
        <dt>${this.t('beneficiary')}</dt>
        <dd dir="auto" data-fact="beneficiary">${beneficiary}</dd>
        <dt>${this.t('owner')}</dt>
        <dd dir="auto" data-fact="owner">${apiText(retirement.owner?.name) ?? '—'}</dd>
        <dt>${this.t('supplier')}</dt>
        <dd dir="auto" data-fact="supplier">${supplierIds.length > 0 ? supplierIds.map(supplierName).join(', ') : this.t('unknownSupplier')}</dd>
        <dt>${this.t('action')}</dt>
        <dd data-fact="action">${action}</dd>
        <dt>${this.t('amount')}</dt>
        <dd data-fact="amount" data-kg=${kgs.toString()}><span class="num">${this.amount(kgs)}</span></dd>
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
        <div class="certificate__subtitle" role="heading" aria-level=${view.level(1)}>
          ${this.t('batches', { count: new Intl.NumberFormat(locale).format(batches.length) })}
        </div>
        ${batches.length === 0
          ? html`<p class="certificate__empty">${this.t('noBatches')}</p>`
          : html`<ul class="certificate__batch-list" role="list">
              ${batches.map((batch) => renderBatch(view, batch, projectOf(batch), actions.get(batch) ?? 'unknown', combined === 'mixed'))}
            </ul>`}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'iso-retirement-certificate': IsoRetirementCertificate;
  }
}
