// The rules of the Registry API that figures on a public page rest on, checked on everything the local
// registry serves. The test crawls the registry over its HTTP handler, as a client would: every list
// endpoint, every page through the Relay cursors, every record by id; then it reconciles what it found.
// Every expected figure is derived from the crawl; none is typed in.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createLocalRegistry, DEFAULT_BASE_PATH, LOCAL_DEFAULTS, SAMPLE_IDS } from '../../src/local-registry/index.js';
import type { components } from '../../src/generated/registry-schema.js';
import { AUTH_HEADERS, type PageBody } from './support.js';

type Schemas = components['schemas'];
type Batch = Schemas['CreditBatch'];
type Project = Schemas['Project'];
type Issuance = Schemas['Issuance'];
type Retirement = Schemas['Retirement'];
type Transfer = Schemas['Transfer'];
type Delivery = Schemas['Delivery'];
type Order = Schemas['Order'];
type Organisation = Schemas['Organisation'];
type Supplier = Schemas['Supplier'];
type Balance = Schemas['OrganisationCreditBalance'];
type IssuanceBatches = Schemas['IssuanceCreditBatches'];
type BatchList = { nodes: Batch[]; total_count: number };

/** Everything the crawl saw, by kind and id. */
interface Crawl {
  projects: Map<string, Project>;
  suppliers: Map<string, Supplier>;
  organisations: Map<string, Organisation>;
  issuances: Map<string, Issuance>;
  issuanceBatches: Map<string, IssuanceBatches>;
  retirements: Map<string, Retirement>;
  retirementBatches: Map<string, Batch[]>;
  transfers: Map<string, Transfer>;
  transferBatches: Map<string, Batch[]>;
  deliveries: Map<string, Delivery>;
  deliveryBatches: Map<string, Batch[]>;
  orders: Map<string, Order>;
  balances: Map<string, Balance>;
  /** Every batch seen anywhere, by id, as `GET /credit_batches/{id}` serves it. */
  batches: Map<string, Batch>;
  /** Requests made, to show the crawl really covered the API. */
  requests: number;
}

const kg = (items: Iterable<{ size: { credit_kgs: number } }>): number => {
  let total = 0;
  for (const item of items) total += item.size.credit_kgs;
  return total;
};

/** The serial number's parts: `ISO-1-<process>-<country>-<code>-<year>-<start>-<end>`. */
function serial(batch: Batch): { prefix: string; year: number; start: number; end: number } {
  const match = /^(.*)-(\d{4})-(\d+)-(\d+)$/.exec(batch.serial_number);
  assert.ok(match, `${batch.id}: serial number ${batch.serial_number}`);
  return { prefix: match[1] ?? '', year: Number(match[2]), start: Number(match[3]), end: Number(match[4]) };
}

async function crawl(): Promise<Crawl> {
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS });
  const found: Crawl = {
    projects: new Map(),
    suppliers: new Map(),
    organisations: new Map(),
    issuances: new Map(),
    issuanceBatches: new Map(),
    retirements: new Map(),
    retirementBatches: new Map(),
    transfers: new Map(),
    transferBatches: new Map(),
    deliveries: new Map(),
    deliveryBatches: new Map(),
    orders: new Map(),
    balances: new Map(),
    batches: new Map(),
    requests: 0,
  };
  const get = async <T>(path: string): Promise<T> => {
    found.requests++;
    const response = await registry.handler(new Request(`http://registry.test${DEFAULT_BASE_PATH}${path}`, { headers: AUTH_HEADERS }));
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  };
  /** Every node of a list, page by page through `end_cursor`, checking the count and that no node repeats. */
  const all = async <T extends { id: string }>(path: string): Promise<T[]> => {
    const separator = path.includes('?') ? '&' : '?';
    const nodes: T[] = [];
    let cursor: string | null = null;
    let total = -1;
    for (;;) {
      const page: PageBody<T> = await get<PageBody<T>>(`${path}${separator}first=50${cursor ? `&after=${cursor}` : ''}`);
      total = page.total_count;
      nodes.push(...page.nodes);
      if (!page.page_info.has_next_page) break;
      cursor = page.page_info.end_cursor;
    }
    assert.equal(nodes.length, total, `${path}: total_count`);
    assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length, `${path}: a node repeats across pages`);
    return nodes;
  };
  const keep = <T extends { id: string }>(into: Map<string, T>, items: readonly T[]): void => {
    for (const item of items) into.set(item.id, item);
  };
  const organisation = (org: Organisation | null | undefined): void => {
    if (org) found.organisations.set(org.id, org);
  };

  // The top-level lists.
  keep(found.projects, await all<Project>('/projects'));
  keep(found.suppliers, await all<Supplier>('/suppliers'));
  keep(found.issuances, await all<Issuance>('/issuances'));
  keep(found.retirements, await all<Retirement>('/retirements'));
  keep(found.transfers, await all<Transfer>('/transfers'));
  keep(found.deliveries, await all<Delivery>('/deliveries'));
  for (const org of [...(await all<Organisation>('/beneficiaries')), ...(await all<Organisation>('/transferees'))]) organisation(org);
  organisation(await get<Organisation>('/organisation'));

  // Each supplier's lists.
  for (const supplier of found.suppliers.values()) {
    organisation(supplier.organisation);
    keep(found.projects, await all<Project>(`/suppliers/${supplier.id}/projects`));
    keep(found.issuances, await all<Issuance>(`/suppliers/${supplier.id}/issuances`));
    keep(found.deliveries, await all<Delivery>(`/suppliers/${supplier.id}/deliveries`));
    keep(found.orders, await all<Order>(`/suppliers/${supplier.id}/orders`));
  }
  for (const r of found.retirements.values()) [r.owner, r.beneficiary].forEach(organisation);
  for (const t of found.transfers.values()) [t.from_organisation, t.to_organisation].forEach(organisation);
  for (const d of found.deliveries.values()) organisation(d.to_organisation);
  for (const o of found.orders.values()) organisation(o.buyer_organisation);

  // Every record by id, and the lists hanging off it.
  for (const id of found.projects.keys()) {
    const project = await get<Project | null>(`/projects/${id}`);
    assert.ok(project, id);
    found.projects.set(id, project);
    await all(`/projects/${id}/documents`);
  }
  for (const id of found.suppliers.keys()) assert.ok(await get<Supplier | null>(`/suppliers/${id}`), id);
  for (const id of found.issuances.keys()) {
    found.issuances.set(id, await get<Issuance>(`/issuances/${id}`));
    found.issuanceBatches.set(id, await get<IssuanceBatches>(`/issuances/${id}/credit_batches`));
  }
  for (const id of found.retirements.keys()) {
    found.retirements.set(id, await get<Retirement>(`/retirements/${id}`));
    found.retirementBatches.set(id, (await get<BatchList>(`/retirements/${id}/credit_batches`)).nodes);
  }
  for (const id of found.transfers.keys()) {
    found.transfers.set(id, await get<Transfer>(`/transfers/${id}`));
    found.transferBatches.set(id, (await get<BatchList>(`/transfers/${id}/credit_batches`)).nodes);
  }
  for (const id of found.deliveries.keys()) {
    found.deliveries.set(id, await get<Delivery>(`/deliveries/${id}`));
    found.deliveryBatches.set(id, (await get<BatchList>(`/deliveries/${id}/credit_batches`)).nodes);
  }
  for (const id of found.orders.keys()) {
    found.orders.set(id, await get<Order>(`/orders/${id}`));
    await all(`/orders/${id}/deliveries`);
  }
  const batchSources: Batch[] = [];
  for (const id of [...found.organisations.keys()]) {
    const org = await get<Organisation | null>(`/organisations/${id}`);
    assert.ok(org, id);
    found.balances.set(id, await get<Balance>(`/organisations/${id}/credit_balance`));
    keep(found.orders, await all<Order>(`/organisations/${id}/orders`));
    batchSources.push(...(await all<Batch>(`/organisations/${id}/credit_batches?status=active&status=split&status=retired`)));
  }
  for (const list of found.issuanceBatches.values()) batchSources.push(...list.supplier_credit_batches, ...list.buffer_pool_credit_batches);
  for (const lists of [found.retirementBatches, found.transferBatches, found.deliveryBatches]) for (const list of lists.values()) batchSources.push(...list);
  const refund = await get<BatchList>(`/refunds/${SAMPLE_IDS.refund}/credit_batches`);
  batchSources.push(...refund.nodes);

  // Every batch by id, following split lineage both ways until nothing new turns up.
  const pending = new Set(batchSources.map((b) => b.id));
  while (pending.size > 0) {
    const [id] = pending;
    pending.delete(id as string);
    const batch = await get<Batch>(`/credit_batches/${id}`);
    found.batches.set(batch.id, batch);
    for (const next of [batch.parent_id, batch.left_child_id, batch.right_child_id]) if (next && !found.batches.has(next)) pending.add(next);
  }
  return found;
}

describe('local registry: the API’s rules, on everything it serves', () => {
  let c: Crawl;
  let bufferPool: string;
  const batchesOf = (predicate: (b: Batch) => boolean): Batch[] => [...c.batches.values()].filter(predicate);
  const byId = (id: string | null): Batch => {
    const batch = id ? c.batches.get(id) : undefined;
    assert.ok(batch, `batch ${id}`);
    return batch;
  };

  before(async () => {
    c = await crawl();
    // The buffer pool is the organisation that receives the buffer-pool batches of issuances.
    const owners = new Set([...c.issuanceBatches.values()].flatMap((list) => list.buffer_pool_credit_batches.map((b) => b.owner.id)));
    assert.equal(owners.size, 1, 'one buffer-pool organisation');
    bufferPool = [...owners][0] as string;
  });

  it('crawled the whole registry', () => {
    assert.ok(c.requests > 1000, `${c.requests} requests`);
    for (const [name, map] of Object.entries(c)) if (map instanceof Map) assert.ok(map.size > 0, `${name}: nothing crawled`);
    // Every batch is reachable from the lists and lineage, and every issued one from its issuance.
    const issued = new Set([...c.issuanceBatches.values()].flatMap((l) => [...l.supplier_credit_batches, ...l.buffer_pool_credit_batches].map((b) => b.id)));
    assert.deepEqual(
      batchesOf((b) => b.parent_id === null).map((b) => b.id).sort(),
      [...issued].sort(),
    );
  });

  describe('finding 5: one supplier per retirement and per transfer', () => {
    it('takes all credits of a retirement from one supplier; a retirement may span projects of it', () => {
      let spanning = 0;
      for (const [id, batches] of c.retirementBatches) {
        assert.ok(batches.length > 0, id);
        assert.equal(new Set(batches.map((b) => b.supplier_id)).size, 1, `${id} takes credits from several suppliers`);
        if (new Set(batches.map((b) => b.project_id)).size > 1) spanning++;
      }
      assert.ok(spanning > 0, 'some retirement spans two projects of its supplier');
      const sample = c.retirementBatches.get(SAMPLE_IDS.retirementTwoProjects) ?? [];
      assert.equal(new Set(sample.map((b) => b.project_id)).size, 2, 'retirementTwoProjects spans two projects');
      assert.equal(new Set(sample.map((b) => b.supplier_id)).size, 1, 'retirementTwoProjects has one supplier');
    });

    it('takes all credits of a transfer from one supplier', () => {
      for (const [id, batches] of c.transferBatches) {
        assert.ok(batches.length > 0, id);
        assert.equal(new Set(batches.map((b) => b.supplier_id)).size, 1, `${id} moves credits of several suppliers`);
        assert.equal(kg(batches), c.transfers.get(id)?.credit_batch_size_total.credit_kgs, id);
      }
    });

    it('delivers from the order’s supplier only', () => {
      for (const [id, batches] of c.deliveryBatches) {
        const delivery = c.deliveries.get(id);
        assert.ok(batches.every((b) => b.supplier_id === delivery?.from_supplier.id), id);
        assert.equal(kg(batches), delivery?.credit_batch_size_total.credit_kgs, id);
      }
    });
  });

  describe('finding 5: issuances inside the crediting period', () => {
    it('reports every issuance within its project’s crediting period, ending before it is issued', () => {
      for (const issuance of c.issuances.values()) {
        const project = c.projects.get(issuance.project_id);
        assert.ok(project?.crediting_period_start && project.crediting_period_end, `${issuance.id}: its project has no crediting period`);
        assert.ok(issuance.reporting_period_start_at >= project.crediting_period_start, `${issuance.id} starts before crediting`);
        assert.ok(issuance.reporting_period_end_at <= project.crediting_period_end, `${issuance.id} ends after crediting`);
        assert.ok(issuance.reporting_period_start_at <= issuance.reporting_period_end_at, issuance.id);
        assert.ok(issuance.reporting_period_end_at < issuance.issued_at.slice(0, 10), issuance.id);
        assert.equal(issuance.supplier.id, project.supplier.id, issuance.id);
      }
    });

    it('sequesters every batch inside its issuance’s reporting period, and numbers its serial with the year of issue', () => {
      let differs = 0;
      for (const batch of c.batches.values()) {
        const issuance = c.issuances.get(batch.issuance_id);
        assert.ok(issuance, batch.id);
        assert.equal(batch.issued_at, issuance.issued_at, batch.id);
        assert.ok(batch.sequestered_on >= issuance.reporting_period_start_at && batch.sequestered_on <= issuance.reporting_period_end_at, batch.id);
        assert.equal(serial(batch).year, new Date(batch.issued_at).getUTCFullYear(), `${batch.id}: serial year`);
        if (batch.sequestered_on !== batch.issued_at.slice(0, 10)) differs++;
      }
      assert.ok(differs > 0, 'sequestered_on differs from the issue date');
    });
  });

  describe('issuances and projects reconcile', () => {
    it('totals each issuance as supplier + buffer, equal to the batches it issued', () => {
      for (const [id, list] of c.issuanceBatches) {
        const issuance = c.issuances.get(id);
        assert.ok(issuance);
        assert.equal(issuance.credit_batch_size_total.credit_kgs, issuance.supplier_credit_batch_size_total.credit_kgs + issuance.buffer_pool_credit_batch_size_total.credit_kgs, id);
        assert.equal(kg(list.supplier_credit_batches), issuance.supplier_credit_batch_size_total.credit_kgs, id);
        assert.equal(kg(list.buffer_pool_credit_batches), issuance.buffer_pool_credit_batch_size_total.credit_kgs, id);
        assert.equal(list.credit_batch_size_total.credit_kgs, issuance.credit_batch_size_total.credit_kgs, id);
        assert.ok(list.buffer_pool_credit_batches.every((b) => b.owner.id === bufferPool || b.status === 'split'), id);
        assert.ok([...list.supplier_credit_batches, ...list.buffer_pool_credit_batches].every((b) => b.issuance_id === id && b.parent_id === null && b.project_id === issuance.project_id));
      }
    });

    it('totals each project from its issuances (buffer included) and its retired batches (buffer retirements included)', () => {
      for (const project of c.projects.values()) {
        const issuances = [...c.issuances.values()].filter((i) => i.project_id === project.id);
        const retired = batchesOf((b) => b.project_id === project.id && b.status === 'retired');
        const sum = (pick: (i: Issuance) => number) => issuances.reduce((total, i) => total + pick(i), 0);
        assert.equal(project.issued_credits_total.credit_kgs, sum((i) => i.credit_batch_size_total.credit_kgs), `${project.name}: issued (buffer included)`);
        assert.equal(project.issued_buffer_pool_credits_total.credit_kgs, sum((i) => i.buffer_pool_credit_batch_size_total.credit_kgs), `${project.name}: issued to the buffer`);
        assert.equal(project.retired_credits_total.credit_kgs, kg(retired), `${project.name}: retired (buffer included)`);
        assert.equal(project.retired_buffer_pool_credits_total.credit_kgs, kg(retired.filter((b) => b.owner.id === bufferPool)), `${project.name}: retired from the buffer`);
        assert.ok(project.issued_credits_total.credit_kgs >= project.issued_buffer_pool_credits_total.credit_kgs);
        assert.ok(project.retired_credits_total.credit_kgs <= project.issued_credits_total.credit_kgs);
        assert.ok(project.retired_buffer_pool_credits_total.credit_kgs <= project.issued_buffer_pool_credits_total.credit_kgs);
      }
    });

    it('keeps the credits of each issuance: its leaves add up to what it issued', () => {
      for (const [id, issuance] of c.issuances) {
        const leaves = batchesOf((b) => b.issuance_id === id && b.status !== 'split');
        assert.equal(kg(leaves), issuance.credit_batch_size_total.credit_kgs, id);
      }
    });
  });

  describe('split lineage', () => {
    it('splits a batch into two children that add up to it, with contiguous, non-overlapping serial ranges', () => {
      const splits = batchesOf((b) => b.status === 'split');
      assert.ok(splits.length > 0);
      for (const parent of splits) {
        const left = byId(parent.left_child_id);
        const right = byId(parent.right_child_id);
        const [p, l, r] = [parent, left, right].map(serial) as [ReturnType<typeof serial>, ReturnType<typeof serial>, ReturnType<typeof serial>];
        for (const child of [left, right]) {
          assert.equal(child.parent_id, parent.id);
          for (const field of ['supplier_id', 'project_id', 'issuance_id', 'issued_at', 'sequestered_on'] as const) assert.equal(child[field], parent[field], `${child.id}: ${field}`);
        }
        assert.equal(left.size.credit_kgs + right.size.credit_kgs, parent.size.credit_kgs, parent.id);
        assert.deepEqual([l.prefix, r.prefix, l.year, r.year], [p.prefix, p.prefix, p.year, p.year], parent.id);
        assert.deepEqual([l.start, l.end, r.start, r.end], [p.start, r.start, l.end, p.end], `${parent.id}: children's ranges`);
        assert.ok(l.start < l.end && r.start < r.end, parent.id);
      }
    });

    it('numbers every batch with as many serials as it holds kg, and no two unsplit batches of a project overlap', () => {
      for (const batch of c.batches.values()) {
        const { start, end } = serial(batch);
        assert.equal(end - start, batch.size.credit_kgs, batch.id);
      }
      const byPrefix = new Map<string, { start: number; end: number; id: string }[]>();
      for (const batch of batchesOf((b) => b.status !== 'split')) {
        const { prefix, year, start, end } = serial(batch);
        const key = `${prefix}-${year}`;
        byPrefix.set(key, [...(byPrefix.get(key) ?? []), { start, end, id: batch.id }]);
      }
      for (const [key, ranges] of byPrefix) {
        ranges.sort((a, b) => a.start - b.start);
        for (let i = 1; i < ranges.length; i++) assert.ok((ranges[i - 1]?.end ?? 0) <= (ranges[i]?.start ?? 0), `${key}: ${ranges[i - 1]?.id} overlaps ${ranges[i]?.id}`);
      }
    });
  });

  describe('retirements reconcile', () => {
    it('totals each retirement from its batches, all retired at once by its owner for its beneficiary', () => {
      for (const [id, retirement] of c.retirements) {
        const batches = c.retirementBatches.get(id) ?? [];
        assert.equal(kg(batches), retirement.credit_batch_size_total.credit_kgs, id);
        for (const b of batches) {
          assert.equal(b.status, 'retired', b.id);
          assert.equal(b.retirement_id, id, b.id);
          assert.equal(b.retired_at, retirement.retired_at, b.id);
          assert.equal(b.owner.id, retirement.owner.id, b.id);
          assert.equal(b.beneficiary?.id, retirement.beneficiary.id, b.id);
        }
      }
      // No retired batch outside a retirement.
      assert.equal(kg(batchesOf((b) => b.status === 'retired')), [...c.retirements.values()].reduce((t, r) => t + r.credit_batch_size_total.credit_kgs, 0));
    });

    it('retires buffer-pool credits only by the buffer pool, for itself, from batches it owns', () => {
      let bufferRetirements = 0;
      for (const [id, retirement] of c.retirements) {
        const batches = c.retirementBatches.get(id) ?? [];
        const fromBuffer = retirement.owner.id === bufferPool || retirement.beneficiary.id === bufferPool || batches.some((b) => b.owner.id === bufferPool);
        if (!fromBuffer) continue;
        bufferRetirements++;
        assert.equal(retirement.owner.id, bufferPool, id);
        assert.equal(retirement.beneficiary.id, bufferPool, id);
        assert.ok(batches.every((b) => b.owner.id === bufferPool), id);
      }
      assert.ok(bufferRetirements > 0, 'a buffer reversal is seeded');
      // The buffer pool only ever holds buffer allocations; it retires, and refunds to suppliers, nothing else.
      const bufferIssued = new Set([...c.issuanceBatches.values()].flatMap((l) => l.buffer_pool_credit_batches.map((b) => b.id)));
      const root = (b: Batch): Batch => (b.parent_id ? root(byId(b.parent_id)) : b);
      assert.ok(batchesOf((b) => b.owner.id === bufferPool).every((b) => bufferIssued.has(root(b).id)));
    });
  });

  describe('organisations reconcile', () => {
    it('balances what each organisation owns, retired and active, in total and per project, supplier and order', () => {
      for (const [id, balance] of c.balances) {
        const owned = batchesOf((b) => b.owner.id === id && b.status !== 'split');
        const sum = (status: 'active' | 'retired', where: (b: Batch) => boolean = () => true) => kg(owned.filter((b) => b.status === status && where(b)));
        assert.equal(balance.total.active_credits_total.credit_kgs, sum('active'), `${id}: active`);
        assert.equal(balance.total.retired_credits_total.credit_kgs, sum('retired'), `${id}: retired`);
        assert.deepEqual(
          balance.project_balances.map((p) => [p.project_id, p.total.active_credits_total.credit_kgs, p.total.retired_credits_total.credit_kgs]),
          [...new Set(owned.map((b) => b.project_id))].sort().map((p) => [p, sum('active', (b) => b.project_id === p), sum('retired', (b) => b.project_id === p)]),
          `${id}: per project`,
        );
        assert.deepEqual(
          balance.supplier_balances.map((s) => [s.supplier_id, s.total.active_credits_total.credit_kgs, s.total.retired_credits_total.credit_kgs]),
          [...new Set(owned.map((b) => b.supplier_id))].sort().map((s) => [s, sum('active', (b) => b.supplier_id === s), sum('retired', (b) => b.supplier_id === s)]),
          `${id}: per supplier`,
        );
        for (const { order_id, total } of balance.order_balances) {
          const order = c.orders.get(order_id);
          assert.equal(order?.buyer_organisation.id, id, `${id}: order ${order_id}`);
          const delivered = (b: Batch) => b.delivery_id !== null && c.deliveries.get(b.delivery_id)?.order_id === order_id;
          assert.equal(total.active_credits_total.credit_kgs, sum('active', delivered), `${id}: order ${order_id}`);
          assert.equal(total.retired_credits_total.credit_kgs, sum('retired', delivered), `${id}: order ${order_id}`);
        }
      }
    });

    it('totals each order from its deliveries', () => {
      for (const order of c.orders.values()) {
        const delivered = [...c.deliveries.values()].filter((d) => d.order_id === order.id).reduce((t, d) => t + d.credit_batch_size_total.credit_kgs, 0);
        assert.equal(order.credits_delivered.credit_kgs, delivered, order.id);
        assert.ok(delivered <= order.credits_ordered.credit_kgs, order.id);
      }
    });
  });

  describe('the cases widgets must handle are still seeded', () => {
    it('destruction credits, shorter-lived removal, buffer reversals, retirements for another organisation', () => {
      const retiredPathways = new Set(batchesOf((b) => b.status === 'retired').map((b) => c.projects.get(b.project_id)?.pathway));
      assert.ok(retiredPathways.has('superpollutants'), 'destruction credits retired');
      assert.ok(retiredPathways.has('reforestation'), 'reforestation credits retired');
      assert.ok([...c.projects.values()].some((p) => p.retired_buffer_pool_credits_total.credit_kgs > 0), 'a buffer reversal');
      const onBehalf = [...c.retirements.values()].filter((r) => r.owner.id !== r.beneficiary.id);
      assert.ok(onBehalf.some((r) => r.owner.name === 'Carbonfolio Marketplace'), 'a marketplace retires for its customers');
      assert.ok(onBehalf.some((r) => r.owner.name === 'Northwind Traders' && r.beneficiary.name === 'Northwind Cargo'), 'Northwind Traders retires for Northwind Cargo');
    });
  });
});
