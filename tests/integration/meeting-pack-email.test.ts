/**
 * "Send to attendees" on the meeting pack really emails them (issue 15, finding 12): the real
 * command, the real workers (fan-out and email, on this file's own BullMQ prefix) and the real
 * Resend transport against the fake Resend. One email per chosen attendee, including the
 * restricted members behind a team's masked entry, none to anyone else; each names the client as
 * "Alex B." with a link and nobody else. And every kind the pipeline emails really fans out,
 * while the deliberately silent types do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOut } from '../../src/lib/server/alerts/fan-out.ts';
import {
  ACCOUNT_ALERT_KINDS,
  ADMIN_ALERT_KINDS,
  ALERT_KINDS,
  MEETING_ALERT_KINDS,
  SILENT_EVENT_TYPES
} from '../../src/lib/server/alerts/kinds.ts';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { sendMeetingPack } from '../../src/lib/server/meetings/send-pack.ts';
import {
  cleanupFixture,
  createEvents,
  createTeam,
  type Fixture
} from '../support/alert-fixtures.ts';
import { startAlertPipeline, type AlertPipeline } from '../support/alert-pipeline.ts';
import { closeTestDriver } from '../support/db.ts';
import type { AcceptedEmail } from '../support/fake-resend.ts';
import { viewer } from './team-fixtures.ts';

const driver = () => getDriver();
const db = () => database();

let pipeline: AlertPipeline;
let team: Fixture;

const member = (key: string) => team.members[key]!;

beforeAll(async () => {
  pipeline = await startAlertPipeline('meeting-pack-email');
  team = await createTeam(driver(), db(), [
    { key: 'O', name: 'Olive Organiser' },
    { key: 'B', name: 'Blake Chosen' },
    { key: 'N', name: 'Nico NotChosen' },
    { key: 'R', name: 'Rita Restricted', restricted: true },
    { key: 'S', name: 'Sue Restricted', restricted: true },
    { key: 'F', name: 'Finley Former', former: true }
  ]);
});

afterAll(async () => {
  await pipeline?.close();
  if (team) await cleanupFixture(driver(), db(), team);
  await closeTestDriver();
});

async function packEvents(): Promise<string[]> {
  const { records } = await driver().executeQuery(
    `MATCH (e:Event {clientId: $clientId, type: 'meeting.pack.sent'})
     RETURN e.id AS id ORDER BY e.createdAt`,
    { clientId: team.clientId },
    { database: db(), routing: 'READ' }
  );
  return records.map((r) => r.get('id') as string);
}

/** The command published on the app's queue; the workers of this file listen on their own. */
async function deliver(eventId: string): Promise<AcceptedEmail[]> {
  return pipeline.deliver([eventId], 'the meeting pack');
}

describe('send the meeting pack to attendees', () => {
  it('emails each chosen attendee once, restricted members behind their masked entry too', async () => {
    const result = await sendMeetingPack(viewer(member('O').id), {
      clientId: team.clientId,
      attendeeKeys: [member('O').id, member('B').id, `restricted-${team.clientId}`],
      start: '2026-12-10T09:30:00+11:00',
      durationMinutes: 60
    });
    // The masked entry counts as one, whoever and however many are behind it (rule 3).
    expect(result.sentTo).toBe(2);
    const [eventId] = await packEvents();
    expect(eventId).toBeDefined();
    const emails = await deliver(eventId!);
    const to = emails.flatMap((e) => e.to).sort();
    expect(to).toEqual([member('B').email, member('R').email, member('S').email].sort());
    expect(new Set(emails.map((e) => e.idempotencyKey)).size).toBe(emails.length);
    for (const message of emails) {
      const all = `${message.subject}\n${message.html}\n${message.text}`;
      // Rule 6: "Alex B." and a link; rule 3: nobody named, no sensitive service.
      expect(all).toContain('Alex B.');
      expect(all).toContain(`/clients/${team.clientId}/meeting/pack?attendees=`);
      expect(all).not.toContain(team.familyName);
      for (const key of ['O', 'B', 'N', 'R', 'S']) expect(all).not.toContain(member(key).name);
      expect(all).not.toContain('Safe Haven DV Service');
      expect(message.text).toMatch(/Thursday,? 10 December 2026 at 9:30/);
    }
  });

  it('sends nothing twice when the event is published again', async () => {
    const [eventId] = await packEvents();
    const before = pipeline.fake.accepted.length;
    await deliver(eventId!);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(pipeline.fake.accepted.length).toBe(before);
  });

  it('refuses someone who is not on the team, and emails nobody', async () => {
    const count = (await packEvents()).length;
    await expect(
      sendMeetingPack(viewer(member('O').id), {
        clientId: team.clientId,
        attendeeKeys: [member('F').id]
      })
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await packEvents()).toHaveLength(count);
  });

  it('a former member cannot send it', async () => {
    await expect(
      sendMeetingPack(viewer(member('F').id), {
        clientId: team.clientId,
        attendeeKeys: [member('B').id]
      })
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('every emailed kind reaches the pipeline; silent types do not', () => {
  it.each([...ALERT_KINDS, ...ACCOUNT_ALERT_KINDS, ...ADMIN_ALERT_KINDS, ...MEETING_ALERT_KINDS])(
    '%s is fanned out',
    async (type) => {
      const [eventId] = await createEvents(driver(), db(), team.clientId, [
        { type, actorId: member('O').id, subjectId: member('B').id }
      ]);
      const result = await fanOut(driver(), db(), eventId!);
      expect(result.skipped).toBeUndefined();
    }
  );

  it.each([...SILENT_EVENT_TYPES])('%s is deliberately silent', async (type) => {
    const [eventId] = await createEvents(driver(), db(), team.clientId, [
      { type, actorId: member('O').id, subjectId: member('B').id }
    ]);
    const result = await fanOut(driver(), db(), eventId!);
    expect(result).toEqual({ immediate: [], digest: 0, skipped: 'not-an-alert' });
  });
});
