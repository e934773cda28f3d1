/** Deterministic randomness for the seed: the same calls give the same data on every run and machine. */

/** mulberry32: a tiny 32-bit PRNG, good enough for plausible demo data (not for secrets). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: turns a stable key into a PRNG seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A seeded random source with the few helpers the seed needs. */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float spread evenly on a log scale between min and max: many small values, a few large ones. */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by relative weight; `weights[i]` belongs to `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let roll = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      roll -= weights[i] ?? 0;
      if (roll < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** `count` distinct items in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return out;
  }
}

/** Crockford's base-32 alphabet: upper-case letters and digits without I, L, O and U, as Isometric's ids use. */
const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A registry id (`prefix_` + 16 upper-case alphanumerics) derived from a stable key, so it survives unrelated seed changes. */
export function isometricId(prefix: string, key: string): string {
  const next = mulberry32(hashString(`${prefix}:${key}`));
  let body = '';
  for (let i = 0; i < 16; i++) body += ID_ALPHABET[Math.floor(next() * ID_ALPHABET.length)];
  return `${prefix}_${body}`;
}

/** A short project code such as `F5X7`. */
export function shortCode(key: string): string {
  return isometricId('code', key).slice(5, 9);
}
