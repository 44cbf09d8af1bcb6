/**
 * One test file's own alert pipeline: the real workers in-process on the file's BullMQ prefix,
 * the real Resend transport against a fake Resend, and producer queues to publish outbox events
 * on. Every alert test starts and stops it the same way, and reads "the emails an event caused"
 * the same way: by the idempotency key `${eventId}.${recipientId}` the workers give each email.
 */
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import type { RunningWorkers, WorkerSettings } from '../../workers/main.ts';
import { publishEvents } from '../../workers/outbox.ts';
import { settled, waitFor } from './alert-fixtures.ts';
import { startFakeResend, type AcceptedEmail, type FakeResend } from './fake-resend.ts';
import {
  obliterate,
  startTestWorkers,
  testBullPrefix,
  testQueues,
  testWorkerSettings
} from './worker-process.ts';

export interface AlertPipeline {
  fake: FakeResend;
  producer: ReturnType<typeof testQueues>;
  /** Publishes the events to this file's workers, waits until they settle, returns their emails. */
  deliver(eventIds: string[], what?: string): Promise<AcceptedEmail[]>;
  close(): Promise<void>;
}

/** The emails the fake accepted for these events. */
export function emailsOf(fake: FakeResend, eventIds: string[]): AcceptedEmail[] {
  return fake.accepted.filter((e) => eventIds.some((id) => e.idempotencyKey?.startsWith(`${id}.`)));
}

export async function startAlertPipeline(
  name: string,
  overrides: Partial<WorkerSettings> = {}
): Promise<AlertPipeline> {
  const prefix = testBullPrefix(name);
  // A run that died may have left jobs on this prefix: start from none.
  await obliterate(prefix);
  const fake = await startFakeResend();
  const running: RunningWorkers = await startTestWorkers(testWorkerSettings(name, fake, overrides));
  const producer = testQueues(prefix);
  return {
    fake,
    producer,
    async deliver(eventIds, what = `events ${eventIds.join(', ')}`) {
      await publishEvents(getDriver(), database(), producer.queues.events, eventIds);
      await waitFor(`${what} to settle`, () => settled(getDriver(), database(), eventIds));
      return emailsOf(fake, eventIds);
    },
    async close() {
      await running.close();
      await producer.close();
      await fake.close();
      await obliterate(prefix);
    }
  };
}
