/**
 * Crash safety: the worker process, exactly as `npm start` runs it, is killed with SIGKILL at 20
 * random points during a run of 1,000 alerts and restarted each time. At the end every expected
 * email was accepted by the (fake) provider exactly once. What makes that true: job ids = event
 * and notification ids (nothing queued twice), MERGE on notification ids (nothing decided twice),
 * BullMQ's stalled-job recovery (nothing left behind by a dead worker), and the provider's memory
 * of Idempotency-Keys (a send that was accepted but not recorded is answered, not repeated).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { publishEvents } from '../../workers/outbox.ts';
import {
  cleanupFixture,
  createEvents,
  createTeam,
  notificationStatus,
  waitFor,
  type Fixture
} from '../support/alert-fixtures.ts';
import { closeTestDriver } from '../support/db.ts';
import { startFakeResend, type FakeResend } from '../support/fake-resend.ts';
import {
  obliterate,
  spawnWorkerProcess,
  testBullPrefix,
  testQueues,
  testRedisPrefix,
  workerReady,
  type WorkerProcess
} from '../support/worker-process.ts';

const NAME = 'alerts-sigkill';
const EVENTS = 1000;
const KILLS = 20;
const RECIPIENTS = ['B', 'C'];
const driver = () => getDriver();
const db = () => database();

let fake: FakeResend;
let fixture: Fixture;
let worker: WorkerProcess | undefined;
let standby: WorkerProcess | undefined;

/** A warm standby: loaded and connected-to-nothing until `go()`, so a restart costs no Node start-up. */
function spawnStandby(): WorkerProcess {
  return spawnWorkerProcess(
    {
      REDIS_PREFIX: testRedisPrefix(NAME),
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      MAIL_RATE_PER_SECOND: '1000',
      WORKER_EMAIL_CONCURRENCY: '16',
      WORKER_EVENTS_CONCURRENCY: '8',
      MAIL_SEND_TIMEOUT_MS: '3000',
      // Jobs of a killed worker are taken up again once their lock lapses (and a loaded CI
      // machine must still renew locks in time: too short a lock only causes extra retries).
      WORKER_LOCK_DURATION_MS: '8000'
    },
    'alerts-sigkill-worker',
    { standby: true }
  );
}

async function start(standby: WorkerProcess): Promise<WorkerProcess> {
  const ready = workerReady(standby, 60_000);
  standby.go();
  await ready;
  return standby;
}

beforeAll(async () => {
  await obliterate(testBullPrefix(NAME));
  // A little latency per request widens the window between "accepted" and "recorded as sent".
  fake = await startFakeResend({ latencyMs: 5 });
  fixture = await createTeam(driver(), db(), [
    { key: 'A' },
    { key: 'B' },
    { key: 'C', restricted: true }
  ]);
});

afterAll(async () => {
  await Promise.all([worker?.kill('SIGTERM'), standby?.kill('SIGTERM')]);
  await fake?.close();
  if (fixture) await cleanupFixture(driver(), db(), fixture);
  await obliterate(testBullPrefix(NAME));
  await closeTestDriver();
});

describe('SIGKILL during a run of 1,000 alerts', () => {
  // About a minute on an idle machine.
  it('every expected email is accepted exactly once', async () => {
    const started = Date.now();
    const types = ['team.joined', 'circle.changed', 'team.left', 'team.lead.changed'];
    const eventIds = await createEvents(
      driver(),
      db(),
      fixture.clientId,
      Array.from({ length: EVENTS }, (_, i) => ({
        type: types[i % types.length]!,
        actorId: fixture.members.A!.id
      }))
    );
    const producer = testQueues(testBullPrefix(NAME));
    try {
      await publishEvents(driver(), db(), producer.queues.events, eventIds);
    } finally {
      await producer.close();
    }
    const expected = EVENTS * RECIPIENTS.length;
    // Kill points spread over the run: after a random number of accepted emails each.
    const thresholds = Array.from({ length: KILLS }, () =>
      Math.floor(Math.random() * expected * 0.9)
    ).sort((a, b) => a - b);
    const killedAt: number[] = [];

    worker = await start(spawnStandby());
    standby = spawnStandby();
    for (const threshold of thresholds) {
      await waitFor(
        `${threshold} accepted emails`,
        async () => fake.accepted.length >= threshold,
        60_000,
        20
      );
      // A little randomness on top, so kills also land mid-fan-out and mid-send.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      killedAt.push(fake.accepted.length);
      await worker.kill('SIGKILL');
      // Restarted at once from the warm standby: only one worker process runs at any time.
      worker = await start(standby!);
      standby = spawnStandby();
    }
    await standby?.kill('SIGTERM');
    console.log(`[sigkill] 20 kills done after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    await waitFor(
      `all ${expected} emails`,
      async () =>
        (await notificationStatus(driver(), db(), eventIds))['IMMEDIATE:SENT'] === expected,
      150_000,
      500
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[sigkill] ${expected} emails, kills after ${killedAt.join(', ')} accepted; ${seconds.toFixed(1)} s`
    );

    const keys = new Set(
      eventIds.flatMap((e) => RECIPIENTS.map((k) => `${e}.${fixture.members[k]!.id}`))
    );
    const ours = fake.accepted.filter((e) => e.idempotencyKey && keys.has(e.idempotencyKey));
    const counts = new Map<string, number>();
    for (const email of ours)
      counts.set(email.idempotencyKey!, (counts.get(email.idempotencyKey!) ?? 0) + 1);
    const duplicates = [...counts.entries()].filter(([, n]) => n > 1);
    expect(duplicates).toEqual([]);
    expect(counts.size).toBe(expected);
    expect(ours).toHaveLength(expected);
    // Nobody else got anything: not the actor, and no stray keys.
    expect(ours.flatMap((e) => e.to)).not.toContain(fixture.members.A!.email);
    expect(killedAt).toHaveLength(KILLS);
    expect(await notificationStatus(driver(), db(), eventIds)).toEqual({
      'IMMEDIATE:SENT': expected
    });
  }, 240_000);
});
