/**
 * Test environment and small database helpers shared by the test command, the global setups and
 * the integration tests.
 *
 * The test environment has its own Neo4j (port 7697, data in .data/neo4j-test), its own Redis
 * database (1) and key prefix, and its own web port (3100), so tests pass while `npm start` runs
 * and never touch the demo data. Setting NEO4J_URI points the tests at that server instead (which
 * they then wipe and reseed).
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../src/lib/server/config.ts';
import { closeDriver, database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { runningPid, startLocalNeo4j, stopLocalNeo4j } from '../../scripts/lib/neo4j-local.ts';

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

/**
 * Starts the test Neo4j unless it already runs. Each start begins from an empty store (the tests
 * wipe and reseed anyway, and a stale or damaged store cannot make a run fail). If the start
 * fails, the half-started server is stopped again. `started` says whether the caller must stop it.
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
  const wasRunning = runningPid(neo4j.dataDir) !== undefined;
  if (!wasRunning) rmSync(path.resolve(root, neo4j.dataDir), { recursive: true, force: true });
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
    if (!wasRunning && runningPid(neo4j.dataDir) !== undefined) await stopLocalNeo4j(neo4j.dataDir);
    throw error;
  }
}

/** A readable id that no other test (or earlier run) uses: `client-3f9a1c2b`. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
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
