/**
 * The lead professional is appointed, never taken (DESIGN.md rule 4), against a real Neo4j and the
 * real alerts pipeline: nomination and confirmation by another agency, handover and acceptance,
 * declining and withdrawing, direct appointment by a local lead for the area, what leaving
 * cancels, and every refusal on the way. The end effects are checked: MEMBER_OF.lead and
 * leadSince, the LeadProposal node, the outbox Events, the address the new lead may see, and the
 * emails the workers send through the fake Resend.
 *
 * Agencies: X (Alex, Bea, Lila the local lead), Y (Cal, Dee), a sensitive one (Rita, restricted).
 * Bea withheld the address of every client here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import type { Viewer } from '../../src/lib/server/graphql/viewer.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';
import { CommandError } from '../../src/lib/server/teams/command-support.ts';
import {
  appointLead,
  confirmLead,
  declineLead,
  leadAppointment,
  proposeLead
} from '../../src/lib/server/teams/lead-appointment.ts';
import { leaveTeam } from '../../src/lib/server/teams/leave-team.ts';
import { closeTestDriver } from '../support/db.ts';
import { startAlertPipeline, type AlertPipeline } from '../support/alert-pipeline.ts';
import type { AcceptedEmail } from '../support/fake-resend.ts';
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

type Person = Awaited<ReturnType<typeof addPractitioner>>;
let fixture: Awaited<ReturnType<typeof createFixture>>;
let alex: Person, bea: Person, cal: Person, dee: Person, rita: Person, nobody: Person;
let lila: Person, otto: Person, ada: Person;
let otherAgency: string;
const clientIds: string[] = [];

let pipeline: AlertPipeline;

const asLead = (p: Person): Viewer => ({ id: p.id, roles: ['practitioner', 'lead'] });
const asAdmin = (p: Person): Viewer => ({ id: p.id, roles: ['admin'] });

beforeAll(async () => {
  pipeline = await startAlertPipeline('lead-appointment');

  fixture = await createFixture();
  otherAgency = randomUUID();
  fixture.ids.add(otherAgency);
  await run(
    `MATCH (a:Area {code: $area})
     CREATE (:Agency {id: $id, name: 'Eastside Housing ' + $tag, kind: 'HOUSING',
       phone: '02 9333 0000', dutyPhone: '02 9333 0001', sensitive: false})-[:SERVES]->(a)`,
    { area: fixture.areaCode, id: otherAgency, tag: fixture.tag }
  );
  alex = await addPractitioner(fixture, 'Alex Xavier');
  bea = await addPractitioner(fixture, 'Bea Xu');
  cal = await addPractitioner(fixture, 'Cal Young');
  dee = await addPractitioner(fixture, 'Dee Yates');
  rita = await addPractitioner(fixture, 'Rita Restricted', { sensitive: true });
  nobody = await addPractitioner(fixture, 'Nobody Outsider');
  lila = await addPractitioner(fixture, 'Lila Locallead');
  otto = await addPractitioner(fixture, 'Otto Otherlead');
  ada = await addPractitioner(fixture, 'Ada Admin');
  await run(
    `MATCH (p:Practitioner)-[w:WORKS_AT]->() WHERE p.id IN $ids DELETE w
     WITH DISTINCT p MATCH (a:Agency {id: $agency}) CREATE (p)-[:WORKS_AT {since: datetime()}]->(a)`,
    { ids: [cal.id, dee.id], agency: otherAgency }
  );
  // Lila leads the fixture's council; Otto leads another; Ada is an admin. None is on a team.
  await run(
    `MATCH (l:Practitioner {id: $lila}), (o:Practitioner {id: $otto}), (d:Practitioner {id: $ada})
     MATCH (a:Area {code: $area}), (b:Area {code: $other})
     SET l.roles = ['practitioner', 'lead'], o.roles = ['practitioner', 'lead'], d.roles = ['admin']
     CREATE (l)-[:LEADS]->(a), (o)-[:LEADS]->(b)`,
    {
      lila: lila.id,
      otto: otto.id,
      ada: ada.id,
      area: fixture.areaCode,
      other: fixture.otherAreaCode
    }
  );
});

afterAll(async () => {
  await pipeline?.close();
  if (fixture) {
    await run(
      `CALL () { MATCH (n:Notification) WHERE n.clientId IN $ids DETACH DELETE n }
       CALL () { MATCH (p:LeadProposal) WHERE p.clientId IN $ids DETACH DELETE p }`,
      { ids: clientIds }
    );
    await removeFixture(fixture);
  }
  await closeQueues();
  await closeTestDriver();
});

/** A team with no lead: Alex, Bea (who withheld the address), Cal, Dee and Rita (restricted). */
async function newTeam(givenName: string) {
  const client = await addClient(fixture, givenName, {
    address: { text: `12 Hidden Way ${givenName} ${fixture.tag}`, withheldById: bea.id }
  });
  clientIds.push(client.id);
  await addMember(alex.id, client.id);
  await addMember(bea.id, client.id);
  await addMember(cal.id, client.id);
  await addMember(dee.id, client.id);
  await addMember(rita.id, client.id, { restricted: true });
  return client;
}

async function refusal(promise: Promise<unknown>): Promise<CommandError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('Expected the command to be refused.');
}

async function leadsOf(clientId: string) {
  return run(
    `MATCH (p:Practitioner)-[m:MEMBER_OF]->(:Client {id: $id}) WHERE m.until IS NULL AND m.lead
     RETURN p.id AS id, m.leadSince IS NOT NULL AS hasSince, m.leadVia AS via,
       m.leadAppointedById AS by`,
    { id: clientId }
  );
}

async function proposals(clientId: string) {
  return run(
    `MATCH (p:LeadProposal {clientId: $id})
     RETURN p.id AS id, p.kind AS kind, p.status AS status, p.nomineeId AS nomineeId,
       p.proposedById AS proposedById, p.pendingFor IS NOT NULL AS pending, p.decidedById AS by
     ORDER BY p.createdAt`,
    { id: clientId }
  );
}

const ADDRESS = `query A($id: ID!) {
  client(id: $id) {
    id
    address { visible text }
    team { practitionerId lead leadSince }
  }
}`;

async function readAs(person: Person, clientId: string) {
  const data = await executeGraphQL<{
    client: {
      address: { visible: boolean; text: string | null };
      team: { practitionerId: string | null; lead: boolean; leadSince: string | null }[];
    } | null;
  }>(viewer(person.id), ADDRESS, { id: clientId });
  return data.client!;
}

async function leadEvents(clientId: string) {
  return (await eventsFor([clientId]))
    .filter((e) => e.type.startsWith('team.lead.'))
    .map((e) => ({
      type: e.type,
      actorId: e.actorId,
      subjectId: e.subjectId,
      outbox: e.outbox,
      data: JSON.parse(e.data) as Record<string, unknown>
    }));
}

/** Sends the client's outbox events through this file's workers; the emails they produced. */
async function deliver(clientId: string, type: string): Promise<AcceptedEmail[]> {
  const ids = (await eventsFor([clientId])).filter((e) => e.type === type).map((e) => e.id);
  expect(ids.length).toBeGreaterThan(0);
  return pipeline.deliver(ids, type);
}

describe('nomination, with no lead', () => {
  it('takes effect only when a member of another agency confirms; the new lead then sees the address', async () => {
    const client = await newTeam('Nominee');
    const { proposalId, kind } = await proposeLead(viewer(alex.id), {
      clientId: client.id,
      nomineeId: alex.id
    });
    expect(kind).toBe('NOMINATION');
    expect(await leadsOf(client.id)).toEqual([]);
    expect((await readAs(alex, client.id)).address).toEqual({ visible: false, text: null });
    expect(await proposals(client.id)).toEqual([
      {
        id: proposalId,
        kind: 'NOMINATION',
        status: 'PENDING',
        nomineeId: alex.id,
        proposedById: alex.id,
        pending: true,
        by: null
      }
    ]);

    // What each member is offered.
    const forAlex = await leadAppointment(alex.id, client.id);
    expect(forAlex?.proposal).toMatchObject({
      id: proposalId,
      viewerCanConfirm: false,
      viewerCanDecline: true,
      nominee: { practitionerId: alex.id, name: alex.name, isViewer: true }
    });
    expect((await leadAppointment(bea.id, client.id))?.proposal?.viewerCanConfirm).toBe(false);
    expect((await leadAppointment(cal.id, client.id))?.proposal?.viewerCanConfirm).toBe(true);
    expect((await leadAppointment(rita.id, client.id))?.proposal?.viewerCanConfirm).toBe(false);
    expect(await leadAppointment(nobody.id, client.id)).toBeNull();

    // Refused: the nominee, a colleague of the nominee's agency, a restricted member, a
    // non-member, a local lead of another area; a second nomination while one waits.
    const confirm = { clientId: client.id, proposalId };
    expect((await refusal(confirmLead(viewer(alex.id), confirm))).code).toBe('FORBIDDEN');
    expect((await refusal(confirmLead(viewer(bea.id), confirm))).message).toMatch(/another agency/);
    expect((await refusal(confirmLead(viewer(rita.id), confirm))).code).toBe('FORBIDDEN');
    expect((await refusal(confirmLead(viewer(nobody.id), confirm))).code).toBe('FORBIDDEN');
    expect((await refusal(confirmLead(asLead(otto), confirm))).code).toBe('FORBIDDEN');
    expect(
      (await refusal(proposeLead(viewer(cal.id), { clientId: client.id, nomineeId: cal.id }))).code
    ).toBe('BAD_USER_INPUT');
    expect(
      (await refusal(confirmLead(viewer(cal.id), { clientId: client.id, proposalId: 'nope' }))).code
    ).toBe('BAD_USER_INPUT');
    expect(await leadsOf(client.id)).toEqual([]);

    // Cal (another agency) confirms.
    expect(await confirmLead(viewer(cal.id), confirm)).toEqual({ leadId: alex.id });
    expect(await leadsOf(client.id)).toEqual([
      { id: alex.id, hasSince: true, via: 'confirmed', by: cal.id }
    ]);
    expect((await proposals(client.id))[0]).toMatchObject({
      status: 'CONFIRMED',
      pending: false,
      by: cal.id
    });
    const read = await readAs(alex, client.id);
    expect(read.address).toEqual({
      visible: true,
      text: `12 Hidden Way Nominee ${fixture.tag}`
    });
    const lead = read.team.find((m) => m.lead);
    expect(lead?.practitionerId).toBe(alex.id);
    expect(lead?.leadSince).toBeTruthy();
    expect(read.team.filter((m) => !m.lead).every((m) => m.leadSince === null)).toBe(true);
    expect((await readAs(cal, client.id)).address.visible).toBe(false);

    expect(await leadEvents(client.id)).toEqual([
      {
        type: 'team.lead.nominated',
        actorId: alex.id,
        subjectId: alex.id,
        outbox: true,
        data: { proposalId }
      },
      {
        type: 'team.lead.changed',
        actorId: cal.id,
        subjectId: alex.id,
        outbox: true,
        data: { proposalId, via: 'confirmed', previousLeadIds: [] }
      }
    ]);

    // With a lead, nobody else may nominate: only the lead hands over.
    expect(
      (await refusal(proposeLead(viewer(dee.id), { clientId: client.id, nomineeId: dee.id }))).code
    ).toBe('FORBIDDEN');
  });

  it('of another member: neither the nominator nor the nominee’s colleague confirms, another agency does', async () => {
    const client = await newTeam('Other');
    const { proposalId } = await proposeLead(viewer(cal.id), {
      clientId: client.id,
      nomineeId: bea.id
    });
    const confirm = { clientId: client.id, proposalId };
    expect((await refusal(confirmLead(viewer(cal.id), confirm))).message).toMatch(/Another member/);
    expect((await refusal(confirmLead(viewer(alex.id), confirm))).code).toBe('FORBIDDEN');
    expect((await refusal(confirmLead(viewer(bea.id), confirm))).code).toBe('FORBIDDEN');
    await confirmLead(viewer(dee.id), confirm);
    expect((await leadsOf(client.id)).map((l) => l.id)).toEqual([bea.id]);
  });

  it('refuses a restricted or non-member nominee and a restricted or non-member nominator', async () => {
    const client = await newTeam('Refusals');
    const propose = (by: Person, nominee: Person) =>
      refusal(proposeLead(viewer(by.id), { clientId: client.id, nomineeId: nominee.id }));
    expect((await propose(alex, rita)).code).toBe('BAD_USER_INPUT');
    expect((await propose(alex, nobody)).code).toBe('BAD_USER_INPUT');
    expect((await propose(rita, alex)).code).toBe('FORBIDDEN');
    expect((await propose(nobody, nobody)).code).toBe('FORBIDDEN');
    expect(
      (await refusal(proposeLead(viewer(alex.id), { clientId: 'no-such', nomineeId: alex.id })))
        .code
    ).toBe('NOT_FOUND');
    expect(await proposals(client.id)).toEqual([]);
    expect(await leadEvents(client.id)).toEqual([]);
  });

  it('a local lead for the area confirms, whatever their agency', async () => {
    const client = await newTeam('LocalConfirm');
    const { proposalId } = await proposeLead(viewer(alex.id), {
      clientId: client.id,
      nomineeId: alex.id
    });
    await confirmLead(asLead(lila), { clientId: client.id, proposalId });
    expect(await leadsOf(client.id)).toEqual([
      { id: alex.id, hasSince: true, via: 'confirmed-by-authority', by: lila.id }
    ]);
  });
});

describe('declining', () => {
  it('the nominee declines, the proposer withdraws, a possible confirmer turns it down; others may not', async () => {
    const client = await newTeam('Decline');
    const first = await proposeLead(viewer(cal.id), { clientId: client.id, nomineeId: alex.id });
    // Bea works where the nominee does: she could not confirm, so she cannot turn it down either.
    expect(
      (
        await refusal(
          declineLead(viewer(bea.id), { clientId: client.id, proposalId: first.proposalId })
        )
      ).code
    ).toBe('FORBIDDEN');
    expect(
      await declineLead(viewer(alex.id), { clientId: client.id, proposalId: first.proposalId })
    ).toEqual({ outcome: 'declined' });

    const second = await proposeLead(viewer(cal.id), { clientId: client.id, nomineeId: alex.id });
    expect(
      await declineLead(viewer(cal.id), { clientId: client.id, proposalId: second.proposalId })
    ).toEqual({ outcome: 'withdrawn' });

    const third = await proposeLead(viewer(alex.id), { clientId: client.id, nomineeId: alex.id });
    expect(
      await declineLead(viewer(dee.id), { clientId: client.id, proposalId: third.proposalId })
    ).toEqual({ outcome: 'declined' });

    expect((await proposals(client.id)).map((p) => p.status)).toEqual([
      'DECLINED',
      'WITHDRAWN',
      'DECLINED'
    ]);
    expect(await leadsOf(client.id)).toEqual([]);
    const declined = (await leadEvents(client.id)).filter((e) => e.type === 'team.lead.declined');
    expect(declined.map((e) => [e.actorId, e.data.outcome])).toEqual([
      [alex.id, 'declined'],
      [cal.id, 'withdrawn'],
      [dee.id, 'declined']
    ]);
  });
});

describe('handover by the lead', () => {
  it('takes effect only when the member it was offered to accepts', async () => {
    const client = await newTeam('Handover');
    await appointLead(asLead(lila), { clientId: client.id, leadId: alex.id });

    const propose = (by: Person, nominee: Person) =>
      refusal(proposeLead(viewer(by.id), { clientId: client.id, nomineeId: nominee.id }));
    expect((await propose(bea, bea)).message).toMatch(/Only the lead professional/);
    expect((await propose(alex, alex)).code).toBe('BAD_USER_INPUT');
    expect((await propose(alex, rita)).code).toBe('BAD_USER_INPUT');

    const { proposalId, kind } = await proposeLead(viewer(alex.id), {
      clientId: client.id,
      nomineeId: bea.id
    });
    expect(kind).toBe('HANDOVER');
    const accept = { clientId: client.id, proposalId };
    expect((await leadAppointment(bea.id, client.id))?.proposal?.viewerCanConfirm).toBe(true);
    expect((await leadAppointment(cal.id, client.id))?.proposal?.viewerCanConfirm).toBe(false);
    for (const other of [alex, cal, dee]) {
      expect((await refusal(confirmLead(viewer(other.id), accept))).code).toBe('FORBIDDEN');
    }
    expect((await leadsOf(client.id)).map((l) => l.id)).toEqual([alex.id]);

    await confirmLead(viewer(bea.id), accept);
    expect(await leadsOf(client.id)).toEqual([
      { id: bea.id, hasSince: true, via: 'accepted', by: bea.id }
    ]);
    const changed = (await leadEvents(client.id)).filter((e) => e.type === 'team.lead.changed');
    expect(changed.at(-1)).toMatchObject({
      actorId: bea.id,
      subjectId: bea.id,
      data: { proposalId, via: 'accepted', previousLeadIds: [alex.id] }
    });
    // The former lead no longer sees the address (Bea withheld it and now leads).
    expect((await readAs(alex, client.id)).address.visible).toBe(false);
  });
});

describe('direct appointment', () => {
  it('by an admin or a local lead for the area, never of themselves, only while there is no lead', async () => {
    const client = await newTeam('Appoint');
    const pending = await proposeLead(viewer(alex.id), {
      clientId: client.id,
      nomineeId: alex.id
    });
    const appoint = (who: Viewer, lead: Person) =>
      refusal(appointLead(who, { clientId: client.id, leadId: lead.id }));
    expect((await appoint(asLead(otto), cal)).code).toBe('FORBIDDEN');
    expect((await appoint(viewer(dee.id), cal)).code).toBe('FORBIDDEN');
    expect((await appoint(asAdmin(ada), ada)).code).toBe('FORBIDDEN');
    expect((await appoint(asLead(lila), rita)).code).toBe('BAD_USER_INPUT');
    expect((await appoint(asLead(lila), nobody)).code).toBe('BAD_USER_INPUT');
    // The role in a session is not enough: Dee has no lead role in the database.
    expect((await appoint(asLead(dee), cal)).code).toBe('FORBIDDEN');

    await appointLead(asAdmin(ada), { clientId: client.id, leadId: cal.id });
    expect(await leadsOf(client.id)).toEqual([
      { id: cal.id, hasSince: true, via: 'appointed', by: ada.id }
    ]);
    // The waiting nomination is superseded.
    expect((await proposals(client.id))[0]).toMatchObject({
      id: pending.proposalId,
      status: 'SUPERSEDED',
      pending: false
    });
    expect((await appoint(asLead(lila), dee)).code).toBe('BAD_USER_INPUT');
  });

  it('a local lead who is on the team may appoint another member, not themselves', async () => {
    const client = await newTeam('LeadMember');
    await addMember(lila.id, client.id);
    expect(
      (await refusal(appointLead(asLead(lila), { clientId: client.id, leadId: lila.id }))).code
    ).toBe('FORBIDDEN');
    expect((await leadAppointment(lila.id, client.id))?.viewerMayAppoint).toBe(true);
    await appointLead(asLead(lila), { clientId: client.id, leadId: dee.id });
    expect((await leadsOf(client.id)).map((l) => l.id)).toEqual([dee.id]);
    expect((await leadAppointment(lila.id, client.id))?.viewerMayAppoint).toBe(false);
  });
});

describe('leaving', () => {
  it('cancels a proposal the leaver was named in or made, and a leaving lead stops being lead', async () => {
    const client = await newTeam('Leaving');
    const nomination = await proposeLead(viewer(cal.id), {
      clientId: client.id,
      nomineeId: dee.id
    });
    await leaveTeam(viewer(dee.id), { clientId: client.id });
    expect((await proposals(client.id))[0]).toMatchObject({
      id: nomination.proposalId,
      status: 'CANCELLED',
      pending: false
    });

    await appointLead(asLead(lila), { clientId: client.id, leadId: alex.id });
    const handover = await proposeLead(viewer(alex.id), {
      clientId: client.id,
      nomineeId: cal.id
    });
    await leaveTeam(viewer(alex.id), { clientId: client.id });
    expect(await leadsOf(client.id)).toEqual([]);
    expect((await proposals(client.id))[1]).toMatchObject({
      id: handover.proposalId,
      status: 'CANCELLED'
    });
    expect(
      (
        await refusal(
          confirmLead(viewer(cal.id), { clientId: client.id, proposalId: handover.proposalId })
        )
      ).code
    ).toBe('BAD_USER_INPUT');
    const cancelled = (await leadEvents(client.id)).filter((e) => e.type === 'team.lead.cancelled');
    expect(cancelled.map((e) => [e.actorId, e.subjectId, e.outbox])).toEqual([
      [dee.id, dee.id, false],
      [alex.id, cal.id, false]
    ]);
  });
});

describe('alerts', () => {
  it('a nomination, a handover offer, a decline and a change are emailed to the team', async () => {
    const client = await newTeam('Alerts');
    const nominated = await proposeLead(viewer(alex.id), {
      clientId: client.id,
      nomineeId: bea.id
    });
    let emails = await deliver(client.id, 'team.lead.nominated');
    // Everyone on the team but the actor (the restricted member too, never named).
    expect(emails.flatMap((e) => e.to).sort()).toEqual(
      [bea.email, cal.email, dee.email, rita.email].sort()
    );
    const toBea = emails.find((e) => e.to.includes(bea.email))!;
    expect(toBea.subject).toMatch(/^You are nominated as lead professional for Alerts C\./);
    const toCal = emails.find((e) => e.to.includes(cal.email))!;
    expect(toCal.text).toContain(bea.name);
    for (const message of emails) {
      const all = `${message.subject}\n${message.html}\n${message.text}`;
      expect(all).not.toContain('Hidden Way');
      expect(all).not.toContain(client.familyName);
      expect(all).toContain(`/clients/${client.id}`);
    }
    const notifications = await run(
      `MATCH (n:Notification {clientId: $id, kind: 'team.lead.nominated'}) RETURN count(n) AS n`,
      { id: client.id }
    );
    expect(Number(notifications[0]?.n)).toBe(4);

    await declineLead(viewer(bea.id), { clientId: client.id, proposalId: nominated.proposalId });
    emails = await deliver(client.id, 'team.lead.declined');
    expect(emails.flatMap((e) => e.to).sort()).toEqual(
      [alex.email, cal.email, dee.email, rita.email].sort()
    );

    const second = await proposeLead(viewer(alex.id), { clientId: client.id, nomineeId: alex.id });
    await confirmLead(viewer(cal.id), { clientId: client.id, proposalId: second.proposalId });
    emails = await deliver(client.id, 'team.lead.changed');
    expect(emails.flatMap((e) => e.to).sort()).toEqual(
      [alex.email, bea.email, dee.email, rita.email].sort()
    );

    await proposeLead(viewer(alex.id), { clientId: client.id, nomineeId: dee.id });
    emails = await deliver(client.id, 'team.lead.handover.offered');
    expect(emails.find((e) => e.to.includes(dee.email))?.subject).toMatch(
      /^You are offered the lead/
    );
    expect(emails.flatMap((e) => e.to).sort()).toEqual(
      [bea.email, cal.email, dee.email, rita.email].sort()
    );
  });
});
