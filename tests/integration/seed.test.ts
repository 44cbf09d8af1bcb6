/**
 * The demo data generator against a real Neo4j: wipes and seeds the same small dataset the global
 * setup seeds (400 clients, seed 7, so later test files find the database as they expect), then
 * checks the graph with plain Cypher against the rules of graph/README.md and the demo accounts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDriver, testDatabase, testDriver } from '../support/db.ts';
import { config } from '../../src/lib/server/config.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';
import {
  DEMO_ACCOUNTS,
  loadAreas,
  seedDatabase,
  SeedError,
  wipeDatabase
} from '../../src/lib/server/seed/index.ts';

const CLIENTS = 400;
const SEED = 7;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

const csvRows = (file: string) =>
  readFileSync(path.resolve(import.meta.dirname, '../../data/areas', file), 'utf8')
    .trim()
    .split('\n').length - 1;

async function query<T = unknown>(
  cypher: string,
  params: Record<string, unknown> = {}
): Promise<T[]> {
  const { records } = await testDriver().executeQuery(cypher, params, { database: testDatabase() });
  return records.map((r) => r.toObject() as T);
}

async function one<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const rows = await query<T>(cypher, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${cypher}`);
  return rows[0] as T;
}

let result: { nodes: number; relationships: number; seconds: number };

beforeAll(async () => {
  await wipeDatabase(testDriver(), testDatabase());
  result = await seedDatabase(testDriver(), testDatabase(), {
    clients: CLIENTS,
    seed: SEED,
    demoPassword: config().demoPassword,
    log: () => undefined
  });
});

afterAll(async () => {
  await closeTestDriver();
});

describe('seeded areas', () => {
  it('match the CSV files', async () => {
    const counts = await one<Record<string, number>>(`
      MATCH (a:Area)
      RETURN count(CASE WHEN a.level = 'COUNCIL' AND a.country = 'AU' THEN 1 END) AS auCouncils,
             count(CASE WHEN a.level = 'COUNCIL' AND a.country = 'UK' THEN 1 END) AS ukCouncils,
             count(CASE WHEN a.level = 'DISTRICT' AND a.state = 'AU-NSW' THEN 1 END) AS nswDistricts,
             count(CASE WHEN a.level = 'COUNCIL' AND a.state = 'AU-NSW' THEN 1 END) AS nswCouncils,
             count(a) AS all`);
    expect(counts.auCouncils).toBe(csvRows('au-lga.csv'));
    expect(counts.ukCouncils).toBe(csvRows('uk-local-authorities.csv'));
    expect(counts.nswDistricts).toBe(15);
    expect(counts.nswCouncils).toBe(csvRows('nsw-districts.csv'));
    expect(counts.all).toBe(1029);
  });

  it('put every NSW council PART_OF exactly one district, itself PART_OF NSW', async () => {
    const bad = await one<{ bad: number }>(`
      MATCH (c:Area {level: 'COUNCIL', state: 'AU-NSW'})
      WHERE COUNT { (c)-[:PART_OF]->() } <> 1
         OR NOT EXISTS { (c)-[:PART_OF]->(:Area {level: 'DISTRICT'})-[:PART_OF]->(:Area {code: 'AU-NSW'}) }
      RETURN count(c) AS bad`);
    expect(bad.bad).toBe(0);
    const orphans = await one<{ n: number }>(`
      MATCH (a:Area) WHERE a.level <> 'STATE' AND NOT EXISTS { (a)-[:PART_OF]->(:Area) }
      RETURN count(a) AS n`);
    expect(orphans.n).toBe(0);
  });

  it('load idempotently', async () => {
    const before = await one<{ n: number; r: number }>(
      'MATCH (a:Area) RETURN count(a) AS n, COUNT { ()-[:PART_OF]->() } AS r'
    );
    expect(await loadAreas(testDriver(), testDatabase())).toEqual({ areas: 1029 });
    const after = await one<{ n: number; r: number }>(
      'MATCH (a:Area) RETURN count(a) AS n, COUNT { ()-[:PART_OF]->() } AS r'
    );
    expect(after).toEqual(before);
  });
});

describe('seeded network', () => {
  it('reports what it wrote', async () => {
    const counts = await one<{ nodes: number; rels: number }>(
      'MATCH (n) WHERE NOT n:Migration RETURN count(n) AS nodes, COUNT { ()-[]->() } AS rels'
    );
    expect(result.nodes).toBe(counts.nodes);
    expect(result.relationships).toBe(counts.rels);
    const clients = await one<{ n: number }>('MATCH (c:Client) RETURN count(c) AS n');
    expect(clients.n).toBe(CLIENTS);
  });

  it('has every client LIVES_IN its councilCode area and on at least one team (now or before)', async () => {
    const bad = await one<{ lives: number; teamless: number }>(`
      MATCH (c:Client)
      RETURN count(CASE WHEN COUNT { (c)-[:LIVES_IN]->() } <> 1
                          OR NOT EXISTS { (c)-[:LIVES_IN]->(:Area {code: c.councilCode, level: 'COUNCIL'}) }
                        THEN 1 END) AS lives,
             count(CASE WHEN NOT EXISTS { (:Practitioner)-[:MEMBER_OF]->(c) } THEN 1 END) AS teamless`);
    expect(bad).toEqual({ lives: 0, teamless: 0 });
  });

  it('keeps every current team at 1-6 members with at most one lead', async () => {
    const teams = await one<{ smallest: number; largest: number; leads: number }>(`
      MATCH (p:Practitioner)-[m:MEMBER_OF]->(c:Client)
      WHERE m.until IS NULL
      WITH c, count(m) AS size, count(CASE WHEN m.lead THEN 1 END) AS leads
      RETURN min(size) AS smallest, max(size) AS largest, max(leads) AS leads`);
    expect(teams.smallest).toBeGreaterThanOrEqual(1);
    expect(teams.largest).toBeLessThanOrEqual(6);
    expect(teams.leads).toBeLessThanOrEqual(1);
  });

  it('spreads membership history over the last three years, with leavers', async () => {
    const spread = await one<{ first: number; last: number; left: number }>(`
      MATCH ()-[m:MEMBER_OF]->()
      RETURN min(m.since).epochMillis AS first, max(m.since).epochMillis AS last,
             count(m.until) AS left`);
    const now = Date.now();
    expect(spread.first).toBeLessThan(now - 2 * YEAR_MS);
    expect(spread.first).toBeGreaterThan(now - 3.1 * YEAR_MS);
    expect(spread.last).toBeGreaterThan(now - 60 * 24 * 3600 * 1000);
    expect(spread.left).toBeGreaterThan(0);
  });

  it('has no IN_CIRCLE self loops and only matching reciprocal labels', async () => {
    const loops = await one<{ n: number }>(
      'MATCH (c:Client)-[r:IN_CIRCLE]->(c) RETURN count(r) AS n'
    );
    expect(loops.n).toBe(0);
    const pairs = await query<{ label: string; reciprocal: string }>(
      'MATCH ()-[r:IN_CIRCLE]->() RETURN DISTINCT r.label AS label, r.reciprocal AS reciprocal'
    );
    expect(pairs).toContainEqual({ label: 'mother', reciprocal: 'son' });
    expect(pairs).toContainEqual({ label: 'sibling', reciprocal: 'sibling' });
  });

  it('withholds addresses only by a current member of that client', async () => {
    const bad = await one<{ n: number; withheld: number }>(`
      MATCH (c:Client)-[:HAS_ADDRESS]->(a:Address {withheldForSafety: true})
      RETURN count(CASE WHEN NOT EXISTS {
        MATCH (:Practitioner {id: a.withheldById})-[m:MEMBER_OF]->(c) WHERE m.until IS NULL
      } THEN 1 END) AS n, count(a) AS withheld`);
    expect(bad.n).toBe(0);
    expect(bad.withheld).toBeGreaterThan(0);
  });

  it('flags sensitive agencies, each with a duty line', async () => {
    const rows = await query<{ kind: string; sensitive: boolean; duty: boolean }>(
      'MATCH (a:Agency) RETURN DISTINCT a.kind AS kind, a.sensitive AS sensitive, a.dutyPhone IS NOT NULL AS duty ORDER BY kind'
    );
    expect(rows).toHaveLength(13);
    for (const r of rows) {
      const sensitive = ['DOMESTIC_VIOLENCE', 'DRUG_ALCOHOL', 'SEXUAL_HEALTH'].includes(r.kind);
      expect(r).toEqual({ kind: r.kind, sensitive, duty: sensitive });
    }
  });

  it('refuses to seed on top of existing data', async () => {
    await expect(
      seedDatabase(testDriver(), testDatabase(), {
        clients: 10,
        seed: 1,
        demoPassword: config().demoPassword,
        log: () => undefined
      })
    ).rejects.toBeInstanceOf(SeedError);
  });
});

describe('demo accounts', () => {
  const teamsOf = (email: string) =>
    query<{ id: string }>(
      'MATCH (:Practitioner {email: $email})-[m:MEMBER_OF]->(c:Client) WHERE m.until IS NULL RETURN c.id AS id',
      { email }
    ).then((rows) => rows.map((r) => r.id));

  it('all exist with the right roles and the demo password', async () => {
    const rows = await query<{ email: string; roles: string[]; hash: string; status: string }>(
      'MATCH (p:Practitioner) WHERE p.email ENDS WITH "@teamaround.example" RETURN p.email AS email, p.roles AS roles, p.passwordHash AS hash, p.status AS status'
    );
    expect(rows.map((r) => r.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    const roles = Object.fromEntries(rows.map((r) => [r.email.split('@')[0], [...r.roles].sort()]));
    expect(roles).toEqual({
      admin: ['admin', 'practitioner'],
      lead: ['lead', 'practitioner'],
      practitioner: ['practitioner'],
      restricted: ['practitioner'],
      newcomer: ['practitioner']
    });
    for (const r of rows) {
      expect(r.status).toBe('ACTIVE');
      expect(await verifyPassword(r.hash, config().demoPassword)).toBe(true);
    }
  });

  it('puts practitioner@ on several teams, at least two of those clients in a circle together', async () => {
    const teams = await teamsOf('practitioner@teamaround.example');
    expect(teams.length).toBeGreaterThanOrEqual(5);
    const linked = await one<{ n: number; outside: number }>(
      `MATCH (a:Client)-[r:IN_CIRCLE]-(b:Client) WHERE a.id IN $ids
       RETURN count(CASE WHEN b.id IN $ids THEN 1 END) / 2 AS n,
              count(CASE WHEN NOT b.id IN $ids THEN 1 END) AS outside`,
      { ids: teams }
    );
    expect(linked.n).toBeGreaterThanOrEqual(2);
    expect(linked.outside).toBeGreaterThan(0);
  });

  it('has restricted@ at a sensitive service, restricted on a team practitioner@ is on', async () => {
    const row = await one<{ sensitive: boolean; shared: number }>(`
      MATCH (r:Practitioner {email: 'restricted@teamaround.example'})-[:WORKS_AT]->(a:Agency)
      RETURN a.sensitive AS sensitive, COUNT {
        MATCH (r)-[m:MEMBER_OF {restricted: true}]->(c:Client)<-[n:MEMBER_OF]-(:Practitioner {email: 'practitioner@teamaround.example'})
        WHERE m.until IS NULL AND n.until IS NULL
      } AS shared`);
    expect(row.sensitive).toBe(true);
    expect(row.shared).toBeGreaterThanOrEqual(1);
  });

  it('gives newcomer@ no memberships and lead@ one NSW district to lead', async () => {
    const newcomer = await one<{ n: number }>(
      "MATCH (p:Practitioner {email: 'newcomer@teamaround.example'}) RETURN COUNT { (p)-[:MEMBER_OF]->() } AS n"
    );
    expect(newcomer.n).toBe(0);
    const leads = await query<{ code: string; level: string; state: string }>(
      "MATCH (:Practitioner {email: 'lead@teamaround.example'})-[:LEADS]->(a:Area) RETURN a.code AS code, a.level AS level, a.state AS state"
    );
    expect(leads).toEqual([{ code: 'NSW-D-western-sydney', level: 'DISTRICT', state: 'AU-NSW' }]);
  });
});
