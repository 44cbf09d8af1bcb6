/** Brings up what the app needs (shared by `npm start` and `npm run dev`): Redis, Neo4j, migrations, demo data. */
import type { Config } from '../../src/lib/server/config.ts';
import { migrate } from '../../src/lib/server/db/migrations.ts';
import { closeDriver, getDriver } from '../../src/lib/server/db/neo4j.ts';
import { seedDatabase } from '../../src/lib/server/seed/index.ts';
import { startLocalNeo4j } from './neo4j-local.ts';
import { ensureRedis } from './redis-local.ts';

/** Returns which services this call started, so the caller stops only those. */
export async function prepareServices(
  cfg: Config,
  step: (message: string) => void,
  log: (line: string) => void = console.log
): Promise<{ neo4j: boolean; redis: boolean }> {
  let neo4j = false;
  step(`Redis at ${cfg.redisUrl}`);
  const redis = (await ensureRedis(cfg.redisUrl, log)) === 'started';

  if (cfg.neo4j.external) {
    step(`Neo4j at ${cfg.neo4j.uri} (NEO4J_URI is set: nothing is provisioned)`);
  } else {
    step(`Neo4j on bolt://127.0.0.1:${cfg.neo4j.boltPort} (data in ${cfg.neo4j.dataDir})`);
    const { reused } = await startLocalNeo4j({
      dataDir: cfg.neo4j.dataDir,
      port: cfg.neo4j.boltPort,
      password: cfg.neo4j.password,
      heapMiB: cfg.neo4j.heapMiB,
      pagecacheMiB: cfg.neo4j.pagecacheMiB,
      log
    });
    neo4j = !reused;
  }

  const driver = getDriver();
  step('Migrations');
  await migrate(driver, cfg.neo4j.database, (line) => log(`  ${line}`));

  const { records } = await driver.executeQuery(
    'MATCH (c:Client) RETURN count(c) > 0 AS any',
    {},
    { database: cfg.neo4j.database }
  );
  if (records[0]?.get('any') === true) {
    step('Demo data: database already has data, leaving it as it is');
  } else {
    step(`Demo data: seeding ${cfg.seedClients} clients (first start only)`);
    await seedDatabase(driver, cfg.neo4j.database, {
      clients: cfg.seedClients,
      seed: 1,
      demoPassword: cfg.demoPassword,
      progress: true
    });
  }
  await closeDriver();
  return { neo4j, redis };
}
