/**
 * Message templates: `{name}` marks a parameter. The elements' catalogs and the proxy's pages fill
 * them the same way. Plain TypeScript: no DOM, no Node.
 */

/** `template` with its `{name}` parameters filled in; unknown names stay as written. */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : match));
}
