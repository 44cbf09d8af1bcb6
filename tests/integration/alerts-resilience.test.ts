/**
 * Nothing lost, nothing sent twice: the real workers and the Resend transport against a fake
 * Resend that rate-limits, fails, hangs and refuses; Redis unreachable between the commit and the
 * publish; permanent failures and the admin's retry; daily digests.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectDigestsHandler } from '../../workers/handlers/collect-digests.ts';
import type { RunningWorkers } from '../../workers/main.ts';
import { publishEvents } from '../../workers/outbox.ts';
import { digestDue } from '../../src/lib/server/alerts/local-time.ts';
import { retryNotification } from '../../src/lib/server/alerts/retry.ts';
import { raiseAttention } from '../../src/lib/server/attentions/raise-attention.ts';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import {
  cleanupFixture,
  createEvents,
  createTeam,
  notificationStatus,
  settled,
  waitFor,
  type Fixture
} from '../support/alert-fixtures.ts';
import { closeTestDriver } from '../support/db.ts';
import { startFakeResend, type FakeResend } from '../support/fake-resend.ts';
import {
  obliterate,
  startTestWorkers,
  testBullPrefix,
  testWorkerSettings
} from '../support/worker-process.ts';

const NAME = 'alerts-resilience';
const prefix = testBullPrefix(NAME);
const driver = () => getDriver();
const db = () => database();

let fake: FakeResend;
let running: RunningWorkers;
const fixtures: Fixture[] = [];

async function team(specs: Parameters<typeof createTeam>[2]): Promise<Fixture> {
  const fixture = await createTeam(driver(), db(), specs);
  fixtures.push(fixture);
  return fixture;
}

async function publish(eventIds: string[]): Promise<void> {
  await publishEvents(driver(), db(), running.queues.events, eventIds);
}

/** Every expected key accepted exactly once, and nothing else for these events. */
function expectExactlyOnce(expectedKeys: string[], eventIds: string[]): void {
  const ours = fake.accepted.filter((e) =>
    eventIds.some((id) => e.idempotencyKey?.startsWith(`${id}.`))
  );
  const counts = new Map<string, number>();
  for (const email of ours)
    counts.set(email.idempotencyKey!, (counts.get(email.idempotencyKey!) ?? 0) + 1);
  expect([...counts.keys()].sort()).toEqual([...expectedKeys].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

function expectedKeys(eventIds: string[], fixture: Fixture, recipientKeys: string[]): string[] {
  return eventIds.flatMap((e) => recipientKeys.map((k) => `${e}.${fixture.members[k]!.id}`));
}

beforeAll(async () => {
  await obliterate(prefix);
  fake = await startFakeResend({ hangMs: 10_000 });
  running = await startTestWorkers(testWorkerSettings(NAME, fake, { sendTimeoutMs: 2000 }));
});

beforeEach(() => {
  fake.setRateLimit(null);
});

afterAll(async () => {
  await running?.close();
  await fake?.close();
  for (const fixture of fixtures) await cleanupFixture(driver(), db(), fixture);
  await obliterate(prefix);
  await closeTestDriver();
});

describe('provider trouble delays delivery but loses and duplicates nothing', () => {
  it('a 429 storm (2 requests per second)', async () => {
    const fixture = await team([{ key: 'A' }, { key: 'B' }, { key: 'C' }, { key: 'D' }]);
    fake.setRateLimit(2);
    const started = Date.now();
    const eventIds = await createEvents(
      driver(),
      db(),
      fixture.clientId,
      Array.from({ length: 8 }, () => ({ type: 'circle.changed', actorId: fixture.members.A!.id }))
    );
    await publish(eventIds);
    await waitFor(
      '24 emails through a 2/s limit',
      () => settled(driver(), db(), eventIds),
      90_000,
      250
    );
    const seconds = (Date.now() - started) / 1000;
    expectExactlyOnce(expectedKeys(eventIds, fixture, ['B', 'C', 'D']), eventIds);
    // The limit was hit and honoured: 24 emails cannot go out faster than 2 per second.
    expect(fake.requests.some((r) => r.status === 429)).toBe(true);
    expect(seconds).toBeGreaterThan(24 / 2 - 2);
    expect(await notificationStatus(driver(), db(), eventIds)).toEqual({ 'IMMEDIATE:SENT': 24 });
  }, 120_000);

  it('a run of 500s and requests that hang after the email was accepted', async () => {
    const fixture = await team([{ key: 'A' }, { key: 'B' }, { key: 'C' }]);
    fake.failNext(6);
    fake.hangNext(3, 'after');
    const eventIds = await createEvents(
      driver(),
      db(),
      fixture.clientId,
      Array.from({ length: 6 }, () => ({ type: 'team.joined', actorId: fixture.members.A!.id }))
    );
    await publish(eventIds);
    await waitFor(
      '12 emails despite failures',
      () => settled(driver(), db(), eventIds),
      90_000,
      250
    );
    expectExactlyOnce(expectedKeys(eventIds, fixture, ['B', 'C']), eventIds);
    expect(fake.requests.filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(6);
    expect(fake.requests.filter((r) => r.status === 'hung').length).toBe(3);
    // The hung ones were retried with the same key and answered from the provider's memory.
    const retriedKeys = fake.requests
      .filter((r) => r.status === 'hung')
      .map((r) => r.idempotencyKey);
    for (const key of retriedKeys) {
      expect(
        fake.requests.filter((r) => r.idempotencyKey === key && r.status === 200).length
      ).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);

  it('a permanent refusal is FAILED with its error name, and the admin retry sends it once', async () => {
    const fixture = await team([{ key: 'A' }, { key: 'B' }]);
    fake.failNext(1, { status: 422, name: 'validation_error', message: 'Invalid `to` field.' });
    const [eventId] = await createEvents(driver(), db(), fixture.clientId, [
      { type: 'team.left', actorId: fixture.members.A!.id }
    ]);
    await publish([eventId!]);
    const notificationId = `${eventId}.${fixture.members.B!.id}`;
    await waitFor('the notification to fail', async () => {
      const { records } = await driver().executeQuery(
        'MATCH (n:Notification {id: $id}) RETURN n.status AS status, n.error AS error',
        { id: notificationId },
        { database: db() }
      );
      return records[0]?.get('status') === 'FAILED' ? records[0] : undefined;
    });
    const job = await running.queues.email.getJob(notificationId);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
    const { records } = await driver().executeQuery(
      'MATCH (n:Notification {id: $id}) RETURN n.error AS error',
      { id: notificationId },
      { database: db() }
    );
    expect(records[0]?.get('error')).toBe('validation_error');

    expect(await retryNotification(driver(), db(), running.queues.email, notificationId)).toBe(
      'queued'
    );
    await waitFor('the retried email', () => settled(driver(), db(), [eventId!]));
    expectExactlyOnce([notificationId], [eventId!]);
  }, 60_000);
});

describe('the outbox', () => {
  it('Redis unreachable between the commit and the publish: the sweeper delivers the alert', async () => {
    const fixture = await team([{ key: 'A' }, { key: 'B' }, { key: 'C', restricted: true }]);
    // A queue whose Redis is a dead port: what a command sees when Redis dies after the commit.
    const dead = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true
    });
    dead.on('error', () => undefined);
    const deadQueue = new Queue('events', { connection: dead, prefix });
    deadQueue.on('error', () => undefined);
    let publishFailed = false;
    const result = await raiseAttention(
      {
        viewerId: fixture.members.A!.id,
        clientId: fixture.clientId,
        message: 'Moved to a refuge',
        priority: 'URGENT'
      },
      async (ids) => {
        try {
          // Like the app's producer queue: give up after a few seconds and leave it to the sweeper.
          await Promise.race([
            publishEvents(driver(), db(), deadQueue, ids),
            new Promise((_resolve, reject) =>
              setTimeout(() => reject(new Error('Redis did not answer')), 2000)
            )
          ]);
        } catch (error) {
          publishFailed = true;
          throw error;
        }
      }
    );
    await deadQueue.close().catch(() => undefined);
    dead.disconnect();
    expect(result.ok).toBe(true);
    expect(publishFailed).toBe(true);
    const { records } = await driver().executeQuery(
      "MATCH (e:Event {clientId: $clientId, type: 'attention.raised'}) RETURN e.id AS id, e.publishedAt AS publishedAt",
      { clientId: fixture.clientId },
      { database: db() }
    );
    expect(records).toHaveLength(1);
    expect(records[0]?.get('publishedAt')).toBeNull();
    const eventId = records[0]!.get('id') as string;

    await new Promise((resolve) => setTimeout(resolve, 1200)); // past the sweeper's grace period
    await running.queues.maintenance.add(
      'sweep-outbox',
      {},
      { removeOnComplete: true, removeOnFail: true }
    );
    await waitFor(
      'the swept event to be delivered',
      () => settled(driver(), db(), [eventId]),
      30_000
    );
    expectExactlyOnce(expectedKeys([eventId], fixture, ['B', 'C']), [eventId]);
  }, 60_000);
});

describe('daily digests', () => {
  /** The first quarter hour from now when Sydney is past 07:00 but London is not. */
  function sydneyMorning(): Date {
    let t = new Date(Math.ceil(Date.now() / 900_000) * 900_000 + 60_000);
    while (!(digestDue(t, 'Australia/Sydney', null) && !digestDue(t, 'Europe/London', null))) {
      t = new Date(t.getTime() + 900_000);
    }
    return t;
  }

  it('gather the day’s events into one email per person, at 07:00 in their time zone', async () => {
    const fixture = await team([
      { key: 'A' },
      { key: 'S', mode: 'DIGEST', timeZone: 'Australia/Sydney' },
      { key: 'L', mode: 'DIGEST', timeZone: 'Europe/London' },
      { key: 'N' }
    ]);
    const eventIds = await createEvents(driver(), db(), fixture.clientId, [
      { type: 'team.joined', actorId: fixture.members.A!.id },
      { type: 'circle.changed', actorId: fixture.members.A!.id },
      { type: 'team.left', actorId: fixture.members.A!.id }
    ]);
    await publish(eventIds);
    await waitFor('fan-out', () => settled(driver(), db(), eventIds));
    // Immediately: only N, who wants alerts at once.
    expectExactlyOnce(expectedKeys(eventIds, fixture, ['N']), eventIds);

    const digestsFor = (key: string) =>
      fake.accepted.filter((e) => e.to.includes(fixture.members[key]!.email));
    const collect = (at: Date) => collectDigestsHandler(running.ctx, () => at)();

    const morning = sydneyMorning();
    await collect(morning);
    await waitFor('Sydney digest', async () => digestsFor('S').length === 1);
    const sydney = digestsFor('S')[0]!;
    expect(sydney.endpoint).toBe('batch');
    expect(sydney.subject).toBe('Teamaround: 3 updates in 1 team');
    for (const line of [
      'joined the team around Alex B.',
      'left the team around Alex B.',
      'circle of Alex B. changed'
    ]) {
      expect(sydney.text).toContain(line);
    }
    expect(sydney.text).not.toContain(fixture.familyName);
    expect(sydney.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(digestsFor('L')).toHaveLength(0);

    // Running again the same morning sends nothing new.
    await collect(new Date(morning.getTime() + 15 * 60_000));
    let london = new Date(morning);
    while (!digestDue(london, 'Europe/London', null)) london = new Date(london.getTime() + 900_000);
    await collect(london);
    await waitFor('London digest', async () => digestsFor('L').length === 1);
    await collect(new Date(london.getTime() + 15 * 60_000));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(digestsFor('S')).toHaveLength(1);
    expect(digestsFor('L')).toHaveLength(1);
    expect(digestsFor('L')[0]!.subject).toBe('Teamaround: 3 updates in 1 team');
    expect(await notificationStatus(driver(), db(), eventIds)).toEqual({
      'IMMEDIATE:SENT': 3,
      'DIGEST:SENT': 6
    });
  }, 60_000);
});
