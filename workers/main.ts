/**
 * The worker process: consumes the queues of workers/catalogue.ts. Started by `npm start` beside
 * the web server; several can run side by side. SIGTERM closes workers gracefully (a job in
 * progress finishes) before the connections close.
 *
 * `startWorkers()` is also what the integration tests run in-process, each with their
 * own queue prefix and transport; run as a script (`tsx workers/main.ts`), this file starts them
 * with the configuration from the environment.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Queue, Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { config } from '../src/lib/server/config.ts';
import { closeDriver, database, getDriver } from '../src/lib/server/db/neo4j.ts';
import { closeRedis } from '../src/lib/server/redis.ts';
import { JOB_QUEUE, QUEUES, type JobName, type QueueName } from './catalogue.ts';
import { bullConnection, bullPrefix } from './connection.ts';
import { collectDigestsHandler } from './handlers/collect-digests.ts';
import {
  dashboardSnapshotHandler,
  scheduleDashboardSnapshots
} from './handlers/dashboard-snapshot.ts';
import type { HandlerContext } from './handlers/context.ts';
import { fanOutHandler } from './handlers/fan-out.ts';
import { markStaleHandler } from './handlers/mark-stale.ts';
import { sendDigestHandler } from './handlers/send-digest.ts';
import { sendEmailHandler } from './handlers/send-email.ts';
import { sweepOutboxHandler } from './handlers/sweep-outbox.ts';
import { getMailTransport, type MailTransport } from './mail/transport.ts';

// Handlers receive jobs of their own payload type; the queue's dispatcher routes by name.
type Handler = (job: Job) => Promise<unknown>;

export interface WorkerSettings {
  /** BullMQ key prefix; tests give each file its own. */
  prefix: string;
  transport: MailTransport;
  /** Provider calls per `emailRate.duration` ms across all workers (BullMQ's global limiter). */
  emailRate: { max: number; duration: number };
  concurrency: { events: number; email: number; maintenance: number };
  sendTimeoutMs: number;
  sweepGraceSeconds: number;
  /**
   * How long a job stays locked to a worker that stops renewing it: after a crash its jobs are
   * taken up again once this has passed (BullMQ's stalled-job check).
   */
  lockDurationMs: number;
  /** Job schedulers; tests switch them off and run the jobs themselves. */
  schedules: { sweepOutboxMs: number; collectDigestsMs: number; markStaleCron: string } | null;
}

export interface RunningWorkers {
  workers: Worker[];
  queues: Record<QueueName, Queue>;
  /** What the handlers run with (tests and the benchmark run scheduled jobs through it). */
  ctx: HandlerContext;
  close(): Promise<void>;
}

function positiveInt(name: string, fallback: number, problems: string[]): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    problems.push(`${name} must be a whole number >= 1 (got "${raw}")`);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
}

/**
 * Worker-only tuning, validated at start-up with every bad variable named. Resend's default limit
 * has been 2 requests per second per team, so that is the default with a key; the local outbox
 * has no limit worth the name.
 */
export function settingsFromEnv(): WorkerSettings {
  const problems: string[] = [];
  const usingResend = Boolean(config().resend.apiKey);
  const settings: WorkerSettings = {
    prefix: bullPrefix(),
    transport: getMailTransport(),
    emailRate: {
      max: positiveInt('MAIL_RATE_PER_SECOND', usingResend ? 2 : 50, problems),
      duration: 1000
    },
    concurrency: {
      events: positiveInt('WORKER_EVENTS_CONCURRENCY', 8, problems),
      email: positiveInt('WORKER_EMAIL_CONCURRENCY', 8, problems),
      maintenance: 1
    },
    sendTimeoutMs: positiveInt('MAIL_SEND_TIMEOUT_MS', 15_000, problems),
    sweepGraceSeconds: positiveInt('OUTBOX_SWEEP_GRACE_SECONDS', 15, problems),
    lockDurationMs: positiveInt('WORKER_LOCK_DURATION_MS', 30_000, problems),
    // WORKER_SCHEDULES=off: a process that only consumes (the schedulers are shared by all).
    schedules:
      process.env.WORKER_SCHEDULES === 'off'
        ? null
        : {
            sweepOutboxMs: positiveInt('OUTBOX_SWEEP_EVERY_MS', 30_000, problems),
            collectDigestsMs: 15 * 60_000,
            markStaleCron: '30 3 * * *'
          }
  };
  if (problems.length > 0)
    throw new Error(`Worker configuration is not valid:\n  - ${problems.join('\n  - ')}`);
  return settings;
}

/** Start-up check: every job in the catalogue has exactly one handler, on its own queue. */
export function handlersByQueue(handlers: { [J in JobName]: Handler }): Map<
  QueueName,
  Map<string, Handler>
> {
  const byQueue = new Map<QueueName, Map<string, Handler>>();
  const names = Object.keys(JOB_QUEUE) as JobName[];
  const extra = Object.keys(handlers).filter((name) => !(names as string[]).includes(name));
  if (extra.length > 0)
    throw new Error(`Handlers for jobs not in the catalogue: ${extra.join(', ')}`);
  for (const name of names) {
    const handler = handlers[name];
    if (typeof handler !== 'function') throw new Error(`Job ${name} has no handler`);
    const queue = JOB_QUEUE[name];
    const map = byQueue.get(queue) ?? new Map<string, Handler>();
    if (map.has(name)) throw new Error(`Job ${name} has two handlers`);
    map.set(name, handler);
    byQueue.set(queue, map);
  }
  return byQueue;
}

export async function startWorkers(settings: WorkerSettings): Promise<RunningWorkers> {
  const connections: Redis[] = [];
  const connect = () => {
    const connection = bullConnection();
    connections.push(connection);
    return connection;
  };
  const producer = connect();
  const queues = Object.fromEntries(
    Object.values(QUEUES).map((name) => {
      const queue = new Queue(name, { connection: producer, prefix: settings.prefix });
      queue.on('error', (error) => console.error(`[queue ${name}]`, error.message));
      return [name, queue];
    })
  ) as Record<QueueName, Queue>;

  const ctx: HandlerContext = {
    driver: getDriver(),
    database: database(),
    publicUrl: config().publicUrl,
    sessionSecret: config().sessionSecret,
    transport: settings.transport,
    queues,
    sendTimeoutMs: settings.sendTimeoutMs,
    sweepGraceSeconds: settings.sweepGraceSeconds
  };
  const handlers: { [J in JobName]: Handler } = {
    'fan-out': fanOutHandler(ctx) as Handler,
    'send-email': sendEmailHandler(ctx) as Handler,
    'send-digest': sendDigestHandler(ctx) as Handler,
    'collect-digests': collectDigestsHandler(ctx),
    'mark-stale': markStaleHandler(ctx),
    'sweep-outbox': sweepOutboxHandler(ctx),
    'dashboard-snapshot': dashboardSnapshotHandler(ctx) as Handler
  };

  const workers: Worker[] = [];
  for (const [queue, map] of handlersByQueue(handlers)) {
    const options: WorkerOptions = {
      connection: connect(),
      prefix: settings.prefix,
      concurrency: settings.concurrency[queue],
      // A crashed worker's jobs are picked up again after the lock expires (stalled check).
      // Crashes are the environment's doing, not the job's: allow several before giving up on it.
      lockDuration: settings.lockDurationMs,
      stalledInterval: Math.max(1000, Math.floor(settings.lockDurationMs / 2)),
      maxStalledCount: 10
    };
    // The provider's rate limit applies to the email queue only; it also makes a 429's manual limit work.
    if (queue === QUEUES.email) options.limiter = settings.emailRate;
    const worker = new Worker(
      queue,
      async (job) => {
        const handler = map.get(job.name);
        if (!handler) throw new Error(`No handler for ${job.name} on ${queue}`);
        return handler(job);
      },
      options
    );
    worker.on('error', (error) => console.error(`[worker ${queue}]`, error.message));
    worker.on('failed', (job, error) => {
      if (error.name === 'RateLimitError') return;
      console.error(
        `[worker ${queue}] ${job?.name} ${job?.id} attempt ${job?.attemptsMade} failed: ${error.name} ${error.message}`
      );
    });
    workers.push(worker);
  }

  if (settings.schedules) {
    const { maintenance } = queues;
    await maintenance.upsertJobScheduler(
      'sweep-outbox',
      { every: settings.schedules.sweepOutboxMs },
      { name: 'sweep-outbox', data: {} }
    );
    await maintenance.upsertJobScheduler(
      'collect-digests',
      { every: settings.schedules.collectDigestsMs },
      { name: 'collect-digests', data: {} }
    );
    await maintenance.upsertJobScheduler(
      'mark-stale',
      { pattern: settings.schedules.markStaleCron },
      { name: 'mark-stale', data: {} }
    );
    await scheduleDashboardSnapshots(maintenance);
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    workers,
    queues,
    ctx,
    async close() {
      await Promise.allSettled(workers.map((w) => w.close()));
      await Promise.allSettled(Object.values(queues).map((q) => q.close()));
      // BullMQ leaves connections it was given open; these were made here.
      for (const connection of connections) connection.disconnect();
    }
  };
}

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  if (process.env.WORKER_START_ON_STDIN === '1') {
    // A warm standby: everything is loaded, and the workers start the moment a line arrives
    // (used to replace a killed worker without paying for a Node start-up).
    await new Promise((resolve) => process.stdin.once('data', resolve));
  }
  const running = await startWorkers(settings);
  console.log(
    `Workers running (${running.workers.length} queues, prefix ${bullPrefix()}, ${config().nodeEnv}).`
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Workers stopping (${signal})...`);
    await running.close();
    await Promise.allSettled([closeDriver(), closeRedis()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

const entry = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : '';
if (import.meta.url === entry) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
