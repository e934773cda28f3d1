/** Allowlisted writes other than checkout: the JSON body is forwarded as sent, never retried. */
import type { Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import { answer, type Upstream } from '../upstream.js';
import { readJsonBody } from './body.js';

const WRITE_MAX_BYTES = 64 * 1024;

/** The last stage: answers a target that no earlier stage took (a `POST` the allowlist permits). */
export function write(upstream: Upstream): Stage {
  return async (context) => {
    const { target } = context;
    if (!target) throw new ProxyError('internal_error', 'The proxy failed unexpectedly.');
    const body = await readJsonBody(context.request, WRITE_MAX_BYTES);
    const outcome = await upstream(target.path, { method: 'POST', body: body.text });
    context.attempts = outcome.attempts;
    if (outcome.reply instanceof ProxyError) throw outcome.reply;
    return answer(outcome.reply, {});
  };
}
