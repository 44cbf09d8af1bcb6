import { describe, expect, it } from 'vitest';
import { emptyTierCounts, foundText, shownText } from '../../src/lib/search/scope.ts';
import { matchBand, pageSections } from '../../src/lib/search/sections.ts';
import type { SearchResults } from '../../src/lib/search/types.ts';

type Hit = { id: string; match: number };
const results = (clients: Hit[], practitioners: Hit[], agencies: Hit[]) =>
  ({ clients, practitioners, agencies }) as unknown as SearchResults;

describe('matchBand', () => {
  it('puts a whole name first, every word next, similar spellings last', () => {
    expect([0, 1, 2, 3].map(matchBand)).toEqual([0, 1, 1, 2]);
  });
});

describe('pageSections', () => {
  it('keeps clients, practitioners, agencies when they match alike, empty ones last', () => {
    const alike = pageSections(
      results([{ id: 'c', match: 1 }], [{ id: 'p', match: 2 }], [{ id: 'a', match: 1 }])
    );
    expect(alike.map((s) => s.kind)).toEqual(['clients', 'practitioners', 'agencies']);
    expect(alike.map((s) => s.ids)).toEqual([['c'], ['p'], ['a']]);
    const noPeople = pageSections(results([{ id: 'c', match: 1 }], [], [{ id: 'a', match: 2 }]));
    expect(noPeople.map((s) => s.kind)).toEqual(['clients', 'agencies', 'practitioners']);
  });

  it('puts the section with the whole name first', () => {
    // "Blacktown Council Community Services": the agency by its name, its staff by theirs.
    const sections = pageSections(
      results(
        [],
        [
          { id: 'staff1', match: 1 },
          { id: 'staff2', match: 1 }
        ],
        [
          { id: 'other', match: 1 },
          { id: 'exact', match: 0 }
        ]
      )
    );
    expect(sections.map((s) => s.kind)).toEqual(['agencies', 'practitioners', 'clients']);
    expect(sections.flatMap((s) => s.ids)).toEqual(['other', 'exact', 'staff1', 'staff2']);
  });

  it('puts similar spellings below what was typed', () => {
    const sections = pageSections(results([{ id: 'typo', match: 3 }], [{ id: 'p', match: 2 }], []));
    expect(sections.map((s) => s.kind)).toEqual(['practitioners', 'clients', 'agencies']);
  });
});

describe('counts on the scope chips and in the summary', () => {
  const counted = {
    clients: [{ id: 'c1' }, { id: 'c2' }],
    practitioners: [],
    agencies: Array.from({ length: 20 }, (_, i) => ({ id: `a${i}` })),
    clientTiers: { mine: 1, district: 1, state: 0, rest: 0 },
    practitionerTiers: emptyTierCounts(),
    agencyTiers: { mine: 3, district: 0, state: 100, rest: 29 }
  } as unknown as SearchResults;

  it('counts each kind apart, never added together', () => {
    expect(foundText(counted, 'mine')).toBe('1 client, 3 agencies');
    expect(foundText(counted, 'district')).toBe('2 clients, 3 agencies');
    expect(foundText(counted, 'all')).toBe('2 clients, 132 agencies');
    const none = { ...counted, clientTiers: emptyTierCounts(), agencyTiers: emptyTierCounts() };
    expect(foundText(none, 'all')).toBe('none');
  });

  it('says how many of those found are shown', () => {
    expect(shownText(counted, 'all')).toEqual([
      '2 clients',
      '0 practitioners',
      '20 of 132 agencies'
    ]);
  });
});
