/**
 * Vitest globalSetup for the integration and e2e projects. Once per run (both projects list it):
 * makes sure the test Neo4j and Redis answer, applies the migrations, wipes the data (all but the
 * :Migration records), seeds a small deterministic demo dataset and empties the test Redis
 * database. `npm test` has already set the test environment and started Neo4j; run directly
 * (`npx vitest run --project integration`) this file does both itself and stops what it started.
 */
import { Redis } from 'ioredis';
import type { Driver } from 'neo4j-driver';
import {
  acquireTestRunLock,
  applyTestEnv,
  startTestNeo4j,
  stopTestNeo4j,
  TEST_DEFAULTS
} from './db.ts';
import { config } from '../../src/lib/server/config.ts';
import { closeDriver, database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { migrate } from '../../src/lib/server/db/migrations.ts';
import { seedDatabase, wipeDatabase } from '../../src/lib/server/seed/index.ts';
import { boltAnswers } from '../../scripts/lib/neo4j-local.ts';
import { ensureRedis } from '../../scripts/lib/redis-local.ts';

const SEED = { clients: 400, seed: 7 } as const;

interface SharedState {
  users: number;
  ready: Promise<void> | undefined;
  startedNeo4j: { dataDir: string; pid: number } | undefined;
  releaseLock: (() => void) | undefined;
}

// Each project loads this module separately, but they share the vitest process.
const KEY = Symbol.for('teamaround.test.global-setup');
const shared = ((globalThis as Record<symbol, SharedState | undefined>)[KEY] ??= {
  users: 0,
  ready: undefined,
  startedNeo4j: undefined,
  releaseLock: undefined
});

const log = (line: string) => console.log(`[test setup] ${line}`);

async function ensureNeo4j(): Promise<void> {
  const cfg = config().neo4j;
  if (cfg.external) return;
  if (await boltAnswers(cfg.boltPort)) return;
  log(`starting the test Neo4j on port ${cfg.boltPort} (data in ${cfg.dataDir})...`);
  const { started, pid } = await startTestNeo4j(cfg, log);
  if (started) shared.startedNeo4j = { dataDir: cfg.dataDir, pid };
}

async function seed(driver: Driver, db: string): Promise<void> {
  const started = Date.now();
  await seedDatabase(driver, db, {
    ...SEED,
    demoPassword: config().demoPassword,
    progress: false,
    log: () => undefined
  });
  log(`seeded ${SEED.clients} clients in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Empties the test Redis database; on database 0 (shared) only this prefix's keys go. */
async function flushRedis(): Promise<void> {
  const { redisUrl, redisPrefix } = config();
  await ensureRedis(redisUrl, log);
  const url = new URL(redisUrl);
  const db = Number(url.pathname.replace(/^\//, '') || url.searchParams.get('db') || 0);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    if (db !== 0) {
      await redis.flushdb();
      return;
    }
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function prepare(): Promise<void> {
  applyTestEnv();
  const cfg = config();
  if (cfg.nodeEnv !== 'test') throw new Error('The test setup only runs with NODE_ENV=test.');
  if (!cfg.neo4j.external && cfg.neo4j.dataDir !== TEST_DEFAULTS.dataDir) {
    throw new Error(
      `Refusing to wipe ${cfg.neo4j.dataDir}: the tests only use ${TEST_DEFAULTS.dataDir}.`
    );
  }
  // Two runs would wipe and reseed the same database under each other (no-op under npm test,
  // which holds the lock already).
  shared.releaseLock = await acquireTestRunLock(log);
  await ensureNeo4j();
  const driver = getDriver();
  const db = database();
  await driver.verifyConnectivity({ database: db });
  const applied = await migrate(driver, db);
  if (applied.length > 0) log(`applied ${applied.length} migration(s)`);
  await wipeDatabase(driver, db);
  await seed(driver, db);
  await flushRedis();
}

async function release(): Promise<void> {
  await closeDriver();
  const started = shared.startedNeo4j;
  shared.startedNeo4j = undefined;
  if (started) {
    log('stopping the test Neo4j this run started');
    await stopTestNeo4j(started.dataDir, started.pid);
  }
  shared.releaseLock?.();
  shared.releaseLock = undefined;
}

export default async function setup(): Promise<() => Promise<void>> {
  shared.users += 1;
  shared.ready ??= prepare();
  try {
    await shared.ready;
  } catch (error) {
    // Leave nothing running behind a failed setup.
    await release();
    throw error;
  }
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    shared.ready = undefined;
    await release();
  };
}
