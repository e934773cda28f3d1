import { unwrap, type RegistryClient } from './client.js';
import type { paths } from '../generated/registry-schema.js';

/**
 * One registry read: `key` names its result in the page-wide request cache (identical keys share one
 * request and one answer), `load` makes the request. Elements ask the RegistryController for a query
 * (`context.query(projectQuery(id))`); none writes a key or calls the client itself.
 */
export interface Query<T> {
  readonly key: string;
  readonly load: (client: RegistryClient, signal: AbortSignal) => Promise<T>;
}

/**
 * Declares a query. The key is the query's name and its parameters, so two queries share a cache
 * entry exactly when they ask the same thing; an absent parameter is written `*`.
 */
export function query<T>(name: string, params: readonly (string | number | null | undefined)[], load: Query<T>['load']): Query<T> {
  return { key: [name, ...params.map((param) => param ?? '*')].join(' '), load };
}

/** The reads of one resource by its id. */
type ByIdPath = '/projects/{id}' | '/suppliers/{id}' | '/organisations/{id}' | '/organisations/{id}/credit_balance' | '/retirements/{id}' | '/retirements/{id}/credit_batches';

/** What a path answers, from the generated schema. */
type Answer<P extends ByIdPath> = NonNullable<paths[P]['get']['responses'][200]['content']['application/json']>;

/** The reads whose 200 schema is `anyOf[X, null]`, read from the generated schema: there `null` means "not found". */
type NullablePath = { [P in ByIdPath]: null extends paths[P]['get']['responses'][200]['content']['application/json'] ? P : never }[ByIdPath];

/** Every NullablePath and nothing else (the compiler checks both ways when the schema changes). */
const NULL_MEANS_NOT_FOUND: Readonly<Record<NullablePath, true>> = { '/projects/{id}': true, '/suppliers/{id}': true, '/organisations/{id}': true };

/** Declares the query `GET path` with `{id}` filled in, named `name <id>` in the cache. */
export function byId<P extends ByIdPath>(name: string, path: P): (id: string) => Query<Answer<P>> {
  const nullMeansNotFound = Object.hasOwn(NULL_MEANS_NOT_FOUND, path);
  return (id) => query(name, [id], (client, signal) => unwrap(client.GET(path as ByIdPath, { params: { path: { id } }, signal }), { nullMeansNotFound }) as Promise<Answer<P>>);
}
