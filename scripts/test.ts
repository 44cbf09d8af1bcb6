/**
 * `npm test`: unit, integration and end-to-end tests in one command, with everything they need.
 *
 *   npm test                                   all three vitest projects
 *   npm test -- --only integration             one project (also: npm run test:int / test:e2e)
 *   npm test -- --only unit tests/unit/config.test.ts -t defaults   extra arguments go to vitest
 *
 * It switches to the test environment (own Neo4j on port 7697 with data in .data/neo4j-test, Redis
 * database 1 with prefix {teamaround-test}, web port 3100; see tests/support/db.ts), makes sure
 * Redis answers, starts the test Neo4j (stopped again at the end if this run started it), runs
 * vitest with a JSON report in test-results/vitest.json and ends with one line:
 * `N passed, N failed` (`, N skipped` when some were). Set NEO4J_URI to test against another
 * Neo4j instead — its data is wiped and reseeded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  acquireTestRunLock,
  applyTestEnv,
  startTestNeo4j,
  stopTestNeo4j
} from '../tests/support/db.ts';
import { parseConfig, type Config } from '../src/lib/server/config.ts';
import { FriendlyError, runCli } from './lib/friendly-error.ts';
import { ensureRedis } from './lib/redis-local.ts';

const root = path.resolve(import.meta.dirname, '..');
const PROJECTS = ['unit', 'integration', 'e2e'] as const;
type Project = (typeof PROJECTS)[number];
const resultsDir = path.join(root, 'test-results');
const jsonReport = path.join(resultsDir, 'vitest.json');
const summaryFile = path.join(resultsDir, 'summary.txt');

const log = (line: string) => console.log(`[npm test] ${line}`);

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

export function summaryLine({ passed, failed, skipped }: Summary): string {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

interface JsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { status?: string; name?: string; assertionResults?: { status?: string }[] }[];
}

/** Counts from vitest's JSON report; a file that failed without a failing test (an import error, a hook) counts once. */
export function summarize(report: JsonReport): Summary {
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  };
}

function parseArgs(argv: string[]): { projects: Project[]; passThrough: string[] } {
  const projects: Project[] = [];
  const passThrough: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value =
      arg === '--only' ? argv[++i] : arg.startsWith('--only=') ? arg.slice(7) : undefined;
    if (value === undefined) {
      if (arg === '--only')
        throw new FriendlyError(`--only needs a project name: ${PROJECTS.join(', ')}.`);
      passThrough.push(arg);
      continue;
    }
    for (const name of value.split(',')) {
      if (!(PROJECTS as readonly string[]).includes(name)) {
        throw new FriendlyError(
          `Unknown test project "${name}". Use --only with one of: ${PROJECTS.join(', ')}.`
        );
      }
      projects.push(name as Project);
    }
  }
  return { projects: projects.length > 0 ? projects : [...PROJECTS], passThrough };
}

function finish(summary: Summary, code?: number): never {
  releaseLock();
  const line = summaryLine(summary);
  try {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(summaryFile, `${line}\n`);
  } catch {
    // The line on stdout is what counts.
  }
  console.log(line);
  process.exit(code ?? (summary.failed > 0 ? 1 : 0));
}

let startedNeo4j: { dataDir: string; pid: number } | undefined;
let releaseLock: () => void = () => undefined;
let vitest: ChildProcess | undefined;
let interrupted = false;

async function stopOwnNeo4j(): Promise<void> {
  if (!startedNeo4j) return;
  const { dataDir, pid } = startedNeo4j;
  startedNeo4j = undefined;
  log(`stopping the test Neo4j this run started (${dataDir})`);
  await stopTestNeo4j(dataDir, pid);
}

async function prepareServices(cfg: Config, projects: Project[]): Promise<void> {
  if (projects.every((p) => p === 'unit')) return;
  releaseLock = await acquireTestRunLock(log);
  await ensureRedis(cfg.redisUrl, log);
  if (cfg.neo4j.external) {
    log(`using the Neo4j at NEO4J_URI (${cfg.neo4j.uri}); its data will be wiped and reseeded`);
    return;
  }
  log(
    `starting the test Neo4j on bolt://127.0.0.1:${cfg.neo4j.boltPort} (data in ${cfg.neo4j.dataDir})...`
  );
  const since = Date.now();
  const { pid, started } = await startTestNeo4j(cfg.neo4j, log);
  if (started) startedNeo4j = { dataDir: cfg.neo4j.dataDir, pid };
  const seconds = ((Date.now() - since) / 1000).toFixed(0);
  log(`test Neo4j ${started ? `started in ${seconds} s` : 'was already running'} (pid ${pid})`);
}

function runVitest(projects: Project[], passThrough: string[]): Promise<number> {
  const args = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${path.relative(root, jsonReport)}`,
    ...projects.flatMap((p) => ['--project', p]),
    ...passThrough
  ];
  log(`npx ${args.join(' ')}`);
  return new Promise((resolve) => {
    vitest = spawn('npx', args, {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit']
    });
    vitest.once('error', (error) => {
      console.error(`Could not run vitest: ${error.message}. Run \`npm ci\` first.`);
      resolve(1);
    });
    vitest.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readReport(): JsonReport | undefined {
  if (!existsSync(jsonReport)) return undefined;
  try {
    return JSON.parse(readFileSync(jsonReport, 'utf8')) as JsonReport;
  } catch {
    return undefined;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    if (vitest && vitest.exitCode === null) {
      vitest.kill(signal);
      return;
    }
    void stopOwnNeo4j().finally(() => finish({ passed: 0, failed: 1, skipped: 0 }, 130));
  });
}

await runCli(async () => {
  let projects: Project[] = [];
  let passThrough: string[] = [];
  try {
    ({ projects, passThrough } = parseArgs(process.argv.slice(2)));
    applyTestEnv();
    const cfg = parseConfig();
    await prepareServices(cfg, projects);
  } catch (error) {
    // Say what went wrong, leave nothing running, and still end with the summary line.
    if (
      error instanceof FriendlyError ||
      (error instanceof Error && error.name === 'ConfigError')
    ) {
      // The test environment moves Neo4j with TEST_NEO4J_BOLT_PORT, not NEO4J_BOLT_PORT.
      console.error(
        `\n${error.message.replace(/(?<!TEST_)NEO4J_BOLT_PORT/g, 'TEST_NEO4J_BOLT_PORT')}\n`
      );
    } else {
      console.error(error);
    }
    await stopOwnNeo4j();
    finish({ passed: 0, failed: 1, skipped: 0 });
  }

  rmSync(jsonReport, { force: true });
  mkdirSync(resultsDir, { recursive: true });
  const code = await runVitest(projects, passThrough);
  await stopOwnNeo4j();

  const report = readReport();
  if (!report) {
    console.error(
      `\nvitest exited with code ${code} without writing ${path.relative(root, jsonReport)}; see its output above.\n`
    );
    finish({ passed: 0, failed: 1, skipped: 0 });
  }
  const summary = summarize(report);
  if (code !== 0 && summary.failed === 0) {
    // Errors outside any test (an unhandled rejection, a failing global setup, an interrupt).
    console.error(
      `\nvitest exited with code ${code} although no test failed: see the errors above.\n`
    );
    summary.failed = 1;
  }
  finish(summary, interrupted ? 130 : undefined);
});
