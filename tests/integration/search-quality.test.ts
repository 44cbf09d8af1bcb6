/**
 * The search quality list (tests/search-quality/queries.json, docs/search-quality.md) against the
 * real search on the seeded test database: a floor under precision@1 and recall@10 (quality, not
 * timing), and the four searches issue 16 quoted, each ranked right.
 *
 * Fixtures: the list's three extra records (Joan Burke, Harry Burke, Mia Nolan born 20/09/2011),
 * removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDriver, testDatabase, testDriver } from '../support/db.ts';
import { figures, firstRelevantRank, type QueryOutcome } from '../search-quality/metrics.ts';
import {
  PAGE_LIMIT,
  addFixtures,
  pageOrder,
  removeFixtures,
  runList
} from '../search-quality/run-list.ts';
import { pageSections } from '../../src/lib/search/sections.ts';
import type { SearchResults } from '../../src/lib/search/types.ts';
import { search } from '../../src/lib/server/search/search.service.ts';

/**
 * The figures measured after the ranking work (docs/search-quality.md: 100% and 100%) less a
 * margin of about two queries, so a new seed name that ties with an answer does not fail the run.
 */
const FLOOR = { precisionAt1: 0.97, recallAt10: 0.97 };

let fixtureIds: string[] = [];
let outcomes: (QueryOutcome & { searched: string })[] = [];

async function viewerId(email: string): Promise<string> {
  const { records } = await testDriver().executeQuery(
    'MATCH (p:Practitioner {email: $email}) RETURN p.id AS id',
    { email },
    { database: testDatabase() }
  );
  return records[0]?.get('id') as string;
}

function first(results: SearchResults): { kind: string; id: string } | undefined {
  const section = pageSections(results).find((s) => s.ids.length > 0);
  return section && { kind: section.kind, id: section.ids[0] as string };
}

beforeAll(async () => {
  fixtureIds = await addFixtures(testDriver(), testDatabase());
  ({ outcomes } = await runList(testDriver(), testDatabase(), fixtureIds));
});

afterAll(async () => {
  await removeFixtures(testDriver(), testDatabase(), fixtureIds);
  await closeTestDriver();
});

describe('the search quality list', () => {
  it('has at least 50 queries, each with a known answer in the test data', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(50);
    expect(outcomes.filter((o) => o.relevant.length === 0)).toEqual([]);
  });

  it('finds the right thing first and within the first ten', () => {
    const result = figures(outcomes);
    const missed = outcomes
      .filter((o) => firstRelevantRank(o) !== 1)
      .map((o) => `${o.searched}: ${firstRelevantRank(o) ?? 'not found'}`);
    expect(result.precisionAt1, `not first: ${missed.join('; ')}`).toBeGreaterThanOrEqual(
      FLOOR.precisionAt1
    );
    expect(result.recallAt10).toBeGreaterThanOrEqual(FLOOR.recallAt10);
  });
});

describe('the searches issue 16 quoted', () => {
  it('puts an agency first for its own exact name, above nearer agencies and its staff', async () => {
    // The newcomer covers Parramatta: Blacktown is one tier further out, and every Parramatta
    // agency whose name shares "Council Community Services" is nearer.
    const results = await search(await viewerId('newcomer@teamaround.example'), {
      q: 'Blacktown Council Community Services',
      limit: PAGE_LIMIT
    });
    const agency = results.agencies[0];
    expect(agency?.name).toBe('Blacktown Council Community Services');
    expect(agency?.match).toBe(0);
    expect(first(results)).toEqual({ kind: 'agencies', id: agency?.id });
    // Its staff are still listed, below it.
    expect(results.practitioners.map((p) => p.name)).toContain('Joan Burke');
  });

  it('finds Joan Burke without the agencies of the town of Bourke', async () => {
    const results = await search(await viewerId('practitioner@teamaround.example'), {
      q: 'Joan Burke',
      limit: PAGE_LIMIT
    });
    expect(results.practitioners[0]).toMatchObject({ name: 'Joan Burke', match: 0 });
    expect(first(results)?.id).toBe(results.practitioners[0]?.id);
    expect(results.agencies.map((a) => a.name).filter((n) => /bourke/i.test(n))).toEqual([]);
    expect(results.agencyTiers).toEqual({ mine: 0, district: 0, state: 0, rest: 0 });
  });

  it('finds Harry Burke for "Hary Burk" without the agencies of the town of Hay', async () => {
    const results = await search(await viewerId('practitioner@teamaround.example'), {
      q: 'Hary Burk',
      limit: PAGE_LIMIT
    });
    const harry = results.clients[0];
    expect(harry && `${harry.givenName} ${harry.familyName}`).toBe('Harry Burke');
    expect(first(results)?.id).toBe(harry?.id);
    expect(results.agencies.map((a) => a.name).filter((n) => /\bhay\b/i.test(n))).toEqual([]);
  });

  it('reads "20 Sep 2011" as a date of birth', async () => {
    const results = await search(await viewerId('practitioner@teamaround.example'), {
      q: 'Nolan 20 Sep 2011',
      limit: PAGE_LIMIT
    });
    expect(results.dob).toBe('20/09/2011');
    expect(results.clients.map((c) => `${c.givenName} ${c.familyName} ${c.dob}`)).toEqual([
      'Mia Nolan 2011-09-20'
    ]);
    expect(pageOrder(results)[0]).toBe(results.clients[0]?.id);
  });
});
