// What the local registry says an organisation may claim, read over HTTP from the test proxy (never
// typed in), for the impact counter's tests: its retirements by beneficiary and by owner, each
// retirement's batches and each batch's project kind.
import type { CreditBatch, Project, Retirement } from '../../src/data/types.js';
import { climateAction, isBufferRetirement, type ClimateAction } from '../../src/shared/claims.js';

async function get<T>(path: string): Promise<T> {
  const response = await window.fetch(`/api${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Every retirement matching `filter` (`beneficiary_org_id=…`, `owner_org_id=…` or nothing), all pages. */
export async function allRetirements(filter = ''): Promise<Retirement[]> {
  const all: Retirement[] = [];
  let after: string | null | undefined;
  do {
    const page = await get<{ nodes: Retirement[]; page_info: { has_next_page: boolean; end_cursor: string | null } }>(
      `/retirements?first=50${filter ? `&${filter}` : ''}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
    all.push(...page.nodes);
    after = page.page_info.has_next_page ? page.page_info.end_cursor : undefined;
  } while (after);
  return all;
}

/** Runs `task` over `items`, 8 at a time. */
async function each<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += 8) results.push(...(await Promise.all(items.slice(i, i + 8).map(task))));
  return results;
}

const projects = new Map<string, Promise<Project>>();

/** A project's kind of climate action. */
async function actionOf(projectId: string): Promise<ClimateAction> {
  let project = projects.get(projectId);
  if (!project) projects.set(projectId, (project = get<Project>(`/projects/${projectId}`)));
  const { pathway, process_key: processKey } = (await project) as Project & { process_key?: unknown };
  return climateAction(pathway, processKey);
}

/** One batch of a retirement, with its project's kind. */
export interface RetiredBatch {
  retirement: Retirement;
  kg: number;
  projectId: string;
  supplierId: string;
  action: ClimateAction;
}

/** The batches of `retirements`, each with its project's kind. */
export async function retiredBatches(retirements: readonly Retirement[]): Promise<RetiredBatch[]> {
  const lists = await each(retirements, async (retirement) => {
    const { nodes } = await get<{ nodes: CreditBatch[] }>(`/retirements/${retirement.id}/credit_batches`);
    return Promise.all(nodes.map(async (batch) => ({ retirement, kg: batch.size.credit_kgs, projectId: batch.project_id, supplierId: batch.supplier_id, action: await actionOf(batch.project_id) })));
  });
  return lists.flat();
}

/** What the registry lets an organisation claim, and what it retired for others. */
export interface Expected {
  /** Retirements with it as beneficiary, the buffer pool's left out, newest first. */
  claimed: Retirement[];
  claimedKg: number;
  batches: RetiredBatch[];
  kinds: Set<ClimateAction>;
  /** Retirements of credits it owned, for another beneficiary. */
  forOthersKg: number;
  /** What its credit balance counts as retired: what it owned and retired, for itself or for others. */
  ownedRetiredKg: number;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export async function expectedImpact(organisationId: string): Promise<Expected> {
  const [forIt, byIt, balance] = await Promise.all([
    allRetirements(`beneficiary_org_id=${organisationId}`),
    allRetirements(`owner_org_id=${organisationId}`),
    get<{ total: { retired_credits_total: { credit_kgs: number } } }>(`/organisations/${organisationId}/credit_balance`),
  ]);
  const claimed = forIt.filter((r) => r.beneficiary.id === organisationId && !isBufferRetirement(r));
  const batches = await retiredBatches(claimed);
  return {
    claimed,
    claimedKg: sum(claimed.map((r) => r.credit_batch_size_total.credit_kgs)),
    batches,
    kinds: new Set(batches.map((b) => b.action)),
    forOthersKg: sum(byIt.filter((r) => r.owner.id === organisationId && r.beneficiary.id !== organisationId).map((r) => r.credit_batch_size_total.credit_kgs)),
    ownedRetiredKg: balance.total.retired_credits_total.credit_kgs,
  };
}

/** Per beneficiary (buffer pool aside), the kinds of climate action of what was retired for it. */
export async function kindsByBeneficiary(): Promise<Map<string, Set<ClimateAction>>> {
  const retirements = (await allRetirements()).filter((r) => !isBufferRetirement(r));
  const kinds = new Map<string, Set<ClimateAction>>();
  for (const batch of await retiredBatches(retirements)) {
    const id = batch.retirement.beneficiary.id;
    kinds.set(id, (kinds.get(id) ?? new Set()).add(batch.action));
  }
  return kinds;
}

/** A beneficiary whose retirements are all of `action`, if the registry has one. */
export function onlyOf(kinds: Map<string, Set<ClimateAction>>, action: ClimateAction): string | undefined {
  return [...kinds].find(([, found]) => found.size === 1 && found.has(action))?.[0];
}
