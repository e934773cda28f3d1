/**
 * The secret-keeping proxy for the Isometric Registry API: a Web-standard fetch handler
 * (`createProxy`), its configuration (`loadConfig`), and a Node adapter (`serve`, `toNodeListener`).
 * `worker.ts` is the entry for workerd / Cloudflare Workers.
 * @module
 */
export { createProxy, type ClientInfo, type ProxyErrorCode, type ProxyHandler } from './handler.js';
export { ConfigError, loadConfig, resolveConfig, type CheckoutOptions, type ProxyConfig, type ProxyOptions, type UpstreamFetch } from './config.js';
export { createMemoryStore, createWebCacheStore, type ReplyStore, type StoredReply, type UpstreamValidators, type WebCache } from './cache.js';
export type { RequestLogEntry } from './metrics.js';
export type { ScopeOptions } from './settings.js';
export { DEFAULT_OPERATIONS, OPERATIONS, type HttpMethod, type Operation } from './operations.js';
export { serve, toNodeListener, type ConnectionInfo, type FetchHandler } from './node.js';
