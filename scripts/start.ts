/**
 * `npm start`: everything on local defaults. Provisions and starts Neo4j and Redis when needed,
 * migrates, seeds the demo on an empty database, builds (into BUILD_DIR, default build/), then
 * runs the web server and the worker process under a supervisor that restarts either when it
 * crashes (scripts/lib/supervisor.ts), and stops everything only when one crashes again and again.
 * Ctrl-C / SIGTERM stops everything this command started within 10 seconds.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { config } from '../src/lib/server/config.ts';
import { closeDriver } from '../src/lib/server/db/neo4j.ts';
import { DEMO_ACCOUNTS } from '../src/lib/server/seed/index.ts';
import { buildIsStale } from './lib/build-freshness.ts';
import { FriendlyError, runCli } from './lib/friendly-error.ts';
import { stopLocalNeo4j } from './lib/neo4j-local.ts';
import { prepareServices } from './lib/prepare.ts';
import { stopStartedRedis } from './lib/redis-local.ts';
import { Supervisor } from './lib/supervisor.ts';

const root = path.resolve(import.meta.dirname, '..');
// The same variable as svelte.config.js, so `npm start` serves what `vite build` wrote.
const buildDir = process.env.BUILD_DIR || 'build';
let supervisor: Supervisor | undefined;
let startedNeo4j = false;
let startedRedis = false;
let stopping = false;

function step(message: string): void {
  console.log(`\u203a ${message}`);
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
      last = await response.text();
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new FriendlyError(
    `The web server did not become ready within ${timeoutMs / 1000} s (last answer: ${last.slice(0, 300)}).`
  );
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping...');
  await supervisor?.stop();
  await closeDriver().catch(() => undefined);
  if (startedNeo4j) await stopLocalNeo4j(config().neo4j.dataDir, 3500);
  if (startedRedis) stopStartedRedis();
  console.log('Stopped.');
  process.exit(code);
}

await runCli(async () => {
  const cfg = config();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const started = await prepareServices(cfg, step);
  startedNeo4j = started.neo4j;
  startedRedis = started.redis;

  if (buildIsStale(root, buildDir)) {
    step('Building the web app');
    const build = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' }
    );
    if (build.status !== 0)
      throw new FriendlyError('Building the web app failed; the errors are printed above.');
  } else {
    step('Web app build is up to date');
  }

  // Local defaults run in development mode (GraphQL IDE, mail outbox page, cookies without Secure
  // over plain http); a deployment sets NODE_ENV=production.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: cfg.host,
    PORT: String(cfg.port),
    ORIGIN: cfg.publicUrl,
    NODE_ENV: cfg.nodeEnv
  };
  step('Starting the web server and the workers');
  // Our server entry rather than build/index.js, so static files get the security headers too.
  supervisor = new Supervisor(
    [
      {
        name: 'web',
        args: [path.join(root, 'scripts/serve-build.js'), path.join(root, buildDir)],
        cwd: root,
        env
      },
      {
        name: 'workers',
        args: ['--import', 'tsx', path.join(root, 'workers/main.ts')],
        cwd: root,
        env
      }
    ],
    { onGiveUp: () => void shutdown(1) }
  );
  supervisor.start();
  await waitForReady(cfg.publicUrl, 60_000);

  console.log(`\nTeamaround is running at ${cfg.publicUrl}\n`);
  console.log(
    `Demo accounts (password: ${process.env.DEMO_PASSWORD ? 'the DEMO_PASSWORD you set' : cfg.demoPassword}):`
  );
  for (const account of DEMO_ACCOUNTS)
    console.log(`  ${account.email.padEnd(36)} ${account.description}`);
  console.log('\nPress Ctrl-C to stop.');
});
