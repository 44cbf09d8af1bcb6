/**
 * Provisions and runs the project's own Neo4j: jars from Maven Central (cached in .cache/neo4j),
 * the launcher graph/neo4j-local/Neo4jLocal.java, data in a git-ignored folder that survives
 * restarts. Used by `npm start`, `npm run db:*` and the test setup (own port and folder).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { FriendlyError } from './friendly-error.ts';

const root = path.resolve(import.meta.dirname, '../..');
const pomPath = path.join(root, 'graph/neo4j-local/pom.xml');
const launcherSource = path.join(root, 'graph/neo4j-local/Neo4jLocal.java');

export interface LocalNeo4jOptions {
  dataDir: string;
  port: number;
  password: string;
  heapMiB: number;
  pagecacheMiB: number;
  log?: (line: string) => void;
}

/**
 * Where the jars and the compiled launcher live. NEO4J_CACHE_DIR moves it (the tests point it at an
 * empty folder to exercise a first install without touching the real cache).
 */
export function cacheDir(
  base = process.env.NEO4J_CACHE_DIR || path.join(root, '.cache/neo4j')
): string {
  // Keyed by the pom and launcher contents so a version bump fetches and compiles afresh.
  const hash = createHash('sha256')
    .update(readFileSync(pomPath))
    .update(readFileSync(launcherSource))
    .digest('hex')
    .slice(0, 12);
  return path.join(path.resolve(root, base), hash);
}

function haveCommand(cmd: string, args: string[]): boolean {
  const result = spawnSync(cmd, args, { stdio: 'ignore' });
  return result.status === 0;
}

function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** Downloads the jars (first run only) and compiles the launcher. Returns the cache folder. */
export function ensureNeo4jInstalled(log: (line: string) => void = console.log): string {
  const dir = cacheDir();
  if (existsSync(path.join(dir, 'ready'))) return dir;

  const java = javaMajorVersion();
  if (java === undefined) {
    throw new FriendlyError(
      'Java was not found. The local Neo4j runs on Java 17 or newer: install it (on Debian: `apt-get install openjdk-17-jdk-headless`) or set NEO4J_URI to use a Neo4j server you already have.'
    );
  }
  if (java < 17) {
    throw new FriendlyError(
      `Java ${java} is too old: Neo4j 5.26 needs Java 17 or newer. Install a newer JDK and put it first on PATH (or set JAVA_HOME), or set NEO4J_URI to use an existing Neo4j server.`
    );
  }
  if (!haveCommand('javac', ['-version'])) {
    throw new FriendlyError(
      'The Java compiler (javac) was not found; it is needed once to build the small Neo4j launcher. Install a full JDK (on Debian: `apt-get install openjdk-17-jdk-headless`), or set NEO4J_URI to use an existing Neo4j server.'
    );
  }
  if (!haveCommand('mvn', ['-v'])) {
    throw new FriendlyError(
      'Maven (mvn) was not found. It downloads Neo4j from Maven Central the first time (about 120 MB). Install it (on Debian: `apt-get install maven`) or set NEO4J_URI to use an existing Neo4j server.'
    );
  }

  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.join(staging, 'lib'), { recursive: true });
  log('Downloading Neo4j 5.26 and APOC from Maven Central (first run only, about 120 MB)...');
  const mvn = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      pomPath,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${path.join(staging, 'lib')}`
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
  );
  if (mvn.status !== 0) {
    const detail = `${mvn.stdout}\n${mvn.stderr}`
      .split('\n')
      .filter((l) => /ERROR/.test(l))
      .slice(0, 3)
      .join(' ')
      .slice(0, 400);
    rmSync(staging, { recursive: true, force: true });
    throw new FriendlyError(
      `Downloading Neo4j with Maven failed (${detail || `mvn exited with ${mvn.status}`}). Check that this machine can reach Maven Central (or a mirror set in ~/.m2/settings.xml), then run the command again; nothing was half-installed. Alternatively set NEO4J_URI to use an existing Neo4j server.`
    );
  }
  // A packaged server puts plugins/* on its classpath and also scans it for procedures.
  mkdirSync(path.join(staging, 'plugins'));
  for (const jar of readdirSync(path.join(staging, 'lib')).filter((f) => f.startsWith('apoc-'))) {
    renameSync(path.join(staging, 'lib', jar), path.join(staging, 'plugins', jar));
  }
  mkdirSync(path.join(staging, 'classes'));
  const javac = spawnSync(
    'javac',
    ['-d', path.join(staging, 'classes'), '-cp', `${path.join(staging, 'lib')}/*`, launcherSource],
    { encoding: 'utf8' }
  );
  if (javac.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new FriendlyError(`Compiling the Neo4j launcher failed: ${javac.stderr.slice(0, 400)}`);
  }
  writeFileSync(path.join(staging, 'ready'), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  log(`Neo4j is installed in ${path.relative(root, dir) || dir}.`);
  return dir;
}

export function boltAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function pidFile(dataDir: string): string {
  return path.join(dataDir, 'neo4j.pid');
}

export function runningPid(dataDir: string): number | undefined {
  const file = pidFile(path.resolve(root, dataDir));
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function logTail(file: string, lines = 12): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts the server in its own process (detached, so `npm run db:start` can return) and waits
 * until Bolt answers. Reuses a server already running from the same data folder.
 */
export async function startLocalNeo4j(
  opts: LocalNeo4jOptions
): Promise<{ pid: number; reused: boolean }> {
  const log = opts.log ?? console.log;
  const dataDir = path.resolve(root, opts.dataDir);
  const existing = runningPid(opts.dataDir);
  if (existing !== undefined && (await boltAnswers(opts.port)))
    return { pid: existing, reused: true };
  if (await boltAnswers(opts.port)) {
    throw new FriendlyError(
      `Port ${opts.port} on 127.0.0.1 is already in use by another program, so the local Neo4j cannot listen there. Stop that program, or choose another port with NEO4J_BOLT_PORT, or set NEO4J_URI if it is a Neo4j server you want to use.`
    );
  }
  const dir = ensureNeo4jInstalled(log);
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'neo4j.log');
  const out = openSync(logFile, 'w');
  const child = spawn(
    'java',
    [
      `-Xms${Math.min(opts.heapMiB, 512)}m`,
      `-Xmx${opts.heapMiB}m`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-Dfile.encoding=UTF-8',
      '-cp',
      [
        path.join(dir, 'classes'),
        `${path.join(dir, 'lib')}/*`,
        `${path.join(dir, 'plugins')}/*`
      ].join(path.delimiter),
      'Neo4jLocal',
      path.join(dataDir, 'dbms'),
      path.join(dir, 'plugins'),
      String(opts.port),
      opts.password,
      String(opts.pagecacheMiB)
    ],
    { detached: true, stdio: ['ignore', out, out] }
  );
  child.unref();
  const pid = child.pid;
  if (pid === undefined)
    throw new FriendlyError('The Java process for Neo4j could not be started.');
  writeFileSync(pidFile(dataDir), String(pid));

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    if (text.includes('NEO4J_LOCAL_ERROR port-in-use')) {
      throw new FriendlyError(
        `Port ${opts.port} on 127.0.0.1 is already in use, so the local Neo4j cannot listen there. Stop the program using it or choose another port with NEO4J_BOLT_PORT.`
      );
    }
    if (text.includes('NEO4J_LOCAL_READY') && (await boltAnswers(opts.port)))
      return { pid, reused: false };
    try {
      process.kill(pid, 0);
    } catch {
      throw new FriendlyError(
        `Neo4j stopped while starting. The last lines of its log (${path.relative(root, logFile)}) were:\n${logTail(logFile)}\nIf the store is damaged, stop everything and move ${path.relative(root, dataDir)} aside to start from an empty database; if memory is short, lower NEO4J_HEAP_MB / NEO4J_PAGECACHE_MB.`
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new FriendlyError(
    `Neo4j did not become ready within 2 minutes; see ${path.relative(root, logFile)}.`
  );
}

/** Stops the server gracefully (SIGTERM runs Neo4j's shutdown hook), then forcibly after `graceMs`. */
export async function stopLocalNeo4j(dataDirOption: string, graceMs = 30_000): Promise<boolean> {
  const pid = runningPid(dataDirOption);
  if (pid === undefined) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(pidFile(path.resolve(root, dataDirOption)), { force: true });
      return true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(pid, 'SIGKILL');
  rmSync(pidFile(path.resolve(root, dataDirOption)), { force: true });
  return true;
}
