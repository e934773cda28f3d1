// The seeded data set: its minimums, its internal consistency, the promises SAMPLE_IDS makes, and
// determinism. Counts a widget sees are checked over HTTP; invariants on the data set itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalRegistry, LOCAL_DEFAULTS, SAMPLE_IDS, SEED_BASE_DATE, type RegistryDataSet } from '../../src/local-registry/index.js';
import { type PageBody, startRegistry, type RegistryServer } from './support.js';

type Batch = RegistryDataSet['creditBatches'][number];

const PATHWAYS = ['biomass_carbon_removal_and_storage', 'direct_air_capture', 'enhanced_weathering', 'carbon_mineralization', 'reforestation', 'marine', 'superpollutants'];
const STATUSES = ['draft', 'preview', 'under_validation', 'validated', 'validation_unsuccessful', 'cancelled'];
const PURPOSES = ['corporate_targets', 'public_environmental_claims', 'insetting', 'regulatory_requirement', 'other'];
const ID_PREFIXES: Record<string, string> = {
  organisations: 'org',
  suppliers: 'spl',
  projects: 'prj',
  projectDocuments: 'pjd',
  issuances: 'iss',
  creditBatches: 'ctb',
  orders: 'ord',
  deliveries: 'dlv',
  retirements: 'ret',
  transfers: 'tfr',
  refunds: 'bpr',
};

function kg(items: readonly Batch[]): number {
  return items.reduce((sum, b) => sum + b.size.credit_kgs, 0);
}

/** Every `{credits, credit_kgs}` object anywhere in a value. */
function quantities(value: unknown, found: { credits: unknown; credit_kgs: unknown }[] = []): { credits: unknown; credit_kgs: unknown }[] {
  if (Array.isArray(value)) value.forEach((v) => quantities(v, found));
  else if (value && typeof value === 'object') {
    if ('credit_kgs' in value && 'credits' in value) found.push(value as { credits: unknown; credit_kgs: unknown });
    Object.values(value).forEach((v) => quantities(v, found));
  }
  return found;
}

describe('local registry data set', () => {
  let server: RegistryServer;
  let data: RegistryDataSet;
  const batch = (id: string | null): Batch => {
    const found = data.creditBatches.find((b) => b.id === id);
    assert.ok(found, `batch ${id}`);
    return found;
  };
  before(async () => {
    server = await startRegistry();
    data = server.registry.data;
  });
  after(() => server.close());

  describe('minimums, as a client sees them', () => {
    it('has at least 12 projects covering all 7 pathways and every status, most of them validated', async () => {
      const { body } = await server.json<PageBody<{ id: string; pathway: string; status: string }>>('/projects?first=50');
      assert.ok(body.total_count >= 12);
      assert.deepEqual(new Set(body.nodes.map((p) => p.pathway)), new Set(PATHWAYS));
      assert.deepEqual(new Set(body.nodes.map((p) => p.status)), new Set(STATUSES));
      const validated = body.nodes.filter((p) => p.status === 'validated').length;
      assert.ok(validated > body.total_count / 2);
    });

    it('has at least 6 suppliers with organisations, domains, descriptions', async () => {
      const { body } = await server.json<PageBody<{ id: string; short_description: string | null; organisation: { domain: string | null } }>>('/suppliers?first=50');
      assert.ok(body.total_count >= 6);
      assert.ok(body.nodes.every((s) => s.organisation.domain));
      assert.ok(body.nodes.filter((s) => s.short_description).length >= 6);
    });

    it('has at least 300 retirements', async () => {
      const { body } = await server.json<PageBody>('/retirements?first=1');
      assert.ok(body.total_count >= 300, `${body.total_count}`);
    });

    it('has a project with more than one page of documents', async () => {
      const { body } = await server.json<PageBody<{ url: string }>>(`/projects/${SAMPLE_IDS.projectWithDocuments}/documents`);
      assert.ok(body.total_count > 10);
      assert.ok(body.nodes.every((d) => /^https:\/\/registry\.isometric\.com\/.+\.pdf$/.test(d.url)));
    });
  });

  describe('retirements', () => {
    it('carry 1–3 distinct known purposes each', () => {
      for (const r of data.retirements) {
        assert.ok(r.purposes.length >= 1 && r.purposes.length <= 3, r.id);
        assert.equal(new Set(r.purposes).size, r.purposes.length, r.id);
        assert.ok(r.purposes.every((p) => PURPOSES.includes(p)), r.id);
      }
      assert.deepEqual(new Set(data.retirements.flatMap((r) => r.purposes)), new Set(PURPOSES));
    });

    it('have varied beneficiaries and owners', () => {
      assert.ok(new Set(data.retirements.map((r) => r.beneficiary.id)).size >= 20);
      assert.ok(new Set(data.retirements.map((r) => r.owner.id)).size >= 8);
      assert.ok(data.retirements.some((r) => r.owner.id !== r.beneficiary.id));
      assert.ok(data.retirements.some((r) => r.beneficiary.name === 'Contoso Ltd.'));
    });

    it('have null, long and non-Latin notes: Japanese, Arabic, German umlauts, emoji', () => {
      const notes = data.retirements.map((r) => r.notes);
      assert.ok(notes.some((n) => n === null));
      assert.ok(notes.some((n) => n !== null && n.length >= 240));
      assert.ok(notes.some((n) => n !== null && /[\u3040-\u30ff]/.test(n)), 'Japanese');
      assert.ok(notes.some((n) => n !== null && /[\u0600-\u06ff]/.test(n)), 'Arabic');
      assert.ok(notes.some((n) => n !== null && /[äöüÄÖÜß]/.test(n)), 'umlauts');
      assert.ok(notes.some((n) => n !== null && /\p{Extended_Pictographic}/u.test(n)), 'emoji');
    });

    it('total their batches, which come from one or two projects', () => {
      let twoProjects = 0;
      for (const r of data.retirements) {
        const batches = data.creditBatches.filter((b) => b.retirement_id === r.id);
        assert.ok(batches.length > 0, r.id);
        assert.equal(kg(batches), r.credit_batch_size_total.credit_kgs, r.id);
        assert.ok(batches.every((b) => b.status === 'retired' && b.retired_at === r.retired_at && b.beneficiary?.id === r.beneficiary.id && b.owner.id === r.owner.id));
        const projects = new Set(batches.map((b) => b.project_id)).size;
        assert.ok(projects === 1 || projects === 2, r.id);
        if (projects === 2) twoProjects++;
      }
      assert.ok(twoProjects >= 5);
    });

    it('are https urls on the registry', () => {
      assert.ok(data.retirements.every((r) => r.url === `https://registry.isometric.com/retirement/${r.id}`));
    });
  });

  describe('consistency', () => {
    it('uses prefix + 16 upper-case alphanumerics for every id, all unique', () => {
      const seen = new Set<string>();
      for (const [collection, prefix] of Object.entries(ID_PREFIXES)) {
        for (const { id } of data[collection as keyof typeof ID_PREFIXES & keyof RegistryDataSet] as { id: string }[]) {
          assert.match(id, new RegExp(`^${prefix}_[0-9A-Z]{16}$`));
          assert.ok(!seen.has(id), id);
          seen.add(id);
        }
      }
    });

    it('keeps every CreditQuantity consistent: credits = credit_kgs / 1000', () => {
      const found = quantities(data);
      assert.ok(found.length > 1000);
      for (const q of found) {
        assert.ok(Number.isInteger(q.credit_kgs) && (q.credit_kgs as number) >= 0);
        assert.equal(q.credits, Math.round(q.credit_kgs as number) / 1000);
      }
    });

    it('keeps split lineage consistent', () => {
      const splits = data.creditBatches.filter((b) => b.status === 'split');
      assert.ok(splits.length > 10);
      for (const parent of splits) {
        const left = batch(parent.left_child_id);
        const right = batch(parent.right_child_id);
        for (const child of [left, right]) {
          assert.equal(child.parent_id, parent.id);
          assert.equal(child.supplier_id, parent.supplier_id);
          assert.equal(child.project_id, parent.project_id);
          assert.equal(child.issuance_id, parent.issuance_id);
        }
        assert.equal(left.size.credit_kgs + right.size.credit_kgs, parent.size.credit_kgs);
        if (parent.carbon_removal_data) {
          assert.equal((left.carbon_removal_data?.gross_carbon_removed_kg ?? 0) + (right.carbon_removal_data?.gross_carbon_removed_kg ?? 0), parent.carbon_removal_data.gross_carbon_removed_kg);
        }
      }
      for (const b of data.creditBatches) {
        if (b.status !== 'split') assert.equal(b.left_child_id ?? b.right_child_id, null, b.id);
      }
    });

    it('keeps carbon-removal data on most batches, with gross = net + emissions + counterfactuals + losses', () => {
      const withData = data.creditBatches.filter((b) => b.carbon_removal_data);
      assert.ok(withData.length > data.creditBatches.length / 2);
      for (const b of withData) {
        const c = b.carbon_removal_data!;
        assert.equal(c.gross_carbon_removed_kg, c.net_carbon_removed_kg + c.emissions_kg + c.counterfactuals_kg + c.losses_kg, b.id);
        assert.equal(c.net_carbon_removed_kg, b.size.credit_kgs, b.id);
        assert.ok([c.emissions_kg, c.counterfactuals_kg, c.losses_kg].every((v) => Number.isInteger(v) && v >= 0));
      }
    });

    it('keeps issuances equal to their supplier and buffer-pool batches', () => {
      for (const issuance of data.issuances) {
        const links = data.links.issuanceBatchIds[issuance.id];
        assert.ok(links);
        assert.equal(kg(links.supplier.map(batch)), issuance.supplier_credit_batch_size_total.credit_kgs);
        assert.equal(kg(links.bufferPool.map(batch)), issuance.buffer_pool_credit_batch_size_total.credit_kgs);
        assert.equal(issuance.supplier_credit_batch_size_total.credit_kgs + issuance.buffer_pool_credit_batch_size_total.credit_kgs, issuance.credit_batch_size_total.credit_kgs);
        assert.ok([...links.supplier, ...links.bufferPool].every((id) => batch(id).parent_id === null && batch(id).issuance_id === issuance.id));
      }
    });

    it('keeps project totals equal to their issuances and retired batches', () => {
      for (const project of data.projects) {
        const issuances = data.issuances.filter((i) => i.project_id === project.id);
        const retired = data.creditBatches.filter((b) => b.project_id === project.id && b.status === 'retired');
        assert.equal(project.issued_credits_total.credit_kgs, issuances.reduce((s, i) => s + i.credit_batch_size_total.credit_kgs, 0), project.name);
        assert.equal(project.issued_buffer_pool_credits_total.credit_kgs, issuances.reduce((s, i) => s + i.buffer_pool_credit_batch_size_total.credit_kgs, 0), project.name);
        assert.equal(project.retired_credits_total.credit_kgs, kg(retired), project.name);
        assert.ok(project.retired_buffer_pool_credits_total.credit_kgs <= project.issued_buffer_pool_credits_total.credit_kgs);
        if (project.status !== 'validated') assert.equal(project.issued_credits_total.credit_kgs, 0, project.name);
      }
      assert.ok(data.projects.some((p) => p.retired_buffer_pool_credits_total.credit_kgs > 0));
    });

    it('keeps deliveries equal to their batches, and orders to their deliveries', () => {
      for (const delivery of data.deliveries) {
        const batches = (data.links.deliveryBatchIds[delivery.id] ?? []).map(batch);
        assert.equal(kg(batches), delivery.credit_batch_size_total.credit_kgs);
        assert.ok(batches.every((b) => b.delivery_id === delivery.id && b.supplier_id === delivery.from_supplier.id));
      }
      const statuses = new Set<string>();
      for (const order of data.orders) {
        const delivered = data.deliveries.filter((d) => d.order_id === order.id).reduce((s, d) => s + d.credit_batch_size_total.credit_kgs, 0);
        assert.equal(order.credits_delivered.credit_kgs, delivered);
        assert.ok(delivered <= order.credits_ordered.credit_kgs);
        const expected = delivered === 0 ? 'placed' : delivered === order.credits_ordered.credit_kgs ? 'completed' : 'in_progress';
        assert.equal(order.status, expected, order.id);
        assert.equal(order.fulfilled_at !== null, expected === 'completed');
        statuses.add(order.status);
      }
      assert.equal(statuses.size, 3);
    });

    it('dates nothing after the seed base date but the recent retirement, and issues every batch before it moves', () => {
      const base = Date.parse(SEED_BASE_DATE);
      const later = data.retirements.filter((r) => Date.parse(r.retired_at) > base).map((r) => r.id);
      assert.deepEqual(later, [SAMPLE_IDS.recentRetirement]);
      const instants = [
        ...data.retirements.filter((r) => r.id !== SAMPLE_IDS.recentRetirement).map((r) => r.retired_at),
        ...data.deliveries.map((d) => d.delivered_at),
        ...data.issuances.map((i) => i.issued_at),
        ...data.transfers.map((t) => t.transferred_at),
        ...data.refunds.map((r) => r.refunded_at),
      ];
      assert.ok(instants.every((at) => Date.parse(at) <= base));
      for (const b of data.creditBatches) {
        if (b.delivered_at) assert.ok(b.delivered_at >= b.issued_at, b.id);
        if (b.retired_at) assert.ok(b.retired_at >= b.issued_at, b.id);
      }
    });
  });

  describe('SAMPLE_IDS', () => {
    it('name entities with the promised properties', () => {
      const project = data.projects.find((p) => p.id === SAMPLE_IDS.project);
      assert.equal(project?.status, 'validated');
      assert.equal(project?.supplier.id, SAMPLE_IDS.supplier);
      assert.ok(data.projectDocuments.filter((d) => d.project_id === SAMPLE_IDS.projectWithDocuments).length > 10);
      assert.equal(data.suppliers.find((s) => s.id === SAMPLE_IDS.supplier)?.organisation.id, SAMPLE_IDS.supplierOrganisation);
      assert.ok(data.stripeConfigurations[SAMPLE_IDS.supplier]);
      assert.ok(data.retirements.filter((r) => r.owner.id === SAMPLE_IDS.organisation).length >= 30);
      assert.ok(data.creditBatches.some((b) => b.owner.id === SAMPLE_IDS.bufferPoolOrganisation));
      assert.equal(new Set(data.creditBatches.filter((b) => b.retirement_id === SAMPLE_IDS.retirementTwoProjects).map((b) => b.project_id)).size, 2);
      assert.equal(new Set(data.creditBatches.filter((b) => b.retirement_id === SAMPLE_IDS.retirement).map((b) => b.project_id)).size, 1);
      const note = (id: string) => data.retirements.find((r) => r.id === id)?.notes ?? '';
      assert.ok(note(SAMPLE_IDS.retirementLongNote).length >= 240);
      assert.match(note(SAMPLE_IDS.retirementJapaneseNote), /[\u3040-\u30ff]/);
      assert.match(note(SAMPLE_IDS.retirementArabicNote), /[\u0600-\u06ff]/);
      assert.equal(data.issuances.find((i) => i.id === SAMPLE_IDS.issuance)?.project_id, SAMPLE_IDS.project);
      const split = batch(SAMPLE_IDS.splitCreditBatch);
      assert.equal(split.status, 'split');
      assert.equal(split.issuance_id, SAMPLE_IDS.issuance);
      const delivery = data.deliveries.find((d) => d.id === SAMPLE_IDS.delivery);
      assert.equal(delivery?.order_id, SAMPLE_IDS.order);
      assert.equal(delivery?.to_organisation.id, SAMPLE_IDS.organisation);
      assert.equal(delivery?.from_supplier.id, SAMPLE_IDS.supplier);
      assert.equal(data.transfers.find((t) => t.id === SAMPLE_IDS.transfer)?.from_organisation.id, SAMPLE_IDS.organisation);
      assert.equal(data.refunds.find((r) => r.id === SAMPLE_IDS.refund)?.from_buffer_pool_organisation.id, SAMPLE_IDS.bufferPoolOrganisation);
    });

    it('hostileProject is the one project with markup in its name and the one with a non-http(s) url', () => {
      const hostile = data.projects.find((p) => p.id === SAMPLE_IDS.hostileProject);
      assert.equal(hostile?.name, '<img src=x onerror=alert(1)> Test Kiln');
      assert.equal(hostile?.url, 'javascript:alert(1)');
      assert.deepEqual(
        data.projects.filter((p) => !/^https:\/\//.test(p.url)).map((p) => p.id),
        [SAMPLE_IDS.hostileProject],
      );
      assert.deepEqual(
        data.projects.filter((p) => /[<>]/.test(p.name)).map((p) => p.id),
        [SAMPLE_IDS.hostileProject],
      );
    });
  });

  it('is deterministic: two registries started at the same instant hold identical data', () => {
    const now = () => Date.parse('2026-12-01T09:00:00Z');
    const first = createLocalRegistry({ ...LOCAL_DEFAULTS, now }).data;
    const second = createLocalRegistry({ ...LOCAL_DEFAULTS, now }).data;
    assert.notEqual(first, second);
    assert.deepEqual(first, second);
    assert.equal(JSON.stringify(first), JSON.stringify(second));
  });

  it('differs between start instants only in the date of the recent retirement', () => {
    const at = (iso: string) => createLocalRegistry({ ...LOCAL_DEFAULTS, now: () => Date.parse(iso) }).data;
    const first = at('2026-12-01T09:00:00Z');
    const second = at('2027-03-15T18:30:00Z');
    const withoutRecentDate = (data: RegistryDataSet) =>
      JSON.stringify(data, (key, value: unknown) => (key === 'retired_at' && typeof value === 'string' && Date.parse(value) > Date.parse(SEED_BASE_DATE) ? 'recent' : value));
    assert.equal(withoutRecentDate(first), withoutRecentDate(second));
  });

  describe('the recent retirement (finding 7: the live feed opens on something recent)', () => {
    it('is the newest retirement, a few minutes before the registry started, by a marketplace for a customer', async () => {
      const startedAt = Date.now();
      const local = await startRegistry();
      try {
        const { body } = await local.json<PageBody<{ id: string; retired_at: string; owner: { id: string }; beneficiary: { id: string }; notes: string | null }>>('/retirements?first=1');
        const newest = body.nodes[0];
        assert.equal(newest?.id, SAMPLE_IDS.recentRetirement);
        const age = startedAt - Date.parse(newest.retired_at);
        assert.ok(age > 0 && age <= 10 * 60_000, `retired ${age} ms before the start`);
        assert.notEqual(newest.owner.id, newest.beneficiary.id);
        assert.ok(newest.notes && !/[<>]/.test(newest.notes));
      } finally {
        await local.close();
      }
    });
  });
});
