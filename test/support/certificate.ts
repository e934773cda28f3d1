// Helpers for the retirement certificate's tests: the local registry's data read through the proxy
// (so expected values come from the seed, never typed in), and what the claim rules make of it.
import type { IsoRetirementCertificate } from '../../src/elements/retirement-certificate/retirement-certificate.js';
import type { CreditBatch, CreditBatchList, Project, Retirement, RetirementPage, Supplier } from '../../src/data/types.js';
import { common } from '../../src/i18n/common.js';
import type { Language } from '../../src/i18n/localize.js';
import { claimWording, climateAction, combinedAction, isBufferRetirement, type ClimateAction } from '../../src/shared/claims.js';

export async function get<T>(path: string): Promise<T> {
  return (await (await window.fetch(`/api${path}`)).json()) as T;
}

export function loaded(el: IsoRetirementCertificate): boolean {
  return !!el.shadowRoot?.querySelector('[data-fact="amount"]');
}

export function text(root: Element | ShadowRoot | null | undefined, selector: string): string {
  // Collapses layout whitespace only: formatted figures keep their no-break spaces.
  return root?.querySelector(selector)?.textContent?.replace(/[ \t\n\r]+/g, ' ').trim() ?? '';
}

export function tonnes(kg: number, locale = 'en-US'): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(kg / 1000)}\u00a0t`;
}

/** A seeded retirement with its credit batches and their projects, as the API gives them. */
export interface SeededRetirement {
  retirement: Retirement;
  batches: CreditBatch[];
  projects: Map<string, Project>;
  /** The kind of each batch, in batch order, from its project (src/shared/claims.ts). */
  actions: ClimateAction[];
}

const projectCache = new Map<string, Promise<Project>>();

export async function seeded(retirement: Retirement): Promise<SeededRetirement> {
  const batches = (await get<CreditBatchList>(`/retirements/${retirement.id}/credit_batches`)).nodes;
  const projects = new Map<string, Project>();
  for (const id of new Set(batches.map((batch) => batch.project_id))) {
    if (!projectCache.has(id)) projectCache.set(id, get<Project>(`/projects/${id}`));
    projects.set(id, await projectCache.get(id)!);
  }
  const actions = batches.map((batch) => climateAction(projects.get(batch.project_id)?.pathway, projects.get(batch.project_id)?.process_key));
  return { retirement, batches, projects, actions };
}

export async function seededById(id: string): Promise<SeededRetirement> {
  return seeded(await get<Retirement>(`/retirements/${id}`));
}

/** The first seeded retirement, newest first, that `matches`; fails the test when the seed has none. */
export async function findRetirement(what: string, matches: (found: SeededRetirement) => boolean): Promise<SeededRetirement> {
  let after: string | null | undefined;
  do {
    const page = await get<RetirementPage>(`/retirements?first=50${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    for (const retirement of page.nodes) {
      const found = await seeded(retirement);
      if (matches(found)) return found;
    }
    after = page.page_info.has_next_page ? page.page_info.end_cursor : undefined;
  } while (after);
  throw new Error(`the local registry has no ${what}`);
}

/** Every batch of one kind. */
export function allOf(action: ClimateAction): (found: SeededRetirement) => boolean {
  return ({ actions }) => actions.length > 0 && actions.every((each) => each === action);
}

/** The common catalog in a language. */
export async function commonIn(language: Language): Promise<Readonly<Record<string, string>>> {
  return language === 'en' ? common.en : ((await common.load(language)).default as Readonly<Record<string, string>>);
}

/** The common catalog key of the headline's wording the claim rules allow for this retirement. */
export function expectedClaimKey({ retirement, actions }: SeededRetirement): string {
  if (isBufferRetirement(retirement)) return 'claim.retired';
  return `claim.${claimWording(combinedAction(actions), actions)}`;
}

/** The records a certificate loads: the retirement, its batches, their projects and their supplier(s). */
export function recordCount({ batches, projects }: SeededRetirement): number {
  return 1 + batches.length + projects.size + new Set(batches.map((batch) => batch.supplier_id)).size;
}

export async function supplierName(id: string): Promise<string> {
  return (await get<Supplier>(`/suppliers/${id}`)).organisation.name;
}
