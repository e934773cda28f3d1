// Shared set-up for the local registry's tests: a registry served over loopback HTTP, the spec, and
// Ajv validators for the spec's schemas.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createLocalRegistry, LOCAL_DEFAULTS, type LocalRegistry, type LocalRegistryOptions } from '../../src/local-registry/index.js';
import { serve } from '../../src/proxy/node.js';

export const BASE_PATH = '/registry/v0';

export const AUTH_HEADERS = {
  'x-client-secret': LOCAL_DEFAULTS.clientSecret,
  authorization: `Bearer ${LOCAL_DEFAULTS.accessToken}`,
} as const;

/** The parts of the OpenAPI document the tests read. */
export interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface SpecOperation {
  parameters?: SpecParameter[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}

export interface Spec {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, unknown> };
}

export const SPEC = JSON.parse(readFileSync(new URL('../../openapi/isometric-registry-v0.json', import.meta.url), 'utf8')) as Spec;

/** Every GET operation in the spec, with its path. */
export function getOperations(): { path: string; operation: SpecOperation }[] {
  return Object.entries(SPEC.paths).flatMap(([path, item]) => (item.get ? [{ path, operation: item.get }] : []));
}

/** The JSON schema of an operation's response, or `undefined` if the spec gives none. */
export function responseSchema(operation: SpecOperation, status: string): Record<string, unknown> | undefined {
  return operation.responses[status]?.content?.['application/json']?.schema;
}

/** Points `#/components/...` refs at the spec registered in Ajv under the id `spec`. */
function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, key === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `spec${v}` : retarget(v)]));
  }
  return value;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * Validates `data` against a schema from the spec (or a component by name); returns Ajv's error text,
 * or '' when the data conforms. OpenAPI 3.1 schemas are JSON Schema 2020-12.
 */
export function schemaErrors(schema: Record<string, unknown> | string, data: unknown): string {
  if (!ajv) {
    // strict: false lets Ajv pass over OpenAPI's own keywords (`example`, `discriminator`, ...).
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...SPEC, $id: 'spec' });
  }
  const resolved = typeof schema === 'string' ? { $ref: `#/components/schemas/${schema}` } : schema;
  const key = JSON.stringify(resolved);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(retarget(resolved) as Record<string, unknown>);
    compiled.set(key, validate);
  }
  return validate(data) ? '' : ajv.errorsText(validate.errors, { separator: '\n' });
}

export interface RegistryServer {
  registry: LocalRegistry;
  /** Origin of the loopback server, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** GETs (or sends `init`) to `path` below the base path, with valid credentials unless `init.headers` says otherwise. */
  request: (path: string, init?: RequestInit) => Promise<Response>;
  /** Like `request`, asserting nothing, returning status and parsed JSON. */
  json: <T = unknown>(path: string, init?: RequestInit) => Promise<{ status: number; body: T; response: Response }>;
  close: () => Promise<void>;
}

/** Starts a fresh local registry on a free loopback port. */
export async function startRegistry(options: Partial<LocalRegistryOptions> = {}): Promise<RegistryServer> {
  const registry = createLocalRegistry({ ...LOCAL_DEFAULTS, ...options });
  const server = await serve(registry.handler, { port: 0 });
  const request = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server.url}${BASE_PATH}${path}`, { ...init, headers: init.headers ?? AUTH_HEADERS });
  return {
    registry,
    origin: server.url,
    request,
    json: async <T>(path: string, init?: RequestInit) => {
      const response = await request(path, init);
      return { status: response.status, body: (await response.json()) as T, response };
    },
    close: server.close,
  };
}

/** A page of a paginated list, as the tests read it. */
export interface PageBody<T = { id: string }> {
  nodes: T[];
  total_count: number;
  page_info: { has_previous_page: boolean; start_cursor: string | null; has_next_page: boolean; end_cursor: string | null };
}

/** Walks a whole list forward (or backward) page by page; returns the nodes in list order. */
export async function walk<T extends { id: string }>(
  server: RegistryServer,
  path: string,
  direction: 'forward' | 'backward',
  size = 50,
): Promise<{ nodes: T[]; totalCount: number; pages: number }> {
  const separator = path.includes('?') ? '&' : '?';
  const nodes: T[] = [];
  let cursor: string | null = null;
  let totalCount = -1;
  for (let pages = 1; ; pages++) {
    const args: string = direction === 'forward' ? `first=${size}${cursor ? `&after=${cursor}` : ''}` : `last=${size}${cursor ? `&before=${cursor}` : ''}`;
    const { status, body }: { status: number; body: PageBody<T> } = await server.json<PageBody<T>>(`${path}${separator}${args}`);
    if (status !== 200) throw new Error(`${path}: ${status}`);
    totalCount = body.total_count;
    if (direction === 'forward') nodes.push(...body.nodes);
    else nodes.unshift(...body.nodes);
    const more = direction === 'forward' ? body.page_info.has_next_page : body.page_info.has_previous_page;
    if (!more) return { nodes, totalCount, pages };
    cursor = direction === 'forward' ? body.page_info.end_cursor : body.page_info.start_cursor;
    if (pages > 1000) throw new Error(`${path}: pagination does not end`);
  }
}
