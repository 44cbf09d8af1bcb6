/**
 * Every alert kind, through the real workers (fan-out and email, in-process on this file's own
 * BullMQ prefix) and the real Resend transport against the fake Resend: exactly the expected
 * emails to exactly the expected people, and nothing in them that rule 3 or rule 6 forbids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { ALERT_KINDS } from '../../src/lib/server/alerts/kinds.ts';
import {
  cleanupFixture,
  createAttention,
  createEvents,
  createTeam,
  type Fixture
} from '../support/alert-fixtures.ts';
import { startAlertPipeline, type AlertPipeline } from '../support/alert-pipeline.ts';
import { closeTestDriver } from '../support/db.ts';
import type { AcceptedEmail } from '../support/fake-resend.ts';

const driver = () => getDriver();
const db = () => database();

let pipeline: AlertPipeline;
let team: Fixture;
let attentionId: string;
const ATTENTION_MESSAGE = 'Fixture attention: the family moved, call the school before Friday';

const id = (key: string) => team.members[key]!.id;
const email = (key: string) => team.members[key]!.email;

beforeAll(async () => {
  pipeline = await startAlertPipeline('alerts-recipients');
  team = await createTeam(driver(), db(), [
    { key: 'A', name: 'Avery Actor' },
    { key: 'B', name: 'Blake Member' },
    { key: 'C', name: 'Casey Restricted', restricted: true },
    { key: 'D', name: 'Dana Digest', mode: 'DIGEST' },
    { key: 'E', name: 'Emery Off', mode: 'OFF' },
    { key: 'F', name: 'Finley Former', former: true },
    { key: 'G', name: 'Gray Lead', lead: true }
  ]);
  attentionId = await createAttention(driver(), db(), team, 'A', ATTENTION_MESSAGE);
});

afterAll(async () => {
  await pipeline?.close();
  if (team) await cleanupFixture(driver(), db(), team);
  await closeTestDriver();
});

async function deliver(
  type: string,
  actorKey: string | null,
  subjectId: string | null = null
): Promise<{ eventId: string; emails: AcceptedEmail[] }> {
  const [eventId] = await createEvents(driver(), db(), team.clientId, [
    { type, actorId: actorKey ? id(actorKey) : null, subjectId }
  ]);
  return { eventId: eventId!, emails: await pipeline.deliver([eventId!], `event ${type}`) };
}

function recipientsOf(emails: AcceptedEmail[]): string[] {
  return emails.flatMap((e) => e.to).sort();
}

function expectSafe(emails: AcceptedEmail[]): void {
  for (const message of emails) {
    const all = `${message.subject}\n${message.html}\n${message.text}`;
    // Rule 3: a restricted member is never named; rule 6: only "Alex B." and a link.
    expect(all).not.toContain('Casey Restricted');
    expect(all).not.toContain('Safe Haven DV Service');
    expect(all).not.toContain(team.familyName);
    expect(all).not.toContain(ATTENTION_MESSAGE);
    expect(all).toContain('Alex B.');
    expect(all).toContain(`/clients/${team.clientId}`);
    expect(message.html).toBeTruthy();
    expect(message.text).toBeTruthy();
    expect(message.headers['List-Unsubscribe']).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[\w-]+\.[\w-]+>$/
    );
    expect(message.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  }
}

async function digestNotifications(eventId: string): Promise<string[]> {
  const { records } = await driver().executeQuery(
    `MATCH (n:Notification {eventId: $eventId, mode: 'DIGEST'}) RETURN n.recipientId AS id`,
    { eventId },
    { database: db() }
  );
  return records.map((r) => r.get('id') as string);
}

describe('alert recipients', () => {
  const everyoneButActor = () => [email('B'), email('C'), email('G')].sort();

  it.each([
    ['team.joined'],
    ['team.left'],
    ['attention.raised'],
    ['attention.resolved'],
    ['circle.changed'],
    ['team.lead.nominated'],
    ['team.lead.handover.offered'],
    ['team.lead.declined']
  ])('%s: every other current member who wants it now, once', async (type) => {
    const subject = type.startsWith('attention') ? attentionId : null;
    const { eventId, emails } = await deliver(type, 'A', subject);
    expect(recipientsOf(emails)).toEqual(everyoneButActor());
    expect(new Set(emails.map((e) => e.idempotencyKey)).size).toBe(emails.length);
    expectSafe(emails);
    // The DIGEST member is told later, in the digest; the OFF member and the former member never.
    expect(await digestNotifications(eventId)).toEqual([id('D')]);
    expect(emails.map((e) => e.idempotencyKey).sort()).toEqual(
      ['B', 'C', 'G'].map((k) => `${eventId}.${id(k)}`).sort()
    );
  });

  it('attention.raised never carries the message and says when it is urgent', async () => {
    const { emails } = await deliver('attention.raised', 'A', attentionId);
    expect(emails[0]!.subject).toBe('URGENT: Urgent attention raised about Alex B.');
    expect(emails[0]!.text).toContain('Avery Actor');
  });

  it('a restricted actor is "a restricted service", never named', async () => {
    const { emails } = await deliver('team.joined', 'C');
    expect(recipientsOf(emails)).toEqual([email('A'), email('B'), email('G')].sort());
    expectSafe(emails);
    for (const message of emails) {
      expect(message.subject).toBe('A restricted service joined the team around Alex B.');
    }
  });

  it('attention.acknowledged.all tells the raiser only', async () => {
    const { emails } = await deliver('attention.acknowledged.all', 'B', attentionId);
    expect(recipientsOf(emails)).toEqual([email('A')]);
    expectSafe(emails);
  });

  it('team.lead.changed tells everyone but the actor, naming the new lead', async () => {
    const { emails } = await deliver('team.lead.changed', 'A', id('G'));
    expect(recipientsOf(emails)).toEqual(everyoneButActor());
    expectSafe(emails);
    expect(emails[0]!.text).toContain('Gray Lead');
  });

  it('membership.stale asks the member and tells the lead', async () => {
    const { emails } = await deliver('membership.stale', null, id('B'));
    expect(recipientsOf(emails)).toEqual([email('B'), email('G')].sort());
    expectSafe(emails);
    const toMember = emails.find((e) => e.to.includes(email('B')))!;
    expect(toMember.subject).toBe('Are you still working with Alex B.?');
    const toLead = emails.find((e) => e.to.includes(email('G')))!;
    expect(toLead.text).toContain('Blake Member');
  });

  it('a stale restricted member is not named to the lead', async () => {
    const { emails } = await deliver('membership.stale', null, id('C'));
    expect(recipientsOf(emails)).toEqual([email('C'), email('G')].sort());
    expectSafe(emails);
  });

  it('events that are not alerts send nothing', async () => {
    const { emails } = await deliver('team.viewed', 'A');
    expect(emails).toEqual([]);
  });

  it('covers every alert kind', () => {
    // team.contact.requested (the restricted relay) has its own test: restricted-relay.test.ts.
    expect(ALERT_KINDS).toHaveLength(12);
  });

  it('OFF and former members got nothing at all, from any event', () => {
    const to = pipeline.fake.accepted.flatMap((e) => e.to);
    expect(to).not.toContain(email('E'));
    expect(to).not.toContain(email('F'));
    expect(to).not.toContain(email('D'));
  });
});
