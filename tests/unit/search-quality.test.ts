import { describe, expect, it } from 'vitest';
import { fillDob } from '../search-quality/dob-template.ts';
import {
  figures,
  figuresByCategory,
  firstRelevantRank,
  recallAt,
  type QueryOutcome
} from '../search-quality/metrics.ts';

const outcome = (ranked: string[], relevant: string[], category = 'c'): QueryOutcome => ({
  q: 'q',
  category,
  relevant,
  ranked
});

describe('search quality figures', () => {
  it('ranks the first right answer, or none', () => {
    expect(firstRelevantRank(outcome(['a', 'b'], ['a']))).toBe(1);
    expect(firstRelevantRank(outcome(['x', 'y', 'b'], ['a', 'b']))).toBe(3);
    expect(firstRelevantRank(outcome(['x'], ['a']))).toBeNull();
  });

  it('counts the right answers in the first ten', () => {
    const ranked = ['x1', 'a', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'b'];
    expect(recallAt(outcome(ranked, ['a', 'b']), 10)).toBe(0.5);
    expect(recallAt(outcome(ranked, []), 10)).toBe(0);
  });

  it('averages precision@1 and recall@10 overall and per category', () => {
    const list = [
      outcome(['a'], ['a'], 'names'),
      outcome(['x', 'a'], ['a'], 'names'),
      outcome(['x'], ['a'], 'dates')
    ];
    expect(figures(list)).toEqual({ queries: 3, precisionAt1: 1 / 3, recallAt10: 2 / 3 });
    const byCategory = figuresByCategory(list);
    expect([...byCategory.keys()]).toEqual(['all', 'names', 'dates']);
    expect(byCategory.get('names')).toEqual({ queries: 2, precisionAt1: 0.5, recallAt10: 1 });
    expect(figures([])).toEqual({ queries: 0, precisionAt1: 0, recallAt10: 0 });
  });
});

describe('dates of birth in the list', () => {
  it('writes the expected client’s date the way the query asks', () => {
    expect(fillDob('Nolan {dob:d mon y}', '2011-09-05')).toBe('Nolan 5 Sep 2011');
    expect(fillDob('{dob:d month y}', '2011-09-05')).toBe('5 September 2011');
    expect(fillDob('{dob:mon d y}', '2011-09-05')).toBe('Sep 5 2011');
    expect(fillDob('{dob:d-mon-y} x', '2011-09-05')).toBe('5-Sep-2011 x');
    expect(fillDob('{dob:dd/mm/yyyy}', '2011-09-05')).toBe('05/09/2011');
    expect(fillDob('{dob:yyyy}', '2011-09-05')).toBe('2011');
    expect(fillDob('Levi Nolan', null)).toBe('Levi Nolan');
    expect(() => fillDob('{dob:yyyy}', null)).toThrow(/needs a date of birth/);
    expect(() => fillDob('{dob:mm-yy}', '2011-09-05')).toThrow(/Unknown date format/);
  });
});
