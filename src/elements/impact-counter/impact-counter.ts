import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { apiText, formatClaim } from '../../data/format.js';
import { describeIdProblem } from '../../data/ids.js';
import { oneOfProblem, type AttributeProblem } from '../../data/problems.js';
import { barStyles } from '../shared/bar.styles.js';
import { breakdownStyles } from '../shared/breakdown.styles.js';
import { customElement } from '../shared/define.js';
import { IsoElement } from '../shared/iso-element.js';
import { provenanceStyles, renderProvenance } from '../shared/provenance.js';
import { RegistryController } from '../shared/registry-controller.js';
import { renderLoadState, skeletonLine as line } from '../shared/status.js';
import { styleProps } from '../shared/style-props.js';
import { CountUpController } from './count-up.js';
import { BREAKDOWNS, loadImpact, type Impact, type ImpactRow } from './impact.js';
import { messages } from './impact-counter.messages.js';
import { styles } from './impact-counter.styles.js';

/** Breakdown rows in the skeleton: the row count is known only once loaded, and most organisations buy from a few suppliers. */
const SKELETON_ROWS = 3;

/** Retirements the headline's provenance note lists (the newest); it counts all of them. */
const PROVENANCE_SHOWN = 3;

function breakdownProblem(value: string | null): AttributeProblem | undefined {
  return value === null || (BREAKDOWNS as readonly string[]).includes(value) ? undefined : oneOfProblem('breakdown', [...BREAKDOWNS], value);
}

/**
 * An organisation's climate impact from the Isometric Registry: what was retired *for* it (the
 * retirements with it as beneficiary, buffer-pool retirements left out) as a headline figure that
 * counts up the first time it is seen, worded by the kind of climate action the credits stand for
 * ([what a figure may claim](../claims.md): "permanently removed" only for durable removal, "removed" for shorter-lived
 * removal, "destroyed" for emission destruction, "retired" for anything else; a figure over several
 * kinds says so). The figure names the retirements it comes from and when they were fetched (on
 * hover, focus and in print). Under it: the organisation's name; optionally the credits it holds
 * (`show-active`), the credits it retired for other organisations (`show-retired-for-others`, never
 * part of the headline), and a breakdown by supplier, project or kind of climate action.
 *
 * Figures are rounded by magnitude and never up (docs/claims.md, "How figures are rounded"): the
 * headline's note gives the exact figure, other figures give it in their `title`. In print the
 * headline shows its final value, never a frame of the count.
 *
 * The kind of each retirement comes from its credit batches and their projects: one request per
 * retirement (the 100 largest; any others count in the figure but make it say only "retired") and
 * per project, at most 4 at a time, all shared page-wide through the request cache.
 *
 * @summary Shows how much CO₂e was retired for an organisation, worded by the kind of climate action.
 *
 * @slot footer - Extra content under the figures, such as a link to the organisation's retirements.
 *
 * @csspart base - The counter's wrapper (`<section>`).
 * @csspart headline - The headline: the figure, its wording ("CO₂e permanently removed", "CO₂e destroyed", …) and the kind of climate action.
 * @csspart figure - The amount retired for the organisation, which counts up.
 * @csspart kind - The kind of climate action of the headline figure, or "Several kinds of climate action".
 * @csspart provenance - The note naming the retirements behind the headline figure and when they were fetched.
 * @csspart active - The line with the credits the organisation holds (with `show-active`).
 * @csspart for-others - The line with the credits the organisation retired for others (with `show-retired-for-others`).
 * @csspart caption - The organisation's name.
 * @csspart breakdown - The breakdown table (with `breakdown`). It sits in a box of fixed height, reserved while loading; more rows than fit scroll in it.
 * @csspart bar - The bar drawn beside each breakdown figure.
 * @csspart error - The error message box.
 * @csspart retry-button - The retry button in the error box.
 *
 * @cssproperty --iso-impact-counter-padding - Inner spacing of the counter. Defaults to 1.25 × `--iso-space`.
 * @cssproperty --iso-impact-counter-figure-size - Font size of the headline figure. Defaults to `2.5em`; a narrow counter shrinks the figure to fit.
 * @cssproperty --iso-impact-counter-breakdown-size - Height of the breakdown's box, reserved while loading. Defaults to `13.5em` (about five rows).
 * @cssproperty --iso-impact-counter-figure-color - Colour of the headline figure and the bars. Defaults to `--iso-color-accent`.
 *
 * @event iso-load - The retirements, their kinds and names have loaded and rendered. `detail: { source }` names the element.
 * @event iso-error - Loading failed; the counter shows the error. `detail: { kind, message, status }`.
 */
@customElement('iso-impact-counter')
export class IsoImpactCounter extends IsoElement<typeof messages.en> {
  static override styles = [IsoElement.styles, breakdownStyles, barStyles, provenanceStyles, styles];

  protected override readonly messages = messages;

  private readonly countUp = new CountUpController(this);

  private readonly data = new RegistryController(this, {
    // The unit reloads nothing it needs (the cache answers), but a unit it does not know is refused.
    args: () => [this.organisationId, this.breakdown, this.unit, this.showActive, this.showRetiredForOthers] as const,
    validate: ([id, breakdown, unit]) =>
      describeIdProblem('organisation-id', 'organisation', id) ?? breakdownProblem(breakdown) ?? (unit == null || unit === 't' || unit === 'kg' ? undefined : oneOfProblem('unit', ['t', 'kg'], String(unit))),
    load: ([id, breakdown, , active, forOthers], context): Promise<Impact> =>
      loadImpact(id as string, { breakdown: breakdown ?? undefined, active, forOthers }, context),
  });

  /** The id of the organisation whose impact to show, like `org_1GB56M1ST1S0GVNA`. Checked before any request. */
  @property({ attribute: 'organisation-id' }) organisationId: string | null = null;

  /** Also shows the credits the organisation holds (owned, active, not retired), apart from the headline. */
  @property({ type: Boolean, attribute: 'show-active' }) showActive = false;

  /**
   * Also shows, apart from the headline, the credits the organisation owned and retired on behalf of
   * other organisations: their claim, not its own, so never added to the headline.
   */
  @property({ type: Boolean, attribute: 'show-retired-for-others' }) showRetiredForOthers = false;

  /** Adds a table of the credits retired for the organisation per `supplier`, per `project` or per kind of climate `action`. */
  @property() breakdown: 'supplier' | 'project' | 'action' | null = null;

  /** The unit of every figure: `t` (tonnes, the default) or `kg`. */
  @property() unit: 't' | 'kg' = 't';

  override willUpdate(_changed: PropertyValues<this>): void {
    if (this.data.status === 'complete') this.countUp.start();
  }

  /** A figure rounded by magnitude, never up (docs/claims.md); `claim()` gives the exact one too. */
  private format(kgs: bigint): string {
    return this.i18n.ltr(this.claim(kgs).text);
  }

  private claim(kgs: bigint): { text: string; exact: string; rounded: boolean } {
    return formatClaim(kgs, this.i18n.locale, this.unit === 'kg' ? 'kg' : 't');
  }

  override render(): TemplateResult {
    const status = this.data.status;
    return this.renderBase(
      { tag: 'section', class: 'counter', busy: status === 'loading', label: this.t('label') },
      html`${renderLoadState(this.data, this.i18n, { complete: (value) => this.renderCounter(value), loading: () => this.renderSkeleton() })}
        <slot name="footer"></slot>`,
    );
  }

  /**
   * The loaded layout with blocks in place of text, hidden from assistive technology, which hears
   * the status line instead. The breakdown's row count is known only once loaded; the skeleton
   * shows SKELETON_ROWS.
   */
  private renderSkeleton(): TemplateResult {
    return html`<span class="visually-hidden" role="status">${this.t('label')}…</span>
      <p class="counter__headline" part="headline" aria-hidden="true">
        <span class="counter__figure" part="figure">${line('skeleton--figure')}</span>
        <span class="counter__text">${line()}</span>
        <span class="counter__kind" part="kind">${line('skeleton--short')}</span>
      </p>
      ${this.showActive ? html`<p class="counter__active" part="active" aria-hidden="true">${line()}</p>` : nothing}
      ${this.showRetiredForOthers ? html`<p class="counter__active" part="for-others" aria-hidden="true">${line()}</p>` : nothing}
      <p class="counter__caption" part="caption" aria-hidden="true">${line('skeleton--short')}</p>
      ${this.breakdown
        ? html`<div class="counter__breakdown" aria-hidden="true"><table class="breakdown" part="breakdown">
            <caption>${line()}</caption>
            <thead>
              <tr>
                <th class="breakdown__name">${line('skeleton--short')}</th>
                <th>${line('skeleton--short')}</th>
              </tr>
            </thead>
            <tbody>
              ${Array.from(
                { length: SKELETON_ROWS },
                () => html`<tr>
                  <th>${line()}</th>
                  <td>
                    <div class="breakdown__cell">
                      <span class="breakdown__value">${line('skeleton--value')}</span>
                      <span class="bar" part="bar"></span>
                    </div>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
        : nothing}`;
  }

  private renderCounter(impact: Impact): TemplateResult {
    const { organisation, claimedKgs: retired, claimed, action, wording, active, forOthers, rows } = impact;
    const final = this.format(retired);
    const exact = this.claim(retired);
    const shown = this.countUp.animating ? this.format(this.countUp.value(retired)) : final;
    // FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: a right-to-left name inside the note's sentence keeps its own order.
    const name = `\u2068${apiText(organisation.name) ?? organisation.id}\u2069`;
    const kind = action === 'mixed' ? this.t('action.mixed') : action && action !== 'unknown' ? this.t(`action.${action}`) : undefined;
    const sources = claimed.slice(0, PROVENANCE_SHOWN).map((retirement) => ({ label: this.t('retirement'), id: retirement.id, url: retirement.url }));
    return html`<p class="counter__headline" part="headline">
        <span class="counter__amount has-provenance" tabindex="0" aria-describedby="headline-provenance">
          <span class="counter__figure" part="figure" aria-hidden="true" ${styleProps({ '--_figure-length': String(final.length) })}>
            <span class="counter__sizer">${final}</span>
            <span class="counter__value" data-figure="retired" data-kg=${retired.toString()} data-exact=${exact.exact} data-wording=${wording}>${shown}</span>
          </span>
          <span class="visually-hidden">${final}</span>
          ${renderProvenance(
            'headline-provenance',
            sources,
            this.data.asOf,
            this.i18n,
            `${this.t('sources', { count: claimed.length, name })}${exact.rounded ? ` ${this.t('exact', { amount: this.i18n.ltr(exact.exact) })}` : ''}`,
            claimed.length,
          )}
        </span>
        <span class="counter__text">${this.t(`claim.${wording}`)}</span>
        ${kind ? html`<span class="counter__kind" part="kind" data-action=${action ?? nothing}>${kind}</span>` : html`<span class="counter__kind"></span>`}
      </p>
      ${active !== undefined
        ? html`<p class="counter__active" part="active">
            <span class="counter__active-label">${this.t('active')}</span>
            <span class="counter__active-value num" data-figure="active" data-kg=${active.toString()} title=${this.claim(active).exact}>${this.t('amount', { amount: this.format(active) })}</span>
          </p>`
        : nothing}
      ${forOthers
        ? html`<p class="counter__active" part="for-others">
            <span class="counter__active-label">${this.t('forOthers')}</span>
            <span class="counter__active-value num" data-figure="for-others" data-kg=${forOthers.kgs.toString()} title=${this.claim(forOthers.kgs).exact}>${this.t('amount', { amount: this.format(forOthers.kgs) })}</span>
          </p>`
        : nothing}
      <p class="counter__caption" part="caption" dir="auto">${apiText(organisation.name) ?? '—'}</p>
      ${rows ? this.renderBreakdown(rows, retired) : nothing}`;
  }

  private rowName(row: ImpactRow): string {
    if (row.id === '') return this.t('unattributed');
    return row.action ? this.t(`action.${row.action}`) : row.name;
  }

  private renderBreakdown(rows: ImpactRow[], retired: bigint): TemplateResult {
    const kind = this.breakdown === 'supplier' ? 'supplier' : this.breakdown === 'project' ? 'project' : 'action';
    const caption = kind === 'supplier' ? 'bySupplier' : kind === 'project' ? 'byProject' : 'byAction';
    // In a box of the skeleton's size, so rows arriving move nothing; more rows scroll inside it.
    return html`<div class="counter__breakdown" role="region" tabindex="0" aria-label=${this.t(caption)}><table class="breakdown" part="breakdown">
      <caption>${this.t(caption)}</caption>
      <thead>
        <tr>
          <th scope="col" class="breakdown__name">${this.t(kind)}</th>
          <th scope="col">${this.t('retired')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((row) => {
          const percent = retired > 0n ? Number((row.kgs * 1000n) / retired) / 10 : 0;
          return html`<tr data-id=${row.id} data-kg=${row.kgs.toString()}>
            <th scope="row" dir="auto">${this.rowName(row)}</th>
            <td>
              <div class="breakdown__cell">
                <span class="breakdown__value num" title=${this.claim(row.kgs).exact}>${this.format(row.kgs)}</span>
                <span class="bar" part="bar" aria-hidden="true"><span class="bar__fill" ${styleProps({ inlineSize: `${percent}%` })}></span></span>
              </div>
            </td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'iso-impact-counter': IsoImpactCounter;
  }
}
