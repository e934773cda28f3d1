/**
 * The local registry: an embedded stand-in for the Isometric Registry API, written as a Web-standard
 * fetch handler so it runs in Node (see `cli.ts`), in tests, or inside another server.
 */
import { CheckoutSessions, isHttpUrl, renderCheckoutPage } from './checkout.js';
import { createDataSet, type RegistryDataSet, SAMPLE_IDS } from './data.js';
import { detail, json, NotFoundError, taggedJson, validationFailed } from './http.js';
import { checkId, QueryReader, RequestValidationError } from './params.js';
import { createRoutes, type Route, type RouteContext } from './routes.js';
import { RegistryStore } from './store.js';
import type { Retirement } from './types.js';

/** Configuration of {@link createLocalRegistry}. */
export interface LocalRegistryOptions {
  /** The value every API request must send in `x-client-secret`. */
  clientSecret: string;
  /** The bearer token every API request must send in `Authorization: Bearer …`. */
  accessToken: string;
  /** Where the API is mounted. Default `/registry/v0`, as on Isometric's servers. */
  basePath?: string;
  /**
   * The supplier the access token belongs to: `GET /supplier`, `GET /organisation` (its organisation),
   * the Stripe configuration and checkout sessions are that supplier's. Default `SAMPLE_IDS.supplier`.
   */
  stripeSupplierId?: string;
  /**
   * Absolute URL prefix of the checkout simulator page; a session's page is `${checkoutPageUrl}/{session_id}`.
   * Default: the request's origin plus `${basePath}/_local/checkout`.
   */
  checkoutPageUrl?: string;
  /**
   * The clock, in ms since the epoch (default `Date.now`). Read once at creation to date the seed's
   * recent retirement a few minutes earlier, and by `addRetirement`. Two registries made with the same
   * `now()` serve identical data.
   */
  now?: () => number;
}

/** A running local registry. */
export interface LocalRegistry {
  /** Answers one request: the API under `basePath`, plus the `_local` demo routes. */
  handler: (request: Request) => Promise<Response>;
  /** The live data set the handler serves (mutated by {@link LocalRegistry.addRetirement}). */
  data: RegistryDataSet;
  /**
   * Creates a plausible retirement dated now (real clock; one second after the newest retirement if the
   * clock is behind the seed), retiring credits someone holds, so it tops `GET /retirements`. For the
   * live-feed demo. Throws when no active credits are left.
   */
  addRetirement(): Retirement;
}

/** The credentials the local registry uses unless told otherwise; the demo server and proxy tests use them too. */
export const LOCAL_DEFAULTS = { clientSecret: 'local-client-secret', accessToken: 'local-access-token' } as const;

/** Where the API is mounted unless `basePath` says otherwise: the path of Isometric's own servers. */
export const DEFAULT_BASE_PATH = '/registry/v0';

/**
 * Creates a local registry over a fresh copy of the seeded data set.
 *
 * Routes, below `basePath`:
 * - every GET operation of the Registry API spec, `GET /stripe/configuration` and `POST /stripe/checkout`;
 *   the spec's other writes answer 405, unknown paths 404, both `{"detail": …}`.
 * - auth: a missing `x-client-secret` or bearer token is 401, a wrong one 403 (the spec would make a
 *   missing header a 422; 401 tells a misconfigured proxy apart from a bad request).
 * - successful reads carry a strong `ETag` (a SHA-256 of the body) and answer a matching
 *   `If-None-Match` with 304, so a caching proxy in front can revalidate; errors carry none.
 * - `GET _local/checkout/{session_id}`: the checkout simulator page; `POST _local/retirements`: calls
 *   `addRetirement()` and answers 201 with it. The `_local` routes need no credentials.
 *
 * @throws {TypeError} when an option is invalid.
 */
export function createLocalRegistry(options: LocalRegistryOptions): LocalRegistry {
  const { clientSecret, accessToken } = options;
  if (typeof clientSecret !== 'string' || clientSecret === '') throw new TypeError('createLocalRegistry: clientSecret must be a non-empty string');
  if (typeof accessToken !== 'string' || accessToken === '') throw new TypeError('createLocalRegistry: accessToken must be a non-empty string');
  const basePath = normaliseBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  if (options.checkoutPageUrl !== undefined && !isHttpUrl(options.checkoutPageUrl)) {
    throw new TypeError('createLocalRegistry: checkoutPageUrl must be an absolute http(s) URL');
  }

  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('createLocalRegistry: now must be a function');
  const store = new RegistryStore(createDataSet(now()));
  const supplier = store.suppliers.get(options.stripeSupplierId ?? SAMPLE_IDS.supplier);
  if (!supplier) throw new TypeError(`createLocalRegistry: stripeSupplierId ${options.stripeSupplierId} is not a supplier of the local data set`);
  const current = { supplier, organisation: supplier.organisation };
  const sessions = new CheckoutSessions();
  const routes = createRoutes().map(compileRoute);
  const localPrefix = `${basePath}/_local/`;
  const addRetirement = (): Retirement => store.addRetirement(now());

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (url.pathname.startsWith(localPrefix)) {
      return handleLocal(url.pathname.slice(localPrefix.length), method);
    }
    if (!url.pathname.startsWith(`${basePath}/`)) return detail(404, 'Not Found');
    const path = url.pathname.slice(basePath.length);

    const matches = routes.flatMap((route) => {
      const id = route.match(path);
      return id === undefined ? [] : [{ route, id }];
    });
    if (matches.length === 0) return detail(404, 'Not Found');
    const matched = matches.find(({ route }) => route.methods[method as 'GET' | 'POST']);
    const op = matched?.route.methods[method as 'GET' | 'POST'];
    if (!matched || !op) {
      const allow = [...new Set(matches.flatMap(({ route }) => Object.keys(route.methods)))].join(', ');
      return detail(405, 'Method Not Allowed', allow ? { allow } : {});
    }

    const denied = authenticate(request.headers, clientSecret, accessToken);
    if (denied) return denied;

    const query = new QueryReader(url.searchParams);
    if (matched.route.idPrefix) checkId(query.errors, ['path', 'id'], matched.id, matched.route.idPrefix);
    try {
      const parsed = op.query?.(query);
      query.errors.throwIfAny();
      const checkoutBase = (options.checkoutPageUrl ?? `${url.origin}${basePath}/_local/checkout`).replace(/\/+$/, '');
      const context: RouteContext = {
        store,
        request,
        id: matched.id,
        current,
        checkout: { sessions, pageUrl: (sessionId) => `${checkoutBase}/${encodeURIComponent(sessionId)}` },
      };
      const body = await op.handle(context, parsed);
      return method === 'GET' ? await taggedJson(request, body) : json(body);
    } catch (error) {
      if (error instanceof RequestValidationError) return validationFailed(error.detail);
      if (error instanceof NotFoundError) return detail(404, error.message);
      throw error;
    }
  };

  const handleLocal = async (path: string, method: string): Promise<Response> => {
    const checkout = /^checkout\/([^/]+)$/.exec(path);
    if (checkout) {
      if (method !== 'GET') return detail(405, 'Method Not Allowed', { allow: 'GET' });
      const session = sessions.get(checkout[1] ?? '');
      return session ? renderCheckoutPage(session) : detail(404, 'Checkout session not found');
    }
    if (path === 'retirements') {
      if (method !== 'POST') return detail(405, 'Method Not Allowed', { allow: 'POST' });
      return json(addRetirement(), 201);
    }
    return detail(404, 'Not Found');
  };

  return {
    handler: async (request) => {
      const response = await handle(request);
      return request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
    },
    data: store.data,
    addRetirement,
  };
}

interface CompiledRoute extends Route {
  /** The path parameter if the path matches ('' for routes without one), else `undefined`. */
  match: (path: string) => string | undefined;
}

function compileRoute(route: Route): CompiledRoute {
  const [before, after] = route.path.split('{id}');
  if (after === undefined) return { ...route, match: (path) => (path === route.path ? '' : undefined) };
  return {
    ...route,
    match: (path) => {
      if (!path.startsWith(before ?? '') || !path.endsWith(after)) return undefined;
      const segment = path.slice((before ?? '').length, path.length - after.length);
      if (segment === '' || segment.includes('/')) return undefined;
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    },
  };
}

function normaliseBasePath(basePath: string): string {
  if (typeof basePath !== 'string' || (basePath !== '' && !basePath.startsWith('/'))) {
    throw new TypeError("createLocalRegistry: basePath must start with '/'");
  }
  return basePath.replace(/\/+$/, '');
}

/** 401 when a credential is missing, 403 when it is wrong; `undefined` when both are right. */
function authenticate(headers: Headers, clientSecret: string, accessToken: string): Response | undefined {
  const secret = headers.get('x-client-secret');
  if (secret === null || secret === '') return detail(401, 'Missing x-client-secret header');
  const authorization = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  if (!authorization) return detail(401, 'Not authenticated', { 'www-authenticate': 'Bearer' });
  if (!constantTimeEqual(secret, clientSecret)) return detail(403, 'Invalid client secret');
  if (!constantTimeEqual(authorization[1] ?? '', accessToken)) return detail(403, 'Invalid authentication credentials');
  return undefined;
}

/** Compares without returning early, so response timing does not reveal how much of a secret matched. */
function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}
