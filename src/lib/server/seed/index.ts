/**
 * Demo data for Teamaround: the real area hierarchy plus a deterministic, realistic network of
 * agencies, practitioners, clients, families, teams and attentions. `npm run seed` drives it;
 * `npm start` seeds the default demo on an empty database.
 */
import type { Driver } from 'neo4j-driver';
import { hashPassword } from '../auth/password.ts';
import { loadAreas as loadAreaCatalogue, parseAreas } from './areas.ts';
import { type SeedPlan, createPlan, households } from './generator.ts';
import { Progress, formatCount } from './progress.ts';
import { addHouseholdRows, agencyRow, emptyRows, practitionerRow } from './rows.ts';
import {
  CREATE_AGENCIES,
  CREATE_ATTENTIONS,
  CREATE_AUTO_COVERS,
  CREATE_CIRCLE,
  CREATE_CLIENTS,
  CREATE_LEADS,
  CREATE_MEMBERSHIPS,
  CREATE_PRACTITIONERS,
  GraphWriter
} from './writer.ts';

export { DEMO_ACCOUNTS } from './demo-accounts.ts';
export { wipeDatabase } from './wipe.ts';
export { createPlan, households } from './generator.ts';

/** Clients per transaction: ~5,000 clients is ~25,000 nodes and relationships. */
const CLIENT_CHUNK = 5_000;
const PRACTITIONER_CHUNK = 10_000;

export interface SeedOptions {
  clients: number;
  seed: number;
  demoPassword: string;
  /** Draw a progress bar on stderr (default: when stderr is a terminal). */
  progress?: boolean;
  log?: (line: string) => void;
  /** The generator's "today" (default now); fixed in tests for identical output. */
  now?: Date;
}

export interface SeedResult {
  nodes: number;
  relationships: number;
  seconds: number;
}

/** Seeding refused (the database already holds data): the message says what to do. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

/** Loads (or refreshes) every Area and PART_OF from data/areas. Idempotent. */
export async function loadAreas(driver: Driver, database: string): Promise<{ areas: number }> {
  const { areas } = await loadAreaCatalogue(driver, database);
  return { areas };
}

/** Whether any client, practitioner or agency exists (areas and migrations do not count). */
export async function hasData(driver: Driver, database: string): Promise<boolean> {
  const { records } = await driver.executeQuery(
    'RETURN EXISTS { MATCH (:Client) } OR EXISTS { MATCH (:Practitioner) } OR EXISTS { MATCH (:Agency) } AS any',
    {},
    { database, routing: 'READ' }
  );
  return records[0]?.get('any') === true;
}

function rate(count: number, seconds: number): string {
  return formatCount(seconds > 0 ? count / seconds : 0);
}

export async function seedDatabase(
  driver: Driver,
  database: string,
  opts: SeedOptions
): Promise<SeedResult> {
  const started = Date.now();
  const log = opts.log ?? ((line: string) => console.log(line));
  const elapsed = () => (Date.now() - started) / 1000;
  if (!Number.isInteger(opts.clients) || opts.clients < 0)
    throw new SeedError(`The number of clients must be a whole number >= 0 (got ${opts.clients}).`);
  if (await hasData(driver, database)) {
    throw new SeedError(
      'The database already has clients, practitioners or agencies, so demo data was not added on top. Run the seed with --reset to wipe everything but the migration records first.'
    );
  }

  const catalogue = parseAreas();
  const areaResult = await loadAreaCatalogue(driver, database, catalogue);
  log(`Areas: ${formatCount(areaResult.areas)} (states, districts and council areas)`);

  const plan = createPlan({ clients: opts.clients, seed: opts.seed, now: opts.now, catalogue });
  const writer = new GraphWriter(driver, database);
  writer.counts.nodes += areaResult.nodesCreated;
  writer.counts.relationships += areaResult.relationshipsCreated;

  await writer.writeChunked(
    CREATE_AGENCIES,
    plan.agencies.map((a) => agencyRow(a, plan.agencyCreatedAt[a.index] ?? plan.now)),
    2_000
  );
  log(`Agencies: ${formatCount(plan.agencies.length)}`);

  await writePractitioners(plan, writer, await hashPassword(opts.demoPassword), opts.progress, log);
  await writeHouseholds(plan, writer, opts.progress, log, started);
  await writeCovers(plan, writer);

  const seconds = elapsed();
  return { nodes: writer.counts.nodes, relationships: writer.counts.relationships, seconds };
}

/**
 * Practitioners with WORKS_AT and the COVERS of their agency's areas. Only the demo accounts get
 * a password hash (hashed once: argon2id is deliberately slow); generated practitioners cannot
 * sign in, which keeps a million-client seed fast and leaves no guessable accounts behind.
 */
async function writePractitioners(
  plan: SeedPlan,
  writer: GraphWriter,
  demoHash: string,
  bar: boolean | undefined,
  log: (line: string) => void
): Promise<void> {
  const rows = plan.practitioners.map((p) => {
    const agency = plan.agencies[p.agency];
    if (!agency) throw new Error(`practitioner ${p.email} has no agency`);
    return practitionerRow(p, agency, p.demo ? demoHash : null);
  });
  const progress = new Progress('Practitioners', rows.length, { bar, log });
  await writer.writeChunked(CREATE_PRACTITIONERS, rows, PRACTITIONER_CHUNK, (done) =>
    progress.update(done)
  );
  progress.finish();
  const leads = plan.practitioners
    .filter((p) => p.leads.length > 0)
    .map((p) => ({ id: p.id, leads: p.leads }));
  await writer.write([{ query: CREATE_LEADS, rows: leads }]);
}

/**
 * Households are generated while the previous chunk is being written (one write in flight at a
 * time), so memory stays at two chunks whatever the number of clients.
 */
async function writeHouseholds(
  plan: SeedPlan,
  writer: GraphWriter,
  bar: boolean | undefined,
  log: (line: string) => void,
  started: number
): Promise<void> {
  const idOf = (i: number) => {
    const p = plan.practitioners[i];
    if (!p) throw new Error(`no practitioner ${i}`);
    return p.id;
  };
  const progress = new Progress('Clients', plan.clients, { bar, log });
  const extra = () => {
    const s = (Date.now() - started) / 1000;
    return `${rate(writer.counts.nodes, s)} nodes/s, ${rate(writer.counts.relationships, s)} rels/s`;
  };
  let rows = emptyRows();
  let pending = 0;
  let written = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = rows;
    const count = pending;
    rows = emptyRows();
    pending = 0;
    await inFlight;
    inFlight = writer
      .write([
        { query: CREATE_CLIENTS, rows: batch.clients },
        { query: CREATE_MEMBERSHIPS, rows: batch.memberships },
        { query: CREATE_CIRCLE, rows: batch.circle },
        { query: CREATE_ATTENTIONS, rows: batch.attentions }
      ])
      .then(() => {
        written += count;
        progress.update(Math.min(written, plan.clients), extra());
      });
    // A failure surfaces at the next `await inFlight`; this only stops an "unhandled" warning.
    inFlight.catch(() => undefined);
  };

  let sinceYield = 0;
  for (const household of households(plan)) {
    addHouseholdRows(rows, household, idOf);
    pending += household.family.people.length;
    if (pending >= CLIENT_CHUNK) await flush();
    // Let the driver's socket I/O run while we generate, so writing and generating overlap.
    if (++sinceYield >= 200) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (pending > 0) await flush();
  await inFlight;
  progress.finish();
}

/** COVERS (source AUTO) for the council areas of each practitioner's clients. */
async function writeCovers(plan: SeedPlan, writer: GraphWriter): Promise<void> {
  const rows: { p: string; codes: string[] }[] = [];
  for (const [index, councils] of plan.covers) {
    const p = plan.practitioners[index];
    const agency = p ? plan.agencies[p.agency] : undefined;
    if (!p || !agency) continue;
    const codes = [...councils]
      .filter((c) => !agency.serves.includes(c) && !p.profileAreas.includes(c))
      .sort();
    if (codes.length > 0) rows.push({ p: p.id, codes });
  }
  await writer.writeChunked(CREATE_AUTO_COVERS, rows, PRACTITIONER_CHUNK);
}
