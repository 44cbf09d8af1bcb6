/**
 * The real area hierarchy from data/areas/*.csv: every Australian council area by state, the 15
 * NSW districts, and the English local authorities with their counties and regions.
 * Codes follow graph/README.md: states `AU-NSW`..., NSW districts `NSW-D-<slug>`, English regions
 * `UK-R-<slug>` (level STATE), counties / unitary authorities `UK-C-<slug>` (level DISTRICT),
 * councils by their official ABS LGA or ONS LAD code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { parseCsvRecords } from './csv.ts';
import { dataDir } from './paths.ts';
import { slug } from './text.ts';

export type AreaLevel = 'STATE' | 'DISTRICT' | 'COUNCIL';
export type Country = 'AU' | 'UK';

export interface AreaRecord {
  code: string;
  name: string;
  level: AreaLevel;
  country: Country;
  /** State (AU) or region (UK) code this area is in; a state's own code for a state. */
  state: string;
  /** The area this one is PART_OF, null for states and regions. */
  parent: string | null;
}

export interface AreaCatalogue {
  areas: AreaRecord[];
  byCode: Map<string, AreaRecord>;
}

/** ABS state names to the ISO-like short codes used in area codes. */
const AU_STATES: Record<string, string> = {
  'New South Wales': 'NSW',
  Victoria: 'VIC',
  Queensland: 'QLD',
  'South Australia': 'SA',
  'Western Australia': 'WA',
  Tasmania: 'TAS',
  'Northern Territory': 'NT',
  'Australian Capital Territory': 'ACT',
  'Other Territories': 'OT'
};

export const NSW = 'AU-NSW';

export function nswDistrictCode(name: string): string {
  return `NSW-D-${slug(name)}`;
}

export interface AreaFiles {
  auLga: string;
  nswDistricts: string;
  ukLocalAuthorities: string;
}

export function readAreaFiles(dir = dataDir('areas')): AreaFiles {
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  return {
    auLga: read('au-lga.csv'),
    nswDistricts: read('nsw-districts.csv'),
    ukLocalAuthorities: read('uk-local-authorities.csv')
  };
}

/** Builds the catalogue; throws when the files disagree (a NSW council without a district...). */
export function parseAreas(files: AreaFiles = readAreaFiles()): AreaCatalogue {
  const areas: AreaRecord[] = [];
  const byCode = new Map<string, AreaRecord>();
  const add = (area: AreaRecord) => {
    const existing = byCode.get(area.code);
    if (existing) {
      if (existing.name !== area.name || existing.parent !== area.parent) {
        throw new Error(`Area code ${area.code} is used for "${existing.name}" and "${area.name}"`);
      }
      return;
    }
    byCode.set(area.code, area);
    areas.push(area);
  };

  const districtOf = new Map<string, string>();
  for (const row of parseCsvRecords(files.nswDistricts, [
    'district_name',
    'lga_code',
    'lga_name'
  ])) {
    const code = nswDistrictCode(row.district_name);
    add({
      code,
      name: row.district_name,
      level: 'DISTRICT',
      country: 'AU',
      state: NSW,
      parent: NSW
    });
    districtOf.set(row.lga_code, code);
  }
  // States first in the list reads better; order does not matter to the loader.
  const states: AreaRecord[] = [];
  for (const row of parseCsvRecords(files.auLga, [
    'state_code',
    'state_name',
    'lga_code',
    'lga_name'
  ])) {
    const short = AU_STATES[row.state_name];
    if (!short) throw new Error(`Unknown Australian state "${row.state_name}" in au-lga.csv`);
    const state = `AU-${short}`;
    if (!byCode.has(state)) {
      const record: AreaRecord = {
        code: state,
        name: row.state_name,
        level: 'STATE',
        country: 'AU',
        state,
        parent: null
      };
      add(record);
      states.push(record);
    }
    let parent = state;
    if (state === NSW) {
      const district = districtOf.get(row.lga_code);
      if (!district)
        throw new Error(
          `NSW council ${row.lga_code} ${row.lga_name} has no district in nsw-districts.csv`
        );
      parent = district;
    }
    add({ code: row.lga_code, name: row.lga_name, level: 'COUNCIL', country: 'AU', state, parent });
  }
  for (const lga of districtOf.keys()) {
    if (byCode.get(lga)?.level !== 'COUNCIL')
      throw new Error(`nsw-districts.csv lists ${lga}, which is not in au-lga.csv`);
  }

  for (const row of parseCsvRecords(files.ukLocalAuthorities, [
    'region',
    'county_or_unitary',
    'lad_code',
    'lad_name'
  ])) {
    const region = `UK-R-${slug(row.region)}`;
    add({
      code: region,
      name: row.region,
      level: 'STATE',
      country: 'UK',
      state: region,
      parent: null
    });
    const county = `UK-C-${slug(row.county_or_unitary)}`;
    add({
      code: county,
      name: row.county_or_unitary,
      level: 'DISTRICT',
      country: 'UK',
      state: region,
      parent: region
    });
    add({
      code: row.lad_code,
      name: row.lad_name,
      level: 'COUNCIL',
      country: 'UK',
      state: region,
      parent: county
    });
  }
  return { areas, byCode };
}

/** The everyday name of a council for agency and school names: "Campbelltown (NSW)" -> "Campbelltown". */
export function placeName(area: AreaRecord): string {
  return area.name
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/, (City|County) of$/, '')
    .trim();
}

/** The chain of codes from a council up to its state or region, the council first. */
export function ancestors(catalogue: AreaCatalogue, code: string): string[] {
  const chain: string[] = [];
  let current = catalogue.byCode.get(code);
  while (current) {
    chain.push(current.code);
    current = current.parent ? catalogue.byCode.get(current.parent) : undefined;
  }
  return chain;
}

const MERGE_AREAS = `
UNWIND $rows AS r
MERGE (a:Area {id: r.code})
SET a.code = r.code, a.name = r.name, a.level = r.level, a.country = r.country, a.state = r.state`;

// Exactly one PART_OF per area: a parent that changed in the CSVs replaces the old one.
const MERGE_PART_OF = `
UNWIND $rows AS r
MATCH (c:Area {id: r.code})
MATCH (p:Area {id: r.parent})
MERGE (c)-[:PART_OF]->(p)
WITH c, p
MATCH (c)-[old:PART_OF]->(o:Area)
WHERE o <> p
DELETE old`;

/** Loads (or refreshes) every Area and PART_OF. Idempotent: MERGE on the code. */
export async function loadAreas(
  driver: Driver,
  database: string,
  catalogue: AreaCatalogue = parseAreas()
): Promise<{ areas: number; nodesCreated: number; relationshipsCreated: number }> {
  const rows = catalogue.areas.map(({ code, name, level, country, state }) => ({
    code,
    name,
    level,
    country,
    state
  }));
  const links = catalogue.areas
    .filter((a) => a.parent !== null)
    .map((a) => ({ code: a.code, parent: a.parent }));
  const first = await driver.executeQuery(MERGE_AREAS, { rows }, { database, routing: 'WRITE' });
  const second = await driver.executeQuery(
    MERGE_PART_OF,
    { rows: links },
    { database, routing: 'WRITE' }
  );
  const a = first.summary.counters.updates();
  const b = second.summary.counters.updates();
  return {
    areas: rows.length,
    nodesCreated: a.nodesCreated + b.nodesCreated,
    relationshipsCreated: a.relationshipsCreated + b.relationshipsCreated
  };
}
