/**
 * A practitioner of the fuzz files' own, on one client's team, signed in over HTTP: no file
 * borrows a demo account (whose sign-ins other files may lock) or another file's session.
 */
import { afterAll, beforeAll } from 'vitest';
import { hashPassword } from '../../../src/lib/server/auth/password.ts';
import { closeTestDriver, testDatabase, testDriver } from '../../support/db.ts';
import { signIn } from '../../support/http.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  removeFixture,
  run
} from '../../integration/team-fixtures.ts';
import type { Place } from './cases.ts';

export const FUZZ_PASSWORD = 'fuzz harbour kettle 2026';

export interface FuzzFixture {
  place: Place;
  email: string;
  cookie: string;
  remove: () => Promise<void>;
}

export async function fuzzFixture(baseUrl: string, signedIn = true): Promise<FuzzFixture> {
  const fixture = await createFixture();
  const who = await addPractitioner(fixture, 'Fuzz Practitioner');
  await run('MATCH (p:Practitioner {id: $id}) SET p.passwordHash = $hash', {
    id: who.id,
    hash: await hashPassword(FUZZ_PASSWORD)
  });
  const client = await addClient(fixture, 'Fuzzy');
  await addMember(who.id, client.id, { lead: true });
  return {
    place: { clientId: client.id, agencyId: fixture.agencyId },
    email: who.email,
    cookie: signedIn ? await signIn(baseUrl, who.email, FUZZ_PASSWORD) : '',
    remove: async () => {
      // Anything the fuzz made despite the refusals would be about the fixture's client.
      await run('MATCH (e:Event) WHERE e.actorId = $id DETACH DELETE e', { id: who.id });
      await removeFixture(fixture);
    }
  };
}

/**
 * The fixture of the describe block this is called in: made before its tests, removed after.
 * Read it inside a test (the getter), once beforeAll has run.
 */
export function useFuzzFixture(baseUrl: string): () => FuzzFixture {
  let fx: FuzzFixture | undefined;
  beforeAll(async () => {
    fx = await fuzzFixture(baseUrl);
  });
  afterAll(async () => {
    await fx?.remove();
    await closeTestDriver();
  });
  return () => {
    if (!fx) throw new Error('The fuzz fixture was not made: see the beforeAll error.');
    return fx;
  };
}

/** Nodes and relationships outside the event log: a refused input may add to neither. */
export async function storedCounts(): Promise<{ nodes: number; rels: number }> {
  const { records } = await testDriver().executeQuery(
    `CALL () { MATCH (n) WHERE NOT n:Event AND NOT n:Migration RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
     RETURN nodes, rels`,
    {},
    { database: testDatabase() }
  );
  return { nodes: records[0]!.get('nodes') as number, rels: records[0]!.get('rels') as number };
}
