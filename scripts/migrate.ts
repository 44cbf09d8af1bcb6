/** `npm run migrate`: applies pending Cypher migrations to the configured Neo4j. */
import { config } from '../src/lib/server/config.ts';
import { closeDriver, getDriver } from '../src/lib/server/db/neo4j.ts';
import { migrate } from '../src/lib/server/db/migrations.ts';
import { runCli } from './lib/friendly-error.ts';

await runCli(async () => {
  try {
    const done = await migrate(getDriver(), config().neo4j.database, console.log);
    console.log(done.length ? `${done.length} migration(s) applied.` : 'Database is up to date.');
  } finally {
    await closeDriver();
  }
});
