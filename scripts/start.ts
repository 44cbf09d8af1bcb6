/**
 * `npm start`: everything on local defaults. Provisions and starts Neo4j and Redis when needed,
 * migrates, seeds the demo on an empty database, builds, then runs the web server and the worker
 * process. Ctrl-C / SIGTERM stops everything this command started within 10 seconds.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { config } from '../src/lib/server/config.ts';
import { closeDriver } from '../src/lib/server/db/neo4j.ts';
import { DEMO_ACCOUNTS } from '../src/lib/server/seed/index.ts';
import { buildIsStale } from './lib/build-freshness.ts';
import { FriendlyError, runCli } from './lib/friendly-error.ts';
import { stopLocalNeo4j } from './lib/neo4j-local.ts';
import { prepareServices } from './lib/prepare.ts';
import { stopStartedRedis } from './lib/redis-local.ts';

const root = path.resolve(import.meta.dirname, '..');
const children: ChildProcess[] = [];
let startedNeo4j = false;
let startedRedis = false;
let stopping = false;

function step(message: string): void {
  console.log(`\u203a ${message}`);
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const prefix = `[${name}] `;
  child.stdout?.on('data', (d: Buffer) =>
    process.stdout.write(d.toString().replace(/^(?=.)/gm, prefix))
  );
  child.stderr?.on('data', (d: Buffer) =>
    process.stderr.write(d.toString().replace(/^(?=.)/gm, prefix))
  );
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping everything.`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
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
  const exits = children.map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000).unref();
      })
  );
  await Promise.all(exits);
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

  if (buildIsStale(root)) {
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
  run('web', [path.join(root, 'scripts/serve-build.js'), path.join(root, 'build')], env);
  run('workers', ['--import', 'tsx', path.join(root, 'workers/main.ts')], env);
  await waitForReady(cfg.publicUrl, 60_000);

  console.log(`\nTeamaround is running at ${cfg.publicUrl}\n`);
  console.log(
    `Demo accounts (password: ${process.env.DEMO_PASSWORD ? 'the DEMO_PASSWORD you set' : cfg.demoPassword}):`
  );
  for (const account of DEMO_ACCOUNTS)
    console.log(`  ${account.email.padEnd(36)} ${account.description}`);
  console.log('\nPress Ctrl-C to stop.');
});
