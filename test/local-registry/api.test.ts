// The local registry's API behaviour over loopback HTTP: auth, routing, Relay pagination, documented
// sort orders, filters, and id validation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_IDS } from '../../src/local-registry/index.js';
import { AUTH_HEADERS, BASE_PATH, type PageBody, startRegistry, type RegistryServer, walk } from './support.js';

type ErrorBody = { detail: string };
type ValidationBody = { detail: { loc: (string | number)[]; msg: string; type: string; input?: unknown }[] };

const UNKNOWN = {
  project: 'prj_0000000000000000',
  organisation: 'org_0000000000000000',
  supplier: 'spl_0000000000000000',
  retirement: 'ret_0000000000000000',
};

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function assertSorted<T>(items: readonly T[], compare: (a: T, b: T) => number, what: string): void {
  assert.ok(items.length > 1, `${what}: need at least two items to check an order`);
  items.slice(1).forEach((item, i) => assert.ok(compare(items[i] as T, item) <= 0, `${what}: item ${i + 1} is out of order`));
}

describe('local registry API', () => {
  let server: RegistryServer;
  before(async () => {
    server = await startRegistry();
  });
  after(() => server.close());

  describe('auth', () => {
    it('answers 401 without x-client-secret', async () => {
      const { status, body, response } = await server.json<ErrorBody>('/projects', { headers: { authorization: AUTH_HEADERS.authorization } });
      assert.equal(status, 401);
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.match(body.detail, /x-client-secret/);
    });

    it('answers 401 with a Bearer challenge without an Authorization header', async () => {
      const { status, response } = await server.json('/projects', { headers: { 'x-client-secret': AUTH_HEADERS['x-client-secret'] } });
      assert.equal(status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    });

    it('answers 401 for a non-Bearer Authorization header', async () => {
      const { status } = await server.json('/projects', { headers: { ...AUTH_HEADERS, authorization: 'Basic dXNlcjpwYXNz' } });
      assert.equal(status, 401);
    });

    it('answers 403 for a wrong client secret', async () => {
      const { status, body } = await server.json<ErrorBody>('/projects', { headers: { ...AUTH_HEADERS, 'x-client-secret': 'nope' } });
      assert.equal(status, 403);
      assert.equal(typeof body.detail, 'string');
    });

    it('answers 403 for a wrong access token', async () => {
      const { status } = await server.json('/projects', { headers: { ...AUTH_HEADERS, authorization: 'Bearer local-access-tokeN' } });
      assert.equal(status, 403);
    });

    it('accepts the configured credentials', async () => {
      const custom = await startRegistry({ clientSecret: 's3cret', accessToken: 't0ken' });
      try {
        assert.equal((await custom.json('/projects', { headers: { 'x-client-secret': 's3cret', authorization: 'Bearer t0ken' } })).status, 200);
        assert.equal((await custom.json('/projects')).status, 403);
      } finally {
        await custom.close();
      }
    });
  });

  describe('routing', () => {
    it('answers 404 {"detail":"Not Found"} for an unknown path, and outside the base path', async () => {
      for (const url of [`${server.origin}${BASE_PATH}/nothing-here`, `${server.origin}/projects`, `${server.origin}${BASE_PATH}/projects/${SAMPLE_IDS.project}/nope`]) {
        const response = await fetch(url, { headers: AUTH_HEADERS });
        assert.equal(response.status, 404, url);
        assert.equal(response.headers.get('content-type'), 'application/json');
        assert.deepEqual(await response.json(), { detail: 'Not Found' });
      }
    });

    it('answers 405 {"detail":"Method Not Allowed"} for the writes it does not implement', async () => {
      for (const path of ['/beneficiary', '/deliveries', '/retirements', '/retirements/from_oldest_credits', '/transfers']) {
        const { status, body } = await server.json(path, { method: 'POST', headers: { ...AUTH_HEADERS, 'content-type': 'application/json' }, body: '{}' });
        assert.equal(status, 405, path);
        assert.deepEqual(body, { detail: 'Method Not Allowed' });
      }
    });

    it('lists the allowed methods on a 405', async () => {
      const { response } = await server.json('/projects', { method: 'DELETE' });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'GET');
    });

    it('serves the current organisation and supplier of the token', async () => {
      const organisation = await server.json<{ id: string }>('/organisation');
      const supplier = await server.json<{ id: string; organisation: { id: string } }>('/supplier');
      assert.equal(organisation.body.id, SAMPLE_IDS.supplierOrganisation);
      assert.equal(supplier.body.id, SAMPLE_IDS.supplier);
      assert.equal(supplier.body.organisation.id, SAMPLE_IDS.supplierOrganisation);
    });
  });

  describe('ids', () => {
    it('answers 200 null for an unknown project, supplier or organisation, as the spec says (anyOf[X, null])', async () => {
      for (const path of [`/projects/${UNKNOWN.project}`, `/suppliers/${UNKNOWN.supplier}`, `/organisations/${UNKNOWN.organisation}`]) {
        const { status, body, response } = await server.json(path);
        assert.equal(status, 200, path);
        assert.equal(body, null, path);
        assert.equal(response.headers.get('content-type'), 'application/json', path);
        assert.ok(response.headers.get('etag'), `${path}: a 200 null is a read like any other`);
      }
    });

    it('answers 404 "… not found" for a well-formed unknown id elsewhere', async () => {
      const { status, body } = await server.json<ErrorBody>(`/retirements/${UNKNOWN.retirement}`);
      assert.equal(status, 404);
      assert.equal(body.detail, 'Retirement not found');
      assert.equal((await server.json(`/organisations/${UNKNOWN.organisation}/credit_balance`)).status, 404);
      assert.equal((await server.json(`/suppliers/${UNKNOWN.supplier}/projects`)).status, 404);
      assert.equal((await server.json(`/projects/${UNKNOWN.project}/documents`)).status, 404);
    });

    it('answers 422 for a malformed path id: wrong prefix, length or characters', async () => {
      const malformed = [
        SAMPLE_IDS.organisation, // an organisation id where a project id belongs
        SAMPLE_IDS.project.toLowerCase(),
        `${SAMPLE_IDS.project}X`,
        'prj_1VJRKMRFEEBVY39',
        'prj_1VJRKMRF-EBVY39C',
      ];
      for (const id of malformed) {
        const { status, body } = await server.json<ValidationBody>(`/projects/${encodeURIComponent(id)}`);
        assert.equal(status, 422, id);
        assert.deepEqual(body.detail[0]?.loc, ['path', 'id'], id);
        assert.equal(body.detail[0]?.input, id);
      }
    });

    it('answers 422 for a malformed id in a filter, an empty list for an unknown one', async () => {
      const malformed = await server.json<ValidationBody>(`/retirements?beneficiary_org_id=${SAMPLE_IDS.project}`);
      assert.equal(malformed.status, 422);
      assert.deepEqual(malformed.body.detail[0]?.loc, ['query', 'beneficiary_org_id']);
      assert.equal((await server.json(`/retirements?owner_org_id=`)).status, 422);
      assert.equal((await server.json(`/deliveries?from_supplier_id=${SAMPLE_IDS.organisation}`)).status, 422);
      assert.equal((await server.json(`/organisations/${SAMPLE_IDS.organisation}/credit_batches?project_id=prj_short`)).status, 422);
      // A filter narrows a list; an id it names that matches nothing gives nothing, as upstream.
      for (const path of [
        `/retirements?beneficiary_org_id=${UNKNOWN.organisation}`,
        `/retirements?owner_org_id=${UNKNOWN.organisation}`,
        `/deliveries?from_supplier_id=${UNKNOWN.supplier}`,
        `/transfers?to_organisation_id=${UNKNOWN.organisation}`,
      ]) {
        const unknown = await server.json<PageBody>(path);
        assert.equal(unknown.status, 200, path);
        assert.equal(unknown.body.total_count, 0, path);
        assert.deepEqual(unknown.body.nodes, [], path);
      }
    });

    it('validates the request before looking anything up (422 wins over 404)', async () => {
      assert.equal((await server.json(`/suppliers/${UNKNOWN.supplier}/projects?first=0`)).status, 422);
    });
  });

  describe('pagination', () => {
    it('defaults to 10 per page', async () => {
      const { body } = await server.json<PageBody>('/retirements');
      assert.equal(body.nodes.length, 10);
      assert.equal(body.page_info.has_next_page, true);
      assert.equal(body.page_info.has_previous_page, false);
    });

    it('walks a whole list forward with no duplicates and the advertised total', async () => {
      const { nodes, totalCount, pages } = await walk(server, '/retirements', 'forward', 50);
      assert.ok(totalCount >= 300);
      assert.equal(nodes.length, totalCount);
      assert.equal(new Set(nodes.map((n) => n.id)).size, totalCount);
      assert.equal(pages, Math.ceil(totalCount / 50));
    });

    it('walks it backward into the same order', async () => {
      const forward = await walk(server, '/retirements', 'forward', 50);
      const backward = await walk(server, '/retirements', 'backward', 37);
      assert.equal(new Set(backward.nodes.map((n) => n.id)).size, backward.totalCount);
      assert.deepEqual(
        backward.nodes.map((n) => n.id),
        forward.nodes.map((n) => n.id),
      );
    });

    it('walks small pages of a filtered list both ways', async () => {
      const path = `/organisations/${SAMPLE_IDS.organisation}/credit_batches?status=active&status=retired&status=split`;
      const forward = await walk(server, path, 'forward', 7);
      const backward = await walk(server, path, 'backward', 7);
      assert.equal(forward.nodes.length, forward.totalCount);
      assert.deepEqual(
        backward.nodes.map((n) => n.id),
        forward.nodes.map((n) => n.id),
      );
    });

    it('reports page boundaries on the last page and with last/before', async () => {
      const { body: lastPage } = await server.json<PageBody>('/projects?last=3');
      assert.equal(lastPage.nodes.length, 3);
      assert.equal(lastPage.page_info.has_next_page, false);
      assert.equal(lastPage.page_info.has_previous_page, true);
      const { body: beforeThat } = await server.json<PageBody>(`/projects?last=3&before=${lastPage.page_info.start_cursor}`);
      assert.equal(beforeThat.page_info.has_next_page, true);
      assert.ok(beforeThat.nodes.every((n) => !lastPage.nodes.some((m) => m.id === n.id)));
    });

    it('answers an empty page with null cursors past the end', async () => {
      const { body: last } = await server.json<PageBody>('/projects?last=1');
      const { status, body } = await server.json<PageBody>(`/projects?first=5&after=${last.page_info.end_cursor}`);
      assert.equal(status, 200);
      assert.deepEqual(body.nodes, []);
      assert.equal(body.page_info.start_cursor, null);
      assert.equal(body.page_info.end_cursor, null);
      assert.equal(body.page_info.has_next_page, false);
    });

    it('keeps a cursor stable when a new retirement is added on top', async () => {
      const local = await startRegistry();
      try {
        const { body: first } = await local.json<PageBody>('/retirements?first=10');
        local.registry.addRetirement();
        const { body: second } = await local.json<PageBody>(`/retirements?first=10&after=${first.page_info.end_cursor}`);
        const { body: reference } = await local.json<PageBody>('/retirements?first=21');
        assert.deepEqual(
          second.nodes.map((n) => n.id),
          reference.nodes.slice(11, 21).map((n) => n.id),
        );
      } finally {
        await local.close();
      }
    });

    const invalid: [query: string, param: string, type: string][] = [
      ['first=0', 'first', 'greater_than'],
      ['first=51', 'first', 'less_than_equal'],
      ['first=abc', 'first', 'int_parsing'],
      ['first=-1', 'first', 'greater_than'],
      ['last=0', 'last', 'greater_than'],
      ['last=51', 'last', 'less_than_equal'],
      ['after=', 'after', 'string_too_short'],
      ['before=', 'before', 'string_too_short'],
      ['after=not-a-cursor', 'after', 'value_error'],
      ['before=eyJ4IjoxfQ', 'before', 'value_error'],
      ['first=5&last=5', 'last', 'value_error'],
    ];
    for (const [query, param, type] of invalid) {
      it(`answers 422 for ${query}`, async () => {
        const { status, body } = await server.json<ValidationBody>(`/projects?${query}`);
        assert.equal(status, 422);
        const error = body.detail.find((e) => e.loc[1] === param);
        assert.ok(error, JSON.stringify(body));
        assert.deepEqual(error.loc, ['query', param]);
        assert.equal(error.type, type);
        assert.equal(typeof error.msg, 'string');
      });
    }

    it('accepts the bounds 1 and 50', async () => {
      assert.equal((await server.json<PageBody>('/retirements?first=1')).body.nodes.length, 1);
      assert.equal((await server.json<PageBody>('/retirements?last=50')).body.nodes.length, 50);
    });
  });

  describe('sort orders', () => {
    it('lists projects alphabetically by name', async () => {
      const { nodes } = await walk<{ id: string; name: string }>(server, '/projects', 'forward');
      assertSorted(nodes, (a, b) => collator.compare(a.name, b.name), 'projects');
    });

    it('lists project documents alphabetically by name', async () => {
      const { nodes } = await walk<{ id: string; display_name: string }>(server, `/projects/${SAMPLE_IDS.projectWithDocuments}/documents`, 'forward', 5);
      assert.ok(nodes.length > 10);
      assertSorted(nodes, (a, b) => collator.compare(a.display_name, b.display_name), 'documents');
    });

    for (const [path, field] of [
      ['/retirements', 'retired_at'],
      ['/deliveries', 'delivered_at'],
      ['/transfers', 'transferred_at'],
      ['/issuances', 'issued_at'],
      [`/suppliers/${SAMPLE_IDS.supplier}/issuances`, 'issued_at'],
      [`/suppliers/${SAMPLE_IDS.supplier}/deliveries`, 'delivered_at'],
      [`/orders/${SAMPLE_IDS.order}/deliveries`, 'delivered_at'],
      [`/organisations/${SAMPLE_IDS.organisation}/orders`, 'effective_contract_date'],
      [`/suppliers/${SAMPLE_IDS.supplier}/orders`, 'effective_contract_date'],
    ] as const) {
      it(`lists ${path} newest first by ${field}`, async () => {
        const { nodes } = await walk<{ id: string } & Record<string, string>>(server, path, 'forward');
        assertSorted(nodes, (a, b) => Date.parse(b[field] ?? '') - Date.parse(a[field] ?? ''), path);
      });
    }

    it('lists supplier projects newest created first', async () => {
      const { nodes } = await walk(server, `/suppliers/${SAMPLE_IDS.supplier}/projects`, 'forward');
      const createdAt = server.registry.data.links.projectCreatedAt;
      assert.equal(nodes.length, 3);
      assertSorted(nodes, (a, b) => Date.parse(createdAt[b.id] ?? '') - Date.parse(createdAt[a.id] ?? ''), 'supplier projects');
    });

    it('lists organisation credit batches by issued_at, descending by default and ascending on request', async () => {
      const path = `/organisations/${SAMPLE_IDS.organisation}/credit_batches`;
      const descending = await walk<{ id: string; issued_at: string }>(server, path, 'forward');
      const ascending = await walk<{ id: string; issued_at: string }>(server, `${path}?sort_field=issued_at&sort_direction=asc`, 'forward');
      assertSorted(descending.nodes, (a, b) => Date.parse(b.issued_at) - Date.parse(a.issued_at), 'desc');
      assertSorted(ascending.nodes, (a, b) => Date.parse(a.issued_at) - Date.parse(b.issued_at), 'asc');
      assert.deepEqual(new Set(ascending.nodes.map((n) => n.id)), new Set(descending.nodes.map((n) => n.id)));
      assert.equal((await server.json(`${path}?sort_direction=up`)).status, 422);
      assert.equal((await server.json(`${path}?sort_field=retired_at`)).status, 422);
    });
  });

  describe('filters', () => {
    type RetirementNode = { id: string; owner: { id: string }; beneficiary: { id: string } };

    it('filters retirements by beneficiary and by owner', async () => {
      const data = server.registry.data;
      const byBeneficiary = await walk<RetirementNode>(server, `/retirements?beneficiary_org_id=${SAMPLE_IDS.organisation}`, 'forward');
      assert.ok(byBeneficiary.totalCount > 0);
      assert.ok(byBeneficiary.nodes.every((r) => r.beneficiary.id === SAMPLE_IDS.organisation));
      assert.equal(byBeneficiary.totalCount, data.retirements.filter((r) => r.beneficiary.id === SAMPLE_IDS.organisation).length);

      const byOwner = await walk<RetirementNode>(server, `/retirements?owner_org_id=${SAMPLE_IDS.supplierOrganisation}`, 'forward');
      assert.ok(byOwner.totalCount > 0);
      assert.ok(byOwner.nodes.every((r) => r.owner.id === SAMPLE_IDS.supplierOrganisation));
      assert.ok(byOwner.nodes.some((r) => r.beneficiary.id !== SAMPLE_IDS.supplierOrganisation), 'the supplier retires on behalf of customers');

      const both = await walk<RetirementNode>(server, `/retirements?owner_org_id=${SAMPLE_IDS.organisation}&beneficiary_org_id=${SAMPLE_IDS.organisation}`, 'forward');
      assert.ok(both.totalCount > 0 && both.totalCount <= byBeneficiary.totalCount);
      assert.ok(both.nodes.every((r) => r.owner.id === SAMPLE_IDS.organisation && r.beneficiary.id === SAMPLE_IDS.organisation));
    });

    it('filters deliveries by supplier and by recipient', async () => {
      type DeliveryNode = { id: string; from_supplier: { id: string }; to_organisation: { id: string } };
      const fromSupplier = await walk<DeliveryNode>(server, `/deliveries?from_supplier_id=${SAMPLE_IDS.supplier}`, 'forward');
      const toOrganisation = await walk<DeliveryNode>(server, `/deliveries?to_organisation_id=${SAMPLE_IDS.organisation}`, 'forward');
      const all = await server.json<PageBody>('/deliveries');
      assert.ok(fromSupplier.totalCount > 0 && fromSupplier.totalCount < all.body.total_count);
      assert.ok(fromSupplier.nodes.every((d) => d.from_supplier.id === SAMPLE_IDS.supplier));
      assert.ok(toOrganisation.totalCount > 0 && toOrganisation.nodes.every((d) => d.to_organisation.id === SAMPLE_IDS.organisation));
      assert.ok(toOrganisation.nodes.some((d) => d.id === SAMPLE_IDS.delivery));
    });

    it('filters transfers by sender and by recipient', async () => {
      type TransferNode = { id: string; from_organisation: { id: string }; to_organisation: { id: string } };
      const from = await walk<TransferNode>(server, `/transfers?from_organisation_id=${SAMPLE_IDS.organisation}`, 'forward');
      assert.ok(from.nodes.some((t) => t.id === SAMPLE_IDS.transfer));
      assert.ok(from.nodes.every((t) => t.from_organisation.id === SAMPLE_IDS.organisation));
      const recipient = from.nodes[0]?.to_organisation.id ?? '';
      const to = await walk<TransferNode>(server, `/transfers?to_organisation_id=${recipient}`, 'forward');
      assert.ok(to.totalCount > 0 && to.nodes.every((t) => t.to_organisation.id === recipient));
    });

    describe('organisation credit batches', () => {
      type BatchNode = {
        id: string;
        status: string;
        issued_at: string;
        project_id: string;
        supplier_id: string;
        issuance_id: string;
        delivery_id: string | null;
        retirement_id: string | null;
        owner: { id: string };
        beneficiary: { id: string } | null;
      };
      const path = `/organisations/${SAMPLE_IDS.organisation}/credit_batches`;

      it('excludes split batches by default and includes only what the status filter asks for', async () => {
        const byDefault = await walk<BatchNode>(server, path, 'forward');
        assert.ok(byDefault.totalCount > 0);
        assert.ok(byDefault.nodes.every((b) => b.status === 'active' || b.status === 'retired'));
        assert.ok(byDefault.nodes.some((b) => b.status === 'active') && byDefault.nodes.some((b) => b.status === 'retired'));
        const split = await walk<BatchNode>(server, `${path}?status=split`, 'forward');
        assert.ok(split.totalCount > 0 && split.nodes.every((b) => b.status === 'split'));
        const retired = await walk<BatchNode>(server, `${path}?status=retired`, 'forward');
        assert.ok(retired.nodes.every((b) => b.status === 'retired'));
        const all = await walk<BatchNode>(server, `${path}?status=active&status=retired&status=split`, 'forward');
        assert.equal(all.totalCount, byDefault.totalCount + split.totalCount);
        const bad = await server.json<ValidationBody>(`${path}?status=active&status=burnt`);
        assert.equal(bad.status, 422);
        assert.deepEqual(bad.body.detail[0]?.loc, ['query', 'status', 1]);
      });

      it('returns batches the organisation owns or that were retired on its behalf', async () => {
        const { nodes } = await walk<BatchNode>(server, path, 'forward');
        assert.ok(nodes.every((b) => b.owner.id === SAMPLE_IDS.organisation || b.beneficiary?.id === SAMPLE_IDS.organisation));
      });

      it('applies issued_after and issued_before as strict bounds', async () => {
        const { nodes } = await walk<BatchNode>(server, path, 'forward');
        const instants = [...new Set(nodes.map((b) => b.issued_at))].sort();
        const pivot = instants[Math.floor(instants.length / 2)] ?? '';
        const afterPivot = await walk<BatchNode>(server, `${path}?issued_after=${pivot}`, 'forward');
        const beforePivot = await walk<BatchNode>(server, `${path}?issued_before=${pivot}`, 'forward');
        const atPivot = nodes.filter((b) => b.issued_at === pivot).length;
        assert.ok(atPivot > 0);
        assert.ok(afterPivot.nodes.every((b) => b.issued_at > pivot));
        assert.ok(beforePivot.nodes.every((b) => b.issued_at < pivot));
        assert.equal(afterPivot.totalCount + beforePivot.totalCount + atPivot, nodes.length);
        assert.equal((await server.json(`${path}?issued_after=yesterday`)).status, 422);
      });

      it('intersects the id filters', async () => {
        const { nodes } = await walk<BatchNode>(server, path, 'forward');
        const retirementBatch = nodes.find((b) => b.retirement_id === SAMPLE_IDS.retirementTwoProjects);
        assert.ok(retirementBatch);
        const byRetirement = await walk<BatchNode>(server, `${path}?retirement_id=${SAMPLE_IDS.retirementTwoProjects}`, 'forward');
        assert.ok(byRetirement.nodes.every((b) => b.retirement_id === SAMPLE_IDS.retirementTwoProjects));
        assert.equal(new Set(byRetirement.nodes.map((b) => b.project_id)).size, 2);
        const narrowed = await walk<BatchNode>(server, `${path}?retirement_id=${SAMPLE_IDS.retirementTwoProjects}&project_id=${retirementBatch.project_id}`, 'forward');
        assert.ok(narrowed.totalCount > 0 && narrowed.totalCount < byRetirement.totalCount);
        assert.ok(narrowed.nodes.every((b) => b.project_id === retirementBatch.project_id));

        for (const [param, field, value] of [
          ['supplier_id', 'supplier_id', SAMPLE_IDS.supplier],
          ['project_id', 'project_id', SAMPLE_IDS.project],
          ['delivery_id', 'delivery_id', SAMPLE_IDS.delivery],
        ] as const) {
          const filtered = await walk<BatchNode>(server, `${path}?${param}=${value}`, 'forward');
          assert.ok(filtered.totalCount > 0, param);
          assert.ok(filtered.nodes.every((b) => b[field] === value), param);
        }
        const byOrder = await walk<BatchNode>(server, `${path}?order_id=${SAMPLE_IDS.order}`, 'forward');
        const orderDeliveries = new Set(server.registry.data.deliveries.filter((d) => d.order_id === SAMPLE_IDS.order).map((d) => d.id));
        assert.ok(byOrder.totalCount > 0 && byOrder.nodes.every((b) => b.delivery_id !== null && orderDeliveries.has(b.delivery_id)));
      });

      it('answers an empty list for a filter naming an unknown entity', async () => {
        const { status, body } = await server.json<PageBody>(`${path}?project_id=${UNKNOWN.project}`);
        assert.equal(status, 200);
        assert.equal(body.total_count, 0);
      });
    });
  });

  describe('credit balance', () => {
    it('matches the sums of the credit batches the organisation owns', async () => {
      type Balance = { active_credits_total: { credit_kgs: number }; retired_credits_total: { credit_kgs: number } };
      type BalanceBody = { total: Balance; project_balances: { project_id: string; total: Balance }[]; supplier_balances: { supplier_id: string; total: Balance }[] };
      const { body } = await server.json<BalanceBody>(`/organisations/${SAMPLE_IDS.organisation}/credit_balance`);
      type BatchNode = { id: string; status: string; project_id: string; size: { credit_kgs: number }; owner: { id: string } };
      // The list also holds batches retired on the organisation's behalf by others; the balance counts what it owns.
      const listed = await walk<BatchNode>(server, `/organisations/${SAMPLE_IDS.organisation}/credit_batches`, 'forward');
      const nodes = listed.nodes.filter((b) => b.owner.id === SAMPLE_IDS.organisation);
      const sum = (status: string, projectId?: string) =>
        nodes.filter((b) => b.status === status && (!projectId || b.project_id === projectId)).reduce((total, b) => total + b.size.credit_kgs, 0);
      assert.ok(body.total.active_credits_total.credit_kgs > 0 && body.total.retired_credits_total.credit_kgs > 0);
      assert.equal(body.total.active_credits_total.credit_kgs, sum('active'));
      assert.equal(body.total.retired_credits_total.credit_kgs, sum('retired'));
      assert.ok(body.project_balances.length >= 2);
      for (const { project_id, total } of body.project_balances) {
        assert.equal(total.active_credits_total.credit_kgs, sum('active', project_id));
        assert.equal(total.retired_credits_total.credit_kgs, sum('retired', project_id));
      }
      const supplierSum = body.supplier_balances.reduce((total, s) => total + s.total.retired_credits_total.credit_kgs, 0);
      assert.equal(supplierSum, body.total.retired_credits_total.credit_kgs);
    });
  });
});

describe('local registry: ETag and If-None-Match', () => {
  let server: RegistryServer;
  before(async () => {
    server = await startRegistry();
  });
  after(() => server.close());

  const withTag = (etag: string) => ({ headers: { ...AUTH_HEADERS, 'if-none-match': etag } });

  it('tags a read with a strong ETag from its body: stable across requests, different for different bodies', async () => {
    const first = await server.request(`/projects/${SAMPLE_IDS.project}`);
    const body = await first.text();
    const etag = first.headers.get('etag') ?? '';
    assert.equal(etag, `"${createHash('sha256').update(body).digest('base64url')}"`);
    assert.equal((await server.request(`/projects/${SAMPLE_IDS.project}`)).headers.get('etag'), etag);
    const other = await server.request('/projects?first=1');
    assert.notEqual(other.headers.get('etag'), etag);
    await other.body?.cancel();
    const head = await server.request(`/projects/${SAMPLE_IDS.project}`, { method: 'HEAD', headers: AUTH_HEADERS });
    assert.equal(head.headers.get('etag'), etag);
  });

  it('answers a matching If-None-Match with 304, no body and the ETag; a stale one with the full 200', async () => {
    const etag = (await server.request('/suppliers')).headers.get('etag') ?? '';
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await server.request('/suppliers', withTag(header));
      assert.equal(response.status, 304, header);
      assert.equal(response.headers.get('etag'), etag);
      assert.equal(await response.text(), '');
    }
    const changed = await server.request('/suppliers', withTag('"not-this-one"'));
    assert.equal(changed.status, 200);
    assert.equal(changed.headers.get('etag'), etag);
    assert.ok(Array.isArray(((await changed.json()) as { nodes?: unknown }).nodes));
  });

  it('checks credentials before If-None-Match, and tags no error or checkout answer', async () => {
    const etag = (await server.request('/projects')).headers.get('etag') ?? '';
    const unauthenticated = await server.request('/projects', { headers: { 'if-none-match': etag } });
    assert.equal(unauthenticated.status, 401);
    assert.equal(unauthenticated.headers.get('etag'), null);
    for (const path of [`/retirements/${UNKNOWN.retirement}`, '/projects?first=0', '/nothing-here']) {
      const response = await server.request(path, withTag('*'));
      assert.ok(response.status >= 400, path);
      assert.equal(response.headers.get('etag'), null, path);
      await response.body?.cancel();
    }
    const checkout = await server.request('/stripe/checkout', {
      method: 'POST',
      headers: { ...AUTH_HEADERS, 'content-type': 'application/json', 'if-none-match': '*' },
      body: JSON.stringify({
        quantity_kg: 1000,
        frequency: 'one_time',
        isometric_terms_and_conditions_accepted: true,
        supplier_terms_and_conditions_accepted: true,
        success_url: 'https://example.com/success',
        cancel_url: 'https://example.com/cancel',
      }),
    });
    assert.equal(checkout.status, 200, await checkout.clone().text());
    assert.equal(checkout.headers.get('etag'), null);
  });

  it('changes the ETag of GET /retirements when a retirement is added', async () => {
    const before = await server.request('/retirements?first=3');
    const etag = before.headers.get('etag') ?? '';
    await before.body?.cancel();
    server.registry.addRetirement();
    const after = await server.request('/retirements?first=3', withTag(etag));
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), etag);
    await after.body?.cancel();
  });
});
