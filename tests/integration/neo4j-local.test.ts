/**
 * The failure modes of the local services, each answered with one paragraph that says what
 * happened and what to do, never a stack trace. `scripts/db.ts start` runs as a child process
 * with a controlled PATH, a temporary data folder, a free port and (where the install must run) a
 * temporary NEO4J_CACHE_DIR, so nothing here touches the real cache, the dev or the test Neo4j.
 */
import { execFile, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import net from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import '../support/db.ts';
import { config } from '../../src/lib/server/config.ts';
import { FriendlyError } from '../../scripts/lib/friendly-error.ts';
import { cacheDir } from '../../scripts/lib/neo4j-local.ts';
import { ensureRedis } from '../../scripts/lib/redis-local.ts';
import { freePort } from '../support/free-port.ts';

const root = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `teamaround-${name}-`));
  temps.push(dir);
  return dir;
}

function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? realpathSync(found) : undefined;
}

/** A folder to use as PATH, holding links to the named real commands and the given scripts. */
function binDir(links: string[], scripts: Record<string, string> = {}): string {
  const dir = tempDir('bin');
  for (const command of links) {
    const target = which(command);
    if (!target) throw new Error(`${command} is not installed`);
    symlinkSync(target, path.join(dir, command));
  }
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node --import tsx scripts/db.ts <args>` with exactly this environment (nothing inherited). */
function db(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/db.ts', ...args],
      {
        cwd: root,
        env: { HOME: homedir(), NODE_ENV: 'test', ...env },
        encoding: 'utf8',
        timeout: 150_000
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      }
    );
  });
}

async function startEnv(overrides: Record<string, string>): Promise<Record<string, string>> {
  return {
    PATH: tempDir('empty-path'),
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_DATA_DIR: tempDir('data'),
    NEO4J_CACHE_DIR: tempDir('cache'),
    NEO4J_PASSWORD: 'failure-mode-test',
    REDIS_URL: config().redisUrl,
    ...overrides
  };
}

/** One paragraph for a person: no stack frames, no blank line inside, mentions what to do. */
function expectFriendly(run: Run, ...patterns: RegExp[]): void {
  expect(run.code, run.stderr).toBe(1);
  const message = run.stderr.trim();
  expect(message).not.toMatch(/^\s+at /m);
  expect(message).not.toContain('    at ');
  expect(message).not.toMatch(/\n\s*\n/);
  for (const pattern of patterns) expect(message).toMatch(pattern);
}

const haveJava = which('java') !== undefined && which('javac') !== undefined;

describe('npm run db:start failure modes', () => {
  it('a port in use', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const run = await db(
        ['start'],
        await startEnv({ PATH: process.env.PATH ?? '', NEO4J_BOLT_PORT: String(port) })
      );
      expectFriendly(
        run,
        new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`),
        /NEO4J_BOLT_PORT/
      );
    } finally {
      server.close();
    }
  });

  it('Java missing', async () => {
    const run = await db(['start'], await startEnv({}));
    expectFriendly(
      run,
      /Java was not found/,
      /apt-get install openjdk-17-jdk-headless/,
      /NEO4J_URI/
    );
  });

  it.skipIf(!haveJava)('the Java compiler missing', async () => {
    const run = await db(['start'], await startEnv({ PATH: binDir(['java']) }));
    expectFriendly(run, /javac\) was not found/, /full JDK/);
  });

  it.skipIf(!haveJava)('Maven missing', async () => {
    const run = await db(['start'], await startEnv({ PATH: binDir(['java', 'javac']) }));
    expectFriendly(run, /Maven \(mvn\) was not found/, /apt-get install maven/);
  });

  it.skipIf(!haveJava)('a failed download leaves nothing half-installed', async () => {
    const mvn = [
      'if [ "$1" = "-v" ]; then echo "Apache Maven 3.8.7"; exit 0; fi',
      'echo "[ERROR] Failed to execute goal on project neo4j-local: Could not transfer artifact org.neo4j:neo4j:pom:5.26.0 from/to central (https://repo.maven.apache.org/maven2): Connection refused"',
      'exit 1'
    ].join('\n');
    const env = await startEnv({ PATH: binDir(['java', 'javac'], { mvn }) });
    const run = await db(['start'], env);
    expectFriendly(
      run,
      /Downloading Neo4j with Maven failed/,
      /Could not transfer artifact/,
      /reach Maven Central/,
      /nothing was half-installed/
    );
    expect(readdirSync(env.NEO4J_CACHE_DIR as string)).toEqual([]);
  });

  it('a server that crashes while starting', async () => {
    // An installed cache (the launcher never runs) and a `java` that dies at once.
    const env = await startEnv({
      PATH: binDir([], {
        java: 'echo "Error: Could not find or load main class Neo4jLocal" >&2\necho "Caused by: java.lang.ClassNotFoundException: Neo4jLocal" >&2\nexit 1'
      })
    });
    const installed = cacheDir(env.NEO4J_CACHE_DIR);
    mkdirSync(installed, { recursive: true });
    writeFileSync(path.join(installed, 'ready'), 'test');
    const run = await db(['start'], env);
    expectFriendly(
      run,
      /Neo4j stopped while starting/,
      /Could not find or load main class Neo4jLocal/,
      /move .* aside/,
      /NEO4J_HEAP_MB/
    );
  });

  it.skipIf(!haveJava || !existsSync(path.join(cacheDir(), 'ready')))(
    'the real launcher failing on an unusable data folder',
    async () => {
      const dataDir = tempDir('bad-data');
      // The launcher keeps the DBMS in <data>/dbms: make that a file.
      writeFileSync(path.join(dataDir, 'dbms'), 'not a folder');
      const run = await db(
        ['start'],
        await startEnv({
          PATH: process.env.PATH ?? '',
          NEO4J_DATA_DIR: dataDir,
          NEO4J_CACHE_DIR: '',
          NEO4J_HEAP_MB: '256',
          NEO4J_PAGECACHE_MB: '64'
        })
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Neo4j stopped while starting/);
      expect(run.stderr).toMatch(/FileAlreadyExistsException|dbms/);
      expect(run.stderr).not.toContain('    at ');
    }
  );
});

describe('Redis', () => {
  it('nothing answering and no redis-server to start: says what to install', async () => {
    const port = await freePort();
    const savedPath = process.env.PATH;
    process.env.PATH = tempDir('no-redis-path');
    try {
      const error = await ensureRedis(`redis://127.0.0.1:${port}`, () => undefined).then(
        () => undefined,
        (e: unknown) => e
      );
      expect(error).toBeInstanceOf(FriendlyError);
      const message = (error as FriendlyError).message;
      expect(message).toContain(`Nothing answers at REDIS_URL (redis://127.0.0.1:${port})`);
      expect(message).toMatch(/apt-get install redis-server/);
      expect(message).not.toContain('\n');
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('the test Redis answers', async () => {
    await expect(ensureRedis(config().redisUrl, () => undefined)).resolves.toBe('running');
  });
});

describe('npm run db:status / db:stop', () => {
  it('reports a server that is not running', async () => {
    const env = await startEnv({ PATH: process.env.PATH ?? '' });
    const run = await db(['status'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      `Neo4j: not running; port ${env.NEO4J_BOLT_PORT} does not answer; data in ${env.NEO4J_DATA_DIR}`
    );
    const stop = await db(['stop'], env);
    expect(stop.code).toBe(0);
    expect(stop.stdout.trim()).toBe('Neo4j was not running.');
  });

  it('reports the running test Neo4j', async () => {
    const cfg = config().neo4j;
    const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
    if (cfg.external) env.NEO4J_URI = cfg.uri;
    else Object.assign(env, { NEO4J_BOLT_PORT: String(cfg.boltPort), NEO4J_DATA_DIR: cfg.dataDir });
    const run = await db(['status'], env);
    expect(run.code).toBe(0);
    if (cfg.external) {
      expect(run.stdout).toContain(`Neo4j: external server ${cfg.uri}`);
    } else {
      expect(run.stdout).toMatch(
        new RegExp(
          `Neo4j: running \\(pid \\d+\\); port ${cfg.boltPort} answers; data in ${cfg.dataDir}`
        )
      );
    }
  });

  it('refuses to start or stop a server it does not run when NEO4J_URI is set', async () => {
    const run = await db(['stop'], {
      PATH: process.env.PATH ?? '',
      NEO4J_URI: 'bolt://127.0.0.1:1'
    });
    expectFriendly(run, /NEO4J_URI is set/);
  });
});
