/** The stages that shape every answer: HEAD without a body, and refusals rendered in one place. */
import type { Stage } from '../context.js';
import { ProxyError } from '../errors.js';

/** A HEAD request gets the GET answer's status and headers, without its body. */
export function head(): Stage {
  return async (context, next) => {
    const response = await next();
    return context.request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
  };
}

/**
 * Turns a thrown `ProxyError` into its JSON reply and notes its code for the log; anything else
 * thrown is a 500 `internal_error` that names nothing internal.
 */
export function refusals(): Stage {
  return async (context, next) => {
    try {
      return await next();
    } catch (error) {
      const refusal = error instanceof ProxyError ? error : new ProxyError('internal_error', 'The proxy failed unexpectedly.');
      context.error = refusal.code;
      return refusal.toResponse();
    }
  };
}
