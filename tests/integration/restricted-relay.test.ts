/**
 * "Ask them to contact me" (askRestrictedToContact, DESIGN.md rule 3) and "team facts" (the
 * reason given on joining, shown to the team), end to end: the command's Event, the Redis job
 * payloads (ids only), the real fan-out and email workers (on this file's own BullMQ prefix) and
 * the real Resend transport against the fake Resend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import type { Viewer } from '../../src/lib/server/graphql/viewer.ts';
import { closeQueues, getEventsQueue } from '../../src/lib/server/queues.ts';
import { askRestrictedToContact, RELAY_KIND } from '../../src/lib/server/teams/ask-restricted.ts';
import { emailTeam } from '../../src/lib/server/teams/email-team.ts';
import { joinTeam } from '../../src/lib/server/teams/join-team.ts';
import { jobId } from '../../workers/catalogue.ts';
import {
  cleanupFixture,
  createAttention,
  createTeam,
  type Fixture
} from '../support/alert-fixtures.ts';
import { closeTestDriver } from '../support/db.ts';
import { startAlertPipeline, type AlertPipeline } from '../support/alert-pipeline.ts';
import type { AcceptedEmail } from '../support/fake-resend.ts';

const driver = () => getDriver();
const db = () => database();

let pipeline: AlertPipeline;
let team: Fixture;
let solo: Fixture;
const ASKER_PHONE = '0455 123 987';

const member = (key: string) => team.members[key]!;
const as = (id: string): Viewer => ({ id, roles: ['practitioner'] });

async function relayEvents(actorId: string, clientId: string) {
  const { records } = await driver().executeQuery(
    `MATCH (e:Event {clientId: $clientId, type: $kind, actorId: $actorId})
     RETURN e.id AS id, e.data AS data, e.subjectId AS subjectId, e.outbox AS outbox`,
    { clientId, kind: RELAY_KIND, actorId },
    { database: db() }
  );
  return records.map((r) => r.toObject() as Record<string, unknown>);
}

/** Delivers an event through this file's workers and returns the emails it produced. */
async function deliver(eventId: string): Promise<AcceptedEmail[]> {
  return pipeline.deliver([eventId], 'the event');
}

beforeAll(async () => {
  pipeline = await startAlertPipeline('restricted-relay');
  team = await createTeam(driver(), db(), [
    { key: 'A', name: 'Avery Asker' },
    { key: 'B', name: 'Blake Member' },
    { key: 'C', name: 'Casey Restricted', restricted: true },
    { key: 'D', name: 'Devon Restricted', restricted: true },
    { key: 'F', name: 'Finley Former', restricted: true, former: true },
    { key: 'O', name: 'Olive Outsider', former: true }
  ]);
  await driver().executeQuery(
    'MATCH (p:Practitioner {id: $id}) SET p.phone = $phone',
    { id: member('A').id, phone: ASKER_PHONE },
    { database: db() }
  );
  solo = await createTeam(driver(), db(), [{ key: 'S', name: 'Sam Plain' }]);
});

afterAll(async () => {
  await pipeline?.close();
  if (team) await cleanupFixture(driver(), db(), team);
  if (solo) await cleanupFixture(driver(), db(), solo);
  await closeQueues();
  await closeTestDriver();
});

describe('askRestrictedToContact', () => {
  let eventId: string;

  it('records the relay as an outbox Event with ids only', async () => {
    const answer = await askRestrictedToContact(as(member('A').id), { clientId: team.clientId });
    expect(answer).toEqual({ sent: true });
    const recorded = await relayEvents(member('A').id, team.clientId);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ data: '{}', subjectId: null, outbox: true });
    eventId = recorded[0]!.id as string;
  });

  it('puts nothing but ids in the Redis job', async () => {
    const job = await getEventsQueue().getJob(jobId(eventId));
    expect(job).toBeTruthy();
    const payload = JSON.stringify(job!.data);
    expect(payload).toContain(eventId);
    for (const secret of ['Avery Asker', ASKER_PHONE, member('A').email, 'Agency A']) {
      expect(payload).not.toContain(secret);
    }
  });

  it('emails the asker’s name, agency and phone to the current restricted members only', async () => {
    const emails = await deliver(eventId);
    expect(emails.flatMap((e) => e.to).sort()).toEqual(
      [member('C').email, member('D').email].sort()
    );
    for (const message of emails) {
      const all = `${message.subject}\n${message.html}\n${message.text}`;
      expect(all).toContain('Avery Asker');
      expect(all).toContain(`Agency A`);
      expect(all).toContain(ASKER_PHONE);
      expect(all).toContain('Alex B.');
      // Rule 6: the client by first name and initial only; rule 3: no restricted member named.
      expect(all).not.toContain(team.familyName);
      expect(all).not.toContain('Casey Restricted');
      expect(all).not.toContain('Devon Restricted');
    }
    // The email jobs carried notification ids only.
    const jobs = await pipeline.producer.queues.email.getJobs([
      'completed',
      'waiting',
      'active',
      'delayed'
    ]);
    const mine = jobs.filter((j) => JSON.stringify(j.data).includes(eventId));
    expect(mine.length).toBe(2);
    for (const job of mine) expect(JSON.stringify(job.data)).not.toContain(ASKER_PHONE);
  });

  it('asking again the same day answers the same and sends nothing more', async () => {
    const again = await askRestrictedToContact(as(member('A').id), { clientId: team.clientId });
    expect(again).toEqual({ sent: true });
    expect(await relayEvents(member('A').id, team.clientId)).toHaveLength(1);
    // Another member has their own allowance.
    await askRestrictedToContact(as(member('B').id), { clientId: team.clientId });
    expect(await relayEvents(member('B').id, team.clientId)).toHaveLength(1);
  });

  it('refuses non-members as every team command does, through /graphql too', async () => {
    const outsider = member('O').id;
    await expect(
      askRestrictedToContact(as(outsider), { clientId: team.clientId })
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const viaApi = await executeGraphQL<{
      askRestrictedToContact: { ok: boolean; code: string | null; sent: boolean };
    }>(
      as(outsider),
      'mutation A($id: ID!) { askRestrictedToContact(clientId: $id) { ok code sent } }',
      { id: team.clientId }
    );
    expect(viaApi.askRestrictedToContact).toEqual({ ok: false, code: 'FORBIDDEN', sent: false });
    expect(await relayEvents(outsider, team.clientId)).toEqual([]);
  });

  it('says there is nobody to ask on a team without a restricted service', async () => {
    await expect(
      askRestrictedToContact(as(solo.members.S!.id), { clientId: solo.clientId })
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await relayEvents(solo.members.S!.id, solo.clientId)).toEqual([]);
  });
});

describe('the reason given on joining is shown to the team', () => {
  const TEAM = `query T($id: ID!) {
    client(id: $id) { id team { masked name reason } }
    clientTimeline(clientId: $id) { kind actorMasked actorName detail }
  }`;
  type TeamAnswer = {
    client: { team: { masked: boolean; name: string | null; reason: string | null }[] } | null;
    clientTimeline: {
      kind: string;
      actorMasked: boolean;
      actorName: string | null;
      detail: string | null;
    }[];
  };

  it('on the member card, in the activity and in the join email; never for a masked join', async () => {
    const joiner = member('O').id;
    const reason = 'School wellbeing lead for the younger sibling';
    const joined = await joinTeam({ viewerId: joiner, clientId: team.clientId, reason });
    expect(joined.ok).toBe(true);
    const seen = await executeGraphQL<TeamAnswer>(as(member('B').id), TEAM, { id: team.clientId });
    const card = seen.client!.team.find((m) => m.name === 'Olive Outsider');
    expect(card?.reason).toBe(reason);
    expect(seen.client!.team.filter((m) => m.masked)).toEqual([
      { masked: true, name: null, reason: null }
    ]);
    const entry = seen.clientTimeline.find(
      (e) => e.kind === 'team.joined' && e.actorName === 'Olive Outsider'
    );
    expect(entry?.detail).toBe(reason);
    // Restricted members' joins carry no reason.
    for (const e of seen.clientTimeline.filter((x) => x.kind === 'team.joined' && x.actorMasked)) {
      expect(e.detail).toBeNull();
    }
    if (!joined.ok) return;
    const emails = await deliver(joined.eventId);
    expect(emails.length).toBeGreaterThan(0);
    for (const message of emails) expect(message.text).toContain(reason);
  });

  it('a restricted join’s reason reaches nobody', async () => {
    const reason = 'Refuge outreach worker for mum';
    const restrictedJoiner = member('F').id;
    const joined = await joinTeam({
      viewerId: restrictedJoiner,
      clientId: team.clientId,
      reason,
      restricted: true
    });
    expect(joined.ok).toBe(true);
    const seen = await executeGraphQL<TeamAnswer>(as(member('B').id), TEAM, { id: team.clientId });
    expect(JSON.stringify(seen)).not.toContain(reason);
    if (!joined.ok) return;
    const emails = await deliver(joined.eventId);
    expect(emails.length).toBeGreaterThan(0);
    for (const message of emails) {
      expect(`${message.subject}\n${message.html}\n${message.text}`).not.toContain(reason);
      expect(message.text).not.toContain('Finley Former');
    }
  });
});

describe('Email the whole team, as a restricted member', () => {
  const audits = async (actorId: string) => {
    const { records } = await driver().executeQuery(
      `MATCH (e:Event:Audit {type: 'team.emailed', actorId: $actorId, clientId: $clientId})
       RETURN count(e) AS n`,
      { actorId, clientId: team.clientId },
      { database: db() }
    );
    return Number(records[0]?.get('n'));
  };

  it('is refused until they accept that their mail client shows who they are', async () => {
    const restricted = member('C').id;
    await expect(emailTeam(as(restricted), { clientId: team.clientId })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('would see who you are') as unknown
    });
    expect(await audits(restricted)).toBe(0);
    const sent = await emailTeam(as(restricted), { clientId: team.clientId, revealSelf: true });
    expect(sent.emails).toContain(member('A').email);
    expect(sent.emails).not.toContain(member('D').email);
    expect(await audits(restricted)).toBe(1);
  });

  it('tells others that restricted services were left out, never how many', async () => {
    const sent = await emailTeam(as(member('B').id), { clientId: team.clientId });
    expect(sent.restrictedMembers).toBe(1);
    expect(sent.emails).not.toContain(member('C').email);
    expect(sent.emails).not.toContain(member('D').email);
  });
});

describe('who acknowledged, as the raiser sees it', () => {
  it('lists restricted acknowledgers once, with nothing that names their service', async () => {
    const attentionId = await createAttention(driver(), db(), team, 'B');
    await driver().executeQuery(
      `MATCH (at:Attention {id: $id}) UNWIND $ackers AS acker
       MATCH (p:Practitioner {id: acker}) CREATE (p)-[:ACKNOWLEDGED {at: datetime()}]->(at)`,
      { id: attentionId, ackers: [member('A').id, member('C').id, member('D').id] },
      { database: db() }
    );
    const board = await executeGraphQL<{
      attentionBoard: {
        attentions: {
          id: string;
          acknowledgedCount: number;
          acknowledgements: { masked: boolean; name: string | null; dutyPhone: string | null }[];
        }[];
      };
    }>(
      as(member('B').id),
      `query B($id: ID!) { attentionBoard(clientId: $id) { attentions {
        id acknowledgedCount acknowledgements { masked name agency dutyPhone }
      } } }`,
      { id: team.clientId }
    );
    const attention = board.attentionBoard.attentions.find((a) => a.id === attentionId)!;
    // Acknowledged at the same instant here, so in no particular order.
    expect(attention.acknowledgements).toHaveLength(2);
    expect(attention.acknowledgements).toEqual(
      expect.arrayContaining([
        {
          masked: false,
          name: 'Avery Asker',
          agency: expect.any(String) as unknown,
          dutyPhone: null
        },
        { masked: true, name: null, agency: null, dutyPhone: null }
      ])
    );
    expect(JSON.stringify(board)).not.toContain('Safe Haven');
  });
});
