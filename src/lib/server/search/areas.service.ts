/**
 * A practitioner's areas, which make search "local first": the ones they choose on their profile
 * (COVERS source PROFILE) and the ones allocated from their clients' council areas (AUTO, written by
 * joinTeam and addClient). Only PROFILE ones can be removed here: AUTO ones follow the clients.
 * Also the phone book's list of an agency's active staff.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { database, getDriver } from '../db/neo4j.ts';
import { forgetViewerTiers } from './search-cache.ts';

function loadQuery(name: string): string {
  return readFileSync(path.resolve(process.cwd(), 'cypher/queries', name), 'utf8');
}

const MY_AREAS = loadQuery('search-my-areas.cypher');
const FIND_AREAS = loadQuery('search-find-areas.cypher');
const AGENCY_STAFF = loadQuery('search-agency-staff.cypher');

export interface MyArea {
  code: string;
  name: string;
  level: string;
  partOf: string | null;
  sources: ('PROFILE' | 'AUTO')[];
}

export interface AreaChoice {
  code: string;
  name: string;
  level: string;
  partOf: string | null;
}

export interface StaffMember {
  id: string;
  name: string;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
}

export type AreaChange =
  { ok: true; name: string } | { ok: false; code: 'NOT_FOUND' | 'NOT_PROFILE'; message: string };

export class AreasService {
  constructor(
    private readonly driver: Driver = getDriver(),
    private readonly db: string = database()
  ) {}

  async myAreas(viewerId: string): Promise<MyArea[]> {
    const { records } = await this.driver.executeQuery(
      MY_AREAS,
      { viewerId },
      { database: this.db, routing: 'READ' }
    );
    return records.map((r) => r.toObject() as MyArea);
  }

  /** Councils and districts whose code is `text` or whose name contains it (2+ characters). */
  async findAreas(text: string, limit = 20): Promise<AreaChoice[]> {
    const clean = text.trim().slice(0, 80);
    if (clean.length < 2) return [];
    const { records } = await this.driver.executeQuery(
      FIND_AREAS,
      { text: clean, limit: Math.min(50, Math.max(1, limit)) },
      { database: this.db, routing: 'READ' }
    );
    return records.map((r) => r.toObject() as AreaChoice);
  }

  /** Adds a council or district to the profile (idempotent: MERGE). */
  async addProfileArea(viewerId: string, code: string): Promise<AreaChange> {
    const { records } = await this.driver.executeQuery(
      `MATCH (p:Practitioner {id: $viewerId})
       MATCH (a:Area {code: $code})
       WHERE a.level IN ['COUNCIL', 'DISTRICT']
       MERGE (p)-[:COVERS {source: 'PROFILE'}]->(a)
       RETURN a.name AS name`,
      { viewerId, code: code.trim().slice(0, 40) },
      { database: this.db, routing: 'WRITE' }
    );
    forgetViewerTiers(viewerId);
    const name = records[0]?.get('name') as string | undefined;
    return name
      ? { ok: true, name }
      : {
          ok: false,
          code: 'NOT_FOUND',
          message: 'There is no council area or district with that code.'
        };
  }

  /** Removes a profile-chosen area; areas that come from clients stay. */
  async removeProfileArea(viewerId: string, code: string): Promise<AreaChange> {
    const { records } = await this.driver.executeQuery(
      `MATCH (:Practitioner {id: $viewerId})-[c:COVERS]->(a:Area {code: $code})
       WITH a, collect(c) AS covers
       WITH a, [c IN covers WHERE coalesce(c.source, 'PROFILE') = 'PROFILE'] AS chosen
       FOREACH (c IN chosen | DELETE c)
       RETURN a.name AS name, size(chosen) AS removed`,
      { viewerId, code: code.trim().slice(0, 40) },
      { database: this.db, routing: 'WRITE' }
    );
    forgetViewerTiers(viewerId);
    const row = records[0];
    if (!row) return { ok: false, code: 'NOT_FOUND', message: 'That area is not one of yours.' };
    if (Number(row.get('removed')) === 0) {
      return {
        ok: false,
        code: 'NOT_PROFILE',
        message: 'That area comes from your clients, so it stays while you work with them.'
      };
    }
    return { ok: true, name: row.get('name') as string };
  }

  /** An agency's active practitioners by name: the first `limit` and how many there are. */
  async agencyStaff(
    agencyId: string,
    limit = 100
  ): Promise<{ total: number; people: StaffMember[] } | null> {
    const { records } = await this.driver.executeQuery(
      AGENCY_STAFF,
      { agencyId, limit: Math.min(500, Math.max(1, Math.trunc(limit))) },
      { database: this.db, routing: 'READ' }
    );
    const row = records[0];
    if (!row) return null;
    return { total: Number(row.get('total')), people: row.get('people') as StaffMember[] };
  }
}

let shared: AreasService | undefined;

export function areasService(): AreasService {
  shared ??= new AreasService();
  return shared;
}
