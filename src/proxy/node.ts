/** The Node adapter, re-exported where the proxy's public API has always offered it (see src/server/node.ts). */
export { serve, toNodeListener, toWebRequest, writeWebResponse, type ConnectionInfo, type FetchHandler } from '../server/node.js';
