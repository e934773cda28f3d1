import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/registry-schema.js';
import { currentConfig } from './config.js';
import { RegistryError, errorFromResponse, isAbortError } from './errors.js';

/** A typed client for the proxy (same paths as the Registry API, without the secret header). */
export type RegistryClient = Client<paths>;

const clients = new Map<string, RegistryClient>();

/** One client per endpoint, shared by every element on the page. */
export function clientFor(endpoint: string): RegistryClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = createClient<paths>({
      baseUrl: endpoint,
      // Resolved per call, so `configure({ fetch })` applies to clients made earlier.
      fetch: (request) => (currentConfig().fetch ?? globalThis.fetch)(request),
      headers: { accept: 'application/json' },
    });
    clients.set(endpoint, client);
  }
  return client;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** How to read an answer. */
export interface UnwrapOptions {
  /**
   * The operation's 200 schema is `anyOf[X, null]` (`GET /projects/{id}`, `/suppliers/{id}`,
   * `/organisations/{id}`): a `null` body is the API saying "not found", as a 404 says it elsewhere.
   * Elsewhere a `null` body is an invalid response.
   */
  nullMeansNotFound?: boolean;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws a `RegistryError` that says what
 * went wrong: a 404, and a `200 null` where the operation answers null for an unknown id, are both
 * `not-found`. Aborts are rethrown untouched so callers can tell them apart.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>, options: UnwrapOptions = {}): Promise<NonNullable<T>> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (isAbortError(error)) throw error;
    if (error instanceof SyntaxError) {
      throw new RegistryError('invalid-response', 'The registry proxy sent a response that is not valid JSON.', { cause: error });
    }
    throw new RegistryError('unavailable', 'Could not reach the registry proxy.', { cause: error });
  }
  const { data, error, response } = result;
  if (!response.ok) throw errorFromResponse(response, error);
  // openapi-fetch reads a `null` body as `null`.
  if (data === null && options.nullMeansNotFound) throw new RegistryError('not-found', 'The registry has no record with this id.', { status: response.status });
  if (data === undefined || data === null || typeof data !== 'object') {
    throw new RegistryError('invalid-response', 'The registry proxy sent an empty or malformed response.', { status: response.status });
  }
  return data as NonNullable<T>;
}
