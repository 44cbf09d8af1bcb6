/** `npm run db:start | db:stop | db:status`: the project's local Neo4j (and a note on Redis). */
import { config } from '../src/lib/server/config.ts';
import { FriendlyError, runCli } from './lib/friendly-error.ts';
import { boltAnswers, runningPid, startLocalNeo4j, stopLocalNeo4j } from './lib/neo4j-local.ts';
import { ensureRedis } from './lib/redis-local.ts';

await runCli(async () => {
  const command = process.argv[2];
  const cfg = config();
  if (cfg.neo4j.external && command !== 'status') {
    throw new FriendlyError(
      `NEO4J_URI is set (${cfg.neo4j.uri}), so this project does not run its own Neo4j; start or stop that server where it lives.`
    );
  }
  const local = {
    dataDir: cfg.neo4j.dataDir,
    port: cfg.neo4j.boltPort,
    password: cfg.neo4j.password,
    heapMiB: cfg.neo4j.heapMiB,
    pagecacheMiB: cfg.neo4j.pagecacheMiB
  };
  switch (command) {
    case 'start': {
      const { pid, reused } = await startLocalNeo4j(local);
      console.log(
        `Neo4j ${reused ? 'was already running' : 'started'} (pid ${pid}) at bolt://127.0.0.1:${local.port}, data in ${local.dataDir}.`
      );
      await ensureRedis(cfg.redisUrl);
      break;
    }
    case 'stop': {
      const stopped = await stopLocalNeo4j(local.dataDir);
      console.log(stopped ? 'Neo4j stopped.' : 'Neo4j was not running.');
      break;
    }
    case 'status': {
      if (cfg.neo4j.external) {
        console.log(`Neo4j: external server ${cfg.neo4j.uri}`);
      } else {
        const pid = runningPid(local.dataDir);
        const answers = await boltAnswers(local.port);
        console.log(
          `Neo4j: ${pid ? `running (pid ${pid})` : 'not running'}; port ${local.port} ${answers ? 'answers' : 'does not answer'}; data in ${local.dataDir}`
        );
      }
      break;
    }
    default:
      throw new FriendlyError('Usage: tsx scripts/db.ts start|stop|status');
  }
});
