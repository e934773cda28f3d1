import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { apiText, formatCredits, quantityKgs } from '../../data/format.js';
import { describeIdProblem, isRegistryId } from '../../data/ids.js';
import { oneOfProblem, type AttributeProblem } from '../../data/problems.js';
import { creditBalanceQuery, organisationQuery, projectQuery, supplierQuery } from '../../data/queries.js';
import type { CreditBalance, Organisation, OrganisationCreditBalance } from '../../data/types.js';
import { barStyles } from '../shared/bar.styles.js';
import { breakdownStyles } from '../shared/breakdown.styles.js';
import { customElement } from '../shared/define.js';
import { IsoElement } from '../shared/iso-element.js';
import { RegistryController, type LoadContext } from '../shared/registry-controller.js';
import { renderLoadState, skeletonLine as line } from '../shared/status.js';
import { styleProps } from '../shared/style-props.js';
import { CountUpController } from './count-up.js';
import { messages } from './impact-counter.messages.js';
import { styles } from './impact-counter.styles.js';

type Breakdown = 'supplier' | 'project';

interface BreakdownRow {
  id: string;
  name: string;
  retired: bigint;
  active: bigint;
}

interface CounterData {
  organisation: Organisation;
  retired: bigint;
  active: bigint;
  rows: BreakdownRow[] | undefined;
}

/** Breakdown rows in the skeleton: the row count is known only once loaded, and most organisations buy from a few suppliers. */
const SKELETON_ROWS = 3;

function breakdownProblem(value: string | null): AttributeProblem | undefined {
  return value === null || value === 'supplier' || value === 'project' ? undefined : oneOfProblem('breakdown', ['supplier', 'project'], value);
}

/** A name the balance entry already carries (newer API versions may add one), so no request is needed. */
function carriedName(entry: object, kind: Breakdown): string | undefined {
  const record = entry as Record<string, unknown>;
  const nested = record[kind] as { name?: unknown; organisation?: { name?: unknown } } | null | undefined;
  const candidates = [record[`${kind}_name`], record.name, nested?.name, nested?.organisation?.name];
  return candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}

/** Looks up names of the balance's suppliers or projects: one shared, cached request per distinct id. */
async function breakdownRows(balance: OrganisationCreditBalance, kind: Breakdown, { query, signal }: LoadContext): Promise<BreakdownRow[]> {
  const entries = (kind === 'supplier' ? balance.supplier_balances : balance.project_balances) ?? [];
  const rows = new Map<string, BreakdownRow & { carried?: string }>();
  for (const entry of Array.isArray(entries) ? entries : []) {
    if (typeof entry !== 'object' || entry === null) continue;
    const id = kind === 'supplier' ? (entry as { supplier_id?: unknown }).supplier_id : (entry as { project_id?: unknown }).project_id;
    if (typeof id !== 'string') continue;
    const total = (entry as { total?: CreditBalance }).total;
    const row = rows.get(id) ?? { id, name: id, retired: 0n, active: 0n, carried: carriedName(entry, kind) };
    row.retired += quantityKgs(total?.retired_credits_total);
    row.active += quantityKgs(total?.active_credits_total);
    rows.set(id, row);
  }
  const named = await Promise.all(
    [...rows.values()].map(async ({ carried, ...row }) => {
      if (carried) return { ...row, name: carried };
      if (!isRegistryId(kind, row.id)) return row;
      try {
        const name = kind === 'supplier' ? (await query(supplierQuery(row.id))).organisation?.name : (await query(projectQuery(row.id))).name;
        return { ...row, name: typeof name === 'string' && name ? name : row.id };
      } catch (error) {
        // A name that cannot be loaded must not hide the figures; the id stands in for it.
        if (signal.aborted) throw error;
        return row;
      }
    }),
  );
  return named.sort((a, b) => (a.retired === b.retired ? (a.active > b.active ? -1 : a.active < b.active ? 1 : 0) : a.retired > b.retired ? -1 : 1));
}

/**
 * An organisation's carbon-removal impact from the Isometric Registry: the credits it has retired
 * as a headline figure that counts up the first time it is seen, the organisation's name as a
 * caption, optionally its active balance, and a breakdown by supplier or by project.
 *
 * @summary Shows how much CO₂e an organisation has permanently removed.
 *
 * @slot footer - Extra content under the figures, such as a link to the organisation's retirements.
 *
 * @csspart base - The counter's wrapper (`<section>`).
 * @csspart headline - The headline: figure and "CO₂e permanently removed".
 * @csspart figure - The retired amount, which counts up.
 * @csspart active - The active balance line (with `show-active`).
 * @csspart caption - The organisation's name.
 * @csspart breakdown - The breakdown table (with `breakdown`).
 * @csspart bar - The bar drawn beside each breakdown figure.
 * @csspart error - The error message box.
 * @csspart retry-button - The retry button in the error box.
 *
 * @cssproperty --iso-impact-counter-padding - Inner spacing of the counter. Defaults to 1.25 × `--iso-space`.
 * @cssproperty --iso-impact-counter-figure-size - Font size of the headline figure. Defaults to `2.5em`; a narrow counter shrinks the figure to fit.
 * @cssproperty --iso-impact-counter-figure-color - Colour of the headline figure and the bars. Defaults to `--iso-color-accent`.
 *
 * @event iso-load - The balance and names have loaded and rendered. `detail: { source }` names the element.
 * @event iso-error - Loading failed; the counter shows the error. `detail: { kind, message, status }`.
 */
@customElement('iso-impact-counter')
export class IsoImpactCounter extends IsoElement<typeof messages.en> {
  static override styles = [IsoElement.styles, breakdownStyles, barStyles, styles];

  protected override readonly messages = messages;

  private readonly countUp = new CountUpController(this);

  private readonly data = new RegistryController(this, {
    // The unit reloads nothing it needs (the cache answers), but a unit it does not know is refused.
    args: () => [this.organisationId, this.breakdown, this.unit] as const,
    validate: ([id, breakdown, unit]) =>
      describeIdProblem('organisation-id', 'organisation', id) ?? breakdownProblem(breakdown) ?? (unit == null || unit === 't' || unit === 'kg' ? undefined : oneOfProblem('unit', ['t', 'kg'], String(unit))),
    load: async ([id, breakdown], context): Promise<CounterData> => {
      const organisationId = id as string;
      const [balance, organisation] = await Promise.all([context.query(creditBalanceQuery(organisationId)), context.query(organisationQuery(organisationId))]);
      if (typeof balance.total !== 'object' || balance.total === null) throw new TypeError('not a credit balance');
      return {
        organisation,
        retired: quantityKgs(balance.total.retired_credits_total),
        active: quantityKgs(balance.total.active_credits_total),
        rows: breakdown === 'supplier' || breakdown === 'project' ? await breakdownRows(balance, breakdown, context) : undefined,
      };
    },
  });

  /** The id of the organisation whose impact to show, like `org_1GB56M1ST1S0GVNA`. Checked before any request. */
  @property({ attribute: 'organisation-id' }) organisationId: string | null = null;

  /** Also shows the organisation's active (not yet retired) balance. */
  @property({ type: Boolean, attribute: 'show-active' }) showActive = false;

  /** Adds a table of retired credits per `supplier` or per `project`, with their names. */
  @property() breakdown: 'supplier' | 'project' | null = null;

  /** The unit of every figure: `t` (tonnes, the default) or `kg`. */
  @property() unit: 't' | 'kg' = 't';

  override willUpdate(_changed: PropertyValues<this>): void {
    if (this.data.status === 'complete') this.countUp.start();
  }

  private format(kgs: bigint): string {
    return this.i18n.ltr(formatCredits(kgs, this.i18n.locale, this.unit === 'kg' ? 'kg' : 't'));
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
      </p>
      ${this.showActive ? html`<p class="counter__active" part="active" aria-hidden="true">${line()}</p>` : nothing}
      <p class="counter__caption" part="caption" aria-hidden="true">${line('skeleton--short')}</p>
      ${this.breakdown
        ? html`<table class="breakdown" part="breakdown" aria-hidden="true">
            <caption>${line()}</caption>
            <thead>
              <tr>
                <th class="breakdown__name">${line('skeleton--short')}</th>
                <th>${line('skeleton--short')}</th>
                ${this.showActive ? html`<th class="breakdown__active">${line('skeleton--short')}</th>` : nothing}
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
                  ${this.showActive ? html`<td class="breakdown__value">${line('skeleton--value')}</td>` : nothing}
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}`;
  }

  private renderCounter({ organisation, retired, active, rows }: CounterData): TemplateResult {
    const final = this.format(retired);
    const shown = this.countUp.animating ? this.format(this.countUp.value(retired)) : final;
    return html`<p class="counter__headline" part="headline">
        <span class="counter__figure" part="figure" aria-hidden="true" ${styleProps({ '--_figure-length': String(final.length) })}>
          <span class="counter__sizer">${final}</span>
          <span class="counter__value" data-figure="retired" data-kg=${retired.toString()}>${shown}</span>
        </span>
        <span class="visually-hidden">${final}</span>
        <span class="counter__text">${this.t('removed')}</span>
      </p>
      ${this.showActive
        ? html`<p class="counter__active" part="active">
            <span class="counter__active-label">${this.t('active')}</span>
            <span class="counter__active-value" data-figure="active" data-kg=${active.toString()}>${this.t('amount', { amount: this.format(active) })}</span>
          </p>`
        : nothing}
      <p class="counter__caption" part="caption" dir="auto">${apiText(organisation.name) ?? '—'}</p>
      ${rows ? this.renderBreakdown(rows, retired) : nothing}`;
  }

  private renderBreakdown(rows: BreakdownRow[], retired: bigint): TemplateResult {
    const supplier = this.breakdown === 'supplier';
    return html`<table class="breakdown" part="breakdown">
      <caption>${this.t(supplier ? 'bySupplier' : 'byProject')}</caption>
      <thead>
        <tr>
          <th scope="col" class="breakdown__name">${this.t(supplier ? 'supplier' : 'project')}</th>
          <th scope="col">${this.t('retired')}</th>
          ${this.showActive ? html`<th scope="col" class="breakdown__active">${this.t('activeColumn')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${rows.map((row) => {
          const percent = retired > 0n ? Number((row.retired * 1000n) / retired) / 10 : 0;
          return html`<tr data-id=${row.id} data-kg=${row.retired.toString()}>
            <th scope="row" dir="auto">${row.name}</th>
            <td>
              <div class="breakdown__cell">
                <span class="breakdown__value">${this.format(row.retired)}</span>
                <span class="bar" part="bar" aria-hidden="true"><span class="bar__fill" ${styleProps({ inlineSize: `${percent}%` })}></span></span>
              </div>
            </td>
            ${this.showActive ? html`<td class="breakdown__value">${this.format(row.active)}</td>` : nothing}
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'iso-impact-counter': IsoImpactCounter;
  }
}
