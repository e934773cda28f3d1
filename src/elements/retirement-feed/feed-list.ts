import { quantityKgs } from '../../data/format.js';
import type { Retirement } from '../../data/types.js';

/** Nodes an untrusted page may carry: only objects with a string id are retirements we can key. */
export function retirementsOf(nodes: unknown): Retirement[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.filter((node): node is Retirement => typeof node === 'object' && node !== null && typeof (node as { id?: unknown }).id === 'string');
}

/** `list` followed by the nodes it does not hold yet, each id once. */
export function appendUnique(list: readonly Retirement[], nodes: readonly Retirement[]): Retirement[] {
  const seen = new Set(list.map((entry) => entry.id));
  const result = [...list];
  for (const node of nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    result.push(node);
  }
  return result;
}

/** The nodes `list` does not hold yet, in their order, each id once. */
export function unseen(list: readonly Retirement[], nodes: readonly Retirement[]): Retirement[] {
  return appendUnique(list, nodes).slice(list.length);
}

/** Total retired kilograms of the entries, summed on integers. */
export function sumKgs(list: readonly Retirement[]): bigint {
  return list.reduce((sum, entry) => sum + quantityKgs(entry.credit_batch_size_total), 0n);
}
