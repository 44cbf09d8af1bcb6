/**
 * A small seeded pseudo-random generator, so that the same seed always gives the same demo data.
 *
 * sfc32 has 128 bits of state: UUIDs drawn from it do not collide the way they would with a
 * 32-bit generator (whose birthday bound is ~65,000 ids, far below a 1,000,000-client seed).
 * Sub-generators are forked by name, so adding draws in one part of the generator does not shift
 * the numbers of every other part.
 */

/** cyrb128: hashes a string to four 32-bit words, used to seed sfc32. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function byteHex(word: number, shift: number): string {
  return HEX[(word >>> shift) & 255] as string;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly name: string;

  constructor(seed: string | number) {
    this.name = String(seed);
    [this.a, this.b, this.c, this.d] = hash128(this.name);
    // Warm up: the first outputs of sfc32 are poorly mixed.
    for (let i = 0; i < 15; i++) this.next32();
  }

  /** An independent generator for one part of the data ("agencies", "household:42", ...). */
  fork(label: string): Rng {
    return new Rng(`${this.name}/${label}`);
  }

  next32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Index drawn with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    return items[this.weightedIndex(items.map(weightOf))] as T;
  }

  /** Up to `count` distinct items, each draw proportional to weight among those left. */
  weightedSample<T>(items: readonly T[], weightOf: (item: T) => number, count: number): T[] {
    const left = [...items];
    const weights = left.map(weightOf);
    const out: T[] = [];
    while (out.length < count && left.length > 0) {
      const i = this.weightedIndex(weights);
      out.push(left[i] as T);
      left.splice(i, 1);
      weights.splice(i, 1);
    }
    return out;
  }

  /** A version-4-shaped UUID from this generator (deterministic, not sequential). */
  uuid(): string {
    const a = this.next32();
    const b = ((this.next32() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
    const c = ((this.next32() & 0x3fffffff) | 0x80000000) >>> 0; // RFC 4122 variant
    const d = this.next32();
    // Table lookups: toString(16) and padStart cost several times more at a million ids.
    return (
      byteHex(a, 24) +
      byteHex(a, 16) +
      byteHex(a, 8) +
      byteHex(a, 0) +
      '-' +
      byteHex(b, 24) +
      byteHex(b, 16) +
      '-' +
      byteHex(b, 8) +
      byteHex(b, 0) +
      '-' +
      byteHex(c, 24) +
      byteHex(c, 16) +
      '-' +
      byteHex(c, 8) +
      byteHex(c, 0) +
      byteHex(d, 24) +
      byteHex(d, 16) +
      byteHex(d, 8) +
      byteHex(d, 0)
    );
  }
}
