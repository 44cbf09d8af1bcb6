/**
 * Vitest globalSetup for the e2e project: builds the app into .cache/build-test (unless it is newer
 * than every source file; always on CI), starts it with the test environment on PORT (3100), waits
 * for GET /healthz to answer 200 and stops the server in teardown. Output goes to
 * test-results/e2e-build.log and test-results/e2e-server.log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyTestEnv } from './db.ts';
import { FriendlyError } from '../../scripts/lib/friendly-error.ts';
import { boltAnswers } from '../../scripts/lib/neo4j-local.ts';
import { buildIsStale as buildIsOlderThanSources } from '../../scripts/lib/build-freshness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = path.join(root, 'test-results');
const buildLog = path.join(resultsDir, 'e2e-build.log');
const serverLog = path.join(resultsDir, 'e2e-server.log');

const log = (line: string) => console.log(`[e2e server] ${line}`);

/** The tests build into their own folder so a rebuild never pulls the files from under `npm start`. */
export const BUILD_DIR = '.cache/build-test';

export function buildIsStale(): boolean {
  if (process.env.CI === 'true' || process.env.CI === '1') return true;
  return buildIsOlderThanSources(root, BUILD_DIR);
}

function tail(file: string, lines = 25): string {
  if (!existsSync(file)) return '(no output)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string
): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(logFile);
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.once('error', reject);
    child.once('close', (code) => {
      out.end(() => resolve(code ?? 1));
    });
  });
}

async function build(): Promise<void> {
  log('building the app (npx vite build)...');
  const started = Date.now();
  // A production build, whatever NODE_ENV the tests run under.
  const code = await run(
    'npx',
    ['vite', 'build'],
    { ...process.env, NODE_ENV: 'production', BUILD_DIR },
    buildLog
  );
  if (code !== 0) {
    throw new FriendlyError(
      `Building the app for the end-to-end tests failed (vite build exited with ${code}). The last lines of test-results/e2e-build.log:\n${tail(buildLog)}\nFix the build (\`npm run build\` shows the same errors), then run the tests again.`
    );
  }
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stop(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  applyTestEnv();
  const port = Number(process.env.PORT);
  const baseUrl = `http://127.0.0.1:${port}`;
  mkdirSync(resultsDir, { recursive: true });

  if (await boltAnswers(port)) {
    throw new FriendlyError(
      `Port ${port} on 127.0.0.1 is already in use, so the end-to-end tests cannot start the app there. Stop whatever listens on it (an earlier test server?) or choose another port with TEST_PORT.`
    );
  }
  if (buildIsStale()) await build();
  else log(`${BUILD_DIR} is up to date; not rebuilding`);

  const out = createWriteStream(serverLog);
  // The same server entry as `npm start` (static files get the security headers there).
  const child = spawn(process.execPath, ['scripts/serve-build.js', BUILD_DIR], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: baseUrl },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const deadline = Date.now() + 60_000;
  while (!(await healthy(`${baseUrl}/healthz`))) {
    if (exited(child) || Date.now() > deadline) {
      await stop(child);
      process.off('exit', killOnExit);
      throw new FriendlyError(
        `The app did not become healthy at ${baseUrl}/healthz (${exited(child) ? `node build exited with ${child.exitCode ?? child.signalCode}` : 'no 200 within 60 s'}). The last lines of test-results/e2e-server.log:\n${tail(serverLog)}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  log(`app is up at ${baseUrl}`);
  project.provide('baseUrl', baseUrl);

  return async () => {
    await stop(child);
    process.off('exit', killOnExit);
  };
}
