import { apiText } from '../../data/format.js';
import { isRegistryId } from '../../data/ids.js';
import { allRetirementsQuery, creditBalanceQuery, organisationQuery, projectQuery, retirementBatchesQuery, supplierQuery } from '../../data/queries.js';
import type { Organisation, Retirement } from '../../data/types.js';
import {
  climateAction,
  kilograms,
  partsWording,
  retirementFigures,
  retirementParts,
  type ClaimWording,
  type ClimateAction,
  type RetirementPart,
} from '../../shared/claims.js';
import type { LoadContext } from '../shared/registry-controller.js';

export type Breakdown = 'supplier' | 'project' | 'action';

export const BREAKDOWNS: readonly Breakdown[] = ['supplier', 'project', 'action'];

/**
 * Retirements whose credit batches the counter looks up, largest first: one request each, so an
 * organisation with thousands of retirements does not send thousands of requests. The rest are
 * counted in the figure but not attributed to a kind, so the figure then says only "retired".
 */
export const MAX_ATTRIBUTED_RETIREMENTS = 100;

/** Requests the counter has in flight at once while it looks up batches and projects. */
export const LOOKUP_CONCURRENCY = 4;

/** One row of a breakdown; `id` is empty for the credits that could not be attributed. */
export interface ImpactRow {
  id: string;
  name: string;
  kgs: bigint;
  action?: ClimateAction;
}

/** What the counter shows. */
export interface Impact {
  organisation: Organisation;
  /** The retirements it may claim (beneficiary, not buffer), newest first. */
  claimed: Retirement[];
  /** What was retired for it. */
  claimedKgs: bigint;
  /** The one kind of climate action of all of it, or `mixed`. */
  action: ClimateAction | 'mixed' | undefined;
  /** The words the headline may use. */
  wording: ClaimWording;
  /** Retired by it for other organisations (with `show-retired-for-others`). */
  forOthers: { kgs: bigint; count: number } | undefined;
  /** Its active (held) balance (with `show-active`). */
  active: bigint | undefined;
  rows: ImpactRow[] | undefined;
}

/** Runs `task` over `items` with at most `limit` running at once, in order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `load`, or undefined when it fails: a lookup that fails leaves credits unattributed, never wrongly labelled. An abort still throws. */
async function tolerant<T>(signal: AbortSignal, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (signal.aborted) throw error;
    return undefined;
  }
}

export interface ImpactOptions {
  breakdown: Breakdown | undefined;
  active: boolean;
  forOthers: boolean;
}

/**
 * Loads an organisation's impact, counted by beneficiary: every page of the retirements made for
 * it (buffer retirements left out), each retirement's batches (the `MAX_ATTRIBUTED_RETIREMENTS`
 * largest) and each of their projects, for the kind of climate action; the owned active balance and
 * the retirements it made for others only when asked for.
 */
export async function loadImpact(id: string, options: ImpactOptions, context: LoadContext): Promise<Impact> {
  const { query, signal } = context;
  const [organisation, forIt, byIt, balance] = await Promise.all([
    query(organisationQuery(id)),
    query(allRetirementsQuery({ beneficiary: id })),
    options.forOthers ? query(allRetirementsQuery({ owner: id })) : Promise.resolve([]),
    options.active ? query(creditBalanceQuery(id)) : Promise.resolve(undefined),
  ]);
  if (balance !== undefined && (typeof balance.total !== 'object' || balance.total === null)) throw new TypeError('not a credit balance');
  const figures = retirementFigures([...forIt, ...byIt], id);

  const largest = [...figures.claimed].sort((a, b) => {
    const [x, y] = [kilograms(a.credit_batch_size_total), kilograms(b.credit_batch_size_total)];
    return x === y ? 0 : x > y ? -1 : 1;
  });
  const attributed = largest.slice(0, MAX_ATTRIBUTED_RETIREMENTS).filter((retirement) => isRegistryId('retirement', retirement.id));
  const batchLists = await mapLimited(attributed, LOOKUP_CONCURRENCY, (retirement) =>
    tolerant(signal, async () => {
      const list = await query(retirementBatchesQuery(retirement.id));
      return Array.isArray(list.nodes) ? list.nodes : undefined;
    }),
  );
  const batchesOf = new Map(attributed.map((retirement, index) => [retirement, batchLists[index]]));

  const projectIds = new Set<string>();
  for (const list of batchLists) for (const batch of list ?? []) if (typeof batch?.project_id === 'string' && isRegistryId('project', batch.project_id)) projectIds.add(batch.project_id);
  const projects = new Map(
    (await mapLimited([...projectIds], LOOKUP_CONCURRENCY, async (projectId) => [projectId, await tolerant(signal, () => query(projectQuery(projectId)))] as const)).filter(
      (entry) => typeof entry[1] === 'object' && entry[1] !== null,
    ),
  );
  const actionOf = (projectId: string): ClimateAction | undefined => {
    const project = projects.get(projectId);
    return project ? climateAction(project.pathway, (project as { process_key?: unknown }).process_key) : undefined;
  };
  const parts = figures.claimed.flatMap((retirement) => retirementParts(retirement, batchesOf.get(retirement), actionOf));
  const { action, wording } = partsWording(parts);

  return {
    organisation,
    claimed: figures.claimed,
    claimedKgs: figures.claimedKgs,
    action,
    wording,
    forOthers: options.forOthers ? { kgs: figures.forOthersKgs, count: figures.forOthers.length } : undefined,
    active: balance ? kilograms(balance.total.active_credits_total) : undefined,
    rows: options.breakdown ? await breakdownRows(parts, options.breakdown, (projectId) => apiText(projects.get(projectId)?.name), context) : undefined,
  };
}

/** Groups the parts by supplier, project or kind, largest first, the unattributed last; supplier names are one shared request each. */
async function breakdownRows(parts: RetirementPart[], kind: Breakdown, projectName: (id: string) => string | undefined, { query, signal }: LoadContext): Promise<ImpactRow[]> {
  const key = (part: RetirementPart): string | undefined => (kind === 'supplier' ? part.supplierId : kind === 'project' ? part.projectId : part.action);
  const rows = new Map<string, ImpactRow>();
  for (const part of parts) {
    const id = key(part) ?? '';
    const row = rows.get(id) ?? { id, name: id, kgs: 0n };
    row.kgs += part.kgs;
    rows.set(id, row);
  }
  const named = await mapLimited([...rows.values()], LOOKUP_CONCURRENCY, async (row) => {
    if (row.id === '') return row;
    if (kind === 'action') return { ...row, action: row.id as ClimateAction };
    if (kind === 'project') return { ...row, name: projectName(row.id) ?? row.id };
    if (!isRegistryId('supplier', row.id)) return row;
    const supplier = await tolerant(signal, () => query(supplierQuery(row.id)));
    return { ...row, name: apiText(supplier?.organisation?.name) ?? row.id };
  });
  return named.sort((a, b) => (a.id === '' ? 1 : b.id === '' ? -1 : a.kgs === b.kgs ? 0 : a.kgs > b.kgs ? -1 : 1));
}
