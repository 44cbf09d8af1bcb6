import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/lib/server/seed/random.ts';
import { emailPart, fold, slug } from '../../src/lib/server/seed/text.ts';

describe('seeded random generator', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const draw = (seed: string) => {
      const rng = new Rng(seed);
      return [rng.float(), rng.int(1, 6), rng.uuid(), rng.fork('x').uuid()];
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('makes version-4-shaped UUIDs that do not collide', () => {
    const rng = new Rng('ids');
    const ids = new Set<string>();
    for (let i = 0; i < 50_000; i++) ids.add(rng.uuid());
    expect(ids.size).toBe(50_000);
    for (const id of [...ids].slice(0, 100))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('draws integers within bounds and weighted samples without repeats', () => {
    const rng = new Rng('bounds');
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(1, 6);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(6);
    }
    const sample = rng.weightedSample(['a', 'b', 'c', 'd'], () => 1, 3);
    expect(new Set(sample).size).toBe(3);
  });
});

describe('text folding', () => {
  it('folds accents for e-mail addresses and codes', () => {
    expect(fold('Zoë Åberg')).toBe('zoe aberg');
    expect(emailPart("O'Brien")).toBe('obrien');
    expect(emailPart('Łukasz')).toBe('lukasz');
    expect(emailPart('Mark Anthony')).toBe('mark-anthony');
    expect(slug('Bristol, City of')).toBe('bristol-city-of');
  });
});
