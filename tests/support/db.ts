/**
 * Test environment and small database helpers shared by the test command, the global setups and
 * the integration tests.
 *
 * The test environment has its own Neo4j (port 7697, data in .data/neo4j-test), its own Redis
 * database (1) and key prefix, and its own web port (3100), so tests pass while `npm start` runs
 * and never touch the demo data. Setting NEO4J_URI points the tests at that server instead (which
 * they then wipe and reseed).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../src/lib/server/config.ts';
import { closeDriver, database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { FriendlyError } from '../../scripts/lib/friendly-error.ts';
import {
  boltAnswers,
  runningPid,
  startLocalNeo4j,
  stopLocalNeo4j
} from '../../scripts/lib/neo4j-local.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Marks a process whose environment was already switched to the test settings. */
export const TEST_ENV_MARKER = 'TEAMAROUND_TEST_ENV';

export const TEST_DEFAULTS = {
  boltPort: 7697,
  dataDir: '.data/neo4j-test',
  neo4jPassword: 'teamaround-test-neo4j',
  heapMiB: 1024,
  pagecacheMiB: 512,
  redisUrl: 'redis://127.0.0.1:6379/1',
  redisPrefix: '{teamaround-test}',
  webPort: 3100,
  demoPassword: 'teamaround-test-demo-password'
} as const;

/**
 * Switches process.env to the test settings (once per process tree: child processes inherit the
 * marker). The development values a shell may export (NEO4J_BOLT_PORT=7687, .data/neo4j, Redis db
 * 0) are overridden on purpose; TEST_NEO4J_BOLT_PORT, TEST_REDIS_URL and TEST_PORT move the test
 * services instead. NEO4J_URI, when set, is kept: the tests then use that server.
 */
export function applyTestEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env[TEST_ENV_MARKER] === '1') return env;
  const webPort = env.TEST_PORT || String(TEST_DEFAULTS.webPort);
  Object.assign(env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: webPort,
    PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    ORIGIN: `http://127.0.0.1:${webPort}`,
    REDIS_URL: env.TEST_REDIS_URL || TEST_DEFAULTS.redisUrl,
    REDIS_PREFIX: TEST_DEFAULTS.redisPrefix,
    DEMO_PASSWORD: TEST_DEFAULTS.demoPassword,
    SEED_CLIENTS: '400',
    // Keeps the sign-in delay's code path without seconds of waiting in the lockout tests.
    SIGN_IN_DELAY_MS: '1',
    [TEST_ENV_MARKER]: '1'
  });
  // Never send real email from tests.
  delete env.RESEND_API_KEY;
  delete env.RESEND_BASE_URL;
  if (!env.NEO4J_URI) {
    Object.assign(env, {
      NEO4J_BOLT_PORT: env.TEST_NEO4J_BOLT_PORT || String(TEST_DEFAULTS.boltPort),
      NEO4J_DATA_DIR: TEST_DEFAULTS.dataDir,
      NEO4J_USERNAME: 'neo4j',
      NEO4J_PASSWORD: TEST_DEFAULTS.neo4jPassword,
      NEO4J_DATABASE: 'neo4j',
      NEO4J_HEAP_MB: String(TEST_DEFAULTS.heapMiB),
      NEO4J_PAGECACHE_MB: String(TEST_DEFAULTS.pagecacheMiB)
    });
  }
  return env;
}

// Importing this module switches to the test settings; the configuration is read lazily, later.
applyTestEnv();

const LOCK_FILE = path.join(root, '.data/test-run.lock');
const LOCK_HOLDER_ENV = 'TEAMAROUND_TEST_LOCK_PID';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function lockHolder(): number | undefined {
  try {
    const pid = Number(readFileSync(LOCK_FILE, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One test run at a time per machine: two runs would wipe and reseed the same test database under
 * each other. Waits (up to 20 minutes) for another run to finish. Child processes of the holder
 * (vitest under `npm test`) see the holder's pid in TEAMAROUND_TEST_LOCK_PID and pass straight
 * through. Returns a synchronous release.
 */
export async function acquireTestRunLock(log: (line: string) => void): Promise<() => void> {
  const inherited = Number(process.env[LOCK_HOLDER_ENV]);
  if (inherited && lockHolder() === inherited) return () => undefined;
  mkdirSync(path.dirname(LOCK_FILE), { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  let told = false;
  for (;;) {
    try {
      writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockHolder();
    if (holder === undefined) {
      // Left by a run that died: take it over.
      rmSync(LOCK_FILE, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new FriendlyError(
        `Another test run (pid ${holder}) has been using the test Neo4j and Redis database for 20 minutes, and two runs cannot share them. Wait for it to finish or stop it, then run the tests again (${path.relative(root, LOCK_FILE)} names the process holding them).`
      );
    }
    if (!told)
      log(
        `another test run (pid ${holder}) is using the test services; waiting for it to finish...`
      );
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  process.env[LOCK_HOLDER_ENV] = String(process.pid);
  const release = () => {
    if (lockHolder() === process.pid) rmSync(LOCK_FILE, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}

/** Whether pid is a direct child of this process (Linux /proc; false where unknown). */
function isOwnChild(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
  } catch {
    return false;
  }
}

/** Sockets in TIME_WAIT on this local port (Linux /proc; 0 where unknown). */
function timeWaitSockets(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '06') count++;
      }
    } catch {
      // No such table: nothing to wait for.
    }
  }
  return count;
}

/**
 * The launcher refuses a port that still has TIME_WAIT connections from a server stopped moments
 * ago (it binds without SO_REUSEADDR); they clear within about a minute, so wait for that.
 */
async function waitForPortToSettle(port: number, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 90_000;
  let told = false;
  while (timeWaitSockets(port) > 0 && Date.now() < deadline) {
    if (!told)
      log(`port ${port} is still closing connections of a server stopped just now; waiting...`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Starts the test Neo4j unless it already runs. A fresh start begins from an empty store (the tests
 * wipe and reseed anyway, so a stale or damaged store cannot make a run fail); the store is only
 * removed when no server runs from it and nothing listens on its port. A server this call spawned
 * is stopped again if the start fails. `started` says whether the caller must stop it (with
 * stopTestNeo4j and the pid returned).
 */
export async function startTestNeo4j(
  neo4j: Config['neo4j'],
  log: (line: string) => void
): Promise<{ pid: number; started: boolean }> {
  if (neo4j.external) throw new Error('NEO4J_URI is set: the tests use that server.');
  if (path.resolve(root, neo4j.dataDir) !== path.resolve(root, TEST_DEFAULTS.dataDir)) {
    throw new Error(
      `Refusing to start the tests on ${neo4j.dataDir}; they only use ${TEST_DEFAULTS.dataDir}.`
    );
  }
  const before = runningPid(neo4j.dataDir);
  if (before === undefined && !(await boltAnswers(neo4j.boltPort))) {
    rmSync(path.resolve(root, neo4j.dataDir, 'dbms'), { recursive: true, force: true });
    await waitForPortToSettle(neo4j.boltPort, log);
  }
  try {
    const { pid, reused } = await startLocalNeo4j({
      dataDir: neo4j.dataDir,
      port: neo4j.boltPort,
      password: neo4j.password,
      heapMiB: neo4j.heapMiB,
      pagecacheMiB: neo4j.pagecacheMiB,
      log
    });
    return { pid, started: !reused };
  } catch (error) {
    const pid = runningPid(neo4j.dataDir);
    if (pid !== undefined && pid !== before && isOwnChild(pid)) await stopLocalNeo4j(neo4j.dataDir);
    throw error;
  }
}

/** Stops the test Neo4j if it is still the server `pid` (the one this run started). */
export async function stopTestNeo4j(dataDir: string, pid: number): Promise<void> {
  if (runningPid(dataDir) === pid) await stopLocalNeo4j(dataDir);
}

/** A readable id that no other test (or earlier run) uses: `client-3f9a1c2b`. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/**
 * Eight random lower-case letters: a tag that can go into a person's name, which may hold no
 * digits (src/lib/server/people/person-name.ts), yet is as unlikely to repeat as a short uuid.
 */
export function nameTag(): string {
  return Array.from(randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

/** The process's driver, pointed at the test Neo4j. */
export function testDriver(): Driver {
  return getDriver();
}

export function testDatabase(): string {
  return database();
}

/** Deletes the nodes with these ids (and their relationships). Safe to call twice. */
export async function cleanup(ids: Iterable<string>): Promise<number> {
  const list = [...ids];
  if (list.length === 0) return 0;
  const driver = testDriver();
  const { records } = await driver.executeQuery(
    'MATCH (n) WHERE n.id IN $ids DETACH DELETE n RETURN count(*) AS deleted',
    { ids: list },
    { database: testDatabase() }
  );
  return Number(records[0]?.get('deleted') ?? 0);
}

export async function closeTestDriver(): Promise<void> {
  await closeDriver();
}
