/** The relationship pairs a circle link can carry (graph/README.md), read from either side. */
import { describe, expect, it } from 'vitest';
import {
  RELATIONSHIPS,
  RELATIONSHIP_GROUPS,
  describePair,
  findPair,
  pairValue,
  parsePair
} from '../../src/lib/circles/relationships.ts';

describe('relationship pairs', () => {
  it('offers every pair read from the other side too, with the same kind', () => {
    for (const pair of RELATIONSHIPS) {
      expect(findPair(pair.reciprocal, pair.label)).toMatchObject({ kind: pair.kind });
    }
  });

  it('covers the labels of the data model', () => {
    for (const [label, reciprocal] of [
      ['mother', 'son'],
      ['father', 'daughter'],
      ['parent', 'child'],
      ['sibling', 'sibling'],
      ['grandparent', 'grandchild'],
      ['partner', 'partner'],
      ['carer', 'cared-for'],
      ['household member', 'household member'],
      ['significant other', 'significant other'],
      ['aunt/uncle', 'niece/nephew']
    ] as const) {
      expect(findPair(label, reciprocal)).toBeDefined();
    }
    expect(findPair('mother', 'mother')).toBeUndefined();
  });

  it('round-trips the form value and refuses anything else', () => {
    for (const pair of RELATIONSHIPS) expect(parsePair(pairValue(pair))).toEqual(pair);
    expect(parsePair('mother|mother')).toBeUndefined();
    expect(parsePair('')).toBeUndefined();
    expect(parsePair(null)).toBeUndefined();
  });

  it('groups every pair exactly once and words both sides', () => {
    const grouped = RELATIONSHIP_GROUPS.flatMap((g) => g.pairs.map(pairValue));
    expect(grouped.sort()).toEqual(RELATIONSHIPS.map(pairValue).sort());
    expect(describePair({ label: 'mother', reciprocal: 'son' }, 'Hunter')).toBe(
      'Mother (Hunter is her son)'
    );
    expect(describePair({ label: 'sibling', reciprocal: 'sibling' }, 'Hunter')).toBe('Sibling');
  });
});
