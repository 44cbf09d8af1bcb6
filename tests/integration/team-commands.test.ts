/**
 * Team commands against a real Neo4j: leaving, confirming involvement,
 * editing the client's details and an address withheld for safety (DESIGN.md rules 2-5). Each
 * command writes its Event in the same transaction and publishes it after commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestDriver } from '../support/db.ts';
import { executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';
import { CommandError } from '../../src/lib/server/teams/command-support.ts';
import { leaveTeam } from '../../src/lib/server/teams/leave-team.ts';
import { confirmInvolvement, isStale } from '../../src/lib/server/teams/confirm-involvement.ts';
import { updateClient } from '../../src/lib/server/clients/update-client.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  eventsFor,
  removeFixture,
  run,
  viewer
} from './team-fixtures.ts';

let fixture: Awaited<ReturnType<typeof createFixture>>;
type Person = Awaited<ReturnType<typeof addPractitioner>>;
let alex: Person, lee: Person, eve: Person, rita: Person, nobody: Person;

beforeAll(async () => {
  fixture = await createFixture();
  alex = await addPractitioner(fixture, 'Alex Member');
  lee = await addPractitioner(fixture, 'Lee Lead');
  eve = await addPractitioner(fixture, 'Eve Member');
  rita = await addPractitioner(fixture, 'Rita Restricted', { sensitive: true });
  nobody = await addPractitioner(fixture, 'Nobody Outsider');
});

afterAll(async () => {
  if (fixture) await removeFixture(fixture);
  await closeQueues();
  await closeTestDriver();
});

async function newTeam(givenName: string) {
  const client = await addClient(fixture, givenName);
  await addMember(alex.id, client.id);
  await addMember(lee.id, client.id, { lead: true });
  await addMember(eve.id, client.id);
  await addMember(rita.id, client.id, { restricted: true });
  return client;
}

async function membership(practitionerId: string, clientId: string) {
  const rows = await run(
    `MATCH (:Practitioner {id: $practitionerId})-[m:MEMBER_OF]->(:Client {id: $clientId})
     RETURN m.until IS NOT NULL AS ended, coalesce(m.lead, false) AS lead,
       toString(m.lastConfirmedAt) AS lastConfirmedAt
     ORDER BY m.since DESC LIMIT 1`,
    { practitionerId, clientId }
  );
  return rows[0] as { ended: boolean; lead: boolean; lastConfirmedAt: string | null };
}

async function refusal(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(CommandError);
  return error as CommandError;
}

const TEAM_QUERY = `query Team($id: ID!) {
  client(id: $id) {
    id
    viewerIsMember
    team { masked name lead }
  }
}`;
type TeamResult = {
  client: {
    viewerIsMember: boolean;
    team: { masked: boolean; name: string | null; lead: boolean }[];
  } | null;
};

describe('leaveTeam', () => {
  it('ends the membership at once, keeps the history, clears the lead and tells the team', async () => {
    const client = await newTeam('Leaving');
    await leaveTeam(viewer(lee.id), { clientId: client.id });

    expect(await membership(lee.id, client.id)).toMatchObject({ ended: true, lead: false });
    const read = await executeGraphQL<TeamResult>(viewer(lee.id), TEAM_QUERY, { id: client.id });
    expect(read.client?.viewerIsMember).toBe(false);
    expect(read.client?.team).toEqual([]);

    const events = (await eventsFor([client.id])).filter((e) => e.type === 'team.left');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: lee.id,
      subjectId: lee.id,
      outbox: true,
      published: true
    });
    expect(JSON.parse(events[0]?.data ?? '{}')).toEqual({ wasLead: true });
  });

  it('refuses someone who is not (or no longer) a member', async () => {
    const client = await newTeam('NotMine');
    expect((await refusal(leaveTeam(viewer(nobody.id), { clientId: client.id }))).code).toBe(
      'FORBIDDEN'
    );
    await leaveTeam(viewer(eve.id), { clientId: client.id });
    expect((await refusal(leaveTeam(viewer(eve.id), { clientId: client.id }))).code).toBe(
      'FORBIDDEN'
    );
  });
});

// The lead professional's appointment (handover, nomination, confirmation) is tested in
// lead-appointment.test.ts.

describe('confirmInvolvement', () => {
  it('records the confirmation without alerting anybody', async () => {
    const client = await newTeam('Confirm');
    const before = Date.now();
    const { confirmedAt } = await confirmInvolvement(viewer(eve.id), { clientId: client.id });
    expect(new Date(confirmedAt).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect((await membership(eve.id, client.id)).lastConfirmedAt).toBe(confirmedAt);
    const [event] = (await eventsFor([client.id])).filter((e) => e.type === 'team.confirmed');
    expect(event).toMatchObject({ actorId: eve.id, outbox: false });
    expect(
      (await refusal(confirmInvolvement(viewer(nobody.id), { clientId: client.id }))).code
    ).toBe('FORBIDDEN');
  });

  it('calls a membership stale after six months without confirmation', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(isStale('2026-05-24T12:00:00Z', now)).toBe(true);
    expect(isStale('2026-05-26T12:00:00Z', now)).toBe(false);
    expect(isStale(null, now)).toBe(false);
  });
});

describe('updateClient', () => {
  it('changes the details and records only the names of the changed fields', async () => {
    const client = await newTeam('Edit');
    const { changed } = await updateClient(viewer(alex.id), {
      clientId: client.id,
      details: {
        givenName: 'Edited',
        familyName: client.familyName,
        preferredName: 'Eddie',
        aliases: ['Ed Secret', ' Ed  Secret ', 'Teddy'],
        dob: '2013-07-08',
        councilCode: fixture.otherAreaCode
      }
    });
    expect(changed).toEqual(['givenName', 'preferredName', 'aliases', 'dob', 'councilCode']);
    const [row] = await run(
      `MATCH (c:Client {id: $id})-[:LIVES_IN]->(a:Area)
       RETURN c.givenName AS givenName, c.preferredName AS preferredName, c.aliases AS aliases,
         c.aliasesText AS aliasesText, toString(c.dob) AS dob, c.councilCode AS councilCode,
         collect(a.code) AS livesIn`,
      { id: client.id }
    );
    expect(row).toEqual({
      givenName: 'Edited',
      preferredName: 'Eddie',
      aliases: ['Ed Secret', 'Teddy'],
      aliasesText: 'Ed Secret Teddy',
      dob: '2013-07-08',
      councilCode: fixture.otherAreaCode,
      livesIn: [fixture.otherAreaCode]
    });
    const events = (await eventsFor([client.id])).filter((e) => e.type === 'client.updated');
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.data ?? '{}')).toEqual({ fields: changed });
    for (const value of ['Edited', 'Eddie', 'Ed Secret', '2013', fixture.otherAreaCode]) {
      expect(events[0]?.data).not.toContain(value);
    }
  });

  it('writes nothing when nothing changed and refuses bad input and non-members', async () => {
    const client = await newTeam('NoChange');
    expect(
      await updateClient(viewer(alex.id), {
        clientId: client.id,
        details: { givenName: client.givenName, dob: '2012-05-06' }
      })
    ).toEqual({ changed: [] });
    expect((await eventsFor([client.id])).filter((e) => e.type === 'client.updated')).toEqual([]);

    for (const details of [
      { dob: '2012-02-30' },
      { dob: '2999-01-01' },
      { givenName: '  ' },
      { councilCode: 'NOPE' }
    ]) {
      const error = await refusal(updateClient(viewer(alex.id), { clientId: client.id, details }));
      expect(error.code).toBe('BAD_USER_INPUT');
    }
    const outsider = await refusal(
      updateClient(viewer(nobody.id), { clientId: client.id, details: { givenName: 'Hacked' } })
    );
    expect(outsider.code).toBe('FORBIDDEN');
  });
});

const ADDRESS_QUERY = `query Address($id: ID!) {
  client(id: $id) {
    id
    address { visible text withheldForSafety withheldBy { name } }
  }
}`;
type AddressResult = {
  client: {
    address: {
      visible: boolean;
      text: string | null;
      withheldForSafety: boolean;
      withheldBy: { name: string | null } | null;
    } | null;
  } | null;
};
const readAddress = async (who: string, clientId: string) =>
  (await executeGraphQL<AddressResult>(viewer(who), ADDRESS_QUERY, { id: clientId })).client
    ?.address;

describe('an address withheld for safety', () => {
  it('is seen only by the member who withheld it and the lead; others are told whom to ask', async () => {
    const client = await newTeam('Refuge');
    const text = `7 Quiet Street ${fixture.tag}`;
    const { changed } = await updateClient(viewer(alex.id), {
      clientId: client.id,
      details: { address: { text, withheldForSafety: true } }
    });
    expect(changed).toEqual(['address', 'address.withheldForSafety']);

    expect(await readAddress(alex.id, client.id)).toMatchObject({ visible: true, text });
    expect(await readAddress(lee.id, client.id)).toMatchObject({ visible: true, text });
    for (const other of [eve.id, rita.id]) {
      expect(await readAddress(other, client.id)).toEqual({
        visible: false,
        text: null,
        withheldForSafety: true,
        withheldBy: { name: alex.name }
      });
    }
    const [event] = (await eventsFor([client.id])).filter((e) => e.type === 'client.updated');
    expect(event?.data).not.toContain('Quiet');
  });

  it('can be changed or released only by that member or the lead', async () => {
    const client = await newTeam('Release');
    const text = `9 Hidden Road ${fixture.tag}`;
    await updateClient(viewer(alex.id), {
      clientId: client.id,
      details: { address: { text, withheldForSafety: true } }
    });
    const release = { address: { text, withheldForSafety: false } };
    const rewrite = { address: { text: 'Somewhere else', withheldForSafety: true } };
    for (const details of [release, rewrite]) {
      const error = await refusal(updateClient(viewer(eve.id), { clientId: client.id, details }));
      expect(error.code).toBe('FORBIDDEN');
    }
    // Submitting the form with the withheld address left untouched is not a change.
    expect(
      await updateClient(viewer(eve.id), {
        clientId: client.id,
        details: { givenName: 'Still', address: undefined }
      })
    ).toEqual({ changed: ['givenName'] });

    await updateClient(viewer(lee.id), { clientId: client.id, details: release });
    expect(await readAddress(eve.id, client.id)).toMatchObject({
      visible: true,
      text,
      withheldForSafety: false
    });
    const [row] = await run(
      `MATCH (:Client {id: $id})-[:HAS_ADDRESS]->(ad:Address) RETURN ad.withheldById AS by, count(*) AS n`,
      { id: client.id }
    );
    expect(row).toEqual({ by: null, n: 1 });
  });
});
