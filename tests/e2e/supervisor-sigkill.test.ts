/**
 * `npm start`'s supervisor (issue 15, finding 9: one crashed worker used to stop the web server
 * and everything else). The real `npm start` (scripts/start.ts) runs the built app and the worker
 * process against the test Neo4j and Redis (its own Redis prefix) and the fake Resend; the test
 * finds its children with `ps`, as an operator would.
 *
 * 1. Practitioners join 40 teams over /graphql while the worker is killed with SIGKILL three times
 *    mid-flight: the supervisor starts a new worker each time, the web server keeps answering
 *    (/healthz and every join), and every team member's email arrives exactly once. Then SIGTERM
 *    (Ctrl-C) stops everything with exit code 0 and restarts nothing.
 * 2. A worker that dies at every start: the supervisor restarts it with backoff, then gives up on
 *    the fifth crash, says so, stops the web server and exits non-zero.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import {
  addClient,
  addMember,
  addPractitioner,
  createFixture,
  removeFixture,
  run
} from '../integration/team-fixtures.ts';
import { notificationStatus, waitFor } from '../support/alert-fixtures.ts';
import { closeTestDriver } from '../support/db.ts';
import { BUILD_DIR } from '../support/e2e-server.ts';
import { startFakeResend, type FakeResend } from '../support/fake-resend.ts';
import { freePort } from '../support/free-port.ts';
import { postGraphQL, signIn } from '../support/http.ts';
import { alive, startNpmStart, waitForOutput, type NpmStart } from '../support/npm-start.ts';
import { obliterate, testBullPrefix, testRedisPrefix } from '../support/worker-process.ts';

const NAME = 'supervisor-sigkill';
const PASSWORD = 'supervisor harbour kettle 2026';
const JOINERS = 4;
/** One join per team, so each notifies exactly the two members (a fan-out sees the team as it is then). */
const CLIENTS = 40;
const KILLS = 3;
const WORKER = 'workers/main.ts';
const WEB = 'scripts/serve-build.js';

type Person = Awaited<ReturnType<typeof addPractitioner>>;
let fixture: Awaited<ReturnType<typeof createFixture>>;
let fake: FakeResend;
let members: Person[];
let joiners: Person[];
const apps: NpmStart[] = [];
/** Queue prefixes used, one per `npm start`, so a retried test never shares queues with the first try. */
const prefixes: string[] = [];

/** `npm start` on a port of its own, with the test services, its own queues and the fake Resend. */
async function startApp(
  extraEnv: NodeJS.ProcessEnv,
  logName: string
): Promise<{ app: NpmStart; baseUrl: string }> {
  const port = await freePort();
  const prefix = `${NAME}-${prefixes.length + 1}`;
  prefixes.push(prefix);
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = startNpmStart(
    {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      ORIGIN: baseUrl,
      BUILD_DIR,
      REDIS_PREFIX: testRedisPrefix(prefix),
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      MAIL_RATE_PER_SECOND: '1000',
      // A killed worker's jobs are taken up again once their lock lapses.
      WORKER_LOCK_DURATION_MS: '8000',
      ...extraEnv
    },
    logName
  );
  apps.push(app);
  return { app, baseUrl };
}

/** Polls /healthz until stopped and keeps every answer that was not a 200. */
function watchHealth(baseUrl: string): { failures: string[]; stop(): Promise<number> } {
  const failures: string[] = [];
  let answered = 0;
  let watching = true;
  const loop = (async () => {
    while (watching) {
      try {
        const response = await fetch(`${baseUrl}/healthz`);
        await response.body?.cancel();
        if (response.status === 200) answered++;
        else failures.push(`HTTP ${response.status}`);
      } catch (error) {
        failures.push(
          error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error)
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    failures,
    async stop() {
      watching = false;
      await loop;
      return answered;
    }
  };
}

async function join(baseUrl: string, cookie: string, clientId: string) {
  const r = await postGraphQL(
    baseUrl,
    {
      query: `mutation J($id: ID!) { joinTeam(clientId: $id, reason: "Allocated to me today") { ok code eventId } }`,
      variables: { id: clientId }
    },
    { cookie }
  );
  const body = JSON.parse(r.body) as {
    data?: { joinTeam: { ok: boolean; code: string | null; eventId: string | null } };
  };
  return {
    status: r.status,
    ...(body.data?.joinTeam ?? { ok: false, code: r.body, eventId: null })
  };
}

/** The pid of a worker process under `npm start` other than `not`; fails at once if npm start ended. */
async function newWorker(app: NpmStart, not: number[]): Promise<number> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const pid = app.childPid(WORKER);
    if (pid !== undefined && !not.includes(pid)) return pid;
    const ended = app.child.exitCode !== null || app.child.signalCode !== null;
    if (ended || Date.now() > deadline) {
      throw new Error(
        `No new worker process under npm start (not ${not.join(', ')}): ${ended ? 'npm start exited' : 'none within 90 s'}. It said:\n${app.output().slice(-1500)}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  // Latency per request keeps emails in flight long enough for a kill to land among them.
  fake = await startFakeResend({ latencyMs: 40 });
  fixture = await createFixture();
  members = [
    await addPractitioner(fixture, 'Member One'),
    await addPractitioner(fixture, 'Member Two')
  ];
  joiners = [];
  for (let i = 1; i <= JOINERS; i++) joiners.push(await addPractitioner(fixture, `Joiner ${i}`));
  await run(`MATCH (p:Practitioner) WHERE p.id IN $ids SET p.passwordHash = $hash`, {
    ids: joiners.map((j) => j.id),
    hash: await hashPassword(PASSWORD)
  });
});

/** Fresh teams of the two members (fresh for a retry too, so no join is refused as repeated). */
async function teamsToJoin(): Promise<string[]> {
  const clientIds: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const client = await addClient(fixture, `Sam${i}`);
    clientIds.push(client.id);
    for (const member of members) await addMember(member.id, client.id);
  }
  return clientIds;
}

/** Waits until the newest worker process says it runs (one "Workers running" per start). */
async function workerRunning(app: NpmStart, starts: number): Promise<void> {
  await waitFor(
    `worker start ${starts} to say it runs`,
    async () => app.output().split('[workers] Workers running').length - 1 >= starts,
    90_000,
    50
  );
}

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  for (const app of apps) {
    for (const pid of app.seen.keys()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  await fake?.close();
  if (fixture) {
    await run(`MATCH (n:Notification) WHERE n.clientId IN $ids DETACH DELETE n`, {
      ids: [...fixture.ids]
    });
    await removeFixture(fixture);
  }
  for (const prefix of prefixes) await obliterate(testBullPrefix(prefix));
  await closeTestDriver();
});

describe("npm start's supervisor", () => {
  it('restarts a worker killed mid-flight; the web keeps answering and every email arrives once', async () => {
    // A retry starts clean: no process of the first try may take this try's jobs.
    await Promise.all(apps.map((a) => a.stop()));
    const { app, baseUrl } = await startApp({}, 'supervisor-sigkill-start');
    await waitForOutput(app, 'Teamaround is running at', 120_000);
    const webPid = app.childPid(WEB);
    const firstWorker = await newWorker(app, []);
    expect(webPid).toBeDefined();

    const clientIds = await teamsToJoin();
    const cookies = await Promise.all(joiners.map((j) => signIn(baseUrl, j.email, PASSWORD)));
    // Forty joins, ten at a time: one batch per worker life.
    const pairs = clientIds.map((clientId, i) => ({ cookie: cookies[i % JOINERS]!, clientId }));
    const batches = Array.from({ length: KILLS + 1 }, (_, i) =>
      pairs.slice((i * pairs.length) / (KILLS + 1), ((i + 1) * pairs.length) / (KILLS + 1))
    );
    const fire = (batch: typeof pairs) =>
      Promise.all(batch.map((p) => join(baseUrl, p.cookie, p.clientId)));

    const health = watchHealth(baseUrl);
    const workers = [firstWorker];
    const joins = [fire(batches[0]!)];
    const acceptedAtKills: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      // Kill while the worker is sending: once it runs and has sent something.
      await workerRunning(app, workers.length);
      const before = fake.accepted.length;
      await waitFor(
        `emails sent by worker ${workers.at(-1)}`,
        async () => fake.accepted.length > before,
        90_000,
        10
      );
      acceptedAtKills.push(fake.accepted.length);
      process.kill(workers.at(-1)!, 'SIGKILL');
      // People keep working while no worker runs: their joins must be answered too.
      joins.push(fire(batches[kill]!));
      workers.push(await newWorker(app, workers));
    }
    const results = (await Promise.all(joins)).flat();
    console.log(`[supervisor-sigkill] killed after ${acceptedAtKills.join(', ')} accepted emails`);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(CLIENTS);

    const eventIds = results.map((r) => r.eventId!);
    const expectedKeys = new Set(eventIds.flatMap((e) => members.map((m) => `${e}.${m.id}`)));
    const expected = expectedKeys.size;
    let status: Record<string, number> = {};
    await waitFor(
      `all ${expected} emails`,
      async () => {
        status = await notificationStatus(getDriver(), database(), eventIds);
        return status['IMMEDIATE:SENT'] === expected;
      },
      180_000,
      500
    ).catch((error: unknown) => {
      throw new Error(
        `${String(error)}; notifications ${JSON.stringify(status)}, ${fake.accepted.length} accepted`
      );
    });
    const answered = await health.stop();

    // Every email about these events, whatever its key: none missing, none twice, none extra.
    const events = new Set(eventIds);
    const ours = fake.accepted.filter((e) => events.has(e.idempotencyKey?.split('.')[0] ?? ''));
    const counts = new Map<string, number>();
    for (const email of ours) {
      counts.set(email.idempotencyKey!, (counts.get(email.idempotencyKey!) ?? 0) + 1);
    }
    expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect([...counts.keys()].sort()).toEqual([...expectedKeys].sort());
    // Each to the member it is for (the key ends with the recipient's id).
    for (const email of ours) {
      const memberId = email.idempotencyKey!.split('.').at(-1);
      expect(email.to).toEqual([members.find((m) => m.id === memberId)?.email]);
    }
    expect(await notificationStatus(getDriver(), database(), eventIds)).toEqual({
      'IMMEDIATE:SENT': expected
    });

    // A new process each time, the web server untouched, and never a moment without an answer.
    expect(new Set(workers).size).toBe(KILLS + 1);
    expect(app.childPid(WEB)).toBe(webPid);
    expect(health.failures).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    expect(app.output()).toContain(
      '[workers] exited (SIGKILL); restarting in 1 s (crash 1 of 5 in 5 min)'
    );
    expect(app.output()).toContain('(crash 3 of 5 in 5 min)');

    // Ctrl-C / SIGTERM: everything stops, nothing is restarted, exit code 0.
    const printedBefore = app.output().length;
    expect(await app.stop()).toEqual({ code: 0, signal: null });
    const afterStop = app.output().slice(printedBefore);
    expect(afterStop).toContain('Stopped.');
    expect(afterStop).not.toMatch(/restart/);
    expect([...app.seen.keys()].filter(alive)).toEqual([]);
  }, 420_000);

  it('gives up when the worker keeps crashing: says so, stops the web server, exits non-zero', async () => {
    // An invalid setting makes the worker exit at every start, as a broken deployment would.
    const { app } = await startApp({ WORKER_EMAIL_CONCURRENCY: '0' }, 'supervisor-give-up-start');
    const { code } = await app.exited;
    expect(code).toBe(1);
    const output = app.output();
    for (const [crash, delay] of [
      [1, 1],
      [2, 2],
      [3, 4],
      [4, 8]
    ]) {
      expect(output).toContain(
        `[workers] exited (code 1); restarting in ${delay} s (crash ${crash} of 5 in 5 min)`
      );
    }
    expect(output).toContain(
      '[workers] exited (code 1); it crashed 5 times in 5 min, so it is not restarted again: stopping everything.'
    );
    expect(output).toContain('WORKER_EMAIL_CONCURRENCY must be a whole number');
    expect(output).toContain('Stopped.');
    // The web server ran, and was stopped with everything else.
    expect([...app.seen.values()].some((args) => args.includes(WEB))).toBe(true);
    expect([...app.seen.keys()].filter(alive)).toEqual([]);
  }, 300_000);
});
