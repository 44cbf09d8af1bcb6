/**
 * Runs the search quality list (queries.json) through the real search service, as the /search
 * page asks it (scope "everywhere", 20 per type), and lists each query's results in the order the
 * page shows them. Shared by `npm run search:quality` and tests/integration/search-quality.test.ts.
 *
 * The database must hold the test seed (400 clients, seed 7); `addFixtures` adds the list's three
 * extra records and `removeFixtures` takes them away again.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { pageSections } from '../../src/lib/search/sections.ts';
import type { SearchResults } from '../../src/lib/search/types.ts';
import { SearchService } from '../../src/lib/server/search/search.service.ts';
import { fillDob } from './dob-template.ts';
import type { QueryOutcome } from './metrics.ts';

type Key = { client: string; dob?: string } | { practitioner: string } | { agency: string };

interface ListQuery {
  category: string;
  q: string;
  viewer?: string;
  expect: Key[];
}

interface QualityList {
  viewer: string;
  fixtures: {
    clients: { givenName: string; familyName: string; dob: string; council: string }[];
    practitioners: { name: string; jobTitle: string; agency: string; covers: string[] }[];
  };
  queries: ListQuery[];
}

export function loadList(): QualityList {
  return JSON.parse(
    readFileSync(path.join(import.meta.dirname, 'queries.json'), 'utf8')
  ) as QualityList;
}

/** As many results per type as the /search page asks for. */
export const PAGE_LIMIT = 20;

async function read<T>(driver: Driver, db: string, query: string, params = {}): Promise<T[]> {
  const { records } = await driver.executeQuery(query, params, { database: db, routing: 'READ' });
  return records.map((r) => r.toObject() as T);
}

/** Creates the list's fixture records; returns their ids (for `removeFixtures` and the ranks). */
export async function addFixtures(
  driver: Driver,
  db: string,
  list = loadList()
): Promise<string[]> {
  const clients = list.fixtures.clients.map((c) => ({ ...c, id: `sq-${randomUUID()}` }));
  const practitioners = list.fixtures.practitioners.map((p) => ({
    ...p,
    id: `sq-${randomUUID()}`,
    email: `sq-${randomUUID().slice(0, 8)}@search-quality.example`
  }));
  await driver.executeQuery(
    `UNWIND $clients AS r
     MATCH (area:Area {code: r.council})
     CREATE (c:Client {id: r.id, givenName: r.givenName, familyName: r.familyName, aliases: [],
       aliasesText: '', dob: date(r.dob), councilCode: r.council, createdAt: datetime()})
     CREATE (c)-[:LIVES_IN]->(area)`,
    { clients },
    { database: db }
  );
  await driver.executeQuery(
    `UNWIND $practitioners AS r
     MATCH (ag:Agency {name: r.agency})
     CREATE (p:Practitioner {id: r.id, name: r.name, email: r.email, jobTitle: r.jobTitle,
       status: 'ACTIVE', roles: ['practitioner'], createdAt: datetime()})
     CREATE (p)-[:WORKS_AT {since: datetime()}]->(ag)
     WITH p, r
     UNWIND r.covers AS code
     MATCH (area:Area {code: code})
     CREATE (p)-[:COVERS {source: 'PROFILE'}]->(area)`,
    { practitioners },
    { database: db }
  );
  return [...clients, ...practitioners].map((f) => f.id);
}

export async function removeFixtures(driver: Driver, db: string, ids: string[]): Promise<void> {
  await driver.executeQuery(
    'MATCH (n) WHERE n.id IN $ids DETACH DELETE n',
    { ids },
    { database: db }
  );
}

interface Resolved {
  ids: string[];
  dob: string | null;
}

async function resolveKey(driver: Driver, db: string, key: Key): Promise<Resolved> {
  let rows: { id: string; dob: string | null }[];
  if ('client' in key) {
    rows = await read(
      driver,
      db,
      `MATCH (c:Client) WHERE c.givenName + ' ' + c.familyName = $name
         AND ($dob IS NULL OR c.dob = date($dob))
       RETURN c.id AS id, toString(c.dob) AS dob ORDER BY c.id`,
      { name: key.client, dob: key.dob ?? null }
    );
  } else if ('practitioner' in key) {
    rows = await read(
      driver,
      db,
      `MATCH (p:Practitioner {name: $name}) WHERE p.status = 'ACTIVE'
       RETURN p.id AS id, null AS dob ORDER BY p.id`,
      { name: key.practitioner }
    );
  } else {
    rows = await read(
      driver,
      db,
      'MATCH (a:Agency {name: $name}) RETURN a.id AS id, null AS dob ORDER BY a.id',
      { name: key.agency }
    );
  }
  if (rows.length === 0) {
    throw new Error(
      `The search quality list expects ${JSON.stringify(key)}, which is not in the database: ` +
        'seed the test data (400 clients, seed 7) and add the fixtures first.'
    );
  }
  return { ids: rows.map((r) => r.id), dob: rows[0]?.dob ?? null };
}

/** Ids in the order the page lists them: its sections top to bottom, each in rank order. */
export function pageOrder(results: SearchResults): string[] {
  return pageSections(results).flatMap((section) => section.ids);
}

/** Seed ids are UUIDs; other test files running beside this one add records with other ids. */
const SEED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ListRun {
  outcomes: (QueryOutcome & { searched: string; viewer: string })[];
}

/**
 * Runs every query of the list. `ownIds` are the fixture ids: results that are neither seed
 * records nor fixtures (another test's records, created while this runs) are left out of the ranks.
 */
export async function runList(
  driver: Driver,
  db: string,
  ownIds: readonly string[],
  list = loadList()
): Promise<ListRun> {
  const service = new SearchService(driver, db);
  const viewers = new Map<string, string>();
  const viewerId = async (email: string) => {
    if (!viewers.has(email)) {
      const [row] = await read<{ id: string }>(
        driver,
        db,
        'MATCH (p:Practitioner {email: $email}) RETURN p.id AS id',
        { email }
      );
      if (!row) throw new Error(`No practitioner ${email}: seed the test data first.`);
      viewers.set(email, row.id);
    }
    return viewers.get(email) as string;
  };
  const counted = (id: string) => SEED_ID.test(id) || ownIds.includes(id);

  const outcomes: ListRun['outcomes'] = [];
  for (const entry of list.queries) {
    const resolved = await Promise.all(entry.expect.map((key) => resolveKey(driver, db, key)));
    const dob = resolved.find((r) => r.dob)?.dob ?? null;
    const searched = fillDob(entry.q, dob);
    const viewer = entry.viewer ?? list.viewer;
    const results = await service.search(await viewerId(viewer), {
      q: searched,
      limit: PAGE_LIMIT
    });
    outcomes.push({
      q: entry.q,
      searched,
      viewer,
      category: entry.category,
      relevant: resolved.flatMap((r) => r.ids),
      ranked: pageOrder(results).filter(counted)
    });
  }
  return { outcomes };
}
