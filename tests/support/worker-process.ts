/**
 * Running the real workers in tests: in-process (`startTestWorkers`, each test file with its own
 * BullMQ prefix so files never see each other's jobs) or as a child process exactly as `npm start`
 * runs it (`spawnWorkerProcess`, for the SIGKILL and end-to-end tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { config } from '../../src/lib/server/config.ts';
import { QUEUES, type QueueName } from '../../workers/catalogue.ts';
import { bullConnection } from '../../workers/connection.ts';
import { startWorkers, type RunningWorkers, type WorkerSettings } from '../../workers/main.ts';
import { ResendTransport } from '../../workers/mail/resend-transport.ts';
import type { FakeResend } from './fake-resend.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** `{teamaround-test}:<name>`: the app's REDIS_PREFIX for one test file (the hash tag is kept). */
export function testRedisPrefix(name: string): string {
  return `${config().redisPrefix}:${name}`;
}

/** The BullMQ prefix the workers derive from a REDIS_PREFIX (see workers/connection.ts). */
export function testBullPrefix(name: string): string {
  return `${testRedisPrefix(name)}:bull`;
}

/** The Resend transport pointed at the fake, as RESEND_API_KEY + RESEND_BASE_URL would make it. */
export function fakeResendTransport(fake: FakeResend): ResendTransport {
  return new ResendTransport({
    apiKey: fake.apiKey,
    baseUrl: fake.url,
    from: config().resend.from
  });
}

export function testWorkerSettings(
  name: string,
  fake: FakeResend,
  overrides: Partial<WorkerSettings> = {}
): WorkerSettings {
  return {
    prefix: testBullPrefix(name),
    transport: fakeResendTransport(fake),
    emailRate: { max: 1000, duration: 1000 },
    concurrency: { events: 8, email: 16, maintenance: 1 },
    sendTimeoutMs: 3000,
    sweepGraceSeconds: 1,
    lockDurationMs: 5000,
    schedules: null,
    ...overrides
  };
}

export async function startTestWorkers(settings: WorkerSettings): Promise<RunningWorkers> {
  return startWorkers(settings);
}

/** Producer queues on a test prefix (for publishing events and reading counts). */
export function testQueues(bullPrefix: string): {
  queues: Record<QueueName, Queue>;
  close(): Promise<void>;
} {
  const connection = bullConnection();
  const queues = Object.fromEntries(
    Object.values(QUEUES).map((name) => {
      const queue = new Queue(name, { connection, prefix: bullPrefix });
      queue.on('error', (error) => console.error(`[test queue ${name}]`, error.message));
      return [name, queue];
    })
  ) as Record<QueueName, Queue>;
  return {
    queues,
    async close() {
      await Promise.allSettled(Object.values(queues).map((q) => q.close()));
      connection.disconnect();
    }
  };
}

/** Removes every key of a test prefix's queues. */
export async function obliterate(bullPrefix: string): Promise<void> {
  const { queues, close } = testQueues(bullPrefix);
  try {
    for (const queue of Object.values(queues)) {
      await queue.obliterate({ force: true }).catch(() => undefined);
    }
  } finally {
    await close();
  }
}

export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the workers of a process spawned as a warm standby (`standby: true`). */
  go(): void;
}

/**
 * `node --import tsx workers/main.ts` with the test environment plus `env`; output is appended to
 * test-results/<logName>.log.
 */
export function spawnWorkerProcess(
  env: NodeJS.ProcessEnv,
  logName: string,
  options: { standby?: boolean } = {}
): WorkerProcess {
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const log = createWriteStream(path.join(root, 'test-results', `${logName}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'workers/main.ts')], {
    cwd: root,
    env: { ...process.env, ...env, WORKER_START_ON_STDIN: options.standby ? '1' : '' },
    stdio: [options.standby ? 'pipe' : 'ignore', 'pipe', 'pipe']
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  );
  return {
    child,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    go() {
      child.stdin?.write('go\n');
    }
  };
}

/** Resolves once the worker process says its workers are running. */
export function workerReady(worker: WorkerProcess, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`Worker process not ready within ${timeoutMs} ms:\n${output}`)),
      timeoutMs
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Workers running')) {
        clearTimeout(timer);
        worker.child.stdout?.off('data', onData);
        resolve();
      }
    };
    worker.child.stdout?.on('data', onData);
    void worker.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Worker process exited (${code}) before it was ready:\n${output}`));
    });
  });
}
