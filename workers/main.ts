/**
 * The worker process: consumes the queues of workers/catalogue.ts. Started by `npm start` beside
 * the web server; several can run side by side. SIGTERM closes workers gracefully (a job in
 * progress finishes) before the connections close.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { config } from '../src/lib/server/config.ts';
import { closeDriver, database, getDriver } from '../src/lib/server/db/neo4j.ts';
import { JOB_QUEUE, QUEUES, type JobName, type QueueName } from './catalogue.ts';
import { bullConnection, bullPrefix } from './connection.ts';
import { sweepOutbox } from './outbox.ts';

type Handler = (job: Job) => Promise<unknown>;

const connection = bullConnection();
const prefix = bullPrefix();
const eventsQueue = new Queue(QUEUES.events, { connection, prefix });
eventsQueue.on('error', (error) => console.error('[queue events]', error.message));
const maintenanceQueue = new Queue(QUEUES.maintenance, { connection, prefix });
maintenanceQueue.on('error', (error) => console.error('[queue maintenance]', error.message));

const handlers: { [J in JobName]: Handler } = {
  'fan-out': async (job) => {
    // Recipients and emails are decided by the alerts pipeline; until then the event is marked seen.
    await getDriver().executeQuery(
      'MATCH (e:Event {id: $id}) SET e.fannedOutAt = coalesce(e.fannedOutAt, datetime())',
      { id: (job.data as { eventId: string }).eventId },
      { database: database() }
    );
  },
  'sweep-outbox': async () => sweepOutbox(getDriver(), database(), eventsQueue)
};

/** Start-up check: every job in the catalogue has exactly one handler on its queue. */
function handlersByQueue(): Map<QueueName, Map<string, Handler>> {
  const byQueue = new Map<QueueName, Map<string, Handler>>();
  for (const [name, queue] of Object.entries(JOB_QUEUE) as [JobName, QueueName][]) {
    const handler = handlers[name];
    if (typeof handler !== 'function') throw new Error(`Job ${name} has no handler`);
    const map = byQueue.get(queue) ?? new Map<string, Handler>();
    map.set(name, handler);
    byQueue.set(queue, map);
  }
  return byQueue;
}

const workers: Worker[] = [];
for (const [queue, map] of handlersByQueue()) {
  const worker = new Worker(
    queue,
    async (job) => {
      const handler = map.get(job.name);
      if (!handler) throw new Error(`No handler for ${job.name} on ${queue}`);
      return handler(job);
    },
    { connection: bullConnection(), prefix, concurrency: 4 }
  );
  worker.on('error', (error) => console.error(`[worker ${queue}]`, error.message));
  worker.on('failed', (job, error) => console.error(`[worker ${queue}] ${job?.name} ${job?.id} failed: ${error.message}`));
  workers.push(worker);
}

await maintenanceQueue.upsertJobScheduler('sweep-outbox', { every: 30_000 }, { name: 'sweep-outbox', data: {} });
console.log(`Workers running (${workers.length} queues, prefix ${prefix}, ${config().nodeEnv}).`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`Workers stopping (${signal})...`);
  await Promise.allSettled(workers.map((w) => w.close()));
  await Promise.allSettled([eventsQueue.close(), maintenanceQueue.close()]);
  connection.disconnect();
  await closeDriver();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
