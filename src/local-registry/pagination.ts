/**
 * Relay cursor pagination (`first`/`after` forward, `last`/`before` backward) over an ordered list.
 * Cursors are keyset cursors: they carry the item's sort key and id, so a page boundary stays put when
 * items are added before it (a new retirement on top of the list) or drop out of a filtered list.
 */
import type { QueryReader } from './params.js';
import type { Page } from './types.js';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 50;

/** How a list is ordered: a sort key per item, its comparison, and the direction. Ties break on id. */
export interface Ordering<T> {
  key: (item: T) => string;
  compare: (a: string, b: string) => number;
  descending: boolean;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Newest first by an ISO 8601 UTC instant (strings of one format sort like the instants). */
export function newestFirst<T>(key: (item: T) => string): Ordering<T> {
  return { key, compare: byCodeUnits, descending: true };
}

/** By ISO 8601 instant in either direction. */
export function byInstant<T>(key: (item: T) => string, descending: boolean): Ordering<T> {
  return { key, compare: byCodeUnits, descending };
}

/** Alphabetically, ignoring case and accents, with numbers in numeric order. */
export function alphabetical<T>(key: (item: T) => string): Ordering<T> {
  return { key, compare: (a, b) => collator.compare(a, b), descending: false };
}

type CursorPosition = [key: string, id: string];

interface PageRequest {
  backward: boolean;
  size: number;
  cursor: CursorPosition | undefined;
}

/**
 * Reads `first`/`after`/`last`/`before`. `last` or `before` selects backward paging; combining them
 * with `first` or `after` is a 422, as are sizes outside 1–50, empty cursors and undecodable cursors.
 */
export function readPageRequest(query: QueryReader): PageRequest {
  const first = query.integer('first', { gt: 0, le: MAX_PAGE_SIZE });
  const last = query.integer('last', { gt: 0, le: MAX_PAGE_SIZE });
  const after = query.string('after', 1);
  const before = query.string('before', 1);
  const forwardGiven = query.has('first') || query.has('after');
  const backward = query.has('last') || query.has('before');
  if (forwardGiven && backward) {
    const name = query.has('last') ? 'last' : 'before';
    query.errors.add(['query', name], 'value_error', "Value error, Use 'first'/'after' to page forward or 'last'/'before' to page backward, not both", null);
  }
  const rawCursor = backward ? before : after;
  let cursor: CursorPosition | undefined;
  if (rawCursor !== undefined) {
    cursor = decodeCursor(rawCursor);
    if (!cursor) query.errors.add(['query', backward ? 'before' : 'after'], 'value_error', 'Value error, Invalid cursor', rawCursor);
  }
  return { backward, size: (backward ? last : first) ?? DEFAULT_PAGE_SIZE, cursor };
}

/** Sorts `items` by `ordering` and cuts the requested page. */
export function paginate<T extends { id: string }>(items: readonly T[], ordering: Ordering<T>, request: PageRequest): Page<T> {
  const sign = ordering.descending ? -1 : 1;
  const comparePosition = (a: CursorPosition, b: CursorPosition): number => sign * (ordering.compare(a[0], b[0]) || byCodeUnits(a[1], b[1]));
  const positionOf = (item: T): CursorPosition => [ordering.key(item), item.id];
  const sorted = [...items].sort((a, b) => comparePosition(positionOf(a), positionOf(b)));

  let start: number;
  let end: number;
  const { cursor } = request;
  if (request.backward) {
    end = cursor ? firstIndex(sorted, (item) => comparePosition(positionOf(item), cursor) >= 0) : sorted.length;
    start = Math.max(0, end - request.size);
  } else {
    start = cursor ? firstIndex(sorted, (item) => comparePosition(positionOf(item), cursor) > 0) : 0;
    end = Math.min(sorted.length, start + request.size);
  }
  const nodes = sorted.slice(start, end);
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    total_count: sorted.length,
    page_info: {
      has_previous_page: start > 0,
      start_cursor: first ? encodeCursor(positionOf(first)) : null,
      has_next_page: end < sorted.length,
      end_cursor: last ? encodeCursor(positionOf(last)) : null,
    },
  };
}

function firstIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  const index = items.findIndex(predicate);
  return index === -1 ? items.length : index;
}

function encodeCursor(position: CursorPosition): string {
  const bytes = new TextEncoder().encode(JSON.stringify(position));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): CursorPosition | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // Not base64url, not UTF-8 or not JSON: an invalid cursor, reported by the caller.
  }
  return undefined;
}
