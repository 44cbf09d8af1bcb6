/**
 * The one person-name rule (src/lib/server/people/person-name.ts) and the names the seed writes
 * straight to the database: the seed never goes through a command, so this is what keeps the
 * demo data inside the rule every command applies.
 */
import { describe, expect, it } from 'vitest';
import { cleanPersonName, personNameProblem } from '../../src/lib/server/people/person-name.ts';
import { DEMO_ACCOUNT_DETAILS } from '../../src/lib/server/seed/demo-accounts.ts';
import { nameLists } from '../../src/lib/server/seed/names.ts';

const LIMITS = { label: 'the name', required: true, max: 80 };
const meetsRule = (name: string) => personNameProblem(cleanPersonName(name), LIMITS) === undefined;

describe('the person-name rule', () => {
  it('accepts names of any script with accents, apostrophes, hyphens and full stops', () => {
    for (const name of [
      'Zoë',
      'Nguyễn Thị',
      'O’Brien',
      "D'Arcy",
      'Mary-Jane',
      'M. J.',
      'Σοφία',
      'محمد'
    ]) {
      expect(meetsRule(name), name).toBe(true);
    }
  });

  it('normalises spaces and Unicode but keeps control characters for the rule to refuse', () => {
    expect(cleanPersonName('  Zoe\u0308   Lee\u00a0 ')).toBe('Zoë Lee');
    expect(cleanPersonName('Ann\tLee')).toBe('Ann\tLee');
    expect(meetsRule('Ann\tLee')).toBe(false);
  });

  it('refuses markup, formula prefixes, digits and invisible characters', () => {
    for (const name of [
      '<b>x</b>',
      '=1+1',
      '+Ann',
      '-Ann',
      '@Ann',
      'Ann 2',
      'Ann\u200bLee',
      'Ann\u0000'
    ]) {
      expect(meetsRule(name), JSON.stringify(name)).toBe(false);
    }
  });
});

describe('the seed', () => {
  it('writes only names that meet the rule', () => {
    const lists = nameLists();
    const names = [
      ...lists.groups.flatMap((g) => [
        ...g.female,
        ...g.male,
        ...g.family,
        ...(g.femaleOlder ?? []),
        ...(g.maleOlder ?? [])
      ]),
      ...Object.entries(lists.nicknames).flat(2),
      ...lists.anglicised.female,
      ...lists.anglicised.male,
      ...DEMO_ACCOUNT_DETAILS.map((a) => a.name)
    ];
    expect(names.length).toBeGreaterThan(1000);
    expect(names.filter((name) => !meetsRule(name))).toEqual([]);
  });
});
