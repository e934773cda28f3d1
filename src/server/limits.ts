/** The HTTP server's defaults, shared by `serve()` and the proxy's settings table. No Node APIs. */

/** Timeouts (milliseconds) and the connection cap `serve()` applies unless told otherwise. */
export const SERVER_LIMITS = {
  /** Time a client has to send the request's headers. */
  headersTimeoutMs: 10_000,
  /** Time a client has to send the whole request, body included; a dripped body is cut at it. */
  requestTimeoutMs: 20_000,
  /** Time an idle keep-alive connection is held open. */
  keepAliveTimeoutMs: 5_000,
  /** Connections held at once; more are closed as they arrive. */
  maxConnections: 1_024,
} as const;

export type ServerLimits = { -readonly [K in keyof typeof SERVER_LIMITS]: number };
