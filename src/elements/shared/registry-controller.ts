import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientFor } from '../../data/client.js';
import { currentConfig, resolveEndpoint } from '../../data/config.js';
import { RegistryError, isAbortError } from '../../data/errors.js';
import type { AttributeProblem } from '../../data/problems.js';
import type { Query } from '../../data/queries.js';
import { RequestCache } from '../../data/request-cache.js';
import { IsoErrorEvent } from '../../events/iso-error.js';
import { IsoLoadEvent } from '../../events/iso-load.js';

/** The page-wide request cache every element shares. */
export const sharedCache = new RequestCache();

/** An element that loads registry data: it may name its own proxy endpoint. */
export type RegistryHost = ReactiveControllerHost & HTMLElement & { endpoint?: string | null };

/** What a load function gets: the element's endpoint, the load's abort signal and the way to ask for queries. */
export interface LoadContext {
  endpoint: string;
  signal: AbortSignal;
  /** Asks for a query (src/data/queries.ts) through the shared cache: identical queries share one request and one result. */
  query<T>(query: Query<T>): Promise<T>;
}

export interface RegistryControllerOptions<A extends readonly unknown[], R> {
  /** The inputs; a change reloads. */
  args: () => A;
  /** Checks the inputs before any request; returns a readable problem, or undefined when fine. */
  validate?: (args: NoInfer<A>) => AttributeProblem | string | undefined;
  /** Loads the data; ask for every request with `context.query` so pages share them. */
  load: (args: NoInfer<A>, context: LoadContext) => Promise<R>;
}

export type LoadStatus = 'loading' | 'complete' | 'error';

/** The state of the current load: not started, running, or settled with a value or an error. */
type TaskState = 'initial' | 'pending' | 'complete' | 'error';

const NO_ENDPOINT = 'No registry endpoint: add <meta name="iso-endpoint" content="https://…/api"> or an endpoint attribute.';

const INTERRUPTED = 'The request to the registry proxy was interrupted.';
const UNREADABLE_FAILURE = 'Could not load data from the registry proxy.';

/** The shared cache's key of `query` against `endpoint`. */
function cacheKey(endpoint: string, query: Query<unknown>): string {
  return `${endpoint} ${query.key}`;
}

/** `query` against `endpoint` through the shared cache. */
function shared<T>(endpoint: string, query: Query<T>, signal: AbortSignal | undefined): Promise<T> {
  const client = clientFor(endpoint);
  return sharedCache.get(cacheKey(endpoint, query), (abort) => query.load(client, abort), { ttl: currentConfig().cacheTtl, signal });
}

const warned = new Set<string>();

/** Warns once per message, so a page with many broken elements is not flooded. */
function warnOnce(host: HTMLElement, message: string): void {
  const text = `<${host.localName}>: ${message}`;
  if (warned.has(text)) return;
  warned.add(text);
  console.warn(text);
}

/**
 * Loads an element's data from the registry proxy with the same behaviour everywhere: inputs are
 * validated first, requests are shared and cached page-wide, a removed element aborts its
 * request, a re-added element loads again, and failures become `RegistryError`s.
 */
export class RegistryController<const A extends readonly unknown[], R> implements ReactiveController {
  private readonly host: RegistryHost;
  private readonly options: RegistryControllerOptions<A, R>;
  private state: TaskState = 'initial';
  private result: R | undefined;
  private failure: unknown;
  /** The inputs of the latest load, endpoint first; a load starts when they change. */
  private args: readonly unknown[] | undefined;
  /** Aborts the load in flight. */
  private running: AbortController | undefined;
  /** Counts loads, so only the latest one settles the state. */
  private loads = 0;
  private readonly keys = new Set<string>();
  private readonly requests = new Set<AbortController>();
  private abortedByDisconnect = false;
  /** The value whose `iso-load` is due once the host has rendered it. */
  private unannounced: { value: R } | undefined;

  constructor(host: RegistryHost, options: RegistryControllerOptions<A, R>) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** `loading` until the first result, then `complete` or `error`. */
  get status(): LoadStatus {
    return this.state === 'complete' ? 'complete' : this.state === 'error' && !this.abortedByDisconnect ? 'error' : 'loading';
  }

  get value(): R | undefined {
    return this.result;
  }

  /**
   * When the data shown was fetched: the oldest fetch among the queries of the last load (a cached
   * answer counts from when it was fetched, not from when it was reused). Figures show it as "as of".
   */
  get asOf(): Date | undefined {
    if (this.state !== 'complete') return undefined;
    let oldest: number | undefined;
    for (const key of this.keys) {
      const at = sharedCache.settledAt(key);
      if (at !== undefined && (oldest === undefined || at < oldest)) oldest = at;
    }
    return oldest === undefined ? undefined : new Date(oldest);
  }

  get error(): RegistryError | undefined {
    const error = this.failure;
    if (this.state !== 'error' || error === undefined) return undefined;
    return error instanceof RegistryError ? error : new RegistryError('unavailable', UNREADABLE_FAILURE, { cause: error });
  }

  hostConnected(): void {
    if (this.abortedByDisconnect) {
      this.abortedByDisconnect = false;
      void this.start();
    }
  }

  hostUpdate(): void {
    const args = [resolveEndpoint(this.host.endpoint), ...this.options.args()];
    const previous = this.args;
    if (!previous || previous.length !== args.length || args.some((arg, i) => !Object.is(arg, previous[i]))) void this.start(args);
  }

  hostUpdated(): void {
    // Fired here, after the render that shows the value, so listeners can read the rendered data.
    if (this.unannounced && this.state === 'complete' && this.result === this.unannounced.value) {
      this.unannounced = undefined;
      this.host.dispatchEvent(new IsoLoadEvent(this.host.localName));
    }
  }

  hostDisconnected(): void {
    if (this.state === 'pending') {
      this.abortedByDisconnect = true;
      this.running?.abort();
    }
    for (const controller of this.requests) controller.abort();
    this.requests.clear();
  }

  /** Forgets the cached responses of the last load and loads again. */
  retry(): Promise<void> {
    for (const key of this.keys) sharedCache.delete(key);
    return this.start();
  }

  /**
   * Asks for a query outside the main load (a further page, a refresh) against the element's
   * endpoint. It bypasses the shared cache, so the data is fresh; it is aborted when the host
   * disconnects or `signal` aborts; failures become `RegistryError`s and leave `value` as it was.
   */
  async request<T>(query: Query<T>, signal?: AbortSignal): Promise<T> {
    const endpoint = resolveEndpoint(this.host.endpoint);
    if (!endpoint) throw new RegistryError('not-configured', NO_ENDPOINT);
    signal?.throwIfAborted();
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.requests.add(controller);
    try {
      return await query.load(clientFor(endpoint), controller.signal);
    } catch (error) {
      if (controller.signal.aborted) throw error;
      // An abort nobody here asked for (the network, a fetch wrapper) is a failed request like any other.
      if (isAbortError(error)) throw new RegistryError('unavailable', INTERRUPTED, { cause: error });
      throw error instanceof RegistryError ? error : new RegistryError('invalid-response', 'The registry proxy sent data this element cannot read.', { cause: error });
    } finally {
      this.requests.delete(controller);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Asks for a query through the page-wide shared cache outside the main load (details looked up
   * later, such as those of entries scrolled into view): identical queries of any element share one
   * request and one answer. Aborted when `signal` aborts; `value`, `status` and `asOf` stay as they were.
   */
  cached<T>(query: Query<T>, signal?: AbortSignal): Promise<T> {
    const endpoint = resolveEndpoint(this.host.endpoint);
    return endpoint ? shared(endpoint, query, signal) : Promise.reject(new RegistryError('not-configured', NO_ENDPOINT));
  }

  /**
   * Starts a load with `args` (by default the current inputs), aborting the one in flight. Only the latest
   * load settles `value`, `error` and `status`; the host renders when one starts and when it settles.
   */
  private async start(args: readonly unknown[] = [resolveEndpoint(this.host.endpoint), ...this.options.args()]): Promise<void> {
    this.args = args;
    if (this.state === 'pending') this.running?.abort();
    this.state = 'pending';
    this.host.requestUpdate();
    const load = ++this.loads;
    const running = (this.running = new AbortController());
    let result: R | undefined;
    let failure: unknown;
    let failed = false;
    try {
      result = await this.run(args[0] as string | undefined, args.slice(1) as unknown as A, running.signal);
    } catch (error) {
      failed = true;
      failure = error;
    }
    if (load !== this.loads) return;
    this.state = failed ? 'error' : 'complete';
    this.result = result;
    this.failure = failure;
    this.host.requestUpdate();
  }

  private async run(endpoint: string | undefined, args: A, signal: AbortSignal): Promise<R> {
    const problem = this.options.validate?.(args);
    if (problem) {
      throw this.fail(
        typeof problem === 'string' ? new RegistryError('invalid-input', problem) : new RegistryError('invalid-input', problem.message, { problem }),
      );
    }
    if (!endpoint) {
      throw this.fail(new RegistryError('not-configured', NO_ENDPOINT));
    }
    this.keys.clear();
    const query = <T>(query: Query<T>): Promise<T> => {
      this.keys.add(cacheKey(endpoint, query));
      return shared(endpoint, query, signal);
    };
    const context: LoadContext = { endpoint, signal, query };
    try {
      const value = await this.options.load(args, context);
      this.unannounced = { value };
      return value;
    } catch (error) {
      if (signal.aborted) throw error;
      throw this.fail(
        error instanceof RegistryError
          ? error
          : isAbortError(error)
            ? // An abort nobody here asked for (the network, a fetch wrapper) is a failed request like any other.
              new RegistryError('unavailable', INTERRUPTED, { cause: error })
            : // A load function that trips over an unexpected response shape must not break the page.
              new RegistryError('invalid-response', 'The registry proxy sent data this element cannot read.', { cause: error }),
      );
    }
  }

  private fail(error: RegistryError): RegistryError {
    if (error.kind !== 'not-found') warnOnce(this.host, error.message);
    this.host.dispatchEvent(new IsoErrorEvent(error.kind, error.message, error.status));
    return error;
  }
}
