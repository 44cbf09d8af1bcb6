/**
 * Alerts pipeline benchmark (not a test): `npx tsx scripts/bench/alerts.bench.ts [options]`.
 *
 * Runs --workers worker processes (default 2, `node --import tsx workers/main.ts` as `npm start`
 * does) on their own BullMQ prefix ({teamaround-bench}) against the Neo4j and Redis of the
 * environment (the development ones by default), with the Resend transport pointed at the fake
 * Resend in this process (RESEND_BASE_URL), and reports:
 *
 *   1. unlimited provider: N events (default 10,000) from teams of R+1 members (default 5
 *      recipients: ~50,000 emails), committed and published at --rate events/s the way commands
 *      do; commit-to-provider-handoff latency p50/p95/p99 per email and throughput;
 *   2. provider limited to 2 requests/s for --limited-seconds (default 60): sustained immediate
 *      throughput with 429s honoured and no retries exhausted;
 *   3. the same limit, daily digests: --digests people's digests sent through the batch endpoint
 *      (100 per request), counted per email.
 *
 * Options: --events 10000 --recipients 5 --rate 400 --limited-seconds 60 --digests 1000 --workers 2
 * Everything it creates is deleted at the end (nodes by id, queues obliterated).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import type { Queue } from 'bullmq';
import { collectDigests } from '../../src/lib/server/alerts/digest.ts';
import { EMAIL_JOB_OPTIONS } from '../../workers/handlers/context.ts';
import { publishEvents } from '../../workers/outbox.ts';
import { config } from '../../src/lib/server/config.ts';
import { closeDriver, database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { closeRedis } from '../../src/lib/server/redis.ts';
import { digestDue } from '../../src/lib/server/alerts/local-time.ts';
import { startFakeResend, type FakeResend } from '../../tests/support/fake-resend.ts';
import {
  obliterate,
  spawnWorkerProcess,
  testQueues,
  workerReady,
  type WorkerProcess
} from '../../tests/support/worker-process.ts';
import { percentile } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    recipients: { type: 'string', default: '5' },
    rate: { type: 'string', default: '400' },
    'limited-seconds': { type: 'string', default: '60' },
    digests: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '2' }
  }
});
const EVENTS = Number(args.events);
const RECIPIENTS = Number(args.recipients);
const RATE = Number(args.rate);
const LIMITED_SECONDS = Number(args['limited-seconds']);
const DIGESTS = Number(args.digests);
const WORKERS = Number(args.workers);
const TEAMS = 200;
const REDIS_PREFIX = '{teamaround-bench}';
const PREFIX = `${REDIS_PREFIX}:bull`;

const driver: Driver = getDriver();
const db = database();
const created = { clients: [] as string[], practitioners: [] as string[], agencyId: randomUUID() };

const log = (line: string) => console.log(`[bench] ${line}`);

/** TEAMS clients, each with an actor and `recipients` members; returns [clientId, actorId][]. */
async function createTeams(
  recipients: number,
  mode: 'IMMEDIATE' | 'DIGEST'
): Promise<{ clientId: string; actorId: string }[]> {
  const prefs =
    mode === 'DIGEST'
      ? JSON.stringify(
          Object.fromEntries(['circle.changed', 'team.joined'].map((k) => [k, 'DIGEST']))
        )
      : null;
  const teams = Array.from({ length: TEAMS }, (_, t) => ({
    clientId: randomUUID(),
    members: Array.from({ length: recipients + 1 }, (_, m) => ({
      id: randomUUID(),
      email: `bench-${t}-${m}-${randomUUID().slice(0, 6)}@bench.teamaround.example`
    }))
  }));
  await driver.executeQuery(
    `MERGE (a:Agency {id: $agencyId}) ON CREATE SET a.name = 'Bench Agency', a.kind = 'SCHOOL', a.sensitive = false
     WITH a
     UNWIND $teams AS t
     CREATE (c:Client {id: t.clientId, givenName: 'Bench', familyName: 'Client', councilCode: 'BENCH', createdAt: datetime()})
     WITH a, c, t
     UNWIND t.members AS m
     CREATE (p:Practitioner {id: m.id, name: 'Bench Practitioner', email: m.email, status: 'ACTIVE', roles: ['practitioner'],
       timeZone: 'Australia/Sydney', alertPrefs: $prefs, createdAt: datetime()})
     CREATE (p)-[:WORKS_AT]->(a)
     CREATE (p)-[:MEMBER_OF {since: datetime(), until: null, restricted: false, lead: false, lastConfirmedAt: datetime()}]->(c)`,
    { agencyId: created.agencyId, teams, prefs },
    { database: db }
  );
  for (const t of teams) {
    created.clients.push(t.clientId);
    created.practitioners.push(...t.members.map((m) => m.id));
  }
  return teams.map((t) => ({ clientId: t.clientId, actorId: t.members[0]!.id }));
}

/** Commits events in small transactions at `rate` per second and publishes each after commit. */
async function produce(
  cluster: Cluster,
  teams: { clientId: string; actorId: string }[],
  count: number,
  rate: number
): Promise<Map<string, number>> {
  const committedAt = new Map<string, number>();
  const perTick = Math.max(1, Math.round(rate / 20));
  const started = Date.now();
  let made = 0;
  while (made < count) {
    const n = Math.min(perTick, count - made);
    const rows = Array.from({ length: n }, (_, i) => {
      const team = teams[(made + i) % teams.length]!;
      return { id: randomUUID(), clientId: team.clientId, actorId: team.actorId };
    });
    await driver.executeQuery(
      `UNWIND $rows AS r
       CREATE (:Event {id: r.id, type: 'circle.changed', actorId: r.actorId, clientId: r.clientId, data: '{}',
         createdAt: datetime(), outbox: true})`,
      { rows },
      { database: db }
    );
    const now = Date.now();
    for (const r of rows) committedAt.set(r.id, now);
    await publishEvents(
      driver,
      db,
      cluster.queues.events,
      rows.map((r) => r.id)
    );
    made += n;
    const due = started + (made / rate) * 1000;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return committedAt;
}

async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
  return false;
}

async function exhaustedRetries(cluster: Cluster): Promise<number> {
  const failed = await cluster.queues.email.getJobCounts('failed');
  const { records } = await driver.executeQuery(
    `MATCH (n:Notification) WHERE n.clientId IN $clients AND n.status = 'FAILED' RETURN count(n) AS c`,
    { clients: created.clients },
    { database: db }
  );
  return (failed.failed ?? 0) + Number(records[0]?.get('c') ?? 0);
}

async function phaseUnlimited(fake: FakeResend): Promise<void> {
  log(
    `phase 1: ${EVENTS} events to teams of ${RECIPIENTS + 1}, ${RATE} events/s, no provider limit`
  );
  const teams = await createTeams(RECIPIENTS, 'IMMEDIATE');
  const running = await startCluster(fake, 100_000);
  try {
    fake.reset();
    const started = Date.now();
    const committedAt = await produce(running, teams, EVENTS, RATE);
    const produced = (Date.now() - started) / 1000;
    const expected = EVENTS * RECIPIENTS;
    await waitUntil(`${expected} emails`, () => fake.accepted.length >= expected, 15 * 60_000);
    const seconds = (Date.now() - started) / 1000;
    const latencies = fake.accepted
      .map(
        (e) =>
          e.acceptedAt - (committedAt.get(e.idempotencyKey?.split('.')[0] ?? '') ?? e.acceptedAt)
      )
      .sort((a, b) => a - b);
    const keys = new Set(fake.accepted.map((e) => e.idempotencyKey));
    log(
      `  produced ${EVENTS} events in ${produced.toFixed(1)} s; ${fake.accepted.length} emails accepted (${keys.size} distinct keys) in ${seconds.toFixed(1)} s`
    );
    log(`  throughput ${(fake.accepted.length / seconds).toFixed(0)} emails/s`);
    log(
      `  commit -> provider handoff: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`
    );
    log(`  retries exhausted: ${await exhaustedRetries(running)}`);
  } finally {
    await running.close();
  }
}

async function phaseLimited(fake: FakeResend): Promise<void> {
  log(
    `phase 2: provider limited to 2 requests/s for ${LIMITED_SECONDS} s (workers allowed 10/s, so 429s happen)`
  );
  const teams = await createTeams(RECIPIENTS, 'IMMEDIATE');
  const running = await startCluster(fake, 10);
  try {
    fake.reset();
    fake.setRateLimit(2);
    // Far more than 60 s can deliver at 2/s: a sustained backlog.
    await produce(running, teams, Math.ceil((LIMITED_SECONDS * 4) / RECIPIENTS) + 10, 50);
    const started = Date.now();
    const before = fake.accepted.length;
    await new Promise((resolve) => setTimeout(resolve, LIMITED_SECONDS * 1000));
    const delivered = fake.accepted.length - before;
    const seconds = (Date.now() - started) / 1000;
    const limited = fake.requests.filter((r) => r.status === 429).length;
    const ok = fake.requests.filter((r) => r.status === 200).length;
    log(
      `  ${delivered} emails in ${seconds.toFixed(0)} s: ${(delivered / seconds).toFixed(2)} emails/s sustained; ${ok} accepted requests, ${limited} answered 429`
    );
    log(`  retries exhausted: ${await exhaustedRetries(running)}`);
  } finally {
    await running.close();
    await obliterate(PREFIX);
  }
}

async function phaseDigests(fake: FakeResend): Promise<void> {
  log(
    `phase 3: ${DIGESTS} daily digests through the batch endpoint, provider limited to 2 requests/s`
  );
  const teams = await createTeams(Math.ceil(DIGESTS / TEAMS), 'DIGEST');
  const running = await startCluster(fake, 10);
  try {
    await produce(running, teams, TEAMS, 200);
    await waitUntil(
      'digest notifications',
      async () => {
        const { records } = await driver.executeQuery(
          `MATCH (n:Notification {mode: 'DIGEST', status: 'PENDING'}) WHERE n.clientId IN $clients RETURN count(n) AS c`,
          { clients: created.clients },
          { database: db }
        );
        return Number(records[0]?.get('c')) >= TEAMS * Math.ceil(DIGESTS / TEAMS);
      },
      120_000
    );
    fake.reset();
    fake.setRateLimit(2);
    let morning = new Date(Date.now() + 60_000);
    while (!digestDue(morning, 'Australia/Sydney', null))
      morning = new Date(morning.getTime() + 900_000);
    const started = Date.now();
    const { batchIds } = await collectDigests(driver, db, morning, created.practitioners);
    await running.queues.email.addBulk(
      batchIds.map((batchId) => ({
        name: 'send-digest',
        data: { batchId },
        opts: { ...EMAIL_JOB_OPTIONS, jobId: batchId }
      }))
    );
    const expected = TEAMS * Math.ceil(DIGESTS / TEAMS);
    await waitUntil('digests', () => fake.accepted.length >= expected, 5 * 60_000);
    const seconds = (Date.now() - started) / 1000;
    const batches = fake.requests.filter(
      (r) => r.path === '/emails/batch' && r.status === 200
    ).length;
    log(
      `  ${fake.accepted.length} digest emails in ${batches} batch requests, ${seconds.toFixed(1)} s: ${(fake.accepted.length / seconds).toFixed(0)} emails/s at 2 requests/s`
    );
    log(`  retries exhausted: ${await exhaustedRetries(running)}`);
  } finally {
    await running.close();
  }
}

interface Cluster {
  queues: Record<'events' | 'email' | 'maintenance', Queue>;
  close(): Promise<void>;
}

/**
 * WORKERS worker processes, exactly as `npm start` runs them (so the benchmark process only
 * produces events and plays Resend), pointed at the fake with RESEND_BASE_URL.
 */
async function startCluster(fake: FakeResend, ratePerSecond: number): Promise<Cluster> {
  const env = {
    REDIS_PREFIX,
    RESEND_API_KEY: fake.apiKey,
    RESEND_BASE_URL: fake.url,
    MAIL_RATE_PER_SECOND: String(ratePerSecond),
    WORKER_EMAIL_CONCURRENCY: '32',
    WORKER_EVENTS_CONCURRENCY: '16',
    MAIL_SEND_TIMEOUT_MS: '10000',
    // No sweeper or digest collection: they would act on the shared database's real events.
    WORKER_SCHEDULES: 'off'
  };
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < WORKERS; i++)
    workers.push(spawnWorkerProcess(env, `bench-alerts-worker-${i}`));
  await Promise.all(workers.map((w) => workerReady(w, 120_000)));
  const producer = testQueues(PREFIX);
  return {
    queues: producer.queues,
    async close() {
      await Promise.all(workers.map((w) => w.kill('SIGTERM')));
      await producer.close();
    }
  };
}

async function cleanup(): Promise<void> {
  const session = driver.session({ database: db });
  try {
    await session.run(
      `UNWIND $clients AS id
       CALL (id) {
         MATCH (n:Notification {clientId: id}) DETACH DELETE n
       } IN TRANSACTIONS OF 100 ROWS`,
      { clients: created.clients }
    );
    await session.run(
      `UNWIND $clients AS id
       CALL (id) { MATCH (e:Event {clientId: id}) DETACH DELETE e } IN TRANSACTIONS OF 100 ROWS`,
      { clients: created.clients }
    );
    await session.run(
      `UNWIND $ids AS id
       CALL (id) {
         OPTIONAL MATCH (d:Digest {recipientId: id}) DETACH DELETE d
         // By label, so each id is an index seek: an unlabelled {id: id} scans every node, which
         // at a million clients outlasted the benchmark's own time limit.
         WITH id
         CALL (id) { OPTIONAL MATCH (c:Client {id: id}) DETACH DELETE c }
         CALL (id) { OPTIONAL MATCH (p:Practitioner {id: id}) DETACH DELETE p }
         CALL (id) { OPTIONAL MATCH (a:Agency {id: id}) DETACH DELETE a }
       } IN TRANSACTIONS OF 500 ROWS`,
      { ids: [...created.clients, ...created.practitioners, created.agencyId] }
    );
  } finally {
    await session.close();
  }
}

const fake = await startFakeResend();
await obliterate(PREFIX);
log(`Neo4j ${config().neo4j.uri}, Redis ${config().redisUrl}, prefix ${PREFIX}`);
try {
  await phaseUnlimited(fake);
  await obliterate(PREFIX);
  if (LIMITED_SECONDS > 0) await phaseLimited(fake);
  if (DIGESTS > 0) await phaseDigests(fake);
} finally {
  log('cleaning up...');
  await cleanup();
  await obliterate(PREFIX);
  await fake.close();
  await Promise.allSettled([closeDriver(), closeRedis()]);
}
