/**
 * Claim semantics: what a registry record lets a customer's page say. Every figure the kit shows —
 * counters, cards, feeds, certificates, badges — takes its meaning from here, so that no figure says
 * more than the records support (docs/claims.md gives the rules with the spec fields they rest on).
 *
 * - **Kind of climate action**, from a project's `pathway` and `process_key`: durable removal,
 *   removal with shorter durability, or emission destruction (not removal at all).
 * - **Beneficiary vs owner**: what an organisation may claim is what was retired *for* it
 *   (`beneficiary`), not what it owned and retired for others.
 * - **The buffer pool vs ordinary credits**: a buffer-pool retirement compensates a reversal; it is nobody's claim.
 * - **Vintage**: the removal date (`sequestered_on`), the issue date (`issued_at`) and the serial
 *   number's year are three different facts; the kit names which one it shows.
 *
 * Plain TypeScript over structural types (no DOM, no Node, no generated types): both sides use it.
 */

/** The kind of climate action a credit stands for. */
export type ClimateAction = 'durable-removal' | 'shorter-removal' | 'destruction' | 'unknown';

/** Every kind, in the order a breakdown lists them. */
export const CLIMATE_ACTIONS: readonly ClimateAction[] = ['durable-removal', 'shorter-removal', 'destruction', 'unknown'];

/**
 * Pathways by kind. `reforestation` removes carbon into biomass that fire, pests or harvest can
 * release within decades: removal, but not "permanent". `superpollutants` destroys emissions
 * (refrigerants, methane): never "removal". The others store carbon geologically, in minerals or in
 * the deep ocean for centuries or more. A pathway not listed here is `unknown`: the kit then says
 * only "retired", never "removed".
 */
const PATHWAY_ACTIONS: Readonly<Record<string, ClimateAction>> = {
  biomass_carbon_removal_and_storage: 'durable-removal',
  direct_air_capture: 'durable-removal',
  enhanced_weathering: 'durable-removal',
  carbon_mineralization: 'durable-removal',
  marine: 'durable-removal',
  reforestation: 'shorter-removal',
  superpollutants: 'destruction',
};

/**
 * `process_key` words that decide the kind whatever the pathway says, checked in this order: a
 * key that names destruction is never removal; biomass kept above ground or in soil is shorter-lived.
 */
const PROCESS_RULES: readonly [RegExp, ClimateAction][] = [
  [/destruction|destroy|abatement|avoid/, 'destruction'],
  [/forest|tree|agroforestry|wood_products|grassland/, 'shorter-removal'],
];

/** The kind of climate action of a project, from its `pathway` and, where it decides, its `process_key`. */
export function climateAction(pathway: unknown, processKey?: unknown): ClimateAction {
  if (typeof processKey === 'string') {
    const key = processKey.toLowerCase();
    for (const [pattern, action] of PROCESS_RULES) if (pattern.test(key)) return action;
  }
  return (typeof pathway === 'string' && PATHWAY_ACTIONS[pathway]) || 'unknown';
}

/** Whether credits of this kind are carbon removal (the word "removed" may be used). */
export function isRemoval(action: ClimateAction): boolean {
  return action === 'durable-removal' || action === 'shorter-removal';
}

/** Whether credits of this kind may be called permanent or durable. */
export function isDurable(action: ClimateAction): boolean {
  return action === 'durable-removal';
}

/**
 * The one kind that describes all of `actions`, or `'mixed'` when they differ. A figure over mixed
 * kinds must say so, and may use only the words every kind allows (see `claimWording`).
 */
export function combinedAction(actions: Iterable<ClimateAction>): ClimateAction | 'mixed' | undefined {
  let found: ClimateAction | undefined;
  for (const action of actions) {
    if (found === undefined) found = action;
    else if (found !== action) return 'mixed';
  }
  return found;
}

/**
 * The verb a figure may use: `removed-durably` ("permanently removed") only for durable removal,
 * `removed` for removal of shorter or mixed durability, `destroyed` for destruction, and `retired`
 * — the registry's own word, true of every credit — for anything unknown or for removal mixed with
 * destruction. Catalogs key their headline wording on these.
 */
export type ClaimWording = 'removed-durably' | 'removed' | 'destroyed' | 'retired';

/** The wording a figure over credits of `action` (or over several kinds) may use. */
export function claimWording(action: ClimateAction | 'mixed' | undefined, kinds: Iterable<ClimateAction> = []): ClaimWording {
  if (action === 'durable-removal') return 'removed-durably';
  if (action === 'shorter-removal') return 'removed';
  if (action === 'destruction') return 'destroyed';
  if (action === 'mixed') return [...kinds].every(isRemoval) ? 'removed' : 'retired';
  return 'retired';
}

/** An organisation as the API returns it (owner, beneficiary). */
export interface OrganisationRef {
  readonly id?: unknown;
  readonly name?: unknown;
}

/** The fields of a retirement the claim rules read. */
export interface RetirementRef {
  readonly owner?: OrganisationRef | null;
  readonly beneficiary?: OrganisationRef | null;
}

/**
 * The name the registry gives its buffer pool. The API has no flag on an organisation that marks the
 * buffer pool, so the kit knows it by id where one is configured, else by this name.
 */
const BUFFER_POOL_NAME = /\bbuffer[\s_-]*pool\b/i;

/** Whether an organisation is the registry's buffer pool: one of `bufferPoolIds`, or, without any, named as the buffer pool. */
export function isBufferPool(organisation: OrganisationRef | null | undefined, bufferPoolIds: readonly string[] = []): boolean {
  if (!organisation) return false;
  if (typeof organisation.id === 'string' && bufferPoolIds.includes(organisation.id)) return true;
  return bufferPoolIds.length === 0 && typeof organisation.name === 'string' && BUFFER_POOL_NAME.test(organisation.name);
}

/**
 * Whether a retirement is a buffer-pool retirement: the buffer pool retired its own credits (owner
 * and beneficiary both the pool) to compensate a reversal. It is nobody's climate claim.
 */
export function isBufferRetirement(retirement: RetirementRef, bufferPoolIds: readonly string[] = []): boolean {
  const owner = retirement.owner;
  const beneficiary = retirement.beneficiary;
  return isBufferPool(owner, bufferPoolIds) && isBufferPool(beneficiary, bufferPoolIds) && owner?.id === beneficiary?.id;
}

/** How a retirement relates to one organisation. */
export type RetirementRole = 'for-itself' | 'for-it-by-another' | 'by-it-for-another' | 'unrelated';

/**
 * How `retirement` relates to the organisation `id`: retired by it for itself, for it by another
 * (a marketplace retiring for its customer), or by it on behalf of another. Only the first two are
 * the organisation's claim.
 */
export function retirementRole(retirement: RetirementRef, id: string): RetirementRole {
  const owner = retirement.owner?.id === id;
  const beneficiary = retirement.beneficiary?.id === id;
  if (beneficiary) return owner ? 'for-itself' : 'for-it-by-another';
  return owner ? 'by-it-for-another' : 'unrelated';
}

/** Whether `id` may claim `retirement`: it is the beneficiary, and the retirement is not the buffer pool's. */
export function isClaimFor(retirement: RetirementRef, id: string, bufferPoolIds: readonly string[] = []): boolean {
  const role = retirementRole(retirement, id);
  return (role === 'for-itself' || role === 'for-it-by-another') && !isBufferRetirement(retirement, bufferPoolIds);
}

/** A credit quantity as the API gives it; `credit_kgs` is the exact figure. */
export interface QuantityRef {
  readonly credit_kgs?: unknown;
  readonly credits?: unknown;
}

/**
 * Kilograms of a quantity as a bigint: `credit_kgs` (the exact figure), or `credits` × 1000 when an
 * older payload lacks it; 0 for anything unreadable. The only place figures become numbers to add up.
 */
export function kilograms(quantity: QuantityRef | null | undefined): bigint {
  if (typeof quantity !== 'object' || quantity === null) return 0n;
  // JSON can carry numbers BigInt refuses (1e400 parses to Infinity): those count as unreadable.
  if (typeof quantity.credit_kgs === 'number' && Number.isFinite(quantity.credit_kgs)) return BigInt(Math.round(quantity.credit_kgs));
  if (typeof quantity.credits === 'number' && Number.isFinite(quantity.credits * 1000)) return BigInt(Math.round(quantity.credits * 1000));
  return 0n;
}

/** The fields of a project the buffer rules read. */
export interface ProjectTotalsRef {
  readonly issued_credits_total?: QuantityRef | null;
  readonly issued_buffer_pool_credits_total?: QuantityRef | null;
  readonly retired_credits_total?: QuantityRef | null;
  readonly retired_buffer_pool_credits_total?: QuantityRef | null;
}

/** A project's figures with the buffer pool kept apart, in kg. */
export interface ProjectFigures {
  /** Everything issued, the buffer allocation included (`issued_credits_total`). */
  issued: bigint;
  /** Issued to the supplier, for sale: `issued_credits_total − issued_buffer_pool_credits_total`. */
  issuedOrdinary: bigint;
  /** Allocated to the buffer pool. */
  issuedBuffer: bigint;
  /** Retired by buyers: `retired_credits_total − retired_buffer_pool_credits_total`. */
  retiredOrdinary: bigint;
  /** Retired from the buffer pool to compensate reversals. */
  retiredBuffer: bigint;
  /** `retiredOrdinary` as a share of `issuedOrdinary`, in percent; undefined when nothing was issued. */
  retiredShare: number | undefined;
}

/**
 * A project's figures as a buyer reads them: the spec's `issued_credits_total` and
 * `retired_credits_total` both *include* the buffer pool, so the ordinary figures subtract it, and the
 * retired share compares like with like.
 */
export function projectFigures(project: ProjectTotalsRef): ProjectFigures {
  const issued = kilograms(project.issued_credits_total);
  const issuedBuffer = kilograms(project.issued_buffer_pool_credits_total);
  const retired = kilograms(project.retired_credits_total);
  const retiredBuffer = kilograms(project.retired_buffer_pool_credits_total);
  const issuedOrdinary = issued > issuedBuffer ? issued - issuedBuffer : 0n;
  const retiredOrdinary = retired > retiredBuffer ? retired - retiredBuffer : 0n;
  const retiredShare = issuedOrdinary > 0n ? Number((retiredOrdinary * 100_000n) / issuedOrdinary) / 1000 : undefined;
  return { issued, issuedOrdinary, issuedBuffer, retiredOrdinary, retiredBuffer, retiredShare };
}

/**
 * `part` as a percentage of `whole`, rounded *down* to `decimals` places (0 to 3), computed on
 * integers; undefined when `whole` is not positive. A share on a public page never rounds up: 8.46 %
 * shows as 8.4 %, not 8.5 %. Use it to display `projectFigures().retiredShare`'s parts
 * (`percentDown(figures.retiredOrdinary, figures.issuedOrdinary)`).
 */
export function percentDown(part: bigint, whole: bigint, decimals = 1): number | undefined {
  if (whole <= 0n) return undefined;
  const places = Math.min(Math.max(Math.trunc(decimals), 0), 3);
  const scale = 10n ** BigInt(places);
  return Number(((part < 0n ? 0n : part) * 100n * scale) / whole) / Number(scale);
}

/** The dates of a credit batch that a "vintage" could mean. */
export interface BatchDatesRef {
  readonly sequestered_on?: unknown;
  readonly issued_at?: unknown;
  readonly serial_number?: unknown;
}

/**
 * A batch's dates, each for what it is: `removedOn` when the removal happened (`sequestered_on`), the
 * day it was `issued` as credits, and the year its serial number carries. The kit calls the removal
 * year the vintage and never lets one date stand in for another: a missing one stays undefined.
 */
export interface BatchDates {
  removedOn: string | undefined;
  issuedOn: string | undefined;
  serialYear: number | undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The serial number's year: the first four-digit group from 1990 to 2199 between separators. */
export function serialYear(serial: unknown): number | undefined {
  if (typeof serial !== 'string') return undefined;
  for (const match of serial.matchAll(/(?:^|[^0-9])(\d{4})(?=[^0-9]|$)/g)) {
    const year = Number(match[1]);
    if (year >= 1990 && year < 2200) return year;
  }
  return undefined;
}

/** A batch's removal date, issue date (both `YYYY-MM-DD`) and serial year. */
export function batchDates(batch: BatchDatesRef): BatchDates {
  const day = (value: unknown) => (typeof value === 'string' ? ISO_DATE.exec(value)?.[0] : undefined);
  return { removedOn: day(batch.sequestered_on), issuedOn: day(batch.issued_at), serialYear: serialYear(batch.serial_number) };
}

/** The vintage: the year the removal (or destruction) happened, from `sequestered_on`; undefined when unknown. */
export function vintage(batch: BatchDatesRef): number | undefined {
  const removed = batchDates(batch).removedOn;
  return removed ? Number(removed.slice(0, 4)) : undefined;
}

/** A retirement's fields the figure rules read: who, and how much. */
export interface RetirementTotalRef extends RetirementRef {
  readonly credit_batch_size_total?: QuantityRef | null;
}

/** What an organisation's retirements add up to, in kg, counted by beneficiary. */
export interface RetirementFigures<R> {
  /** The retirements it may claim: it is the beneficiary, and none is the buffer pool's (`isClaimFor`). */
  claimed: R[];
  /** Their total: what was retired *for* it. Never counts a credit twice. */
  claimedKgs: bigint;
  /** Retirements of credits it owned, made for another organisation. Not its claim. */
  forOthers: R[];
  /** Their total. */
  forOthersKgs: bigint;
}

/**
 * Splits `retirements` (any mix of pages, by beneficiary and by owner) into what `id` may claim and
 * what it retired for others. A retirement listed twice (it is in both lists) counts once.
 */
export function retirementFigures<R extends RetirementTotalRef & { readonly id?: unknown }>(retirements: Iterable<R>, id: string, bufferPoolIds: readonly string[] = []): RetirementFigures<R> {
  const figures: RetirementFigures<R> = { claimed: [], claimedKgs: 0n, forOthers: [], forOthersKgs: 0n };
  const seen = new Set<unknown>();
  for (const retirement of retirements) {
    if (typeof retirement !== 'object' || retirement === null) continue;
    if (retirement.id !== undefined) {
      if (seen.has(retirement.id)) continue;
      seen.add(retirement.id);
    }
    if (isClaimFor(retirement, id, bufferPoolIds)) {
      figures.claimed.push(retirement);
      figures.claimedKgs += kilograms(retirement.credit_batch_size_total);
    } else if (retirementRole(retirement, id) === 'by-it-for-another') {
      figures.forOthers.push(retirement);
      figures.forOthersKgs += kilograms(retirement.credit_batch_size_total);
    }
  }
  return figures;
}

/** The fields of a retirement's credit batch that say where its credits come from. */
export interface RetiredBatchRef {
  readonly size?: QuantityRef | null;
  readonly project_id?: unknown;
  readonly supplier_id?: unknown;
}

/**
 * A share of a retirement that comes from one project: its kilograms, project, supplier and kind of
 * climate action. `action` is undefined when the retirement could not be attributed (its batches
 * were not looked up, or do not add up to it): such a share is counted, but never called removal.
 */
export interface RetirementPart {
  kgs: bigint;
  projectId: string | undefined;
  supplierId: string | undefined;
  action: ClimateAction | undefined;
}

/**
 * The parts of a retirement, from its credit batches (`GET /retirements/{id}/credit_batches`) and the
 * kind of each batch's project (`actionOf`, undefined while unknown). The parts always add up to the
 * retirement's `credit_batch_size_total`: when the batches do not (a list of original batches that
 * were split since, say), or are missing, the whole retirement is one part that keeps only what all
 * its batches agree on.
 */
export function retirementParts(
  retirement: RetirementTotalRef,
  batches: readonly RetiredBatchRef[] | undefined,
  actionOf: (projectId: string) => ClimateAction | undefined,
): RetirementPart[] {
  const total = kilograms(retirement.credit_batch_size_total);
  const valid = (batches ?? []).filter((batch): batch is RetiredBatchRef => typeof batch === 'object' && batch !== null);
  const parts = valid.map((batch) => {
    const projectId = typeof batch.project_id === 'string' ? batch.project_id : undefined;
    return { kgs: kilograms(batch.size), projectId, supplierId: typeof batch.supplier_id === 'string' ? batch.supplier_id : undefined, action: projectId ? actionOf(projectId) : undefined };
  });
  if (parts.length > 0 && parts.reduce((sum, part) => sum + part.kgs, 0n) === total) return mergeParts(parts);
  const agreed = <K extends 'projectId' | 'supplierId' | 'action'>(key: K): RetirementPart[K] | undefined => {
    const values = new Set(parts.map((part) => part[key]));
    return values.size === 1 ? [...values][0] : undefined;
  };
  return [{ kgs: total, projectId: agreed('projectId'), supplierId: agreed('supplierId'), action: agreed('action') }];
}

/** Parts of the same project, supplier and kind, merged. */
function mergeParts(parts: RetirementPart[]): RetirementPart[] {
  const merged = new Map<string, RetirementPart>();
  for (const part of parts) {
    const key = `${part.projectId} ${part.supplierId} ${part.action}`;
    const found = merged.get(key);
    if (found) found.kgs += part.kgs;
    else merged.set(key, { ...part });
  }
  return [...merged.values()];
}

/**
 * What a figure over `parts` may say: the one kind they share, or `'mixed'`, and the wording every
 * part allows. A part not attributed to a kind counts as `unknown`, so the figure says only "retired";
 * parts of zero kilograms say nothing; no parts at all say "retired".
 */
export function partsWording(parts: Iterable<Pick<RetirementPart, 'kgs' | 'action'>>): { action: ClimateAction | 'mixed' | undefined; wording: ClaimWording; kinds: ClimateAction[] } {
  const kinds = new Set<ClimateAction>();
  for (const part of parts) if (part.kgs > 0n) kinds.add(part.action ?? 'unknown');
  const action = combinedAction(kinds);
  return { action, wording: claimWording(action, kinds), kinds: CLIMATE_ACTIONS.filter((kind) => kinds.has(kind)) };
}
