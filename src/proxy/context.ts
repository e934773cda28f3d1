/**
 * The proxy's pipeline, in the manner of Hono's middleware: each stage gets the request's context and
 * `next`, and either answers (or throws a `ProxyError`) or hands on. No Node APIs: this file runs at the edge.
 */
import type { ProxyErrorCode } from './errors.js';
import type { CacheResult } from './metrics.js';
import type { Operation, Route } from './operations.js';

/** What the server adapter knows about the connection; all optional. */
export interface ClientInfo {
  /**
   * The peer's IP address: the rate limits' key unless `trustProxy` is set. Without it, reads are not
   * rate-limited and checkout creations share one budget.
   */
  readonly clientAddress?: string;
  /** Keeps the runtime alive for work that ends after the response (workerd's `ctx.waitUntil`); cache writes use it. */
  readonly waitUntil?: (promise: Promise<unknown>) => void;
}

/** The proxy: a Web-standard fetch handler. */
export type ProxyHandler = (request: Request, info?: ClientInfo) => Promise<Response>;

/** An allowlisted operation with its validated upstream path and canonical query. */
export interface Target {
  readonly operation: Operation;
  readonly path: string;
  readonly query: string;
}

/** One request on its way through the stages; the later fields are filled in as it gets further. */
export interface ProxyContext {
  readonly request: Request;
  readonly url: URL;
  readonly info: ClientInfo;
  /** The path below the base path (set by `guards`; empty before). */
  path: string;
  /** For the log and the metrics: `GET /projects/{id}`, `healthz`, `metrics`, or `other` when nothing matched. */
  operation: string;
  /** How a read was answered. */
  cache?: CacheResult;
  /** Upstream attempts made. */
  attempts?: number;
  /** The refusal's code, once one is rendered. */
  error?: ProxyErrorCode;
  /** The matched path template, its raw `{id}` and its allowed methods (set by `route`). */
  route?: { readonly route: Route; readonly id?: string; readonly methods: readonly string[] };
  /** The allowed, validated operation (set by `allow`). */
  target?: Target;
}

export type Next = () => Promise<Response>;

/** One step of the pipeline. */
export type Stage = (context: ProxyContext, next: Next) => Promise<Response>;

/** Runs `stages` in order; each reaches the rest through `next`. The last one must answer. */
export function compose(stages: readonly Stage[]): (context: ProxyContext) => Promise<Response> {
  return (context) => {
    const dispatch = async (index: number): Promise<Response> => {
      const stage = stages[index];
      if (!stage) throw new Error('No stage answered the request.');
      return stage(context, () => dispatch(index + 1));
    };
    return dispatch(0);
  };
}

/** A fresh context for a request. Its `url` is parsed on first use, inside the stages that turn a throw into a refusal. */
export function createContext(request: Request, info: ClientInfo = {}): ProxyContext {
  let url: URL | undefined;
  return {
    request,
    info,
    get url() {
      return (url ??= new URL(request.url));
    },
    path: '',
    operation: 'other',
  };
}

/** The client's address: the first `X-Forwarded-For` entry when the proxy is trusted, else the peer's. */
export function clientAddressOf(context: ProxyContext, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const first = context.request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
    if (/^[0-9A-Fa-f:.]{2,45}$/.test(first)) return first;
  }
  return context.info.clientAddress;
}
