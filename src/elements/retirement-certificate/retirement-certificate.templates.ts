import { html, nothing, svg, type TemplateResult } from 'lit';
import { apiText, formatCredits, formatDate, quantityKgs } from '../../data/format.js';
import type { CarbonRemovalData, CreditBatch, Project } from '../../data/types.js';
import type { common } from '../../i18n/common.js';
import type { LocaleController } from '../../i18n/localize.js';
import type { ClaimCheck, ClaimFailure } from '../../shared/claim-check.js';
import { batchDates, isRemoval, vintage, type ClimateAction } from '../../shared/claims.js';
import { skeletonLine as line } from '../shared/status.js';
import { styleProps } from '../shared/style-props.js';
import type { messages } from './retirement-certificate.messages.js';

type MessageKey = keyof (typeof messages)['en'] & string;
type CommonKey = keyof (typeof common)['en'] & string;

/** What the templates need from the element: its strings, locale and heading levels. */
export interface CertificateView {
  t(key: MessageKey | CommonKey, params?: Readonly<Record<string, string | number>>): string;
  readonly i18n: LocaleController;
  level(offset: number): number;
}

/** The carbon-removal components in the order they make up the net figure. */
const COMPONENTS = [
  { key: 'gross', field: 'gross_carbon_removed_kg', deducted: false },
  { key: 'emissions', field: 'emissions_kg', deducted: true },
  { key: 'counterfactuals', field: 'counterfactuals_kg', deducted: true },
  { key: 'losses', field: 'losses_kg', deducted: true },
  { key: 'net', field: 'net_carbon_removed_kg', deducted: false },
] as const satisfies readonly { key: MessageKey; field: keyof CarbonRemovalData; deducted: boolean }[];

/** Where a batch that is not removal has its own, neutral word for a component ("Gross", not "Gross removal"). */
const NEUTRAL: Partial<Record<(typeof COMPONENTS)[number]['key'], MessageKey>> = {
  gross: 'accounted.gross',
  counterfactuals: 'accounted.counterfactuals',
  net: 'accounted.net',
};

/** Whole kilograms from an API integer field; anything unreadable counts as zero. */
function kgOf(value: unknown): bigint {
  return typeof value === 'number' && Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n;
}

function amount(view: CertificateView, kgs: bigint): string {
  return view.t('amountValue', { amount: formatCredits(kgs, view.i18n.locale) });
}

/** A date fact: the day in the locale, or "Not given" when the record has none (never another date in its place). */
function dateFact(view: CertificateView, fact: string, day: string | undefined): TemplateResult {
  return day
    ? html`<dd data-fact=${fact}><time datetime=${day}>${formatDate(day, view.i18n.locale)}</time></dd>`
    : html`<dd data-fact=${fact} data-missing="">${view.t('missing')}</dd>`;
}

/** A credit batch with what it stands for (`action`), its three dates each under its own name, and its breakdown. */
export function renderBatch(view: CertificateView, batch: CreditBatch, project: Project | undefined, action: ClimateAction, mixed: boolean): TemplateResult {
  const projectId = apiText(batch.project_id);
  const projectName = apiText(project?.name) ?? projectId ?? view.t('unknownProject');
  const ccp = typeof batch.ccp_approved === 'boolean' ? view.t(batch.ccp_approved ? 'yes' : 'no') : '—';
  const size = quantityKgs(batch.size);
  const dates = batchDates(batch);
  const year = vintage(batch);
  const done = isRemoval(action) ? 'removal' : action === 'destruction' ? 'destruction' : 'action';
  return html`<li class="batch" part="batch" data-batch-id=${batch.id} data-project-id=${projectId ?? ''} data-action=${action}>
    <div class="batch__head">
      <div class="batch__project" role="heading" aria-level=${view.level(2)} dir="auto">${projectName}</div>
      ${mixed ? html`<span class="batch__action" data-fact="batch-action">${view.t(`action.${action}`)}</span>` : nothing}
      <span class="batch__size num" data-figure="batch-size">${amount(view, size)}</span>
    </div>
    <dl class="batch__facts">
      <dt>${view.t('serialNumber')}</dt>
      <dd class="certificate__code" part="serial" data-fact="serial">${apiText(batch.serial_number) ?? view.t('missing')}</dd>
      <dt class="batch__repeat">${view.t('project')}</dt>
      <dd class="batch__repeat" dir="auto" data-fact="project">${projectName}</dd>
      <dt>${view.t(`date.${done}`)}</dt>
      ${dateFact(view, 'removed-on', dates.removedOn)}
      <dt>${view.t(`vintage.${done}`)}</dt>
      ${year === undefined ? html`<dd data-fact="vintage" data-missing="">${view.t('missing')}</dd>` : html`<dd data-fact="vintage">${year}</dd>`}
      <dt>${view.t('issuedOn')}</dt>
      ${dateFact(view, 'issued-on', dates.issuedOn)}
      <dt>${view.t('countryOfIssue')}</dt>
      <dd data-fact="country">${view.i18n.country(apiText(batch.country_of_issue) ?? '—')}</dd>
      <dt>${view.t('ccpApproved')}</dt>
      <dd data-fact="ccp">${ccp}</dd>
      <dt class="batch__repeat">${view.t('batchSize')}</dt>
      <dd class="batch__repeat" data-fact="size"><span class="num">${amount(view, size)}</span></dd>
    </dl>
    ${batch.carbon_removal_data
      ? renderBreakdown(view, batch.carbon_removal_data, isRemoval(action))
      : html`<p class="batch__no-data">${view.t(isRemoval(action) ? 'noCarbonData' : 'noAccountingData')}</p>`}
  </li>`;
}

/** A batch's `carbon_removal_data` as a table; for destruction or an unknown kind, without the word "removal". */
function renderBreakdown(view: CertificateView, data: CarbonRemovalData, removal: boolean): TemplateResult {
  const locale = view.i18n.locale;
  const values = COMPONENTS.map((component) => ({ ...component, kg: kgOf(data[component.field]) }));
  const scale = values.reduce((max, { kg }) => (kg > max ? kg : max), 0n);
  return html`<table class="breakdown" part="breakdown">
    <caption>${view.t(removal ? 'carbonRemoval' : 'carbonAccounting')}</caption>
    <thead>
      <tr>
        <th scope="col">${view.t('component')}</th>
        <th scope="col">${view.t('quantity')}</th>
      </tr>
    </thead>
    <tbody>
      ${values.map(({ key, kg, deducted }) => {
        const percent = scale > 0n && kg > 0n ? Number((kg * 1000n) / scale) / 10 : 0;
        return html`<tr class="breakdown__row breakdown__row--${key}" data-component=${key} data-kg=${kg.toString()}>
          <th scope="row">${view.t(removal ? key : (NEUTRAL[key] ?? key))}</th>
          <td>
            <div class="breakdown__cell">
              <span class="breakdown__value num">${view.i18n.ltr(`${deducted && kg > 0n ? '−' : ''}${formatCredits(kg, locale)}`)}</span>
              <span class="bar" part="bar" aria-hidden="true"><span class="bar__fill" ${styleProps({ inlineSize: `${percent}%` })}></span></span>
            </div>
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

const checkIcon = svg`<path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`;
const warningIcon = svg`<path d="M8 1.5l7 13H1z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/><path d="M8 6v4M8 12.2v.1" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>`;

function icon(paths: TemplateResult): TemplateResult {
  return html`<svg class="check__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${paths}</svg>`;
}

/**
 * A message with some of its parameters as templates: API text isolated in `<bdi>`, a `<time>`.
 * The message is filled with markers first, so each language keeps its own word order.
 */
function fill(view: CertificateView, key: MessageKey, params: Readonly<Record<string, unknown>>): unknown[] {
  const markers = Object.fromEntries(Object.keys(params).map((name) => [name, `\u0000${name}\u0000`]));
  return view.t(key, markers).split('\u0000').map((piece, index) => (index % 2 === 1 ? params[piece] : piece));
}

/** Values from the API (ids, statuses, names) as a list, each isolated from the sentence around it. */
function isolated(items: readonly string[]): unknown[] {
  return items.map((item, index) => html`${index > 0 ? ', ' : ''}<bdi dir="auto">${item}</bdi>`);
}

/** What the check found, in the element's words: the batch ids (and statuses, suppliers) it names. */
function failureText(view: CertificateView, failure: ClaimFailure, supplierName: (id: string | undefined) => string): unknown {
  switch (failure.rule) {
    case 'sum':
      return failure.batchCount === 0
        ? view.t('fail.sum-empty', { amount: amount(view, failure.retirementKgs) })
        : view.t('fail.sum', { batches: amount(view, failure.batchesKgs), amount: amount(view, failure.retirementKgs) });
    case 'retired':
      return fill(view, 'fail.retired', { batches: isolated(failure.batches.map(({ id, status }) => `${id} (${status})`)) });
    case 'one-supplier':
      return fill(view, 'fail.one-supplier', { suppliers: isolated(failure.supplierIds.map(supplierName)) });
    case 'retirement-id':
      return fill(view, 'fail.retirement-id', { batches: isolated(failure.batchIds) });
    case 'beneficiary':
      return fill(view, 'fail.beneficiary', { batches: isolated(failure.batchIds) });
    case 'not-buffer':
      return view.t('fail.not-buffer');
  }
}

/**
 * The claim check: when the records support the certificate, one quiet line ("Checked against 5
 * registry records at …") whose list of checks shows on hover, focus and in print; else a visible
 * warning box naming what did not match. Not `role="alert"`: it is a static result, not an event.
 */
export function renderCheck(view: CertificateView, check: ClaimCheck, records: number, asOf: Date | undefined, supplierName: (id: string | undefined) => string): TemplateResult {
  const time = asOf
    ? html`<time datetime=${asOf.toISOString()}>${new Intl.DateTimeFormat(view.i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(asOf)}</time>`
    : view.t('missing');
  const summary = html`<span class="check__summary" data-records=${records}>${fill(view, 'check.passed', { count: records, time })}</span>`;
  if (check.passed) {
    const rules = check.rules.map((rule) => view.t(`rule.${rule}`)).join('; ');
    return html`<p class="check check--passed has-provenance" part="check" data-state="passed" tabindex="0" aria-describedby="check-details">
      ${icon(checkIcon)}${summary}
      <span class="provenance check__details" part="check-details" id="check-details" role="note">${view.t('check.rules')} ${rules}.</span>
    </p>`;
  }
  const buffer = check.failures.some((failure) => failure.rule === 'not-buffer');
  const mismatches = check.failures.filter((failure) => failure.rule !== 'not-buffer');
  return html`<div class="check check--failed" part="check" data-state="failed">
    ${icon(warningIcon)}
    <div class="check__body">
      ${buffer ? html`<p class="check__title" data-rule="not-buffer">${view.t('fail.not-buffer')}</p>` : nothing}
      ${mismatches.length > 0
        ? html`<p class="check__title">${view.t('check.failed')}</p>
            <ul class="check__failures" part="check-details">
              ${mismatches.map((failure) => html`<li data-rule=${failure.rule}>${failureText(view, failure, supplierName)}</li>`)}
            </ul>`
        : nothing}
      <p class="check__note">${summary}</p>
    </div>
  </div>`;
}

/**
 * The loaded layout of the common retirement (one credit batch with carbon-removal data, a
 * one-line note, a link) with blocks in place of text, so loading does not move the page.
 * Hidden from assistive technology, which hears the status line instead.
 */
export function renderSkeleton(view: CertificateView): TemplateResult {
  const facts = (count: number) => Array.from({ length: count }, () => html`<dt>${line('skeleton--short')}</dt><dd>${line()}</dd>`);
  return html`<span class="visually-hidden" role="status">${view.t('label')}…</span>
    <header class="certificate__header" part="header" aria-hidden="true">
      <p class="certificate__eyebrow">${line('skeleton--short')}</p>
      <div class="certificate__title" part="title">${line('skeleton--title')}</div>
      <p class="certificate__beneficiary">
        <span class="certificate__label">${line('skeleton--short')}</span>
        <span class="certificate__name">${line()}</span>
      </p>
    </header>
    <p class="check check--passed" part="check" aria-hidden="true"><span class="check__summary">${line('skeleton--long')}</span></p>
    <dl class="certificate__facts" part="facts" aria-hidden="true">
      ${facts(8)}
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
            ${facts(8)}
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
