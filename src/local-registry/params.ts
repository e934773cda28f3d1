/**
 * Request validation with FastAPI's error shape: every problem becomes a `ValidationError`
 * (`{loc, msg, type, input, ctx?}`), and a request with any of them is answered 422 with all of them.
 */
import type { ValidationError } from './types.js';

/** Id prefixes by entity, as the Registry API uses them. */
export const ID_PREFIX = {
  creditBatch: 'ctb',
  delivery: 'dlv',
  issuance: 'iss',
  order: 'ord',
  organisation: 'org',
  project: 'prj',
  refund: 'bpr',
  retirement: 'ret',
  supplier: 'spl',
  transfer: 'tfr',
} as const;

export type IdPrefix = (typeof ID_PREFIX)[keyof typeof ID_PREFIX];

/** Thrown by a handler to answer 422 with these errors. */
export class RequestValidationError extends Error {
  constructor(readonly detail: ValidationError[]) {
    super('request validation failed');
  }
}

type Loc = ValidationError['loc'];

/** Collects validation errors while reading a request's parameters. */
export class ErrorCollector {
  readonly errors: ValidationError[] = [];

  add(loc: Loc, type: string, msg: string, input: unknown, ctx?: Record<string, unknown>): undefined {
    // The generated type reads the spec's untyped `ctx: {type: object}` as an empty record.
    this.errors.push(ctx ? { loc, msg, type, input, ctx: ctx as ValidationError['ctx'] } : { loc, msg, type, input });
    return undefined;
  }

  /** Throws the collected errors, if any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new RequestValidationError(this.errors);
  }
}

const ID_BODY = /^[0-9A-Z]{16}$/;

/**
 * Validates an Isometric id: the schema's length bounds (20–37), then `prefix_` plus 16 upper-case
 * letters or digits. Returns the id, or `undefined` after recording the error.
 */
export function checkId(errors: ErrorCollector, loc: Loc, value: string, prefix: IdPrefix): string | undefined {
  if (value.length < 20) return errors.add(loc, 'string_too_short', 'String should have at least 20 characters', value, { min_length: 20 });
  if (value.length > 37) return errors.add(loc, 'string_too_long', 'String should have at most 37 characters', value, { max_length: 37 });
  if (!value.startsWith(`${prefix}_`) || !ID_BODY.test(value.slice(prefix.length + 1))) {
    return errors.add(loc, 'value_error', `Value error, Invalid ID: expected '${prefix}_' followed by 16 upper-case letters or digits`, value, {
      error: 'invalid Isometric ID',
    });
  }
  return value;
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/** Reads query parameters FastAPI-style: the last of repeated scalars wins; unknown ones are ignored. */
export class QueryReader {
  readonly errors = new ErrorCollector();

  constructor(private readonly params: URLSearchParams) {}

  has(name: string): boolean {
    return this.params.has(name);
  }

  private raw(name: string): string | undefined {
    const all = this.params.getAll(name);
    return all.length > 0 ? all[all.length - 1] : undefined;
  }

  /** An integer with bounds `gt < value <= le`. */
  integer(name: string, { gt, le }: { gt: number; le: number }): number | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    const loc = ['query', name];
    if (!INTEGER.test(raw)) return this.errors.add(loc, 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer', raw);
    const value = Number(raw);
    if (value <= gt) return this.errors.add(loc, 'greater_than', `Input should be greater than ${gt}`, raw, { gt });
    if (value > le) return this.errors.add(loc, 'less_than_equal', `Input should be less than or equal to ${le}`, raw, { le });
    return value;
  }

  /** A string of at least `minLength` characters. */
  string(name: string, minLength: number): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    if (raw.length < minLength) {
      return this.errors.add(['query', name], 'string_too_short', `String should have at least ${minLength} character${minLength === 1 ? '' : 's'}`, raw, {
        min_length: minLength,
      });
    }
    return raw;
  }

  id(name: string, prefix: IdPrefix): string | undefined {
    const raw = this.raw(name);
    return raw === undefined ? undefined : checkId(this.errors, ['query', name], raw, prefix);
  }

  enumValue<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.errors.add(['query', name], 'enum', `Input should be ${describeChoices(allowed)}`, raw, { expected: describeChoices(allowed) });
    return fallback;
  }

  /** A repeated parameter (`?status=active&status=retired`) of enum values, de-duplicated. */
  enumList<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const all = this.params.getAll(name);
    if (all.length === 0) return undefined;
    const values = new Set<T>();
    all.forEach((raw, index) => {
      if ((allowed as readonly string[]).includes(raw)) values.add(raw as T);
      else this.errors.add(['query', name, index], 'enum', `Input should be ${describeChoices(allowed)}`, raw, { expected: describeChoices(allowed) });
    });
    return [...values];
  }

  /** An ISO 8601 date-time (a missing offset means UTC) or date, as epoch milliseconds. */
  dateTime(name: string): number | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    const match = DATE_TIME.exec(raw);
    const zone = match?.[7];
    const normalised = match ? raw.replace(' ', 'T') + (match[4] === undefined ? 'T00:00:00Z' : zone ? '' : 'Z') : '';
    const ms = Date.parse(normalised.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(ms) || !match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return this.errors.add(['query', name], 'datetime_from_date_parsing', 'Input should be a valid datetime or date', raw);
    return ms;
  }
}

/** False for dates like 30 February, which `Date.parse` would roll over. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `'asc' or 'desc'`, `'a', 'b' or 'c'`: pydantic's wording for enum choices. */
function describeChoices(allowed: readonly string[]): string {
  const quoted = allowed.map((v) => `'${v}'`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
