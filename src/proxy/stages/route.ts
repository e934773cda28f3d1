/** Routing against the spec's operations, and the allowlist, parameter and scope checks that follow. */
import type { Stage } from '../context.js';
import { ProxyError } from '../errors.js';
import { matchRoute, operationKey, validateRequest, type Route } from '../operations.js';
import type { Scope } from '../scope.js';
import type { ProxyConfig } from '../settings.js';

/** Matches the path to a spec template (404 when none does) and notes the methods the allowlist permits there. */
export function route(config: ProxyConfig): Stage {
  const allowed = new Set(config.operations);
  const methodsOf = (path: Route): string[] => {
    const methods = [...path.operations.values()].filter((operation) => allowed.has(operationKey(operation))).map((operation) => operation.method);
    return methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
  };
  return async (context, next) => {
    const match = matchRoute(context.path.slice(1).split('/'));
    if (!match) throw new ProxyError('not_found', `No Registry API path matches ${context.path}.`);
    context.route = { ...match, methods: methodsOf(match.route) };
    return next();
  };
}

/**
 * The operation for the method: 403 when the allowlist does not have it, 405 when the path has no such
 * method, 400 for a bad id or query, 403 `out_of_scope` outside the scope; sets `target`.
 */
export function allow(config: ProxyConfig, scope: Scope): Stage {
  const allowed = new Set(config.operations);
  return async (context, next) => {
    const { request, url, route: matched } = context;
    if (!matched) return next();
    const { route: path, id, methods } = matched;
    const operation = path.operations.get(request.method === 'HEAD' ? 'GET' : request.method);
    if (operation) context.operation = operationKey(operation);
    if (methods.length === 0 || (operation && !allowed.has(operationKey(operation)))) {
      const name = operation ? operationKey(operation) : `${request.method} ${path.template}`;
      throw new ProxyError('operation_not_allowed', `${name} is not allowed by this proxy.`);
    }
    if (!operation) throw new ProxyError('method_not_allowed', `${request.method} is not allowed on ${path.template}.`, { headers: { allow: methods.join(', ') } });
    const validated = validateRequest(operation, id, url.searchParams);
    if ('error' in validated) throw new ProxyError(validated.error, validated.message);
    const outOfScope = scope.checkRequest(operation, id, url.searchParams);
    if (outOfScope) throw new ProxyError('out_of_scope', outOfScope);
    context.target = { operation, ...validated };
    return next();
  };
}
